import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  _enum,
  array,
  boolean,
  describeRefusal,
  literal,
  number,
  object,
  openGuarded,
  string
} from "./chunk-QTHYIHUL.js";
import {
  UserError
} from "./chunk-HUTQD67Y.js";

// src/core/tests-contract.ts
import { createReadStream } from "node:fs";
import path from "node:path";

// src/core/gzip-lines.ts
import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { constants, createGunzip, createGzip } from "node:zlib";
var CHUNK_BYTES = 256 * 1024;
var GzipLineWriter = class {
  chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  used = 0;
  behind = false;
  spare = [];
  failure = null;
  // Fastest level: these files are written on every run and read rarely; level 6 saves a fifth of the bytes for twice the CPU.
  gzip = createGzip({ level: constants.Z_BEST_SPEED, chunkSize: 64 * 1024 });
  done;
  constructor(file) {
    this.done = pipeline(this.gzip, createWriteStream(file)).catch((e) => {
      this.failure = e;
    });
  }
  /** Room for `n` more bytes in the chunk. */
  room(n) {
    if (this.failure) throw this.failure;
    if (this.used + n <= this.chunk.length) return;
    this.flush();
    if (n > this.chunk.length) this.chunk = Buffer.allocUnsafe(n);
  }
  text(s) {
    this.room(s.length * 3);
    this.used += this.chunk.write(s, this.used);
  }
  /** Bytes already in UTF-8, copied as they are. */
  bytes(b) {
    this.room(b.length);
    this.chunk.set(b, this.used);
    this.used += b.length;
  }
  endLine() {
    this.room(1);
    this.chunk[this.used++] = 10;
    const ok = !this.behind;
    this.behind = false;
    return ok;
  }
  line(text) {
    this.text(text);
    return this.endLine();
  }
  flush() {
    if (this.used === 0) return;
    const given = this.chunk;
    this.chunk = this.spare.pop() ?? Buffer.allocUnsafe(CHUNK_BYTES);
    const full = given.subarray(0, this.used);
    this.used = 0;
    const written = this.gzip.write(full, () => {
      if (given.length === CHUNK_BYTES && this.spare.length < 4) this.spare.push(given);
    });
    if (!written) this.behind = true;
  }
  async drain() {
    if (this.gzip.writableNeedDrain && !this.failure) {
      await new Promise((resolve) => {
        const done = () => {
          this.gzip.off("drain", done);
          this.gzip.off("close", done);
          resolve();
        };
        this.gzip.on("drain", done);
        this.gzip.on("close", done);
      });
    }
    if (this.failure) throw this.failure;
  }
  /** Flushes and closes the file; rejects when it could not be written (a full disk). */
  async close() {
    if (!this.failure) {
      this.flush();
      this.gzip.end();
    }
    await this.done;
    if (this.failure) throw this.failure;
  }
  /** Ends without waiting for what is left (an errored stage drops the file it was writing). */
  destroy() {
    this.gzip.destroy();
  }
};
var LineTooLong = class extends Error {
  constructor(lineNo, maxLineBytes) {
    super(`line ${lineNo} is longer than ${maxLineBytes} bytes`);
    this.lineNo = lineNo;
    this.maxLineBytes = maxLineBytes;
  }
  lineNo;
  maxLineBytes;
};
var GUNZIP_CHUNK = 512 * 1024;
var DECODE_WINDOW = 32 * 1024;
async function readLines(source, gzip, onLine, maxLineBytes) {
  let lineNo = 0;
  const consume = async (chunks) => {
    let pending = [];
    let pendingBytes = 0;
    for await (const chunk of chunks) {
      const first = chunk.indexOf(10);
      if (first === -1) {
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes > maxLineBytes) throw new LineTooLong(lineNo + 1, maxLineBytes);
        continue;
      }
      onLine((pendingBytes > 0 ? Buffer.concat([...pending, chunk.subarray(0, first)]) : chunk.subarray(0, first)).toString("utf8"), ++lineNo);
      const last = chunk.lastIndexOf(10);
      for (let start = first + 1; start <= last; ) {
        const cut = start + DECODE_WINDOW >= last ? last : chunk.indexOf(10, start + DECODE_WINDOW);
        const text = chunk.toString("utf8", start, cut);
        let from = 0;
        for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", from)) {
          onLine(text.slice(from, nl), ++lineNo);
          from = nl + 1;
        }
        onLine(text.slice(from), ++lineNo);
        start = cut + 1;
      }
      pending = last + 1 < chunk.length ? [chunk.subarray(last + 1)] : [];
      pendingBytes = chunk.length - last - 1;
      if (pendingBytes > maxLineBytes) throw new LineTooLong(lineNo + 1, maxLineBytes);
    }
    if (pendingBytes > 0) onLine(Buffer.concat(pending).toString("utf8"), ++lineNo);
  };
  let own = null;
  const guarded = async (chunks) => {
    try {
      await consume(chunks);
    } catch (e) {
      own ??= e;
      throw e;
    }
  };
  const readable = source instanceof Readable ? source : Readable.from(source);
  try {
    if (gzip) await pipeline(readable, createGunzip({ chunkSize: GUNZIP_CHUNK }), guarded);
    else await pipeline(readable, guarded);
  } catch (e) {
    throw own ?? e;
  }
  return lineNo;
}
function bufferSource(bytes, slice = 1024 * 1024) {
  return Readable.from(
    (function* () {
      for (let i = 0; i < bytes.length; i += slice) yield bytes.subarray(i, i + slice);
    })()
  );
}

