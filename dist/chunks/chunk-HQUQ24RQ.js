import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  compareSerials
} from "./chunk-SPBR4F3X.js";
import {
  TESTS_FILE,
  TestsFileError,
  readTests
} from "./chunk-UVUI3JLA.js";
import {
  STAGE_FILES,
  diffInputs,
  readFindings,
  readInputsManifest,
  readStageFile,
  readStageFolderFile
} from "./chunk-4PTP22Z7.js";
import {
  stopOf
} from "./chunk-R2DVGQ2Z.js";
import {
  array,
  boolean,
  describeRefusal,
  literal,
  number,
  object,
  string
} from "./chunk-QTHYIHUL.js";
import {
  errorMessage
} from "./chunk-HUTQD67Y.js";

// src/report/run-data.ts
import path from "node:path";
var MAX_JSON_BYTES = 480 * 1024 * 1024;
function readJson(read, name) {
  if (read.kind === "missing") return { kind: "absent" };
  if (read.kind !== "ok") return { kind: "unreadable", why: `${name} ${describeRefusal(read)}` };
  try {
    return { kind: "read", value: JSON.parse(read.bytes.toString("utf8")) };
  } catch (e) {
    return { kind: "unreadable", why: `${name}: ${errorMessage(e)}` };
  }
}
function wrongSchema(json, expected, file) {
  const schema = json?.schema;
  if (schema === expected) return null;
  return typeof schema === "string" ? `${file} is ${schema}; this Andon reads ${expected}` : `${file} is not ${expected}`;
}
async function loadLineage(store, head) {
  const out = [{ serial: head.serial, record: head }];
  const seen = /* @__PURE__ */ new Set([head.serial]);
  let next = head.parent?.serial;
  while (next !== void 0 && !seen.has(next)) {
    const serial = next;
    seen.add(serial);
    try {
      const record2 = await store.loadRecord(serial);
      out.push({ serial, record: record2 });
      next = record2.parent?.serial;
    } catch (e) {
      out.push({ serial, record: null, problem: errorMessage(e) });
      break;
    }
  }
  return out;
}
async function loadRuns(store) {
  const skipped = [];
  const runs = await store.listRuns((serial, why) => skipped.push({ serial, why }));
  return { runs, skipped };
}
async function verify(store, record2) {
  const problems = await store.verify(record2);
  const status = /* @__PURE__ */ new Map();
  for (const st of record2.stages) for (const a of st.artifacts) status.set(a.path, "verified");
  const unrecorded = [];
  for (const p of problems) {
    if (p.problem === "unrecorded") unrecorded.push(p.path);
    else status.set(p.path, p.problem);
  }
  return { status, unrecorded };
}
function str(v) {
  return typeof v === "string" ? v : null;
}
function record(v) {
  return v && typeof v === "object" && !Array.isArray(v) ? v : {};
}
function findingRow(f) {
  const properties = {};
  if (f.traceTo.length > 0) properties.traceTo = f.traceTo;
  if (f.inDiff !== void 0) properties.inDiff = f.inDiff;
  if (f.note) properties.note = f.note;
  if (f.related?.length) properties.related = f.related.map((r) => `${r.path}${r.startLine ? `:${r.startLine}` : ""}`);
  return {
    tool: f.tool?.name ?? "andon",
    ruleId: f.ruleId,
    level: f.level,
    message: f.message,
    path: f.location?.path ?? null,
    line: f.location?.startLine ?? null,
    column: f.location?.startColumn ?? null,
    baseline: f.baseline,
    fingerprint: f.fingerprint || null,
    properties
  };
}
async function loadFindings(store, serial, stageId) {
  const read = await readFindings(store.stageDir(serial, stageId), stageId, MAX_JSON_BYTES);
  if (read.kind === "missing") return { kind: "absent" };
  if (read.kind === "too-big") return { kind: "unreadable", why: `${STAGE_FILES.sarif} is ${Math.round(read.bytes / 2 ** 20)} MiB, over the ${MAX_JSON_BYTES / 2 ** 20} MiB this report reads` };
  if (read.kind === "unreadable") return { kind: "unreadable", why: read.why };
  return { kind: "read", value: read.findings.map(findingRow) };
}
var REGRESSION_RESULT = "andon.regression-result/v2";
async function loadTests(store, serial, stageId, each) {
  const dir = store.stageDir(serial, stageId);
  const read = readJson(readStageFile(dir, "result", { maxBytes: MAX_JSON_BYTES }), STAGE_FILES.result);
  if (read.kind !== "read") return read;
  const wrong = wrongSchema(read.value, REGRESSION_RESULT, STAGE_FILES.result);
  if (wrong) return { kind: "unreadable", why: wrong };
  let count = 0;
  try {
    ({ rows: count } = await readTests(path.join(dir, TESTS_FILE), each, `${stageId}/${TESTS_FILE}`));
  } catch (e) {
    if (!(e instanceof TestsFileError)) throw e;
    return e.missing ? { kind: "absent" } : { kind: "unreadable", why: e.message };
  }
  return { kind: "read", value: { count, baseline: str(record(record(read.value).baseline).description) } };
}
var TraceTest = object({ stage: string(), id: string(), name: string(), state: string() });
var TraceDoc = object({
  schema: literal("andon.traceability/v1"),
  requireCoverage: string().optional(),
  pending: boolean().optional(),
  sources: array(string()).default([]),
  note: string().optional(),
  counts: object({ covered: number(), uncovered: number(), failing: number() }).nullable().default(null),
  requirements: array(
    object({
      id: string(),
      title: string(),
      spec: string().optional(),
      path: string(),
      line: number(),
      normative: boolean(),
      status: string(),
      tests: array(TraceTest)
    })
  ),
  unknownTraces: array(object({ test: string(), stage: string(), traceTo: string() })).default([])
});
async function loadTrace(store, serial, stageId) {
  const dir = store.stageDir(serial, stageId);
  const result = readJson(readStageFile(dir, "result", { maxBytes: MAX_JSON_BYTES }), STAGE_FILES.result);
  if (result.kind !== "read") return result;
  const name = str(record(record(result.value).traceability).file);
  if (!name) return { kind: "absent" };
  const got = readStageFolderFile(dir, name, { maxBytes: MAX_JSON_BYTES });
  if (got.kind === "outside") return { kind: "unreadable", why: `${STAGE_FILES.result} names ${JSON.stringify(name)} as its trace file: not a file of the stage folder` };
  const read = readJson(got, name);
  if (read.kind !== "read") return read;
  const wrong = wrongSchema(read.value, "andon.traceability/v1", name);
  if (wrong) return { kind: "unreadable", why: wrong };
  const parsed = TraceDoc.safeParse(read.value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { kind: "unreadable", why: `${name}: ${first?.path.join(".") ?? ""} ${first?.message ?? "invalid"}`.trim() };
  }
  return { kind: "read", value: parsed.data };
}
async function loadInputsChange(store, serial, parentStore, parentSerial, stageId) {
  const [now, before] = await Promise.all([readInputsManifest(store.stageDir(serial, stageId)), readInputsManifest(parentStore.stageDir(parentSerial, stageId))]);
  if (!now) return { kind: "unknown", why: "this run kept no readable inputs manifest for the stage" };
  if (!before) return { kind: "unknown", why: `the parent ${parentSerial} kept no readable inputs manifest for the stage` };
  const diff = diffInputs(before, now);
  const same = !diff.options && !diff.extra && Object.keys(diff.tools).length === 0 && diff.files.length === 0;
  return same ? { kind: "unchanged" } : { kind: "changed", diff };
}
async function loadLogTail(store, serial, stageId, lines) {
  const read = readStageFile(store.stageDir(serial, stageId), "log", { tailBytes: 64 * 1024 });
  if (read.kind === "missing") return { kind: "absent" };
  if (read.kind !== "ok") return { kind: "unreadable", why: `${STAGE_FILES.log} ${describeRefusal(read)}` };
  const all = read.bytes.toString("utf8").trimEnd().split("\n");
  return { kind: "read", value: (read.bytes.length < read.size ? all.slice(1) : all).slice(-lines) };
}

