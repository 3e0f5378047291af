// Source facts of a run from git and the environment: repo, sha, ref, base, PR, dirty.
import { readFile } from 'node:fs/promises';
import { git, gitOut } from './git.js';

export interface SourceFacts {
  repo: string | null;
  sha: string | null;
  ref: string | null;
  /** The base branch name the change is compared with (e.g. "main"), when known. */
  baseRef: string | null;
  /** merge-base(base, HEAD), when known. */
  baseSha: string | null;
  pr: number | null;
  dirty: boolean;
}

export interface SourceOptions {
  /** Base branch from the config (`base:`) or the command line; else GITHUB_BASE_REF, else origin's HEAD, main, master. */
  base?: string | undefined;
}

export async function readSourceFacts(
  workspace: string,
  env: Readonly<Record<string, string | undefined>>,
  options: SourceOptions = {},
): Promise<SourceFacts> {
  // Independent questions to git, asked at once: this is on every run's start-up path.
  const [headSha, branch, status, pr, remoteRepo] = await Promise.all([
    gitOut(workspace, ['rev-parse', 'HEAD']),
    gitOut(workspace, ['symbolic-ref', '--short', '-q', 'HEAD']),
    git(workspace, ['status', '--porcelain', '--untracked-files=normal', '--', '.', ':(exclude).andon']),
    prNumber(env),
    env.GITHUB_REPOSITORY ? Promise.resolve(env.GITHUB_REPOSITORY) : repoFromRemote(workspace),
  ]);
  const sha = headSha ?? env.GITHUB_SHA ?? null;
  const ref = env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME || branch || null;
  const dirty = status.ok ? status.stdout.trim().length > 0 : false;
  const repo = remoteRepo;
  const { baseRef, baseSha } = await resolveBase(workspace, env, options.base, ref);
  return { repo, sha, ref, baseRef, baseSha, pr, dirty };
}

async function resolveBase(
  workspace: string,
  env: Readonly<Record<string, string | undefined>>,
  configured: string | undefined,
  ref: string | null,
): Promise<{ baseRef: string | null; baseSha: string | null }> {
  const candidates: string[] = [];
  if (configured) candidates.push(configured);
  if (env.GITHUB_BASE_REF) candidates.push(`origin/${env.GITHUB_BASE_REF}`, env.GITHUB_BASE_REF);
  const originHead = await gitOut(workspace, ['symbolic-ref', '--short', '-q', 'refs/remotes/origin/HEAD']);
  if (originHead) candidates.push(originHead);
  candidates.push('origin/main', 'main', 'origin/master', 'master');
  for (const c of candidates) {
    const sha = await gitOut(workspace, ['rev-parse', '--verify', '-q', `${c}^{commit}`]);
    if (!sha) continue;
    const name = c.replace(/^origin\//, '');
    if (!configured && !env.GITHUB_BASE_REF && name === ref) {
      // On the base branch itself the change is the working tree only.
      return { baseRef: name, baseSha: await gitOut(workspace, ['rev-parse', 'HEAD']) ?? null };
    }
    const mergeBase = await gitOut(workspace, ['merge-base', sha, 'HEAD']);
    return { baseRef: name, baseSha: mergeBase ?? sha };
  }
  return { baseRef: null, baseSha: null };
}

async function prNumber(env: Readonly<Record<string, string | undefined>>): Promise<number | null> {
  const m = /^refs\/pull\/(\d+)\//.exec(env.GITHUB_REF ?? '');
  if (m) return Number(m[1]);
  if (env.GITHUB_EVENT_PATH) {
    try {
      const event = JSON.parse(await readFile(env.GITHUB_EVENT_PATH, 'utf8')) as { pull_request?: { number?: number } };
      if (typeof event.pull_request?.number === 'number') return event.pull_request.number;
    } catch {
      // No readable event: not a pull request as far as we can tell.
    }
  }
  return null;
}

async function repoFromRemote(workspace: string): Promise<string | null> {
  const url = await gitOut(workspace, ['config', '--get', 'remote.origin.url']);
  if (!url) return null;
  const m = /[:/]([^/:]+\/[^/]+?)(?:\.git)?$/.exec(url);
  return m?.[1] ?? null;
}
