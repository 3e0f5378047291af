// Factory metrics over recorded runs: per stage and per line, first-pass yield, stops, reuse and the time it saved,
// duration percentiles, flaky-test rate and the mean time from a failed run back to a passed one; and the same by period.
import { stopOf, type StageState } from '../core/line-machine.js';
import type { RunRecord, StageRecord } from '../core/run-record.js';
import { compareSerials } from '../core/serial.js';

export const METRICS_SCHEMA = 'andon.metrics/v1';

export type Period = 'day' | 'week';

export interface StageMetrics {
  stage: string;
  uses: string;
  /** Runs in which the stage ran or was reused. */
  runs: number;
  /** Runs in which it ran: passed, failed or errored. */
  executed: number;
  passed: number;
  failed: number;
  errored: number;
  reused: number;
  skipped: number;
  cancelled: number;
  /** Share of commits whose first execution of the stage passed; null when it never ran. */
  firstPassYield: number | null;
  /** Runs whose line this stage stopped (the first blocking stage that failed or errored). */
  stops: number;
  /** reused / runs. */
  reuseRate: number | null;
  /** What the reused results took when they were made. */
  timeSavedMs: number;
  p50Ms: number | null;
  p95Ms: number | null;
  /** Flaky tests / tests, over the executions that counted tests; null for stages without tests. */
  flakyRate: number | null;
  /** Mean time from a run where the stage failed to the next run of the same branch where it passed. */
  meanTimeToGreenMs: number | null;
  recoveries: number;
}

export interface LineMetrics {
  runs: number;
  passed: number;
  failed: number;
  errored: number;
  cancelled: number;
  /** Share of commits whose first run passed. */
  firstPassYield: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  reuseRate: number | null;
  timeSavedMs: number;
  flakyRate: number | null;
  meanTimeToGreenMs: number | null;
  recoveries: number;
  /** Stage id → runs it stopped. */
  stops: Record<string, number>;
}

export interface PeriodMetrics extends LineMetrics {
  /** First day of the period (YYYY-MM-DD; Monday for weeks). */
  start: string;
  stages: Record<string, { runs: number; firstPassYield: number | null; stops: number; p50Ms: number | null; reuseRate: number | null }>;
}

export interface FactoryMetrics {
  schema: typeof METRICS_SCHEMA;
  /** The store folder or owner/name the runs came from. */
  source: string;
  runs: number;
  from: string | null;
  to: string | null;
  period: Period;
  line: LineMetrics;
  stages: StageMetrics[];
  series: PeriodMetrics[];
  /** Runs left out: still running, or a record that could not be read. */
  skipped: { serial: string; why: string }[];
}

export interface MetricsOptions {
  source: string;
  /** Only the newest N finished runs. */
  last?: number;
  /** Periods of the series; by default days when the runs span at most 60 days, else weeks. */
  period?: Period;
  skipped?: { serial: string; why: string }[];
}

const RAN: ReadonlySet<StageState> = new Set(['passed', 'failed', 'errored']);
const DAY = 86_400_000;

function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function ratio(a: number, b: number): number | null {
  return b > 0 ? a / b : null;
}

function mean(xs: readonly number[]): number | null {
  return xs.length > 0 ? xs.reduce((s, x) => s + x, 0) / xs.length : null;
}

/** Runs of one commit share a key; a run on a dirty tree is a state of its own. */
function commitKey(r: RunRecord): string {
  return r.source.sha && !r.source.dirty ? `${r.source.repo ?? ''}@${r.source.sha}` : `run:${r.serial}`;
}

function branchOf(r: RunRecord): string {
  return `${r.source.repo ?? ''}:${r.source.ref ?? '(no branch)'}`;
}

function runMs(r: RunRecord): number | null {
  if (!r.finishedAt) return null;
  const ms = Date.parse(r.finishedAt) - Date.parse(r.createdAt);
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}

function endOf(r: RunRecord): number {
  return Date.parse(r.finishedAt ?? r.createdAt);
}

/** The stage that stopped the line. */
function stopperOf(r: RunRecord): StageRecord | undefined {
  return stopOf(r.stages);
}

