// `andon runs`: the recorded runs, newest first.
import { hostname } from 'node:os';
import { isInterrupted } from '../../core/finalize.js';
import { stopOf } from '../../core/line-machine.js';
import { runsLine } from '../../report/run-text.js';
import { processIsAlive } from '../../this-process.js';
import type { CliIo } from '../io.js';
import { openStore } from '../workspace.js';

export interface RunsArgs {
  json: boolean;
  config?: string;
  store?: string;
  limit: number;
}

export async function runsCommand(args: RunsArgs, io: CliIo): Promise<number> {
  const store = await openStore(io.cwd, args.config, args.store, io.env);
  const runs = (await store.listRuns()).slice(0, args.limit);
  if (args.json) {
    io.out(
      JSON.stringify(
        runs.map((r) => ({
          serial: r.serial,
          verdict: isInterrupted(r, processIsAlive, hostname()) ? 'interrupted' : r.verdict,
          createdAt: r.createdAt,
          finishedAt: r.finishedAt,
          parent: r.parent,
          sha: r.source.sha,
          ref: r.source.ref,
          stages: r.stages.map((s) => ({ id: s.id, state: s.state })),
        })),
        null,
        2,
      ) + '\n',
    );
    return 0;
  }
  if (runs.length === 0) {
    io.out(`no runs in ${store.root}\n`);
    return 0;
  }
  const s = io.style;
  for (const r of runs) {
    const stop = stopOf(r.stages);
    io.out(`${runsLine(r, stop?.id, isInterrupted(r, processIsAlive, hostname()), s)}\n`);
  }
  return 0;
}
