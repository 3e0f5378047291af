// What a change touched: files and added lines of merge-base(base, HEAD) against the working tree, untracked files included.
import { git, type GitEnv } from './git.js';

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

export async function computeChangeSet(workspace: string, baseSha: string | null, env?: GitEnv): Promise<ChangeSet> {
  if (!baseSha) return emptyChangeSet('no base commit known: diff filters are not applied');
  const files = new Map<string, FileChange>();
  const diff = await git(workspace, ['diff', '-U0', '--no-color', '--no-ext-diff', '-M', '--src-prefix=a/', '--dst-prefix=b/', baseSha, '--'], env);
  if (!diff.ok) return emptyChangeSet(`git diff against ${baseSha.slice(0, 12)} failed: ${diff.stderr.trim()}`);
  parseUnifiedDiff(diff.stdout, files);
  const untracked = await git(workspace, ['ls-files', '-z', '-o', '--exclude-standard'], env);
  if (untracked.ok) {
    for (const p of untracked.stdout.split('\0')) {
      if (p && !p.startsWith('.andon/')) files.set(p, { status: 'untracked', added: [], allAdded: true });
    }
  }
  return { base: baseSha, files };
}

const C_ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** Git quotes unusual paths C-style, with octal escapes for the bytes of UTF-8 names (core.quotePath). */
function unquote(p: string): string {
  if (!(p.startsWith('"') && p.endsWith('"'))) return p;
  const bytes: number[] = [];
  const body = p.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(C_ESCAPES[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The two paths of a `diff --git a/X b/Y` line; only a fallback, since paths with spaces make it ambiguous. */
function headerPaths(line: string): [string, string] | undefined {
  const rest = line.slice('diff --git '.length);
  const quoted = /^"((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)"$/.exec(rest);
  if (quoted) return [unquote(`"${quoted[1]}"`).replace(/^a\//, ''), unquote(`"${quoted[2]}"`).replace(/^b\//, '')];
  const m = /^a\/(.*) b\/(.*)$/.exec(rest);
  return m ? [m[1]!, m[2]!] : undefined;
}

/**
 * Reads `git diff -U0` output. Header lines (`new file mode`, `rename from/to`, `deleted file mode`) are read as
 * well as `---`/`+++`, because a pure rename or a binary file has no `---`/`+++` lines at all.
 */
export function parseUnifiedDiff(text: string, into: Map<string, FileChange>): void {
  let current: FileChange | undefined;
  let currentPath: string | undefined;
  let oldPath: string | undefined;
  const place = (path: string, change: FileChange) => {
    if (currentPath !== undefined && currentPath !== path && into.get(currentPath) === current) into.delete(currentPath);
    currentPath = path;
    current = change;
    into.set(path, change);
  };
  for (const line of text.split('\n')) {
    if (line.startsWith('diff --git ')) {
      current = undefined;
      currentPath = undefined;
      oldPath = undefined;
      const paths = headerPaths(line);
      if (paths) {
        oldPath = paths[0];
        place(paths[1], { status: paths[0] === paths[1] ? 'modified' : 'renamed', added: [], allAdded: false, ...(paths[0] !== paths[1] ? { oldPath: paths[0] } : {}) });
      }
      continue;
    }
    if (line.startsWith('new file mode') && current) {
      current.status = 'added';
      current.allAdded = true;
      continue;
    }
    if (line.startsWith('deleted file mode') && current && currentPath !== undefined) {
      place(currentPath, { status: 'deleted', added: [], allAdded: false });
      continue;
    }
    if (line.startsWith('rename from ')) {
      oldPath = unquote(line.slice('rename from '.length));
      if (current) {
        current.status = 'renamed';
        current.oldPath = oldPath;
      }
      continue;
    }
    if (line.startsWith('rename to ') && current) {
      place(unquote(line.slice('rename to '.length)), current);
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
        if (oldPath) place(oldPath, { status: 'deleted', added: [], allAdded: false });
        current = undefined;
        currentPath = undefined;
        continue;
      }
      const path = p.replace(/^b\//, '');
      const status: FileChange['status'] = oldPath === undefined ? 'added' : oldPath !== path ? 'renamed' : 'modified';
      const change: FileChange = { status, added: [], allAdded: status === 'added' };
      if (status === 'renamed' && oldPath) change.oldPath = oldPath;
      place(path, change);
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
