import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  RE2JS
} from "./chunk-JNAGLRNT.js";
import {
  DEFAULT_TRACE_PATTERN,
  GateClass,
  JunitReadError,
  REGRESSION_DESCRIPTION,
  RegressionOptions,
  readJunitReport
} from "./chunk-AWN5K7BZ.js";
import "./chunk-OMBUU4W3.js";
import {
  STAGE_FILES,
  glob
} from "./chunk-OR7ZM5VY.js";
import {
  GzipLineWriter,
  LineTooLong,
  TESTS_FILE,
  TESTS_SCHEMA,
  TestClass,
  TestCounts,
  TestsWriter,
  bufferSource,
  jsonString,
  jsonStrings,
  readLines,
  testRowNames,
  testRowTail
} from "./chunk-PRTBBS7V.js";
import {
  shellArgv
} from "./chunk-NCAAVBHJ.js";
import {
  _enum,
  array,
  boolean,
  literal,
  number,
  object,
  record,
  string,
  tuple,
  union,
  unknown
} from "./chunk-4FVKWYBG.js";
import "./chunk-3PXQC2NJ.js";
import "./chunk-TZYN2FJC.js";

// src/stages/regression/index.ts
import { rm } from "node:fs/promises";
import path7 from "node:path";

// src/stages/regression/baseline-file.ts
import { gunzipSync } from "node:zlib";
var BASELINE_SCHEMA = "andon.regression-baseline/v1";
var BaselineOutcome = _enum(["passed", "failed", "errored", "skipped"]);
var BaselineEntry = union([
  tuple([string(), BaselineOutcome, number().nonnegative().nullable()]),
  tuple([string(), BaselineOutcome, number().nonnegative().nullable(), literal(true)])
]);
var RegressionBaselineFile = object({
  schema: literal(BASELINE_SCHEMA),
  stage: string(),
  tests: array(BaselineEntry)
}).strict();
var Envelope = object({ schema: literal(BASELINE_SCHEMA), stage: string(), tests: array(unknown()) }).strict();
var BaselineWriter = class {
  constructor(file, stage, mask) {
    this.mask = mask;
    this.out = new GzipLineWriter(file);
    const head = JSON.stringify({ schema: BASELINE_SCHEMA, stage, tests: [] });
    this.out.text(head.slice(0, -2));
  }
  mask;
  out;
  entries = 0;
  /** Each entry opens a line; the comma after the entry before ends that line, so the document stays plain JSON. */
  next() {
    if (this.entries++ > 0) this.out.text(",");
    return this.out.endLine();
  }
  /** One entry whose id is already encoded as a JSON string (UTF-8): its bytes are copied as they are. */
  addEncoded(idJson, outcome, ms, flaky) {
    if (this.mask) return this.add(JSON.parse(Buffer.from(idJson.buffer, idJson.byteOffset, idJson.length).toString("utf8")), outcome, ms, flaky);
    const ok = this.next();
    this.out.text("[");
    this.out.bytes(idJson);
    this.out.text(`,"${outcome}",${ms}${flaky ? ",true" : ""}]`);
    return ok;
  }
  add(id, outcome, ms, flaky) {
    const ok = this.next();
    const entry = JSON.stringify(flaky ? [id, outcome, ms, true] : [id, outcome, ms]);
    this.out.text(this.mask ? this.mask(entry) : entry);
    return ok;
  }
  drain() {
    return this.out.drain();
  }
  async close() {
    this.out.endLine();
    this.out.line("]}");
    await this.out.close();
  }
  destroy() {
    this.out.destroy();
  }
};
var MAX_LINE_BYTES = 1024 * 1024;
var MAX_WHOLE_BYTES = 256 * 1024 * 1024;
var NotLineForm = class extends Error {
};
var BadEntry = class extends Error {
};
function checkEntry(e, i) {
  const ok = Array.isArray(e) && (e.length === 3 || e.length === 4 && e[3] === true) && typeof e[0] === "string" && (e[1] === "passed" || e[1] === "failed" || e[1] === "errored" || e[1] === "skipped") && (e[2] === null || typeof e[2] === "number" && e[2] >= 0);
  if (ok) return e;
  const detail = BaselineEntry.safeParse(e);
  const named = Array.isArray(e) && typeof e[0] === "string" ? ` ("${e[0]}")` : "";
  throw new BadEntry(`tests[${i}]${named}: ${detail.success ? "invalid entry" : detail.error.issues.map((x) => `${x.path.join(".") || "(entry)"}: ${x.message}`).join("; ")}`);
}
function envelopeProblem(json) {
  const envelope = Envelope.safeParse(json);
  return envelope.success ? null : envelope.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
}
async function readBaseline(bytes, onEntry) {
  const gzip = bytes[0] === 31 && bytes[1] === 139;
  let stage = "";
  let entries = 0;
  let ended = false;
  try {
    await readLines(
      bufferSource(bytes),
      gzip,
      (line, lineNo) => {
        const text = line.toString("utf8");
        if (lineNo === 1) {
          if (!text.startsWith('{"schema":') || !text.endsWith('"tests":[')) throw new NotLineForm();
          const head = JSON.parse(`${text}]}`);
          const problem = envelopeProblem(head);
          if (problem) throw new BadEntry(problem);
          stage = head.stage;
          return;
        }
        if (ended) {
          if (text.trim() !== "") throw new BadEntry(`content after the end of the document (line ${lineNo})`);
          return;
        }
        if (text === "]}") {
          ended = true;
          return;
        }
        const entry = text.endsWith(",") ? text.slice(0, -1) : text;
        let json;
        try {
          json = JSON.parse(entry);
        } catch (e) {
          throw new BadEntry(`line ${lineNo}: not JSON: ${e.message}`);
        }
        onEntry(checkEntry(json, entries++));
      },
      MAX_LINE_BYTES
    );
  } catch (e) {
    if (e instanceof NotLineForm || e instanceof LineTooLong && e.lineNo === 1) return readWhole(bytes, gzip, onEntry);
    if (e instanceof BadEntry) return { ok: false, why: e.message };
    if (e instanceof LineTooLong) return { ok: false, why: `line ${e.lineNo} is longer than ${e.maxLineBytes} bytes` };
    if (e instanceof SyntaxError) return { ok: false, why: `not JSON: ${e.message}` };
    if (typeof e.code === "string") return { ok: false, why: `not a gzip file: ${e.message}` };
    throw e;
  }
  if (!ended) return { ok: false, why: "the document ends before its closing `]}` (cut short?)" };
  return { ok: true, stage, entries };
}
function readWhole(bytes, gzip, onEntry) {
  let text;
  try {
    const plain = gzip ? gunzipSync(bytes, { maxOutputLength: MAX_WHOLE_BYTES }) : bytes;
    if (plain.length > MAX_WHOLE_BYTES) return { ok: false, why: `over ${MAX_WHOLE_BYTES} bytes in a layout that must be read whole (write it again with Andon)` };
    text = plain.toString("utf8");
  } catch (e) {
    return { ok: false, why: `cannot be read: ${e.message}` };
  }
  let json;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, why: `not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const problem = envelopeProblem(json);
  if (problem) return { ok: false, why: problem };
  const doc = json;
  try {
    doc.tests.forEach((e, i) => checkEntry(e, i));
  } catch (e) {
    if (e instanceof BadEntry) return { ok: false, why: e.message };
    throw e;
  }
  for (const e of doc.tests) onEntry(e);
  return { ok: true, stage: doc.stage, entries: doc.tests.length };
}

// src/stages/regression/id-hash.ts
import { randomInt } from "node:crypto";
var IdHasher = class {
  lo = 0;
  hi = 0;
  seedLo;
  seedHi;
  constructor(seedLo = randomInt(2 ** 31), seedHi = randomInt(2 ** 31)) {
    this.seedLo = seedLo;
    this.seedHi = seedHi;
  }
  hash(s) {
    let a = this.seedLo;
    let b = this.seedHi;
    const n = s.length;
    let i = 0;
    for (; i + 1 < n; i += 2) {
      const k = s.charCodeAt(i) | s.charCodeAt(i + 1) << 16;
      a = mixLane(a, k);
      b = mixLane(b, Math.imul(k, 2246822507) ^ 1540483477);
    }
    if (i < n) {
      const k = s.charCodeAt(i);
      a ^= Math.imul(rotl(Math.imul(k, 3432918353), 15), 461845907);
      b ^= Math.imul(rotl(Math.imul(k ^ 1540483477, 3432918353), 15), 461845907);
    }
    this.lo = fmix(a ^ n) >>> 0;
    this.hi = fmix(b ^ n) >>> 0;
  }
};
function rotl(x, r) {
  return x << r | x >>> 32 - r;
}
function mixLane(h, k) {
  k = Math.imul(k, 3432918353);
  k = rotl(k, 15);
  k = Math.imul(k, 461845907);
  h ^= k;
  h = rotl(h, 13);
  return Math.imul(h, 5) + 3864292196 | 0;
}
function fmix(h) {
  h ^= h >>> 16;
  h = Math.imul(h, 2246822507);
  h ^= h >>> 13;
  h = Math.imul(h, 3266489909);
  return h ^ h >>> 16;
}

// src/stages/regression/report-sets.ts
var MAX_REPORTS_PER_TEST = 8;
var ReportSets = class {
  names = [];
  byName = /* @__PURE__ */ new Map();
  lists = [];
  byKey = /* @__PURE__ */ new Map();
  lastName = "";
  lastReport = -1;
  single = [];
  report(name) {
    if (name === this.lastName && this.lastReport >= 0) return this.lastReport;
    let r = this.byName.get(name);
    if (r === void 0) {
      r = this.names.length;
      this.names.push(name);
      this.byName.set(name, r);
    }
    this.lastName = name;
    this.lastReport = r;
    return r;
  }
  /** The set of one report. */
  only(report) {
    return this.single[report] ??= this.set([report]);
  }
  set(list) {
    const key = list.join(",");
    let id = this.byKey.get(key);
    if (id === void 0) {
      id = this.lists.length;
      this.lists.push(list);
      this.byKey.set(key, id);
    }
    return id;
  }
  has(set, report) {
    return this.lists[set].includes(report);
  }
  with(set, report) {
    const list = this.lists[set];
    return list.length >= MAX_REPORTS_PER_TEST ? set : this.set([...list, report]);
  }
  pathLists = /* @__PURE__ */ new Map();
  /** The report paths of a set; the same array for every test of the set. */
  paths(set) {
    let out = this.pathLists.get(set);
    if (!out) {
      out = this.lists[set].map((r) => this.names[r]);
      this.pathLists.set(set, out);
    }
    return out;
  }
};

// src/stages/regression/test-identity.ts
import path from "node:path";
var ID_SEPARATOR = " \u203A ";
var MESSY_SPACE = /\s\s|[\t\n\r\f\v\u00a0]|^\s|\s$/;
function clean(s) {
  return MESSY_SPACE.test(s) ? s.replace(/\s+/g, " ").trim() : s;
}
function normaliseTestFile(file, workspace) {
  if (file === void 0) return void 0;
  let f = file.trim().replace(/\\/g, "/");
  if (f === "") return void 0;
  if (f.startsWith("file://")) f = f.slice("file://".length);
  const ws = workspace.replace(/\\/g, "/").replace(/\/+$/, "");
  if (f.startsWith(ws + "/")) f = f.slice(ws.length + 1);
  else if (path.posix.isAbsolute(f) || /^[A-Za-z]:\//.test(f)) return void 0;
  f = path.posix.normalize(f);
  if (f.startsWith("../") || f === "..") return void 0;
  return f.replace(/^\.\//, "");
}
function testId(parts) {
  let id = "";
  let last = "";
  const suites = parts.suites;
  for (let k = -1; k <= suites.length; k++) {
    const raw = k === -1 ? parts.file : k === suites.length ? parts.classname : suites[k];
    if (raw === void 0) continue;
    const c = clean(raw);
    if (c === "" || c === last) continue;
    id = id === "" ? c : id + ID_SEPARATOR + c;
    last = c;
  }
  const n = clean(parts.name);
  return id === "" ? n : id + ID_SEPARATOR + n;
}
function idMatcher(entries) {
  const set = new Set(entries.map((e) => e.split(ID_SEPARATOR).map(clean).join(ID_SEPARATOR)));
  if (set.size === 0) return () => false;
  return (id) => {
    if (set.has(id)) return true;
    for (let at = id.indexOf(ID_SEPARATOR); at !== -1; at = id.indexOf(ID_SEPARATOR, at + 1)) {
      if (set.has(id.slice(at + ID_SEPARATOR.length))) return true;
    }
    return false;
  };
}

// src/stages/regression/test-spill.ts
import { closeSync, ftruncateSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import path2 from "node:path";
var CHUNK = 1024 * 1024;
var ABSENT = 4294967295;
var SpillRecord = class {
  buf = Buffer.alloc(0);
  /** Start and end offsets in `buf` of each part; -1 for a part left out. */
  starts = [];
  ends = [];
  has(k) {
    return (this.starts[k] ?? -1) >= 0;
  }
  text(k) {
    const s = this.starts[k] ?? -1;
    return s < 0 ? void 0 : this.buf.toString("utf8", s, this.ends[k]);
  }
  bytes(k) {
    const s = this.starts[k] ?? -1;
    return s < 0 ? this.buf.subarray(0, 0) : this.buf.subarray(s, this.ends[k]);
  }
};
var Spill = class {
  dir;
  file;
  fd;
  buf = Buffer.allocUnsafe(CHUNK);
  used = 0;
  /** Bytes in the file; the buffer's bytes go after them. */
  written = 0;
  constructor(parent = tmpdir()) {
    this.dir = mkdtempSync(path2.join(parent, "andon-spill-"));
    this.file = path2.join(this.dir, "spill");
    this.fd = openSync(this.file, "w+", 384);
  }
  /** Where the next record starts. */
  get bytes() {
    return this.written + this.used;
  }
  append(parts) {
    let need = 4 + 4 * parts.length;
    for (const p of parts) need += 3 * (p?.length ?? 0);
    if (this.used + need > this.buf.length) {
      this.flush();
      if (need > this.buf.length) this.buf = Buffer.allocUnsafe(need);
    }
    const b = this.buf;
    let lens = this.used;
    b.writeUInt32LE(parts.length, lens);
    lens += 4;
    let o = lens + 4 * parts.length;
    for (const p of parts) {
      const n = p === void 0 ? ABSENT : b.write(p, o);
      b.writeUInt32LE(n, lens);
      lens += 4;
      if (p !== void 0) o += n;
    }
    this.used = o;
  }
  flush() {
    let off = 0;
    while (off < this.used) off += writeSync(this.fd, this.buf, off, this.used - off, this.written + off);
    this.written += this.used;
    this.used = 0;
  }
  /** Drops every record from byte offset `at` on (a report taken back). */
  truncate(at) {
    this.flush();
    ftruncateSync(this.fd, at);
    this.written = at;
  }
  /** Every record in order, as one reused SpillRecord. */
  *records() {
    this.flush();
    const rec = new SpillRecord();
    let chunk = Buffer.allocUnsafe(CHUNK);
    let filePos = 0;
    let have = 0;
    let at = 0;
    for (; ; ) {
      const size = recordSize(chunk, at, have);
      if (size < 0 || at + size > have) {
        chunk.copy(chunk, 0, at, have);
        have -= at;
        at = 0;
        const want = recordSize(chunk, 0, have);
        if (want > chunk.length) {
          const bigger = Buffer.allocUnsafe(want);
          chunk.copy(bigger, 0, 0, have);
          chunk = bigger;
        }
        const n = readSync(this.fd, chunk, have, chunk.length - have, filePos);
        filePos += n;
        have += n;
        if (n === 0) {
          if (have !== 0) throw new Error(`spill file ${this.file}: ${have} bytes of a partial record at its end`);
          return;
        }
        continue;
      }
      const count = chunk.readUInt32LE(at);
      rec.buf = chunk;
      rec.starts.length = count;
      rec.ends.length = count;
      let o = at + 4 + 4 * count;
      for (let k = 0; k < count; k++) {
        const n = chunk.readUInt32LE(at + 4 + 4 * k);
        if (n === ABSENT) {
          rec.starts[k] = -1;
          rec.ends[k] = -1;
        } else {
          rec.starts[k] = o;
          rec.ends[k] = o + n;
          o += n;
        }
      }
      at += size;
      yield rec;
    }
  }
  close() {
    try {
      closeSync(this.fd);
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
};
function recordSize(b, at, have) {
  if (have - at < 4) return -1;
  const count = b.readUInt32LE(at);
  if (have - at < 4 + 4 * count) return -1;
  let size = 4 + 4 * count;
  for (let k = 0; k < count; k++) {
    const n = b.readUInt32LE(at + 4 + 4 * k);
    if (n !== ABSENT) size += n;
  }
  return size;
}

// src/stages/regression/test-table.ts
var PAGE_BITS = 14;
var PAGE = 1 << PAGE_BITS;
var COLUMN_PAGE = PAGE;
var PAGE_MASK = PAGE - 1;
var U32Column = class {
  constructor(initial = 0) {
    this.initial = initial;
  }
  initial;
  pages = [];
  get(i) {
    return this.pages[i >>> PAGE_BITS][i & PAGE_MASK];
  }
  set(i, v) {
    this.pages[i >>> PAGE_BITS][i & PAGE_MASK] = v;
  }
  ensure(n) {
    while (this.pages.length * PAGE < n) this.pages.push(new Uint32Array(PAGE).fill(this.initial));
  }
  get bytes() {
    return this.pages.length * PAGE * 4;
  }
};
var U8Column = class {
  pages = [];
  get(i) {
    return this.pages[i >>> PAGE_BITS][i & PAGE_MASK];
  }
  set(i, v) {
    this.pages[i >>> PAGE_BITS][i & PAGE_MASK] = v;
  }
  ensure(n) {
    while (this.pages.length * PAGE < n) this.pages.push(new Uint8Array(PAGE));
  }
  get bytes() {
    return this.pages.length * PAGE;
  }
};
var OUTCOME_CODES = ["passed", "failed", "errored", "skipped"];
var PASSED = 0;
var FAILED = 1;
var ERRORED = 2;
var SKIPPED = 3;
var outcomeCode = (o) => OUTCOME_CODES.indexOf(o);
var isFailingCode = (c) => c === FAILED || c === ERRORED;
var FLAKY = 1;
var DUPLICATE = 2;
var HAS_MESSAGE = 4;
var DETAILS_REPLACED = 8;
var NO_MS = 4294967295;
var TestColumns = class {
  outcome = new U8Column();
  flags = new U8Column();
  runs = new U32Column();
  failedRuns = new U32Column();
  ms = new U32Column(NO_MS);
  /** 0 when the report gave none. */
  line = new U32Column();
  /** The report last read for this id, and how many invocations of the id it held (TestCollector.add). */
  seenIn = new U32Column();
  invocations = new U32Column();
  /** Interned list of the reports the test appears in (ReportSets). */
  reportSet = new U32Column();
  ensure(n) {
    for (const c of this.all()) c.ensure(n);
  }
  /** this[to] = from[at]. */
  copy(from, at, to) {
    const mine = this.all();
    const theirs = from.all();
    for (let k = 0; k < mine.length; k++) mine[k].set(to, theirs[k].get(at));
  }
  get bytes() {
    return this.all().reduce((n, c) => n + c.bytes, 0);
  }
  all() {
    return [this.outcome, this.flags, this.runs, this.failedRuns, this.ms, this.line, this.seenIn, this.invocations, this.reportSet];
  }
};
var TestIndex = class {
  hashLo = new U32Column();
  hashHi = new U32Column();
  slots = new Int32Array(1024);
  mask = 1023;
  size = 0;
  /** Slots looked at, over all lookups and inserts: the unit tests check it grows with the tests, not faster. */
  probes = 0;
  find(lo, hi) {
    for (let s = lo & this.mask; ; s = s + 1 & this.mask) {
      this.probes++;
      const v = this.slots[s];
      if (v === 0) return -1;
      if (this.hashLo.get(v - 1) === lo && this.hashHi.get(v - 1) === hi) return v - 1;
    }
  }
  /** Adds the next index for a hash that is not in the index yet. */
  add(lo, hi) {
    const i = this.size++;
    if (i % PAGE === 0) {
      this.hashLo.ensure(this.size);
      this.hashHi.ensure(this.size);
    }
    this.hashLo.set(i, lo);
    this.hashHi.set(i, hi);
    if (this.size * 2 > this.slots.length) this.grow();
    else this.place(i);
    return i;
  }
  place(i) {
    for (let s = this.hashLo.get(i) & this.mask; ; s = s + 1 & this.mask) {
      this.probes++;
      if (this.slots[s] === 0) {
        this.slots[s] = i + 1;
        return;
      }
    }
  }
  grow() {
    this.slots = new Int32Array(this.slots.length * 2);
    this.mask = this.slots.length - 1;
    for (let i = 0; i < this.size; i++) this.place(i);
  }
  /** Removes the indices from `n` on (backward-shift deletion: no tombstones, lookups stay as short as before). */
  truncate(n) {
    for (let i = this.size - 1; i >= n; i--) this.remove(i);
    this.size = n;
  }
  remove(i) {
    let s = this.hashLo.get(i) & this.mask;
    while (this.slots[s] !== i + 1) s = s + 1 & this.mask;
    for (let next = s + 1 & this.mask; this.slots[next] !== 0; next = next + 1 & this.mask) {
      const home = this.hashLo.get(this.slots[next] - 1) & this.mask;
      const between = s <= next ? s < home && home <= next : s < home || home <= next;
      if (!between) {
        this.slots[s] = this.slots[next];
        s = next;
      }
    }
    this.slots[s] = 0;
  }
  get bytes() {
    return this.slots.length * 4 + this.hashLo.bytes + this.hashHi.bytes;
  }
};

// src/stages/regression/test-collector.ts
function isFailing(outcome) {
  return outcome === "failed" || outcome === "errored";
}
var NO_IDS = Object.freeze([]);
var HEAD = 0;
var MESSAGE = 1;
var STACK = 2;
var ID_PREFIX = Buffer.from('{"id":');
var AFTER_ID = Buffer.from(',"suite":');
var TestView = class {
  constructor(tests) {
    this.tests = tests;
  }
  tests;
  i = 0;
  rec = new SpillRecord();
  decodedId = null;
  at(i, rec) {
    this.i = i;
    this.rec = rec;
    this.decodedId = null;
    return this;
  }
  /** The encoded start of the test's row: `{"id":…,"suite":…,…,"traceTo":[…]`. */
  head() {
    return this.rec.bytes(HEAD);
  }
  /** The id as a JSON string, encoded. */
  idJson() {
    const head = this.rec.bytes(HEAD);
    return head.subarray(ID_PREFIX.length, head.indexOf(AFTER_ID, ID_PREFIX.length));
  }
  id() {
    return this.decodedId ??= JSON.parse(this.idJson().toString("utf8"));
  }
  messageJson() {
    const replaced = this.tests.replacedMessage(this.i);
    return replaced !== void 0 ? jsonString(replaced) : this.rec.text(MESSAGE);
  }
  /** Everything, decoded: for the few tests that get a finding or are re-run. */
  strings() {
    const names = JSON.parse(`${this.rec.text(HEAD)}}`);
    const message = this.messageJson();
    const stack = this.tests.replacedStack(this.i) ?? this.rec.text(STACK);
    return { ...names, message: message === void 0 ? void 0 : JSON.parse(message), stack };
  }
};
var MAX_REPLACED_DETAILS = 1e5;
var TestCollector = class {
  constructor(workspace, spill, traceOf = () => NO_IDS) {
    this.workspace = workspace;
    this.spill = spill;
    this.traceOf = traceOf;
  }
  workspace;
  spill;
  traceOf;
  cols = new TestColumns();
  index = new TestIndex();
  hasher = new IdHasher();
  reports = new ReportSets();
  /** Details replaced by later runs, by test index. */
  replaced = /* @__PURE__ */ new Map();
  /** Replacements that did not fit under MAX_REPLACED_DETAILS. */
  detailsDropped = 0;
  journal = null;
  generation = 0;
  touchedIn = new U32Column();
  // Values that repeat across thousands of tests are computed once.
  files = /* @__PURE__ */ new Map();
  lastFile = ["", void 0];
  lastSuites = null;
  lastSuite = "";
  get size() {
    return this.index.size;
  }
  /** Bytes held per test in memory (columns and index), for the bench and the growth tests. */
  get bytes() {
    return this.cols.bytes + this.index.bytes + this.touchedIn.bytes;
  }
  outcome(i) {
    return OUTCOME_CODES[this.cols.outcome.get(i)];
  }
  /** Starts recording changes; `rollback` undoes everything since, `commit` keeps it. */
  begin() {
    this.generation++;
    this.journal = { generation: this.generation, start: this.size, spillAt: this.spill.bytes, touched: new U32Column(), before: new TestColumns(), count: 0, details: /* @__PURE__ */ new Map() };
  }
  commit() {
    this.journal = null;
  }
  rollback() {
    const j = this.journal;
    this.journal = null;
    if (!j) return;
    for (let k = 0; k < j.count; k++) this.cols.copy(j.before, k, j.touched.get(k));
    for (const [i, d] of j.details) {
      if (d) this.replaced.set(i, d);
      else this.replaced.delete(i);
    }
    for (const i of this.replaced.keys()) if (i >= j.start) this.replaced.delete(i);
    this.index.truncate(j.start);
    this.spill.truncate(j.spillAt);
  }
  /** Snapshot of a test before its first change in this journal (tests created in it need none). */
  touch(i) {
    const j = this.journal;
    if (!j || i >= j.start || this.touchedIn.get(i) === j.generation) return;
    this.touchedIn.set(i, j.generation);
    const k = j.count++;
    j.touched.ensure(j.count);
    j.before.ensure(j.count);
    j.touched.set(k, i);
    j.before.copy(this.cols, i, k);
    if (this.replaced.has(i)) j.details.set(i, { ...this.replaced.get(i) });
    else j.details.set(i, void 0);
  }
  find(id) {
    this.hasher.hash(id);
    return this.index.find(this.hasher.lo, this.hasher.hi);
  }
  /**
   * Adds one run of a test from `report`. The same id repeated within one report is a retry when the runs
   * mix failures with passes or failures (Gradle's test-retry, mikepenz's fixtures), and a separate
   * invocation otherwise (TestNG data providers write one testcase per row: `id [#2]`). A testcase without
   * a name is always its own test. During a retry, only tests that are still failing take the new run.
   */
  add(tc, reportPath, retry = false) {
    const report = this.reports.report(reportPath);
    const file = tc.file === void 0 ? void 0 : this.fileOf(tc.file);
    const baseId = testId({ suites: tc.suites, classname: tc.classname, name: tc.name, file });
    const base2 = this.find(baseId);
    if (retry) {
      if (base2 >= 0 && isFailingCode(this.cols.outcome.get(base2))) {
        this.touch(base2);
        this.mergeRun(base2, tc);
      }
      return;
    }
    if (base2 < 0) {
      this.create(baseId, tc, file, report);
      return;
    }
    const c = this.cols;
    if (c.seenIn.get(base2) !== report) {
      this.touch(base2);
      c.seenIn.set(base2, report);
      c.invocations.set(base2, 1);
      this.noteDuplicate(base2, report);
      this.mergeRun(base2, tc);
      return;
    }
    const n = c.invocations.get(base2) || 1;
    const latest = n === 1 ? base2 : this.find(`${baseId} [#${n}]`);
    const retryOfLatest = tc.name.trim() !== "" && latest >= 0 && c.outcome.get(latest) !== SKIPPED && tc.outcome !== "skipped" && (c.failedRuns.get(latest) > 0 || isFailing(tc.outcome));
    if (retryOfLatest) {
      this.touch(latest);
      this.mergeRun(latest, tc);
      return;
    }
    this.touch(base2);
    c.invocations.set(base2, n + 1);
    const id = `${baseId} [#${n + 1}]`;
    const prev = this.find(id);
    if (prev >= 0) {
      this.touch(prev);
      this.noteDuplicate(prev, report);
      this.mergeRun(prev, tc);
    } else {
      this.create(id, tc, file, report);
    }
  }
  fileOf(raw) {
    if (raw === this.lastFile[0]) return this.lastFile[1];
    let f;
    if (this.files.has(raw)) f = this.files.get(raw);
    else {
      f = normaliseTestFile(raw, this.workspace);
      if (this.files.size > 1e5) this.files.clear();
      this.files.set(raw, f);
    }
    this.lastFile = [raw, f];
    return f;
  }
  suiteOf(suites) {
    if (suites !== this.lastSuites) {
      this.lastSuites = suites;
      this.lastSuite = suites.join(" \u203A ");
    }
    return this.lastSuite;
  }
  create(id, tc, file, report) {
    const i = this.index.add(this.hasher.lo, this.hasher.hi);
    const c = this.cols;
    if (i % COLUMN_PAGE === 0) {
      c.ensure(this.size);
      this.touchedIn.ensure(this.size);
    }
    const failing = isFailing(tc.outcome);
    c.outcome.set(i, outcomeCode(tc.outcome));
    c.flags.set(i, (tc.flaky ? FLAKY : 0) | (tc.message !== void 0 ? HAS_MESSAGE : 0));
    c.runs.set(i, 1 + tc.reruns);
    c.failedRuns.set(i, (failing ? 1 : 0) + tc.reruns + (tc.flaky ? 1 : 0));
    c.ms.set(i, tc.time === void 0 ? NO_MS : msOf(tc.time));
    c.line.set(i, tc.line ?? 0);
    c.seenIn.set(i, report);
    c.invocations.set(i, 0);
    c.reportSet.set(i, this.reports.only(report));
    this.touchedIn.set(i, 0);
    const parts = { suite: this.suiteOf(tc.suites), classname: tc.classname.trim(), name: tc.name.trim(), file, traceTo: NO_IDS };
    parts.traceTo = this.traceOf(parts);
    this.spill.append([
      `{"id":${jsonString(id)}${testRowNames(parts)}`,
      tc.message === void 0 ? void 0 : jsonString(tc.message),
      failing && tc.stack !== void 0 && tc.stack.length > 0 ? JSON.stringify(tc.stack) : void 0
    ]);
  }
  noteDuplicate(i, report) {
    const c = this.cols;
    const set = c.reportSet.get(i);
    if (this.reports.has(set, report)) return;
    c.reportSet.set(i, this.reports.with(set, report));
    c.flags.set(i, c.flags.get(i) | DUPLICATE);
  }
  mergeRun(i, tc) {
    const c = this.cols;
    c.runs.set(i, c.runs.get(i) + 1 + tc.reruns);
    const nowFailing = isFailing(tc.outcome);
    if (nowFailing || tc.flaky) c.failedRuns.set(i, c.failedRuns.get(i) + 1 + tc.reruns);
    const was = c.outcome.get(i);
    if (tc.outcome === "passed") {
      if (isFailingCode(was) || tc.flaky) c.flags.set(i, c.flags.get(i) | FLAKY);
      c.outcome.set(i, PASSED);
    } else if (nowFailing) {
      if (was === PASSED) {
        c.flags.set(i, c.flags.get(i) | FLAKY);
        if ((c.flags.get(i) & HAS_MESSAGE) === 0) this.replaceDetails(i, tc);
      } else if (was === SKIPPED) {
        c.outcome.set(i, outcomeCode(tc.outcome));
        this.replaceDetails(i, tc);
      } else if (was === ERRORED && tc.outcome === "failed") {
        c.outcome.set(i, FAILED);
        this.replaceDetails(i, tc);
      }
    }
    if (tc.time !== void 0) {
      const ms = msOf(tc.time);
      const had = c.ms.get(i);
      c.ms.set(i, had === NO_MS ? ms : Math.max(had, ms));
    }
    if (c.line.get(i) === 0 && tc.line !== void 0) c.line.set(i, tc.line);
  }
  replaceDetails(i, tc) {
    const stack = tc.stack !== void 0 && tc.stack.length > 0 && isFailing(tc.outcome) ? JSON.stringify(tc.stack) : void 0;
    if (tc.message === void 0 && stack === void 0) return;
    const had = this.replaced.get(i);
    if (!had && this.replaced.size >= MAX_REPLACED_DETAILS) {
      this.detailsDropped++;
      return;
    }
    const d = had ?? {};
    if (tc.message !== void 0) d.message = tc.message;
    if (stack !== void 0) d.stack = stack;
    this.replaced.set(i, d);
    const c = this.cols;
    c.flags.set(i, c.flags.get(i) | DETAILS_REPLACED | (tc.message !== void 0 ? HAS_MESSAGE : 0));
  }
  replacedMessage(i) {
    return (this.cols.flags.get(i) & DETAILS_REPLACED) === 0 ? void 0 : this.replaced.get(i)?.message;
  }
  replacedStack(i) {
    return (this.cols.flags.get(i) & DETAILS_REPLACED) === 0 ? void 0 : this.replaced.get(i)?.stack;
  }
  /** Every test in the order first seen, read back from the spill: one pass, one record in memory at a time. */
  *tests() {
    const view = new TestView(this);
    let i = 0;
    for (const rec of this.spill.records()) yield view.at(i++, rec);
  }
  failingIndices() {
    const out = [];
    for (let i = 0; i < this.size; i++) if (isFailingCode(this.cols.outcome.get(i))) out.push(i);
    return out;
  }
};
function msOf(seconds) {
  return Math.min(NO_MS - 1, Math.round(seconds * 1e3));
}

// src/stages/regression/classify.ts
function emptyClassCounts() {
  return {
    passed: 0,
    fixed: 0,
    regression: 0,
    "known-failure": 0,
    "new-failure": 0,
    "new-passing": 0,
    flaky: 0,
    quarantined: 0,
    removed: 0,
    skipped: 0
  };
}
function classOf(outcome, flaky, base2, hasBaseline, quarantined) {
  if (quarantined) return "quarantined";
  if (flaky) return "flaky";
  if (outcome === "skipped") return "skipped";
  const failing = isFailing(outcome);
  if (!hasBaseline) return failing ? "new-failure" : "passed";
  if (!base2) return failing ? "new-failure" : "new-passing";
  if (failing) return isFailing(base2) ? "known-failure" : base2 === "passed" ? "regression" : "new-failure";
  return isFailing(base2) ? "fixed" : "passed";
}
var ClassTally = class {
  classes = emptyClassCounts();
  gating = 0;
  gate;
  constructor(failOn, hasBaseline) {
    this.gate = new Set(failOn);
    if (!hasBaseline) this.gate.add("new-failure");
  }
  /** Counts one test of class `c`; whether it gates. */
  count(c) {
    this.classes[c]++;
    const g = this.gate.has(c);
    if (g) this.gating++;
    return g;
  }
  /** Classes with at least one gating test, as "2 regression, 1 new-failure". */
  gatingText() {
    return Object.keys(this.classes).filter((k) => this.classes[k] > 0 && this.gate.has(k)).map((k) => `${this.classes[k]} ${k}`).join(", ");
  }
};
var BASE_FLAKY = 16;
var BaselineMatch = class _BaselineMatch {
  /** 0 when the test is not in the baseline, else 1 + outcome code, | BASE_FLAKY. */
  outcome = new U8Column();
  ms = new U32Column(NO_MS);
  removedSpill;
  /** The stage the baseline was written by, its entries, and how many of them this run does not have. */
  stage = "";
  entries = 0;
  removed = 0;
  constructor(size, spillDir) {
    this.outcome.ensure(size);
    this.ms.ensure(size);
    this.removedSpill = new Spill(spillDir);
  }
  /** Reads baseline.json bytes against the collector's tests; `why` when it is not a regression baseline. */
  static async read(bytes, tests, spillDir) {
    const m = new _BaselineMatch(tests.size, spillDir);
    const read = await readBaseline(bytes, (e) => {
      const i = tests.find(e[0]);
      if (i >= 0) {
        m.outcome.set(i, 1 + outcomeCode(e[1]) | (e[3] === true ? BASE_FLAKY : 0));
        if (e[2] !== null) m.ms.set(i, Math.min(NO_MS - 1, Math.round(e[2])));
      } else {
        m.removed++;
        m.removedSpill.append([`{"id":${jsonString(e[0])}`, e[1], e[3] === true ? "1" : void 0]);
      }
    });
    if (!read.ok) {
      m.close();
      return { why: read.why };
    }
    m.stage = read.stage;
    m.entries = read.entries;
    return { match: m };
  }
  baseOutcome(i) {
    const v = this.outcome.get(i);
    return v === 0 ? void 0 : OUTCOME_CODES[(v & 15) - 1];
  }
  baseFlaky(i) {
    return (this.outcome.get(i) & BASE_FLAKY) !== 0;
  }
  baseMs(i) {
    const v = this.ms.get(i);
    return v === NO_MS ? void 0 : v;
  }
  *removedTests() {
    for (const rec of this.removedSpill.records()) {
      const head = rec.bytes(0);
      yield { head, id: () => JSON.parse(head.toString("utf8", '{"id":'.length)), outcome: rec.text(1), flaky: rec.has(2) };
    }
  }
  close() {
    this.removedSpill.close();
  }
};

// src/stages/regression/test-location.ts
import { realpathSync, statSync } from "node:fs";
import path3 from "node:path";
var MAX_FRAMES = 12;
var MAX_SCAN = 16 * 1024;
var LINE_REF = /:(?:line )?(\d{1,7})(?::(\d{1,6}))?/g;
var PY_FRAME = /File "([^"]+)", line (\d{1,7})/g;
var PATH_STOP = /* @__PURE__ */ new Set([" ", "	", "\n", "\r", "(", ")", "[", "]", "'", '"', "<", ">", ",", "@"]);
var HAS_EXTENSION = /[^/\\.]\.[A-Za-z][A-Za-z0-9]{0,9}$/;
function stackCandidates(details) {
  const out = [];
  const seen = /* @__PURE__ */ new Set();
  const text = details.length > MAX_SCAN ? details.slice(0, MAX_SCAN) : details;
  const add = (p, line, col) => {
    if (out.length >= MAX_FRAMES) return;
    if (/(^|[\\/])node_modules[\\/]|^node:|^internal[\\/]|site-packages|dist-packages/.test(p)) return;
    const key = `${p}:${line}`;
    if (seen.has(key)) return;
    seen.add(key);
    const place = { path: p, line: Number(line) };
    if (col !== void 0) place.column = Number(col);
    if (place.line > 0) out.push(place);
  };
  if (text.includes('File "')) for (const m of text.matchAll(PY_FRAME)) add(m[1] ?? "", m[2] ?? "0", void 0);
  for (const m of text.matchAll(LINE_REF)) {
    if (out.length >= MAX_FRAMES) break;
    const end = m.index;
    let start = end;
    while (start > 0 && start > end - 512 && !PATH_STOP.has(text[start - 1] ?? " ")) start--;
    let p = text.slice(start, end);
    if (p.startsWith("file://")) p = p.slice(7);
    if (p === "" || !HAS_EXTENSION.test(p)) continue;
    add(p, m[1] ?? "0", m[2]);
  }
  return out;
}
var PLAIN_RELATIVE = /^(?!\.\.?(?:\/|$))(?!.*\/\.\.?(?:\/|$))(?!.*\/\/)[^\\/:][^\\:]*$/;
var MAX_HOPS = 40;
var WorkspaceFiles = class {
  constructor(workspace, listing) {
    this.listing = listing;
    this.root = path3.resolve(workspace);
  }
  listing;
  /** realpath/stat calls made so far: bounded by the listing, never by the number of tests or stack frames. */
  fsCalls = 0;
  root;
  rootReal;
  /** Listed paths already checked on disk → the workspace-relative path of the real file, or null. */
  checked = /* @__PURE__ */ new Map();
  /** The workspace-relative POSIX path of the file `p` names (relative, absolute or file://), or null when it is none. */
  resolve(p) {
    let rel = PLAIN_RELATIVE.test(p) ? p : this.relative(p);
    for (let hop = 0; rel !== null && hop < MAX_HOPS; hop++) {
      const { files, unverified } = this.listing;
      if (files.has(rel)) return unverified === "all" || unverified.has(rel) ? this.onDisk(rel) : rel;
      if (unverified === "all" || unverified.size === 0) return null;
      let through = null;
      for (let cut = rel.indexOf("/"); cut !== -1; cut = rel.indexOf("/", cut + 1)) {
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
  relative(p) {
    let candidate = p.replace(/^file:\/\//, "").replace(/\\/g, "/");
    candidate = path3.isAbsolute(candidate) ? path3.normalize(candidate) : path3.resolve(this.root, candidate);
    if (!candidate.startsWith(this.root + path3.sep)) return null;
    return path3.relative(this.root, candidate).split(path3.sep).join("/");
  }
  /** A listed path that must be checked on disk: where it really is inside the workspace (a file, or a directory for a link on the way). */
  onDisk(rel, directory = false) {
    const key = directory ? `${rel}/` : rel;
    const hit = this.checked.get(key);
    if (hit !== void 0) return hit;
    let out = null;
    try {
      this.fsCalls++;
      this.rootReal ??= realpathSync.native(this.root);
      const real = realpathSync.native(path3.join(this.root, rel));
      if (real.startsWith(this.rootReal + path3.sep)) {
        this.fsCalls++;
        const st = statSync(real);
        if (directory ? st.isDirectory() : st.isFile()) out = path3.relative(this.rootReal, real).split(path3.sep).join("/");
      }
    } catch {
      out = null;
    }
    this.checked.set(key, out);
    return out;
  }
};
function classCandidates(classname) {
  const paths = /[\\/]/.test(classname) && /\.[A-Za-z]{1,5}$/.test(classname) ? [classname.replace(/\\/g, "/")] : [];
  const modules = [];
  const parts = classname.split(".");
  if (parts.length >= 2 && parts.every((p) => /^[A-Za-z_]\w*$/.test(p))) {
    for (let n = parts.length; n >= 1; n--) modules.push(parts.slice(0, n).join("/") + ".py");
    modules.push(`src/test/java/${parts.join("/")}.java`);
  }
  return { paths, modules };
}
var MEMO_LIMIT = 1e5;
var SourceFiles = class {
  constructor(files) {
    this.files = files;
  }
  files;
  byFile = /* @__PURE__ */ new Map();
  byClass = /* @__PURE__ */ new Map();
  bySuite = /* @__PURE__ */ new Map();
  last = null;
  sourceOf(t) {
    const l = this.last;
    if (l && l.file === t.file && l.classname === t.classname && l.suite === t.suite) return l.source;
    const source = this.lookup(t);
    this.last = { file: t.file, classname: t.classname, suite: t.suite, source };
    return source;
  }
  lookup(t) {
    const file = t.file ? remember(this.byFile, t.file, () => this.files.resolve(t.file)) : null;
    if (file !== null) return file;
    const cls = remember(this.byClass, t.classname, () => {
      const c = classCandidates(t.classname);
      return { path: this.first(c.paths), module: this.first(c.modules) };
    });
    if (cls.path !== null) return cls.path;
    const suite = remember(this.bySuite, t.suite, () => this.first(t.suite.split(" \u203A ").flatMap((s) => classCandidates(s).paths)));
    return suite ?? cls.module;
  }
  first(candidates) {
    for (const c of candidates) {
      const f = this.files.resolve(c);
      if (f !== null) return f;
    }
    return null;
  }
};
function remember(memo, key, compute) {
  const hit = memo.get(key);
  if (hit !== void 0) return hit;
  const v = compute();
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, v);
  return v;
}
function locateTest(t, sources) {
  const files = sources.files;
  if (t.file) {
    const f2 = files.resolve(t.file);
    if (f2 && t.line !== void 0) return { path: f2, startLine: t.line };
  }
  for (const frame of t.stack ?? []) {
    const f2 = files.resolve(frame.path);
    if (f2) return { path: f2, startLine: frame.line };
  }
  const f = sources.sourceOf(t);
  return f === null ? void 0 : { path: f };
}

// src/stages/regression/read-reports.ts
async function readReports(reports, collector, options) {
  const out = [];
  for (const r of reports) {
    collector.begin();
    try {
      const summary = await readJunitReport(
        r.abs,
        (tc) => {
          const c = tc;
          if (c.details !== void 0) {
            c.stack = stackCandidates(c.details);
            c.details = void 0;
          }
          collector.add(c, r.rel, options.retry ?? false);
        },
        { displayPath: r.rel, maxBytes: options.maxReportBytes }
      );
      collector.commit();
      out.push({ path: r.rel, bytes: summary.bytes, suites: summary.suites, testcases: summary.testcases });
    } catch (e) {
      collector.rollback();
      if (!(e instanceof JunitReadError)) throw e;
      out.push({ path: r.rel, error: e.message });
    }
  }
  return out;
}

// src/stages/regression/report-files.ts
import { realpath, stat } from "node:fs/promises";
import path4 from "node:path";
async function findReports(workspace, patterns) {
  const root = path4.resolve(workspace);
  const rootReal = await realpath(root);
  const matched = await glob([...patterns], {
    cwd: root,
    onlyFiles: true,
    dot: true,
    expandDirectories: false,
    followSymbolicLinks: true
  });
  matched.sort();
  const found = [];
  const refused = [];
  for (const rel of matched) {
    const abs = path4.resolve(root, rel);
    let real;
    try {
      real = await realpath(abs);
    } catch (e) {
      refused.push({ rel, why: `cannot be resolved: ${e instanceof Error ? e.message : String(e)}` });
      continue;
    }
    if (real !== rootReal && !real.startsWith(rootReal + path4.sep)) {
      refused.push({ rel, why: `resolves to ${real}, outside the workspace (through a symlink): refused` });
      continue;
    }
    const st = await stat(real);
    if (!st.isFile()) continue;
    found.push({ rel: rel.split(path4.sep).join("/"), abs: real, mtimeMs: st.mtimeMs, bytes: st.size });
  }
  return { found, refused };
}
function reportsNamedByCommand(argv, env) {
  const out = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    const m = /^--(junitxml|junit-xml|outputFile(?:\.junit)?)=(.+)$/.exec(a);
    if (m?.[2]) out.push(m[2]);
    else if (/^--(junitxml|junit-xml|outputFile(?:\.junit)?)$/.test(a) && argv[i + 1]) out.push(argv[i + 1] ?? "");
  }
  if (env.JEST_JUNIT_OUTPUT_FILE) out.push(env.JEST_JUNIT_OUTPUT_FILE);
  return out.filter((p) => p !== "" && !path4.isAbsolute(p) && !p.split(/[\\/]/).includes(".."));
}

// src/stages/regression/rerun.ts
var MAX_FILTERED = 200;
function splitCommand(command) {
  if (/[;&|<>`$(){}\n]/.test(command)) return null;
  const out = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (const m of command.matchAll(re)) out.push(m[1] !== void 0 ? m[1].replace(/\\(.)/g, "$1") : m[2] ?? m[3] ?? "");
  return out;
}
function base(token) {
  return (token.split(/[\\/]/).pop() ?? token).replace(/\.(c?js|mjs|cmd|exe)$/, "");
}
function detectRunner(argv) {
  for (let i = 0; i < argv.length; i++) {
    const t = base(argv[i] ?? "");
    if (t === "vitest") return "vitest";
    if (t === "jest") return "jest";
    if (t === "pytest" || t === "py.test") return "pytest";
    if (t === "-m" && argv[i + 1] === "pytest") return "pytest";
    if (t === "mocha" || t === "_mocha") return "mocha";
    if (t === "go" && argv[i + 1] === "test") return "go";
  }
  return null;
}
function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
function alternation(names) {
  return `(?:${[...new Set(names)].map(escapeRegExp).join("|")})`;
}
function lastTitle(name) {
  const parts = name.split(" > ");
  return (parts[parts.length - 1] ?? name).trim();
}
function filterArgs(runner, failed) {
  const named = failed.filter((t) => t.name !== "");
  if (named.length !== failed.length) return null;
  switch (runner) {
    case "pytest":
      return ["--lf"];
    case "go": {
      const tops = named.map((t) => t.name.split("/")[0] ?? t.name);
      return ["-run", `^${alternation(tops)}$`];
    }
    case "jest":
      return ["-t", `^${alternation(named.map((t) => t.name))}$`];
    case "mocha":
      return ["--grep", `^${alternation(named.map((t) => t.name))}$`];
    case "vitest": {
      const files = [...new Set(named.map((t) => t.file ?? t.classname).filter((f) => /\.[cm]?[jt]sx?$/.test(f)))];
      return [...files, "-t", `${alternation(named.map((t) => lastTitle(t.name)))}$`];
    }
  }
}
function quote(arg) {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
function planRerun(command, failed, shellArgv2) {
  const words = typeof command === "string" ? splitCommand(command) : command;
  const whole = (runner2, why) => ({
    argv: typeof command === "string" ? shellArgv2(command) : [...command],
    mode: "whole-command",
    runner: runner2,
    why
  });
  if (!words) return whole(null, "the command string uses shell syntax, so it is re-run whole");
  const runner = detectRunner(words);
  if (!runner) return whole(null, "no known test runner (vitest, jest, pytest, go test, mocha) in the command, so it is re-run whole");
  if (failed.count > MAX_FILTERED || !failed.named) return whole(runner, `${failed.count} failed tests are too many to name, so the command is re-run whole`);
  const extra = filterArgs(runner, failed.named);
  if (!extra) return whole(runner, "some failed tests have no name to select them by, so the command is re-run whole");
  const argv = typeof command === "string" ? shellArgv2(`${command} ${extra.map(quote).join(" ")}`) : [...command, ...extra];
  return { argv, mode: "failed-only", runner, why: `${runner}: only the ${failed.count} failed test(s)` };
}

// src/stages/regression/trace-ids.ts
import { closeSync as closeSync2, openSync as openSync2, readSync as readSync2 } from "node:fs";
import path5 from "node:path";
var MAX_SOURCE_BYTES = 1024 * 1024;
function compileTracePattern(source) {
  if (source === DEFAULT_TRACE_PATTERN) {
    const re2 = new RegExp(source, "g");
    return (text) => text.includes("-") ? [...text.matchAll(re2)].map((m) => m[0]) : [];
  }
  const re = RE2JS.compile(source);
  return (text) => {
    const out = [];
    const m = re.matcher(text);
    while (out.length < 50 && m.find()) {
      const g = m.group(0);
      if (g) out.push(g);
    }
    return out;
  };
}
function checkTracePattern(source) {
  try {
    RE2JS.compile(source);
    return null;
  } catch (e) {
    return `traceIds.pattern /${source}/ is not a valid RE2 pattern: ${e instanceof Error ? e.message : String(e)}`;
  }
}
var SpecTagReader = class {
  constructor(workspace, tag, find) {
    this.workspace = workspace;
    this.tag = tag;
    this.find = find;
  }
  workspace;
  tag;
  find;
  cache = /* @__PURE__ */ new Map();
  /** `rel` must already be a checked workspace-relative path (see WorkspaceFiles). */
  idsIn(rel) {
    let hit = this.cache.get(rel);
    if (!hit) {
      hit = this.read(rel);
      this.cache.set(rel, hit);
    }
    return hit;
  }
  read(rel) {
    let text;
    try {
      const fd = openSync2(path5.join(this.workspace, rel), "r");
      try {
        const buf = Buffer.alloc(MAX_SOURCE_BYTES);
        const bytesRead = readSync2(fd, buf, 0, MAX_SOURCE_BYTES, 0);
        text = buf.toString("utf8", 0, bytesRead);
      } finally {
        closeSync2(fd);
      }
    } catch {
      return [];
    }
    const ids = /* @__PURE__ */ new Set();
    for (let i = text.indexOf(this.tag); i !== -1; i = text.indexOf(this.tag, i + 1)) {
      const eol = text.indexOf("\n", i);
      const rest = text.slice(i + this.tag.length, eol === -1 ? void 0 : eol);
      for (const id of this.find(rest)) ids.add(id);
    }
    return [...ids];
  }
};
var NO_IDS2 = Object.freeze([]);
var TestTracer = class {
  constructor(sources, find, specTags) {
    this.sources = sources;
    this.find = find;
    this.specTags = specTags;
  }
  sources;
  find;
  specTags;
  traceOf(t) {
    const named = this.find(`${t.suite}
${t.classname}
${t.name}`);
    const source = this.sources.sourceOf(t);
    const tagged = source === null ? NO_IDS2 : this.specTags.idsIn(source);
    if (named.length === 0 && tagged.length === 0) return NO_IDS2;
    return [.../* @__PURE__ */ new Set([...named, ...tagged])].sort();
  }
};

// src/stages/regression/write-tests.ts
import path6 from "node:path";

// src/stages/regression/test-findings.ts
import { createHash } from "node:crypto";
var FINDING_LEVEL = {
  regression: "error",
  "new-failure": "error",
  "known-failure": "error",
  flaky: "warning",
  quarantined: "note",
  removed: "warning"
};
var MAX_FINDINGS_PER_CLASS = 1e3;
function testFingerprint(id, kind = "regression") {
  return `${createHash("sha256").update(`${kind}\0${id}`).digest("hex").slice(0, 16)}:1`;
}
function findingDue(c, gating, outcome, flaky) {
  if (!FINDING_LEVEL[c]) return false;
  if (c === "quarantined" && outcome === "passed" && !flaky) return false;
  return c !== "removed" || gating;
}
function describe(s) {
  const t = s.test;
  if (!t) return `test removed since the baseline (was ${s.baselineOutcome ?? "present"}): ${s.id}`;
  const first = t.message ?? (t.outcome === "errored" ? "test errored (no message)" : "test failed (no message)");
  const what = s.class === "flaky" ? "flaky: failed, then passed on a rerun: " : s.class === "quarantined" ? "quarantined: " : "";
  return `${what}${first} (test ${t.name})`;
}
var CappedFindings = class {
  constructor(stage, sources, perClass = MAX_FINDINGS_PER_CLASS) {
    this.stage = stage;
    this.sources = sources;
    this.perClass = perClass;
  }
  stage;
  sources;
  perClass;
  list = [];
  due = /* @__PURE__ */ new Map();
  /** Counts one finding of class `c`; whether it is within the cap (then build it with `add`). */
  admit(c) {
    const n = (this.due.get(c) ?? 0) + 1;
    this.due.set(c, n);
    return n <= this.perClass;
  }
  add(s, mask) {
    const level = FINDING_LEVEL[s.class];
    const f = {
      stage: this.stage,
      ruleId: `regression/${s.class}`,
      level,
      message: mask(describe(s)),
      fingerprint: testFingerprint(s.id),
      baseline: s.class === "known-failure" || s.class === "quarantined" || s.class === "flaky" && s.baselineFlaky ? "unchanged" : "new",
      traceTo: [...s.traceTo]
    };
    if (s.test) {
      const loc = locateTest(s.test, this.sources);
      if (loc) f.location = loc;
    }
    this.list.push(f);
  }
  /** Classes over the cap: how many findings each had and how many were kept. */
  cut() {
    return [...this.due].filter(([, n]) => n > this.perClass).map(([c, n]) => ({ class: c, total: n, kept: this.perClass }));
  }
  /** The kept findings and, per class over the cap, a note saying how many more there are and where they are. */
  findings() {
    const notes = this.cut().map((c) => ({
      stage: this.stage,
      ruleId: "regression/findings-cut",
      level: "note",
      message: `${c.total - c.kept} more ${c.class} tests have no finding here: the first ${c.kept} of ${c.total} are listed; ${TESTS_FILE} in the stage folder has every test and its class`,
      fingerprint: testFingerprint(c.class, "findings-cut"),
      // As new as the findings it stands for: known failures and quarantined tests are not news.
      baseline: c.class === "known-failure" || c.class === "quarantined" ? "unchanged" : "new",
      traceTo: []
    }));
    return [...this.list, ...notes];
  }
};

// src/stages/regression/write-tests.ts
var MAX_LISTED = 100;
var MAX_SLOW = 1e3;
var REMOVED_NAMES = testRowNames({ suite: "", classname: "", name: "", traceTo: [] });
var Pass = class {
  constructor(input) {
    this.input = input;
    const mask = input.masking ? input.mask : void 0;
    this.rows = new TestsWriter(path6.join(input.outDir, TESTS_FILE), input.stage, mask ? { mask } : {});
    this.next = input.writeBaseline ? new BaselineWriter(path6.join(input.outDir, STAGE_FILES.baseline), input.stage, mask) : null;
    this.quarantining = input.quarantine.length > 0;
    this.tally = new ClassTally(input.options.failOn, input.baseline !== null);
    this.findings = new CappedFindings(input.stage, input.sources);
    this.quarantined = idMatcher(input.quarantine);
    this.counts = { tests: input.tests.size, passed: 0, failed: 0, errors: 0, skipped: 0, flaky: 0, regressions: 0 };
  }
  input;
  rows;
  next;
  tally;
  findings;
  quarantined;
  counts;
  out = {
    firstGating: null,
    duplicates: [],
    duplicatesTotal: 0,
    quarantined: { ids: [], total: 0 },
    slowTotal: 0
  };
  slow = [];
  quarantining;
  reportSets = /* @__PURE__ */ new Map();
  /** One test of the collector: counted, classified, written. Returns false when the files ask to wait (drain). */
  test(t) {
    const { tests, baseline } = this.input;
    const c = tests.cols;
    const i = t.i;
    const outcome = tests.outcome(i);
    const flags = c.flags.get(i);
    const flaky = (flags & FLAKY) !== 0;
    const quarantined = this.quarantining && this.quarantined(t.id());
    const base2 = baseline?.baseOutcome(i);
    const cls = classOf(outcome, flaky, base2, baseline !== null, quarantined);
    const gating = this.tally.count(cls);
    this.countOutcome(outcome, flaky);
    if (quarantined && ++this.out.quarantined.total <= MAX_LISTED) this.out.quarantined.ids.push(t.id());
    const set = c.reportSet.get(i);
    if ((flags & DUPLICATE) !== 0 && ++this.out.duplicatesTotal <= MAX_LISTED) this.out.duplicates.push({ id: t.id(), reports: [...tests.reports.paths(set)] });
    const ms = c.ms.get(i);
    const line = c.line.get(i);
    const failing = outcome === "failed" || outcome === "errored";
    const messageJson = failing || flaky || outcome === "skipped" ? t.messageJson() : void 0;
    if (gating && !this.out.firstGating) this.out.firstGating = { id: t.id(), message: messageJson === void 0 ? void 0 : JSON.parse(messageJson) };
    const tail = testRowTail(
      { outcome, class: cls, runs: c.runs.get(i), gating, ...line !== 0 ? { line } : {}, ...ms !== NO_MS ? { durationMs: ms } : {}, ...base2 !== void 0 ? { baselineOutcome: base2 } : {} },
      messageJson,
      this.reportsJson(set)
    );
    let ok = this.rows.writeEncoded(t.head(), tail);
    if (this.next) ok = this.next.addEncoded(t.idJson(), outcome, ms === NO_MS ? null : ms, flaky) && ok;
    if (findingDue(cls, gating, outcome, flaky) && this.findings.admit(cls)) {
      const s = t.strings();
      const stack = s.stack === void 0 ? void 0 : JSON.parse(s.stack);
      const test = { file: s.file, line: line === 0 ? void 0 : line, classname: s.classname, suite: s.suite, stack, name: s.name, outcome, flaky, message: s.message };
      this.findings.add({ id: s.id, class: cls, gating, traceTo: s.traceTo, baselineOutcome: base2, baselineFlaky: baseline?.baseFlaky(i) ?? false, test }, this.input.mask);
    }
    if (ms !== NO_MS) this.slowdown(t, ms, line);
    return ok;
  }
  /** The reports of a set as JSON, encoded once per set. */
  reportsJson(set) {
    let json = this.reportSets.get(set);
    if (json === void 0) {
      json = jsonStrings(this.input.tests.reports.paths(set));
      this.reportSets.set(set, json);
    }
    return json;
  }
  countOutcome(outcome, flaky) {
    const k = this.counts;
    if (outcome === "passed") k.passed++;
    else if (outcome === "failed") k.failed++;
    else if (outcome === "errored") k.errors++;
    else k.skipped++;
    if (flaky) k.flaky++;
  }
  /** A test slower than its baseline by the set factor: kept among the slowest MAX_SLOW, counted in all. */
  slowdown(t, ms, line) {
    const s = this.input.options.slowdown;
    const baseMs = this.input.baseline?.baseMs(t.i);
    if (!s || !baseMs || ms < s.minMs || ms / baseMs < s.factor) return;
    this.out.slowTotal++;
    const rec = t.strings();
    const factor = Math.round(ms / baseMs * 100) / 100;
    const finding = {
      stage: this.input.stage,
      ruleId: "regression/slowdown",
      level: "warning",
      message: `${factor}\xD7 slower than the baseline: ${ms} ms, was ${baseMs} ms (test ${rec.name || rec.id})`,
      fingerprint: testFingerprint(rec.id, "slowdown"),
      baseline: "new",
      traceTo: [...rec.traceTo],
      ...rec.file ? { location: { path: rec.file, ...line !== 0 ? { startLine: line } : {} } } : {}
    };
    this.slow.push({ id: rec.id, ms, baselineMs: baseMs, factor, finding });
    if (this.slow.length >= 2 * MAX_SLOW) this.slow = slowest(this.slow);
  }
  /** A test only the baseline has. */
  removed(r) {
    const cls = "removed";
    const gating = this.tally.count(cls);
    if (gating && !this.out.firstGating) this.out.firstGating = { id: r.id() };
    if (findingDue(cls, gating, "absent", false) && this.findings.admit(cls)) {
      this.findings.add({ id: r.id(), class: cls, gating, traceTo: [], baselineOutcome: r.outcome, baselineFlaky: r.flaky }, this.input.mask);
    }
    return this.rows.writeEncoded(r.head, REMOVED_NAMES + testRowTail({ outcome: "absent", class: cls, baselineOutcome: r.outcome, runs: 0, gating }, void 0, "[]"));
  }
  async drain() {
    await Promise.all([this.rows.drain(), this.next?.drain()]);
  }
  async close() {
    await this.rows.close();
    await this.next?.close();
    this.counts.regressions = this.tally.classes.regression;
    const slow = slowest(this.slow);
    return {
      ...this.out,
      counts: this.counts,
      tally: this.tally,
      findings: [...this.findings.findings(), ...slow.map((s) => s.finding)],
      findingsCut: this.findings.cut(),
      slow: slow.map(({ finding: _f, ...s }) => s),
      rows: this.rows.rows
    };
  }
  abort() {
    this.rows.destroy();
    this.next?.destroy();
  }
};
function slowest(list) {
  return list.sort((a, b) => b.factor - a.factor).slice(0, MAX_SLOW);
}
async function writeTests(input) {
  const pass = new Pass(input);
  try {
    for (const t of input.tests.tests()) if (!pass.test(t)) await pass.drain();
    if (input.baseline) {
      for (const r of input.baseline.removedTests()) if (!pass.removed(r)) await pass.drain();
    }
    return await pass.close();
  } catch (e) {
    pass.abort();
    throw e;
  }
}

// src/stages/regression/result.ts
var ReportRead = object({
  path: string(),
  bytes: number().int().optional(),
  suites: number().int().optional(),
  testcases: number().int().optional(),
  /** file:line:col and what is wrong, when the report could not be read. */
  error: string().optional()
});
var RegressionResult = object({
  schema: literal("andon.regression-result/v2"),
  stage: string(),
  baseline: object({ origin: string(), description: string(), serial: string().optional(), tests: number().int() }).nullable(),
  failOn: array(GateClass),
  counts: TestCounts,
  classes: record(TestClass, number().int()),
  /** Where every test is: one row per test, `andon.tests/v1`. */
  tests: object({ file: literal(TESTS_FILE), schema: literal(TESTS_SCHEMA), rows: number().int() }),
  /** Tests found in more than one report: the first 100, and how many in all. */
  duplicates: array(object({ id: string(), reports: array(string()) })),
  duplicatesTotal: number().int(),
  reports: array(ReportRead),
  command: object({ argv: array(string()), shell: boolean(), exitCode: number().nullable(), durationMs: number() }).nullable(),
  retries: array(
    object({
      attempt: number().int(),
      argv: array(string()),
      mode: _enum(["failed-only", "whole-command"]),
      why: string(),
      rerun: number().int(),
      nowPassing: number().int()
    })
  ),
  /** Quarantined tests: the first 100 ids, how many in all, and the entries that expired. */
  quarantine: object({ active: array(string()), activeTotal: number().int(), expired: array(object({ test: string(), until: string() })) }),
  /** Tests slower than their baseline: the 1,000 slowest by factor, and how many in all. */
  slow: array(object({ id: string(), ms: number(), baselineMs: number(), factor: number() })),
  slowTotal: number().int(),
  /** Classes with more findings than findings.sarif keeps: how many there were and how many were kept. */
  findingsCut: array(object({ class: TestClass, total: number().int(), kept: number().int() }))
});

// src/stages/regression/index.ts
var STALE_SLACK_MS = 2e3;
function quoteForLog(arg) {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}
async function runCommand(ctx, argv, shell, cwd, label) {
  const o = ctx.options;
  ctx.logger.info(`${label}$ ${ctx.masker.mask(argv.map(quoteForLog).join(" "))}${shell ? "   (string command: run through bash -c)" : ""}`);
  const startedAt = Date.now();
  const res = await ctx.runner.run(argv, {
    cwd,
    env: { ...ctx.env, ...o.env },
    signal: ctx.signal,
    masker: ctx.masker,
    logFile: path7.join(ctx.outDir, "log.txt"),
    ...o.timeoutSeconds ? { timeoutMs: o.timeoutSeconds * 1e3 } : {}
  });
  return { argv, shell, res, startedAt };
}
function commandProblem(run, timeoutSeconds) {
  const r = run.res;
  if (r.spawnError) return `could not start ${run.argv[0]}: ${r.spawnError}`;
  if (r.timedOut) return `the test command timed out after ${timeoutSeconds}s`;
  if (r.cancelled) return "cancelled";
  return null;
}
function checkSetup(ctx) {
  const o = ctx.options;
  const patternProblem = checkTracePattern(o.traceIds.pattern);
  if (patternProblem) return { state: "errored", reason: patternProblem };
  const cwd = path7.resolve(ctx.workspace, o.cwd ?? ".");
  if (cwd !== ctx.workspace && !cwd.startsWith(ctx.workspace + path7.sep)) {
    return { state: "errored", reason: `cwd "${o.cwd}" is outside the workspace` };
  }
  return { cwd };
}
async function runTests(ctx, cwd) {
  const o = ctx.options;
  if (o.command === void 0) return { command: null, patterns: [...o.reports] };
  const shell = typeof o.command === "string";
  const argv = typeof o.command === "string" ? shellArgv(o.command) : o.command;
  const command = await runCommand(ctx, argv, shell, cwd, "");
  const problem = commandProblem(command, o.timeoutSeconds);
  if (problem) return { state: "errored", reason: problem };
  if (o.reports.length > 0) return { command, patterns: [...o.reports] };
  const words = typeof o.command === "string" ? splitCommand(o.command) : o.command;
  const rel = path7.relative(ctx.workspace, cwd);
  const patterns = reportsNamedByCommand(words ?? [], o.env).map((p) => rel ? `${rel}/${p}` : p);
  if (patterns.length === 0) {
    return { state: "errored", reason: "the command does not name a JUnit report (e.g. pytest --junitxml=\u2026) and `reports` is empty: set `reports` to the globs of the reports it writes" };
  }
  return { command, patterns };
}
async function readAllReports(ctx, tests, patterns, command) {
  const search = await findReports(ctx.workspace, patterns);
  for (const r of search.refused) ctx.logger.error(`${r.rel}: ${r.why}`);
  let reports = search.found;
  if (command) {
    const stale = reports.filter((r) => r.mtimeMs < command.startedAt - STALE_SLACK_MS);
    for (const r of stale) ctx.logger.warn(`${r.rel}: ignored, it was last written before the test command started (a stale report from an earlier run)`);
    reports = reports.filter((r) => r.mtimeMs >= command.startedAt - STALE_SLACK_MS);
  }
  if (reports.length === 0) {
    const refusedNote = search.refused.length > 0 ? ` (refused: ${search.refused.map((r) => `${r.rel}: ${r.why}`).join("; ")})` : "";
    return {
      state: "errored",
      reason: `no JUnit report found for ${patterns.map((p) => `"${p}"`).join(", ")}${command ? " written by the test command" : ""}: a test stage that finds no reports must not pass${refusedNote}`
    };
  }
  const reads = await readReports(reports, tests, { maxReportBytes: ctx.options.maxReportBytes });
  for (const r of reads) if (r.error) ctx.logger.error(r.error);
  return { reads, refused: search.refused };
}
function failedTests(tests) {
  const indices = tests.failingIndices();
  if (indices.length > MAX_FILTERED) return { indices, failed: { count: indices.length, named: null } };
  const wanted = new Set(indices);
  const named = [];
  for (const t of tests.tests()) {
    if (!wanted.has(t.i)) continue;
    const s = t.strings();
    named.push({ name: s.name, classname: s.classname, file: s.file });
  }
  return { indices, failed: { count: indices.length, named } };
}
async function retryFailed(ctx, tests, first, patterns, cwd) {
  const o = ctx.options;
  if (o.retries > 0 && o.command === void 0) ctx.logger.warn("retries is set but there is no command to re-run: reports are read as they are");
  const retries = [];
  let lastRun = first;
  if (!first || o.command === void 0) return { retries, lastRun };
  for (let attempt = 1; attempt <= o.retries; attempt++) {
    const { indices, failed } = failedTests(tests);
    if (indices.length === 0) break;
    const plan = planRerun(o.command, failed, shellArgv);
    ctx.logger.info(`retry ${attempt}/${o.retries}: ${plan.why}`);
    const rerun = await runCommand(ctx, plan.argv, typeof o.command === "string", cwd, `retry ${attempt}: `);
    const problem = commandProblem(rerun, o.timeoutSeconds);
    if (problem) return { state: "errored", reason: `retry ${attempt}: ${problem}` };
    lastRun = rerun;
    const again = await findReports(ctx.workspace, patterns);
    const fresh = again.found.filter((r) => r.mtimeMs >= rerun.startedAt - STALE_SLACK_MS);
    await readReports(fresh, tests, { maxReportBytes: o.maxReportBytes, retry: true });
    const nowPassing = indices.filter((i) => !isFailingIndex(tests, i)).length;
    retries.push({ attempt, argv: plan.argv.map((a) => ctx.masker.mask(a)), mode: plan.mode, why: plan.why, rerun: indices.length, nowPassing });
    ctx.logger.info(`retry ${attempt}: ${nowPassing} of ${indices.length} failed test(s) passed on rerun (flaky)`);
  }
  return { retries, lastRun };
}
function isFailingIndex(tests, i) {
  const o = tests.outcome(i);
  return o === "failed" || o === "errored";
}
async function loadBaseline(ctx, tests) {
  const o = ctx.options;
  if (o.baseline === "none") {
    ctx.logger.info("baseline: none: every failing test gates");
    return { match: null, info: null };
  }
  const ref = await ctx.baseline();
  const bytes = ref ? await ref.read(STAGE_FILES.baseline) : null;
  if (ref && bytes) {
    const read = await BaselineMatch.read(bytes, tests);
    if ("match" in read) {
      const m = read.match;
      ctx.logger.info(`baseline: ${ref.description} (${plural(m.entries, "test")})`);
      return { match: m, info: { origin: ref.origin, description: ref.description, ...ref.serial ? { serial: ref.serial } : {}, tests: m.entries } };
    }
    ctx.logger.warn(`${STAGE_FILES.baseline} of ${ref.description} is not a regression baseline (${read.why}): ignored`);
  }
  if (o.baseline === "required") {
    return { state: "errored", reason: "baseline: required, but there is no regression baseline for this stage (run on the base branch first, or `andon baseline update`)" };
  }
  ctx.logger.info("no baseline for this stage: every failing test gates (nothing tells known failures from new ones)");
  return { match: null, info: null };
}
function readProblem(read) {
  const broken = read.reads.filter((r) => r.error);
  if (broken.length > 0) return `${plural(broken.length, "report")} could not be read: ${broken[0]?.error}${broken.length > 1 ? ` (and ${broken.length - 1} more)` : ""}`;
  const refused = read.refused[0];
  return refused ? `${refused.rel}: ${refused.why}` : null;
}
function verdict(pass, problem, lastRun, hasBaseline) {
  if (problem) return { state: "errored", reason: problem };
  const failingNow = pass.counts.failed + pass.counts.errors;
  if (lastRun && lastRun.res.exitCode !== 0 && failingNow === 0 && pass.tally.gating === 0) {
    return {
      state: "errored",
      reason: `the test command exited with ${lastRun.res.exitCode === null ? `signal ${lastRun.res.signal}` : `code ${lastRun.res.exitCode}`} but its reports show no failing test: the reports may be incomplete`
    };
  }
  if (pass.tally.gating > 0) {
    const first = pass.firstGating;
    const reason = `${pass.tally.gatingText()}${hasBaseline ? "" : " (no baseline: every failure gates)"}; first: ${first?.id}${first?.message ? `: ${first.message}` : ""}`;
    return { state: "failed", reason: reason.slice(0, 500) };
  }
  return { state: "passed", reason: summarize(pass.tally.classes, pass.counts) };
}
function summarize(classes, counts) {
  const parts = [`${plural(counts.tests, "test")}`];
  for (const k of ["fixed", "known-failure", "flaky", "quarantined", "skipped", "removed"]) {
    const n = classes[k] ?? 0;
    if (n > 0) parts.push(`${n} ${k}`);
  }
  return parts.length === 1 ? `${parts[0]}: all passed` : `${parts[0]}: ${parts.slice(1).join(", ")} (none gating)`;
}
async function finish(ctx, tests, read, run, baseline, sources) {
  const o = ctx.options;
  const today = ctx.clock.now().toISOString().slice(0, 10);
  const expired = o.quarantine.filter((q) => q.until < today);
  for (const q of expired) ctx.logger.warn(`quarantine of "${q.test}" expired on ${q.until}: it gates again (remove or extend the entry)`);
  if (tests.detailsDropped > 0) ctx.logger.warn(`${tests.detailsDropped} later failure messages were not kept (too many): those tests show their first one`);
  const problem = readProblem(read);
  const pass = await writeTests({
    stage: ctx.stage.id,
    outDir: ctx.outDir,
    tests,
    baseline: baseline.match,
    options: o,
    quarantine: o.quarantine.filter((q) => q.until >= today).map((q) => q.test),
    sources,
    mask: (t) => ctx.masker.mask(t),
    masking: ctx.masker.size > 0,
    writeBaseline: problem === null
  });
  if (pass.duplicatesTotal > 0) {
    const d = pass.duplicates[0];
    ctx.logger.warn(`${plural(pass.duplicatesTotal, "test")} appear in more than one report (shards or matrix legs overlap); each is counted once, e.g. ${d?.id} in ${d?.reports.join(", ")}`);
  }
  if (pass.slowTotal > 0) ctx.logger.warn(`${plural(pass.slowTotal, "test")} ran at least ${o.slowdown?.factor}\xD7 slower than in the baseline`);
  for (const c of [...pass.findingsCut]) ctx.logger.warn(`${c.total} ${c.class} tests: findings.sarif lists the first ${c.kept}; ${TESTS_FILE} has them all`);
  const result = {
    schema: "andon.regression-result/v2",
    stage: ctx.stage.id,
    baseline: baseline.info,
    failOn: o.failOn,
    counts: pass.counts,
    classes: pass.tally.classes,
    tests: { file: TESTS_FILE, schema: TESTS_SCHEMA, rows: pass.rows },
    duplicates: pass.duplicates,
    duplicatesTotal: pass.duplicatesTotal,
    reports: read.reads,
    command: run.command ? { argv: run.command.argv.map((a) => ctx.masker.mask(a)), shell: run.command.shell, exitCode: run.command.res.exitCode, durationMs: run.command.res.durationMs } : null,
    retries: run.retries,
    quarantine: { active: pass.quarantined.ids, activeTotal: pass.quarantined.total, expired: expired.map((q) => ({ test: q.test, until: q.until })) },
    slow: pass.slow,
    slowTotal: pass.slowTotal,
    findingsCut: pass.findingsCut
  };
  const { state, reason } = verdict(pass, problem, run.lastRun, baseline.match !== null);
  if (state === "errored") await rm(path7.join(ctx.outDir, STAGE_FILES.baseline), { force: true });
  return { state, reason: ctx.masker.mask(reason), counts: pass.counts, findings: pass.findings, result };
}
var regressionStage = {
  name: "regression",
  description: REGRESSION_DESCRIPTION,
  options: RegressionOptions,
  async inputs(options) {
    if (options.command !== void 0) return options.inputs.length > 0 ? { files: options.inputs } : null;
    return { files: [...options.reports, ...options.inputs] };
  },
  async run(ctx) {
    const setup = checkSetup(ctx);
    if ("state" in setup) return setup;
    const ran = await runTests(ctx, setup.cwd);
    if ("state" in ran) return ran;
    const sources = new SourceFiles(new WorkspaceFiles(ctx.workspace, await ctx.workspaceFiles()));
    const find = compileTracePattern(ctx.options.traceIds.pattern);
    const tracer = new TestTracer(sources, find, new SpecTagReader(ctx.workspace, ctx.options.traceIds.specTag, find));
    const spill = new Spill();
    let baseline = null;
    try {
      const tests = new TestCollector(ctx.workspace, spill, (t) => tracer.traceOf(t));
      const read = await readAllReports(ctx, tests, ran.patterns, ran.command);
      if ("state" in read) return read;
      const retried = await retryFailed(ctx, tests, ran.command, ran.patterns, setup.cwd);
      if ("state" in retried) return retried;
      const base2 = await loadBaseline(ctx, tests);
      if ("state" in base2) return base2;
      baseline = base2.match;
      return await finish(ctx, tests, read, { command: ran.command, ...retried }, base2, sources);
    } finally {
      baseline?.close();
      spill.close();
    }
  }
};
export {
  RegressionOptions,
  RegressionResult,
  regressionStage
};
