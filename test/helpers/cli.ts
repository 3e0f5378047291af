// Runs the andon CLI in-process (fast) or as the bundled binary (real process, signals, exit codes).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { inject } from 'vitest';
import { main } from '../../src/cli/main.js';
import { makeStyle } from '../../src/report/style.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const fullEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...env };
  const code = await main(args, {
    cwd,
    env: fullEnv,
    out: (t) => (stdout += t),
    err: (t) => (stderr += t),
    style: makeStyle(false, fullEnv),
    isTty: false,
    signal: new AbortController().signal,
  });
  return { code, stdout, stderr };
}

export function distCli(): string {
  return path.join(inject('distDir'), 'cli.js');
}

export function spawnCli(args: string[], cwd: string, env: Record<string, string | undefined> = {}): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [distCli(), ...args], { cwd, env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<CliResult>((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr })));
  return { child, done };
}
