// Baseline sources of the embedded store: a committed baseline file, or the base branch's last run.
import path from 'node:path';
import type { BaselineRef, BaselineSource } from './baseline-source.js';
import { describeRefusal, readGuarded } from './guarded-read.js';
import { hasArtifact, readStageFile, STAGE_FILES } from './stage-folder.js';
import type { SourceFacts } from './source.js';
import type { Store } from './store.js';

/** Far more than any committed baseline needs; a bigger one is refused, and the stage says so. */
const MAX_BASELINE_BYTES = 256 * 1024 * 1024;

export function baselineFilePath(workspace: string, stageId: string): string {
  return path.join(workspace, '.andon', 'baselines', `${stageId}.json`);
}

/** `.andon/baselines/<stage-id>.json`, written by `andon baseline update` and committed. */
export function committedBaselines(workspace: string): BaselineSource {
  return {
    async load(stageId) {
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

/**
 * The last finished run on the base branch (or at the base commit) in the store whose stage left a baseline.
 * `lineage` leaves out the run itself and, on a resume, its ancestors, and `before` keeps only runs older
 * than the lineage's root: a resumed run compares with what its first run compared with, never with itself.
 */
export function storeBaselines(store: Store, source: SourceFacts, lineage: ReadonlySet<string>, before?: string): BaselineSource {
  let runs: ReturnType<Store['listRuns']> | undefined;
  return {
    async load(stageId): Promise<BaselineRef | null> {
      if (!source.baseRef && !source.baseSha) return null;
      runs ??= store.listRuns();
      for (const run of await runs) {
        if (lineage.has(run.serial) || run.verdict === 'running') continue;
        if (before !== undefined && run.createdAt >= before) continue;
        const onBase = (source.baseRef && run.source.ref === source.baseRef) || (source.baseSha && run.source.sha === source.baseSha);
        if (!onBase) continue;
        const stage = run.stages.find((s) => s.id === stageId);
        if (!stage || !hasArtifact(stage, 'baseline')) continue;
        const dir = store.stageDir(run.serial, stageId);
        return {
          origin: 'store',
          serial: run.serial,
          description: `run ${run.serial} on ${run.source.ref ?? 'base'} (${(run.source.sha ?? '').slice(0, 7)})`,
          read: async (name) => {
            const file = (Object.keys(STAGE_FILES) as (keyof typeof STAGE_FILES)[]).find((k) => STAGE_FILES[k] === name);
            if (!file) return null;
            const got = readStageFile(dir, file);
            return got.kind === 'ok' ? got.bytes : null;
          },
        };
      }
      return null;
    },
  };
}
