// The `command` stage kind: any command as a gate, run as a real child process (no shell unless asked).
import { lstatSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { z } from 'zod';
import { resolveInside } from '../../core/inside-path.js';
import { shellArgv } from '../../core/process-runner.js';
import type { StageKind } from '../../core/stage-kind.js';
import { givenPathProblems, resolvePath } from '../../core/stage-validation.js';

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

/** Programs that run a script file named among their arguments. */
const INTERPRETERS = new Set(['node', 'nodejs', 'deno', 'bun', 'tsx', 'ts-node', 'python', 'python3', 'bash', 'sh', 'dash', 'zsh', 'ruby', 'perl', 'php', 'pwsh']);

/**
 * The workspace files a command runs, which it reads whatever its declared inputs say: the program when it is a path
 * (`./gradlew`, `scripts/check.sh`) and the script an interpreter is given (`node scripts/check.mjs`). For a string
 * command, its first simple command. Workspace-relative paths of regular files inside the workspace.
 */
export function scriptsOf(run: CommandOptions['run'], cwd: string, workspace: string): string[] {
  const words = typeof run === 'string' ? (run.split(/[;&|\n]/)[0] ?? '').trim().split(/\s+/).filter(Boolean) : run;
  const [program, ...args] = words;
  if (!program) return [];
  const named = program.includes('/') ? [program] : [];
  if (INTERPRETERS.has(path.basename(program))) {
    const script = args.filter((a) => !a.startsWith('-')).find((a) => fileInside(workspace, path.resolve(cwd, a)) !== null);
    if (script) named.push(script);
  }
  return named.map((w) => fileInside(workspace, path.resolve(cwd, w))).filter((p): p is string => p !== null);
}

function fileInside(workspace: string, abs: string): string | null {
  const inside = resolveInside(workspace, abs);
  if (!inside.ok) return null;
  try {
    if (!lstatSync(abs).isFile()) return null;
  } catch {
    return null;
  }
  const rel = path.relative(workspace, abs).split(path.sep).join('/');
  // A name a glob would read otherwise is left to the declared inputs.
  return picomatch.scan(rel).isGlob ? null : rel;
}

function cwdOf(workspace: string, cwd: string | undefined) {
  // Checked after resolving links (a cwd that is a symlink to /etc must not run there), and that it is a folder: a
  // missing one would fail the spawn as if the program were missing.
  return resolvePath(workspace, cwd ?? '.', 'folder');
}

export const commandStage: StageKind<CommandOptions> = {
  name: 'command',
  description: 'Runs a command; exit code 0 passes the gate.',
  options: CommandOptions,

  async inputs(options, env) {
    if (options.inputs.length === 0) return null;
    // The scripts it runs are inputs by construction, whether or not the globs name them.
    const cwd = cwdOf(env.workspace, options.cwd);
    return { files: [...options.inputs, ...(cwd.ok ? scriptsOf(options.run, cwd.abs, env.workspace) : [])] };
  },

  async validate(options, env) {
    return givenPathProblems(options, env, [{ path: ['cwd'], wanted: 'folder' }]);
  },
  whyNotReusable: () => 'no inputs declared: list the files its result depends on in `with.inputs` (the scripts it runs are added) so that an unchanged result can be reused',

  async run(ctx) {
    const o = ctx.options;
    const shell = typeof o.run === 'string';
    const argv = typeof o.run === 'string' ? shellArgv(o.run) : o.run;
    const inside = cwdOf(ctx.workspace, o.cwd);
    if (!inside.ok) return { state: 'errored', reason: `cwd ${inside.reason}` };
    const cwd = inside.abs;
    // Read by the command whatever its inputs say: checked against the digest after the run.
    await ctx.reads.note(scriptsOf(o.run, cwd, ctx.workspace));
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
