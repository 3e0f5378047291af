// `andon baseline update [--from serial]`: writes .andon/baselines/<stage>.json from a run, to commit.
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
  const written = await baselineUpdate(ws.store, ws.root, args.from, args.stages);
  for (const w of written) io.out(`${w.file} ← ${w.stage}\n`);
  io.err(`${written.length} baseline file(s) written; commit them so every run compares with them\n`);
  return 0;
}
