// Streaming JUnit XML reader: a byte scanner over a file stream that emits one record per <testcase>, never a DOM.
import { closeSync, createReadStream, read } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { UserError } from '../../core/errors.js';
import { MAX_POSITION } from '../../core/findings.js';
import { describeRefusal, openGuarded } from '../../core/guarded-read.js';
import { firstInvalidUtf8 } from '../../core/strict-utf8.js';
import { DEFAULT_MAX_REPORT_BYTES } from './options.js';

export type TestOutcome = 'passed' | 'failed' | 'errored' | 'skipped';

/** One <testcase> element as the report wrote it. */
export interface JunitTestCase {
  /** Names of the enclosing <testsuite> elements, outermost first. */
  suites: string[];
  classname: string;
  name: string;
  file?: string;
  /** 1 to MAX_POSITION; a larger line is left out and kept, as written, in `refusedLine`. */
  line?: number;
  refusedLine?: string;
  /** The `hostname` of the nearest enclosing <testsuite> that names one: the machine the test ran on. */
  host?: string;
  /** Seconds, when the report gives a readable time. */
  time?: number;
  outcome: TestOutcome;
  /** Surefire flakyFailure/flakyError: failed first, passed on a rerun of the runner. */
  flaky: boolean;
  /** Surefire rerunFailure/rerunError count: reruns that failed too. */
  reruns: number;
  /** First line of the failure/error/skipped message, bounded. */
  message?: string;
  /** Body of the first failure/error (stack trace), bounded by maxBodyBytes. */
  details?: string;
}

export interface JunitReadSummary {
  path: string;
  bytes: number;
  suites: number;
  testcases: number;
  root: string;
}

export interface JunitReadOptions {
  /** The name to use in messages (workspace-relative path); defaults to the file path. */
  displayPath?: string;
  /** Refuse files larger than this (default 2 GiB). */
  maxBytes?: number;
  /** Keep at most this many bytes of a failure body (default 64 KiB). */
  maxBodyBytes?: number;
  /** A single tag longer than this is refused (default 16 MiB): bounds memory on hostile input. */
  maxTagBytes?: number;
  highWaterMark?: number;
  /** The report already opened through the guarded reader (the caller closes it); else the path is opened here, guarded. */
  opened?: { fd: number; size: number };
}

const DEFAULT_MAX_BODY = 64 * 1024;
const DEFAULT_MAX_TAG = 16 * 1024 * 1024;
const MAX_MESSAGE_CHARS = 1000;

/** A report that cannot be read as JUnit: names the file, line and column of the fault. */
export class JunitReadError extends UserError {
  constructor(message: string, file: string, line?: number, column?: number) {
    super(message, { file, line, column });
    this.name = 'JunitReadError';
  }
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QMARK = 0x3f;
const EQ = 0x3d;
const DQ = 0x22;
const SQ = 0x27;

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

const CDATA_OPEN = Buffer.from('<![CDATA[');
const COMMENT_OPEN = Buffer.from('<!--');
const CDATA_CLOSE = Buffer.from(']]>');
const COMMENT_CLOSE = Buffer.from('-->');
const PI_CLOSE = Buffer.from('?>');

// Elements whose attributes are read come first in KNOWN_TAGS; the rest are only recognised to skip decoding their names.
const KNOWN_TAGS = ['testcase', 'testsuite', 'failure', 'error', 'skipped', 'testsuites', 'system-out', 'system-err', 'properties', 'property', 'flakyFailure', 'flakyError', 'rerunFailure', 'rerunError'] as const;
const ATTR_TAGS = 5;
interface KnownName {
  bytes: Buffer;
  code: number;
}
/** Known names by (length << 8 | first byte): one array index and a short compare per name read. */
type NameTable = (KnownName[] | undefined)[];
const MAX_KNOWN_NAME = 16;
function buckets(names: readonly string[]): NameTable {
  const table: NameTable = new Array<KnownName[] | undefined>(MAX_KNOWN_NAME << 8).fill(undefined);
  names.forEach((name, code) => {
    const bytes = Buffer.from(name);
    const key = (bytes.length << 8) | (bytes[0] as number);
    (table[key] ??= []).push({ bytes, code });
  });
  return table;
}
const TAG_BYTES = buckets(KNOWN_TAGS);
const KNOWN_ATTRS = ['name', 'classname', 'class', 'file', 'filepath', 'line', 'time', 'status', 'message', 'hostname'] as const;
const ATTR_BYTES = buckets(KNOWN_ATTRS);
// Indexes into KNOWN_ATTRS, so the hot path compares numbers, not strings.
const A_NAME = 0;
const A_CLASSNAME = 1;
const A_CLASS = 2;
const A_FILE = 3;
const A_FILEPATH = 4;
const A_LINE = 5;
const A_TIME = 6;
const A_STATUS = 7;
const A_MESSAGE = 8;
const A_HOSTNAME = 9;
const WS = new Uint8Array(256);
for (const c of [0x20, 0x0a, 0x0d, 0x09]) WS[c] = 1;
// Bytes that end a tag or attribute name.
const NAME_STOP = new Uint8Array(256);
for (const c of [0x20, 0x0a, 0x0d, 0x09, 0x3e, 0x2f, 0x3d, 0x3c, 0x22, 0x27]) NAME_STOP[c] = 1;

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five XML entities and character references; anything else is an error (no DTD, no expansion). */
export function decodeEntities(s: string, lenient = false): string {
  if (s.indexOf('&') === -1) return s;
  return s.replace(/&([^;&\s]{0,12})(;?)/g, (whole, body: string, semi: string) => {
    if (semi === ';') {
      const named = NAMED_ENTITIES[body];
      if (named !== undefined) return named;
      const m = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(body);
      if (m) {
        const cp = m[1] !== undefined ? parseInt(m[1], 16) : parseInt(m[2] ?? '', 10);
        if (cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)) return String.fromCodePoint(cp);
      }
    }
    if (lenient) return whole;
    throw new EntityError(`undefined or malformed entity reference '${whole}${semi === ';' ? '' : '…'}' (only &amp; &lt; &gt; &quot; &apos; and &#…; are allowed; no DTD entities)`);
  });
}

