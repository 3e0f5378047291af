// Source facts of a run from git and the environment: repo, sha, ref, PR, dirty, and the base commit the change is
// judged against — always an ancestor of HEAD: the merge-base with the base branch, or on the base branch itself the
// push's `before` (GitHub) or HEAD's first parent (locally). A base missing from a shallow checkout is fetched.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { git, gitOut, type GitEnv } from './git.js';
import { askHeadCommit, askSourceQuestions, type SourceAnswers } from './source-git.js';

export interface SourceFacts {
  repo: string | null;
  sha: string | null;
  ref: string | null;
  /** The base branch name the change is compared with (e.g. "main"), when known. */
  baseRef: string | null;
  /** The base commit: an ancestor of HEAD (merge-base, push `before`, or first parent), when known. */
  baseSha: string | null;
  pr: number | null;
  dirty: boolean;
  /** HEAD is on the base branch: the change is the pushed commits (locally the last commit and the working tree). */
  onBaseBranch?: boolean;
  /** How the base commit was found, or why there is none or it is not in the checkout; one line. */
  baseNote?: string;
}

export interface SourceOptions {
  /** Base branch from the config (`base:`) or the command line; else GITHUB_BASE_REF, else origin's HEAD, main, master. */
  base?: string | undefined;
  /** A token to fetch a base commit a shallow checkout lacks (the action's github-token); used for that one command only. */
  fetchToken?: string | undefined;
  /** The workspace's git answers when already asked (the CLI asks them while it loads). */
  answers?: Promise<SourceAnswers> | undefined;
}

/** The parts of a GitHub event payload (GITHUB_EVENT_PATH) the base depends on; each read on its own, so one odd field spoils no other. */
interface EventPayload {
  prNumber?: number;
  before?: string;
  forced?: boolean;
}

const PullRequest = z.object({ pull_request: z.object({ number: z.number().int().positive() }) });
const Push = z.object({ before: z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/), forced: z.boolean().optional() });

const NO_COMMIT = /^0+$/;

