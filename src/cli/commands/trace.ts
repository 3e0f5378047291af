// `andon trace <serial>`: the lineage back to the root run, and for each stage where its result came from.
import type { RunRecord } from '../../core/run-record.js';
import type { Store } from '../../core/store.js';
import { stateLabel } from '../format.js';
import type { CliIo } from '../io.js';
import { openStore } from '../workspace.js';

export interface TraceArgs {
  serial: string;
  json: boolean;
  config?: string;
  store?: string;
}

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
    } catch {
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

export async function traceCommand(args: TraceArgs, io: CliIo): Promise<number> {
  const store = await openStore(io.cwd, args.config, args.store);
  const trace = await buildTrace(store, args.serial);
  if (args.json) {
    io.out(JSON.stringify(trace, null, 2) + '\n');
    return 0;
  }
  const s = io.style;
  const out: string[] = [s.bold(`lineage of ${args.serial}`)];
  trace.lineage.forEach((l, i) => {
    const arrow = i === 0 ? '●' : '↑';
    const detail = l.missing ? s.yellow('not in this store') : `${l.verdict}  ${(l.sha ?? '').slice(0, 7)}  ${l.createdAt ?? ''}`;
    out.push(`  ${arrow} ${l.serial}  ${detail}${l.fromStage ? s.dim(`  (resumed its parent from ${l.fromStage})`) : ''}`);
  });
  out.push('', s.bold('where each stage result comes from'));
  const head = (await store.loadRecord(args.serial)).stages;
  for (const st of trace.stages) {
    const rec = head.find((h) => h.id === st.id)!;
    const origin = st.producedBy === args.serial ? 'this run' : `run ${st.producedBy}${st.via.length > 1 ? s.dim(` via ${st.via.slice(0, -1).join(' → ')}`) : ''}`;
    out.push(`  ${st.id.padEnd(18)} ${stateLabel(rec.state, s)}  ${origin}${rec.inputsDigest ? s.dim(`  inputs ${rec.inputsDigest.slice(0, 19)}`) : ''}`);
  }
  io.out(out.join('\n') + '\n');
  return 0;
}