class EntityError extends Error {}

/** Reads a time attribute: "1.5", "1,234.5" (thousands separators), "0,25" (decimal comma); undefined when unreadable. */
export function parseTime(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  let s = raw.trim();
  if (s === '') return undefined;
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  else if (/^\d+,\d+$/.test(s)) s = s.replace(',', '.');
  const n = Number(s);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

type Decoder = (chunk: Buffer, final: boolean) => Buffer;

/** Bytes the declared encoding cannot decode; `at` is where, in the UTF-8 the chunk decodes to. */
class NotInEncoding extends Error {
  constructor(readonly encoding: string, readonly at: number) {
    super(`invalid ${encoding}: the file is not valid in the encoding it is read as (its BOM or XML declaration)`);
  }
}

/**
 * Turns chunks in `label` into UTF-8. `fatal` refuses what the encoding cannot decode (where U+FFFD would silently
 * stand in); the position is found by decoding the chunk again leniently. Lenient decoding is for counting lines only.
 */
function decoderFor(label: string, fatal: boolean): Decoder {
  const td = new TextDecoder(label, { fatal });
  return (c, final) => {
    try {
      return Buffer.from(td.decode(c, { stream: !final }), 'utf8');
    } catch (e) {
      if (!(e instanceof TypeError)) throw e;
      const text = new TextDecoder(label).decode(c);
      const bad = text.indexOf('\uFFFD');
      throw new NotInEncoding(label, Buffer.byteLength(bad === -1 ? text : text.slice(0, bad)));
    }
  };
}

/** Chooses how to turn the file's bytes into UTF-8 from its BOM or XML declaration. */
function chooseDecoder(head: Buffer, file: string, fatal = true): { skip: number; decode: Decoder | null; encoding: string } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { skip: 3, decode: null, encoding: 'utf-8' };
  const utf16 = (label: 'utf-16le' | 'utf-16be', skip: number) => ({ skip, encoding: label, decode: decoderFor(label, fatal) });
  if (head[0] === 0xff && head[1] === 0xfe) return utf16('utf-16le', 2);
  if (head[0] === 0xfe && head[1] === 0xff) return utf16('utf-16be', 2);
  if (head[0] === 0x3c && head[1] === 0x00 && head[2] === 0x3f && head[3] === 0x00) return utf16('utf-16le', 0);
  if (head[0] === 0x00 && head[1] === 0x3c && head[2] === 0x00 && head[3] === 0x3f) return utf16('utf-16be', 0);
  const prolog = head.subarray(0, 256).toString('latin1');
  const m = /^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(prolog);
  const declared = (m?.[1] ?? 'utf-8').toLowerCase();
  // An ASCII-compatible file declaring UTF-16 was almost always written as UTF-8 by a careless tool.
  if (['utf-8', 'utf8', 'us-ascii', 'ascii', 'utf-16', 'utf-16le', 'utf-16be'].includes(declared)) {
    return { skip: 0, decode: null, encoding: 'utf-8' };
  }
  try {
    new TextDecoder(declared);
  } catch {
    const col = (m?.index ?? 0) + prolog.indexOf(m?.[1] ?? '') + 1;
    throw new JunitReadError(`encoding "${m?.[1]}" declared in the XML declaration is not supported`, file, 1, col);
  }
  return { skip: 0, encoding: declared, decode: decoderFor(declared, fatal) };
}

const ENCODING_HINT = ' (declare the encoding the file is written in, e.g. <?xml version="1.0" encoding="ISO-8859-1"?>)';

