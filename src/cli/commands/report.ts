// `andon report <serial> [--out file]`: one self-contained HTML page of a run, with the factory metrics of its store.
import { stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { UserError } from '../../core/errors.js';
import { isInterrupted, processIsAlive } from '../../core/finalize.js';
import { writeFileAtomic } from '../../core/run-record.js';
import type { Store } from '../../core/store.js';
import { buildReportData } from '../../report/html/build-report.js';
import { pageAssets } from '../../report/html/page-assets.js';
import { renderReportHtml } from '../../report/html/write-html.js';
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

export const REPORT_FILE = 'report.html';

/** Writes the report of `serial` from `store` to `file`; returns the page's size in bytes. */
export async function writeRunReport(store: Store, serial: string, file: string, last?: number): Promise<number> {
  const runs = await loadRuns(store);
  const factory = computeMetrics(runs.runs, { source: store.root, skipped: runs.skipped, ...(last ? { last } : {}) });
  const [data, assets] = await Promise.all([
    buildReportData({ store, serial, factory, now: new Date(), isInterrupted: (r) => isInterrupted(r, processIsAlive, hostname()) }),
    pageAssets(),
  ]);
  const html = renderReportHtml(data, assets);
  await writeFileAtomic(file, html);
  return Buffer.byteLength(html);
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
  if (!(await store.hasRun(args.serial)) && (await store.listRuns()).length === 0) {
    throw new UserError(`no run ${args.serial} in ${store.root}: that store holds no runs yet (\`andon run\` records one; --store names another)`);
  }
  let file = args.out ? path.resolve(io.cwd, args.out) : path.join(runDir, REPORT_FILE);
  if (args.out && (await isDirectory(file))) file = path.join(file, `andon-${args.serial}.html`);
  const size = await writeRunReport(store, args.serial, file, args.last);
  io.out(`${file}\n`);
  io.err(io.style.dim(`report of ${args.serial}: ${(size / 1024).toFixed(0)} KiB, opens offline (file://)\n`));
  return 0;
}
