// Thin helpers over the git command line (real git, as tests use real repositories).
import { execFile } from 'node:child_process';

export interface GitResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

export type GitEnv = Readonly<Record<string, string | undefined>>;

/**
 * Runs git in `cwd`. It never takes the index lock (a read must not block the user's own git), and with the
 * caller's environment it speaks plain C-locale English; without one, git inherits the process's environment.
 */
export function git(cwd: string, args: readonly string[], env?: GitEnv, maxBuffer = 512 * 1024 * 1024): Promise<GitResult> {
  return new Promise((resolve) => {
    const options = { cwd, maxBuffer, encoding: 'utf8' as const, ...(env ? { env: { ...env, LC_ALL: 'C' } } : {}) };
    execFile('git', ['--no-optional-locks', ...args], options, (err, stdout, stderr) => {
      resolve({ ok: !err, stdout, stderr });
    });
  });
}

export async function gitOut(cwd: string, args: readonly string[], env?: GitEnv): Promise<string | undefined> {
  const r = await git(cwd, args, env);
  return r.ok ? r.stdout.trim() : undefined;
}

export async function isGitRepo(cwd: string, env?: GitEnv): Promise<boolean> {
  return (await gitOut(cwd, ['rev-parse', '--is-inside-work-tree'], env)) === 'true';
}
