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
} from "./chunk-BM3Z33RB.js";
import {
  glob
} from "./chunk-ESKMWGFS.js";
import {
  shellArgv
} from "./chunk-SXCHTFJF.js";
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
} from "./chunk-EXVQH3W4.js";
import "./chunk-TZYN2FJC.js";

// src/stages/regression/index.ts
import path5 from "node:path";

// src/stages/regression/baseline-file.ts
var BaselineOutcome = _enum(["passed", "failed", "errored", "skipped"]);
var BaselineEntry = union([
  tuple([string(), BaselineOutcome, number().nonnegative().nullable()]),
  tuple([string(), BaselineOutcome, number().nonnegative().nullable(), literal(true)])
]);
var RegressionBaselineFile = object({
  schema: literal("andon.regression-baseline/v1"),
  stage: string(),
  tests: array(BaselineEntry)
}).strict();
function toBaselineFile(stage, tests) {
  const out = [];
  for (const t of tests) out.push(t.flaky ? [t.id, t.outcome, t.durationMs ?? null, true] : [t.id, t.outcome, t.durationMs ?? null]);
  return { schema: "andon.regression-baseline/v1", stage, tests: out };
}
function parseBaselineFile(bytes) {
  let json;
  try {
    json = JSON.parse(bytes.toString("utf8"));
  } catch (e) {
    return { ok: false, why: `not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const envelope = object({ schema: literal("andon.regression-baseline/v1"), stage: string(), tests: array(unknown()) }).strict().safeParse(json);
  if (!envelope.success) return { ok: false, why: envelope.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ") };
  const entries = envelope.data.tests;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    const ok = Array.isArray(e) && (e.length === 3 || e.length === 4 && e[3] === true) && typeof e[0] === "string" && (e[1] === "passed" || e[1] === "failed" || e[1] === "errored" || e[1] === "skipped") && (e[2] === null || typeof e[2] === "number" && e[2] >= 0);
    if (!ok) {
      const detail = BaselineEntry.safeParse(e);
      const named = Array.isArray(e) && typeof e[0] === "string" ? ` ("${e[0]}")` : "";
      return { ok: false, why: `tests[${i}]${named}: ${detail.success ? "invalid entry" : detail.error.issues.map((x) => `${x.path.join(".") || "(entry)"}: ${x.message}`).join("; ")}` };
    }
  }
  return { ok: true, stage: envelope.data.stage, entries };
}

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
  const out = [];
  const push = (s) => {
    if (s === void 0) return;
    const c = clean(s);
    if (c === "" || out[out.length - 1] === c) return;
    out.push(c);
  };
  push(parts.file);
  for (const s of parts.suites) push(s);
  push(parts.classname);
  const n = clean(parts.name);
  out.push(n);
  return out.join(ID_SEPARATOR);
}
function idMatches(id, entry) {
  const e = entry.split(ID_SEPARATOR).map(clean).join(ID_SEPARATOR);
  return id === e || id.endsWith(ID_SEPARATOR + e);
}

// src/stages/regression/test-collector.ts
var FAILING = /* @__PURE__ */ new Set(["failed", "errored"]);
function isFailing(outcome) {
  return FAILING.has(outcome);
}
var TestCollector = class {
  constructor(workspace) {
    this.workspace = workspace;
  }
  workspace;
  tests = /* @__PURE__ */ new Map();
  duplicateIds = /* @__PURE__ */ new Set();
  journal = null;
  generation = 0;
  // Values that repeat across thousands of tests are computed once and shared (time and memory).
  files = /* @__PURE__ */ new Map();
  reportLists = /* @__PURE__ */ new Map();
  lastSuites = null;
  lastSuite = "";
  /** Starts recording changes; `rollback` undoes everything since, `commit` keeps it. */
  begin() {
    this.generation++;
    this.journal = { created: [], changed: /* @__PURE__ */ new Map(), duplicates: [] };
  }
  commit() {
    this.journal = null;
  }
  rollback() {
    const j = this.journal;
    this.journal = null;
    if (!j) return;
    for (const id of j.created) this.tests.delete(id);
    for (const [id, before] of j.changed) this.tests.set(id, before);
    for (const id of j.duplicates) this.duplicateIds.delete(id);
  }
  /** Snapshot of a record before its first change in this journal (records created in it need none). */
  touch(rec) {
    const j = this.journal;
    if (!j || rec.gen === this.generation || j.changed.has(rec.id)) return;
    j.changed.set(rec.id, { ...rec, reports: [...rec.reports] });
  }
  /**
   * Adds one run of a test from `report`. The same id repeated within one report is a retry when the runs
   * mix failures with passes or failures (Gradle's test-retry, mikepenz's fixtures), and a separate
   * invocation otherwise (TestNG data providers write one testcase per row: `id [#2]`). A testcase without
   * a name is always its own test. During a retry, only tests that are still failing take the new run.
   */
  add(tc, report, retry = false) {
    const file = tc.file === void 0 ? void 0 : this.fileOf(tc.file);
    const baseId = testId({ suites: tc.suites, classname: tc.classname, name: tc.name, file });
    const base2 = this.tests.get(baseId);
    if (retry) {
      if (base2 && isFailing(base2.outcome)) {
        this.touch(base2);
        this.mergeRun(base2, tc);
      }
      return;
    }
    if (!base2) {
      this.tests.set(baseId, this.create(baseId, tc, file, report));
      return;
    }
    if (base2.seenIn !== report) {
      this.touch(base2);
      base2.seenIn = report;
      base2.invocations = 1;
      this.noteDuplicate(base2, report);
      this.mergeRun(base2, tc);
      return;
    }
    const n = base2.invocations ?? 1;
    const latest = n === 1 ? base2 : this.tests.get(`${baseId} [#${n}]`);
    const retryOfLatest = tc.name.trim() !== "" && latest !== void 0 && latest.outcome !== "skipped" && tc.outcome !== "skipped" && (latest.failedRuns > 0 || isFailing(tc.outcome));
    if (retryOfLatest && latest) {
      this.touch(latest);
      this.mergeRun(latest, tc);
      return;
    }
    this.touch(base2);
    base2.invocations = n + 1;
    const id = `${baseId} [#${n + 1}]`;
    const prev = this.tests.get(id);
    if (prev) {
      this.touch(prev);
      this.noteDuplicate(prev, report);
      this.mergeRun(prev, tc);
    } else {
      this.tests.set(id, this.create(id, tc, file, report));
    }
  }
  fileOf(raw) {
    if (this.files.has(raw)) return this.files.get(raw);
    const f = normaliseTestFile(raw, this.workspace);
    if (this.files.size > 1e5) this.files.clear();
    this.files.set(raw, f);
    return f;
  }
  suiteOf(suites) {
    if (suites !== this.lastSuites) {
      this.lastSuites = suites;
      this.lastSuite = suites.join(" \u203A ");
    }
    return this.lastSuite;
  }
  reportList(report) {
    let list = this.reportLists.get(report);
    if (!list) {
      list = [report];
      this.reportLists.set(report, list);
    }
    return list;
  }
  create(id, tc, file, report) {
    const rec = {
      id,
      suite: this.suiteOf(tc.suites),
      classname: tc.classname.trim(),
      name: tc.name.trim(),
      outcome: tc.outcome,
      flaky: tc.flaky,
      runs: 1 + tc.reruns,
      failedRuns: (isFailing(tc.outcome) ? 1 : 0) + tc.reruns + (tc.flaky ? 1 : 0),
      // Shared by every test of the report until one turns up in a second report (copied then).
      reports: this.reportList(report),
      seenIn: report,
      gen: this.generation
    };
    if (file !== void 0) rec.file = file;
    if (tc.line !== void 0) rec.line = tc.line;
    if (tc.time !== void 0) rec.durationMs = Math.round(tc.time * 1e3);
    this.setFailureDetails(rec, tc);
    this.journal?.created.push(id);
    return rec;
  }
  noteDuplicate(rec, report) {
    if (rec.reports.includes(report)) return;
    if (rec.reports.length < 8) rec.reports = [...rec.reports, report];
    if (!this.duplicateIds.has(rec.id)) {
      this.duplicateIds.add(rec.id);
      this.journal?.duplicates.push(rec.id);
    }
  }
  mergeRun(rec, tc) {
    rec.runs += 1 + tc.reruns;
    const nowFailing = isFailing(tc.outcome);
    if (nowFailing || tc.flaky) rec.failedRuns += 1 + tc.reruns;
    const wasFailing = isFailing(rec.outcome);
    if (tc.outcome === "passed") {
      if (wasFailing || tc.flaky) rec.flaky = true;
      rec.outcome = "passed";
    } else if (nowFailing) {
      if (rec.outcome === "passed") {
        rec.flaky = true;
        if (rec.message === void 0) this.setFailureDetails(rec, tc);
      } else if (rec.outcome === "skipped") {
        rec.outcome = tc.outcome;
        this.setFailureDetails(rec, tc);
      } else if (rec.outcome === "errored" && tc.outcome === "failed") {
        rec.outcome = "failed";
        this.setFailureDetails(rec, tc);
      }
    }
    if (tc.time !== void 0) rec.durationMs = Math.max(rec.durationMs ?? 0, Math.round(tc.time * 1e3));
    if (rec.line === void 0 && tc.line !== void 0) rec.line = tc.line;
  }
  setFailureDetails(rec, tc) {
    if (tc.message !== void 0) rec.message = tc.message;
    if (tc.stack !== void 0 && tc.stack.length > 0 && isFailing(tc.outcome)) rec.stack = tc.stack;
  }
  duplicates() {
    const out = [];
    for (const id of this.duplicateIds) {
      const rec = this.tests.get(id);
      if (rec) out.push({ id, reports: [...rec.reports] });
    }
    return out;
  }
  failingIds() {
    const out = [];
    for (const t of this.tests.values()) if (isFailing(t.outcome)) out.push(t.id);
    return out;
  }
};

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
function classOf(t, b, hasBaseline, quarantined) {
  if (quarantined) return "quarantined";
  if (t.flaky) return "flaky";
  if (t.outcome === "skipped") return "skipped";
  const failing = isFailing(t.outcome);
  if (!hasBaseline) return failing ? "new-failure" : "passed";
  if (!b) return failing ? "new-failure" : "new-passing";
  const wasFailing = b[1] === "failed" || b[1] === "errored";
  if (failing) return wasFailing ? "known-failure" : b[1] === "passed" ? "regression" : "new-failure";
  return wasFailing ? "fixed" : "passed";
}
function classify(tests, baseline, failOn, isQuarantined) {
  const gate = new Set(failOn);
  if (!baseline) gate.add("new-failure");
  const classes = emptyClassCounts();
  const items = [];
  let gating = 0;
  for (const t of tests.values()) t.base = void 0;
  const removed = [];
  if (baseline) {
    for (const e of baseline) {
      const t = tests.get(e[0]);
      if (t) t.base = e;
      else removed.push(e);
    }
  }
  for (const t of tests.values()) {
    const b = t.base;
    const c = classOf(t, b, baseline !== null, isQuarantined(t.id));
    classes[c]++;
    const g2 = gate.has(c);
    if (g2) gating++;
    const item = { test: t, id: t.id, class: c, gating: g2 };
    if (b) item.baseline = b;
    items.push(item);
  }
  const g = gate.has("removed");
  for (const e of removed) {
    classes.removed++;
    if (g) gating++;
    items.push({ test: null, id: e[0], class: "removed", gating: g, baseline: e });
  }
  return { items, classes, gating };
}

// src/stages/regression/test-location.ts
import { realpath, stat } from "node:fs/promises";
import path2 from "node:path";
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
var WorkspaceFiles = class {
  constructor(workspace) {
    this.workspace = workspace;
    this.rootReal = realpath(workspace).catch(() => path2.resolve(workspace));
  }
  workspace;
  cache = /* @__PURE__ */ new Map();
  rootReal;
  /** The workspace-relative POSIX path of `p` if it names an existing file inside the workspace, else null. */
  resolve(p) {
    let hit = this.cache.get(p);
    if (!hit) {
      hit = this.lookup(p);
      if (this.cache.size > 1e5) this.cache.clear();
      this.cache.set(p, hit);
    }
    return hit;
  }
  async lookup(p) {
    const root = path2.resolve(this.workspace);
    let candidate = p.replace(/^file:\/\//, "");
    candidate = path2.isAbsolute(candidate) ? path2.normalize(candidate) : path2.resolve(root, candidate);
    if (candidate !== root && !candidate.startsWith(root + path2.sep)) return null;
    try {
      const real = await realpath(candidate);
      const rootReal = await this.rootReal;
      if (!real.startsWith(rootReal + path2.sep)) return null;
      if (!(await stat(real)).isFile()) return null;
      return path2.relative(root, candidate).split(path2.sep).join("/");
    } catch {
      return null;
    }
  }
};
function testFileCandidates(t) {
  const out = [];
  if (t.file) out.push(t.file);
  for (const s of [t.classname, ...t.suite.split(" \u203A ")]) {
    if (/[\\/]/.test(s) && /\.[A-Za-z]{1,5}$/.test(s)) out.push(s.replace(/\\/g, "/"));
  }
  const parts = t.classname.split(".");
  if (parts.length >= 2 && parts.every((p) => /^[A-Za-z_]\w*$/.test(p))) {
    for (let n = parts.length; n >= 1; n--) out.push(parts.slice(0, n).join("/") + ".py");
    out.push(`src/test/java/${parts.join("/")}.java`);
  }
  return [...new Set(out)];
}
async function locateTest(t, files) {
  if (t.file) {
    const f = await files.resolve(t.file);
    if (f && t.line !== void 0) return { path: f, startLine: t.line };
  }
  for (const frame of t.stack ?? []) {
    const f = await files.resolve(frame.path);
    if (f) return { path: f, startLine: frame.line };
  }
  for (const c of testFileCandidates(t)) {
    const f = await files.resolve(c);
    if (f) return t.line !== void 0 && c === t.file ? { path: f, startLine: t.line } : { path: f };
  }
  return void 0;
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
import { realpath as realpath2, stat as stat2 } from "node:fs/promises";
import path3 from "node:path";
async function findReports(workspace, patterns) {
  const root = path3.resolve(workspace);
  const rootReal = await realpath2(root);
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
    const abs = path3.resolve(root, rel);
    let real;
    try {
      real = await realpath2(abs);
    } catch (e) {
      refused.push({ rel, why: `cannot be resolved: ${e instanceof Error ? e.message : String(e)}` });
      continue;
    }
    if (real !== rootReal && !real.startsWith(rootReal + path3.sep)) {
      refused.push({ rel, why: `resolves to ${real}, outside the workspace (through a symlink): refused` });
      continue;
    }
    const st = await stat2(real);
    if (!st.isFile()) continue;
    found.push({ rel: rel.split(path3.sep).join("/"), abs: real, mtimeMs: st.mtimeMs, bytes: st.size });
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
  return out.filter((p) => p !== "" && !path3.isAbsolute(p) && !p.split(/[\\/]/).includes(".."));
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
  if (failed.length > MAX_FILTERED) return whole(runner, `${failed.length} failed tests are too many to name, so the command is re-run whole`);
  const extra = filterArgs(runner, failed);
  if (!extra) return whole(runner, "some failed tests have no name to select them by, so the command is re-run whole");
  const argv = typeof command === "string" ? shellArgv2(`${command} ${extra.map(quote).join(" ")}`) : [...command, ...extra];
  return { argv, mode: "failed-only", runner, why: `${runner}: only the ${failed.length} failed test(s)` };
}

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
function testFingerprint(id, kind = "regression") {
  return `${createHash("sha256").update(`${kind}\0${id}`).digest("hex").slice(0, 16)}:1`;
}
async function traceOf(t, find, files, specTags) {
  const ids = new Set(find(`${t.suite}
${t.classname}
${t.name}`));
  for (const c of testFileCandidates(t)) {
    const rel = await files.resolve(c);
    if (!rel) continue;
    for (const id of await specTags.idsIn(rel)) ids.add(id);
    break;
  }
  return [...ids].sort();
}
function describe(c) {
  const t = c.test;
  if (!t) return `test removed since the baseline (was ${c.baseline?.[1] ?? "present"}): ${c.id}`;
  const first = t.message ?? (t.outcome === "errored" ? "test errored (no message)" : "test failed (no message)");
  const what = c.class === "flaky" ? "flaky: failed, then passed on a rerun: " : c.class === "quarantined" ? "quarantined: " : "";
  return `${what}${first} (test ${t.name})`;
}
async function testFindings(stage, items, traceTo, files) {
  const out = [];
  for (const c of items) {
    const level = FINDING_LEVEL[c.class];
    if (!level) continue;
    const t = c.test;
    if (c.class === "quarantined" && t && t.outcome === "passed" && !t.flaky) continue;
    if (c.class === "removed" && !c.gating) continue;
    const f = {
      stage,
      ruleId: `regression/${c.class}`,
      level,
      message: describe(c),
      fingerprint: testFingerprint(c.id),
      baseline: c.class === "known-failure" || c.class === "quarantined" || c.class === "flaky" && c.baseline?.[3] === true ? "unchanged" : "new",
      traceTo: traceTo.get(c.id) ?? []
    };
    if (t) {
      const loc = await locateTest(t, files);
      if (loc) f.location = loc;
    }
    out.push(f);
  }
  return out;
}

// src/stages/regression/trace-ids.ts
import { open } from "node:fs/promises";
import path4 from "node:path";
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
  async read(rel) {
    let text;
    try {
      const fh = await open(path4.join(this.workspace, rel), "r");
      try {
        const buf = Buffer.alloc(MAX_SOURCE_BYTES);
        const { bytesRead } = await fh.read(buf, 0, MAX_SOURCE_BYTES, 0);
        text = buf.toString("utf8", 0, bytesRead);
      } finally {
        await fh.close();
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

// src/stages/regression/result.ts
var TestClass = _enum([
  "passed",
  "fixed",
  "regression",
  "known-failure",
  "new-failure",
  "new-passing",
  "flaky",
  "quarantined",
  "removed",
  "skipped"
]);
var TestOutcome = _enum(["passed", "failed", "errored", "skipped", "absent"]);
var RegressionTest = object({
  /** Stable id: `file › suite › classname › name` without empty or repeated parts. */
  id: string(),
  suite: string(),
  classname: string(),
  name: string(),
  file: string().optional(),
  line: number().int().positive().optional(),
  /** Merged outcome of every run (a flaky test's is `passed`); `absent` for a removed test. */
  outcome: TestOutcome,
  class: TestClass,
  /** The outcome in the baseline, when the test is in it. */
  baselineOutcome: _enum(["passed", "failed", "errored", "skipped"]).optional(),
  traceTo: array(string()),
  durationMs: number().nonnegative().optional(),
  runs: number().int().nonnegative(),
  message: string().optional(),
  /** Whether this test's class fails the gate under `failOn`. */
  gating: boolean(),
  reports: array(string())
});
var RegressionCounts = object({
  tests: number().int(),
  passed: number().int(),
  failed: number().int(),
  errors: number().int(),
  skipped: number().int(),
  flaky: number().int(),
  regressions: number().int()
});
var ReportRead = object({
  path: string(),
  bytes: number().int().optional(),
  suites: number().int().optional(),
  testcases: number().int().optional(),
  /** file:line:col and what is wrong, when the report could not be read. */
  error: string().optional()
});
var RegressionResult = object({
  schema: literal("andon.regression-result/v1"),
  stage: string(),
  baseline: object({ origin: string(), description: string(), serial: string().optional() }).nullable(),
  failOn: array(GateClass),
  counts: RegressionCounts,
  classes: record(TestClass, number().int()),
  tests: array(RegressionTest),
  duplicates: array(object({ id: string(), reports: array(string()) })),
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
  quarantine: object({ active: array(string()), expired: array(object({ test: string(), until: string() })) }),
  slow: array(object({ id: string(), ms: number(), baselineMs: number(), factor: number() }))
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
    logFile: path5.join(ctx.outDir, "log.txt"),
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
var regressionStage = {
  name: "regression",
  description: REGRESSION_DESCRIPTION,
  options: RegressionOptions,
  async inputs(options) {
    if (options.command !== void 0) return options.inputs.length > 0 ? { files: options.inputs } : null;
    return { files: [...options.reports, ...options.inputs] };
  },
  async run(ctx) {
    const o = ctx.options;
    const patternProblem = checkTracePattern(o.traceIds.pattern);
    if (patternProblem) return { state: "errored", reason: patternProblem };
    const cwd = path5.resolve(ctx.workspace, o.cwd ?? ".");
    if (cwd !== ctx.workspace && !cwd.startsWith(ctx.workspace + path5.sep)) {
      return { state: "errored", reason: `cwd "${o.cwd}" is outside the workspace` };
    }
    let command = null;
    let patterns = [...o.reports];
    if (o.command !== void 0) {
      const shell = typeof o.command === "string";
      const argv = typeof o.command === "string" ? shellArgv(o.command) : o.command;
      command = await runCommand(ctx, argv, shell, cwd, "");
      const problem = commandProblem(command, o.timeoutSeconds);
      if (problem) return { state: "errored", reason: problem };
      if (patterns.length === 0) {
        const words = typeof o.command === "string" ? splitCommand(o.command) : o.command;
        const rel = path5.relative(ctx.workspace, cwd);
        patterns = reportsNamedByCommand(words ?? [], o.env).map((p) => rel ? `${rel}/${p}` : p);
        if (patterns.length === 0) {
          return { state: "errored", reason: "the command does not name a JUnit report (e.g. pytest --junitxml=\u2026) and `reports` is empty: set `reports` to the globs of the reports it writes" };
        }
      }
    }
    const search = await findReports(ctx.workspace, patterns);
    for (const r of search.refused) ctx.logger.error(`${r.rel}: ${r.why}`);
    let reports = search.found;
    if (command) {
      const started = command.startedAt;
      const stale = reports.filter((r) => r.mtimeMs < started - STALE_SLACK_MS);
      for (const r of stale) ctx.logger.warn(`${r.rel}: ignored, it was last written before the test command started (a stale report from an earlier run)`);
      reports = reports.filter((r) => r.mtimeMs >= started - STALE_SLACK_MS);
    }
    if (reports.length === 0) {
      const refusedNote = search.refused.length > 0 ? ` (refused: ${search.refused.map((r) => `${r.rel}: ${r.why}`).join("; ")})` : "";
      return {
        state: "errored",
        reason: `no JUnit report found for ${patterns.map((p) => `"${p}"`).join(", ")}${command ? " written by the test command" : ""}: a test stage that finds no reports must not pass${refusedNote}`
      };
    }
    const collector = new TestCollector(ctx.workspace);
    const readOutcomes = await readReports(reports, collector, { maxReportBytes: o.maxReportBytes });
    for (const r of readOutcomes) if (r.error) ctx.logger.error(r.error);
    if (o.retries > 0 && o.command === void 0) ctx.logger.warn("retries is set but there is no command to re-run: reports are read as they are");
    const retries = [];
    let lastRun = command;
    if (command && o.command !== void 0) {
      for (let attempt = 1; attempt <= o.retries; attempt++) {
        const failing = collector.failingIds().map((id) => collector.tests.get(id)).filter((t) => t !== void 0);
        if (failing.length === 0) break;
        const plan = planRerun(o.command, failing, shellArgv);
        ctx.logger.info(`retry ${attempt}/${o.retries}: ${plan.why}`);
        const rerun = await runCommand(ctx, plan.argv, typeof o.command === "string", cwd, `retry ${attempt}: `);
        const problem = commandProblem(rerun, o.timeoutSeconds);
        if (problem) return { state: "errored", reason: `retry ${attempt}: ${problem}` };
        lastRun = rerun;
        const again = await findReports(ctx.workspace, patterns);
        const fresh = again.found.filter((r) => r.mtimeMs >= rerun.startedAt - STALE_SLACK_MS);
        await readReports(fresh, collector, { maxReportBytes: o.maxReportBytes, retry: true });
        const stillFailing = new Set(collector.failingIds());
        const nowPassing = failing.filter((t) => !stillFailing.has(t.id)).length;
        retries.push({ attempt, argv: plan.argv.map((a) => ctx.masker.mask(a)), mode: plan.mode, why: plan.why, rerun: failing.length, nowPassing });
        ctx.logger.info(`retry ${attempt}: ${nowPassing} of ${failing.length} failed test(s) passed on rerun (flaky)`);
      }
    }
    let baselineTests = null;
    let baselineInfo = null;
    if (o.baseline !== "none") {
      const ref = await ctx.baseline();
      const bytes = ref ? await ref.read("baseline.json") : null;
      if (ref && bytes) {
        const parsed = parseBaselineFile(bytes);
        if (parsed.ok) {
          baselineTests = parsed.entries;
          baselineInfo = { origin: ref.origin, description: ref.description, ...ref.serial ? { serial: ref.serial } : {} };
          ctx.logger.info(`baseline: ${ref.description} (${plural(baselineTests.length, "test")})`);
        } else {
          ctx.logger.warn(`baseline.json of ${ref.description} is not a regression baseline (${parsed.why}): ignored`);
        }
      }
      if (!baselineTests) {
        if (o.baseline === "required") {
          return { state: "errored", reason: "baseline: required, but there is no regression baseline for this stage (run on the base branch first, or `andon baseline update`)" };
        }
        ctx.logger.info("no baseline for this stage: every failing test gates (nothing tells known failures from new ones)");
      }
    } else {
      ctx.logger.info("baseline: none: every failing test gates");
    }
    const today = ctx.clock.now().toISOString().slice(0, 10);
    const activeQ = o.quarantine.filter((q) => q.until >= today);
    const expiredQ = o.quarantine.filter((q) => q.until < today);
    for (const q of expiredQ) ctx.logger.warn(`quarantine of "${q.test}" expired on ${q.until}: it gates again (remove or extend the entry)`);
    const quarantinedIds = [];
    const isQuarantined = (id) => {
      const hit = activeQ.some((q) => idMatches(id, q.test));
      if (hit) quarantinedIds.push(id);
      return hit;
    };
    const records = [...collector.tests.values()];
    const classification = classify(collector.tests, baselineTests, o.failOn, activeQ.length > 0 ? isQuarantined : () => false);
    const files = new WorkspaceFiles(ctx.workspace);
    const specTags = new SpecTagReader(ctx.workspace, o.traceIds.specTag, compileTracePattern(o.traceIds.pattern));
    const find = compileTracePattern(o.traceIds.pattern);
    const traceTo = /* @__PURE__ */ new Map();
    for (const t of records) traceTo.set(t.id, await traceOf(t, find, files, specTags));
    for (const t of records) if (t.message !== void 0) t.message = ctx.masker.mask(t.message);
    const findings = await testFindings(ctx.stage.id, classification.items, traceTo, files);
    const slow = [];
    if (o.slowdown && baselineTests) {
      for (const t of records) {
        const baseMs = t.base?.[2];
        if (!baseMs || t.durationMs === void 0 || t.durationMs < o.slowdown.minMs) continue;
        const factor = t.durationMs / baseMs;
        if (factor >= o.slowdown.factor) slow.push({ id: t.id, ms: t.durationMs, baselineMs: baseMs, factor: Math.round(factor * 100) / 100 });
      }
      slow.sort((a, b) => b.factor - a.factor);
      for (const s of slow.slice(0, 1e3)) {
        const t = collector.tests.get(s.id);
        findings.push({
          stage: ctx.stage.id,
          ruleId: "regression/slowdown",
          level: "warning",
          message: `${s.factor}\xD7 slower than the baseline: ${s.ms} ms, was ${s.baselineMs} ms (test ${t?.name ?? s.id})`,
          fingerprint: testFingerprint(s.id, "slowdown"),
          baseline: "new",
          traceTo: traceTo.get(s.id) ?? [],
          ...t?.file ? { location: { path: t.file, ...t.line ? { startLine: t.line } : {} } } : {}
        });
      }
      if (slow.length > 0) ctx.logger.warn(`${plural(slow.length, "test")} ran at least ${o.slowdown.factor}\xD7 slower than in the baseline`);
    }
    const counts = { tests: records.length, passed: 0, failed: 0, errors: 0, skipped: 0, flaky: 0, regressions: classification.classes.regression };
    for (const t of records) {
      if (t.outcome === "passed") counts.passed++;
      else if (t.outcome === "failed") counts.failed++;
      else if (t.outcome === "errored") counts.errors++;
      else counts.skipped++;
      if (t.flaky) counts.flaky++;
    }
    const duplicates = collector.duplicates();
    if (duplicates.length > 0) {
      ctx.logger.warn(`${plural(duplicates.length, "test")} appear in more than one report (shards or matrix legs overlap); each is counted once, e.g. ${duplicates[0]?.id} in ${duplicates[0]?.reports.join(", ")}`);
    }
    const tests = classification.items.map((c) => {
      const t = c.test;
      const out = t ? {
        id: t.id,
        suite: t.suite,
        classname: t.classname,
        name: t.name,
        outcome: t.outcome,
        class: c.class,
        traceTo: traceTo.get(t.id) ?? [],
        runs: t.runs,
        gating: c.gating,
        reports: t.reports
      } : { id: c.id, suite: "", classname: "", name: "", outcome: "absent", class: "removed", traceTo: [], runs: 0, gating: c.gating, reports: [] };
      if (t?.file !== void 0) out.file = t.file;
      if (t?.line !== void 0) out.line = t.line;
      if (t?.durationMs !== void 0) out.durationMs = t.durationMs;
      if (t?.message !== void 0 && (isFailing(t.outcome) || t.flaky || t.outcome === "skipped")) out.message = t.message;
      if (c.baseline) out.baselineOutcome = c.baseline[1];
      return out;
    });
    const result = {
      schema: "andon.regression-result/v1",
      stage: ctx.stage.id,
      baseline: baselineInfo,
      failOn: o.failOn,
      counts,
      classes: classification.classes,
      tests,
      duplicates,
      reports: readOutcomes,
      command: command ? { argv: command.argv.map((a) => ctx.masker.mask(a)), shell: command.shell, exitCode: command.res.exitCode, durationMs: command.res.durationMs } : null,
      retries,
      quarantine: { active: [...new Set(quarantinedIds)], expired: expiredQ.map((q) => ({ test: q.test, until: q.until })) },
      slow
    };
    const outcome = {
      state: "passed",
      reason: "",
      counts,
      findings,
      result,
      baseline: toBaselineFile(ctx.stage.id, records)
    };
    const { baseline: _unused, ...withoutBaseline } = outcome;
    const broken = readOutcomes.filter((r) => r.error);
    if (broken.length > 0) {
      return { ...withoutBaseline, state: "errored", reason: `${plural(broken.length, "report")} could not be read: ${broken[0]?.error}${broken.length > 1 ? ` (and ${broken.length - 1} more)` : ""}` };
    }
    if (search.refused.length > 0) {
      return { ...withoutBaseline, state: "errored", reason: `${search.refused[0]?.rel}: ${search.refused[0]?.why}` };
    }
    const failingNow = counts.failed + counts.errors;
    if (lastRun && lastRun.res.exitCode !== 0 && failingNow === 0 && classification.gating === 0) {
      return {
        ...withoutBaseline,
        state: "errored",
        reason: `the test command exited with ${lastRun.res.exitCode === null ? `signal ${lastRun.res.signal}` : `code ${lastRun.res.exitCode}`} but its reports show no failing test: the reports may be incomplete`
      };
    }
    const summary = summarize(classification.classes, counts);
    if (classification.gating > 0) {
      const first = classification.items.find((c) => c.gating);
      const gatingClasses = Object.keys(classification.classes).filter((k) => classification.classes[k] > 0 && classification.items.some((c) => c.gating && c.class === k)).map((k) => `${classification.classes[k]} ${k}`);
      return { ...outcome, state: "failed", reason: `${gatingClasses.join(", ")}${baselineTests ? "" : " (no baseline: every failure gates)"}; first: ${first?.id}${first?.test?.message ? `: ${first.test.message}` : ""}`.slice(0, 500) };
    }
    return { ...outcome, state: "passed", reason: summary };
  }
};
function summarize(classes, counts) {
  const parts = [`${plural(counts.tests, "test")}`];
  for (const k of ["fixed", "known-failure", "flaky", "quarantined", "skipped", "removed"]) {
    const n = classes[k] ?? 0;
    if (n > 0) parts.push(`${n} ${k}`);
  }
  return parts.length === 1 ? `${parts[0]}: all passed` : `${parts[0]}: ${parts.slice(1).join(", ")} (none gating)`;
}
export {
  RegressionOptions,
  RegressionResult,
  regressionStage
};
