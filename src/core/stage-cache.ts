// The stage-result cache: passed stage results keyed by stage id + inputs digest (a local folder; @actions/cache on GitHub),
// and beside them each stage's tool cache folder, which its tools keep between runs for their own reuse.
import { cp, mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { StageRecord, writeFileAtomic } from './run-record.js';

export const CachedStageEntry = z.object({
  schema: z.literal('andon.stage-cache/v1'),
  serial: z.string(),
  stage: StageRecord,
});

export interface CachedStage {
  /** The run that produced the result. */
  serial: string;
  stage: StageRecord;
  /** A folder holding the stage's artifacts as they were. */
  dir: string;
}

export interface StageCache {
  /** Where the cache keeps its entries on this machine, when it does: never an input of a stage. */
  readonly root?: string;
  get(stageId: string, digest: string): Promise<CachedStage | null>;
  put(serial: string, stage: StageRecord, dir: string): Promise<void>;
  /**
   * The folder a stage's tools keep between runs (e.g. ESLint's per-file results), restored first where the cache
   * lives elsewhere; null when there is none. What is in it may make a tool faster, never change its result.
   */
  toolDir?(stageId: string): Promise<string | null>;
  /** Keeps what the stage's tools left in their folder for later runs. */
  keepToolDir?(stageId: string, dir: string): Promise<void>;
}

/** A stage id names a folder of the cache: nothing else may. */
export function stageIdFolder(stageId: string): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(stageId)) throw new Error(`not a stage id: ${stageId}`);
  return stageId;
}

function digestHex(digest: string): string {
  const hex = digest.replace(/^sha256:/, '');
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`not a sha256 digest: ${digest}`);
  return hex;
}

export class FsStageCache implements StageCache {
  constructor(readonly root: string) {}

  private entryDir(stageId: string, digest: string): string {
    return path.join(this.root, 'stages', stageId, digestHex(digest));
  }

  async get(stageId: string, digest: string): Promise<CachedStage | null> {
    const dir = this.entryDir(stageId, digest);
    try {
      const entry = CachedStageEntry.parse(JSON.parse(await readFile(path.join(dir, 'entry.json'), 'utf8')));
      if (entry.stage.inputsDigest !== digest || entry.stage.id !== stageId) return null;
      return { serial: entry.serial, stage: entry.stage, dir: path.join(dir, 'files') };
    } catch {
      return null;
    }
  }

  async put(serial: string, stage: StageRecord, dir: string): Promise<void> {
    if (!stage.inputsDigest) return;
    const target = this.entryDir(stage.id, stage.inputsDigest);
    await rm(target, { recursive: true, force: true });
    await mkdir(target, { recursive: true });
    await cp(dir, path.join(target, 'files'), { recursive: true });
    await writeFileAtomic(path.join(target, 'entry.json'), JSON.stringify({ schema: 'andon.stage-cache/v1', serial, stage }));
  }

  /** Locally the folder simply stays where it is between runs. */
  async toolDir(stageId: string): Promise<string> {
    const dir = path.join(this.root, 'tools', stageIdFolder(stageId));
    await mkdir(dir, { recursive: true });
    return dir;
  }
}
