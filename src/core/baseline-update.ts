// Copies each stage's baseline.json of a run into .andon/baselines/<stage-id>.json, the committed baseline.
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { baselineFilePath } from './baselines.js';
import { UserError } from './errors.js';
import { artifactPath, hasArtifact } from './stage-folder.js';
import type { Store } from './store.js';

export interface WrittenBaseline {
  stage: string;
  /** Relative to the workspace. */
  file: string;
}

/** Takes the given run, or the newest finished one; refuses artifacts that no longer match their hashes. */
export async function baselineUpdate(store: Store, workspace: string, serial?: string, stages?: readonly string[]): Promise<WrittenBaseline[]> {
  const record = serial ? await store.loadRecord(serial) : (await store.listRuns()).find((r) => r.verdict !== 'running');
  if (!record) throw new UserError('no finished run in the store to take a baseline from; run `andon run` first');
  const problems = await store.verify(record);
  const tampered = new Set(problems.filter((p) => p.problem !== 'unrecorded').map((p) => p.path));
  const written: WrittenBaseline[] = [];
  for (const stage of record.stages) {
    if (stages && !stages.includes(stage.id)) continue;
    if (!hasArtifact(stage, 'baseline')) continue;
    const artifact = artifactPath(stage.id, 'baseline');
    if (tampered.has(artifact)) throw new UserError(`${artifact} of run ${record.serial} does not match its recorded sha256; not trusted`);
    const target = baselineFilePath(workspace, stage.id);
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(path.join(store.runDir(record.serial), artifact), target);
    written.push({ stage: stage.id, file: path.relative(workspace, target) });
  }
  if (written.length === 0) {
    throw new UserError(`run ${record.serial} has no stage that writes a baseline (regression, static-analysis and templates do)`);
  }
  return written;
}