function periodStart(iso: string, period: Period): string {
  const t = Date.parse(iso);
  if (period === 'day') return new Date(t).toISOString().slice(0, 10);
  const d = new Date(t);
  const back = (d.getUTCDay() + 6) % 7; // days since Monday
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - back)).toISOString().slice(0, 10);
}

function numberCount(counts: Record<string, unknown>, key: string): number | null {
  const v = counts[key];
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null;
}

/** Mean time from the first failure of a streak to the next pass, per branch, over runs in time order. */
function timeToGreen(runs: readonly RunRecord[], state: (r: RunRecord) => 'pass' | 'fail' | null): number[] {
  const open = new Map<string, number>();
  const out: number[] = [];
  for (const r of runs) {
    const s = state(r);
    if (s === null) continue;
    const branch = branchOf(r);
    const since = open.get(branch);
    if (s === 'fail' && since === undefined) open.set(branch, endOf(r));
    else if (s === 'pass' && since !== undefined) {
      out.push(Math.max(0, endOf(r) - since));
      open.delete(branch);
    }
  }
  return out;
}

interface StageSample {
  run: RunRecord;
  stage: StageRecord;
}

/** Reused results are worth what they took when made: that run's duration if known, else the stage's median. */
function savedMs(s: StageSample, bySerial: ReadonlyMap<string, RunRecord>, medianMs: number | null): number {
  if (s.stage.state !== 'reused') return 0;
  const made = s.stage.reusedFrom ? bySerial.get(s.stage.reusedFrom)?.stages.find((x) => x.id === s.stage.id) : undefined;
  if (made && RAN.has(made.state) && made.durationMs !== null) return made.durationMs;
  return medianMs ?? 0;
}

function stageMetrics(id: string, samples: readonly StageSample[], bySerial: ReadonlyMap<string, RunRecord>): StageMetrics {
  const count = (st: StageState) => samples.filter((s) => s.stage.state === st).length;
  const executions = samples.filter((s) => RAN.has(s.stage.state));
  const durations = executions.map((s) => s.stage.durationMs).filter((d): d is number => d !== null).sort((a, b) => a - b);
  const p50 = percentile(durations, 50);
  const firsts = new Map<string, StageState>();
  for (const s of executions) if (!firsts.has(commitKey(s.run))) firsts.set(commitKey(s.run), s.stage.state);
  const reused = count('reused');
  const runs = executions.length + reused;
  const recover = timeToGreen(
    samples.map((s) => s.run),
    (r) => {
      const st = r.stages.find((x) => x.id === id)?.state;
      return st === 'failed' || st === 'errored' ? 'fail' : st === 'passed' || st === 'reused' ? 'pass' : null;
    },
  );
  return {
    stage: id,
    uses: samples.at(-1)?.stage.uses ?? '',
    runs,
    executed: executions.length,
    passed: count('passed'),
    failed: count('failed'),
    errored: count('errored'),
    reused,
    skipped: count('skipped'),
    cancelled: count('cancelled'),
    firstPassYield: ratio([...firsts.values()].filter((s) => s === 'passed').length, firsts.size),
    stops: samples.filter((s) => stopperOf(s.run)?.id === id).length,
    reuseRate: ratio(reused, runs),
    timeSavedMs: samples.reduce((sum, s) => sum + savedMs(s, bySerial, p50), 0),
    p50Ms: p50,
    p95Ms: percentile(durations, 95),
    flakyRate: flakyRate(executions.map((s) => s.stage)),
    meanTimeToGreenMs: mean(recover),
    recoveries: recover.length,
  };
}