/** Where the first byte that is not UTF-8 is in b[s, e), and what it is; null when all is valid. */
function utf8Fault(b: Uint8Array, s: number, e: number): { at: number; message: string } | null {
  const rel = firstInvalidUtf8(b.subarray(s, e));
  if (rel < 0) return null;
  const i = s + rel;
  const c = b[i] as number;
  if (c < 0xc0 || c > 0xf7) return { at: i, message: `invalid UTF-8: byte 0x${c.toString(16)} cannot appear in UTF-8${ENCODING_HINT}` };
  // A lead byte: show it with the continuation bytes that follow it (an overlong form, a surrogate, one cut short).
  let len = 1;
  while (len < 4 && i + len < e && ((b[i + len] as number) & 0xc0) === 0x80) len++;
  const bytes = [...b.subarray(i, i + len)].map((x) => `0x${x.toString(16)}`).join(' ');
  return { at: i, message: `invalid UTF-8: bytes ${bytes} are not a UTF-8 character${i + len >= e ? ' (cut short)' : ''}${ENCODING_HINT}` };
}

/** Where the last character of b[s, e) starts when it is cut short at e (its other bytes come in the next read), else e. */
function completeUpTo(b: Uint8Array, s: number, e: number): number {
  for (let i = e - 1; i >= s && i >= e - 3; i--) {
    const c = b[i] as number;
    if ((c & 0xc0) === 0x80) continue;
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return e - i < need ? i : e;
  }
  return e;
}

/** An open report: its descriptor and the size it had when it was checked (nothing past it is read). */
interface OpenReport {
  fd: number;
  size: number;
}

/** The file system a stream of an open report reads through: a stream's destroy() would close the descriptor otherwise. */
const KEEP_OPEN = { read, close: (_fd: number, cb: (e: NodeJS.ErrnoException | null) => void) => cb(null) };

/** The file's content as UTF-8 chunks, whatever its encoding; the descriptor stays open (its owner closes it). */
async function* utf8Chunks(report: OpenReport, file: string, highWaterMark: number, fatal = true): AsyncGenerator<Buffer> {
  const stream = createReadStream('', { fd: report.fd, fs: KEEP_OPEN, start: 0, end: report.size - 1, autoClose: false, highWaterMark });
  let decoder: Decoder | null | undefined;
  try {
    for await (const raw of stream as AsyncIterable<Buffer>) {
      let chunk = raw;
      if (decoder === undefined) {
        const choice = chooseDecoder(chunk, file, fatal);
        decoder = choice.decode;
        chunk = chunk.subarray(choice.skip);
      }
      yield decoder ? decoder(chunk, false) : chunk;
    }
    if (decoder) {
      const tail = decoder(Buffer.alloc(0), true);
      if (tail.length > 0) yield tail;
    }
  } finally {
    stream.destroy();
  }
}

/** Reads into `buf` at `offset` from file position `position`: the bytes read. */
function readAt(fd: number, buf: Buffer, offset: number, length: number, position: number): Promise<number> {
  return new Promise((resolve, reject) => read(fd, buf, offset, length, position, (e, n) => (e ? reject(e) : resolve(n))));
}

/** Line and column (1-based, in characters) of each UTF-8 byte offset, by reading the file again: errors are rare, speed is not. */
async function positionsOf(report: OpenReport, file: string, offsets: number[], highWaterMark: number): Promise<{ line: number; column: number }[]> {
  const sorted = [...new Set(offsets)].sort((a, b) => a - b);
  const found = new Map<number, { line: number; column: number }>();
  let base = 0;
  let line = 1;
  let lineStart = Buffer.alloc(0);
  let k = 0;
  for await (const chunk of utf8Chunks(report, file, highWaterMark, false)) {
    let from = 0;
    while (k < sorted.length && (sorted[k] ?? 0) < base + chunk.length) {
      const at = (sorted[k] ?? 0) - base;
      for (let nl = chunk.indexOf(0x0a, from); nl !== -1 && nl < at; nl = chunk.indexOf(0x0a, nl + 1)) {
        line++;
        lineStart = Buffer.alloc(0);
        from = nl + 1;
      }
      const head = Buffer.concat([lineStart, chunk.subarray(from, at)]);
      found.set(sorted[k] ?? 0, { line, column: [...head.toString('utf8')].length + 1 });
      k++;
    }
    for (let nl = chunk.indexOf(0x0a, from); nl !== -1; nl = chunk.indexOf(0x0a, nl + 1)) {
      line++;
      from = nl + 1;
      lineStart = Buffer.alloc(0);
    }
    // Keep the current line's head bounded: a column past 64 KiB is reported approximately.
    lineStart = Buffer.concat([lineStart, chunk.subarray(from)]).subarray(-65536);
    base += chunk.length;
  }
  for (; k < sorted.length; k++) found.set(sorted[k] ?? 0, { line, column: [...lineStart.toString('utf8')].length + 1 });
  return offsets.map((o) => found.get(o) ?? { line, column: 1 });
}

