// `andon runs`: the recorded runs, newest first.
import { hostname } from 'node:os';
import { isInterrupted, processIsAlive } from '../../core/finalize.js';
import { formatDuration } from '../format.js';
import type { CliIo } from '../io.js';
import { openStore } from '../workspace.js';

export interface RunsArgs {
  json: boolean;
  config?: string;
  store?: string;
  limit: number;
}

export async function runsCommand(args: RunsArgs, io: CliIo): Promise<number> {
  const store = await openStore(io.cwd, args.config, args.store);
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
    const interrupted = isInterrupted(r, processIsAlive, hostname());
    const v = interrupted ? 'interrupted' : r.verdict;
    const colour = v === 'passed' ? s.green : v === 'running' ? s.cyan : s.red;
    const took = r.finishedAt ? formatDuration(Date.parse(r.finishedAt) - Date.parse(r.createdAt)) : '';
    const stop = r.stages.find((x) => x.state === 'failed' || x.state === 'errored');
    const parent = r.parent ? s.dim(` ← ${r.parent.serial}@${r.parent.fromStage}`) : '';
    io.out(`${r.serial}  ${colour(v.padEnd(11))} ${(r.source.sha ?? '').slice(0, 7).padEnd(7)} ${took.padEnd(6)} ${stop ? `stopped at ${stop.id}` : ''}${parent}\n`);
  }
  return 0;
}
