// Runs a dist/ entry exactly as the runner does: INPUT_* and STATE_* variables, the GITHUB_* files, workflow commands on stdout.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface StepOptions {
  distDir: string;
  entry: string;
  /** Service and run environment (ActionsEmulator.stepEnv) plus GITHUB_WORKSPACE, RUNNER_TEMP, ... */
  env: Record<string, string>;
  inputs?: Record<string, string>;
  /** STATE_* values the runner hands a post step (what the main step saved). */
  state?: Record<string, string>;
  event?: { name: string; payload: unknown };
  timeoutMs?: number;
  /** Send this signal when the predicate on stdout so far first holds (the runner cancelling a step). */
  cancel?: { when: (stdout: string) => boolean; signal: NodeJS.Signals };
}

export interface StepResult {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  state: Record<string, string>;
  summary: string;
  /** Workflow commands the step printed (::error, ::warning, ::notice ...), with properties parsed. */
  commands: { command: string; props: Record<string, string>; message: string }[];
  ms: number;
}

/** Parses the heredoc form the runner reads from GITHUB_OUTPUT / GITHUB_STATE (and the simple name=value form). */
export function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const m = /^([^=<]+)<<(.+)$/.exec(line);
    if (m) {
      const [, name, delim] = m;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delim; i++) value.push(lines[i] ?? '');
      out[name!] = value.join('\n');
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}

function unescape(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
}

/**
 * The workflow commands the runner would obey in a step's stdout, read as the runner reads them: lines end at \r, \n
 * or \r\n (.NET ReadLine), leading whitespace is trimmed, `::cmd props::msg` and the legacy `##[cmd props]msg` both
 * count, and nothing counts between `::stop-commands::<token>` and `::<token>::`.
 */
export function parseCommands(stdout: string): StepResult['commands'] {
  const out: StepResult['commands'] = [];
  let stopToken: string | null = null;
  for (const raw of stdout.split(/\r\n|\r|\n/)) {
    const line = raw.trimStart();
    if (stopToken) {
      if (line.trimEnd() === `::${stopToken}::`) stopToken = null;
      continue;
    }
    const legacy = /^##\[([a-z-]+)(?: ([^\]]*))?\](.*)$/.exec(line);
    if (legacy) {
      out.push({ command: `legacy:${legacy[1]}`, props: {}, message: legacy[3] ?? '' });
      continue;
    }
    const m = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m) continue;
    const [, command, rawProps, message] = m;
    if (command === 'stop-commands') {
      stopToken = message ?? null;
      continue;
    }
    const props: Record<string, string> = {};
    for (const p of (rawProps ?? '').split(',').filter(Boolean)) {
      const i = p.indexOf('=');
      props[p.slice(0, i)] = unescape(p.slice(i + 1));
    }
    out.push({ command: command!, props, message: unescape(message ?? '') });
  }
  return out;
}

export async function runStep(o: StepOptions): Promise<StepResult> {
  const dir = await mkdtemp(path.join(tmpdir(), 'andon-step-'));
  const files = {
    GITHUB_OUTPUT: path.join(dir, 'output'),
    GITHUB_STATE: path.join(dir, 'state'),
    GITHUB_STEP_SUMMARY: path.join(dir, 'summary.md'),
    GITHUB_EVENT_PATH: path.join(dir, 'event.json'),
  };
  for (const f of Object.values(files)) await writeFile(f, '');
  await writeFile(files.GITHUB_EVENT_PATH, JSON.stringify(o.event?.payload ?? {}));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    ...o.env,
    ...files,
    GITHUB_EVENT_NAME: o.event?.name ?? 'push',
  };
  for (const [k, v] of Object.entries(o.inputs ?? {})) env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
  for (const [k, v] of Object.entries(o.state ?? {})) env[`STATE_${k}`] = v;
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(o.distDir, `${o.entry}.js`)], { env, cwd: o.env.GITHUB_WORKSPACE ?? dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let cancelled = false;
  child.stdout.on('data', (c: Buffer) => {
    stdout += c.toString();
    if (o.cancel && !cancelled && o.cancel.when(stdout)) {
      cancelled = true;
      child.kill(o.cancel.signal);
    }
  });
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`step ${o.entry} did not end within ${o.timeoutMs ?? 60_000} ms\n${stdout}\n${stderr}`));
    }, o.timeoutMs ?? 60_000);
    child.on('close', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  const ms = performance.now() - started;
  return {
    code,
    stdout,
    stderr,
    outputs: parseFileCommands(await readFile(files.GITHUB_OUTPUT, 'utf8')),
    state: parseFileCommands(await readFile(files.GITHUB_STATE, 'utf8')),
    summary: await readFile(files.GITHUB_STEP_SUMMARY, 'utf8'),
    commands: parseCommands(stdout),
    ms,
  };
}
