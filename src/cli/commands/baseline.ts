// `andon baseline update [--from serial]`: writes .andon/baselines/<stage>.json from a run, to commit, and says which run.
import { baselineUpdate } from '../../core/baseline-update.js';
import type { CliIo } from '../io.js';
import { openWorkspace } from '../workspace.js';

export interface BaselineArgs {
  from?: string;
  config?: string;
  stages?: string[];
}

export async function baselineUpdateCommand(args: BaselineArgs, io: CliIo): Promise<number> {
  const ws = await openWorkspace(io.cwd, args.config, io.env);
  const { run, written } = await baselineUpdate(ws.store, ws.root, { from: args.from, stages: args.stages, config: { path: ws.config.path, digest: ws.config.digest } }, io.env);
  const dirty = run.source.dirty ? '; its working tree had uncommitted changes' : '';
  io.err(`baseline from run ${run.serial} (${run.verdict}, ${run.createdAt}, ${run.config.path} on ${run.source.sha?.slice(0, 7) ?? 'no commit'}${dirty})\n`);
  for (const w of written) io.out(`${w.file} ← ${w.stage}\n`);
  io.err(`${written.length} baseline file(s) written; commit them so every run compares with them\n`);
  return 0;
}