/** A fault at a byte offset; turned into file:line:col once the scan stops. */
class Fault extends Error {
  constructor(message: string, readonly offset: number, readonly related: { label: string; offset: number }[] = []) {
    super(message);
  }
}

const JUNIT_ROOTS = new Set(['testsuites', 'testsuite']);

interface OpenElement {
  name: string;
  offset: number;
}


/**
 * Reads one report, calling onTest for every <testcase>; throws JunitReadError with file:line:col on a fault. The file
 * is opened through the guarded reader (a regular file, never a FIFO or a device, up to the size it had when checked).
 */
export async function readJunitReport(
  path: string,
  onTest: (test: JunitTestCase) => void,
  options: JunitReadOptions = {},
): Promise<JunitReadSummary> {
  const file = options.displayPath ?? path;
  if (options.opened) return readOpenReport(options.opened, file, onTest, options);
  const opened = openGuarded(path, { maxBytes: Number.MAX_SAFE_INTEGER, links: 'follow' });
  if (opened.kind !== 'ok') throw new JunitReadError(describeRefusal(opened), file);
  try {
    return await readOpenReport(opened, file, onTest, options);
  } finally {
    closeSync(opened.fd);
  }
}

async function readOpenReport(report: OpenReport, file: string, onTest: (test: JunitTestCase) => void, options: JunitReadOptions): Promise<JunitReadSummary> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_REPORT_BYTES;
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const maxTag = options.maxTagBytes ?? DEFAULT_MAX_TAG;
  const hwm = options.highWaterMark ?? 1024 * 1024;
  if (report.size > maxBytes) {
    throw new JunitReadError(`report is ${report.size} bytes, over the limit of ${maxBytes} bytes (maxReportBytes); refused without reading`, file);
  }
  if (report.size === 0) throw new JunitReadError('empty file: not a JUnit report', file, 1, 1);

  const stack: OpenElement[] = [];
  const suites: string[] = [];
  /** The hostname in force at each open <testsuite> (inherited from the suite around it when it names none). */
  const hosts: (string | undefined)[] = [];
  let suitesSnapshot: string[] | null = null;
  let root = '';
  let rootClosed = false;
  let suiteCount = 0;
  let caseCount = 0;
  // The testcase being read is built in place (one object per test); its children's flags live beside it.
  let current: JunitTestCase | null = null;
  let curFailure = false;
  let curError = false;
  let curSkipped = false;
  let curStatus: string | undefined;
  // Text of the element being captured (failure/error body), as raw bytes, bounded; the buffer is kept for the next one.
  const captured = { bytes: Buffer.allocUnsafe(4096), used: 0 };
  let capture: typeof captured | null = null;
  let captureBytes = 0;
  let captureKind: 'failure' | 'error' | 'skipped' | null = null;

  let buf: Buffer = Buffer.alloc(0);
  let base = 0; // absolute offset of buf[0]
  let pos = 0;
  let state: 'text' | 'cdata' | 'comment' | 'pi' = 'text';
  let stateOffset = 0;

  // Attribute slots of the tag being read, one per known attribute name; a slot counts only for the current tag.
  const attrStarts = new Int32Array(KNOWN_ATTRS.length);
  const attrEnds = new Int32Array(KNOWN_ATTRS.length);
  const attrTag = new Float64Array(KNOWN_ATTRS.length).fill(-1);
  let tagSerial = 0;

  const has = (code: number): boolean => attrTag[code] === tagSerial;
  /** A plain decimal attribute ("12", "0.25") read straight from the bytes; other forms go through parseTime. */
  const numberAttr = (i: number): number | undefined => {
    if (!has(i)) return undefined;
    const st = attrStarts[i] as number;
    const en = attrEnds[i] as number;
    let intPart = 0;
    let frac = 0;
    let scale = 1;
    let seenDot = false;
    let digits = 0;
    for (let k = st; k < en; k++) {
      const c = buf[k] as number;
      if (c >= 0x30 && c <= 0x39) {
        digits++;
        if (seenDot) {
          scale *= 10;
          frac = frac * 10 + (c - 0x30);
        } else intPart = intPart * 10 + (c - 0x30);
      } else if (c === 0x2e && !seenDot) seenDot = true;
      else return parseTime(buf.toString('utf8', st, en));
    }
    if (digits === 0 || digits > 15) return parseTime(buf.toString('utf8', st, en));
    return intPart + frac / scale;
  };

  /** Index of the known name spelled by buf[st, en), or -1; candidates are bucketed by length and first byte. */
  const matchName = (table: NameTable, st: number, en: number): number => {
    const n = en - st;
    if (n >= MAX_KNOWN_NAME) return -1;
    const list = table[(n << 8) | (buf[st] as number)];
    if (list === undefined) return -1;
    for (let j = 0; j < list.length; j++) {
      const entry = list[j] as KnownName;
      const cand = entry.bytes;
      let k = 1;
      while (k < n && cand[k] === buf[st + k]) k++;
      if (k === n) return entry.code;
    }
    return -1;
  };

  const attr = (i: number): string | undefined => {
    if (!has(i)) return undefined;
    const raw = buf.toString('utf8', attrStarts[i], attrEnds[i]);
    try {
      return decodeEntities(raw);
    } catch (e) {
      throw new Fault(`${(e as Error).message} in attribute ${KNOWN_ATTRS[i]}`, base + (attrStarts[i] as number));
    }
  };

  const addCapture = (s: number, e: number, raw: boolean) => {
    if (!capture || captureBytes >= maxBody || e <= s) return;
    const take = Math.min(e - s, maxBody - captureBytes);
    // CDATA is literal; marked so entity decoding leaves it alone. One reused buffer: no allocation per piece.
    const need = capture.used + take + (raw ? 4 : 0);
    if (need > capture.bytes.length) {
      const bigger = Buffer.allocUnsafe(Math.max(need, capture.bytes.length * 2));
      capture.bytes.copy(bigger, 0, 0, capture.used);
      capture.bytes = bigger;
    }
    if (raw) capture.used += capture.bytes.write('\u0000C', capture.used, 'latin1');
    capture.used += buf.copy(capture.bytes, capture.used, s, s + take);
    if (raw) capture.used += capture.bytes.write('\u0000E', capture.used, 'latin1');
    captureBytes += take;
  };

  const onText = (s: number, e: number) => {
    if (stack.length === 0) {
      for (let i = s; i < e; i++) {
        const c = buf[i] as number;
        if (!isWs(c)) {
          const what = rootClosed ? 'text after the root element' : `content before the root element (found '${String.fromCharCode(c)}'): not XML`;
          throw new Fault(what, base + i);
        }
      }
      return;
    }
    if (capture) addCapture(s, e, false);
  };

  const finishCapture = (): string => {
    const bytes = capture ? capture.bytes.subarray(0, capture.used) : Buffer.alloc(0);
    const truncated = captureBytes >= maxBody;
    capture = null;
    captureBytes = 0;
    // Split on the CDATA markers: decode entities only outside CDATA.
    const parts = bytes.toString('utf8').split('\u0000');
    let out = '';
    let inCdata = false;
    for (let i = 0; i < parts.length; i++) {
      let p = parts[i] ?? '';
      if (i > 0) {
        const mark = p[0];
        p = p.slice(1);
        inCdata = mark === 'C';
      }
      out += inCdata ? p : decodeEntities(p, true);
    }
    return truncated ? out + '\n[… truncated]' : out;
  };

  const firstLine = (s: string | undefined): string | undefined => {
    if (s === undefined) return undefined;
    const line = s.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '');
    if (line === undefined) return undefined;
    return line.length > MAX_MESSAGE_CHARS ? line.slice(0, MAX_MESSAGE_CHARS) + '…' : line;
  };

  const openElement = (name: string, offset: number, selfClosing: boolean) => {
    if (stack.length === 0) {
      if (rootClosed) throw new Fault(`second root element <${name}>: a document has one root`, offset);
      root = name;
      if (!JUNIT_ROOTS.has(name)) {
        throw new Fault(`not a JUnit report: the root element is <${name}>, expected <testsuites> or <testsuite>`, offset);
      }
    }
    const parent = stack[stack.length - 1]?.name;
    switch (name) {
      case 'testsuite':
        suiteCount++;
        suites.push(attr(A_NAME) ?? '');
        hosts.push(attr(A_HOSTNAME)?.trim() || hosts[hosts.length - 1]);
        suitesSnapshot = null;
        break;
      case 'testcase': {
        if (current) throw new Fault('<testcase> inside <testcase>', offset);
        const lineNum = numberAttr(A_LINE);
        const lineOk = lineNum !== undefined && lineNum > 0 && Number.isInteger(lineNum);
        current = {
          suites: (suitesSnapshot ??= [...suites]),
          classname: attr(A_CLASSNAME) ?? attr(A_CLASS) ?? '',
          name: attr(A_NAME) ?? '',
          file: attr(A_FILE) ?? attr(A_FILEPATH),
          // A line past MAX_POSITION is a tool's mistake (or a trap for code that loops to it): kept aside, not used.
          line: lineOk && lineNum <= MAX_POSITION ? lineNum : undefined,
          refusedLine: lineOk && lineNum > MAX_POSITION ? attr(A_LINE)?.trim() : undefined,
          host: hosts[hosts.length - 1],
          time: numberAttr(A_TIME),
          outcome: 'passed',
          flaky: false,
          reruns: 0,
          message: undefined,
          details: undefined,
        };
        curFailure = false;
        curError = false;
        curSkipped = false;
        curStatus = has(A_STATUS) ? attr(A_STATUS)?.toLowerCase() : undefined;
        break;
      }
      case 'failure':
      case 'error':
      case 'skipped':
        if (current && parent === 'testcase') {
          const first = name === 'failure' ? !curFailure : name === 'error' ? !curError : !curSkipped;
          if (name === 'failure') curFailure = true;
          else if (name === 'error') curError = true;
          else curSkipped = true;
          // The message of the first failure wins; a later <error> only fills in when there is no failure.
          if (first && (name !== 'skipped' || current.message === undefined)) {
            const m = firstLine(attr(A_MESSAGE));
            if (m !== undefined && (name === 'failure' || current.message === undefined || !curFailure)) current.message = m;
            if (!selfClosing && current.details === undefined && name !== 'skipped') {
              capture = captured;
              capture.used = 0;
              captureKind = name;
            }
          }
        }
        break;
      case 'flakyFailure':
      case 'flakyError':
        if (current && parent === 'testcase') current.flaky = true;
        break;
      case 'rerunFailure':
      case 'rerunError':
        if (current && parent === 'testcase') current.reruns++;
        break;
      default:
        break;
    }
    if (selfClosing) closeElement(name, offset);
    else stack.push({ name, offset });
  };

  const closeElement = (name: string, _offset: number) => {
    switch (name) {
      case 'testsuite':
        suites.pop();
        hosts.pop();
        suitesSnapshot = null;
        break;
      case 'testcase': {
        const test = current;
        if (!test) break;
        current = null;
        caseCount++;
        const outcome: TestOutcome = curFailure
          ? 'failed'
          : curError
            ? 'errored'
            : curSkipped || curStatus === 'disabled' || curStatus === 'skipped' || curStatus === 'notrun'
              ? 'skipped'
              : 'passed';
        test.outcome = outcome;
        if (outcome === 'passed') {
          test.message = undefined;
          test.details = undefined;
        } else {
          test.flaky = false;
          test.message ??= firstLine(test.details);
          if (outcome === 'skipped') test.details = undefined;
        }
        onTest(test);
        break;
      }
      case 'failure':
      case 'error':
        if (capture && captureKind === name && current) {
          current.details = finishCapture();
          captureKind = null;
        }
        break;
      default:
        break;
    }
    if (stack.length === 0) rootClosed = true;
  };

  /** Scans a start tag from pos (at '<'); returns the index after '>' or -1 when the buffer ends first. */
  const scanStartTag = (): number => {
    const len = buf.length;
    let i = pos + 1;
    const nameStart = i;
    while (i < len && NAME_STOP[buf[i] as number] === 0) i++;
    if (i >= len) return -1;
    const stop = buf[i] as number;
    if (stop === LT || stop === EQ || stop === DQ || stop === SQ) throw new Fault(`unexpected '${String.fromCharCode(stop)}' in a tag name`, base + i);
    if (i === nameStart) throw new Fault("'<' not followed by a tag name (an unescaped '<' in text?)", base + pos);
    const tagId = matchName(TAG_BYTES, nameStart, i);
    const name = tagId === -1 ? buf.toString('latin1', nameStart, i) : (KNOWN_TAGS[tagId] as string);
    const wantAttrs = tagId !== -1 && tagId < ATTR_TAGS;
    tagSerial++;
    // The first '<' after the tag's start: a value reaching it holds a '<'. Found once per tag, not once per attribute
    // (from each attribute it would scan to the next tag again: quadratic in the number of attributes).
    let nextLt = -2;
    for (;;) {
      if (i - pos > maxTag) throw new Fault(`tag longer than ${maxTag} bytes: refused (no real JUnit tag is that long)`, base + pos);
      const wsStart = i;
      while (i < len && WS[buf[i] as number] === 1) i++;
      if (i >= len) return -1;
      const c = buf[i] as number;
      if (c === GT) {
        openElement(name, base + pos, false);
        return i + 1;
      }
      if (c === SLASH) {
        if (i + 1 >= len) return -1;
        if (buf[i + 1] !== GT) throw new Fault("expected '>' after '/' in a tag", base + i + 1);
        openElement(name, base + pos, true);
        return i + 2;
      }
      if (i === wsStart) throw new Fault('attributes must be separated by white space', base + i);
      const an = i;
      while (i < len && NAME_STOP[buf[i] as number] === 0) i++;
      if (i >= len) return -1;
      if (i === an) throw new Fault(`unexpected '${String.fromCharCode(buf[i] as number)}' in <${name}> where an attribute name was expected`, base + i);
      const an2 = i;
      while (i < len && WS[buf[i] as number] === 1) i++;
      if (i >= len) return -1;
      if (buf[i] !== EQ) throw new Fault(`attribute ${buf.toString('utf8', an, an2)} of <${name}> has no value ('=' expected)`, base + i);
      i++;
      while (i < len && WS[buf[i] as number] === 1) i++;
      if (i >= len) return -1;
      const q = buf[i] as number;
      if (q !== DQ && q !== SQ) throw new Fault(`value of attribute ${buf.toString('utf8', an, an2)} of <${name}> must be quoted`, base + i);
      const end = buf.indexOf(q, i + 1);
      if (end === -1) return -1;
      if (nextLt === -2 || (nextLt !== -1 && nextLt <= i)) nextLt = buf.indexOf(LT, i + 1);
      if (nextLt !== -1 && nextLt < end) {
        throw new Fault(`'<' is not allowed in the value of attribute ${buf.toString('utf8', an, an2)} of <${name}> (it must be written &lt;)`, base + nextLt);
      }
      if (wantAttrs) {
        const code = matchName(ATTR_BYTES, an, an2);
        if (code !== -1) {
          if (attrTag[code] === tagSerial) throw new Fault(`attribute ${KNOWN_ATTRS[code]} appears twice in <${name}>`, base + an);
          attrTag[code] = tagSerial;
          attrStarts[code] = i + 1;
          attrEnds[code] = end;
        }
      }
      i = end + 1;
    }
  };

  const startsWithAt = (needle: Buffer, at: number): boolean | null => {
    const avail = buf.length - at;
    const n = Math.min(avail, needle.length);
    for (let k = 0; k < n; k++) if (buf[at + k] !== needle[k]) return false;
    return avail >= needle.length ? true : null;
  };

  /** Parses as far as the buffer allows; returns false when more input is needed. */
  const step = (final: boolean): void => {
    const len = buf.length;
    while (pos < len) {
      if (state === 'text') {
        const lt = buf.indexOf(LT, pos);
        if (lt === -1) {
          // Keep a possible split entity or UTF-8 sequence for the next chunk only when capturing.
          onText(pos, len);
          pos = len;
          return;
        }
        if (lt > pos) onText(pos, lt);
        pos = lt;
        if (pos + 1 >= len) return;
        const c = buf[pos + 1] ?? 0;
        if (c === BANG) {
          const isComment = startsWithAt(COMMENT_OPEN, pos);
          if (isComment === true) {
            state = 'comment';
            stateOffset = base + pos;
            pos += 4;
            continue;
          }
          const isCdata = startsWithAt(CDATA_OPEN, pos);
          if (isCdata === true) {
            if (stack.length === 0) throw new Fault('CDATA section outside the root element', base + pos);
            state = 'cdata';
            stateOffset = base + pos;
            pos += 9;
            continue;
          }
          if (isComment === null || isCdata === null || len - pos < 10) {
            if (!final) return;
          }
          const word = buf.toString('latin1', pos, Math.min(len, pos + 10));
          if (/^<!(DOCTYPE|ENTITY|ELEMENT|ATTLIST)/i.test(word)) {
            throw new Fault(`document type or entity declaration (${word.split(/\s/)[0]}…) refused: Andon does not process DTDs or expand entities`, base + pos);
          }
          throw new Fault(`unexpected markup '${word.split(/\s/)[0]}'`, base + pos);
        }
        if (c === QMARK) {
          state = 'pi';
          stateOffset = base + pos;
          pos += 2;
          continue;
        }
        if (c === SLASH) {
          const gt = buf.indexOf(GT, pos);
          if (gt === -1 || gt - pos > maxTag) {
            if (Math.min(gt === -1 ? len : gt, len) - pos > maxTag) throw new Fault(`end tag longer than ${maxTag} bytes`, base + pos);
            return;
          }
          let ne = gt;
          while (ne > pos + 2 && WS[buf[ne - 1] as number] === 1) ne--;
          const open = stack.pop();
          if (!open) throw new Fault(`end tag </${buf.toString('utf8', pos + 2, ne)}> without a start tag`, base + pos);
          const on = open.name;
          let same = on.length === ne - pos - 2;
          for (let k = 0; same && k < on.length; k++) same = on.charCodeAt(k) === buf[pos + 2 + k];
          if (!same) {
            throw new Fault(`end tag </${buf.toString('utf8', pos + 2, ne)}> does not match <${on}>`, base + pos, [{ label: `<${on}> opened`, offset: open.offset }]);
          }
          closeElement(on, base + pos);
          pos = gt + 1;
          continue;
        }
        const end = scanStartTag();
        if (end === -1) {
          if (len - pos > maxTag) throw new Fault(`tag longer than ${maxTag} bytes: refused (no real JUnit tag is that long)`, base + pos);
          return;
        }
        // A tag may also arrive whole in a read buffer that grew past the cap: the cap holds all the same.
        if (end - pos > maxTag) throw new Fault(`tag longer than ${maxTag} bytes: refused (no real JUnit tag is that long)`, base + pos);
        pos = end;
      } else {
        const close = state === 'cdata' ? CDATA_CLOSE : state === 'comment' ? COMMENT_CLOSE : PI_CLOSE;
        const e = buf.indexOf(close, pos);
        if (e === -1) {
          // Consume all but the bytes that could start the terminator, so a huge CDATA never piles up.
          const keep = Math.max(pos, len - (close.length - 1));
          if (state === 'cdata') addCapture(pos, keep, true);
          else if (state === 'pi' && keep - stateOffset + base > maxTag) throw new Fault('processing instruction too long', stateOffset);
          pos = keep;
          return;
        }
        if (state === 'cdata') addCapture(pos, e, true);
        if (state === 'comment') {
          const dd = buf.indexOf('--', pos);
          if (dd !== -1 && dd < e) throw new Fault("'--' is not allowed inside a comment", base + dd);
        }
        pos = e + close.length;
        state = 'text';
      }
    }
  };

  const failAt = async (f: Fault): Promise<never> => {
    const offs = [f.offset, ...f.related.map((r) => r.offset)];
    const ps = await positionsOf(report, file, offs, hwm);
    const p = ps[0] ?? { line: 1, column: 1 };
    const extra = f.related.map((r, i) => `${r.label} at ${ps[i + 1]?.line}:${ps[i + 1]?.column}`).join('; ');
    throw new JunitReadError(extra ? `${f.message} (${extra})` : f.message, file, p.line, p.column);
  };

  let total = 0;
  try {
    let transcoded = false;
    {
      // UTF-8 (the common case) is read straight into one reused buffer: no allocation or copy per chunk.
      let storage = Buffer.allocUnsafe(Math.max(hwm, 16));
      let filePos = 0;
      const readMore = async (at: number): Promise<number> => {
        const n = await readAt(report.fd, storage, at, Math.min(storage.length - at, report.size - filePos), filePos);
        filePos += n;
        return n;
      };
      let len = await readMore(0);
      const choice = chooseDecoder(storage.subarray(0, len), file);
      if (choice.decode) {
        transcoded = true;
      } else {
        if (choice.skip > 0) {
          storage.copyWithin(0, choice.skip, len);
          len -= choice.skip;
        }
        total = len;
        // Every byte is checked as UTF-8 before the scanner sees it, so nothing invalid becomes U+FFFD in a name.
        let checkedTo = 0;
        const validate = (final: boolean) => {
          const from = checkedTo - base;
          const cut = final ? len : completeUpTo(storage, from, len);
          if (from < cut && !isUtf8(storage.subarray(from, cut))) {
            const fault = utf8Fault(storage, from, cut);
            throw new Fault(fault?.message ?? 'invalid UTF-8', base + (fault?.at ?? from));
          }
          checkedTo = base + cut;
        };
        while (len > 0) {
          validate(false);
          buf = storage.subarray(0, len);
          step(false);
          // Keep what is not consumed (an incomplete tag, a possible split terminator) at the front.
          const keep = len - pos;
          if (pos > 0) storage.copyWithin(0, pos, len);
          base += pos;
          pos = 0;
          len = keep;
          buf = storage.subarray(0, len);
          if (len === storage.length) {
            const bigger = Buffer.allocUnsafe(storage.length * 2);
            storage.copy(bigger, 0, 0, len);
            storage = bigger;
          }
          const bytesRead = filePos < report.size ? await readMore(len) : 0;
          if (bytesRead === 0) break;
          len += bytesRead;
          total += bytesRead;
        }
        validate(true);
      }
    }
    if (transcoded) {
      try {
        for await (const chunk of utf8Chunks(report, file, hwm)) {
          total += chunk.length;
          buf = pos < buf.length ? Buffer.concat([buf.subarray(pos), chunk]) : chunk;
          base += pos;
          pos = 0;
          step(false);
        }
      } catch (e) {
        if (e instanceof NotInEncoding) throw new Fault(e.message, total + e.at);
        throw e;
      }
    }
    step(true);
    const eof = base + buf.length;
    if (state !== 'text') {
      const what = state === 'cdata' ? 'CDATA section' : state === 'comment' ? 'comment' : 'processing instruction';
      throw new Fault(`unexpected end of file inside a ${what}`, eof, [{ label: `${what} opened`, offset: stateOffset }]);
    }
    if (pos < buf.length) throw new Fault('unexpected end of file inside a tag', eof, [{ label: 'tag opened', offset: base + pos }]);
    const open = stack[stack.length - 1];
    if (open) throw new Fault(`unexpected end of file: <${open.name}> is not closed`, eof, [{ label: `<${open.name}> opened`, offset: open.offset }]);
    if (!rootClosed) throw new Fault('no root element: not XML', eof);
  } catch (e) {
    if (e instanceof Fault) return failAt(e);
    if (e instanceof JunitReadError) throw e;
    if (e instanceof Error && /Invalid string length|Cannot create a string/i.test(e.message)) {
      throw new JunitReadError(`a single value is too long to read: ${e.message}`, file);
    }
    throw e;
  }
  return { path: file, bytes: total, suites: suiteCount, testcases: caseCount, root };
}

