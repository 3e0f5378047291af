// `andon report <serial> [--out file]`: one self-contained HTML page of a run, with the factory metrics of its store.
import { stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { UserError } from '../../core/errors.js';
import { isInterrupted } from '../../core/finalize.js';
import { processIsAlive } from '../../this-process.js';
import { REPORT_FILE, writeRunReport } from '../../report/html/run-report.js';
import { computeMetrics } from '../../report/metrics.js';
import { loadRuns } from '../../report/run-data.js';
import type { CliIo } from '../io.js';
import { openStore } from '../workspace.js';

export interface ReportArgs {
  serial: string;
  out?: string;
  config?: string;
  store?: string;
  /** Factory metrics over the newest N runs only. */
  last?: number;
}

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

export async function reportCommand(args: ReportArgs, io: CliIo): Promise<number> {
  const store = await openStore(io.cwd, args.config, args.store);
  const runDir = store.runDir(args.serial);
  const runs = await loadRuns(store);
  if (runs.runs.length === 0 && !(await store.hasRun(args.serial))) {
    throw new UserError(`no run ${args.serial} in ${store.root}: that store holds no runs yet (\`andon run\` records one; --store names another)`);
  }
  let file = args.out ? path.resolve(io.cwd, args.out) : path.join(runDir, REPORT_FILE);
  if (args.out && (await isDirectory(file))) file = path.join(file, `andon-${args.serial}.html`);
  const factory = computeMetrics(runs.runs, { source: store.root, skipped: runs.skipped, ...(args.last ? { last: args.last } : {}) });
  const size = await writeRunReport({ store, serial: args.serial, factory, now: new Date(), isInterrupted: (r) => isInterrupted(r, processIsAlive, hostname()) }, file);
  io.out(`${file}\n`);
  io.err(io.style.dim(`report of ${args.serial}: ${(size / 1024).toFixed(0)} KiB, opens offline (file://)\n`));
  return 0;
}
