// Requirement ids a test traces to: ids in its name (FR-012, REQ-3, 002-alerts/FR-001, US2, Python's fr_003) or `@spec`
// tags in its source file, a tag above one test applying to that test alone; every id is written in one normal form.
import { closeSync } from 'node:fs';
import path from 'node:path';
import { RE2JS } from 're2js';
import { describeRefusal, openGuarded, readOpenFile } from '../../core/guarded-read.js';
import { decodeUtf8Strict } from '../../core/strict-utf8.js';
import { DEFAULT_TRACE_PATTERN } from './options.js';
import type { TraceParts } from './test-collector.js';
import type { SourceFiles } from './test-location.js';

const MAX_SOURCE_BYTES = 1024 * 1024;
/** Ids taken from one text at most (a name is not a requirements list). */
const MAX_IDS = 50;

export type IdFinder = (text: string) => string[];

/**
 * The default pattern run natively: the same ids as DEFAULT_TRACE_PATTERN, with the boundaries (no letter or digit
 * glued on either side) in the expression itself.
 */
const DEFAULT_NATIVE = /(?<![A-Za-z0-9])(?:\d{3,}-[A-Za-z0-9][A-Za-z0-9._-]*\/)?(?:FR|NFR|REQ|SC|US)[-_]?\d+(?![A-Za-z0-9])/gi;
/** Letters and digits that would glue a match to a longer word (`_` and punctuation separate). */
const ALNUM = /[A-Za-z0-9]/;
/** An id of letters and a number, optionally qualified by its spec-kit feature: the shape that is normalised. */
const ID_SHAPE = /^(?:(\d{3,}-[A-Za-z0-9][A-Za-z0-9._-]*)\/)?([A-Za-z]+)[-_ ]?(\d+)$/;

/**
 * One spelling per id, as the specs write them: `FR_003`, `fr003` and `Fr-003` are `FR-003`; a story `us_2`, `US-2` or
 * `US02` is `US2` (spec-kit's story ids); a feature qualifier is kept (`002-alerts/fr_001` is `002-alerts/FR-001`).
 * A match of another shape (a custom pattern's) is kept as written.
 */
export function normaliseTraceId(raw: string): string {
  const m = ID_SHAPE.exec(raw);
  if (!m) return raw;
  const prefix = (m[2] as string).toUpperCase();
  const id = prefix === 'US' ? `US${Number(m[3])}` : `${prefix}-${m[3]}`;
  return m[1] ? `${m[1]}/${id}` : id;
}

/**
 * Our default pattern runs on the native engine; a user's pattern runs on RE2 (linear time, no catastrophic
 * backtracking). Either way a match glued to a letter or digit is not an id, and every id is normalised.
 */
export function compileTracePattern(source: string): IdFinder {
  if (source === DEFAULT_TRACE_PATTERN) {
    const re = new RegExp(DEFAULT_NATIVE);
    return (text) => {
      const out: string[] = [];
      re.lastIndex = 0;
      for (let m = re.exec(text); m && out.length < MAX_IDS; m = re.exec(text)) out.push(normaliseTraceId(m[0]));
      return out;
    };
  }
  const re = RE2JS.compile(source);
  return (text) => {
    const out: string[] = [];
    const m = re.matcher(text);
    while (out.length < MAX_IDS && m.find()) {
      const g = m.group(0);
      if (!g || ALNUM.test(text.charAt(m.start() - 1)) || ALNUM.test(text.charAt(m.end()))) continue;
      out.push(normaliseTraceId(g));
    }
    return out;
  };
}

