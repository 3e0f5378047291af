// Factory metrics: first-pass yield per commit, stops, reuse and the time it saved, percentiles, flaky rate,
// time back to green per branch, periods; and `andon metrics` over a real store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunRecord, StageRecord } from '../../../src/core/run-record.js';
import { computeMetrics } from '../../../src/report/metrics.js';
import { sparkline, trendMarkdown } from '../../../src/report/metrics-text.js';
import { runCli } from '../../helpers/cli.js';
import { writeSyntheticRun } from '../../helpers/report-fixture.js';

const T0 = Date.parse('2026-11-02T09:00:00.000Z'); // a Monday

function st(id: string, state: StageRecord['state'], durationMs: number | null, extra: Partial<StageRecord> = {}): StageRecord {
  return { id, uses: id === 'unit' ? 'regression' : 'command', blocking: true, state, reason: '', startedAt: null, finishedAt: null, durationMs, inputsDigest: null, reusedFrom: null, counts: {}, artifacts: [], tools: {}, ...extra };
}

function run(serial: string, minutes: number, verdict: RunRecord['verdict'], sha: string, stages: StageRecord[], o: { ref?: string; took?: number; dirty?: boolean } = {}): RunRecord {
  const created = T0 + minutes * 60_000;
  return {
    schema: 'andon.run/v1',
    serial,
    parent: null,
    createdAt: new Date(created).toISOString(),
    finishedAt: verdict === 'running' ? null : new Date(created + (o.took ?? 60_000)).toISOString(),
    verdict,
    nonBlockingFailures: [],
    source: { repo: 'o/r', sha, ref: o.ref ?? 'main', baseSha: null, pr: null, dirty: o.dirty ?? false },
    host: { kind: 'local', runId: null, runAttempt: null, workflow: null, job: null, url: null },
    config: { path: 'andon.yml', digest: 'sha256:x' },
    tool: { name: 'andon', version: '0.1.0', node: 'v20' },
    stages,
    transitions: [],
  };
}

// Commit A fails at unit, is resumed (build reused) and passes; commit B passes at once; a run still in progress.
const runs = [
  run('20261102T090000000Z-000001', 0, 'failed', 'A', [st('build', 'passed', 10_000), st('unit', 'failed', 30_000, { counts: { tests: 100, flaky: 2 } }), st('package', 'skipped', null)]),
  run('20261102T091000000Z-000002', 10, 'passed', 'A', [
    st('build', 'reused', 0, { reusedFrom: '20261102T090000000Z-000001' }),
    st('unit', 'passed', 20_000, { counts: { tests: 100, flaky: 0 } }),
    st('package', 'passed', 1_000),
  ]),
  run('20261110T090000000Z-000003', 8 * 24 * 60, 'passed', 'B', [st('build', 'passed', 12_000), st('unit', 'passed', 40_000, { counts: { tests: 100, flaky: 2 } }), st('package', 'passed', 3_000)], { took: 120_000 }),
  run('20261110T100000000Z-000004', 8 * 24 * 60 + 60, 'running', 'C', [st('build', 'running', null)]),
];

