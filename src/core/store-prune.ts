// Pruning the run store and the local stage cache: which runs go (beyond the newest N, or older than an age), never
// one a kept run's lineage needs (its parents, transitively) nor one still running; which stage-cache entries no
// kept run produced or used, or none used within the age. Planned first (a dry run prints the plan), then removed.
import { lstatSync, readdirSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from './errors.js';
import { readGuarded } from './guarded-read.js';
import type { RunRecord } from './run-record.js';
import { CachedStageEntry } from './stage-cache.js';
import type { Store } from './store.js';

/** What may go: beyond the newest `keep` runs, created more than `olderThanMs` ago; with both, only what both let go. */
export interface PruneRule {
  keep?: number;
  olderThanMs?: number;
}

export interface PrunedRun {
  serial: string;
  verdict: string;
  createdAt: string;
  bytes: number;
}

export interface PrunedCacheEntry {
  stageId: string;
  digest: string;
  /** The run that produced it, when its entry.json could be read. */
  serial: string | null;
  /** The newest time a run of the store produced or reused it (or it was written). */
  lastUsed: string | null;
  bytes: number;
}

export interface PrunePlan {
  runs: PrunedRun[];
  cache: PrunedCacheEntry[];
  /** Runs kept, by why: the rule keeps them, a kept run's lineage needs them, or they are still running. */
  kept: { byRule: number; lineage: number; running: number };
  /** Folders of the store whose record cannot be read: left alone, with why. */
  leftAlone: { serial: string; why: string }[];
  bytes: number;
}

/** Entries of the cache folder younger than this are never removed: a run may be writing them right now. */
const FRESH_MS = 60 * 60 * 1000;
const MAX_ENTRY_BYTES = 16 * 1024 * 1024;

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** An age such as `30d`, `12h`, `90m` or `2w`, in milliseconds. */
export function parseAge(text: string): number {
  const m = /^(\d+)\s*([smhdw])$/.exec(text.trim());
  if (!m || Number(m[1]) === 0) throw new UserError(`--older takes an age such as 30d, 12h, 90m or 2w, not "${text}"`);
  return Number(m[1]) * UNITS[m[2]!]!;
}

/** Bytes of the files under a path, links counted as themselves (never followed). */
function sizeOf(p: string): number {
  let st;
  try {
    st = lstatSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.size;
  let total = 0;
  for (const name of readdirSync(p)) total += sizeOf(path.join(p, name));
  return total;
}

const useKey = (stageId: string, digest: string): string => `${stageId}\0${digest}`;

/** A stage-cache folder (`<cache>/stages/<stage-id>/<digest hex>/`) as found on disk. */
interface CacheEntryDir {
  stageId: string;
  digest: string;
  dir: string;
  serial: string | null;
  writtenAt: number;
}

function cacheEntries(cacheRoot: string): CacheEntryDir[] {
  const stagesDir = path.join(cacheRoot, 'stages');
  const out: CacheEntryDir[] = [];
  const dirs = (p: string): string[] => {
    try {
      return readdirSync(p, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    } catch {
      return [];
    }
  };
  for (const stageId of dirs(stagesDir)) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(stageId)) continue;
    for (const hex of dirs(path.join(stagesDir, stageId))) {
      if (!/^[0-9a-f]{64}$/.test(hex)) continue;
      const dir = path.join(stagesDir, stageId, hex);
      const file = path.join(dir, 'entry.json');
      let serial: string | null = null;
      const read = readGuarded(file, { maxBytes: MAX_ENTRY_BYTES, links: 'refuse', within: dir });
      if (read.kind === 'ok') {
        try {
          serial = CachedStageEntry.parse(JSON.parse(read.bytes.toString('utf8'))).serial;
        } catch {
          serial = null;
        }
      }
      let writtenAt = 0;
      try {
        writtenAt = (read.kind === 'ok' ? statSync(file) : statSync(dir)).mtimeMs;
      } catch {
        writtenAt = 0;
      }
      out.push({ stageId, digest: `sha256:${hex}`, dir, serial, writtenAt });
    }
  }
  return out;
}

export interface PruneOptions {
  store: Store;
  /** The local stage cache folder; null prunes runs only. */
  cacheRoot: string | null;
  rule: PruneRule;
  now: Date;
  /** Whether a record that says `running` is still being written (its process alive). */
  isRunning: (record: RunRecord) => boolean;
}

/** What pruning would remove, and why the rest stays. */
export async function planPrune(o: PruneOptions): Promise<PrunePlan> {
  const { keep, olderThanMs } = o.rule;
  if (keep === undefined && olderThanMs === undefined) throw new UserError('andon runs prune needs --keep N or --older AGE (e.g. --keep 20, --older 30d)');
  const leftAlone: PrunePlan['leftAlone'] = [];
  const runs = await o.store.listRuns((serial, why) => leftAlone.push({ serial, why }));
  const cutoff = olderThanMs === undefined ? null : o.now.getTime() - olderThanMs;
  const mayGo = (r: RunRecord, i: number): boolean => {
    const beyondNewest = keep === undefined || i >= keep;
    const old = cutoff === null || Date.parse(r.createdAt) < cutoff;
    return beyondNewest && old;
  };
  const bySerial = new Map(runs.map((r) => [r.serial, r]));
  const kept = new Set<string>();
  const why = { byRule: 0, lineage: 0, running: 0 };
  runs.forEach((r, i) => {
    if (!mayGo(r, i)) {
      kept.add(r.serial);
      why.byRule++;
    } else if (o.isRunning(r)) {
      kept.add(r.serial);
      why.running++;
    }
  });
  // A kept run's parents stay, transitively: resuming it, or tracing it, needs them.
  for (const serial of [...kept]) {
    let parent = bySerial.get(serial)?.parent?.serial;
    while (parent && !kept.has(parent)) {
      kept.add(parent);
      why.lineage++;
      parent = bySerial.get(parent)?.parent?.serial;
    }
  }
  const gone: PrunedRun[] = runs
    .filter((r) => !kept.has(r.serial))
    .map((r) => ({ serial: r.serial, verdict: r.verdict, createdAt: r.createdAt, bytes: sizeOf(o.store.runDir(r.serial)) }));

  const cache: PrunedCacheEntry[] = [];
  if (o.cacheRoot) {
    // Which entries the kept runs produced or reused, and when any run of the store last did.
    const keptUses = new Set<string>();
    const lastUse = new Map<string, number>();
    for (const r of runs) {
      const at = Date.parse(r.createdAt);
      for (const st of r.stages) {
        if (!st.inputsDigest) continue;
        const k = useKey(st.id, st.inputsDigest);
        if (kept.has(r.serial)) keptUses.add(k);
        if (!(lastUse.get(k)! >= at)) lastUse.set(k, at);
      }
    }
    for (const e of cacheEntries(o.cacheRoot)) {
      if (o.now.getTime() - e.writtenAt < FRESH_MS) continue;
      const k = useKey(e.stageId, e.digest);
      const used = Math.max(e.writtenAt, lastUse.get(k) ?? 0);
      const unneeded = keep === undefined || !(keptUses.has(k) || (e.serial !== null && kept.has(e.serial)));
      const unused = cutoff === null || used < cutoff;
      if (!(unneeded && unused)) continue;
      cache.push({ stageId: e.stageId, digest: e.digest, serial: e.serial, lastUsed: used > 0 ? new Date(used).toISOString() : null, bytes: sizeOf(e.dir) });
    }
  }
  const bytes = gone.reduce((n, r) => n + r.bytes, 0) + cache.reduce((n, c) => n + c.bytes, 0);
  return { runs: gone, cache, kept: why, leftAlone, bytes };
}

/** Removes what a plan names; returns what could not be removed, with why. */
export async function applyPrune(store: Store, cacheRoot: string | null, plan: PrunePlan): Promise<string[]> {
  const failed: string[] = [];
  for (const r of plan.runs) {
    await rm(store.runDir(r.serial), { recursive: true, force: true }).catch((e: unknown) => failed.push(`${r.serial}: ${(e as Error).message}`));
  }
  if (cacheRoot) {
    for (const c of plan.cache) {
      const dir = path.join(cacheRoot, 'stages', c.stageId, c.digest.replace(/^sha256:/, ''));
      await rm(dir, { recursive: true, force: true }).catch((e: unknown) => failed.push(`cache ${c.stageId}: ${(e as Error).message}`));
    }
  }
  return failed;
}
