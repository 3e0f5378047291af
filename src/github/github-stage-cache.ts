// The stage-result cache over @actions/cache: passed stage results keyed by stage id and inputs digest.
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../core/logger.js';
import { CachedStageEntry, type CachedStage, type StageCache } from '../core/stage-cache.js';
import type { StageRecord } from '../core/run-record.js';
import type { CacheService } from './cache-service.js';
import { stageCacheKey } from './constants.js';

const ENTRY = 'entry.json';

/**
 * `root` must be the same path in every run (the cache version hashes the paths): use RUNNER_TEMP, which is
 * fixed per runner image. Each stage has its own folder there so restores never mix.
 */
export class GitHubStageCache implements StageCache {
  constructor(
    readonly root: string,
    private readonly cache: CacheService,
    private readonly logger: Logger,
  ) {}

  private dir(stageId: string): string {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(stageId)) throw new Error(`not a stage id: ${stageId}`);
    return path.join(this.root, 'stages', stageId);
  }

  async get(stageId: string, digest: string): Promise<CachedStage | null> {
    const dir = this.dir(stageId);
    await rm(dir, { recursive: true, force: true });
    const key = stageCacheKey(stageId, digest);
    const hit = await this.cache.restore(dir, key, []);
    if (hit !== key) return null;
    try {
      const entry = CachedStageEntry.parse(JSON.parse(await readFile(path.join(dir, ENTRY), 'utf8')));
      if (entry.stage.id !== stageId || entry.stage.inputsDigest !== digest) {
        this.logger.warn(`stage cache entry ${key} holds ${entry.stage.id} ${entry.stage.inputsDigest ?? ''}: ignored`);
        return null;
      }
      this.logger.info(`stage ${stageId}: passed result of ${entry.serial} found in the cache (${key})`);
      return { serial: entry.serial, stage: entry.stage, dir: path.join(dir, 'files') };
    } catch (e) {
      this.logger.warn(`stage cache entry ${key} is unreadable: ${(e as Error).message.split('\n')[0]}`);
      return null;
    }
  }

  async put(serial: string, stage: StageRecord, dir: string): Promise<void> {
    if (!stage.inputsDigest || stage.state !== 'passed') return;
    const staging = this.dir(stage.id);
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging, { recursive: true });
    await cp(dir, path.join(staging, 'files'), { recursive: true });
    await writeFile(path.join(staging, ENTRY), JSON.stringify({ schema: 'andon.stage-cache/v1', serial, stage }));
    const key = stageCacheKey(stage.id, stage.inputsDigest);
    const saved = await this.cache.save(staging, key);
    this.logger.info(saved ? `stage ${stage.id}: result kept in the cache as ${key}` : `stage ${stage.id}: not kept in the cache (${key} exists or the cache is unavailable)`);
  }
}
