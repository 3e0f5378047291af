// The regression stage's baseline.json: every test's outcome and duration, what later runs classify against. Written
// gzipped with one entry per line and read back streaming, so a baseline of millions of tests never sits in memory.
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import { bufferSource, GzipLineWriter, LineTooLong, readLines } from '../../core/gzip-lines.js';

export const BASELINE_SCHEMA = 'andon.regression-baseline/v1';

export const BaselineOutcome = z.enum(['passed', 'failed', 'errored', 'skipped']);
export type BaselineOutcome = z.infer<typeof BaselineOutcome>;

/** One test as stored: [id, outcome, duration in ms or null, true when it was flaky]. */
export const BaselineEntry = z.union([
  z.tuple([z.string(), BaselineOutcome, z.number().nonnegative().nullable()]),
  z.tuple([z.string(), BaselineOutcome, z.number().nonnegative().nullable(), z.literal(true)]),
]);
export type BaselineEntry = z.infer<typeof BaselineEntry>;

/**
 * The document, once gunzipped. Andon writes it with the envelope on the first line, one entry per line and `]}` on the
 * last, which is plain JSON and also what lets it be read a line at a time; any other layout of the same JSON is read too.
 */
export const RegressionBaselineFile = z
  .object({
    schema: z.literal(BASELINE_SCHEMA),
    stage: z.string(),
    tests: z.array(BaselineEntry),
  })
  .strict();
export type RegressionBaselineFile = z.infer<typeof RegressionBaselineFile>;

const Envelope = z.object({ schema: z.literal(BASELINE_SCHEMA), stage: z.string(), tests: z.array(z.unknown()) }).strict();

/** Writes baseline.json entry by entry. `add` returning false asks for `await drain()`. */
export class BaselineWriter {
  private readonly out: GzipLineWriter;
  entries = 0;

  constructor(
    file: string,
    stage: string,
    /** Secrets to take out of each entry; leave it out when there are none. */
    private readonly mask?: (text: string) => string,
  ) {
    this.out = new GzipLineWriter(file);
    const head = JSON.stringify({ schema: BASELINE_SCHEMA, stage, tests: [] });
    this.out.text(head.slice(0, -2));
  }

  /** Each entry opens a line; the comma after the entry before ends that line, so the document stays plain JSON. */
  private next(): boolean {
    if (this.entries++ > 0) this.out.text(',');
    return this.out.endLine();
  }

  /** One entry whose id is already encoded as a JSON string (UTF-8): its bytes are copied as they are. */
  addEncoded(idJson: Uint8Array, outcome: BaselineOutcome, ms: number | null, flaky: boolean): boolean {
    if (this.mask) return this.add(JSON.parse(Buffer.from(idJson.buffer, idJson.byteOffset, idJson.length).toString('utf8')) as string, outcome, ms, flaky);
    const ok = this.next();
    this.out.text('[');
    this.out.bytes(idJson);
    this.out.text(`,"${outcome}",${ms}${flaky ? ',true' : ''}]`);
    return ok;
  }

  add(id: string, outcome: BaselineOutcome, ms: number | null, flaky: boolean): boolean {
    const ok = this.next();
    const entry = JSON.stringify(flaky ? [id, outcome, ms, true] : [id, outcome, ms]);
    this.out.text(this.mask ? this.mask(entry) : entry);
    return ok;
  }

  drain(): Promise<void> {
    return this.out.drain();
  }

  async close(): Promise<void> {
    this.out.endLine();
    this.out.line(']}');
    await this.out.close();
  }

  destroy(): void {
    this.out.destroy();
  }
}

export type BaselineRead = { ok: true; stage: string; entries: number } | { ok: false; why: string };

/** The longest entry line read (an id is a few hundred bytes; this bounds memory on a hostile file). */
const MAX_LINE_BYTES = 1024 * 1024;
/** A baseline in any other layout is parsed whole, as JSON: only up to this size. */
const MAX_WHOLE_BYTES = 256 * 1024 * 1024;

class NotLineForm extends Error {}
class BadEntry extends Error {}

