// A run's lineage: its ancestors back to the root run, and for each stage the run whose execution produced its result.
import type { RunRecord } from './run-record.js';
import type { Store } from './store.js';

export interface StageOrigin {
  id: string;
  state: string;
  /** The run whose execution produced this result. */
  producedBy: string;
  /** The runs the result passed through, newest first. */
  via: string[];
}

export interface Trace {
  serial: string;
  /** This run and its ancestors, newest first; `missing` when an ancestor is not in the store. */
  lineage: { serial: string; verdict: string; sha: string | null; fromStage: string | null; createdAt: string | null; missing?: boolean }[];
  stages: StageOrigin[];
}

export async function buildTrace(store: Store, serial: string): Promise<Trace> {
  const lineage: Trace['lineage'] = [];
  const records = new Map<string, RunRecord>();
  let current: string | null = serial;
  const seen = new Set<string>();
  while (current && !seen.has(current)) {
    seen.add(current);
    let rec: RunRecord;
    try {
      rec = await store.loadRecord(current);
    } catch (e) {
      // The run asked for must be there (its error says why not); a missing ancestor is part of the answer.
      if (current === serial) throw e;
      lineage.push({ serial: current, verdict: 'unknown', sha: null, fromStage: null, createdAt: null, missing: true });
      break;
    }
    records.set(current, rec);
    lineage.push({ serial: rec.serial, verdict: rec.verdict, sha: rec.source.sha, fromStage: rec.parent?.fromStage ?? null, createdAt: rec.createdAt });
    current = rec.parent?.serial ?? null;
  }
  const head = records.get(serial)!;
  const stages = head.stages.map((s) => {
    const via: string[] = [];
    let producedBy = serial;
    if (s.state === 'reused' && s.reusedFrom) {
      producedBy = s.reusedFrom;
      for (const l of lineage.slice(1)) {
        via.push(l.serial);
        if (l.serial === s.reusedFrom) break;
      }
    }
    return { id: s.id, state: s.state, producedBy, via };
  });
  return { serial, lineage, stages };
}

/** The serials of a parent and its ancestors in the store, and when the first of them was made. */
export async function lineageOf(store: Store, parent: RunRecord | null): Promise<{ serials: string[]; rootCreatedAt?: string }> {
  const serials: string[] = [];
  let rec = parent;
  let root: RunRecord | null = null;
  while (rec && !serials.includes(rec.serial) && serials.length < 1000) {
    serials.push(rec.serial);
    root = rec;
    const up: string | undefined = rec.parent?.serial;
    rec = up ? await store.loadRecord(up).catch(() => null) : null;
  }
  return root ? { serials, rootCreatedAt: root.createdAt } : { serials };
}
