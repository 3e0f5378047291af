import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  ActionsArtifactService,
  missingStageArtifacts,
  uploadRecord,
  uploadStageFolders
} from "./chunk-V35WDWXE.js";
import {
  exitWith,
  runnerRuntime
} from "./chunk-RULR5KOT.js";
import {
  State
} from "./chunk-QXRBFGU3.js";
import {
  finalizeRecord
} from "./chunk-O3ABPYYY.js";
import {
  systemClock
} from "./chunk-ZMTWOZYI.js";
import {
  FsStore,
  verdictOf
} from "./chunk-M6DQOKU2.js";
import {
  errorMessage
} from "./chunk-5C57FHY2.js";
import "./chunk-TZYN2FJC.js";

// src/github/post-action.ts
var ENDED = "the job ended before it finished (a step failed, timed out or was cancelled)";
function closeRecord(record, stages, clock) {
  if (record.verdict !== "running") return record;
  if (!stages) return finalizeRecord(record, ENDED, clock);
  const mineOpen = record.stages.some((s) => stages.includes(s.id) && (s.state === "running" || s.state === "pending"));
  if (!mineOpen) return record;
  const closed = finalizeRecord(record, ENDED, clock);
  const out = JSON.parse(JSON.stringify(record));
  out.stages = record.stages.map((s) => stages.includes(s.id) ? closed.stages.find((c) => c.id === s.id) : s);
  const changed = new Set(stages);
  out.transitions = [...record.transitions, ...closed.transitions.slice(record.transitions.length).filter((t) => changed.has(t.stage))];
  const ran = out.stages.filter((s) => s.state !== "pending");
  const v = verdictOf(ran);
  out.verdict = v === "passed" && ran.length < out.stages.length ? "running" : v;
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
    const settings = JSON.parse(rt.state(State.settings) || "{}");
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
    const r = await uploadRecord(store, record, up);
    rt.logger.info(r.kind === "uploaded" ? `andon: record uploaded as ${r.name}` : `andon: record ${r.name}: ${r.reason}`);
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
