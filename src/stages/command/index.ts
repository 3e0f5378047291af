// The `command` stage kind: any command as a gate, run as a real child process (no shell unless asked).
import path from 'node:path';
import { z } from 'zod';
import { resolveInside } from '../../core/inside-path.js';
import { shellArgv } from '../../core/process-runner.js';
import type { StageKind } from '../../core/stage-kind.js';
import { givenPathProblems } from '../../core/stage-validation.js';

export const CommandOptions = z
  .object({
    run: z
      .union([z.array(z.string()).min(1, 'run needs at least the program'), z.string().min(1)])
      .describe('argv array (no shell), or a string run through an explicit `bash -c` (recorded as such).'),
    inputs: z.array(z.string()).default([]).describe('Globs of the files the result depends on; without them the stage is never reused.'),
    env: z.record(z.string(), z.string()).default({}).describe('Extra environment variables.'),
    timeoutSeconds: z.number().positive().max(24 * 3600).optional().describe('Kill the command after this many seconds (errored).'),
    cwd: z.string().optional().describe('Working directory relative to the workspace.'),
  })
  .strict();
export type CommandOptions = z.infer<typeof CommandOptions>;

export interface CommandResult {
  argv: string[];
  shell: boolean;
  cwd: string;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  durationMs: number;
}

export const commandStage: StageKind<CommandOptions> = {
  name: 'command',
  description: 'Runs a command; exit code 0 passes the gate.',
  options: CommandOptions,

  async inputs(options) {
    if (options.inputs.length === 0) return null;
    return { files: options.inputs };
  },

  async validate(options, env) {
    return givenPathProblems(options, env, [{ path: ['cwd'], wanted: 'folder' }]);
  },

  async run(ctx) {
    const o = ctx.options;
    const shell = typeof o.run === 'string';
    const argv = typeof o.run === 'string' ? shellArgv(o.run) : o.run;
    // Checked after resolving links: a cwd that is a symlink to /etc must not run there.
    const inside = resolveInside(ctx.workspace, o.cwd ?? '.', { allowRoot: true });
    if (!inside.ok) return { state: 'errored', reason: `cwd ${inside.reason}` };
    const cwd = inside.abs;
    ctx.logger.info(`$ ${argv.map(quoteForLog).join(' ')}${shell ? '   (string command: run through bash -c)' : ''}`);
    const res = await ctx.runner.run(argv, {
      cwd,
      env: { ...ctx.env, ...o.env },
      ...(o.timeoutSeconds ? { timeoutMs: o.timeoutSeconds * 1000 } : {}),
    });
    const result: CommandResult = {
      argv,
      shell,
      cwd: path.relative(ctx.workspace, cwd) || '.',
      exitCode: res.exitCode,
      signal: res.signal,
      timedOut: res.timedOut,
      durationMs: res.durationMs,
    };
    const counts = { exitCode: res.exitCode ?? -1, durationMs: res.durationMs };
    if (res.spawnError) {
      return { state: 'errored', reason: `could not start ${argv[0]}: ${res.spawnError}`, result, counts };
    }
    if (res.timedOut) return { state: 'errored', reason: `timed out after ${o.timeoutSeconds}s`, result, counts };
    if (res.cancelled) return { state: 'errored', reason: 'cancelled', result, counts };
    if (res.exitCode === 0) return { state: 'passed', reason: 'exit code 0', result, counts };
    const last = lastMeaningfulLine(res.tail);
    return {
      state: 'failed',
      reason: `${argv[0]} exited with ${res.exitCode === null ? `signal ${res.signal}` : `code ${res.exitCode}`}${last ? `: ${last}` : ''}`,
      result,
      counts,
    };
  },
};

function quoteForLog(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

function lastMeaningfulLine(tail: string): string {
  const lines = tail.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  const l = lines[lines.length - 1] ?? '';
  return l.length > 160 ? l.slice(0, 157) + '...' : l;
}
