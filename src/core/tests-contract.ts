// The tests contract `andon.tests/v1`: every test of a regression stage, one JSON row per line (gzipped NDJSON) beside
// its result.json; the row schema, the file name, a streaming writer and reader, and the test counts a stage records.
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { UserError } from './errors.js';
import { describeRefusal, openGuarded } from './guarded-read.js';
import { GzipLineWriter, LineTooLong, readLines } from './gzip-lines.js';

export const TESTS_SCHEMA = 'andon.tests/v1';
/** The file in a regression stage's folder. Line 1 is a TestsHeader; every other line is one TestRow. */
export const TESTS_FILE = 'tests.ndjson.gz';

/** Merged outcome of every run of a test (a flaky test's is `passed`); `absent` for a test only the baseline has. */
export const TestOutcome = z.enum(['passed', 'failed', 'errored', 'skipped', 'absent']);
export type TestOutcome = z.infer<typeof TestOutcome>;

/** What happened to a test in this run, against the baseline. `skipped` did not run; `removed` is in the baseline only. */
export const TestClass = z.enum(['passed', 'fixed', 'regression', 'known-failure', 'new-failure', 'new-passing', 'flaky', 'quarantined', 'removed', 'skipped']);
export type TestClass = z.infer<typeof TestClass>;

export const TestRow = z
  .object({
    /** Stable id: `file › suite › classname › name` without empty or repeated parts. */
    id: z.string(),
    suite: z.string(),
    classname: z.string(),
    name: z.string(),
    file: z.string().optional(),
    line: z.number().int().positive().optional(),
    outcome: TestOutcome,
    class: TestClass,
    /** The outcome in the baseline, when the test is in it. */
    baselineOutcome: z.enum(['passed', 'failed', 'errored', 'skipped']).optional(),
    /** Requirement ids the test traces to (from its name or `@spec` tags in its file). */
    traceTo: z.array(z.string()),
    durationMs: z.number().nonnegative().optional(),
    runs: z.number().int().nonnegative(),
    /** First line of the failure (or skip) message; only for failing, flaky and skipped tests. */
    message: z.string().optional(),
    /** Whether this test's class fails the stage's gate. */
    gating: z.boolean(),
    /** Report files the test appears in, workspace-relative (at most 8). */
    reports: z.array(z.string()),
    /**
     * For a test that ran in several legs (report files, or the hosts of one merged report) and failed in at least one:
     * the legs where it failed, and those where it passed. A failure in any leg fails the test (`outcome`).
     */
    failedIn: z.array(z.string()).optional(),
    passedIn: z.array(z.string()).optional(),
  })
  .strict();
export type TestRow = z.infer<typeof TestRow>;

const OUTCOMES: ReadonlySet<unknown> = new Set(TestOutcome.options);
const CLASSES: ReadonlySet<unknown> = new Set(TestClass.options);
const BASELINE_OUTCOMES: ReadonlySet<unknown> = new Set(TestRow.shape.baselineOutcome.unwrap().options);
const ROW_KEYS: ReadonlySet<string> = new Set(Object.keys(TestRow.shape));
const isStrings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isOptional = (v: unknown, ok: (v: unknown) => boolean) => v === undefined || ok(v);

/**
 * The common case of TestRow.safeParse at a fraction of its cost (a report reads 200,000 rows): true only for a value
 * TestRow accepts as it is. A false sends the row to TestRow itself, which has the last word and names the problem.
 */
function isPlainTestRow(v: unknown): v is TestRow {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const r = v as Record<string, unknown>;
  for (const k in r) if (!ROW_KEYS.has(k)) return false;
  return (
    typeof r.id === 'string' &&
    typeof r.suite === 'string' &&
    typeof r.classname === 'string' &&
    typeof r.name === 'string' &&
    isOptional(r.file, (x) => typeof x === 'string') &&
    isOptional(r.line, (x) => Number.isSafeInteger(x) && (x as number) > 0) &&
    OUTCOMES.has(r.outcome) &&
    CLASSES.has(r.class) &&
    isOptional(r.baselineOutcome, (x) => BASELINE_OUTCOMES.has(x)) &&
    isStrings(r.traceTo) &&
    isOptional(r.durationMs, (x) => typeof x === 'number' && Number.isFinite(x) && x >= 0) &&
    Number.isSafeInteger(r.runs) &&
    (r.runs as number) >= 0 &&
    isOptional(r.message, (x) => typeof x === 'string') &&
    typeof r.gating === 'boolean' &&
    isStrings(r.reports) &&
    isOptional(r.failedIn, isStrings) &&
    isOptional(r.passedIn, isStrings)
  );
}