/** Throws a readable message when the pattern is not valid RE2. */
export function checkTracePattern(source: string): string | null {
  try {
    RE2JS.compile(source);
    return null;
  } catch (e) {
    return `traceIds.pattern /${source}/ is not a valid RE2 pattern: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** A tag written directly above (or, in Python, inside) one test, or above a test class or describe block. */
export interface ScopedTag {
  kind: 'test' | 'group';
  /** The test's function name or title, the class or block's name; null when it is not a plain literal. */
  name: string | null;
  /** The Python class the test function is in. */
  cls?: string;
  ids: readonly string[];
  line: number;
  used: boolean;
}

/** The `@spec` tags of one file: those of the whole file (its header, or anywhere not above a test) and scoped ones. */
export interface FileTags {
  file: readonly string[];
  scoped: readonly ScopedTag[];
}

const NO_TAGS: FileTags = Object.freeze({ file: Object.freeze([]) as readonly string[], scoped: Object.freeze([]) as readonly ScopedTag[] });

type Language = 'python' | 'js' | 'other';

function languageOf(rel: string): Language {
  if (/\.pyi?$/.test(rel)) return 'python';
  if (/\.[cm]?[jt]sx?$/.test(rel)) return 'js';
  return 'other';
}

const PY_DEF = /^(\s*)(?:async\s+)?def\s+(\w+)/;
const PY_CLASS = /^(\s*)class\s+(\w+)/;
const JS_TEST = /^\s*(it|test|specify|describe|suite|context)((?:\.\w+)*)\s*\(\s*(?:(['"`])((?:\\.|(?!\3)[^\\])*)\3)?/;
const JS_COMMENT = /^\s*(?:\/\/|\/\*|\*)/;

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/**
 * Where a tag on line `at` applies. Python: a tag on the comment or decorator lines right above `def test…` applies to
 * that test, above `class Test…` to its tests, inside a test function (its docstring, a comment in it) to that test.
 * JavaScript and TypeScript: a tag in the comment right above `it(`/`test(` applies to that test, above `describe(` to
 * the tests of that block. Anything else, and every tag in other languages, applies to the whole file.
 */
function scopeOf(lines: readonly string[], at: number, lang: Language, enclosing: readonly PyBlock[]): Omit<ScopedTag, 'ids' | 'line' | 'used'> | null {
  const own = lines[at] as string;
  if (lang === 'python') {
    let depth = 0;
    for (let i = at + 1; i < lines.length; i++) {
      const line = lines[i] as string;
      const t = line.trim();
      // Decorators may span lines: their brackets are followed until they close.
      if (depth > 0 || t.startsWith('@')) {
        depth = Math.max(0, depth + (line.match(/[([{]/g)?.length ?? 0) - (line.match(/[)\]}]/g)?.length ?? 0));
        continue;
      }
      if (t === '' || t.startsWith('#')) continue;
      const def = PY_DEF.exec(line);
      if (def && (def[2] as string).startsWith('test')) return pythonTest(def[2] as string, indentOf(line), enclosing);
      const cls = PY_CLASS.exec(line);
      if (cls && (cls[2] as string).startsWith('Test')) return { kind: 'group', name: cls[2] as string };
      break;
    }
    // Inside a test function: its def line, its docstring, a comment in its body (indented under it).
    const indent = PY_DEF.test(own) ? Infinity : indentOf(own);
    const inside = [...enclosing].reverse().find((b) => b.kind === 'def' && b.indent < indent && b.name.startsWith('test'));
    return inside ? pythonTest(inside.name, inside.indent, enclosing) : null;
  }
  if (lang === 'js') {
    // On the test's own line, or in the comment right above it (a JSDoc block goes on: comment and blank lines are skipped).
    const same = jsTest(own);
    if (same) return same;
    for (let i = at + 1; i < lines.length; i++) {
      const line = lines[i] as string;
      if (line.trim() === '' || JS_COMMENT.test(line)) continue;
      return jsTest(line);
    }
  }
  return null;
}

function jsTest(line: string): Omit<ScopedTag, 'ids' | 'line' | 'used'> | null {
  const m = JS_TEST.exec(line);
  if (!m) return null;
  const each = /\.each\b/.test(m[2] ?? '');
  const literal = m[3] !== undefined && !(m[3] === '`' && (m[4] ?? '').includes('${')) && !each;
  const name = literal ? (m[4] as string).replace(/\\(.)/g, '$1') : null;
  return { kind: m[1] === 'describe' || m[1] === 'suite' || m[1] === 'context' ? 'group' : 'test', name };
}