describe('computeMetrics', () => {
  const m = computeMetrics(runs, { source: 'test' });
  const stage = (id: string) => m.stages.find((s) => s.stage === id)!;

  it('counts per stage: runs, first-pass yield per commit, stops, reuse and what reuse saved', () => {
    expect(m.runs).toBe(3);
    expect(m.skipped).toEqual([{ serial: '20261110T100000000Z-000004', why: 'still running (or interrupted)' }]);
    expect(m.stages.map((s) => s.stage)).toEqual(['build', 'unit', 'package']);
    expect(stage('unit')).toMatchObject({ runs: 3, executed: 3, passed: 2, failed: 1, firstPassYield: 0.5, stops: 1, reuseRate: 0 });
    expect(stage('build')).toMatchObject({ runs: 3, executed: 2, reused: 1, firstPassYield: 1, stops: 0, timeSavedMs: 10_000 });
    expect(stage('build').reuseRate).toBeCloseTo(1 / 3);
    expect(stage('package')).toMatchObject({ runs: 2, skipped: 1, firstPassYield: 1 });
  });

  it('durations as nearest-rank percentiles, flaky tests per test, and time back to green per branch', () => {
    expect(stage('unit')).toMatchObject({ p50Ms: 30_000, p95Ms: 40_000, recoveries: 1 });
    expect(stage('unit').flakyRate).toBeCloseTo(4 / 300);
    // Failed run 1 finished at +1 min, the passing run 2 at +11 min.
    expect(stage('unit').meanTimeToGreenMs).toBe(10 * 60_000);
    expect(m.line).toMatchObject({ runs: 3, passed: 2, failed: 1, firstPassYield: 0.5, p50Ms: 60_000, p95Ms: 120_000, timeSavedMs: 10_000, meanTimeToGreenMs: 10 * 60_000, stops: { unit: 1 } });
    expect(stage('build').flakyRate).toBeNull();
  });

  it('a failure on another branch does not count as recovered by a pass on main', () => {
    const other = computeMetrics(
      [run('20261102T090000000Z-000001', 0, 'failed', 'X', [st('unit', 'failed', 1)], { ref: 'feature' }), run('20261102T091000000Z-000002', 10, 'passed', 'Y', [st('unit', 'passed', 1)])],
      { source: 'test' },
    );
    expect(other.line.recoveries).toBe(0);
    expect(other.line.meanTimeToGreenMs).toBeNull();
  });

  it('groups by day or by week (Mondays), and keeps the newest N runs with --last', () => {
    expect(m.period).toBe('day');
    expect(m.series.map((p) => [p.start, p.runs])).toEqual([
      ['2026-11-02', 2],
      ['2026-11-10', 1],
    ]);
    const weeks = computeMetrics(runs, { source: 'test', period: 'week' });
    expect(weeks.series.map((p) => p.start)).toEqual(['2026-11-02', '2026-11-09']);
    expect(weeks.series[0]!.stages.unit).toMatchObject({ runs: 2, stops: 1, firstPassYield: 0 });
    const last = computeMetrics(runs, { source: 'test', last: 1 });
    expect(last.runs).toBe(1);
    expect(last.from).toBe(runs[2]!.createdAt);
  });

  it('renders a one-line trend per stage for the job summary', () => {
    expect(sparkline([1, null, 2, 3])).toBe('▁ ▅█');
    const md = trendMarkdown(m);
    expect(md.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(3);
    expect(md).toContain('- unit: p50 30.0 s ▁█ (▲ 100% on the previous day) · first-pass yield 50% · stopped the line 1×');
  });
});

describe('andon metrics', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'andon-metrics-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reads the store, leaves out records it cannot read and says so', async () => {
    await writeSyntheticRun(root, { serial: '20261120T100000000Z-aaaaaa', createdAt: '2026-11-20T10:00:00.000Z' });
    await writeSyntheticRun(root, { serial: '20261121T100000000Z-bbbbbb', createdAt: '2026-11-21T10:00:00.000Z', states: { lint: 'passed' } });
    await writeSyntheticRun(root, { serial: '20261122T100000000Z-cccccc', createdAt: '2026-11-22T10:00:00.000Z' });
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(root, '20261122T100000000Z-cccccc', 'run.json'), '{"schema":"andon.run/v7"}');
    const json = await runCli(['metrics', '--json', '--store', root], root);
    expect(json.code).toBe(0);
    const m = JSON.parse(json.stdout) as ReturnType<typeof computeMetrics>;
    expect(m.runs).toBe(2);
    expect(m.skipped).toHaveLength(1);
    expect(m.skipped[0]!.why).toContain('andon.run/v7');
    expect(m.stages.find((s) => s.stage === 'lint')).toMatchObject({ stops: 1, firstPassYield: 0 });
    const text = await runCli(['metrics', '--store', root], root);
    expect(text.stdout).toMatch(/^2 runs in /);
    expect(text.stdout).toContain('1 run(s) left out');
    expect(text.stdout).toMatch(/\nlint +2 +0% +1 /);
  });
});
