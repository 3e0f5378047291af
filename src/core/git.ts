// Thin helpers over the git command line (real git, as tests use real repositories).
import { execFile } from 'node:child_process';
import { platform } from 'node:os';

export interface GitResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

export type GitEnv = Readonly<Record<string, string | undefined>>;

/** How git is started: in `cwd`; with the caller's environment, in plain C-locale English; else the process's. */
function execOptions(cwd: string, env: GitEnv | undefined, maxBuffer = 512 * 1024 * 1024) {
  return { cwd, maxBuffer, encoding: 'utf8' as const, ...(env ? { env: { ...env, LC_ALL: 'C' } } : {}) };
}

/**
 * Runs git in `cwd`. It never takes the index lock (a read must not block the user's own git), and with the
 * caller's environment it speaks plain C-locale English; without one, git inherits the process's environment.
 */
export function git(cwd: string, args: readonly string[], env?: GitEnv, maxBuffer = 512 * 1024 * 1024): Promise<GitResult> {
  return new Promise((resolve) => {
    execFile('git', ['--no-optional-locks', ...args], execOptions(cwd, env, maxBuffer), (err, stdout, stderr) => {
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

/**
 * Asks git several questions, the answers in order. Each process started from a large Node process costs far more
 * than one started from a shell: on POSIX the questions go to one `/bin/sh` that asks git each in turn; elsewhere
 * (or when the shell cannot be used) to one git process each, in parallel.
 */
export async function askGit(cwd: string, questions: readonly (readonly string[])[], env?: GitEnv): Promise<GitResult[]> {
  const batched = ASKS_IN_ONE_SHELL ? await askInOneShell(cwd, questions, env) : null;
  return batched ?? Promise.all(questions.map((q) => git(cwd, q, env)));
}

/** Whether askGit asks in one shell here (so a question that may go unused costs little). */
export const ASKS_IN_ONE_SHELL = platform() !== 'win32';

/**
 * Each answer is followed by a line with a marker no answer can hold and git's exit code; stderr is dropped (these
 * answers need stdout only). Null when the shell cannot be used. The arguments are quoted for the shell, though they
 * are Andon's own.
 */
function askInOneShell(cwd: string, questions: readonly (readonly string[])[], env?: GitEnv): Promise<GitResult[] | null> {
  // Unguessable when the answers' content (file names, commit messages) was written: node:crypto is not loaded for it,
  // as this module is on the path of `andon --version`.
  const mark = `@andon-${[0, 0, 0, 0].map(() => Math.random().toString(36).slice(2, 12)).join('')}@`;
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const script = questions.map((q) => `git --no-optional-locks ${q.map(quote).join(' ')} 2>/dev/null; printf '\\n%s %s\\n' ${quote(mark)} "$?"`).join('\n');
  return new Promise((resolve) => {
    execFile('/bin/sh', ['-c', script], execOptions(cwd, env), (err, stdout) => {
      if (err) return resolve(null);
      const parts = stdout.split(`\n${mark} `);
      if (parts.length !== questions.length + 1) return resolve(null);
      const answers: GitResult[] = [];
      for (let i = 0; i < questions.length; i++) {
        const text = i === 0 ? parts[0]! : parts[i]!.slice(parts[i]!.indexOf('\n') + 1);
        const code = parts[i + 1]!.slice(0, parts[i + 1]!.indexOf('\n'));
        answers.push({ ok: code === '0', stdout: text, stderr: '' });
      }
      resolve(answers);
    });
  });
}