interface PyBlock {
  kind: 'def' | 'class';
  name: string;
  indent: number;
}

function pythonTest(name: string, indent: number, enclosing: readonly PyBlock[]): Omit<ScopedTag, 'ids' | 'line' | 'used'> {
  const cls = [...enclosing].reverse().find((b) => b.kind === 'class' && b.indent < indent);
  return { kind: 'test', name, ...(cls ? { cls: cls.name } : {}) };
}

/** The `@spec` tags of a text, each with where it applies. */
export function readSpecTags(text: string, rel: string, tag: string, find: IdFinder): FileTags {
  if (!text.includes(tag)) return NO_TAGS;
  const lang = languageOf(rel);
  const lines = text.split('\n');
  const file = new Set<string>();
  const scoped: ScopedTag[] = [];
  const blocks: PyBlock[] = [];
  lines.forEach((line, i) => {
    if (lang === 'python') trackPythonBlocks(line, blocks);
    for (let at = line.indexOf(tag); at !== -1; at = line.indexOf(tag, at + 1)) {
      const ids = find(line.slice(at + tag.length));
      if (ids.length === 0) continue;
      const scope = scopeOf(lines, i, lang, blocks);
      if (scope) scoped.push({ ...scope, ids, line: i + 1, used: false });
      else for (const id of ids) file.add(id);
    }
  });
  return { file: [...file], scoped };
}

/** Keeps the stack of Python `def`/`class` blocks a line is in, by indentation (comments and blank lines do not close one). */
function trackPythonBlocks(line: string, blocks: PyBlock[]): void {
  const t = line.trim();
  if (t === '' || t.startsWith('#')) return;
  const indent = indentOf(line);
  while (blocks.length > 0 && (blocks[blocks.length - 1] as PyBlock).indent >= indent) blocks.pop();
  const def = PY_DEF.exec(line);
  if (def) blocks.push({ kind: 'def', name: def[2] as string, indent });
  else {
    const cls = PY_CLASS.exec(line);
    if (cls) blocks.push({ kind: 'class', name: cls[2] as string, indent });
  }
}

const SEGMENTS = / > | › /;

/** Whether a scoped tag names test `t` (its report name, classname and suite). */
function tagNames(tag: ScopedTag, t: TraceParts, lang: Language): boolean {
  const name = tag.name;
  if (name === null) return false;
  if (lang === 'python') {
    const classes = t.classname.split('.');
    if (tag.kind === 'group') return classes.includes(name);
    const bracket = t.name.indexOf('[');
    const fn = bracket > 0 ? t.name.slice(0, bracket) : t.name;
    return fn === name && (tag.cls === undefined || classes.includes(tag.cls));
  }
  // vitest names a test "block > title", jest-junit "block title", mocha "title"; the block is also in the classname.
  if (tag.kind === 'test') return t.name === name || t.name.split(SEGMENTS).pop() === name || t.name.endsWith(` ${name}`);
  return [t.name, t.classname, t.suite].some((s) => s.startsWith(`${name} `) || s.split(SEGMENTS).includes(name));
}

/** Reads `@spec` tags of test files (first MiB of each, through the guarded reader, strict UTF-8), once per file. */
export class SpecTagReader {
  private readonly cache = new Map<string, FileTags>();
  /** Files whose tags could not be read, with why (said once in the log). */
  readonly problems: string[] = [];

  constructor(
    private readonly workspace: string,
    private readonly tag: string,
    private readonly find: IdFinder,
  ) {}

  /** The test files whose tags were read (workspace-relative): what the stage's result depends on beyond its reports. */
  filesRead(): string[] {
    return [...this.cache.keys()];
  }

