// Line-level Markdown reading shared by every spec format: fences, headings, front matter, prose spans.
import { parseDocument } from 'yaml';
import { z } from 'zod';

/** Lines of a document with CRLF normalised and a BOM dropped, so line numbers match what editors show. */
export function splitLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
}

/** True for lines inside a fenced code block (fence lines included): structure there is quoted, not authored. */
export function fenceMask(lines: readonly string[]): boolean[] {
  const mask = new Array<boolean>(lines.length).fill(false);
  let open: { marker: string; length: number } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!open) {
      // Most lines cannot open a fence: skip the regex unless a backtick or tilde run is there at all.
      if (line.indexOf('```') === -1 && line.indexOf('~~~') === -1) continue;
      const m = /^\s*(`{3,}|~{3,})/.exec(line);
      if (m) {
        open = { marker: m[1]![0]!, length: m[1]!.length };
        mask[i] = true;
      }
      continue;
    }
    mask[i] = true;
    const close = /^\s*(`{3,}|~{3,})\s*$/.exec(line);
    if (close && close[1]![0] === open.marker && close[1]!.length >= open.length) open = null;
  }
  return mask;
}

/** The fence mask of a read file, computed once: every rule reads the same file. */
export function maskOf(file: { lines: readonly string[]; mask?: boolean[] }): boolean[] {
  return (file.mask ??= fenceMask(file.lines));
}

export interface Heading {
  /** 0-based index into the lines. */
  index: number;
  level: number;
  text: string;
  /** 1-based column where the heading text starts. */
  column: number;
}

const HEADING = /^(#{1,6})[ \t]+(.+?)[ \t]*$/;

export function headingAt(line: string): { level: number; text: string; column: number } | null {
  const m = HEADING.exec(line);
  if (!m) return null;
  const text = m[2]!.replace(/[ \t]+#+$/, '');
  return { level: m[1]!.length, text, column: line.indexOf(m[2]!) + 1 };
}

export function headings(lines: readonly string[], mask: readonly boolean[], from = 0): Heading[] {
  const out: Heading[] = [];
  for (let i = from; i < lines.length; i++) {
    if (mask[i]) continue;
    const line = lines[i]!;
    if (line.charCodeAt(0) !== 35 /* # */) continue;
    const h = headingAt(line);
    if (h) out.push({ index: i, ...h });
  }
  return out;
}

/** Index one past the last line of the section a heading opens (the next heading of the same or a higher level). */
export function sectionEnd(all: readonly Heading[], at: number, total: number): number {
  const h = all[at]!;
  for (let k = at + 1; k < all.length; k++) if (all[k]!.level <= h.level) return all[k]!.index;
  return total;
}

export type FrontMatterResult =
  | { kind: 'none' }
  | { kind: 'ok'; data: Record<string, unknown>; bodyStart: number; keyLines: Map<string, number> }
  | { kind: 'invalid'; message: string; line: number; column: number };

/**
 * Reads a leading `---` YAML block. Aliases are capped (a billion-laughs document is refused, not expanded) and
 * positions in errors are mapped back to the Markdown file's own lines.
 */
export function readFrontMatter(lines: readonly string[]): FrontMatterResult {
  if (lines[0]?.trim() !== '---') return { kind: 'none' };
  let end = -1;
  for (let i = 1; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (t === '---' || t === '...') {
      end = i;
      break;
    }
  }
  if (end === -1) return { kind: 'invalid', message: 'front matter opened with --- is never closed', line: 1, column: 1 };
  const simple = simpleFrontMatter(lines, end);
  if (simple) return simple;
  const src = lines.slice(1, end).join('\n');
  const doc = parseDocument(src, { uniqueKeys: true, prettyErrors: true, strict: true });
  const err = doc.errors[0];
  if (err) {
    const pos = err.linePos?.[0];
    return {
      kind: 'invalid',
      message: `invalid YAML front matter: ${err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
      line: (pos?.line ?? 1) + 1,
      column: pos?.col ?? 1,
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (e) {
    return { kind: 'invalid', message: `front matter refused: ${e instanceof Error ? e.message : String(e)}`, line: 2, column: 1 };
  }
  const mapping = z.record(z.string(), z.unknown()).safeParse(data ?? {});
  if (!mapping.success) {
    return { kind: 'invalid', message: 'front matter must be a YAML mapping (key: value lines)', line: 2, column: 1 };
  }
  const keyLines = new Map<string, number>();
  for (let i = 1; i < end; i++) {
    const m = /^([A-Za-z_][\w-]*)\s*:/.exec(lines[i]!);
    if (m && !keyLines.has(m[1]!)) keyLines.set(m[1]!, i + 1);
  }
  return { kind: 'ok', data: mapping.data, bodyStart: end + 1, keyLines };
}

const SIMPLE_LINE = /^([A-Za-z_][\w-]*):[ \t]+([^\s[{&*!|>'"%@`#,?-][^#]*?)[ \t]*$/;
const NOT_A_STRING = /^(?:true|false|yes|no|on|off|null|~|[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?|0x[\da-f]+|0o[0-7]+|\.inf|\.nan)$/i;

/**
 * The common front matter, `key: plain text` lines only, read without a YAML parser (a spec set is thousands of
 * them). Anything else (quotes, flow or block values, numbers, booleans, comments, colons in values) goes to the
 * full YAML reader, so both paths agree on what a value is.
 */
function simpleFrontMatter(lines: readonly string[], end: number): FrontMatterResult | null {
  const data: Record<string, unknown> = {};
  const keyLines = new Map<string, number>();
  for (let i = 1; i < end; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const m = SIMPLE_LINE.exec(line);
    if (!m || m[2]!.includes(': ') || NOT_A_STRING.test(m[2]!) || keyLines.has(m[1]!)) return null;
    data[m[1]!] = m[2]!;
    keyLines.set(m[1]!, i + 1);
  }
  return { kind: 'ok', data, bodyStart: end + 1, keyLines };
}

/**
 * The line with inline code spans blanked out (same length, so columns stay true): words quoted as code are
 * names, not prose, and neither ambiguous nor references.
 */
export function blankInlineCode(line: string): string {
  if (line.indexOf('`') === -1) return line;
  return line.replace(/(`+)([\s\S]*?)\1/g, (m) => ' '.repeat(m.length));
}
