// The base commit checked out apart: a temporary git worktree outside the workspace, with the workspace's
// dependencies linked in, removed again however the work in it ends (done, failed or cancelled).
import { existsSync, lstatSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
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

/** Folders that hold installed dependencies; each is linked, never copied, from the workspace into the base tree. */
const DEPENDENCY_DIRS = ['node_modules'];
/** How deep below the workspace dependency folders are looked for (a monorepo's packages/<name>/node_modules). */
const LINK_DEPTH = 2;

/**
 * Runs `work` in the base commit checked out in a temporary worktree. Hooks and LFS filters do not run for the
 * checkout; the worktree is removed and pruned afterwards, so it never shows in `git worktree list`.
 */
export async function withBaseTree<T>(workspace: string, sha: string, env: GitEnv, work: (tree: BaseTree) => Promise<T>, tmpRoot = tmpdir()): Promise<BaseTreeResult<T>> {
  const [top, prefix] = await Promise.all([gitOut(workspace, ['rev-parse', '--show-toplevel'], env), gitOut(workspace, ['rev-parse', '--show-prefix'], env)]);
  if (!top) return { ok: false, why: `${workspace} is not in a git repository` };
  if (!(await git(top, ['cat-file', '-e', `${sha}^{commit}`], env)).ok) {
    return { ok: false, why: `the base ${sha.slice(0, 7)} is not in this checkout (a shallow clone?): set fetch-depth: 0 on actions/checkout` };
  }
  const scratch = await mkdtemp(path.join(tmpRoot, 'andon-base-'));
  const dir = path.join(scratch, 'tree');
  const noHooks = path.join(scratch, 'no-hooks');
  const links: string[] = [];
  try {
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
