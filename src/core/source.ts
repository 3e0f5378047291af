// Source facts of a run from git and the environment: repo, sha, ref, base, PR, dirty.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { gitOut } from './git.js';
import { askSourceQuestions, type SourceAnswers } from './source-git.js';

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
  /** The workspace's git answers when already asked (the CLI asks them while it loads). */
  answers?: Promise<SourceAnswers> | undefined;
}

export async function readSourceFacts(
  workspace: string,
  env: Readonly<Record<string, string | undefined>>,
  options: SourceOptions = {},
): Promise<SourceFacts> {
  const [{ status, refs, remoteUrl }, pr] = await Promise.all([options.answers ?? askSourceQuestions(workspace, env), prNumber(env)]);
  const head = status.ok ? statusHead(status.stdout) : { sha: undefined, branch: undefined, dirty: false };
  const sha = head.sha ?? env.GITHUB_SHA ?? null;
  const ref = env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME || head.branch || null;
  const dirty = head.dirty;
  const { branches, originHead } = refListing(refs ?? '');
  const { baseRef, baseSha } = await resolveBase(workspace, env, options.base, ref, sha, branches, originHead);
  return { repo: env.GITHUB_REPOSITORY || repoOf(remoteUrl), sha, ref, baseRef, baseSha, pr, dirty };
}

/** HEAD's commit and branch, and whether anything changed, from `git status --porcelain=v2 --branch`. */
function statusHead(out: string): { sha: string | undefined; branch: string | undefined; dirty: boolean } {
  let sha: string | undefined;
  let branch: string | undefined;
  let dirty = false;
  for (const line of out.split('\n')) {
    if (line.startsWith('# branch.oid ')) sha = /^[0-9a-f]{40,64}$/.test(line.slice(13)) ? line.slice(13) : undefined;
    else if (line.startsWith('# branch.head ')) branch = line.slice(14) === '(detached)' ? undefined : line.slice(14);
    else if (line !== '' && !line.startsWith('#')) dirty = true;
  }
  return { sha, branch, dirty };
}

/** Local and remote branches by short name (main, origin/main), and the branch origin's HEAD points at. */
function refListing(out: string): { branches: Map<string, string>; originHead: string | undefined } {
  const branches = new Map<string, string>();
  let originHead: string | undefined;
  for (const line of out.split('\n')) {
    const [name, sha, symref] = line.split(' ');
    if (!name || !sha) continue;
    const short = name.replace(/^refs\/(heads|remotes)\//, '');
    if (name === 'refs/remotes/origin/HEAD' && symref) originHead = symref.replace(/^refs\/remotes\//, '');
    else branches.set(short, sha);
  }
  return { branches, originHead };
}

/** The base branch and merge-base(base, HEAD): the configured base, the PR's base, origin's HEAD, main, master. */
async function resolveBase(
  workspace: string,
  env: Readonly<Record<string, string | undefined>>,
  configured: string | undefined,
  ref: string | null,
  head: string | null,
  branches: ReadonlyMap<string, string>,
  originHead: string | undefined,
): Promise<{ baseRef: string | null; baseSha: string | null }> {
  const candidates: string[] = [];
  if (configured) candidates.push(configured);
  if (env.GITHUB_BASE_REF) candidates.push(`origin/${env.GITHUB_BASE_REF}`, env.GITHUB_BASE_REF);
  if (originHead) candidates.push(originHead);
  candidates.push('origin/main', 'main', 'origin/master', 'master');
  for (const c of candidates) {
    // Branch names come from the one listing; a configured base may be any revision, so git resolves it.
    const sha = branches.get(c) ?? (c === configured ? await gitOut(workspace, ['rev-parse', '--verify', '-q', `${c}^{commit}`], env) : undefined);
    if (!sha) continue;
    const name = c.replace(/^origin\//, '');
    if (!configured && !env.GITHUB_BASE_REF && name === ref) {
      // On the base branch itself the change is the working tree only.
      return { baseRef: name, baseSha: head };
    }
    const mergeBase = await gitOut(workspace, ['merge-base', sha, 'HEAD'], env);
    return { baseRef: name, baseSha: mergeBase ?? sha };
  }
  return { baseRef: null, baseSha: null };
}

/** The part of a pull request event payload (GITHUB_EVENT_PATH) that names the pull request. */
const PullRequestEvent = z.object({ pull_request: z.object({ number: z.number().int().positive() }) });

async function prNumber(env: Readonly<Record<string, string | undefined>>): Promise<number | null> {
  const m = /^refs\/pull\/(\d+)\//.exec(env.GITHUB_REF ?? '');
  if (m) return Number(m[1]);
  if (env.GITHUB_EVENT_PATH) {
    try {
      const event = PullRequestEvent.safeParse(JSON.parse(await readFile(env.GITHUB_EVENT_PATH, 'utf8')));
      if (event.success) return event.data.pull_request.number;
    } catch {
      // No readable event: not a pull request as far as we can tell.
    }
  }
  return null;
}

/** owner/name from a remote URL (https, ssh or scp-like). */
function repoOf(url: string | undefined): string | null {
  if (!url) return null;
  const m = /[:/]([^/:]+\/[^/]+?)(?:\.git)?$/.exec(url);
  return m?.[1] ?? null;
}