function lineMetrics(runs: readonly RunRecord[], stages: readonly StageMetrics[]): LineMetrics {
  const verdict = (v: string) => runs.filter((r) => r.verdict === v).length;
  const firsts = new Map<string, string>();
  for (const r of runs) if (!firsts.has(commitKey(r))) firsts.set(commitKey(r), r.verdict);
  const durations = runs.map(runMs).filter((d): d is number => d !== null).sort((a, b) => a - b);
  const stops: Record<string, number> = {};
  for (const r of runs) {
    const s = stopperOf(r);
    if (s) stops[s.id] = (stops[s.id] ?? 0) + 1;
  }
  const reused = stages.reduce((n, s) => n + s.reused, 0);
  const took = stages.reduce((n, s) => n + s.runs, 0);
  const recover = timeToGreen(runs, (r) => (r.verdict === 'passed' ? 'pass' : r.verdict === 'failed' || r.verdict === 'errored' ? 'fail' : null));
  return {
    runs: runs.length,
    passed: verdict('passed'),
    failed: verdict('failed'),
    errored: verdict('errored'),
    cancelled: verdict('cancelled'),
    firstPassYield: ratio([...firsts.values()].filter((v) => v === 'passed').length, firsts.size),
    p50Ms: percentile(durations, 50),
    p95Ms: percentile(durations, 95),
    reuseRate: ratio(reused, took),
    timeSavedMs: stages.reduce((n, s) => n + s.timeSavedMs, 0),
    flakyRate: flakyRate(runs.flatMap((r) => r.stages)),
    meanTimeToGreenMs: mean(recover),
    recoveries: recover.length,
    stops,
  };
}

/** Flaky tests per test over the stages that ran and counted tests. */
function flakyRate(stages: readonly StageRecord[]): number | null {
  let tests = 0;
  let flaky = 0;
  for (const s of stages) {
    if (!RAN.has(s.state)) continue;
    const t = numberCount(s.counts, 'tests');
    if (t === null) continue;
    tests += t;
    flaky += numberCount(s.counts, 'flaky') ?? 0;
  }
  return tests > 0 ? flaky / tests : null;
}

function metricsOf(runs: readonly RunRecord[], bySerial: ReadonlyMap<string, RunRecord>): { line: LineMetrics; stages: StageMetrics[] } {
  const samples = new Map<string, StageSample[]>();
  for (const run of runs) {
    for (const stage of run.stages) {
      let list = samples.get(stage.id);
      if (!list) samples.set(stage.id, (list = []));
      list.push({ run, stage });
    }
  }
  const stages = [...samples].map(([id, list]) => stageMetrics(id, list, bySerial));
  return { line: lineMetrics(runs, stages), stages };
}

/** Metrics over finished runs (any order in; newest `last` kept); running and interrupted runs are left out. */
export function computeMetrics(records: readonly RunRecord[], o: MetricsOptions): FactoryMetrics {
  const skipped = [...(o.skipped ?? [])];
  const finished: RunRecord[] = [];
  for (const r of records) {
    if (r.verdict === 'running' || !Number.isFinite(Date.parse(r.createdAt))) skipped.push({ serial: r.serial, why: r.verdict === 'running' ? 'still running (or interrupted)' : 'no valid createdAt' });
    else finished.push(r);
  }
  const byTime = (a: RunRecord, b: RunRecord) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || compareSerials(a.serial, b.serial);
  let runs = finished.sort(byTime);
  if (o.last !== undefined && runs.length > o.last) runs = runs.slice(-o.last);
  const bySerial = new Map(records.map((r) => [r.serial, r]));
  const { line, stages } = metricsOf(runs, bySerial);
  // Stages in line order of the newest run, then any that only older runs had.
  const order = new Map((runs.at(-1)?.stages ?? []).map((s, i) => [s.id, i]));
  stages.sort((a, b) => (order.get(a.stage) ?? Infinity) - (order.get(b.stage) ?? Infinity) || a.stage.localeCompare(b.stage));
  const from = runs[0]?.createdAt ?? null;
  const to = runs.at(-1)?.createdAt ?? null;
  const span = from && to ? Date.parse(to) - Date.parse(from) : 0;
  const period: Period = o.period ?? (span <= 60 * DAY ? 'day' : 'week');
  const periods = new Map<string, RunRecord[]>();
  for (const r of runs) {
    const k = periodStart(r.createdAt, period);
    const list = periods.get(k);
    if (list) list.push(r);
    else periods.set(k, [r]);
  }
  const series: PeriodMetrics[] = [...periods].map(([start, list]) => {
    const m = metricsOf(list, bySerial);
    const perStage: PeriodMetrics['stages'] = {};
    for (const s of m.stages) perStage[s.stage] = { runs: s.runs, firstPassYield: s.firstPassYield, stops: s.stops, p50Ms: s.p50Ms, reuseRate: s.reuseRate };
    return { start, ...m.line, stages: perStage };
  });
  return { schema: METRICS_SCHEMA, source: o.source, runs: runs.length, from, to, period, line, stages, series, skipped };
}
