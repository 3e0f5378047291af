// A small, strict reader of checkstyle XML: elements and attributes only; DTDs and entity declarations are refused.
import { MAX_POSITION } from '../../core/findings.js';

export interface CheckstyleError {
  line?: number;
  column?: number;
  severity: string;
  message: string;
  source?: string;
}
export interface CheckstyleFile {
  name: string;
  errors: CheckstyleError[];
}
export interface CheckstyleReport {
  version?: string;
  files: CheckstyleFile[];
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export class CheckstyleParseError extends Error {}

function lineOf(text: string, index: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function decode(raw: string, text: string, at: number): string {
  return raw.replace(/&([^;\s&]*);?/g, (m, name: string) => {
    if (!m.endsWith(';')) throw new CheckstyleParseError(`line ${lineOf(text, at)}: a bare "&" is not well-formed XML`);
    if (name.startsWith('#x')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    const v = PREDEFINED[name];
    if (v === undefined) throw new CheckstyleParseError(`line ${lineOf(text, at)}: entity reference &${name}; refused (only XML's predefined entities are read)`);
    return v;
  });
}

const ATTR = /([A-Za-z_:][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function attributes(body: string, text: string, at: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of body.matchAll(ATTR)) out[m[1]!] = decode(m[2] ?? m[3] ?? '', text, at);
  return out;
}

function positive(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number.parseInt(v, 10);
  // A line beyond any text file's (or beyond exact integers) is a broken report: treated as no line.
  return Number.isInteger(n) && n > 0 && n <= MAX_POSITION ? n : undefined;
}

/** Parses a checkstyle report; throws CheckstyleParseError with a line number on anything it will not read. */
export function parseCheckstyle(text: string): CheckstyleReport {
  const report: CheckstyleReport = { files: [] };
  let sawRoot = false;
  let current: CheckstyleFile | undefined;
  let i = 0;
  for (;;) {
    const lt = text.indexOf('<', i);
    if (lt === -1) break;
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end === -1) throw new CheckstyleParseError(`line ${lineOf(text, lt)}: unterminated comment`);
      i = end + 3;
      continue;
    }
    if (text.startsWith('<?', lt)) {
      const end = text.indexOf('?>', lt + 2);
      if (end === -1) throw new CheckstyleParseError(`line ${lineOf(text, lt)}: unterminated processing instruction`);
      i = end + 2;
      continue;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt);
      if (end === -1) throw new CheckstyleParseError(`line ${lineOf(text, lt)}: unterminated CDATA section`);
      i = end + 3;
      continue;
    }
    if (text.startsWith('<!', lt)) {
      const what = /^<!(DOCTYPE|ENTITY|ELEMENT|ATTLIST)/i.exec(text.slice(lt, lt + 12))?.[1]?.toUpperCase() ?? 'declaration';
      throw new CheckstyleParseError(`line ${lineOf(text, lt)}: <!${what}> refused: checkstyle reports need no DTD, and DTDs and entities are an XML attack vector`);
    }
    const gt = text.indexOf('>', lt);
    if (gt === -1) throw new CheckstyleParseError(`line ${lineOf(text, lt)}: unterminated tag`);
    const tag = text.slice(lt + 1, gt);
    i = gt + 1;
    if (tag.startsWith('/')) {
      if (tag.slice(1).trim() === 'file') current = undefined;
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const name = /^[^\s/>]+/.exec(body)?.[0] ?? '';
    const attrs = attributes(body.slice(name.length), text, lt);
    if (!sawRoot) {
      if (name !== 'checkstyle') throw new CheckstyleParseError(`line ${lineOf(text, lt)}: root element is <${name}>, expected <checkstyle>`);
      sawRoot = true;
      if (attrs.version) report.version = attrs.version;
      continue;
    }
    if (name === 'file') {
      current = { name: attrs.name ?? '', errors: [] };
      report.files.push(current);
      if (selfClosing) current = undefined;
    } else if (name === 'error' && current) {
      const e: CheckstyleError = { severity: attrs.severity ?? 'error', message: attrs.message ?? '' };
      const line = positive(attrs.line);
      if (line) e.line = line;
      const column = positive(attrs.column);
      if (column) e.column = column;
      if (attrs.source) e.source = attrs.source;
      current.errors.push(e);
    }
  }
  if (!sawRoot) throw new CheckstyleParseError('no <checkstyle> root element');
  return report;
}
