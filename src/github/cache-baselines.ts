// Baselines through @actions/cache: each trusted push run leaves its stages' baseline.json keyed by the commit it
// judged; a later run reads the one of its base commit (an ancestor, never itself). Judgements of stage kinds at a
// base commit are kept there too, so a pull request's next run does not judge its base again. A restored tar can
// hold links, FIFOs and devices: every file is read as a plain file of its folder or not at all.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { BaseJudgementCache } from '../core/base-baselines.js';
import type { BaselineRef, BaselineSource } from '../core/baseline-source.js';
import type { Logger } from '../core/logger.js';
import type { RunRecord } from '../core/run-record.js';
import { describeRefusal } from '../core/guarded-read.js';
import { artifactPath, describeStageRead, hasArtifact, readRecordedStageFile, readStageFile, readStageFolderFile, STAGE_FILES, stageFile } from '../core/stage-folder.js';
import type { Store } from '../core/store.js';
import type { CacheService } from './cache-service.js';
import { baseJudgementCacheKey, baselineCacheKey, baselineCachePrefix } from './constants.js';
import { readDownloadedJson } from './downloaded-file.js';

const META = 'baseline-meta.json';
const JUDGEMENT = 'judgement.json';

/** The note saved beside a cached baseline: which run left it, at which commit, for which kind of stage. */
const BaselineMeta = z.object({ serial: z.string(), sha: z.string(), uses: z.string(), ref: z.string().nullable().optional() });

function dirOf(root: string, what: string, id: string): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) throw new Error(`not an id: ${id}`);
  return path.join(root, what, id);
}

/** The baseline a run of the base commit left in the cache (the cache scope lets a pull request read its base branch's). */
export function cacheBaselines(root: string, cache: CacheService): BaselineSource {
  return {
    async load({ stageId, uses, baseSha }): Promise<BaselineRef | null> {
      if (!baseSha) return null;
      const dir = dirOf(root, 'baselines', stageId);
      await rm(dir, { recursive: true, force: true });
      const prefix = baselineCachePrefix(stageId, baseSha);
      const hit = await cache.restore(dir, `${prefix}latest`, [prefix]);
      if (!hit) return null;
      // Without its note nothing says which commit and kind it describes.
      const note = readDownloadedJson(dir, META, BaselineMeta);
      if (!note.ok) return null;
      const meta = note.value;
      if (meta.sha !== baseSha || meta.uses !== uses) return null;
      return {
        origin: 'cache',
        serial: meta.serial,
        description: `run ${meta.serial} of the base ${baseSha.slice(0, 7)}${meta.ref ? ` on ${meta.ref}` : ''}, from the Actions cache`,
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

/**
 * Keeps each finished stage's baseline.json under the commit it judged, for later runs whose base that commit is.
 * A failed stage's baseline describes its commit as well as a passed one's: it is what descendants compare with.
 */
export async function saveBaselines(root: string, store: Store, record: RunRecord, cache: CacheService, logger: Logger): Promise<string[]> {
  const saved: string[] = [];
  const sha = record.source.sha;
  if (!sha || record.source.dirty) return saved;
  for (const st of record.stages) {
    if (st.state !== 'passed' && st.state !== 'failed' && st.state !== 'reused') continue;
    if (!hasArtifact(st, 'baseline')) continue;
    // What later runs will compare with: only the bytes the run recorded (a later stage's code could have edited them).
    const got = readRecordedStageFile(store.stageDir(record.serial, st.id), st, 'baseline');
    if (got.kind !== 'ok') {
      logger.warn(`baseline of ${st.id} not kept in the cache: ${artifactPath(st.id, 'baseline')} ${describeStageRead(got)}`);
      continue;
    }
    const dir = dirOf(root, 'baselines', st.id);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await writeFile(stageFile(dir, 'baseline'), got.bytes);
    await writeFile(path.join(dir, META), JSON.stringify({ serial: record.serial, sha, uses: st.uses, ref: record.source.ref }));
    if (await cache.save(dir, baselineCacheKey(st.id, sha, record.serial))) saved.push(st.id);
  }
  if (saved.length > 0) logger.info(`baselines of ${saved.join(', ')} kept in the cache for runs whose base is ${sha.slice(0, 7)}`);
  return saved;
}

/** Judgements at base commits in the Actions cache, one entry per key. */
export function cacheBaseJudgements(root: string, cache: CacheService): BaseJudgementCache {
  const dirFor = (key: string) => dirOf(root, 'judgements', key);
  return {
    async get(key) {
      const dir = dirFor(key);
      await rm(dir, { recursive: true, force: true });
      if (!(await cache.restore(dir, baseJudgementCacheKey(key), []))) return null;
      const got = readStageFolderFile(dir, JUDGEMENT);
      return got.kind === 'ok' ? got.bytes : null;
    },
    async put(key, bytes) {
      const dir = dirFor(key);
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, JUDGEMENT), bytes);
      await cache.save(dir, baseJudgementCacheKey(key));
    },
  };
}
