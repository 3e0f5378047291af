// Runs a real child process: no shell unless asked, output tee'd line by line (masked) to a log, timeout and cancel.
import { spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { stripAnsi } from './ansi.js';
import { Masker } from './mask.js';

export { stripAnsi } from './ansi.js';

/** The Node binary running Andon: children that run Andon's own scripts use it, whatever `node` is on PATH. */
export const ANDON_NODE = process.execPath;

/** How long the processes of a stopped command get between TERM and KILL. */
export const KILL_GRACE_MS = 2000;
/** A line longer than this without a newline is written in pieces, so memory stays bounded. */
const MAX_LINE_CHARS = 64 * 1024;

export interface RunProcessOptions {
  cwd: string;
  env?: Readonly<Record<string, string | undefined>>;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Append the (masked) output to this file. */
  logFile?: string;
  masker?: Masker;
  /** Each masked output line as it arrives. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** Keep at most this many trailing characters of output in the result. */
  tailChars?: number;
  /** Also keep the raw stdout (unmasked) in the result, for tools that print JSON. */
  captureStdout?: boolean;
  maxCaptureBytes?: number;
}

export interface ProcessResult {
  argv: string[];
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  cancelled: boolean;
  /** The process could not be started at all (e.g. ENOENT). */
  spawnError?: string;
  durationMs: number;
  tail: string;
  stdout?: string;
  /** Writing the log failed (a full disk, a file-size limit): the output from then on is not in the log. */
  logError?: NodeJS.ErrnoException;
}

export interface ProcessRunner {
  run(argv: readonly string[], options: RunProcessOptions): Promise<ProcessResult>;
}

/** The argv that runs a command given as a string: an explicit shell, so the record can say so. */
export function shellArgv(command: string): string[] {
  return ['bash', '-c', command];
}

class LineSplitter {
  private rest = '';
  constructor(
    private readonly emit: (line: string) => void,
    private readonly masker: Masker,
  ) {}
  push(chunk: string): void {
    const text = this.rest + chunk;
    const lines = text.split('\n');
    this.rest = lines.pop() ?? '';
    for (const l of lines) this.emit(l);
    if (this.rest.length > MAX_LINE_CHARS) {
      // Cut where no secret or colour code straddles the cut, so each piece is masked whole.
      const cut = this.masker.safeCut(this.rest, this.rest.length - this.masker.longestForm - 256);
      this.emit(this.rest.slice(0, cut));
      this.rest = this.rest.slice(cut);
    }
  }
  end(): void {
    if (this.rest) this.emit(this.rest);
    this.rest = '';
  }
}

/** The log a command's output is appended to. A write that fails (a full disk, a file-size limit) must not end the
 * process: the failure is kept for the result, and the command goes on with its output in the tail only. */
class AppendLog {
  private stream: WriteStream | undefined;
  error: NodeJS.ErrnoException | undefined;
  constructor(file: string) {
    this.stream = createWriteStream(file, { flags: 'a' });
    this.stream.on('error', (e: NodeJS.ErrnoException) => {
      this.error ??= e;
      this.stream = undefined;
    });
  }
  write(text: string): void {
    this.stream?.write(text);
  }
  /** Calls `done` once everything is written or the writing failed (end's callback also comes on a failure). */
  end(done: () => void): void {
    if (!this.stream) return done();
    this.stream.end((e?: NodeJS.ErrnoException | null) => {
      if (e) this.error ??= e;
      done();
    });
  }
}

export const nodeProcessRunner: ProcessRunner = {
  run(argv, options) {
    const started = performance.now();
    const masker = options.masker ?? new Masker();
    const tailChars = options.tailChars ?? 8000;
    let tail = '';
    const log = options.logFile ? new AppendLog(options.logFile) : undefined;
    const stdoutChunks: Buffer[] = [];
    let stdoutBytes = 0;
    const maxCapture = options.maxCaptureBytes ?? 256 * 1024 * 1024;

    return new Promise<ProcessResult>((resolve) => {
      let timedOut = false;
      let cancelled = false;
      let spawnError: string | undefined;
      const [cmd, ...args] = argv;
      if (!cmd) throw new Error('empty argv');
      const child = spawn(cmd, args, {
        cwd: options.cwd,
        env: (options.env ?? process.env) as NodeJS.ProcessEnv,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: process.platform !== 'win32',
      });
      const killTree = (sig: NodeJS.Signals) => {
        if (child.pid === undefined) return;
        try {
          process.kill(-child.pid, sig);
        } catch {
          try { child.kill(sig); } catch { /* already gone */ }
        }
      };
      const onLine = (stream: 'stdout' | 'stderr') => (raw: string) => {
        const line = raw.replace(/\r$/, '');
        // Logs and tails are read by people and parsers later: without terminal colour codes. Masked once the
        // codes are gone, so a secret split by a colour code is found all the same.
        const plain = masker.mask(stripAnsi(line));
        tail += plain + '\n';
        if (tail.length > tailChars * 2) tail = tail.slice(-tailChars);
        log?.write(plain + '\n');
        // The console keeps its colours; the masker looks through them.
        options.onLine?.(masker.mask(line), stream);
      };
      const out = new LineSplitter(onLine('stdout'), masker);
      const err = new LineSplitter(onLine('stderr'), masker);
      child.stdout.setEncoding('utf8');
      child.stderr.setEncoding('utf8');
      child.stdout.on('data', (c: string) => {
        if (options.captureStdout && stdoutBytes < maxCapture) {
          const b = Buffer.from(c);
          stdoutBytes += b.length;
          stdoutChunks.push(b);
        }
        out.push(c);
      });
      child.stderr.on('data', (c: string) => err.push(c));

      let timer: NodeJS.Timeout | undefined;
      let killTimer: NodeJS.Timeout | undefined;
      let killAt: number | null = null;
      const stop = () => {
        if (killAt !== null) return;
        killTree('SIGTERM');
        killAt = performance.now() + KILL_GRACE_MS;
        killTimer = setTimeout(() => killTree('SIGKILL'), KILL_GRACE_MS);
      };
      /** Whether any process of the child's group is still there (the child itself may be gone). */
      const groupAlive = (): boolean => {
        if (child.pid === undefined || process.platform === 'win32') return false;
        try {
          process.kill(-child.pid, 0);
          return true;
        } catch {
          return false;
        }
      };
      if (options.timeoutMs && options.timeoutMs > 0) {
        timer = setTimeout(() => { timedOut = true; stop(); }, options.timeoutMs);
      }
      const onAbort = () => { cancelled = true; stop(); };
      if (options.signal) {
        if (options.signal.aborted) onAbort();
        else options.signal.addEventListener('abort', onAbort, { once: true });
      }
      child.on('error', (e) => { spawnError = e.message; });
      child.on('close', (code, sig) => {
        if (timer) clearTimeout(timer);
        if (killTimer) clearTimeout(killTimer);
        options.signal?.removeEventListener('abort', onAbort);
        out.end();
        err.end();
        const finish = () =>
          resolve({
            argv: [...argv],
            exitCode: code,
            signal: sig,
            timedOut,
            cancelled,
            spawnError,
            durationMs: Math.round(performance.now() - started),
            tail: tail.slice(-tailChars),
            stdout: options.captureStdout ? Buffer.concat(stdoutChunks).toString('utf8') : undefined,
            ...(log?.error ? { logError: log.error } : {}),
          });
        const done = () => (log ? log.end(finish) : finish());
        // The child closing its pipes ends nothing else: a grandchild that ignores TERM still gets KILL once the
        // grace is over, before the result is given (a caller that exits then would leave it running).
        if (killAt !== null && groupAlive()) {
          setTimeout(() => {
            killTree('SIGKILL');
            done();
          }, Math.max(0, killAt - performance.now()));
        } else done();
      });
    });
  },
};
