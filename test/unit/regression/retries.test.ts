// Retries through each runner's own way of re-running failed tests, with the real pytest: node ids when its cache is off,
// the reports the command wrote left as it wrote them, known failures not retried, a refused retry errored, quarantine
// by node id. Each runs the stage on a temporary git repository.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTests, TESTS_FILE, type TestRow } from '../../../src/core/tests-contract.js';
import { regressionStage } from '../../../src/stages/regression/index.js';
import { RegressionOptions } from '../../../src/stages/regression/options.js';
import { RegressionResult } from '../../../src/stages/regression/result.js';
import { makeRepo } from '../../helpers/git-repo.js';
import { makeStageContext } from '../../helpers/stage-context.js';
import { hasPytest, runnerEnv } from './real-runners.js';

async function runStage(ws: string, options: unknown, extra: { baselineJson?: unknown } = {}) {
  const ctx = await makeStageContext({ workspace: ws, options: RegressionOptions.parse(options), stageId: 'unit', uses: 'regression', env: runnerEnv, ...extra });
  const outcome = await regressionStage.run(ctx);
  const rows: TestRow[] = [];
  if (outcome.result !== undefined) await readTests(path.join(ctx.outDir, TESTS_FILE), (r) => rows.push(r));
  return { outcome, ctx, rows, result: outcome.result === undefined ? undefined : RegressionResult.parse(outcome.result) };
}

/** A line of Python that adds one to a counter file, so a test says how many times it ran. */
const count = (file: string) => `    p = pathlib.Path(${JSON.stringify(file)}); p.write_text(str(int(p.read_text()) + 1) if p.exists() else "1")`;

/** Tests: one that passes (counted), one that fails on its first run only (flaky), one that always fails (counted). */
const TESTS = [
  'import pathlib',
  '',
  'def test_ok():',
  count('ran_ok'),
  '',
  'class TestC:',
  '    def test_flaky(self):',
  '        p = pathlib.Path("flaky_state")',
  '        first = not p.exists()',
  '        p.write_text("x")',
  '        assert not first, "first run fails"',
  '',
  'def test_broken():',
  count('ran_broken'),
  '    assert False, "always"',
  '',
].join('\n');

const testcases = (xml: string) => xml.match(/<testcase /g)?.length ?? 0;

