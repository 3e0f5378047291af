// Where a test lives in the workspace: the report's file/line, else a stack-trace frame; never a path outside the workspace.
// Paths are looked up in one listing of the workspace's files; the disk is asked only about symlinks and untracked files.
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { WorkspaceListing } from '../../core/workspace-files.js';

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

/** A relative POSIX path that needs no normalising: no "." or ".." segments, no doubled or trailing slash. */
const PLAIN_RELATIVE = /^(?!\.\.?(?:\/|$))(?!.*\/\.\.?(?:\/|$))(?!.*\/\/)[^\\/:][^\\:]*$/;
/** Symlinks followed in one lookup at most, as the kernel's ELOOP does. */
const MAX_HOPS = 40;

/**
 * Answers "is this a file of the workspace, and under which workspace-relative path?" from the workspace listing
 * (core/workspace-files.ts). A listed regular file is answered from memory; a path git does not vouch for (a symlink,
 * an untracked file) or one under a symlinked directory is resolved on disk once, and must stay inside the workspace.
 * Paths that are not listed cost no filesystem call at all.
 */
export class WorkspaceFiles {
  /** realpath/stat calls made so far: bounded by the listing, never by the number of tests or stack frames. */
  fsCalls = 0;
  private readonly root: string;
  private rootReal: string | undefined;
  /** Listed paths already checked on disk → the workspace-relative path of the real file, or null. */
  private readonly checked = new Map<string, string | null>();

  constructor(
    workspace: string,
    private readonly listing: WorkspaceListing,
  ) {
    this.root = path.resolve(workspace);
  }

  /** The workspace-relative POSIX path of the file `p` names (relative, absolute or file://), or null when it is none. */
  resolve(p: string): string | null {
    let rel = PLAIN_RELATIVE.test(p) ? p : this.relative(p);
    for (let hop = 0; rel !== null && hop < MAX_HOPS; hop++) {
      const { files, unverified } = this.listing;
      if (files.has(rel)) return unverified === 'all' || unverified.has(rel) ? this.onDisk(rel) : rel;
      // Not listed: only a symlinked directory on the way can still make it a workspace file (git lists the link alone).
      if (unverified === 'all' || unverified.size === 0) return null;
      let through: string | null = null;
      for (let cut = rel.indexOf('/'); cut !== -1; cut = rel.indexOf('/', cut + 1)) {
        const dir = rel.slice(0, cut);
        if (unverified.has(dir)) {
          const real = this.onDisk(dir, true);
          through = real === null ? null : `${real}/${rel.slice(cut + 1)}`;
          break;
        }
      }
      if (through === null || through === rel) return null;
      rel = through;
    }
    return null;
  }

  private relative(p: string): string | null {
    let candidate = p.replace(/^file:\/\//, '').replace(/\\/g, '/');
    candidate = path.isAbsolute(candidate) ? path.normalize(candidate) : path.resolve(this.root, candidate);
    if (!candidate.startsWith(this.root + path.sep)) return null;
    return path.relative(this.root, candidate).split(path.sep).join('/');
  }

  /** A listed path that must be checked on disk: where it really is inside the workspace (a file, or a directory for a link on the way). */
  private onDisk(rel: string, directory = false): string | null {
    const key = directory ? `${rel}/` : rel;
    const hit = this.checked.get(key);
    if (hit !== undefined) return hit;
    let out: string | null = null;
    try {
      this.fsCalls++;
      this.rootReal ??= realpathSync.native(this.root);
      const real = realpathSync.native(path.join(this.root, rel));
      if (real.startsWith(this.rootReal + path.sep)) {
        this.fsCalls++;
        const st = statSync(real);
        if (directory ? st.isDirectory() : st.isFile()) out = path.relative(this.rootReal, real).split(path.sep).join('/');
      }
    } catch {
      out = null;
    }
    this.checked.set(key, out);
    return out;
  }
}

export interface Locatable {
  file?: string | undefined;
  line?: number | undefined;
  classname: string;
  suite: string;
  stack?: readonly StackPlace[] | undefined;
}

/**
 * Files a classname or suite names as a path ("test/a.test.ts"), and the modules a dotted classname names (pytest, surefire).
 * A test's candidates, best first: the report's file, a classname or suite that is a path, then the module paths.
 */
function classCandidates(classname: string): { paths: string[]; modules: string[] } {
  const paths = /[\\/]/.test(classname) && /\.[A-Za-z]{1,5}$/.test(classname) ? [classname.replace(/\\/g, '/')] : [];
  const modules: string[] = [];
  // pytest: "tests.test_mod.TestClass" → tests/test_mod.py
  const parts = classname.split('.');
  if (parts.length >= 2 && parts.every((p) => /^[A-Za-z_]\w*$/.test(p))) {
    for (let n = parts.length; n >= 1; n--) modules.push(parts.slice(0, n).join('/') + '.py');
    // surefire: "com.acme.FooTest" → src/test/java/com/acme/FooTest.java
    modules.push(`src/test/java/${parts.join('/')}.java`);
  }
  return { paths, modules };
}

const MEMO_LIMIT = 100_000;

/**
 * The source file of a test (its first candidate that is a workspace file), remembered per file, classname and suite:
 * a million tests share a few thousand of each, so a test costs a few map lookups.
 */
export class SourceFiles {
  private readonly byFile = new Map<string, string | null>();
  private readonly byClass = new Map<string, { path: string | null; module: string | null }>();
  private readonly bySuite = new Map<string, string | null>();

  private last: { file: string | undefined; classname: string; suite: string; source: string | null } | null = null;

  constructor(readonly files: WorkspaceFiles) {}

  sourceOf(t: Locatable): string | null {
    // Tests of one class come one after the other in a report: the answer for the one before is usually this one's.
    const l = this.last;
    if (l && l.file === t.file && l.classname === t.classname && l.suite === t.suite) return l.source;
    const source = this.lookup(t);
    this.last = { file: t.file, classname: t.classname, suite: t.suite, source };
    return source;
  }

  private lookup(t: Locatable): string | null {
    const file = t.file ? remember(this.byFile, t.file, () => this.files.resolve(t.file as string)) : null;
    if (file !== null) return file;
    const cls = remember(this.byClass, t.classname, () => {
      const c = classCandidates(t.classname);
      return { path: this.first(c.paths), module: this.first(c.modules) };
    });
    if (cls.path !== null) return cls.path;
    const suite = remember(this.bySuite, t.suite, () => this.first(t.suite.split(' › ').flatMap((s) => classCandidates(s).paths)));
    return suite ?? cls.module;
  }

  private first(candidates: readonly string[]): string | null {
    for (const c of candidates) {
      const f = this.files.resolve(c);
      if (f !== null) return f;
    }
    return null;
  }
}

function remember<V>(memo: Map<string, V>, key: string, compute: () => V): V {
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  const v = compute();
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, v);
  return v;
}

/** The test's place: the report's file:line, else the first stack frame in a workspace file, else its source file alone. */
export function locateTest(t: Locatable, sources: SourceFiles): { path: string; startLine?: number } | undefined {
  const files = sources.files;
  if (t.file) {
    const f = files.resolve(t.file);
    if (f && t.line !== undefined) return { path: f, startLine: t.line };
  }
  for (const frame of t.stack ?? []) {
    const f = files.resolve(frame.path);
    if (f) return { path: f, startLine: frame.line };
  }
  const f = sources.sourceOf(t);
  return f === null ? undefined : { path: f };
}
