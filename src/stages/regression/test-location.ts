// Where a test lives in the workspace: the report's file/line, else a stack-trace frame; never a path outside the workspace.
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

export interface StackPlace {
  path: string;
  line: number;
  column?: number;
}

const MAX_FRAMES = 12;
/** Stack frames come first in a failure body; past this many characters a body is a log, not a stack. */
const MAX_SCAN = 16 * 1024;
const LINE_REF = /:(?:line )?(\d{1,7})(?::(\d{1,6}))?/g;
const PY_FRAME = /File "([^"]+)", line (\d{1,7})/g;
const PATH_STOP = new Set([' ', '\t', '\n', '\r', '(', ')', '[', ']', "'", '"', '<', '>', ',', '@']);
const HAS_EXTENSION = /[^/\\.]\.[A-Za-z][A-Za-z0-9]{0,9}$/;

/**
 * Path-and-line places mentioned in a failure body, in order, without node_modules or runtime internals:
 * "at fn (src/a.ts:12:5)", "src/a.ts:12", "file:///abs/a.js:3:1", `File "a.py", line 3`, "a.cs:line 12".
 * Finds each ":<digits>" and walks back to the start of the path, which is linear, unlike one big regex.
 */
export function stackCandidates(details: string): StackPlace[] {
  const out: StackPlace[] = [];
  const seen = new Set<string>();
  const text = details.length > MAX_SCAN ? details.slice(0, MAX_SCAN) : details;
  const add = (p: string, line: string, col: string | undefined) => {
    if (out.length >= MAX_FRAMES) return;
    if (/(^|[\\/])node_modules[\\/]|^node:|^internal[\\/]|site-packages|dist-packages/.test(p)) return;
    const key = `${p}:${line}`;
    if (seen.has(key)) return;
    seen.add(key);
    const place: StackPlace = { path: p, line: Number(line) };
    if (col !== undefined) place.column = Number(col);
    if (place.line > 0) out.push(place);
  };
  if (text.includes('File "')) for (const m of text.matchAll(PY_FRAME)) add(m[1] ?? '', m[2] ?? '0', undefined);
  for (const m of text.matchAll(LINE_REF)) {
    if (out.length >= MAX_FRAMES) break;
    const end = m.index;
    let start = end;
    while (start > 0 && start > end - 512 && !PATH_STOP.has(text[start - 1] ?? ' ')) start--;
    let p = text.slice(start, end);
    if (p.startsWith('file://')) p = p.slice(7);
    // "at a.ts:3:4:5" style tails: the path is what precedes the first ":<digits>".
    if (p === '' || !HAS_EXTENSION.test(p)) continue;
    add(p, m[1] ?? '0', m[2]);
  }
  return out;
}

/** Resolves workspace-relative paths to real files inside the workspace (symlinks followed and checked); caches answers. */
export class WorkspaceFiles {
  private readonly cache = new Map<string, Promise<string | null>>();
  private rootReal: Promise<string>;

  constructor(readonly workspace: string) {
    this.rootReal = realpath(workspace).catch(() => path.resolve(workspace));
  }

  /** The workspace-relative POSIX path of `p` if it names an existing file inside the workspace, else null. */
  resolve(p: string): Promise<string | null> {
    let hit = this.cache.get(p);
    if (!hit) {
      hit = this.lookup(p);
      if (this.cache.size > 100_000) this.cache.clear();
      this.cache.set(p, hit);
    }
    return hit;
  }

  private async lookup(p: string): Promise<string | null> {
    const root = path.resolve(this.workspace);
    let candidate = p.replace(/^file:\/\//, '');
    candidate = path.isAbsolute(candidate) ? path.normalize(candidate) : path.resolve(root, candidate);
    if (candidate !== root && !candidate.startsWith(root + path.sep)) return null;
    try {
      const real = await realpath(candidate);
      const rootReal = await this.rootReal;
      if (!real.startsWith(rootReal + path.sep)) return null;
      if (!(await stat(real)).isFile()) return null;
      return path.relative(root, candidate).split(path.sep).join('/');
    } catch {
      return null;
    }
  }
}

export interface Locatable {
  file?: string;
  line?: number;
  classname: string;
  suite: string;
  stack?: StackPlace[];
}

/** Files that may hold the test's source, best first: the report's file, a classname or suite that is a path, a Python module path. */
export function testFileCandidates(t: Locatable): string[] {
  const out: string[] = [];
  if (t.file) out.push(t.file);
  for (const s of [t.classname, ...t.suite.split(' › ')]) {
    if (/[\\/]/.test(s) && /\.[A-Za-z]{1,5}$/.test(s)) out.push(s.replace(/\\/g, '/'));
  }
  // pytest: "tests.test_mod.TestClass" → tests/test_mod.py
  const parts = t.classname.split('.');
  if (parts.length >= 2 && parts.every((p) => /^[A-Za-z_]\w*$/.test(p))) {
    for (let n = parts.length; n >= 1; n--) out.push(parts.slice(0, n).join('/') + '.py');
    // surefire: "com.acme.FooTest" → src/test/java/com/acme/FooTest.java
    out.push(`src/test/java/${parts.join('/')}.java`);
  }
  return [...new Set(out)];
}

/** The test's place: the report's file:line, else the first stack frame in a workspace file, else the file alone. */
export async function locateTest(t: Locatable, files: WorkspaceFiles): Promise<{ path: string; startLine?: number } | undefined> {
  if (t.file) {
    const f = await files.resolve(t.file);
    if (f && t.line !== undefined) return { path: f, startLine: t.line };
  }
  for (const frame of t.stack ?? []) {
    const f = await files.resolve(frame.path);
    if (f) return { path: f, startLine: frame.line };
  }
  for (const c of testFileCandidates(t)) {
    const f = await files.resolve(c);
    if (f) return t.line !== undefined && c === t.file ? { path: f, startLine: t.line } : { path: f };
  }
  return undefined;
}