describe.skipIf(!hasPytest)('regression stage retries with the real pytest', () => {
  it('re-runs only the failed tests by node id when pytest runs without its cache, and leaves its report as it wrote it', async () => {
    const ws = await makeRepo({ 'test_things.py': TESTS });
    const { outcome, result, rows, ctx } = await runStage(ws, { command: ['python3', '-m', 'pytest', '-q', '-p', 'no:cacheprovider', '--junitxml=out/junit.xml'], retries: 1 });
    expect(result?.retries[0]).toMatchObject({ mode: 'failed-only', rerun: 2, nowPassing: 1, ran: 2, reports: ['retry/0-junit.xml'] });
    expect(result?.retries[0]?.argv.slice(-2)).toEqual(['test_things.py::TestC::test_flaky', 'test_things.py::test_broken']);
    expect(ctx.logger.text('info')).toContain('retry 1: 1 of 2 failed test(s) passed on rerun (flaky)');
    // test_ok ran once: the retry did not run it again; test_broken ran twice.
    expect(await readFile(path.join(ws, 'ran_ok'), 'utf8')).toBe('1');
    expect(await readFile(path.join(ws, 'ran_broken'), 'utf8')).toBe('2');
    expect(rows.map((t) => [t.name, t.class, t.runs])).toEqual([['test_ok', 'passed', 1], ['test_flaky', 'flaky', 2], ['test_broken', 'new-failure', 2]]);
    expect(outcome.counts).toMatchObject({ tests: 3, passed: 2, failed: 1, flaky: 1 });
    // The report pytest wrote holds its three tests and the first run's failures: the retry wrote its own elsewhere.
    const report = await readFile(path.join(ws, 'out/junit.xml'), 'utf8');
    expect(testcases(report)).toBe(3);
    expect(report).toContain('first run fails');
    expect(await readdir(path.join(ws, 'out'))).toEqual(['junit.xml']);
  });

  it('puts the reports back when only the globs find them (pytest.ini names the report), and removes what only the retry wrote', async () => {
    const ws = await makeRepo({ 'test_things.py': TESTS, 'pytest.ini': '[pytest]\naddopts = --junitxml=out/junit.xml\n' });
    const { outcome, result, ctx } = await runStage(ws, { command: ['python3', '-m', 'pytest', '-q'], reports: ['out/*.xml'], retries: 1 });
    expect(result?.retries[0]).toMatchObject({ mode: 'failed-only', nowPassing: 1, ran: 2, reports: ['out/junit.xml'] });
    expect(outcome.counts).toMatchObject({ tests: 3, flaky: 1, failed: 1 });
    const report = await readFile(path.join(ws, 'out/junit.xml'), 'utf8');
    expect(testcases(report)).toBe(3);
    expect(report).toContain('first run fails');
    // Put back with the time it was written, before the retry ran test_flaky again (which rewrote its state file).
    expect((await stat(path.join(ws, 'out/junit.xml'))).mtimeMs).toBeLessThan((await stat(path.join(ws, 'flaky_state'))).mtimeMs);
    expect(await readdir(path.join(ws, 'out'))).toEqual(['junit.xml']);
    expect(ctx.logger.text('warn')).toBe('');
  });

  it('does not retry a failure the baseline already knows, unless retryKnownFailures says so', async () => {
    const baselineJson = {
      schema: 'andon.regression-baseline/v1',
      stage: 'unit',
      tests: [
        ['pytest › test_things › test_ok', 'passed', null],
        ['pytest › test_things.TestC › test_flaky', 'passed', null],
        ['pytest › test_things › test_broken', 'failed', null],
      ],
    };
    const command = ['python3', '-m', 'pytest', '-q', '--junitxml=out/junit.xml'];
    const ws = await makeRepo({ 'test_things.py': TESTS });
    const { outcome, result, ctx } = await runStage(ws, { command, retries: 2 }, { baselineJson });
    expect(result?.retries.map((r) => [r.attempt, r.rerun, r.nowPassing])).toEqual([[1, 1, 1]]);
    expect(result?.knownNotRetried).toBe(1);
    expect(ctx.logger.text('info')).toContain('1 failing test the baseline knows as failing is not retried (retryKnownFailures: true retries them)');
    expect(await readFile(path.join(ws, 'ran_broken'), 'utf8')).toBe('1');
    expect(outcome.state).toBe('passed');
    expect(outcome.reason).toBe('3 tests: 1 known-failure, 1 flaky (none gating)');

    const again = await makeRepo({ 'test_things.py': TESTS });
    const all = await runStage(again, { command, retries: 2, retryKnownFailures: true }, { baselineJson });
    expect(all.result?.retries.map((r) => [r.attempt, r.rerun, r.nowPassing])).toEqual([[1, 2, 1], [2, 1, 0]]);
    expect(await readFile(path.join(again, 'ran_broken'), 'utf8')).toBe('3');
  });

  it('errors the stage when pytest refuses the retry (exit 4), never "passed on rerun"', async () => {
    // The tests live in tests/, but a test_things.py at the root (another module of that name) makes the node id
    // pytest is given name the wrong file: pytest exits 4 on it.
    const ws = await makeRepo({ 'tests/test_things.py': TESTS, 'test_things.py': 'def test_elsewhere():\n    pass\n' });
    const { outcome, result } = await runStage(ws, { command: ['python3', '-m', 'pytest', '-q', '--rootdir=tests', 'tests', '--junitxml=out/junit.xml'], retries: 1 });
    expect(outcome.state).toBe('errored');
    expect(outcome.reason).toMatch(/^retry 1: the runner refused the re-run's arguments \(exit code 4\): pytest exited with 4 \(a usage error\): ERROR: not found: .*test_things\.py::TestC::test_flaky.*; the failed tests did not run again$/);
    expect(result).toBeUndefined();
    expect(testcases(await readFile(path.join(ws, 'out/junit.xml'), 'utf8'))).toBe(3);
  });

  it('quarantines by pytest node id and dotted name, and says which entry names no test', async () => {
    const ws = await makeRepo({ 'test_things.py': TESTS.replace('first = not p.exists()', 'first = True') });
    const { outcome, result, ctx, rows } = await runStage(ws, {
      command: ['python3', '-m', 'pytest', '-q', '--junitxml=out/junit.xml'],
      quarantine: [
        { test: 'test_things.py::TestC::test_flaky', until: '2999-01-01' },
        { test: 'test_things.test_broken', until: '2999-01-01' },
        { test: 'test_things.py::test_renamed', until: '2999-01-01' },
      ],
    });
    expect(rows.map((t) => [t.name, t.class])).toEqual([['test_ok', 'passed'], ['test_flaky', 'quarantined'], ['test_broken', 'quarantined']]);
    expect(outcome.state).toBe('passed');
    expect(result?.quarantine).toMatchObject({ activeTotal: 2, unmatched: ['test_things.py::test_renamed'] });
    expect(ctx.logger.text('warn')).toContain('quarantine entry "test_things.py::test_renamed" names no test of the reports');
  });

  it('is errored when the reports hold no test, unless allowEmpty says that is expected', async () => {
    const ws = await makeRepo({ 'test_nothing.py': '# no tests yet\n' });
    const command = ['python3', '-m', 'pytest', '-q', '--junitxml=out/junit.xml'];
    const empty = await runStage(ws, { command });
    expect(empty.outcome.state).toBe('errored');
    expect(empty.outcome.reason).toBe('the reports hold no test: a test stage that ran nothing must not pass (set allowEmpty: true if that is expected)');
    const allowed = await runStage(ws, { command, allowEmpty: true });
    expect(allowed.outcome).toMatchObject({ state: 'passed', reason: '0 tests: the reports hold no test (allowEmpty)' });
  });

  it('is errored when every test was skipped (a conftest that skips all): nothing was judged, unless allowEmpty', async () => {
    const ws = await makeRepo({
      'conftest.py': 'import pytest\n\ndef pytest_collection_modifyitems(items):\n    for item in items:\n        item.add_marker(pytest.mark.skip(reason="service not up"))\n',
      'test_things.py': 'def test_a():\n    assert False\n\ndef test_b():\n    assert True\n',
    });
    const command = ['python3', '-m', 'pytest', '-q', '--junitxml=out/junit.xml'];
    const skipped = await runStage(ws, { command });
    expect(skipped.result?.counts).toMatchObject({ tests: 2, skipped: 2 });
    expect(skipped.outcome).toMatchObject({ state: 'errored', reason: 'all 2 tests in the reports were skipped: a test stage that ran nothing must not pass (set allowEmpty: true if that is expected)' });
    expect((await runStage(ws, { command, allowEmpty: true })).outcome.state).toBe('passed');
    // One test that runs is a judgement: the stage passes on it, the skipped one beside it.
    await writeFile(path.join(ws, 'conftest.py'), 'import pytest\n\ndef pytest_collection_modifyitems(items):\n    items[0].add_marker(pytest.mark.skip(reason="flaky service"))\n');
    expect((await runStage(ws, { command })).outcome).toMatchObject({ state: 'passed', reason: expect.stringContaining('1 skipped') });
  });
});
