// Requirement → tests → their state in this run, read from the regression stages' tests files (andon.tests/v1), and the coverage gate.
import path from 'node:path';
import { errorMessage } from '../../core/errors.js';
import type { StageView } from '../../core/stage-kind.js';
import { readTests, TESTS_FILE, type TestRow } from '../../core/tests-contract.js';
import type { DraftFinding, Requirement } from './model.js';

/** A test's state for coverage: its merged outcome, or flaky (it failed, then passed on a rerun). */
export type TestState = Exclude<TestRow['outcome'], 'absent'> | 'flaky';

export interface TracedTest {
  stage: string;
  id: string;
  name: string;
  state: TestState;
  traceTo: string[];
}

export function isRegression(view: StageView, ids: readonly string[] | undefined): boolean {
  return ids ? ids.includes(view.id) : view.uses === 'regression';
}

export interface TestsRead {
  tests: TracedTest[];
  stages: string[];
  problems: string[];
}

/**
 * Streams each regression stage's tests file; only tests that trace to something are kept (the others cannot cover a
 * requirement), so a suite of a million tests costs the matrix nothing but the read.
 */
export async function readRegressionTests(views: readonly StageView[]): Promise<TestsRead> {
  const out: TestsRead = { tests: [], stages: [], problems: [] };
  for (const v of views) {
    const kept: TracedTest[] = [];
    try {
      await readTests(
        path.join(v.dir, TESTS_FILE),
        (t) => {
          // In the baseline only (removed): it did not run here; a test tracing nowhere covers nothing.
          if (t.outcome === 'absent' || t.traceTo.length === 0) return;
          kept.push({ stage: v.id, id: t.id, name: t.name || t.id, state: t.class === 'flaky' ? 'flaky' : t.outcome, traceTo: t.traceTo });
        },
        `${v.id}/${TESTS_FILE}`,
      );
    } catch (e) {
      out.problems.push(`stage ${v.id}: ${errorMessage(e)}`);
      continue;
    }
    out.stages.push(v.id);
    for (const t of kept) out.tests.push(t);
  }
  return out;
}

export type Coverage = 'covered' | 'uncovered' | 'failing';

export interface MatrixRow {
  id: string;
  title: string;
  spec: string;
  format: string;
  path: string;
  line: number;
  normative: boolean;
  status: Coverage;
  tests: { stage: string; id: string; name: string; state: TestState }[];
}

export interface Matrix {
  rows: MatrixRow[];
  unknown: { test: string; stage: string; traceTo: string }[];
  counts: { covered: number; uncovered: number; failing: number };
}

export function buildMatrix(requirements: readonly Requirement[], tests: readonly TracedTest[]): Matrix {
  const byId = new Map<string, number>();
  const byAlias = new Map<string, number[]>();
  requirements.forEach((r, i) => {
    if (!byId.has(r.id)) byId.set(r.id, i);
    for (const a of r.aliases) {
      const l = byAlias.get(a);
      if (l) l.push(i);
      else byAlias.set(a, [i]);
    }
  });
  const rows: MatrixRow[] = requirements.map((r) => ({
    id: r.id,
    title: r.title,
    spec: r.spec,
    format: r.format,
    path: r.place.path,
    line: r.place.line,
    normative: r.normative,
    status: 'uncovered',
    tests: [],
  }));
  const unknown: Matrix['unknown'] = [];
  for (const t of tests) {
    for (const ref of new Set(t.traceTo)) {
      let i = byId.get(ref);
      if (i === undefined) {
        const a = byAlias.get(ref);
        // An alias shared by several requirements (FR-001 of two features) is ambiguous: the full id is needed.
        if (a && a.length === 1) i = a[0];
      }
      if (i === undefined) {
        unknown.push({ test: t.id, stage: t.stage, traceTo: ref });
        continue;
      }
      rows[i]!.tests.push({ stage: t.stage, id: t.id, name: t.name, state: t.state });
    }
  }
  const counts = { covered: 0, uncovered: 0, failing: 0 };
  for (const row of rows) {
    if (row.tests.some((t) => t.state === 'failed' || t.state === 'errored')) row.status = 'failing';
    else if (row.tests.some((t) => t.state === 'passed' || t.state === 'flaky')) row.status = 'covered';
    else row.status = 'uncovered';
    counts[row.status]++;
  }
  return { rows, unknown, counts };
}

export function coverageFindings(matrix: Matrix, requireCoverage: 'must' | 'all' | 'none'): DraftFinding[] {
  const out: DraftFinding[] = [];
  for (const u of matrix.unknown) {
    out.push({ ruleId: 'spec/unknown-trace', message: `test ${u.test} (stage ${u.stage}) traces to ${u.traceTo}, which no spec defines (or which is ambiguous without its feature)`, traceTo: [u.traceTo] });
  }
  if (requireCoverage === 'none') return out;
  for (const row of matrix.rows) {
    if (requireCoverage === 'must' && !row.normative) continue;
    const place = { path: row.path, line: row.line };
    if (row.status === 'uncovered') {
      out.push({ ruleId: 'spec/uncovered', message: `${row.id} (${row.title}) has no ${row.tests.length > 0 ? 'passing or failing' : ''} test tracing to it`.replace('no  test', 'no test'), place, traceTo: [row.id] });
    } else if (row.status === 'failing') {
      const failed = row.tests.filter((t) => t.state === 'failed' || t.state === 'errored').map((t) => t.id);
      out.push({ ruleId: 'spec/failing', message: `${row.id} (${row.title}) has failing tests in this run: ${failed.slice(0, 5).join(', ')}${failed.length > 5 ? ` and ${failed.length - 5} more` : ''}`, place, traceTo: [row.id] });
    }
  }
  return out;
}