  /** `rel` must already be a checked workspace-relative path (see WorkspaceFiles). */
  tagsIn(rel: string): FileTags {
    let hit = this.cache.get(rel);
    if (!hit) {
      hit = this.read(rel);
      this.cache.set(rel, hit);
    }
    return hit;
  }

  private read(rel: string): FileTags {
    // Synchronous: each test file is read once, and a thread-pool round trip costs more than the read.
    const opened = openGuarded(path.join(this.workspace, rel), { maxBytes: Number.MAX_SAFE_INTEGER, within: this.workspace, links: 'follow' });
    if (opened.kind !== 'ok') {
      if (opened.kind !== 'missing') this.problems.push(`${rel}: ${describeRefusal(opened)}: its ${this.tag} tags are not read`);
      return NO_TAGS;
    }
    let bytes: Buffer;
    try {
      bytes = readOpenFile(opened.fd, Math.min(opened.size, MAX_SOURCE_BYTES));
    } catch (e) {
      this.problems.push(`${rel}: cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)}): its ${this.tag} tags are not read`);
      return NO_TAGS;
    } finally {
      closeSync(opened.fd);
    }
    // The first MiB may end inside a character: the tags are read up to the last whole one.
    const decoded = decodeUtf8Strict(opened.size > MAX_SOURCE_BYTES ? bytes.subarray(0, wholeCharsEnd(bytes)) : bytes);
    if (!decoded.ok) {
      this.problems.push(`${rel}:${decoded.line}:${decoded.column}: invalid UTF-8 (byte 0x${decoded.byte.toString(16)}): its ${this.tag} tags are not read`);
      return NO_TAGS;
    }
    return readSpecTags(decoded.text, rel, this.tag, this.find);
  }

  /** Tags above a test (or block) that named no test of the reports: where they are. */
  unused(): string[] {
    const out: string[] = [];
    for (const [rel, tags] of this.cache) for (const s of tags.scoped) if (!s.used) out.push(`${rel}:${s.line}${s.name === null ? ' (the test title is not a plain string)' : ` (${s.name})`}`);
    return out;
  }
}

/** Where the bytes of `b` stop being whole UTF-8 characters (at most 3 bytes of a cut character are left out). */
function wholeCharsEnd(b: Uint8Array): number {
  for (let i = b.length - 1; i >= 0 && i >= b.length - 3; i--) {
    const c = b[i] as number;
    if ((c & 0xc0) === 0x80) continue;
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return b.length - i < need ? i : b.length;
  }
  return b.length;
}

const NO_IDS: readonly string[] = Object.freeze([]);

/** A test's requirement ids: those in its suite, classname and name, and the `@spec` tags of its source file that apply to it. */
export class TestTracer {
  private lastGroup = '';
  private lastGroupIds: readonly string[] = NO_IDS;

  constructor(
    private readonly sources: SourceFiles,
    private readonly find: IdFinder,
    private readonly specTags: SpecTagReader,
  ) {}

  traceOf(t: TraceParts): readonly string[] {
    // Suite and classname repeat for every test of a class: their ids are found once per run of them.
    const group = `${t.suite}\n${t.classname}`;
    if (group !== this.lastGroup) {
      this.lastGroup = group;
      this.lastGroupIds = this.find(group);
    }
    const named = this.find(t.name);
    const source = this.sources.sourceOf(t);
    const tags = source === null ? NO_TAGS : this.specTags.tagsIn(source);
    let scoped: string[] | null = null;
    if (tags.scoped.length > 0) {
      const lang = languageOf(source as string);
      for (const s of tags.scoped) {
        if (!tagNames(s, t, lang)) continue;
        s.used = true;
        (scoped ??= []).push(...s.ids);
      }
    }
    if (named.length === 0 && tags.file.length === 0 && scoped === null && this.lastGroupIds.length === 0) return NO_IDS;
    return [...new Set([...this.lastGroupIds, ...named, ...tags.file, ...(scoped ?? [])])].sort();
  }
}
