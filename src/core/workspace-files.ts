// The workspace's files as git lists them (the index plus untracked files, ignored ones left out, and named apart),
// read in one go: the inputs digest keys stages on this listing and the regression stage finds test files in it
// without touching the disk. The run store and the stage cache are never in it, wherever they are configured.
import { glob } from 'tinyglobby';
import { askGit, type GitEnv, type GitResult } from './git.js';

export interface WorkspaceListing {
  /** Workspace-relative POSIX path → the index's git blob id when the work-tree file is unchanged, else null. */
  files: ReadonlyMap<string, string | null>;
  /**
   * Paths git does not vouch for as regular files in the work tree: symbolic links, untracked and deleted files,
   * files whose type changed. Outside a git repository nothing is vouched for ('all'). Check these on disk before trusting them.
   */
  unverified: ReadonlySet<string> | 'all';
  objectFormat: 'sha1' | 'sha256';
  /** Git-ignored paths as git names them without looking inside: files, and folders with a trailing "/". */
  ignored: readonly string[];
}

/** Left out when the workspace is not a git repository (git leaves them out through .gitignore). */
const IGNORED_DIRS = ['**/node_modules/**', '**/.git/**'];
const REGULAR = new Set(['100644', '100755']);
/** The default places of the store and the cache, left out even when the config names others. */
export const DEFAULT_RUN_FOLDERS = ['.andon/runs', '.andon/cache'];

/** Whether a workspace-relative path is in one of the run's own folders (workspace-relative, no trailing "/"). */
export function inFolders(p: string, folders: readonly string[]): boolean {
  return folders.some((f) => p === f || p.startsWith(`${f}/`));
}

/**
 * Two questions to git at once: the index's entries, and what differs from the index (modified, deleted, untracked,
 * ignored: ignored folders are named, never walked). `env` is the environment git runs with (the run's); `runFolders`
 * (workspace-relative) are the run store and the stage cache, left out with the default ones.
 */
export async function listWorkspaceFiles(workspace: string, env?: GitEnv, runFolders: readonly string[] = DEFAULT_RUN_FOLDERS): Promise<WorkspaceListing> {
  // Both fail outside a work tree: no separate question first (each process is on the run's start-up path).
  const [staged, status] = (await askGit(workspace, [
    ['ls-files', '-s', '-z'],
    ['status', '--porcelain=v2', '-z', '--untracked-files=all', '--ignored=matching', '--no-renames', '--ignore-submodules=all'],
  ], env)) as [GitResult, GitResult];
  if (staged.ok && status.ok) return fromGit(staged.stdout, status.stdout, runFolders);
  const files = new Map<string, string | null>();
  const ignore = [...IGNORED_DIRS, ...runFolders.map((f) => `${f}/**`)];
  for (const p of await glob(['**/*'], { cwd: workspace, dot: true, ignore, onlyFiles: true })) files.set(p, null);
  return { files, unverified: 'all', objectFormat: 'sha1', ignored: [] };
}

function fromGit(lsFiles: string, status: string, runFolders: readonly string[]): WorkspaceListing {
  const files = new Map<string, string | null>();
  const unverified = new Set<string>();
  let objectFormat: WorkspaceListing['objectFormat'] = 'sha1';
  for (const entry of lsFiles.split('\0')) {
    if (!entry) continue;
    // "<mode> <blob> <stage>\t<path>"
    const tab = entry.indexOf('\t');
    const [mode, blob] = entry.slice(0, tab).split(' ');
    if (mode === '160000') continue; // submodule
    if (blob?.length === 64) objectFormat = 'sha256';
    const p = entry.slice(tab + 1);
    if (inFolders(p, runFolders)) continue;
    files.set(p, blob ?? null);
    if (!REGULAR.has(mode ?? '')) unverified.add(p);
  }
  const ignored: string[] = [];
  for (const entry of status.split('\0')) {
    // "1 XY sub mH mI mW hH hI path" | "u XY sub m1 m2 m3 mW h1 h2 h3 path" | "? path" | "! path"
    if (entry.startsWith('? ')) {
      const p = entry.slice(2);
      if (inFolders(p, runFolders)) continue;
      files.set(p, null);
      unverified.add(p);
    } else if (entry.startsWith('! ')) {
      const p = entry.slice(2);
      if (!inFolders(p.replace(/\/$/, ''), runFolders)) ignored.push(p);
    } else if (entry.startsWith('1 ') || entry.startsWith('u ')) {
      const fields = entry.split(' ');
      const ordinary = entry.startsWith('1 ');
      const p = fields.slice(ordinary ? 8 : 10).join(' ');
      if (!files.has(p)) continue;
      // Changed since the index: the digest hashes it (a deleted file drops out then); its type is what the work tree says.
      files.set(p, null);
      const worktreeMode = fields[ordinary ? 5 : 6] ?? '';
      if (!ordinary || !REGULAR.has(worktreeMode)) unverified.add(p);
    }
  }
  return { files, unverified, objectFormat, ignored };
}