/** A parsed line of a tests file as a TestRow, or why it is not one. */
export function checkTestRow(json: unknown): { ok: true; row: TestRow } | { ok: false; why: string } {
  if (isPlainTestRow(json)) return { ok: true, row: json };
  const row = TestRow.safeParse(json);
  return row.success ? { ok: true, row: row.data } : { ok: false, why: issues(row.error) };
}

export const TestsHeader = z.object({ schema: z.literal(TESTS_SCHEMA), stage: z.string() }).strict();
export type TestsHeader = z.infer<typeof TestsHeader>;

/** A regression stage's counts in the run record: distinct tests after merging, and how many regressed. */
export const TestCounts = z.object({
  tests: z.number().int(),
  passed: z.number().int(),
  failed: z.number().int(),
  errors: z.number().int(),
  skipped: z.number().int(),
  flaky: z.number().int(),
  regressions: z.number().int(),
});
export type TestCounts = z.infer<typeof TestCounts>;

/** The test counts of a stage record in one line ("tests 9; passed 4; …"), or null for a stage that records none. */
export function describeTestCounts(counts: unknown): string | null {
  const c = TestCounts.safeParse(counts);
  if (!c.success) return null;
  return (['tests', 'passed', 'failed', 'flaky', 'regressions'] as const).map((k) => `${k} ${c.data[k]}`).join('; ');
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON must escape
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** The JSON text of a string, as JSON.stringify writes it, without its cost for the common string that needs no escape. */
export function jsonString(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}

export function jsonStrings(list: readonly string[]): string {
  let out = '[';
  for (let i = 0; i < list.length; i++) out += (i === 0 ? '' : ',') + jsonString(list[i] as string);
  return out + ']';
}

/**
 * A row's JSON in two halves, so a producer can keep the first (what names the test) encoded and add the second
 * (what this run found) later: `{` + testRowHead(...) + testRowTail(...) is the row, one line of the tests file.
 */
export function testRowHead(r: RowNames & { id: string }): string {
  return `"id":${jsonString(r.id)}${testRowNames(r)}`;
}

/** What names a test in its row, after its id. */
export interface RowNames {
  suite: string;
  classname: string;
  name: string;
  file?: string | undefined;
  traceTo: readonly string[];
}

/** What follows the id in a row's head (a producer may encode the id on its own). */
export function testRowNames(r: RowNames): string {
  const file = r.file === undefined ? '' : `,"file":${jsonString(r.file)}`;
  return `,"suite":${jsonString(r.suite)},"classname":${jsonString(r.classname)},"name":${jsonString(r.name)}${file},"traceTo":${jsonStrings(r.traceTo)}`;
}

/** The second half of a row; `message` and `reports` come already as JSON (a producer writes the same ones many times). */
export function testRowTail(r: Omit<TestRow, 'id' | 'suite' | 'classname' | 'name' | 'file' | 'traceTo' | 'message' | 'reports'>, messageJson: string | undefined, reportsJson: string): string {
  const legs = (r.failedIn === undefined ? '' : `,"failedIn":${jsonStrings(r.failedIn)}`) + (r.passedIn === undefined ? '' : `,"passedIn":${jsonStrings(r.passedIn)}`);
  let s = r.line === undefined ? '' : `,"line":${r.line}`;
  s += `,"outcome":"${r.outcome}","class":"${r.class}"`;
  if (r.baselineOutcome !== undefined) s += `,"baselineOutcome":"${r.baselineOutcome}"`;
  if (r.durationMs !== undefined) s += `,"durationMs":${r.durationMs}`;
  s += `,"runs":${r.runs}`;
  if (messageJson !== undefined) s += `,"message":${messageJson}`;
  return `${s},"gating":${r.gating},"reports":${reportsJson}${legs}}`;
}

/** One row as JSON, the text JSON.stringify gives (key order aside) at a fraction of its cost: millions are written. */
export function testRowJson(r: TestRow): string {
  return `{${testRowHead(r)}${testRowTail(r, r.message === undefined ? undefined : jsonString(r.message), jsonStrings(r.reports))}`;
}

export interface TestsWriterOptions {
  /** Applied to each line before it is written (secrets); leave it out when there is nothing to mask. */
  mask?: (text: string) => string;
}

/** Writes a tests file row by row; the rows are never all in memory. `write` returning false asks for `await drain()`. */
export class TestsWriter {
  private readonly out: GzipLineWriter;
  private readonly mask: (text: string) => string;
  private readonly masking: boolean;
  rows = 0;

  constructor(file: string, stage: string, options: TestsWriterOptions = {}) {
    this.out = new GzipLineWriter(file);
    this.masking = options.mask !== undefined;
    this.mask = options.mask ?? ((t) => t);
    this.out.line(this.mask(JSON.stringify(TestsHeader.parse({ schema: TESTS_SCHEMA, stage }))));
  }

  write(row: TestRow): boolean {
    this.rows++;
    return this.out.line(this.mask(testRowJson(row)));
  }

  /**
   * Adds a row already encoded in halves: `head` holds the UTF-8 of `{` + testRowHead (or `{"id":…` + testRowNames),
   * `tail` is testRowTail. The head's bytes are copied as they are, unless a mask must read the whole line.
   */
  writeEncoded(head: Uint8Array, tail: string): boolean {
    this.rows++;
    if (this.masking) return this.out.line(this.mask(Buffer.from(head.buffer, head.byteOffset, head.length).toString('utf8') + tail));
    this.out.bytes(head);
    this.out.text(tail);
    return this.out.endLine();
  }

  drain(): Promise<void> {
    return this.out.drain();
  }

  /** Flushes and closes the file; rejects when it could not be written (a full disk). */
  close(): Promise<void> {
    return this.out.close();
  }

  /** Stops without finishing the file (the stage failed half-way). */
  destroy(): void {
    this.out.destroy();
  }
}

/** A tests file that is not `andon.tests/v1`: names the file and line. */
export class TestsFileError extends UserError {
  constructor(
    message: string,
    file: string,
    line?: number,
    /** There is no such file (a stage that stopped before writing it). */
    readonly missing = false,
  ) {
    super(message, { file, line });
    this.name = 'TestsFileError';
  }
}

/** Longest line read: a row holds a bounded message, so anything past this is not a tests file. */
const MAX_LINE_BYTES = 16 * 1024 * 1024;

/**
 * Reads a tests file row by row, each row checked against TestRow; memory holds one chunk, never the file.
 * `displayPath` names the file in errors (a stage-folder path rather than an absolute one).
 */
export async function readTests(file: string, onRow: (row: TestRow) => void, displayPath = file): Promise<{ header: TestsHeader; rows: number }> {
  let header: TestsHeader | null = null;
  let rows = 0;
  const take = (text: string, lineNo: number) => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new TestsFileError(`not JSON: ${(e as Error).message}`, displayPath, lineNo);
    }
    if (header) {
      const row = checkTestRow(json);
      if (!row.ok) throw new TestsFileError(`not a test row: ${row.why}`, displayPath, lineNo);
      rows++;
      onRow(row.row);
    } else {
      const h = TestsHeader.safeParse(json);
      if (!h.success) throw new TestsFileError(`not an ${TESTS_SCHEMA} header: ${issues(h.error)}`, displayPath, lineNo);
      header = h.data;
    }
  };
  // Through the one guarded reader: a regular file of its folder, never a link or a FIFO put in its place.
  const opened = openGuarded(file, { maxBytes: Number.MAX_SAFE_INTEGER, links: 'refuse', within: path.dirname(file) });
  if (opened.kind !== 'ok') throw new TestsFileError(describeRefusal(opened), displayPath, undefined, opened.kind === 'missing');
  try {
    await readLines(createReadStream(file, { fd: opened.fd }), true, take, MAX_LINE_BYTES);
  } catch (e) {
    if (e instanceof LineTooLong) throw new TestsFileError(`a line longer than ${MAX_LINE_BYTES} bytes`, displayPath, e.lineNo);
    // File and zlib errors carry a code (ENOENT, Z_DATA_ERROR, …); anything else came from onRow and is the caller's.
    if (e instanceof TestsFileError || typeof (e as { code?: unknown }).code !== 'string') throw e;
    throw new TestsFileError(`cannot be read as gzipped NDJSON: ${(e as Error).message}`, displayPath);
  }
  if (!header) throw new TestsFileError(`empty: no ${TESTS_SCHEMA} header`, displayPath, 1);
  return { header, rows };
}

function issues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(row)'}: ${i.message}`).join('; ');
}
