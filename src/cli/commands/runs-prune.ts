// `andon runs prune --keep N | --older AGE [--dry-run] [--json]`, and the pruning `store.keep` asks of every `andon run`.
import { hostname } from 'node:os';
import path from 'node:path';
import { errorMessage } from '../../core/errors.js';
import { isInterrupted } from '../../core/finalize.js';
import { formatBytes } from '../../core/guarded-read.js';
import type { RunRecord } from '../../core/run-record.js';
import { applyPrune, parseAge, planPrune, type PrunePlan, type PruneRule } from '../../core/store-prune.js';
import { FsStore } from '../../core/store.js';
import { processIsAlive } from '../../this-process.js';
import type { CliIo } from '../io.js';
import { openWorkspace, type Workspace } from '../workspace.js';

export interface PruneArgs {
  keep?: number;
  older?: string;
  dryRun: boolean;
  json: boolean;
  config?: string;
  store?: string;
}

/** A record that says `running` and whose process is still there; an interrupted one is pruned like a finished one. */
function stillRunning(r: RunRecord): boolean {
  return r.verdict === 'running' && !isInterrupted(r, processIsAlive, hostname());
}

function cacheRootOf(ws: Workspace): string | null {
  return ws.config.cache.enabled ? path.resolve(ws.root, ws.config.cache.path) : null;
}

/** Plans and (unless a dry run) removes; the plan and what failed. */
async function prune(store: FsStore, cacheRoot: string | null, rule: PruneRule, dryRun: boolean): Promise<{ plan: PrunePlan; failed: string[] }> {
  const plan = await planPrune({ store, cacheRoot, rule, now: new Date(), isRunning: stillRunning });
  const failed = dryRun ? [] : await applyPrune(store, cacheRoot, plan);
  return { plan, failed };
}

export async function runsPruneCommand(args: PruneArgs, io: CliIo): Promise<number> {
  const rule: PruneRule = { ...(args.keep !== undefined ? { keep: args.keep } : {}), ...(args.older !== undefined ? { olderThanMs: parseAge(args.older) } : {}) };
  let store: FsStore;
  let cacheRoot: string | null = null;
  try {
    const ws = await openWorkspace(io.cwd, args.config, io.env);
    store = args.store ? new FsStore(path.resolve(io.cwd, args.store)) : ws.store;
    cacheRoot = args.store ? null : cacheRootOf(ws);
  } catch (e) {
    // A store named on the command line can be pruned without a valid config (its cache is then left as it is).
    if (!args.store) throw e;
    store = new FsStore(path.resolve(io.cwd, args.store));
  }
  const { plan, failed } = await prune(store, cacheRoot, rule, args.dryRun);
  if (args.json) {
    io.out(`${JSON.stringify({ dryRun: args.dryRun, store: store.root, cacheRoot, ...plan, failed }, null, 2)}\n`);
    return failed.length > 0 ? 1 : 0;
  }
  const verb = args.dryRun ? 'would remove' : 'removed';
  for (const r of plan.runs) io.out(`${verb} run ${r.serial}  ${r.verdict}  ${r.createdAt}  ${formatBytes(r.bytes)}\n`);
  for (const c of plan.cache) io.out(`${verb} cache ${c.stageId}/${c.digest.slice(7, 19)}  ${c.serial ? `from ${c.serial}` : 'unreadable entry'}  ${c.lastUsed ? `last used ${c.lastUsed}` : ''}  ${formatBytes(c.bytes)}\n`);
  for (const f of failed) io.err(`${io.style.red('not removed:')} ${f}\n`);
  for (const l of plan.leftAlone) io.err(`${io.style.yellow('left alone:')} ${l.serial}: ${l.why}\n`);
  io.err(`${summary(plan, args.dryRun)}\n`);
  return failed.length > 0 ? 1 : 0;
}

function summary(plan: PrunePlan, dryRun: boolean): string {
  const k = plan.kept;
  const why = [`${k.byRule} by the rule`, ...(k.lineage ? [`${k.lineage} for the lineage of kept runs`] : []), ...(k.running ? [`${k.running} still running`] : [])];
  return `${plan.runs.length} run(s) and ${plan.cache.length} cache entr${plan.cache.length === 1 ? 'y' : 'ies'} ${dryRun ? 'would be removed' : 'removed'}, ${formatBytes(plan.bytes)} ${dryRun ? 'to free' : 'freed'}; ${k.byRule + k.lineage + k.running} run(s) kept (${why.join(', ')})`;
}

/** `store.keep`: after a run, the store is pruned to the newest N runs; a failure to prune is a warning, never the run's verdict. */
export async function pruneAfterRun(ws: Workspace, io: CliIo, quiet: boolean): Promise<void> {
  const keep = ws.config.store.keep;
  if (keep === undefined) return;
  try {
    const { plan, failed } = await prune(ws.store, cacheRootOf(ws), { keep }, false);
    for (const f of failed) io.err(`${io.style.yellow('warning:')} store.keep: not removed: ${f}\n`);
    if (!quiet && (plan.runs.length > 0 || plan.cache.length > 0)) io.err(`${io.style.dim(`store.keep ${keep}: ${summary(plan, false)}`)}\n`);
  } catch (e) {
    io.err(`${io.style.yellow('warning:')} store.keep: the store was not pruned: ${errorMessage(e)}\n`);
  }
}
