import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { makeTempDir } from '../../helpers/stage-context.js';
import { FindingBaselineFile } from '../../../src/core/finding-baseline.js';
import type { StageView } from '../../../src/core/stage-kind.js';
import { TESTS_FILE, TestsWriter, type TestRow } from '../../../src/core/tests-contract.js';
import { specStage } from '../../../src/stages/spec/index.js';
import { goodAndonSpec, runSpec, workspaceWith } from './helpers.js';

const spec = `${goodAndonSpec}
## REQ-3: Audit log

Sign-ins are recorded in the audit log.

- Given a sign-in
- Then an audit entry exists
`;

/** A regression stage's folder with a real tests file (andon.tests/v1), written by the contract's own writer. */
async function regressionView(id: string, tests: { id: string; outcome: TestRow['outcome']; cls: TestRow['class']; traceTo: string[] }[], state: StageView['state'] = 'passed'): Promise<StageView> {
  const dir = path.join(await makeTempDir('andon-reg-'), id);
  await mkdir(dir, { recursive: true });
  const w = new TestsWriter(path.join(dir, TESTS_FILE), id);
  for (const t of tests) w.write({ id: t.id, suite: 's', classname: 'c', name: t.id, outcome: t.outcome, class: t.cls, traceTo: t.traceTo, runs: 1, gating: false, reports: [] });
  await w.close();
  return { id, uses: 'regression', blocking: true, state, dir, counts: {} };
}

const readTrace = async (outDir: string) => JSON.parse(await readFile(path.join(outDir, 'traceability.json'), 'utf8'));

