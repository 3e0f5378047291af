// The workspace's files as git lists them (the index plus untracked files, ignored ones left out), read in one go:
// the inputs digest keys stages on this listing and the regression stage finds test files in it without touching the disk.
import { glob } from 'tinyglobby';
import { git, isGitRepo, type GitEnv } from './git.js';

export interface WorkspaceListing {
  /** Workspace-relative POSIX path → the index's git blob id when the work-tree file is unchanged, else null. */
  files: ReadonlyMap<string, string | null>;
  /**
   * Paths git does not vouch for as regular files in the work tree: symbolic links, untracked and deleted files,
   * files whose type changed. Outside a git repository nothing is vouched for ('all'). Check these on disk before trusting them.
   */
  unverified: ReadonlySet<string> | 'all';
  objectFormat: 'sha1' | 'sha256';
}

/** Left out when the workspace is not a git repository (git leaves them out through .gitignore). */
const IGNORED_DIRS = ['**/node_modules/**', '**/.git/**', '.andon/runs/**', '.andon/cache/**'];
const REGULAR = new Set(['100644', '100755']);

function isAndonState(p: string): boolean {
  return p.startsWith('.andon/runs/') || p.startsWith('.andon/cache/');
}

/**
 * Two questions to git at once: the index's entries, and what differs from the index (modified, deleted, untracked).
 * `env` is the environment git runs with (the run's).
 */
export async function listWorkspaceFiles(workspace: string, env?: GitEnv): Promise<WorkspaceListing> {
  if (await isGitRepo(workspace, env)) {
    const [staged, status] = await Promise.all([
      git(workspace, ['ls-files', '-s', '-z'], env),
      git(workspace, ['status', '--porcelain=v2', '-z', '--untracked-files=all', '--no-renames', '--ignore-submodules=all'], env),
    ]);
    if (staged.ok && status.ok) return fromGit(staged.stdout, status.stdout);
  }
  const files = new Map<string, string | null>();
  for (const p of await glob(['**/*'], { cwd: workspace, dot: true, ignore: IGNORED_DIRS, onlyFiles: true })) files.set(p, null);
  return { files, unverified: 'all', objectFormat: 'sha1' };
}

function fromGit(lsFiles: string, status: string): WorkspaceListing {
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
    files.set(p, blob ?? null);
    if (!REGULAR.has(mode ?? '')) unverified.add(p);
  }
  for (const entry of status.split('\0')) {
    // "1 XY sub mH mI mW hH hI path" | "u XY sub m1 m2 m3 mW h1 h2 h3 path" | "? path"
    if (entry.startsWith('? ')) {
      const p = entry.slice(2);
      if (isAndonState(p)) continue;
      files.set(p, null);
      unverified.add(p);
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
  return { files, unverified, objectFormat };
}