// src/report/metrics.ts
var METRICS_SCHEMA = "andon.metrics/v1";
var RAN = /* @__PURE__ */ new Set(["passed", "failed", "errored"]);
var DAY = 864e5;
function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p / 100 * sorted.length) - 1))];
}
function ratio(a, b) {
  return b > 0 ? a / b : null;
}
function mean(xs) {
  return xs.length > 0 ? xs.reduce((s, x) => s + x, 0) / xs.length : null;
}
function commitKey(r) {
  return r.source.sha && !r.source.dirty ? `${r.source.repo ?? ""}@${r.source.sha}` : `run:${r.serial}`;
}
function branchOf(r) {
  return `${r.source.repo ?? ""}:${r.source.ref ?? "(no branch)"}`;
}
function runMs(r) {
  if (!r.finishedAt) return null;
  const ms = Date.parse(r.finishedAt) - Date.parse(r.createdAt);
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}
function endOf(r) {
  return Date.parse(r.finishedAt ?? r.createdAt);
}
function stopperOf(r) {
  return stopOf(r.stages);
}
function periodStart(iso, period) {
  const t = Date.parse(iso);
  if (period === "day") return new Date(t).toISOString().slice(0, 10);
  const d = new Date(t);
  const back = (d.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - back)).toISOString().slice(0, 10);
}
function numberCount(counts, key) {
  const v = counts[key];
  return typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : null;
}
function timeToGreen(runs, state) {
  const open = /* @__PURE__ */ new Map();
  const out = [];
  for (const r of runs) {
    const s = state(r);
    if (s === null) continue;
    const branch = branchOf(r);
    const since = open.get(branch);
    if (s === "fail" && since === void 0) open.set(branch, endOf(r));
    else if (s === "pass" && since !== void 0) {
      out.push(Math.max(0, endOf(r) - since));
      open.delete(branch);
    }
  }
  return out;
}
function savedMs(s, bySerial, medianMs) {
  if (s.stage.state !== "reused") return 0;
  const made = s.stage.reusedFrom ? bySerial.get(s.stage.reusedFrom)?.stages.find((x) => x.id === s.stage.id) : void 0;
  if (made && RAN.has(made.state) && made.durationMs !== null) return made.durationMs;
  return medianMs ?? 0;
}
function stageMetrics(id, samples, bySerial) {
  const count = (st) => samples.filter((s) => s.stage.state === st).length;
  const executions = samples.filter((s) => RAN.has(s.stage.state));
  const durations = executions.map((s) => s.stage.durationMs).filter((d) => d !== null).sort((a, b) => a - b);
  const p50 = percentile(durations, 50);
  const firsts = /* @__PURE__ */ new Map();
  for (const s of executions) if (!firsts.has(commitKey(s.run))) firsts.set(commitKey(s.run), s.stage.state);
  const reused = count("reused");
  const runs = executions.length + reused;
  const recover = timeToGreen(
    samples.map((s) => s.run),
    (r) => {
      const st = r.stages.find((x) => x.id === id)?.state;
      return st === "failed" || st === "errored" ? "fail" : st === "passed" || st === "reused" ? "pass" : null;
    }
  );
  return {
    stage: id,
    uses: samples.at(-1)?.stage.uses ?? "",
    runs,
    executed: executions.length,
    passed: count("passed"),
    failed: count("failed"),
    errored: count("errored"),
    reused,
    skipped: count("skipped"),
    cancelled: count("cancelled"),
    firstPassYield: ratio([...firsts.values()].filter((s) => s === "passed").length, firsts.size),
    stops: samples.filter((s) => stopperOf(s.run)?.id === id).length,
    reuseRate: ratio(reused, runs),
    timeSavedMs: samples.reduce((sum, s) => sum + savedMs(s, bySerial, p50), 0),
    p50Ms: p50,
    p95Ms: percentile(durations, 95),
    flakyRate: flakyRate(executions.map((s) => s.stage)),
    meanTimeToGreenMs: mean(recover),
    recoveries: recover.length
  };
}
function lineMetrics(runs, stages) {
  const verdict = (v) => runs.filter((r) => r.verdict === v).length;
  const firsts = /* @__PURE__ */ new Map();
  for (const r of runs) if (!firsts.has(commitKey(r))) firsts.set(commitKey(r), r.verdict);
  const durations = runs.map(runMs).filter((d) => d !== null).sort((a, b) => a - b);
  const stops = {};
  for (const r of runs) {
    const s = stopperOf(r);
    if (s) stops[s.id] = (stops[s.id] ?? 0) + 1;
  }
  const reused = stages.reduce((n, s) => n + s.reused, 0);
  const took = stages.reduce((n, s) => n + s.runs, 0);
  const recover = timeToGreen(runs, (r) => r.verdict === "passed" ? "pass" : r.verdict === "failed" || r.verdict === "errored" ? "fail" : null);
  return {
    runs: runs.length,
    passed: verdict("passed"),
    failed: verdict("failed"),
    errored: verdict("errored"),
    cancelled: verdict("cancelled"),
    firstPassYield: ratio([...firsts.values()].filter((v) => v === "passed").length, firsts.size),
    p50Ms: percentile(durations, 50),
    p95Ms: percentile(durations, 95),
    reuseRate: ratio(reused, took),
    timeSavedMs: stages.reduce((n, s) => n + s.timeSavedMs, 0),
    flakyRate: flakyRate(runs.flatMap((r) => r.stages)),
    meanTimeToGreenMs: mean(recover),
    recoveries: recover.length,
    stops
  };
}
function flakyRate(stages) {
  let tests = 0;
  let flaky = 0;
  for (const s of stages) {
    if (!RAN.has(s.state)) continue;
    const t = numberCount(s.counts, "tests");
    if (t === null) continue;
    tests += t;
    flaky += numberCount(s.counts, "flaky") ?? 0;
  }
  return tests > 0 ? flaky / tests : null;
}
function metricsOf(runs, bySerial) {
  const samples = /* @__PURE__ */ new Map();
  for (const run of runs) {
    for (const stage of run.stages) {
      let list = samples.get(stage.id);
      if (!list) samples.set(stage.id, list = []);
      list.push({ run, stage });
    }
  }
  const stages = [...samples].map(([id, list]) => stageMetrics(id, list, bySerial));
  return { line: lineMetrics(runs, stages), stages };
}
function computeMetrics(records, o) {
  const skipped = [...o.skipped ?? []];
  const finished = [];
  for (const r of records) {
    if (r.verdict === "running" || !Number.isFinite(Date.parse(r.createdAt))) skipped.push({ serial: r.serial, why: r.verdict === "running" ? "still running (or interrupted)" : "no valid createdAt" });
    else finished.push(r);
  }
  const byTime = (a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || compareSerials(a.serial, b.serial);
  let runs = finished.sort(byTime);
  if (o.last !== void 0 && runs.length > o.last) runs = runs.slice(-o.last);
  const bySerial = new Map(records.map((r) => [r.serial, r]));
  const { line, stages } = metricsOf(runs, bySerial);
  const order = new Map((runs.at(-1)?.stages ?? []).map((s, i) => [s.id, i]));
  stages.sort((a, b) => (order.get(a.stage) ?? Infinity) - (order.get(b.stage) ?? Infinity) || a.stage.localeCompare(b.stage));
  const from = runs[0]?.createdAt ?? null;
  const to = runs.at(-1)?.createdAt ?? null;
  const span = from && to ? Date.parse(to) - Date.parse(from) : 0;
  const period = o.period ?? (span <= 60 * DAY ? "day" : "week");
  const periods = /* @__PURE__ */ new Map();
  for (const r of runs) {
    const k = periodStart(r.createdAt, period);
    const list = periods.get(k);
    if (list) list.push(r);
    else periods.set(k, [r]);
  }
  const series = [...periods].map(([start, list]) => {
    const m = metricsOf(list, bySerial);
    const perStage = {};
    for (const s of m.stages) perStage[s.stage] = { runs: s.runs, firstPassYield: s.firstPassYield, stops: s.stops, p50Ms: s.p50Ms, reuseRate: s.reuseRate };
    return { start, ...m.line, stages: perStage };
  });
  return { schema: METRICS_SCHEMA, source: o.source, runs: runs.length, from, to, period, line, stages, series, skipped };
}

export {
  loadLineage,
  loadRuns,
  verify,
  loadFindings,
  loadTests,
  loadTrace,
  loadInputsChange,
  loadLogTail,
  computeMetrics
};
