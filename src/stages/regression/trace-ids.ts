// Requirement ids a test traces to: ids in its name (FR-012, REQ-3, SC-001) or `@spec` tags in its source file.
import { closeSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { RE2JS } from 're2js';
import { DEFAULT_TRACE_PATTERN } from './options.js';
import type { TraceParts } from './test-collector.js';
import type { SourceFiles } from './test-location.js';

const MAX_SOURCE_BYTES = 1024 * 1024;

export type IdFinder = (text: string) => string[];

/** Our default pattern runs on the native engine; a user's pattern runs on RE2 (linear time, no catastrophic backtracking). */
export function compileTracePattern(source: string): IdFinder {
  if (source === DEFAULT_TRACE_PATTERN) {
    const re = new RegExp(source, 'g');
    return (text) => (text.includes('-') ? [...text.matchAll(re)].map((m) => m[0]) : []);
  }
  const re = RE2JS.compile(source);
  return (text) => {
    const out: string[] = [];
    const m = re.matcher(text);
    while (out.length < 50 && m.find()) {
      const g = m.group(0);
      if (g) out.push(g);
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

/** Reads `@spec` tags of test files (first MiB of each), once per file. */
export class SpecTagReader {
  private readonly cache = new Map<string, readonly string[]>();
  constructor(
    private readonly workspace: string,
    private readonly tag: string,
    private readonly find: IdFinder,
  ) {}

  /** `rel` must already be a checked workspace-relative path (see WorkspaceFiles). */
  idsIn(rel: string): readonly string[] {
    let hit = this.cache.get(rel);
    if (!hit) {
      hit = this.read(rel);
      this.cache.set(rel, hit);
    }
    return hit;
  }

  private read(rel: string): string[] {
    let text: string;
    try {
      // Synchronous: each test file is read once, and a thread-pool round trip costs more than the read.
      const fd = openSync(path.join(this.workspace, rel), 'r');
      try {
        const buf = Buffer.alloc(MAX_SOURCE_BYTES);
        const bytesRead = readSync(fd, buf, 0, MAX_SOURCE_BYTES, 0);
        text = buf.toString('utf8', 0, bytesRead);
      } finally {
        closeSync(fd);
      }
    } catch {
      return [];
    }
    const ids = new Set<string>();
    for (let i = text.indexOf(this.tag); i !== -1; i = text.indexOf(this.tag, i + 1)) {
      const eol = text.indexOf('\n', i);
      const rest = text.slice(i + this.tag.length, eol === -1 ? undefined : eol);
      for (const id of this.find(rest)) ids.add(id);
    }
    return [...ids];
  }
}

const NO_IDS: readonly string[] = Object.freeze([]);

/** A test's requirement ids: those in its suite, classname and name, and the `@spec` tags of its source file. */
export class TestTracer {
  constructor(
    private readonly sources: SourceFiles,
    private readonly find: IdFinder,
    private readonly specTags: SpecTagReader,
  ) {}

  traceOf(t: TraceParts): readonly string[] {
    const named = this.find(`${t.suite}\n${t.classname}\n${t.name}`);
    const source = this.sources.sourceOf(t);
    const tagged = source === null ? NO_IDS : this.specTags.idsIn(source);
    if (named.length === 0 && tagged.length === 0) return NO_IDS;
    return [...new Set([...named, ...tagged])].sort();
  }
}
