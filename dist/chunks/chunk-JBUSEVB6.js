import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  Masker,
  stripAnsi
} from "./chunk-MGRT4P43.js";

// src/core/process-runner.ts
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
var ANDON_NODE = process.execPath;
var KILL_GRACE_MS = 2e3;
var MAX_LINE_CHARS = 64 * 1024;
function shellArgv(command) {
  return ["bash", "-c", command];
}
var LineSplitter = class {
  constructor(emit, masker) {
    this.emit = emit;
    this.masker = masker;
  }
  emit;
  masker;
  rest = "";
  push(chunk) {
    const text = this.rest + chunk;
    const lines = text.split("\n");
    this.rest = lines.pop() ?? "";
    for (const l of lines) this.emit(l);
    if (this.rest.length > MAX_LINE_CHARS) {
      const cut = this.masker.safeCut(this.rest, this.rest.length - this.masker.longestForm - 256);
      this.emit(this.rest.slice(0, cut));
      this.rest = this.rest.slice(cut);
    }
  }
  end() {
    if (this.rest) this.emit(this.rest);
    this.rest = "";
  }
};
var AppendLog = class {
  stream;
  error;
  constructor(file) {
    this.stream = createWriteStream(file, { flags: "a" });
    this.stream.on("error", (e) => {
      this.error ??= e;
      this.stream = void 0;
    });
  }
  write(text) {
    this.stream?.write(text);
  }
  /** Calls `done` once everything is written or the writing failed (end's callback also comes on a failure). */
  end(done) {
    if (!this.stream) return done();
    this.stream.end((e) => {
      if (e) this.error ??= e;
      done();
    });
  }
};
var nodeProcessRunner = {
  run(argv, options) {
    const started = performance.now();
    const masker = options.masker ?? new Masker();
    const tailChars = options.tailChars ?? 8e3;
    let tail = "";
    const log = options.logFile ? new AppendLog(options.logFile) : void 0;
    const stdoutChunks = [];
    let stdoutBytes = 0;
    const maxCapture = options.maxCaptureBytes ?? 256 * 1024 * 1024;
    return new Promise((resolve) => {
      let timedOut = false;
      let cancelled = false;
      let spawnError;
      const [cmd, ...args] = argv;
      if (!cmd) throw new Error("empty argv");
      const child = spawn(cmd, args, {
        cwd: options.cwd,
        env: options.env ?? process.env,
        stdio: ["ignore", "pipe", "pipe"],
        detached: process.platform !== "win32"
      });
      const killTree = (sig) => {
        if (child.pid === void 0) return;
        try {
          process.kill(-child.pid, sig);
        } catch {
          try {
            child.kill(sig);
          } catch {
          }
        }
      };
      const onLine = (stream) => (raw) => {
        const line = raw.replace(/\r$/, "");
        const plain = masker.mask(stripAnsi(line));
        tail += plain + "\n";
        if (tail.length > tailChars * 2) tail = tail.slice(-tailChars);
        log?.write(plain + "\n");
        options.onLine?.(masker.mask(line), stream);
      };
      const out = new LineSplitter(onLine("stdout"), masker);
      const err = new LineSplitter(onLine("stderr"), masker);
      child.stdout.setEncoding("utf8");
      child.stderr.setEncoding("utf8");
      child.stdout.on("data", (c) => {
        if (options.captureStdout && stdoutBytes < maxCapture) {
          const b = Buffer.from(c);
          stdoutBytes += b.length;
          stdoutChunks.push(b);
        }
        out.push(c);
      });
      child.stderr.on("data", (c) => err.push(c));
      let timer;
      let killTimer;
      let killAt = null;
      const stop = () => {
        if (killAt !== null) return;
        killTree("SIGTERM");
        killAt = performance.now() + KILL_GRACE_MS;
        killTimer = setTimeout(() => killTree("SIGKILL"), KILL_GRACE_MS);
      };
      const groupAlive = () => {
        if (child.pid === void 0 || process.platform === "win32") return false;
        try {
          process.kill(-child.pid, 0);
          return true;
        } catch {
          return false;
        }
      };
      if (options.timeoutMs && options.timeoutMs > 0) {
        timer = setTimeout(() => {
          timedOut = true;
          stop();
        }, options.timeoutMs);
      }
      const onAbort = () => {
        cancelled = true;
        stop();
      };
      if (options.signal) {
        if (options.signal.aborted) onAbort();
        else options.signal.addEventListener("abort", onAbort, { once: true });
      }
      child.on("error", (e) => {
        spawnError = e.message;
      });
      child.on("close", (code, sig) => {
        if (timer) clearTimeout(timer);
        if (killTimer) clearTimeout(killTimer);
        options.signal?.removeEventListener("abort", onAbort);
        out.end();
        err.end();
        const finish = () => resolve({
          argv: [...argv],
          exitCode: code,
          signal: sig,
          timedOut,
          cancelled,
          spawnError,
          durationMs: Math.round(performance.now() - started),
          tail: tail.slice(-tailChars),
          stdout: options.captureStdout ? Buffer.concat(stdoutChunks).toString("utf8") : void 0,
          ...log?.error ? { logError: log.error } : {}
        });
        const done = () => log ? log.end(finish) : finish();
        if (killAt !== null && groupAlive()) {
          setTimeout(() => {
            killTree("SIGKILL");
            done();
          }, Math.max(0, killAt - performance.now()));
        } else done();
      });
    });
  }
};

export {
  ANDON_NODE,
  KILL_GRACE_MS,
  shellArgv,
  nodeProcessRunner
};
