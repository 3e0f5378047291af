import { existsSync } from 'node:fs';
import { mkdir, readFile, symlink, truncate, writeFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readTests, TESTS_FILE, type TestRow } from '../../../src/core/tests-contract.js';
import { regressionStage } from '../../../src/stages/regression/index.js';
import { RegressionOptions } from '../../../src/stages/regression/options.js';
import { RegressionResult } from '../../../src/stages/regression/result.js';
import { RegressionBaselineFile } from '../../../src/stages/regression/baseline-file.js';
import { makeStageContext, makeTempDir } from '../../helpers/stage-context.js';

async function workspace(files: Record<string, string>): Promise<string> {
  const ws = await makeTempDir('andon-reg-ws-');
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(ws, rel)), { recursive: true });
    await writeFile(path.join(ws, rel), content);
  }
  return ws;
}

async function runStage(ws: string, options: unknown, extra: { baselineJson?: unknown; env?: Record<string, string | undefined> } = {}) {
  const ctx = await makeStageContext({ workspace: ws, options: RegressionOptions.parse(options), stageId: 'unit', uses: 'regression', ...extra });
  const outcome = await regressionStage.run(ctx);
  const rows: TestRow[] = [];
  if (outcome.result !== undefined) await readTests(path.join(ctx.outDir, TESTS_FILE), (r) => rows.push(r));
  return { outcome, ctx, rows, result: outcome.result === undefined ? undefined : RegressionResult.parse(outcome.result) };
}

/** The baseline.json the stage left in its folder, gunzipped and checked against its schema; null when it left none. */
async function baselineLeft(ctx: { outDir: string }) {
  const file = path.join(ctx.outDir, 'baseline.json');
  return existsSync(file) ? RegressionBaselineFile.parse(JSON.parse(gunzipSync(await readFile(file)).toString('utf8'))) : null;
}

function suite(cases: string): string {
  return `<?xml version="1.0"?>\n<testsuite name="s">\n${cases}\n</testsuite>\n`;
}
const pass = (name: string, extra = '') => `<testcase classname="C" name="${name}"${extra}/>`;
const fail = (name: string, message = 'boom', extra = '') => `<testcase classname="C" name="${name}"${extra}><failure message="${message}">at x (src/t.ts:3:1)</failure></testcase>`;

