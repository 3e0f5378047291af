import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  missingStageArtifacts,
  pieceOf,
  uploadPiece,
  uploadStageFolders
} from "./chunk-ZWMGARRJ.js";
import {
  ActionsArtifactService,
  readGitHubContext
} from "./chunk-QAREUEMZ.js";
import {
  exitWith,
  runnerRuntime
} from "./chunk-ARLFHMBN.js";
import "./chunk-L5N3V36Q.js";
import {
  systemClock
} from "./chunk-ZMTWOZYI.js";
import {
  finalizeRecord
} from "./chunk-UMT6C33E.js";
import {
  State
} from "./chunk-UPPQ2J5F.js";
import {
  FsStore
} from "./chunk-SPBR4F3X.js";
import "./chunk-4PTP22Z7.js";
import "./chunk-MGRT4P43.js";
import {
  joinedVerdictOf
} from "./chunk-R2DVGQ2Z.js";
import "./chunk-NLHABGJB.js";
import "./chunk-K4VEHVI3.js";
import {
  _enum,
  array,
  boolean,
  number,
  object,
  string
} from "./chunk-QTHYIHUL.js";
import "./chunk-TXGCBDM3.js";
import {
  errorMessage
} from "./chunk-HUTQD67Y.js";
import "./chunk-AS4XOIVA.js";
import "./chunk-X4N7ZENU.js";
import "./chunk-TZYN2FJC.js";

// src/github/saved-settings.ts
var SavedSettings = object({
  mode: _enum(["line", "stage"]),
  /** The stages this step was responsible for; null = the whole line. */
  stages: array(string()).nullable(),
  upload: boolean(),
  retentionDays: number().int().nullable(),
  deadlineMs: number().int().positive()
});

// src/github/post-action.ts
var ENDED = "the job ended before it finished (a step failed, timed out or was cancelled)";
function closeRecord(record, stages, clock) {
  if (record.verdict !== "running") return record;
  if (!stages) return finalizeRecord(record, ENDED, clock);
  const mineOpen = record.stages.some((s) => stages.includes(s.id) && (s.state === "running" || s.state === "pending"));
  if (!mineOpen) return record;
  const closed = finalizeRecord(record, ENDED, clock);
  const out = structuredClone(record);
  out.stages = record.stages.map((s) => stages.includes(s.id) ? closed.stages.find((c) => c.id === s.id) : s);
  const changed = new Set(stages);
  out.transitions = [...record.transitions, ...closed.transitions.slice(record.transitions.length).filter((t) => changed.has(t.stage))];
  out.verdict = joinedVerdictOf(out.stages);
  if (out.verdict !== "running") out.finishedAt = clock.now().toISOString();
  return out;
}
async function postAction(deps) {
  const rt = deps.runtime;
  const serial = rt.state(State.serial);
  const root = rt.state(State.storeRoot);
  if (!serial || !root) {
    rt.logger.info("andon: the main step did not start a run; nothing to close");
    return 0;
  }
  try {
    const saved = SavedSettings.partial().safeParse(JSON.parse(rt.state(State.settings) || "{}"));
    if (!saved.success) rt.logger.warn(`andon: the main step's settings are unreadable (${saved.error.issues[0]?.message ?? "invalid"}); closing the whole run`);
    const settings = saved.success ? saved.data : {};
    const store = new FsStore(root);
    if (!await store.hasRun(serial)) {
      rt.logger.warn(`andon: run ${serial} has no record in ${root}; nothing to upload`);
      return 0;
    }
    let record = await store.loadRecord(serial);
    const closed = closeRecord(record, settings.stages ?? null, deps.clock ?? systemClock);
    if (closed !== record) {
      await store.writeRecord(closed);
      record = closed;
      rt.logger.warn(`andon: run ${serial} closed by the post step: ${record.stages.filter((s) => s.reason.includes(ENDED)).map((s) => s.id).join(", ") || "no stage"} did not finish`);
    }
    if (settings.upload === false || !(rt.env.ACTIONS_RUNTIME_TOKEN && rt.env.ACTIONS_RESULTS_URL)) {
      rt.logger.info(`andon: record of ${serial} kept locally at ${store.runDir(serial)} (no upload)`);
      return 0;
    }
    const up = { service: deps.artifacts, retentionDays: settings.retentionDays ?? null, deadlineMs: settings.deadlineMs ?? 12e4, logger: rt.logger };
    const missing = await missingStageArtifacts(record, up);
    const mine = settings.stages ? (missing ?? []).filter((id) => settings.stages.includes(id)) : missing ?? [];
    if (mine.length > 0) await uploadStageFolders(store, record, mine, up);
    const r = await uploadPiece(store, await pieceOf(store, record, settings.stages ?? null, readGitHubContext(rt.env)), up);
    rt.logger.info(r.kind === "uploaded" ? `andon: record piece uploaded as ${r.name}` : `andon: record piece ${r.name}: ${r.reason}`);
  } catch (e) {
    rt.logger.warn(`andon: post step could not close the run: ${errorMessage(e)}`);
  }
  return 0;
}

// src/github/post-step.ts
function runPostStep() {
  exitWith(postAction({ runtime: runnerRuntime(), artifacts: new ActionsArtifactService() }));
}
export {
  runPostStep
};
