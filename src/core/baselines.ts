// Baseline sources of the embedded store: a committed baseline file, or a recorded run of the base commit.
import path from 'node:path';
import type { BaselineRef, BaselineSource } from './baseline-source.js';
import { describeRefusal, readGuarded } from './guarded-read.js';
import type { RunRecord, StageRecord } from './run-record.js';
import { artifactPath, describeStageRead, hasArtifact, readRecordedStageFile, STAGE_FILES } from './stage-folder.js';
import type { Store } from './store.js';

/** Far more than any committed baseline needs; a bigger one is refused, and the stage says so. */
const MAX_BASELINE_BYTES = 256 * 1024 * 1024;

export function baselineFilePath(workspace: string, stageId: string): string {
  return path.join(workspace, '.andon', 'baselines', `${stageId}.json`);
}

/**
 * `.andon/baselines/<stage-id>.json`, written by `andon baseline update` and committed: a reviewed decision
 * that these findings are known, which shows in the change that makes it.
 */
export function committedBaselines(workspace: string): BaselineSource {
  return {
    async load({ stageId }) {
      const file = baselineFilePath(workspace, stageId);
      // A file of the checkout: through the guarded reader (a link to /dev/zero or a FIFO there is no baseline).
      // A refused file is not "no baseline": the stage is told why, so it cannot judge new against nothing.
      const read = readGuarded(file, { maxBytes: MAX_BASELINE_BYTES, within: workspace });
      if (read.kind === 'missing') return null;
      const description = path.relative(workspace, file);
      return {
        origin: 'file',
        description,
        read: async (name) => {
          if (name !== STAGE_FILES.baseline) return null;
          if (read.kind !== 'ok') throw new Error(`${description} ${describeRefusal(read)}`);
          return read.bytes;
        },
      };
    },
  };
}

/** A stage of a recorded run that describes the base commit: finished, of the same kind, with a baseline. */
function baseStage(run: RunRecord, stageId: string, uses: string): StageRecord | undefined {
  const stage = run.stages.find((s) => s.id === stageId && s.uses === uses);
  if (!stage || !['passed', 'failed', 'reused'].includes(stage.state)) return undefined;
  return hasArtifact(stage, 'baseline') ? stage : undefined;
}

/**
 * The newest finished run in the store of exactly the base commit (clean, same config file) whose stage left a
 * baseline. The base is an ancestor of the commit under test, never that commit: a failed run of this commit can
 * never make its own failures known, so running the line again gives the same verdict. `lineage` (the run itself
 * and, on a resume, its ancestors) is never a baseline either.
 */
export function storeBaselines(store: Store, configPath: string, lineage: ReadonlySet<string>): BaselineSource {
  let runs: ReturnType<Store['listRuns']> | undefined;
  return {
    async load({ stageId, uses, baseSha }): Promise<BaselineRef | null> {
      if (!baseSha) return null;
      runs ??= store.listRuns();
      for (const run of await runs) {
        if (lineage.has(run.serial) || run.verdict === 'running') continue;
        if (run.source.sha !== baseSha || run.source.dirty || run.config.path !== configPath) continue;
        const stage = baseStage(run, stageId, uses);
        if (!stage) continue;
        const dir = store.stageDir(run.serial, stageId);
        const description = `run ${run.serial} of the base ${baseSha.slice(0, 7)}${run.source.ref ? ` on ${run.source.ref}` : ''}`;
        return {
          origin: 'store',
          serial: run.serial,
          description,
          read: async (name) => {
            if (name !== STAGE_FILES.baseline) return null;
            // Only the bytes the run recorded: an edited baseline would let the findings it lists through as known.
            const got = readRecordedStageFile(dir, stage, 'baseline');
            if (got.kind === 'missing') return null;
            if (got.kind !== 'ok') throw new Error(`${artifactPath(stageId, 'baseline')} of ${description} ${describeStageRead(got)}`);
            return got.bytes;
          },
        };
      }
      return null;
    },
  };
}
