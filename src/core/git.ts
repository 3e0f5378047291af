// Thin helpers over the git command line (real git, as tests use real repositories).
import { execFile } from 'node:child_process';

export interface GitResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

export function git(cwd: string, args: readonly string[], maxBuffer = 512 * 1024 * 1024): Promise<GitResult> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, maxBuffer, encoding: 'utf8', env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' } }, (err, stdout, stderr) => {
      resolve({ ok: !err, stdout, stderr });
    });
  });
}

export async function gitOut(cwd: string, args: readonly string[]): Promise<string | undefined> {
  const r = await git(cwd, args);
  return r.ok ? r.stdout.trim() : undefined;
}

export async function isGitRepo(cwd: string): Promise<boolean> {
  return (await gitOut(cwd, ['rev-parse', '--is-inside-work-tree'])) === 'true';
}