function checkEntry(e: unknown, i: number): BaselineEntry {
  const ok =
    Array.isArray(e) &&
    (e.length === 3 || (e.length === 4 && e[3] === true)) &&
    typeof e[0] === 'string' &&
    (e[1] === 'passed' || e[1] === 'failed' || e[1] === 'errored' || e[1] === 'skipped') &&
    (e[2] === null || (typeof e[2] === 'number' && e[2] >= 0));
  if (ok) return e as BaselineEntry;
  // zod only to word the message about the first bad entry: per entry it costs several times the plain check.
  const detail = BaselineEntry.safeParse(e);
  const named = Array.isArray(e) && typeof e[0] === 'string' ? ` ("${e[0]}")` : '';
  throw new BadEntry(`tests[${i}]${named}: ${detail.success ? 'invalid entry' : detail.error.issues.map((x) => `${x.path.join('.') || '(entry)'}: ${x.message}`).join('; ')}`);
}

function envelopeProblem(json: unknown): string | null {
  const envelope = Envelope.safeParse(json);
  return envelope.success ? null : envelope.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

/**
 * Reads baseline.json bytes (gzipped, or plain as earlier versions wrote them), calling `onEntry` for each test in
 * order; nothing per entry is kept. A file Andon wrote is read a line at a time; any other layout is parsed whole.
 */
export async function readBaseline(bytes: Buffer, onEntry: (e: BaselineEntry) => void): Promise<BaselineRead> {
  const gzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
  let stage = '';
  let entries = 0;
  let ended = false;
  try {
    await readLines(
      bufferSource(bytes),
      gzip,
      (text, lineNo) => {
        if (lineNo === 1) {
          if (!text.startsWith('{"schema":') || !text.endsWith('"tests":[')) throw new NotLineForm();
          const head: unknown = JSON.parse(`${text}]}`);
          const problem = envelopeProblem(head);
          if (problem) throw new BadEntry(problem);
          stage = (head as { stage: string }).stage;
          return;
        }
        if (ended) {
          if (text.trim() !== '') throw new BadEntry(`content after the end of the document (line ${lineNo})`);
          return;
        }
        if (text === ']}') {
          ended = true;
          return;
        }
        const entry = text.endsWith(',') ? text.slice(0, -1) : text;
        let json: unknown;
        try {
          json = JSON.parse(entry);
        } catch (e) {
          throw new BadEntry(`line ${lineNo}: not JSON: ${(e as Error).message}`);
        }
        onEntry(checkEntry(json, entries++));
      },
      MAX_LINE_BYTES,
    );
  } catch (e) {
    if (e instanceof NotLineForm || (e instanceof LineTooLong && e.lineNo === 1)) return readWhole(bytes, gzip, onEntry);
    if (e instanceof BadEntry) return { ok: false, why: e.message };
    if (e instanceof LineTooLong) return { ok: false, why: `line ${e.lineNo} is longer than ${e.maxLineBytes} bytes` };
    if (e instanceof SyntaxError) return { ok: false, why: `not JSON: ${e.message}` };
    // zlib: not gzip after all, or cut short.
    if (typeof (e as { code?: unknown }).code === 'string') return { ok: false, why: `not a gzip file: ${(e as Error).message}` };
    throw e;
  }
  if (!ended) return { ok: false, why: 'the document ends before its closing `]}` (cut short?)' };
  return { ok: true, stage, entries };
}

/** A baseline in another layout (one line, or hand-formatted): parsed whole, within MAX_WHOLE_BYTES. */
function readWhole(bytes: Buffer, gzip: boolean, onEntry: (e: BaselineEntry) => void): BaselineRead {
  let text: string;
  try {
    const plain = gzip ? gunzipSync(bytes, { maxOutputLength: MAX_WHOLE_BYTES }) : bytes;
    if (plain.length > MAX_WHOLE_BYTES) return { ok: false, why: `over ${MAX_WHOLE_BYTES} bytes in a layout that must be read whole (write it again with Andon)` };
    text = plain.toString('utf8');
  } catch (e) {
    return { ok: false, why: `cannot be read: ${(e as Error).message}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, why: `not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const problem = envelopeProblem(json);
  if (problem) return { ok: false, why: problem };
  const doc = json as { stage: string; tests: unknown[] };
  try {
    doc.tests.forEach((e, i) => checkEntry(e, i));
  } catch (e) {
    if (e instanceof BadEntry) return { ok: false, why: e.message };
    throw e;
  }
  for (const e of doc.tests) onEntry(e as BaselineEntry);
  return { ok: true, stage: doc.stage, entries: doc.tests.length };
}