export async function readSourceFacts(
  workspace: string,
  env: Readonly<Record<string, string | undefined>>,
  options: SourceOptions = {},
): Promise<SourceFacts> {
  const [{ status, refs, remoteUrl, headCommit }, event] = await Promise.all([options.answers ?? askSourceQuestions(workspace, env), readEvent(env)]);
  const head = status.ok ? statusHead(status.stdout) : { sha: undefined, branch: undefined, dirty: false };
  const sha = head.sha ?? env.GITHUB_SHA ?? null;
  const ref = env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME || head.branch || null;
  const dirty = head.dirty;
  const { branches, originHead } = refListing(refs ?? '');
  const pr = prNumber(env, event);
  const remoteRepo = env.GITHUB_REPOSITORY || repoOf(remoteUrl);
  if (!sha) return { repo: remoteRepo, sha, ref, baseRef: null, baseSha: null, pr, dirty, baseNote: 'not a git repository with a commit: no base' };
  const found = await resolveBase({ workspace, env, configured: options.base, ref, head: sha, headCommit, branches, originHead, event });
  const base = found.baseSha && !found.present ? await ensurePresent(workspace, env, found, options.fetchToken) : found;
  return { repo: remoteRepo, sha, ref, baseRef: base.baseRef, baseSha: base.baseSha, pr, dirty, onBaseBranch: base.onBaseBranch, baseNote: base.note };
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

interface BaseFound {
  baseRef: string | null;
  baseSha: string | null;
  onBaseBranch: boolean;
  note: string;
  /** The base is known to be in the object store (git computed it as a merge-base): nothing to fetch or check. */
  present?: boolean;
}

interface BaseQuestion {
  workspace: string;
  env: GitEnv;
  configured: string | undefined;
  ref: string | null;
  head: string;
  /** HEAD's commit object when the start-up questions brought it. */
  headCommit: string | undefined;
  branches: ReadonlyMap<string, string>;
  originHead: string | undefined;
  event: EventPayload | null;
}

/** The base branch and the base commit: the configured base, the PR's base, origin's HEAD, main, master. */
async function resolveBase(q: BaseQuestion): Promise<BaseFound> {
  const { workspace, env, configured, head } = q;
  const prBase = env.GITHUB_BASE_REF || undefined;
  const candidates: string[] = [];
  if (configured) candidates.push(configured);
  if (prBase) candidates.push(`origin/${prBase}`, prBase);
  if (q.originHead) candidates.push(q.originHead);
  candidates.push('origin/main', 'main', 'origin/master', 'master');
  for (const c of candidates) {
    // Branch names come from the one listing; a configured base may be any revision, so git resolves it.
    const sha = q.branches.get(c) ?? (c === configured ? await gitOut(workspace, ['rev-parse', '--verify', '-q', `${c}^{commit}`], env) : undefined);
    if (!sha) continue;
    const name = c.replace(/^origin\//, '');
    // On the base branch itself the merge-base is not needed: the change is what the last push or commit brought.
    if (!prBase && name === q.ref) return onBaseBranch(q, name);
    const mergeBase = await gitOut(workspace, ['merge-base', sha, 'HEAD'], env);
    // HEAD on the base branch (or contained in it): the change is what the last push or commit brought.
    if (!prBase && (name === q.ref || mergeBase === head)) return onBaseBranch(q, name);
    if (mergeBase) return { baseRef: name, baseSha: mergeBase, onBaseBranch: false, note: `merge-base of ${c} and HEAD`, present: true };
    const merged = prBase ? await mergedOnto(q) : null;
    if (merged) return merged;
    return { baseRef: name, baseSha: null, onBaseBranch: false, note: `no merge-base of ${c} and HEAD in this checkout (a shallow clone?): set fetch-depth: 0 on actions/checkout` };
  }
  // A pull request checked out alone (fetch-depth: 1): HEAD is the merge commit, whose first parent is the base tip.
  if (prBase) {
    const merged = await mergedOnto(q);
    if (merged) return merged;
    return { baseRef: prBase, baseSha: null, onBaseBranch: false, note: `base branch ${prBase} is not in this checkout: set fetch-depth: 0 on actions/checkout` };
  }
  return { baseRef: null, baseSha: null, onBaseBranch: false, note: 'no base branch found (configure `base:`): the change is not known' };
}

/** On the base branch: a push's `before` (when it is not a forced push), else HEAD's first parent. */
async function onBaseBranch(q: BaseQuestion, name: string): Promise<BaseFound> {
  const before = q.env.GITHUB_EVENT_NAME === 'push' ? q.event?.before : undefined;
  if (before && !NO_COMMIT.test(before) && before !== q.head && !q.event?.forced) {
    return { baseRef: name, baseSha: before, onBaseBranch: true, note: `on ${name}: the pushed commits (before ${before.slice(0, 7)})` };
  }
  const parents = await parentsOf(q);
  if (parents.length === 0) return { baseRef: name, baseSha: null, onBaseBranch: true, note: `on ${name}: HEAD is the first commit, there is nothing before it` };
  return { baseRef: name, baseSha: parents[0]!, onBaseBranch: true, note: `on ${name}: the last commit and the working tree (HEAD's first parent)` };
}

/** A pull request's merge commit (refs/pull/N/merge): its first parent is the base branch it was merged onto. */
async function mergedOnto(q: BaseQuestion): Promise<BaseFound | null> {
  const parents = await parentsOf(q);
  if (parents.length < 2) return null;
  const name = q.env.GITHUB_BASE_REF!;
  return { baseRef: name, baseSha: parents[0]!, onBaseBranch: false, note: `the first parent of the pull request's merge commit (${name})` };
}

/** HEAD's parents from the commit object itself: a shallow clone hides them from `HEAD^1` but keeps them there. */
async function parentsOf(q: BaseQuestion): Promise<string[]> {
  const raw = q.headCommit ?? (await askHeadCommit(q.workspace, q.env));
  const header = (raw ?? '').split('\n\n')[0] ?? '';
  return header
    .split('\n')
    .filter((l) => l.startsWith('parent '))
    .map((l) => l.slice('parent '.length).trim());
}

async function hasCommit(workspace: string, env: GitEnv, sha: string): Promise<boolean> {
  return (await git(workspace, ['cat-file', '-e', `${sha}^{commit}`], env)).ok;
}

/**
 * The base commit in the object store: a shallow checkout lacks it, so it is fetched (that commit alone). With a
 * token, the header goes to git through its environment for this one command: never on the command line, never
 * written to the repository's config.
 */
async function ensurePresent(workspace: string, env: GitEnv, found: BaseFound, token: string | undefined): Promise<BaseFound> {
  const sha = found.baseSha!;
  if (await hasCommit(workspace, env, sha)) return found;
  const args = ['fetch', '--no-tags', '--no-write-fetch-head', '--depth=1', 'origin', sha];
  let fetched = await git(workspace, args, { ...env, GIT_TERMINAL_PROMPT: '0' });
  if (!fetched.ok && token) fetched = await git(workspace, args, { ...env, GIT_TERMINAL_PROMPT: '0', ...authEnv(env, token) });
  if (fetched.ok && (await hasCommit(workspace, env, sha))) return { ...found, note: `${found.note}; fetched ${sha.slice(0, 7)} (not in the shallow checkout)` };
  const why = fetched.stderr.trim().split('\n').pop() ?? 'git fetch failed';
  return {
    ...found,
    note: `${found.note}; the base ${sha.slice(0, 7)} is not in this checkout and could not be fetched (${why}): set fetch-depth: 0 on actions/checkout${token ? '' : ', or give Andon github-token'}`,
  };
}

/**
 * git config through the environment (GIT_CONFIG_COUNT, git ≥ 2.31): the server's extra headers are first reset
 * (a token actions/checkout persisted would be sent twice), then the token is sent as the Actions checkout sends it.
 */
function authEnv(env: GitEnv, token: string): Record<string, string> {
  const server = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/$/, '');
  const key = `http.${server}/.extraheader`;
  const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
  return { GIT_CONFIG_COUNT: '2', GIT_CONFIG_KEY_0: key, GIT_CONFIG_VALUE_0: '', GIT_CONFIG_KEY_1: key, GIT_CONFIG_VALUE_1: `AUTHORIZATION: basic ${basic}` };
}

async function readEvent(env: Readonly<Record<string, string | undefined>>): Promise<EventPayload | null> {
  if (!env.GITHUB_EVENT_PATH) return null;
  let json: unknown;
  try {
    json = JSON.parse(await readFile(env.GITHUB_EVENT_PATH, 'utf8'));
  } catch {
    // No readable event: nothing in it decides the base.
    return null;
  }
  const pr = PullRequest.safeParse(json);
  const push = Push.safeParse(json);
  return {
    ...(pr.success ? { prNumber: pr.data.pull_request.number } : {}),
    ...(push.success ? { before: push.data.before, ...(push.data.forced !== undefined ? { forced: push.data.forced } : {}) } : {}),
  };
}

function prNumber(env: Readonly<Record<string, string | undefined>>, event: EventPayload | null): number | null {
  const m = /^refs\/pull\/(\d+)\//.exec(env.GITHUB_REF ?? '');
  if (m) return Number(m[1]);
  return event?.prNumber ?? null;
}

/** owner/name from a remote URL (https, ssh or scp-like). */
function repoOf(url: string | undefined): string | null {
  if (!url) return null;
  const m = /[:/]([^/:]+\/[^/]+?)(?:\.git)?$/.exec(url);
  return m?.[1] ?? null;
}
