// `andon baseline update [--from serial]`: copies each stage's baseline.json of a run into .andon/baselines/ to commit.
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { BASELINE_ARTIFACT, baselineFilePath } from '../../core/baselines.js';
import { UserError } from '../../core/errors.js';
import type { CliIo } from '../io.js';
import { openWorkspace } from '../workspace.js';

export interface BaselineArgs {
  from?: string;
  config?: string;
  stages?: string[];
}

export async function baselineUpdateCommand(args: BaselineArgs, io: CliIo): Promise<number> {
  const ws = await openWorkspace(io.cwd, args.config);
  const record = args.from ? await ws.store.loadRecord(args.from) : (await ws.store.listRuns()).find((r) => r.verdict !== 'running');
  if (!record) throw new UserError('no finished run in the store to take a baseline from; run `andon run` first');
  const problems = await ws.store.verify(record);
  const tampered = new Set(problems.filter((p) => p.problem !== 'unrecorded').map((p) => p.path));
  let written = 0;
  for (const stage of record.stages) {
    if (args.stages && !args.stages.includes(stage.id)) continue;
    const artifact = `${stage.id}/${BASELINE_ARTIFACT}`;
    if (!stage.artifacts.some((a) => a.path === artifact)) continue;
    if (tampered.has(artifact)) throw new UserError(`${artifact} of run ${record.serial} does not match its recorded sha256; not trusted`);
    const target = baselineFilePath(ws.root, stage.id);
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(path.join(ws.store.runDir(record.serial), artifact), target);
    io.out(`${path.relative(ws.root, target)} ← ${stage.id} of run ${record.serial}\n`);
    written++;
  }
  if (written === 0) throw new UserError(`run ${record.serial} has no stage that writes a baseline (regression, static-analysis, templates do)`);
  io.err(`${written} baseline file(s) written; commit them so every run compares with them\n`);
  return 0;
}