describe('regression stage: reading reports', () => {
  it('merges shards, reports a test present in two shards once, and counts as the issue defines', async () => {
    const ws = await workspace({
      'reports/shard-1.xml': suite([pass('a'), fail('b'), pass('dup'), '<testcase classname="C" name="e"><error message="crash"/></testcase>', '<testcase classname="C" name="s"><skipped/></testcase>'].join('\n')),
      'reports/shard-2.xml': suite([pass('c'), pass('dup')].join('\n')),
    });
    const { outcome, result, ctx } = await runStage(ws, { reports: ['reports/*.xml'] });
    expect(outcome.counts).toEqual({ tests: 6, passed: 3, failed: 1, errors: 1, skipped: 1, flaky: 0, regressions: 0 });
    expect(result?.duplicates).toEqual([{ id: 's › C › dup', reports: ['reports/shard-1.xml', 'reports/shard-2.xml'] }]);
    expect(ctx.logger.text('warn')).toMatch(/1 test appear in more than one report .* s › C › dup in reports\/shard-1\.xml, reports\/shard-2\.xml/);
    // No baseline: said once, and every failure gates.
    expect(ctx.logger.text('info').match(/no baseline/g)).toHaveLength(1);
    expect(outcome.state).toBe('failed');
    expect(outcome.reason).toMatch(/^2 new-failure \(no baseline: every failure gates\); first: s › C › b: boom/);
  });

  it('merges retries of one test written into one report (flaky when one run passed)', async () => {
    const ws = await workspace({
      'r.xml': suite([fail('t'), pass('t'), fail('u'), fail('u')].join('\n')),
    });
    const { outcome, result, rows } = await runStage(ws, { reports: ['r.xml'] });
    expect(outcome.counts).toMatchObject({ tests: 2, passed: 1, failed: 1, flaky: 1 });
    expect(rows.find((t) => t.name === 't')).toMatchObject({ class: 'flaky', runs: 2, gating: false });
    expect(result?.duplicates).toEqual([]);
  });

  it('is errored when the globs match nothing', async () => {
    const ws = await workspace({ 'other.txt': 'x' });
    const { outcome } = await runStage(ws, { reports: ['reports/**/*.xml'] });
    expect(outcome.state).toBe('errored');
    expect(outcome.reason).toBe('no JUnit report found for "reports/**/*.xml": a test stage that finds no reports must not pass');
  });

  it('refuses a report that is a symlink to a file outside the workspace', async () => {
    const outside = await workspace({ 'secret.xml': suite(pass('x')) });
    const ws = await workspace({ 'reports/ok.xml': suite(pass('a')) });
    await symlink(path.join(outside, 'secret.xml'), path.join(ws, 'reports/evil.xml'));
    const { outcome, ctx } = await runStage(ws, { reports: ['reports/*.xml'] });
    expect(outcome.state).toBe('errored');
    expect(outcome.reason).toBe(`reports/evil.xml: resolves to ${path.join(outside, 'secret.xml')}, outside the workspace (through a symlink): refused`);
    expect(outcome.counts).toMatchObject({ tests: 1 });
    expect(ctx.logger.text('error')).toContain('reports/evil.xml');
  });

  it('refuses report globs that leave the workspace', () => {
    const r = RegressionOptions.safeParse({ reports: ['../x/*.xml'] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/may not contain "\.\."/);
    expect(RegressionOptions.safeParse({}).error?.issues[0]?.message).toBe('give `reports` (globs of JUnit XML) or a `command` that writes them');
  });

  it('is errored with file:line:col for a malformed report, and keeps the counts of the others', async () => {
    const ws = await workspace({
      'r/good.xml': suite([pass('a'), pass('b')].join('\n')),
      'r/bad.xml': '<testsuite>\n  <testcase name="x">\n</testsuite>',
    });
    const { outcome, result, ctx } = await runStage(ws, { reports: ['r/*.xml'] });
    expect(outcome.state).toBe('errored');
    expect(outcome.reason).toBe('1 report could not be read: r/bad.xml:3:1: end tag </testsuite> does not match <testcase> (<testcase> opened at 2:3)');
    expect(outcome.counts).toMatchObject({ tests: 2, passed: 2 });
    expect(result?.reports.find((r) => r.path === 'r/bad.xml')?.error).toMatch(/^r\/bad\.xml:3:1:/);
    // No baseline from an errored run: the unread tests would look removed next time.
    expect(await baselineLeft(ctx)).toBeNull();
  });

  it('takes back the tests of a report that breaks half-way, including its merges into other reports', async () => {
    const ws = await workspace({
      'r/a-good.xml': suite([pass('shared'), pass('only-good')].join('\n')),
      'r/b-bad.xml': `<testsuite name="s">\n${fail('shared')}\n${pass('only-bad')}\n<testcase name="x"></testsuite>`,
    });
    const { outcome, result, rows } = await runStage(ws, { reports: ['r/*.xml'] });
    expect(outcome.state).toBe('errored');
    expect(outcome.counts).toMatchObject({ tests: 2, passed: 2, failed: 0, flaky: 0 });
    expect(rows.find((t) => t.name === 'shared')).toMatchObject({ runs: 1, outcome: 'passed', reports: ['r/a-good.xml'] });
    expect(result?.duplicates).toEqual([]);
  });

  it.each([
    ['an empty file', '', 'r.xml:1:1: empty file: not a JUnit report'],
    ['a truncated file', '<testsuite><testcase name="a">', 'r.xml:1:31: unexpected end of file: <testcase> is not closed (<testcase> opened at 1:12)'],
    ['non-XML', '{"tests": 3}', `r.xml:1:1: content before the root element (found '{'): not XML`],
    ['XML that is not JUnit', '<suites><suite/></suites>', 'r.xml:1:1: not a JUnit report: the root element is <suites>, expected <testsuites> or <testsuite>'],
    [
      'an entity bomb',
      '<?xml version="1.0"?>\n<!DOCTYPE t [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<testsuite><testcase name="&b;"/></testsuite>',
      'r.xml:2:1: document type or entity declaration (<!DOCTYPE…) refused: Andon does not process DTDs or expand entities',
    ],
  ])('is errored on %s', async (_what, content, message) => {
    const ws = await workspace({ 'r.xml': content });
    const { outcome } = await runStage(ws, { reports: ['r.xml'] });
    expect(outcome.state).toBe('errored');
    expect(outcome.reason).toBe(`1 report could not be read: ${message}`);
  });

  it('refuses a report over maxReportBytes (a 3 GB sparse file) without reading it', async () => {
    const ws = await workspace({ 'r.xml': '' });
    await truncate(path.join(ws, 'r.xml'), 3 * 1024 ** 3);
    const { outcome } = await runStage(ws, { reports: ['r.xml'] });
    expect(outcome.state).toBe('errored');
    expect(outcome.reason).toBe(`1 report could not be read: r.xml: report is ${3 * 1024 ** 3} bytes, over the limit of ${2 * 1024 ** 3} bytes (maxReportBytes); refused without reading`);
    const small = await runStage(await workspace({ 'r.xml': suite(pass('a')) }), { reports: ['r.xml'], maxReportBytes: 10 });
    expect(small.outcome.reason).toMatch(/over the limit of 10 bytes \(maxReportBytes\)/);
  });
});

describe('regression stage: baseline and classification', () => {
  const baseline = {
    schema: 'andon.regression-baseline/v1',
    stage: 'unit',
    tests: [
      ['s › C › still-passes', 'passed', 10],
      ['src/t.ts › s › C › breaks', 'passed', null],
      ['s › C › known', 'failed', null],
      ['s › C › gets-fixed', 'failed', null],
      ['s › C › gone', 'passed', null],
      ['s › C › q', 'passed', null],
      ['s › C › slow', 'passed', 100],
    ],
  };
  const report = suite(
    [
      pass('still-passes', ' time="0.01"'),
      fail('breaks', 'expected 2 got 3', ' file="src/t.ts" line="3"'),
      fail('known'),
      pass('gets-fixed'),
      fail('brand-new'),
      pass('newly-added'),
      fail('q'),
      pass('slow', ' time="0.5"'),
      `<testcase classname="C" name="skip-me"><skipped message="later"/></testcase>`,
    ].join('\n'),
  );

  it('gives every test its class and gates on regression and new-failure by default', async () => {
    const ws = await workspace({ 'r.xml': report, 'src/t.ts': 'a\nb\nc\n' });
    const { outcome, result, ctx, rows } = await runStage(
      ws,
      { reports: ['r.xml'], quarantine: [{ test: 'C › q', until: '2999-01-01' }, { test: 'old', until: '2001-01-01' }], slowdown: { factor: 3 } },
      { baselineJson: baseline },
    );
    const classOf = Object.fromEntries(rows.map((t) => [t.name || t.id, t.class]));
    expect(classOf).toEqual({
      'still-passes': 'passed',
      breaks: 'regression',
      known: 'known-failure',
      'gets-fixed': 'fixed',
      'brand-new': 'new-failure',
      'newly-added': 'new-passing',
      q: 'quarantined',
      slow: 'passed',
      'skip-me': 'skipped',
      's › C › gone': 'removed',
    });
    expect(outcome.state).toBe('failed');
    expect(outcome.reason).toBe('1 regression, 1 new-failure; first: src/t.ts › s › C › breaks: expected 2 got 3');
    expect(outcome.counts).toEqual({ tests: 9, passed: 4, failed: 4, errors: 0, skipped: 1, flaky: 0, regressions: 1 });
    expect(ctx.logger.text('warn')).toContain('quarantine of "old" expired on 2001-01-01');
    expect(result?.quarantine).toEqual({ active: ['s › C › q'], activeTotal: 1, expired: [{ test: 'old', until: '2001-01-01' }], unmatched: [] });
    expect(result?.slow).toEqual([{ id: 's › C › slow', ms: 500, baselineMs: 100, factor: 5 }]);
    const reg = outcome.findings?.find((f) => f.ruleId === 'regression/regression');
    expect(reg).toMatchObject({ level: 'error', baseline: 'new', location: { path: 'src/t.ts', startLine: 3 }, message: 'expected 2 got 3 (test breaks)' });
    expect(outcome.findings?.find((f) => f.ruleId === 'regression/known-failure')?.baseline).toBe('unchanged');
    // The baseline this run leaves behind validates against its own schema.
    expect((await baselineLeft(ctx))?.tests.find((t) => t[0] === 'src/t.ts › s › C › breaks')).toEqual(['src/t.ts › s › C › breaks', 'failed', null]);
  });

  it('passes when only known failures remain, and gates on them when failOn says so', async () => {
    const ws = await workspace({ 'r.xml': suite([pass('still-passes'), fail('known')].join('\n')) });
    const b = { ...baseline, tests: [['s › C › still-passes', 'passed', null], ['s › C › known', 'failed', null]] };
    const relaxed = await runStage(ws, { reports: ['r.xml'] }, { baselineJson: b });
    expect(relaxed.outcome.state).toBe('passed');
    expect(relaxed.outcome.reason).toBe('2 tests: 1 known-failure (none gating)');
    const strict = await runStage(ws, { reports: ['r.xml'], failOn: ['known-failure'] }, { baselineJson: b });
    expect(strict.outcome.state).toBe('failed');
  });

  it('fails when most of what ran in the baseline did not run now (skipped or gone): a left-over .only passes nothing', async () => {
    // The baseline ran six tests (a seventh was skipped there too); now one runs, three are skipped and two are gone.
    const b = {
      ...baseline,
      tests: [['s › C › a', 'passed', null], ['s › C › b', 'passed', null], ['s › C › c', 'failed', null], ['s › C › d', 'passed', null], ['s › C › e', 'passed', null], ['s › C › f', 'passed', null], ['s › C › off', 'skipped', null]],
    };
    const skipped = (name: string) => `<testcase classname="C" name="${name}"><skipped/></testcase>`;
    const ws = await workspace({ 'r.xml': suite([pass('a'), skipped('b'), skipped('c'), skipped('d'), skipped('off')].join('\n')) });
    const dropped = await runStage(ws, { reports: ['r.xml'] }, { baselineJson: b });
    expect(dropped.outcome).toMatchObject({ state: 'failed' });
    expect(dropped.outcome.reason).toMatch(/^5 of the 6 tests that ran in the baseline did not run now \(83%, skipped or gone; at most 50% may\), e\.g\. s › C › b: /);
    expect(dropped.result?.dropped).toEqual({ count: 5, of: 6, first: 's › C › b' });
    // Said to be meant, it passes; half of them is within the default.
    expect((await runStage(ws, { reports: ['r.xml'], maxDropped: 1 }, { baselineJson: b })).outcome.state).toBe('passed');
    await writeFile(path.join(ws, 'r.xml'), suite([pass('a'), pass('b'), fail('c'), skipped('d'), skipped('off')].join('\n')));
    const half = await runStage(ws, { reports: ['r.xml'] }, { baselineJson: b });
    expect(half.outcome).toMatchObject({ state: 'passed', reason: expect.stringContaining('1 known-failure') });
    expect(half.result?.dropped).toEqual({ count: 3, of: 6, first: 's › C › d' });
  });

  it('ignores a baseline that is not a regression baseline, says why, and gates on every failure', async () => {
    const ws = await workspace({ 'r.xml': suite(fail('known')) });
    const { outcome, ctx } = await runStage(ws, { reports: ['r.xml'] }, { baselineJson: { schema: 'andon.findings-baseline/v1', stage: 'x', entries: [] } });
    expect(ctx.logger.text('warn')).toMatch(/baseline\.json of test baseline is not a regression baseline/);
    expect(outcome.state).toBe('failed');
    const required = await runStage(ws, { reports: ['r.xml'], baseline: 'required' });
    expect(required.outcome.state).toBe('errored');
    expect(required.outcome.reason).toMatch(/^baseline: required, but there is no regression baseline/);
  });
});

describe('regression stage: findings and traceTo', () => {
  it('locates a failure from its stack trace and traces requirement ids from names and @spec tags', async () => {
    const ws = await workspace({
      'test/login.test.ts': '// @spec FR-012, SC-001\nimport x from "y";\n\nit("works", () => {\n  expect(1).toBe(2);\n});\n',
      'r.xml': suite(
        [
          `<testcase classname="test/login.test.ts" name="logs in REQ-3"><failure message="AssertionError: expected 1 to be 2&#10;more">AssertionError\n    at Object.&lt;anonymous&gt; (${'{WS}'}/test/login.test.ts:5:13)\n    at node_modules/vitest/x.js:1:1</failure></testcase>`,
          pass('plain'),
        ].join('\n'),
      ),
    });
    const xml = await readFile(path.join(ws, 'r.xml'), 'utf8');
    await writeFile(path.join(ws, 'r.xml'), xml.replace('{WS}', ws));
    const { outcome, rows } = await runStage(ws, { reports: ['r.xml'] });
    const f = outcome.findings?.[0];
    expect(f).toMatchObject({
      ruleId: 'regression/new-failure',
      message: 'AssertionError: expected 1 to be 2 (test logs in REQ-3)',
      location: { path: 'test/login.test.ts', startLine: 5 },
      traceTo: ['FR-012', 'REQ-3', 'SC-001'],
    });
    expect(rows.find((t) => t.name === 'plain')?.traceTo).toEqual([]);
  });

  it('never locates a finding in a file reached through a symlink out of the workspace', async () => {
    const outside = await workspace({ 'secret.ts': 'x\ny\n' });
    const ws = await workspace({ 'r.xml': suite(fail('t', 'boom')).replace('at x (src/t.ts:3:1)', 'at x (link/secret.ts:2:1)') });
    await symlink(outside, path.join(ws, 'link'));
    const { outcome } = await runStage(ws, { reports: ['r.xml'] });
    expect(outcome.findings?.[0]?.message).toBe('boom (test t)');
    expect(outcome.findings?.[0]?.location).toBeUndefined();
  });

  it('masks secrets in failure messages', async () => {
    const ws = await workspace({ 'r.xml': suite(fail('leaks', 'token was hunter2-secret-value')) });
    const { result, outcome, rows, ctx } = await runStage(ws, { reports: ['r.xml'] }, { env: { PATH: process.env.PATH, API_TOKEN: 'hunter2-secret-value' } });
    expect(JSON.stringify(result)).not.toContain('hunter2');
    expect(rows[0]?.message).toBe('token was ***');
    expect(gunzipSync(await readFile(path.join(ctx.outDir, TESTS_FILE))).toString()).not.toContain('hunter2');
    expect(outcome.findings?.[0]?.message).toBe('token was *** (test leaks)');
  });
});

describe('regression stage: running the command', () => {
  const script = (body: string) => `const fs = require('node:fs');\nfs.mkdirSync('out', { recursive: true });\n${body}\n`;

  it('runs an argv command, reads the reports it writes, and ignores the ones it did not, however recent', async () => {
    const ws = await workspace({
      // One report written, one copied with its old modification time kept (as `cp -p` or an unpacked archive leave it).
      'run.cjs': script(`fs.writeFileSync('out/fresh.xml', ${JSON.stringify(suite(pass('a')))});
fs.writeFileSync('out/copied.xml', ${JSON.stringify(suite(pass('b')))});
const old = new Date(Date.now() - 3600_000);
fs.utimesSync('out/copied.xml', old, old);`),
      // Left by an earlier run a moment ago: as recent as the command's own, but the command does not touch it.
      'out/stale.xml': suite(fail('old')),
      // One the command writes again with the same bytes is its own.
      'out/rewritten.xml': suite(pass('c')),
    });
    await writeFile(path.join(ws, 'run.cjs'), (await readFile(path.join(ws, 'run.cjs'), 'utf8')) + `fs.writeFileSync('out/rewritten.xml', ${JSON.stringify(suite(pass('c')))});\n`);
    const { outcome, ctx, result } = await runStage(ws, { command: ['node', 'run.cjs'], reports: ['out/*.xml'] });
    expect(outcome.state).toBe('passed');
    expect(outcome.counts).toMatchObject({ tests: 3, passed: 3 });
    expect(result?.reports.map((r) => r.path).sort()).toEqual(['out/copied.xml', 'out/fresh.xml', 'out/rewritten.xml']);
    expect(ctx.logger.text('warn')).toContain('out/stale.xml: ignored, the test command did not write it (a stale report from an earlier run)');
    expect(result?.command).toMatchObject({ argv: ['node', 'run.cjs'], shell: false, exitCode: 0 });
  });

  it('is errored naming the cwd, not the program, when the cwd does not exist', async () => {
    const ws = await workspace({ 'run.cjs': script('') });
    const { outcome } = await runStage(ws, { command: ['node', 'run.cjs'], reports: ['out/*.xml'], cwd: 'nosuchdir' });
    expect(outcome).toEqual({ state: 'errored', reason: 'cwd "nosuchdir" does not exist in the workspace' });
  });

  it('is errored when the command writes no report, even with a report of a run a moment before in its place', async () => {
    const ws = await workspace({ 'run.cjs': script('process.exit(0);'), 'out/r.xml': suite(pass('from the run before')) });
    const { outcome } = await runStage(ws, { command: ['node', 'run.cjs'], reports: ['out/r.xml'] });
    expect(outcome).toMatchObject({ state: 'errored', reason: expect.stringContaining('no JUnit report found for "out/r.xml" written by the test command') });
  });

  it('says a string command runs through bash -c', async () => {
    const ws = await workspace({ 'run.cjs': script(`fs.writeFileSync('out/r.xml', ${JSON.stringify(suite(pass('a')))});`) });
    const { outcome, ctx } = await runStage(ws, { command: 'node run.cjs && true', reports: ['out/r.xml'] });
    expect(outcome.state).toBe('passed');
    expect(ctx.logger.text('info')).toContain("$ bash -c 'node run.cjs && true'   (string command: run through bash -c)");
  });

  it('is errored when the command fails but its reports show no failing test', async () => {
    const ws = await workspace({ 'run.cjs': script(`fs.writeFileSync('out/r.xml', ${JSON.stringify(suite(pass('a')))}); process.exit(3);`) });
    const { outcome } = await runStage(ws, { command: ['node', 'run.cjs'], reports: ['out/r.xml'] });
    expect(outcome.state).toBe('errored');
    expect(outcome.reason).toBe('the test command exited with code 3 but its reports show no failing test: the reports may be incomplete');
  });

  it('re-runs the whole command for an unknown runner; a test that then passes is flaky and counted as passed', async () => {
    // Fails on the first run, passes on the second: state kept in a file, like a real flaky test's environment.
    const ws = await workspace({
      'run.cjs': script(`
const first = !fs.existsSync('out/.ran');
fs.writeFileSync('out/.ran', '1');
const t = first ? ${JSON.stringify(fail('wobbly', 'timing'))} : ${JSON.stringify(pass('wobbly'))};
fs.writeFileSync('out/r.xml', '<testsuite name="s">' + t + ${JSON.stringify(fail('solid', 'real bug'))} + '</testsuite>');
process.exit(1);`),
    });
    const { outcome, result, ctx, rows } = await runStage(ws, { command: ['node', 'run.cjs'], reports: ['out/r.xml'], retries: 2 });
    expect(result?.retries.map((r) => [r.attempt, r.mode, r.rerun, r.nowPassing])).toEqual([
      [1, 'whole-command', 2, 1],
      [2, 'whole-command', 1, 0],
    ]);
    expect(ctx.logger.text('info')).toContain('no known test runner');
    expect(outcome.counts).toMatchObject({ tests: 2, passed: 1, failed: 1, flaky: 1 });
    expect(rows.find((t) => t.name === 'wobbly')).toMatchObject({ class: 'flaky', outcome: 'passed', runs: 2 });
    expect(outcome.findings?.find((f) => f.ruleId === 'regression/flaky')?.level).toBe('warning');
    expect(outcome.state).toBe('failed');
  });

  it('re-runs only the failed vitest test (file and -t filter); the rest is not run again', async () => {
    const ws = await workspace({
      'vitest.config.mjs': "export default { test: { include: ['test/**/*.test.ts'] } };\n",
      'test/a.test.ts': [
        "import { describe, it, expect } from 'vitest';",
        "import fs from 'node:fs';",
        "describe('group', () => {",
        "  it('stable pass', () => { fs.appendFileSync('ran.txt', 'x'); expect(1).toBe(1); });",
        "  it('wobbly one', () => { const first = !fs.existsSync('state'); fs.writeFileSync('state', 'x'); expect(first).toBe(false); });",
        '});',
        '',
      ].join('\n'),
    });
    const vitest = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../node_modules/vitest/vitest.mjs');
    const { outcome, result, rows } = await runStage(ws, { command: [process.execPath, vitest, 'run', '--reporter=junit', '--outputFile=out/junit.xml'], retries: 1 });
    expect(result?.retries[0]).toMatchObject({ mode: 'failed-only', rerun: 1, nowPassing: 1 });
    expect(result?.retries[0]?.argv.slice(-3)).toEqual(['test/a.test.ts', '-t', '(?:wobbly one)$']);
    expect(await readFile(path.join(ws, 'ran.txt'), 'utf8')).toBe('x');
    expect(outcome.counts).toMatchObject({ tests: 2, passed: 2, flaky: 1 });
    expect(rows.find((t) => t.name === 'group > wobbly one')?.class).toBe('flaky');
    expect(outcome.state).toBe('passed');
  });
});
