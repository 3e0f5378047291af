// The stage-result cache over @actions/cache: passed stage results keyed by stage id and inputs digest, and each
// stage's tool cache folder, restored by prefix (newest first) and saved under the digest of what it holds.
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../core/logger.js';
import { CachedStageEntry, stageIdFolder, type CachedStage, type StageCache } from '../core/stage-cache.js';
import type { StageRecord } from '../core/run-record.js';
import type { CacheService } from './cache-service.js';
import { readDownloadedJson } from './downloaded-file.js';
import { stageCacheKey, toolCachePrefix } from './constants.js';

const ENTRY = 'entry.json';

/**
 * `root` must be the same path in every run (the cache version hashes the paths): use RUNNER_TEMP, which is
 * fixed per runner image. Each stage has its own folder there so restores never mix.
 */
export class GitHubStageCache implements StageCache {
  /** The key each tool folder was restored from: a folder left as it came is not saved again. */
  private readonly restoredTools = new Map<string, string | null>();

  constructor(
    readonly root: string,
    private readonly cache: CacheService,
    private readonly logger: Logger,
  ) {}

  private dir(stageId: string): string {
    return path.join(this.root, 'stages', stageIdFolder(stageId));
  }

  async get(stageId: string, digest: string): Promise<CachedStage | null> {
    const dir = this.dir(stageId);
    await rm(dir, { recursive: true, force: true });
    const key = stageCacheKey(stageId, digest);
    const hit = await this.cache.restore(dir, key, []);
    if (hit !== key) return null;
    // A restored tar can hold links, FIFOs and devices: the entry is read as a plain file of the folder or not at all.
    const read = readDownloadedJson(dir, ENTRY, CachedStageEntry);
    if (!read.ok) {
      this.logger.warn(`stage cache entry ${key} is unreadable: ${read.why.split('\n')[0]}`);
      return null;
    }
    const entry = read.value;
    if (entry.stage.id !== stageId || entry.stage.inputsDigest !== digest) {
      this.logger.warn(`stage cache entry ${key} holds ${entry.stage.id} ${entry.stage.inputsDigest ?? ''}: ignored`);
      return null;
    }
    this.logger.info(`stage ${stageId}: passed result of ${entry.serial} found in the cache (${key})`);
    return { serial: entry.serial, stage: entry.stage, dir: path.join(dir, 'files') };
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

  async toolDir(stageId: string): Promise<string> {
    const dir = path.join(this.root, 'tools', stageIdFolder(stageId));
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    const prefix = toolCachePrefix(stageId);
    const hit = await this.cache.restore(dir, prefix, [prefix]);
    this.restoredTools.set(stageId, hit);
    if (hit) {
      // A restored tar can hold links, FIFOs and devices: only plain files and folders are left for the tools to read.
      const odd = await removeOddEntries(dir);
      this.logger.info(`stage ${stageId}: tool cache restored from ${hit}${odd > 0 ? ` (${odd} entr${odd === 1 ? 'y' : 'ies'} that were not plain files removed)` : ''}`);
    }
    return dir;
  }

  async keepToolDir(stageId: string, dir: string): Promise<void> {
    const digest = await folderDigest(dir);
    if (digest === null) return;
    const key = `${toolCachePrefix(stageId)}${digest}`;
    if (this.restoredTools.get(stageId) === key) return;
    const saved = await this.cache.save(dir, key);
    if (saved) this.logger.info(`stage ${stageId}: tool cache kept as ${key}`);
  }
}

/** Removes every entry below `dir` that is neither a plain file nor a folder; returns how many. */
async function removeOddEntries(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const odd = entries.filter((e) => !e.isFile() && !e.isDirectory());
  for (const e of odd) await rm(path.join(e.parentPath, e.name), { force: true });
  return odd.length;
}

/** The digest of a folder's files (names and bytes): the key under which its content is saved; null when it is empty. */
async function folderDigest(dir: string): Promise<string | null> {
  const h = createHash('sha256');
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)).sort();
  if (files.length === 0) return null;
  for (const f of files) h.update(`${path.relative(dir, f)}\0`).update(await readFile(f)).update('\0');
  return h.digest('hex').slice(0, 32);
}
