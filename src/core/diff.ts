// What a change touched: files and added lines of merge-base(base, HEAD) against the working tree, untracked files included.
import { git } from './git.js';

export type DiffFilterMode = 'added' | 'diff_context' | 'file' | 'nofilter';

export interface FileChange {
  status: 'added' | 'modified' | 'deleted' | 'renamed' | 'untracked';
  oldPath?: string;
  /** Sorted, non-overlapping [start, end] line ranges (1-based, inclusive) added by the change. */
  added: [number, number][];
  /** True when every line counts as added (new or untracked file). */
  allAdded: boolean;
}

export interface ChangeSet {
  /** The commit compared against, or null when no base is known (then nothing can be filtered). */
  base: string | null;
  files: ReadonlyMap<string, FileChange>;
  /** Why the change set is empty or unknown, when it is. */
  note?: string;
}

export const emptyChangeSet = (note: string): ChangeSet => ({ base: null, files: new Map(), note });

export async function computeChangeSet(workspace: string, baseSha: string | null): Promise<ChangeSet> {
  if (!baseSha) return emptyChangeSet('no base commit known: diff filters are not applied');
  const files = new Map<string, FileChange>();
  const diff = await git(workspace, ['diff', '-U0', '--no-color', '--no-ext-diff', '-M', '--src-prefix=a/', '--dst-prefix=b/', baseSha, '--']);
  if (!diff.ok) return emptyChangeSet(`git diff against ${baseSha.slice(0, 12)} failed: ${diff.stderr.trim()}`);
  parseUnifiedDiff(diff.stdout, files);
  const untracked = await git(workspace, ['ls-files', '-z', '-o', '--exclude-standard']);
  if (untracked.ok) {
    for (const p of untracked.stdout.split('\0')) {
      if (p && !p.startsWith('.andon/')) files.set(p, { status: 'untracked', added: [], allAdded: true });
    }
  }
  return { base: baseSha, files };
}

function unquote(p: string): string {
  if (p.startsWith('"') && p.endsWith('"')) {
    return JSON.parse(p.replace(/\\([0-7]{3})/g, (_, o: string) => `\\u00${parseInt(o, 8).toString(16).padStart(2, '0')}`)) as string;
  }
  return p;
}

export function parseUnifiedDiff(text: string, into: Map<string, FileChange>): void {
  let current: FileChange | undefined;
  let oldPath: string | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('diff --git ')) {
      current = undefined;
      oldPath = undefined;
      continue;
    }
    if (line.startsWith('--- ')) {
      const p = unquote(line.slice(4));
      oldPath = p === '/dev/null' ? undefined : p.replace(/^a\//, '');
      continue;
    }
    if (line.startsWith('+++ ')) {
      const p = unquote(line.slice(4));
      if (p === '/dev/null') {
        if (oldPath) into.set(oldPath, { status: 'deleted', added: [], allAdded: false });
        current = undefined;
        continue;
      }
      const path = p.replace(/^b\//, '');
      const status: FileChange['status'] = oldPath === undefined ? 'added' : oldPath !== path ? 'renamed' : 'modified';
      current = { status, added: [], allAdded: status === 'added' };
      if (status === 'renamed' && oldPath) current.oldPath = oldPath;
      into.set(path, current);
      continue;
    }
    if (line.startsWith('@@') && current) {
      const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (!m) continue;
      const start = Number(m[1]);
      const count = m[2] === undefined ? 1 : Number(m[2]);
      if (count > 0) current.added.push([start, start + count - 1]);
    }
  }
}

function inRanges(ranges: readonly [number, number][], line: number, slack: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [s, e] = ranges[mid]!;
    if (line < s - slack) hi = mid - 1;
    else if (line > e + slack) lo = mid + 1;
    else return true;
  }
  return false;
}

/**
 * Whether a location is in the change under a filter mode. `nofilter` and an unknown change set say yes.
 * A finding without a line counts as in the change when its file is.
 */
export function inChange(changes: ChangeSet, mode: DiffFilterMode, path: string | undefined, line?: number, contextLines = 3): boolean {
  if (mode === 'nofilter' || changes.base === null) return true;
  if (!path) return false;
  const f = changes.files.get(path);
  if (!f || f.status === 'deleted') return false;
  if (mode === 'file' || f.allAdded || line === undefined) return true;
  return inRanges(f.added, line, mode === 'diff_context' ? contextLines : 0);
}

/** Files the change touched that still exist. */
export function changedFiles(changes: ChangeSet): string[] {
  return [...changes.files].filter(([, f]) => f.status !== 'deleted').map(([p]) => p).sort();
}