describe('spec stage: traceability', () => {
  it('uses a regression stage that ran earlier in the line: matrix in run(), coverage gate on MUST requirements', async () => {
    const ws = await workspaceWith({ 'specs/login.md': spec });
    const reg = await regressionView('unit', [
      { id: 'login works', outcome: 'passed', cls: 'passed', traceTo: ['REQ-1'] },
      { id: 'lockout', outcome: 'failed', cls: 'regression', traceTo: ['REQ-2'] },
      { id: 'stray', outcome: 'passed', cls: 'passed', traceTo: ['REQ-77'] },
    ]);
    const { ctx, outcome, findings } = await runSpec(ws, { requireCoverage: 'must' }, { earlier: [reg] });
    expect(outcome.counts).toMatchObject({ requirements: 3, covered: 1, failing: 1, uncovered: 1 });
    const trace = await readTrace(ctx.outDir);
    expect(trace.completedAtEndOfLine).toBe(false);
    expect(trace.sources).toEqual(['unit']);
    expect(trace.requirements.map((r: { id: string; status: string; tests: { state: string }[] }) => [r.id, r.status, r.tests.map((t) => t.state)])).toEqual([
      ['REQ-1', 'covered', ['passed']],
      ['REQ-2', 'failing', ['failed']],
      ['REQ-3', 'uncovered', []],
    ]);
    // REQ-3 has no MUST/SHALL: out of scope for `must`, so only REQ-2 fails the gate.
    expect(findings.filter((f) => f.ruleId === 'spec/failing').map((f) => f.traceTo)).toEqual([['REQ-2']]);
    expect(findings.some((f) => f.ruleId === 'spec/uncovered')).toBe(false);
    expect(findings.find((f) => f.ruleId === 'spec/unknown-trace')?.message).toContain('REQ-77');
    expect(outcome.state).toBe('failed');
  });

  it('requireCoverage all also gates requirements without MUST', async () => {
    const ws = await workspaceWith({ 'specs/login.md': spec });
    const reg = await regressionView('unit', [
      { id: 'a', outcome: 'passed', cls: 'passed', traceTo: ['REQ-1'] },
      { id: 'b', outcome: 'passed', cls: 'flaky', traceTo: ['REQ-2'] },
    ]);
    const { outcome, findings } = await runSpec(ws, { requireCoverage: 'all' }, { earlier: [reg] });
    expect(findings.filter((f) => f.ruleId === 'spec/uncovered').map((f) => f.traceTo)).toEqual([['REQ-3']]);
    expect(outcome.state).toBe('failed');
  });

  it('completes the matrix at the end of the line when the regression stage runs after it, and says so', async () => {
    const ws = await workspaceWith({ 'specs/login.md': spec });
    const { ctx, outcome } = await runSpec(ws, { requireCoverage: 'must' });
    expect(outcome.state).toBe('passed');
    expect(outcome.counts).toMatchObject({ covered: null, uncovered: null, failing: null });
    expect((outcome.result as { traceability: { pending: boolean } }).traceability.pending).toBe(true);
    expect((await readTrace(ctx.outDir)).pending).toBe(true);

    const reg = await regressionView('unit', [
      { id: 'login works', outcome: 'passed', cls: 'passed', traceTo: ['REQ-1'] },
      { id: 'lockout', outcome: 'passed', cls: 'passed', traceTo: ['REQ-2'] },
    ]);
    const me: StageView = { id: 'spec', uses: 'spec', blocking: true, state: 'passed', dir: ctx.outDir, counts: {} };
    const done = await specStage.complete!(ctx, [me, reg]);
    expect(done?.state).toBeUndefined(); // both MUST requirements pass
    expect(done?.counts).toMatchObject({ covered: 2, uncovered: 1, failing: 0 });
    expect(done?.result).toMatchObject({ traceability: { completedAtEndOfLine: true, pending: false, sources: ['unit'] } });
    const trace = await readTrace(ctx.outDir);
    expect(trace.completedAtEndOfLine).toBe(true);
    expect(trace.requirements.map((r: { status: string }) => r.status)).toEqual(['covered', 'covered', 'uncovered']);
  });

  it('fails at the end of the line when a later regression stage fails a MUST requirement', async () => {
    const ws = await workspaceWith({ 'specs/login.md': spec });
    const { ctx } = await runSpec(ws, { requireCoverage: 'must' });
    const reg = await regressionView('unit', [{ id: 'login', outcome: 'failed', cls: 'new-failure', traceTo: ['REQ-1'] }], 'failed');
    const me: StageView = { id: 'spec', uses: 'spec', blocking: true, state: 'passed', dir: ctx.outDir, counts: {} };
    const done = await specStage.complete!(ctx, [me, reg]);
    expect(done?.state).toBe('failed');
    expect(done?.reason).toContain('REQ-1');
    expect(done?.findings?.map((f) => f.ruleId).sort()).toEqual(['spec/failing', 'spec/uncovered']);
  });

  it('keeps the findings of run() in what complete() returns (the engine rewrites findings.sarif from it)', async () => {
    const ws = await workspaceWith({ 'specs/login.md': spec.replace('Sign-ins are recorded', 'Sign-ins are quickly recorded') });
    const { ctx, findings: before } = await runSpec(ws, { requireCoverage: 'all' });
    expect(before.map((f) => f.ruleId)).toEqual(['spec/ambiguous-wording']);
    const me: StageView = { id: 'spec', uses: 'spec', blocking: true, state: 'passed', dir: ctx.outDir, counts: {} };
    const done = await specStage.complete!(ctx, [me]);
    expect(done?.findings?.map((f) => f.ruleId).sort()).toEqual(['spec/ambiguous-wording', 'spec/uncovered', 'spec/uncovered', 'spec/uncovered']);
    expect(done?.result).toMatchObject({ traceability: { completedAtEndOfLine: true, note: 'no regression stage in the line: every requirement is uncovered' } });
    // The baseline comes back with the completion for the engine to write; the stage writes no baseline.json itself.
    expect(FindingBaselineFile.parse(done?.baseline).entries).toHaveLength(4);
    expect(existsSync(path.join(ctx.outDir, 'baseline.json'))).toBe(false);
  });

  it('does not gate at the end of the line when the later regression stage was skipped', async () => {
    const ws = await workspaceWith({ 'specs/login.md': spec });
    const { ctx } = await runSpec(ws, { requireCoverage: 'all' });
    const reg = await regressionView('unit', [], 'skipped');
    const me: StageView = { id: 'spec', uses: 'spec', blocking: true, state: 'passed', dir: ctx.outDir, counts: {} };
    const done = await specStage.complete!(ctx, [me, reg]);
    expect(done?.state).toBeUndefined();
    expect((await readTrace(ctx.outDir)).note).toContain('unit (skipped) did not run');
  });

  it('returns nothing to complete when the matrix was built in run()', async () => {
    const ws = await workspaceWith({ 'specs/login.md': spec });
    const reg = await regressionView('unit', []);
    const { ctx } = await runSpec(ws, {}, { earlier: [reg] });
    expect(await specStage.complete!(ctx, [reg])).toBeNull();
  });

  it('resolves spec-kit ids by feature, and a bare FR id only when it is unambiguous', async () => {
    const feature = (n: string) => `# Feature\n\n**Status**: Draft\n\n## User Scenarios & Testing\n\n### User Story 1 - Do (Priority: P1)\n\n1. **Given** a, **When** b, **Then** c\n\n## Requirements\n\n- **FR-001**: System MUST do ${n}\n\n## Success Criteria\n\n- **SC-001**: done\n`;
    const ws = await workspaceWith({
      'specs/001-a/spec.md': feature('a'),
      'specs/001-a/plan.md': '# Plan\n\nok\n',
      'specs/002-b/spec.md': feature('b'),
      'specs/002-b/plan.md': '# Plan\n\nok\n',
    });
    const reg = await regressionView('unit', [
      { id: 't1', outcome: 'passed', cls: 'passed', traceTo: ['002-b/FR-001', 'US-1'] },
      { id: 't2', outcome: 'passed', cls: 'passed', traceTo: ['FR-001'] },
    ]);
    const { ctx, findings } = await runSpec(ws, {}, { earlier: [reg] });
    const trace = await readTrace(ctx.outDir);
    const covered = trace.requirements.filter((r: { status: string }) => r.status === 'covered').map((r: { id: string }) => r.id);
    expect(covered).toEqual(['002-b/FR-001']);
    expect(findings.filter((f) => f.ruleId === 'spec/unknown-trace').map((f) => f.traceTo[0])).toEqual(['US-1', 'FR-001']);
  });
});
