// Baseline sources of the embedded store: a committed baseline file, or the base branch's last run.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BaselineRef, BaselineSource } from './baseline-source.js';
import { readGuarded } from './guarded-read.js';
import type { SourceFacts } from './source.js';
import type { Store } from './store.js';

export const BASELINE_ARTIFACT = 'baseline.json';
/** A committed baseline bigger than this is not read (the stage then has no committed baseline). */
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
      const read = readGuarded(file, { maxBytes: MAX_BASELINE_BYTES, within: workspace });
      if (read.kind !== 'ok') return null;
      const data = read.bytes;
      return {
        origin: 'file',
        description: path.relative(workspace, file),
        read: async (name) => (name === BASELINE_ARTIFACT ? data : null),
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
        if (!stage || !stage.artifacts.some((a) => a.path === `${stageId}/${BASELINE_ARTIFACT}`)) continue;
        const dir = store.stageDir(run.serial, stageId);
        return {
          origin: 'store',
          serial: run.serial,
          description: `run ${run.serial} on ${run.source.ref ?? 'base'} (${(run.source.sha ?? '').slice(0, 7)})`,
          read: async (name) => {
            const p = path.resolve(dir, name);
            if (!p.startsWith(dir + path.sep)) return null;
            return readFile(p).catch(() => null);
          },
        };
      }
      return null;
    },
  };
}
