import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  _enum,
  array,
  boolean,
  literal,
  number,
  object,
  record,
  string,
  unknown
} from "./chunk-QTHYIHUL.js";
import {
  ExitCode,
  InternalError
} from "./chunk-HUTQD67Y.js";

// src/core/line-machine.ts
var STAGE_STATES = ["pending", "running", "passed", "failed", "errored", "skipped", "cancelled", "reused"];
var RUN_VERDICTS = ["running", "passed", "failed", "errored", "cancelled"];
var STAGE_TRANSITIONS = {
  pending: ["running", "skipped", "cancelled", "reused"],
  running: ["passed", "failed", "errored", "cancelled"],
  passed: [],
  failed: [],
  errored: [],
  skipped: [],
  cancelled: [],
  reused: []
};
function canTransition(from, to) {
  return STAGE_TRANSITIONS[from].includes(to);
}
function canCompleteAs(from, to) {
  return from === "passed" && to === "failed";
}
function assertTransition(stage, from, to, completion = false) {
  if (!(completion ? canCompleteAs(from, to) : canTransition(from, to))) {
    throw new InternalError(`illegal transition of stage "${stage}": ${from} -> ${to}`);
  }
}
function isFailure(state) {
  return state === "failed" || state === "errored";
}
function stopsLine(stage) {
  return stage.blocking && isFailure(stage.state);
}
function stopOf(stages) {
  return stages.find(stopsLine);
}
function nonBlockingFailures(stages) {
  return stages.filter((s) => !s.blocking && isFailure(s.state)).map((s) => s.id);
}
function verdictOf(stages) {
  if (stages.some((s) => s.state === "running" || s.state === "pending")) return "running";
  if (stages.some((s) => s.state === "cancelled")) return "cancelled";
  const stop = stopOf(stages);
  if (stop) return stop.state === "errored" ? "errored" : "failed";
  return "passed";
}
function joinedVerdictOf(stages) {
  const ran = stages.filter((s) => s.state !== "pending");
  const v = verdictOf(ran);
  return v === "passed" && ran.length < stages.length ? "running" : v;
}
function exitCodeOf(stages) {
  return stages.some((s) => s.state === "cancelled" || stopsLine(s)) ? ExitCode.gateFailed : ExitCode.passed;
}

// src/core/run-record.ts
import { randomBytes } from "node:crypto";
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
var RECORD_SCHEMA = "andon.run/v1";
var StageStateSchema = _enum(STAGE_STATES);
var RunVerdictSchema = _enum(RUN_VERDICTS);
var ArtifactEntry = object({
  path: string().describe("Relative to the run folder: <stage-id>/<file>."),
  sha256: string().regex(/^[0-9a-f]{64}$/),
  bytes: number().int().nonnegative()
});
var StageRecord = object({
  id: string(),
  uses: string(),
  name: string().optional(),
  blocking: boolean(),
  state: StageStateSchema,
  reason: string(),
  startedAt: string().nullable(),
  finishedAt: string().nullable(),
  durationMs: number().int().nonnegative().nullable(),
  inputsDigest: string().nullable(),
  reusedFrom: string().nullable(),
  counts: record(string(), unknown()),
  artifacts: array(ArtifactEntry),
  tools: record(string(), string()),
  /** Filled in at the end of the line by a later stage's results (e.g. the spec trace matrix). */
  completedAtEndOfLine: boolean().optional(),
  /** Why this result never stands in for a later run although it has an inputs digest (e.g. it read files the digest did not cover). */
  notReusable: string().optional()
});
var Transition = object({
  at: string(),
  stage: string(),
  from: StageStateSchema,
  to: StageStateSchema
});
var RunRecord = object({
  schema: literal(RECORD_SCHEMA),
  serial: string(),
  parent: object({ serial: string(), fromStage: string() }).nullable(),
  createdAt: string(),
  finishedAt: string().nullable(),
  verdict: RunVerdictSchema,
  /** Stages that failed without blocking: the line went on, the verdict records them here. */
  nonBlockingFailures: array(string()).default([]),
  source: object({
    repo: string().nullable(),
    sha: string().nullable(),
    ref: string().nullable(),
    baseRef: string().nullable().optional(),
    baseSha: string().nullable(),
    pr: number().int().nullable(),
    dirty: boolean(),
    /** How the base commit was found (merge-base, the push's before, HEAD's first parent), or why there is none. */
    baseNote: string().optional()
  }),
  host: object({
    kind: _enum(["local", "github"]),
    runId: string().nullable(),
    runAttempt: number().int().nullable(),
    workflow: string().nullable(),
    job: string().nullable(),
    url: string().nullable(),
    /** The process that writes this record while it runs, so a reader can tell an interrupted run. */
    pid: number().int().nullable().optional(),
    hostname: string().nullable().optional()
  }),
  config: object({ path: string(), digest: string() }),
  tool: object({ name: literal("andon"), version: string(), node: string() }),
  stages: array(StageRecord),
  transitions: array(Transition)
});
async function writeFileAtomic(file, data) {
  writeFileAtomicSync(file, data);
}
function writeAll(tmp, data) {
  if (typeof data === "string" || Buffer.isBuffer(data)) return writeFileSync(tmp, data);
  const fd = openSync(tmp, "w");
  try {
    for (const piece of data) writeFileSync(fd, piece);
  } finally {
    closeSync(fd);
  }
}
function writeFileAtomicSync(file, data) {
  const tmp = `${file}.${randomBytes(8).toString("hex")}.tmp`;
  try {
    try {
      writeAll(tmp, data);
    } catch (e) {
      if (e.code !== "ENOENT") throw e;
      mkdirSync(path.dirname(file), { recursive: true });
      writeAll(tmp, data);
    }
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
function serializeRecord(record2) {
  return JSON.stringify(record2, null, 2) + "\n";
}

export {
  assertTransition,
  isFailure,
  stopsLine,
  stopOf,
  nonBlockingFailures,
  verdictOf,
  joinedVerdictOf,
  exitCodeOf,
  RECORD_SCHEMA,
  StageRecord,
  RunRecord,
  writeFileAtomic,
  writeFileAtomicSync,
  serializeRecord
};
