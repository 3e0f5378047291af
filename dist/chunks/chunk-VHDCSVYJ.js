import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  STAGE_FILES,
  artifactPath,
  describeStageRead,
  hasArtifact,
  readRecordedStageFile
} from "./chunk-4PTP22Z7.js";
import {
  describeRefusal,
  readGuarded
} from "./chunk-QTHYIHUL.js";

// src/core/baselines.ts
import path from "node:path";
var MAX_BASELINE_BYTES = 256 * 1024 * 1024;
function baselineFilePath(workspace, stageId) {
  return path.join(workspace, ".andon", "baselines", `${stageId}.json`);
}
function committedBaselines(workspace) {
  return {
    async load({ stageId }) {
      const file = baselineFilePath(workspace, stageId);
      const read = readGuarded(file, { maxBytes: MAX_BASELINE_BYTES, within: workspace });
      if (read.kind === "missing") return null;
      const description = path.relative(workspace, file);
      return {
        origin: "file",
        description,
        read: async (name) => {
          if (name !== STAGE_FILES.baseline) return null;
          if (read.kind !== "ok") throw new Error(`${description} ${describeRefusal(read)}`);
          return read.bytes;
        }
      };
    }
  };
}
function baseStage(run, stageId, uses) {
  const stage = run.stages.find((s) => s.id === stageId && s.uses === uses);
  if (!stage || !["passed", "failed", "reused"].includes(stage.state)) return void 0;
  return hasArtifact(stage, "baseline") ? stage : void 0;
}
function storeBaselines(store, configPath, lineage) {
  let runs;
  return {
    async load({ stageId, uses, baseSha }) {
      if (!baseSha) return null;
      runs ??= store.listRuns();
      for (const run of await runs) {
        if (lineage.has(run.serial) || run.verdict === "running") continue;
        if (run.source.sha !== baseSha || run.source.dirty || run.config.path !== configPath) continue;
        const stage = baseStage(run, stageId, uses);
        if (!stage) continue;
        const dir = store.stageDir(run.serial, stageId);
        const description = `run ${run.serial} of the base ${baseSha.slice(0, 7)}${run.source.ref ? ` on ${run.source.ref}` : ""}`;
        return {
          origin: "store",
          serial: run.serial,
          description,
          read: async (name) => {
            if (name !== STAGE_FILES.baseline) return null;
            const got = readRecordedStageFile(dir, stage, "baseline");
            if (got.kind === "missing") return null;
            if (got.kind !== "ok") throw new Error(`${artifactPath(stageId, "baseline")} of ${description} ${describeStageRead(got)}`);
            return got.bytes;
          }
        };
      }
      return null;
    }
  };
}

export {
  baselineFilePath,
  committedBaselines,
  storeBaselines
};
