// The base commit checked out apart: a temporary git worktree outside the workspace, with the workspace's
// dependencies linked in, removed again however the work in it ends (done, failed or cancelled), and by the next
// run when the process working in it was killed.
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { git, gitOut, type GitEnv } from './git.js';

export interface BaseTree {
  /** The workspace as it was at the base commit (the worktree, or the workspace's folder inside it). */
  root: string;
  sha: string;
  /** A scratch folder beside the tree, removed with it. */
  scratch: string;
  /** Dependency folders of the workspace linked into the tree (workspace-relative). */
  linked: string[];
}

export type BaseTreeResult<T> = { ok: true; value: T } | { ok: false; why: string };

/** The process working in a base tree, and how to tell whether a process of this host is still running. */
export interface TreeOwner {
  pid: number;
  host: string;
  isAlive(pid: number): boolean;
}

/** Folders that hold installed dependencies; each is linked, never copied, from the workspace into the base tree. */
const DEPENDENCY_DIRS = ['node_modules'];
/** How deep below the workspace dependency folders are looked for (a monorepo's packages/<name>/node_modules). */
const LINK_DEPTH = 2;

/**
 * Runs `work` in the base commit checked out in a temporary worktree. Hooks and LFS filters do not run for the
 * checkout; the worktree is removed and pruned afterwards, so it never shows in `git worktree list`.
 */
export async function withBaseTree<T>(workspace: string, sha: string, env: GitEnv, work: (tree: BaseTree) => Promise<T>, tmpRoot = tmpdir(), owner?: TreeOwner): Promise<BaseTreeResult<T>> {
  const [top, prefix] = await Promise.all([gitOut(workspace, ['rev-parse', '--show-toplevel'], env), gitOut(workspace, ['rev-parse', '--show-prefix'], env)]);
  if (!top) return { ok: false, why: `${workspace} is not in a git repository` };
  if (!(await git(top, ['cat-file', '-e', `${sha}^{commit}`], env)).ok) {
    return { ok: false, why: `the base ${sha.slice(0, 7)} is not in this checkout (a shallow clone?): set fetch-depth: 0 on actions/checkout` };
  }
  if (owner) await removeAbandonedTrees(top, env, tmpRoot, owner);
  const scratch = await mkdtemp(path.join(tmpRoot, SCRATCH_PREFIX));
  const dir = path.join(scratch, 'tree');
  const noHooks = path.join(scratch, 'no-hooks');
  const links: string[] = [];
  try {
    // Who works in it: a run killed before its clean-up (SIGKILL, a lost runner) leaves it, and the next run removes it.
    if (owner) await writeFile(path.join(scratch, OWNER_FILE), JSON.stringify({ pid: owner.pid, host: owner.host }));
    await mkdir(noHooks);
    const gitEnv = { ...env, GIT_LFS_SKIP_SMUDGE: '1' };
    const added = await git(top, ['-c', `core.hooksPath=${noHooks}`, '-c', 'advice.detachedHead=false', 'worktree', 'add', '--detach', '--force', dir, sha], gitEnv);
    if (!added.ok) return { ok: false, why: `the base ${sha.slice(0, 7)} could not be checked out: ${lastLine(added.stderr)}` };
    const root = path.join(dir, prefix ?? '');
    if (!existsSync(root)) return { ok: false, why: `the workspace folder ${prefix} does not exist at the base ${sha.slice(0, 7)}` };
    const linked = await linkDependencies(workspace, root, links);
    return { ok: true, value: await work({ root, sha, scratch: await mkdtemp(path.join(scratch, 'out-')), linked }) };
  } finally {
    // Links first, so nothing below can ever reach the workspace's own folders through them.
    for (const l of links) await unlink(l).catch(() => undefined);
    await git(top, ['worktree', 'remove', '--force', dir], env);
    await rm(scratch, { recursive: true, force: true });
    await git(top, ['worktree', 'prune'], env);
  }
}

const SCRATCH_PREFIX = 'andon-base-';
const OWNER_FILE = 'owner.json';
const Owner = z.object({ pid: z.number().int().positive(), host: z.string() });

/** Whether the process that made a base tree on this machine is gone (a tree of another machine, or of unknown owner, is left alone). */
function abandoned(scratch: string, me: TreeOwner): boolean {
  let owner: z.infer<typeof Owner>;
  try {
    owner = Owner.parse(JSON.parse(readFileSync(path.join(scratch, OWNER_FILE), 'utf8')));
  } catch {
    return false;
  }
  return owner.host === me.host && owner.pid !== me.pid && !me.isAlive(owner.pid);
}

/** Removes the base trees of this repository whose run died before removing them: worktree, links and scratch folder. */
async function removeAbandonedTrees(top: string, env: GitEnv, tmpRoot: string, me: TreeOwner): Promise<void> {
  const listed = await gitOut(top, ['worktree', 'list', '--porcelain'], env);
  const roots = new Set([path.resolve(tmpRoot), realpathOr(tmpRoot)]);
  let removed = false;
  for (const line of (listed ?? '').split('\n')) {
    if (!line.startsWith('worktree ')) continue;
    const dir = line.slice('worktree '.length);
    const scratch = path.dirname(dir);
    if (path.basename(dir) !== 'tree' || !path.basename(scratch).startsWith(SCRATCH_PREFIX) || !roots.has(path.dirname(scratch))) continue;
    if (!abandoned(scratch, me)) continue;
    // The links first, as the clean-up of a finished run does: nothing below reaches the workspace through them.
    for (const l of dependencyLinks(dir)) await unlink(l).catch(() => undefined);
    await git(top, ['worktree', 'remove', '--force', dir], env);
    await rm(scratch, { recursive: true, force: true });
    removed = true;
  }
  if (removed) await git(top, ['worktree', 'prune'], env);
}

/** The dependency folders linked into a tree, where linkDependencies puts them. */
function dependencyLinks(dir: string): string[] {
  const out: string[] = [];
  const visit = (at: string, depth: number): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(at, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isSymbolicLink() && DEPENDENCY_DIRS.includes(e.name)) out.push(path.join(at, e.name));
      else if (e.isDirectory() && depth <= LINK_DEPTH && !e.name.startsWith('.')) visit(path.join(at, e.name), depth + 1);
    }
  };
  visit(dir, 0);
  return out;
}

function realpathOr(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/** Links each dependency folder of the workspace (up to LINK_DEPTH below it) to the same place in the tree, where the tree has that folder. */
async function linkDependencies(workspace: string, root: string, links: string[]): Promise<string[]> {
  const linked: string[] = [];
  const visit = async (rel: string, depth: number): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = readdirSync(path.join(workspace, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      // node_modules may itself be a link (a pnpm or a shared install): what it leads to is linked again.
      if (DEPENDENCY_DIRS.includes(e.name) && (e.isDirectory() || (e.isSymbolicLink() && isDir(path.join(workspace, child))))) {
        const target = path.join(root, child);
        if (!existsSync(path.dirname(target)) || lstatExists(target)) continue;
        await symlink(path.join(workspace, child), target, 'dir');
        links.push(target);
        linked.push(child);
      } else if (e.isDirectory() && depth < LINK_DEPTH && !e.name.startsWith('.') && !DEPENDENCY_DIRS.includes(e.name)) {
        await visit(child, depth + 1);
      }
    }
  };
  await visit('', 0);
  return linked;
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function lstatExists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop() ?? 'git failed';
}
