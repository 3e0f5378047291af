// Requirement → tests → their state in this run, read from the regression stages' result.json, and the coverage gate.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { StageView } from '../../core/stage-kind.js';
import type { DraftFinding, Requirement } from './model.js';

/**
 * The part of the regression stage's result.json (src/stages/regression/result.ts) this stage reads: id, name,
 * outcome, class, traceTo. Kept loose on purpose: the regression stage owns its schema, and a test without traceTo
 * simply traces nowhere.
 */
export const RegressionTests = z.object({
  tests: z.array(
    z
      .object({
        id: z.string().optional(),
        name: z.string().optional(),
        class: z.string().optional(),
        classname: z.string().optional(),
        outcome: z.string().optional(),
        state: z.string().optional(),
        status: z.string().optional(),
        traceTo: z.array(z.string()).optional(),
      })
      .passthrough(),
  ),
});

export type TestState = 'passed' | 'failed' | 'errored' | 'skipped' | 'flaky' | 'absent' | 'unknown';

export interface TracedTest {
  stage: string;
  id: string;
  name: string;
  state: TestState;
  traceTo: string[];
}

export function normaliseState(raw: string | undefined): TestState {
  switch ((raw ?? '').toLowerCase()) {
    case 'passed': case 'pass': case 'ok': case 'success': case 'fixed': return 'passed';
    case 'failed': case 'fail': case 'failure': case 'regression': case 'broken': case 'new-failure': return 'failed';
    case 'error': case 'errored': return 'errored';
    case 'skipped': case 'skip': case 'pending': case 'ignored': case 'disabled': return 'skipped';
    case 'flaky': return 'flaky';
    case 'known-failure': return 'failed';
    case 'new-passing': return 'passed';
    case 'absent': case 'removed': return 'absent';
    default: return 'unknown';
  }
}

export function isRegression(view: StageView, ids: readonly string[] | undefined): boolean {
  return ids ? ids.includes(view.id) : view.uses === 'regression';
}

export interface TestsRead {
  tests: TracedTest[];
  stages: string[];
  problems: string[];
}

export async function readRegressionTests(views: readonly StageView[]): Promise<TestsRead> {
  const out: TestsRead = { tests: [], stages: [], problems: [] };
  for (const v of views) {
    const file = path.join(v.dir, 'result.json');
    let json: unknown;
    try {
      json = JSON.parse(await readFile(file, 'utf8'));
    } catch (e) {
      out.problems.push(`stage ${v.id}: cannot read ${file}: ${(e as Error).message}`);
      continue;
    }
    const parsed = RegressionTests.safeParse(json);
    if (!parsed.success) {
      out.problems.push(`stage ${v.id}: result.json has no readable tests list (${parsed.error.issues[0]?.message ?? 'invalid'})`);
      continue;
    }
    out.stages.push(v.id);
    parsed.data.tests.forEach((t, i) => {
      const name = t.name ?? t.id ?? `test #${i + 1}`;
      // The regression stage's merged outcome says what happened; its class only adds that it was flaky.
      const state = t.class === 'flaky' ? 'flaky' : normaliseState(t.outcome ?? t.state ?? t.status ?? t.class);
      if (state === 'absent') return; // in the baseline only: it did not run here
      out.tests.push({
        stage: v.id,
        id: t.id ?? (t.classname ? `${t.classname}.${name}` : name),
        name,
        state,
        traceTo: t.traceTo ?? [],
      });
    });
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
