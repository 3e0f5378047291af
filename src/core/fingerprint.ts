// Finding fingerprints that survive unrelated edits and line moves: rule + whitespace-free text of the
// flagged line and its neighbours + occurrence index, in the spirit of code scanning's primaryLocationLineHash.
import * as crypto from 'node:crypto';
import path from 'node:path';
import { readGuarded } from './guarded-read.js';
import { isInside } from './inside-path.js';

export interface Fingerprintable {
  ruleId: string;
  message: string;
  location?: { path: string; startLine?: number } | undefined;
}

const NEIGHBOURS = 1;

function normalise(line: string | undefined): string {
  return (line ?? '').replace(/\s+/g, '');
}

// crypto.hash (Node 20.12+) is the one-shot form: several times cheaper than createHash per call at 100k findings.
// SHA-1 because this is an identity, not a security boundary, and it is the cheaper of the two.
const oneShot = (crypto as { hash?: (alg: string, data: string, enc: 'hex') => string }).hash;

function digest(text: string): string {
  return (oneShot ? oneShot('sha1', text, 'hex') : crypto.createHash('sha1').update(text).digest('hex')).slice(0, 16);
}

/** Message with volatile parts (numbers, quoted line refs) removed, for findings that have no line text. */
function stableMessage(message: string): string {
  return message.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
}

/** A file's lines, or its whole text (then only the lines fingerprints need are ever cut out of it); null when unreadable. */
export type LineReader = (relPath: string) => Promise<string[] | string | null>;

/**
 * Reads workspace files through the guarded reader: regular files only, inside the workspace also through links,
 * capped. No cache of contents: fingerprintAll asks for each file once and lets it go, so memory stays flat on large
 * runs; folders are resolved once each. Reads are synchronous on purpose: thousands of small files through the
 * thread pool spend more time waiting for round trips than reading.
 */
export function workspaceLineReader(workspace: string, maxBytes = 16 * 1024 * 1024): LineReader {
  const root = path.resolve(workspace);
  const realDirs = new Map<string, string | null>();
  return async (rel) => {
    const abs = path.resolve(root, rel);
    if (!isInside(root, abs)) return null;
    const read = readGuarded(abs, { maxBytes, within: root, realDirs });
    return read.kind === 'ok' ? read.bytes.toString('utf8') : null;
  };
}

const READ_CONCURRENCY = 16;

/**
 * Fingerprints in the same order as the items: `<16 hex>:<occurrence>`, the occurrence counted per file and hash in
 * item order. Items are handled file by file, each file read once and dropped when its items are done.
 */
export async function fingerprintAll(items: readonly Fingerprintable[], readLines: LineReader): Promise<string[]> {
  const groups = new Map<string, number[]>();
  for (let n = 0; n < items.length; n++) {
    const p = items[n]!.location?.path ?? '';
    const g = groups.get(p);
    if (g) g.push(n);
    else groups.set(p, [n]);
  }
  const out: string[] = new Array<string>(items.length);
  const queue = [...groups];
  let next = 0;
  const worker = async () => {
    while (next < queue.length) {
      const [p, indexes] = queue[next++]!;
      const needsText = p !== '' && indexes.some((n) => items[n]!.location?.startLine !== undefined);
      const lines = needsText ? await readLines(p) : null;
      fingerprintFile(items, indexes, lines === null ? null : typeof lines === 'string' ? new TextLines(lines) : lines, out);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, queue.length) }, worker));
  return out;
}

/**
 * Lines of a text found by offset, so a 5,000-line file with two findings costs six short strings, not 5,000.
 * A CR left at a line end is whitespace, which fingerprints drop anyway.
 */
class TextLines {
  private readonly starts: number[] = [0];
  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  get length(): number {
    return this.starts.length;
  }
  line(k: number): string {
    const end = this.starts[k + 1];
    return this.text.slice(this.starts[k]!, end === undefined ? undefined : end - 1);
  }
}

function fingerprintFile(items: readonly Fingerprintable[], indexes: readonly number[], source: string[] | TextLines | null, out: string[]): void {
  const lines = source === null ? null : Array.isArray(source) ? { length: source.length, line: (k: number) => source[k]! } : source;
  const normal: (string | undefined)[] = lines ? new Array<string | undefined>(lines.length) : [];
  const seen = new Map<string, number>();
  for (const n of indexes) {
    const item = items[n]!;
    const startLine = item.location?.startLine;
    let body: string;
    if (lines && startLine !== undefined) {
      const i = startLine - 1;
      body = item.ruleId + '\0';
      // Counted by offset, not by line number: a line number near 2^53 cannot be stepped over (k + 1 === k).
      for (let d = -NEIGHBOURS; d <= NEIGHBOURS; d++) {
        const k = i + d;
        if (d !== -NEIGHBOURS) body += '\n';
        if (k >= 0 && k < lines.length) body += normal[k] ??= normalise(lines.line(k));
      }
    } else {
      body = `${item.ruleId}\0${stableMessage(item.message)}`;
    }
    const hash = digest(body);
    const count = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, count);
    out[n] = `${hash}:${count}`;
  }
}
