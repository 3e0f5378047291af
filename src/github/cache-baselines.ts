// Baselines through @actions/cache: each push run leaves its stages' baseline.json; a PR reads its base branch's newest one.
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { BaselineRef, BaselineSource } from '../core/baseline-source.js';
import type { Logger } from '../core/logger.js';
import type { RunRecord } from '../core/run-record.js';
import { describeRefusal } from '../core/guarded-read.js';
import { hasArtifact, readStageFile, STAGE_FILES, stageFile } from '../core/stage-folder.js';
import type { Store } from '../core/store.js';
import type { CacheService } from './cache-service.js';
import { baselineCacheKey, baselineCachePrefix } from './constants.js';
import { readDownloadedJson } from './downloaded-file.js';

const META = 'baseline-meta.json';

/** The note saved beside a cached baseline: which run left it, at which commit. */
const BaselineMeta = z.object({ serial: z.string().optional(), sha: z.string().nullable().optional() });
type BaselineMeta = z.infer<typeof BaselineMeta>;

function dirOf(root: string, stageId: string): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(stageId)) throw new Error(`not a stage id: ${stageId}`);
  return path.join(root, 'baselines', stageId);
}

/** The base branch's newest baseline of a stage in the cache (the cache scope lets a PR read its base branch). */
export function cacheBaselines(root: string, branch: string, cache: CacheService): BaselineSource {
  return {
    async load(stageId): Promise<BaselineRef | null> {
      const dir = dirOf(root, stageId);
      await rm(dir, { recursive: true, force: true });
      const prefix = baselineCachePrefix(branch, stageId);
      const hit = await cache.restore(dir, `${prefix}latest`, [prefix]);
      if (!hit) return null;
      // A restored tar can hold links, FIFOs and devices: both files are read as plain files of the folder or not at all.
      // A baseline without a readable note still compares; it only describes itself less well.
      const note = readDownloadedJson(dir, META, BaselineMeta);
      const meta: BaselineMeta = note.ok ? note.value : {};
      return {
        origin: 'cache',
        ...(meta.serial ? { serial: meta.serial } : {}),
        description: `run ${meta.serial ?? hit} on ${branch}${meta.sha ? ` (${meta.sha.slice(0, 7)})` : ''}, from the Actions cache`,
        read: async (name) => {
          if (name !== STAGE_FILES.baseline) return null;
          const got = readStageFile(dir, 'baseline');
          if (got.kind === 'missing') return null;
          // Refused is not "no baseline": the stage is told why, so it cannot judge new against nothing.
          if (got.kind !== 'ok') throw new Error(`the cached ${STAGE_FILES.baseline} ${describeRefusal(got)}`);
          return got.bytes;
        },
      };
    },
  };
}

/** Keeps each finished stage's baseline.json for later pull requests against `branch`; returns the stage ids saved. */
export async function saveBaselines(root: string, branch: string, store: Store, record: RunRecord, cache: CacheService, logger: Logger): Promise<string[]> {
  const saved: string[] = [];
  for (const st of record.stages) {
    if (st.state !== 'passed' && st.state !== 'failed') continue;
    if (!hasArtifact(st, 'baseline')) continue;
    const dir = dirOf(root, st.id);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await cp(stageFile(store.stageDir(record.serial, st.id), 'baseline'), stageFile(dir, 'baseline'));
    await writeFile(path.join(dir, META), JSON.stringify({ serial: record.serial, sha: record.source.sha, stage: st.id }));
    if (await cache.save(dir, baselineCacheKey(branch, st.id, record.serial))) saved.push(st.id);
  }
  if (saved.length > 0) logger.info(`baselines of ${saved.join(', ')} kept in the cache for pull requests against ${branch}`);
  return saved;
}
