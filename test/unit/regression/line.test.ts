// The regression stage inside the real engine: config validation, the record's counts, the stage folder and a committed baseline.
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { baselineUpdate } from '../../../src/core/baseline-update.js';
import { parseConfig } from '../../../src/core/config.js';
import { runLine } from '../../../src/core/line.js';
import { FsStore } from '../../../src/core/store.js';
import { readTests, TESTS_FILE, type TestRow } from '../../../src/core/tests-contract.js';
import { defaultRegistry } from '../../../src/stages/index.js';
import { RegressionResult } from '../../../src/stages/regression/result.js';
import { makeRepo, writeFiles } from '../../helpers/git-repo.js';
import { thisProcess } from '../../../src/this-process.js';

const env = { PATH: process.env.PATH, HOME: process.env.HOME };
const yml = `version: 1
line:
  - id: unit
    uses: regression
    with:
      reports: ["reports/*.xml"]
`;

function report(failing: string[]): string {
  const cases = ['good', 'known', 'other'].map((n) =>
    failing.includes(n) ? `<testcase classname="C" name="${n}"><failure message="${n} broke"/></testcase>` : `<testcase classname="C" name="${n}"/>`,
  );
  return `<testsuite name="s">${cases.join('')}</testsuite>`;
}

describe('regression stage in a line', () => {
  it('refuses bad options with file:line:col', () => {
    const bad = `version: 1\nline:\n  - id: unit\n    uses: regression\n    with:\n      reports: ["reports/*.xml"]\n      retries: 9\n`;
    expect(() => parseConfig(bad, 'andon.yml', defaultRegistry())).toThrow(/andon\.yml:7:\d+: .*retries/);
  });

  it('gates on what the change broke once a baseline is committed', async () => {
    const ws = await makeRepo({ 'andon.yml': yml, 'reports/r.xml': report(['known']) });
    const registry = defaultRegistry();
    const config = parseConfig(yml, 'andon.yml', registry);
    const store = new FsStore(path.join(ws, '.andon/runs'));
    const run = () => runLine({ workspace: ws, config, registry, store, env, writer: thisProcess() });

    const first = await run();
    const unit1 = first.stages[0];
    expect(unit1?.state).toBe('failed');
    expect(unit1?.reason).toMatch(/no baseline: every failure gates/);
    expect(unit1?.counts).toMatchObject({ tests: 3, passed: 2, failed: 1, errors: 0, skipped: 0, flaky: 0, regressions: 0 });
    const dir = path.join(store.runDir(first.serial), 'unit');
    const result = RegressionResult.parse(JSON.parse(await readFile(path.join(dir, 'result.json'), 'utf8')));
    expect(result.tests).toEqual({ file: TESTS_FILE, schema: 'andon.tests/v1', rows: 3 });
    const rows: TestRow[] = [];
    await readTests(path.join(dir, TESTS_FILE), (r) => rows.push(r));
    expect(rows.map((t) => [t.name, t.class])).toEqual([['good', 'passed'], ['known', 'new-failure'], ['other', 'passed']]);
    // Every file of the stage folder is in the record, the tests file among them.
    expect(unit1?.artifacts.map((a) => a.path).sort()).toEqual(['unit/baseline.json', 'unit/findings.sarif', 'unit/inputs.json', 'unit/log.txt', 'unit/result.json', `unit/${TESTS_FILE}`]);

    // `andon baseline update`: the stage's baseline.json (gzipped, one test a line) becomes the committed one.
    expect(await baselineUpdate(store, ws, first.serial)).toEqual([{ stage: 'unit', file: '.andon/baselines/unit.json' }]);
    const committed = gunzipSync(await readFile(path.join(ws, '.andon/baselines/unit.json'))).toString('utf8');
    expect(committed).toBe(
      '{"schema":"andon.regression-baseline/v1","stage":"unit","tests":[\n["s › C › good","passed",null],\n["s › C › known","failed",null],\n["s › C › other","passed",null]\n]}\n',
    );

    await writeFiles(ws, { 'reports/r.xml': report(['known', 'good']) });
    const second = await run();
    expect(second.stages[0]?.state).toBe('failed');
    expect(second.stages[0]?.reason).toBe('1 regression; first: s › C › good: good broke');
    expect(second.stages[0]?.counts).toMatchObject({ regressions: 1, failed: 2 });

    await writeFiles(ws, { 'reports/r.xml': report(['known']) });
    const third = await run();
    expect(third.stages[0]?.state).toBe('passed');
    expect(third.stages[0]?.reason).toBe('3 tests: 1 known-failure (none gating)');
  });
});