// src/core/tests-contract.ts
var TESTS_SCHEMA = "andon.tests/v1";
var TESTS_FILE = "tests.ndjson.gz";
var TestOutcome = _enum(["passed", "failed", "errored", "skipped", "absent"]);
var TestClass = _enum(["passed", "fixed", "regression", "known-failure", "new-failure", "new-passing", "flaky", "quarantined", "removed", "skipped"]);
var TestRow = object({
  /** Stable id: `file › suite › classname › name` without empty or repeated parts. */
  id: string(),
  suite: string(),
  classname: string(),
  name: string(),
  file: string().optional(),
  line: number().int().positive().optional(),
  outcome: TestOutcome,
  class: TestClass,
  /** The outcome in the baseline, when the test is in it. */
  baselineOutcome: _enum(["passed", "failed", "errored", "skipped"]).optional(),
  /** Requirement ids the test traces to (from its name or `@spec` tags in its file). */
  traceTo: array(string()),
  durationMs: number().nonnegative().optional(),
  runs: number().int().nonnegative(),
  /** First line of the failure (or skip) message; only for failing, flaky and skipped tests. */
  message: string().optional(),
  /** Whether this test's class fails the stage's gate. */
  gating: boolean(),
  /** Report files the test appears in, workspace-relative (at most 8). */
  reports: array(string()),
  /**
   * For a test that ran in several legs (report files, or the hosts of one merged report) and failed in at least one:
   * the legs where it failed, and those where it passed. A failure in any leg fails the test (`outcome`).
   */
  failedIn: array(string()).optional(),
  passedIn: array(string()).optional()
}).strict();
var OUTCOMES = new Set(TestOutcome.options);
var CLASSES = new Set(TestClass.options);
var BASELINE_OUTCOMES = new Set(TestRow.shape.baselineOutcome.unwrap().options);
var ROW_KEYS = new Set(Object.keys(TestRow.shape));
var isStrings = (v) => Array.isArray(v) && v.every((x) => typeof x === "string");
var isOptional = (v, ok) => v === void 0 || ok(v);
function isPlainTestRow(v) {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const r = v;
  for (const k in r) if (!ROW_KEYS.has(k)) return false;
  return typeof r.id === "string" && typeof r.suite === "string" && typeof r.classname === "string" && typeof r.name === "string" && isOptional(r.file, (x) => typeof x === "string") && isOptional(r.line, (x) => Number.isSafeInteger(x) && x > 0) && OUTCOMES.has(r.outcome) && CLASSES.has(r.class) && isOptional(r.baselineOutcome, (x) => BASELINE_OUTCOMES.has(x)) && isStrings(r.traceTo) && isOptional(r.durationMs, (x) => typeof x === "number" && Number.isFinite(x) && x >= 0) && Number.isSafeInteger(r.runs) && r.runs >= 0 && isOptional(r.message, (x) => typeof x === "string") && typeof r.gating === "boolean" && isStrings(r.reports) && isOptional(r.failedIn, isStrings) && isOptional(r.passedIn, isStrings);
}
function checkTestRow(json) {
  if (isPlainTestRow(json)) return { ok: true, row: json };
  const row = TestRow.safeParse(json);
  return row.success ? { ok: true, row: row.data } : { ok: false, why: issues(row.error) };
}
var TestsHeader = object({ schema: literal(TESTS_SCHEMA), stage: string() }).strict();
var TestCounts = object({
  tests: number().int(),
  passed: number().int(),
  failed: number().int(),
  errors: number().int(),
  skipped: number().int(),
  flaky: number().int(),
  regressions: number().int()
});
function describeTestCounts(counts) {
  const c = TestCounts.safeParse(counts);
  if (!c.success) return null;
  return ["tests", "passed", "failed", "flaky", "regressions"].map((k) => `${k} ${c.data[k]}`).join("; ");
}
var NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
function jsonString(s) {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}
function jsonStrings(list) {
  let out = "[";
  for (let i = 0; i < list.length; i++) out += (i === 0 ? "" : ",") + jsonString(list[i]);
  return out + "]";
}
function testRowHead(r) {
  return `"id":${jsonString(r.id)}${testRowNames(r)}`;
}
function testRowNames(r) {
  const file = r.file === void 0 ? "" : `,"file":${jsonString(r.file)}`;
  return `,"suite":${jsonString(r.suite)},"classname":${jsonString(r.classname)},"name":${jsonString(r.name)}${file},"traceTo":${jsonStrings(r.traceTo)}`;
}
function testRowTail(r, messageJson, reportsJson) {
  const legs = (r.failedIn === void 0 ? "" : `,"failedIn":${jsonStrings(r.failedIn)}`) + (r.passedIn === void 0 ? "" : `,"passedIn":${jsonStrings(r.passedIn)}`);
  let s = r.line === void 0 ? "" : `,"line":${r.line}`;
  s += `,"outcome":"${r.outcome}","class":"${r.class}"`;
  if (r.baselineOutcome !== void 0) s += `,"baselineOutcome":"${r.baselineOutcome}"`;
  if (r.durationMs !== void 0) s += `,"durationMs":${r.durationMs}`;
  s += `,"runs":${r.runs}`;
  if (messageJson !== void 0) s += `,"message":${messageJson}`;
  return `${s},"gating":${r.gating},"reports":${reportsJson}${legs}}`;
}
function testRowJson(r) {
  return `{${testRowHead(r)}${testRowTail(r, r.message === void 0 ? void 0 : jsonString(r.message), jsonStrings(r.reports))}`;
}
var TestsWriter = class {
  out;
  mask;
  masking;
  rows = 0;
  constructor(file, stage, options = {}) {
    this.out = new GzipLineWriter(file);
    this.masking = options.mask !== void 0;
    this.mask = options.mask ?? ((t) => t);
    this.out.line(this.mask(JSON.stringify(TestsHeader.parse({ schema: TESTS_SCHEMA, stage }))));
  }
  write(row) {
    this.rows++;
    return this.out.line(this.mask(testRowJson(row)));
  }
  /**
   * Adds a row already encoded in halves: `head` holds the UTF-8 of `{` + testRowHead (or `{"id":…` + testRowNames),
   * `tail` is testRowTail. The head's bytes are copied as they are, unless a mask must read the whole line.
   */
  writeEncoded(head, tail) {
    this.rows++;
    if (this.masking) return this.out.line(this.mask(Buffer.from(head.buffer, head.byteOffset, head.length).toString("utf8") + tail));
    this.out.bytes(head);
    this.out.text(tail);
    return this.out.endLine();
  }
  drain() {
    return this.out.drain();
  }
  /** Flushes and closes the file; rejects when it could not be written (a full disk). */
  close() {
    return this.out.close();
  }
  /** Stops without finishing the file (the stage failed half-way). */
  destroy() {
    this.out.destroy();
  }
};
var TestsFileError = class extends UserError {
  constructor(message, file, line, missing = false) {
    super(message, { file, line });
    this.missing = missing;
    this.name = "TestsFileError";
  }
  missing;
};
var MAX_LINE_BYTES = 16 * 1024 * 1024;
async function readTests(file, onRow, displayPath = file) {
  let header = null;
  let rows = 0;
  const take = (text, lineNo) => {
    let json;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new TestsFileError(`not JSON: ${e.message}`, displayPath, lineNo);
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
  const opened = openGuarded(file, { maxBytes: Number.MAX_SAFE_INTEGER, links: "refuse", within: path.dirname(file) });
  if (opened.kind !== "ok") throw new TestsFileError(describeRefusal(opened), displayPath, void 0, opened.kind === "missing");
  try {
    await readLines(createReadStream(file, { fd: opened.fd }), true, take, MAX_LINE_BYTES);
  } catch (e) {
    if (e instanceof LineTooLong) throw new TestsFileError(`a line longer than ${MAX_LINE_BYTES} bytes`, displayPath, e.lineNo);
    if (e instanceof TestsFileError || typeof e.code !== "string") throw e;
    throw new TestsFileError(`cannot be read as gzipped NDJSON: ${e.message}`, displayPath);
  }
  if (!header) throw new TestsFileError(`empty: no ${TESTS_SCHEMA} header`, displayPath, 1);
  return { header, rows };
}
function issues(error) {
  return error.issues.map((i) => `${i.path.join(".") || "(row)"}: ${i.message}`).join("; ");
}

export {
  GzipLineWriter,
  LineTooLong,
  readLines,
  bufferSource,
  TESTS_SCHEMA,
  TESTS_FILE,
  TestClass,
  TestCounts,
  describeTestCounts,
  jsonString,
  jsonStrings,
  testRowNames,
  testRowTail,
  TestsWriter,
  TestsFileError,
  readTests
};
