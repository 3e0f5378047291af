// Bad input at scale: many tests, one name for all of them, a baseline of millions, a broken build failing thousands.
// Each is checked by counts of work and memory retained, never by wall-clock time (that is bench/regression-stage).
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/core/config.js';
import { runLine } from '../../../src/core/line.js';
import { FsStore } from '../../../src/core/store.js';
import { TESTS_FILE } from '../../../src/core/tests-contract.js';
import { defaultRegistry } from '../../../src/stages/index.js';
import { thisProcess } from '../../../src/this-process.js';
import { BaselineWriter } from '../../../src/stages/regression/baseline-file.js';
import { BaselineMatch } from '../../../src/stages/regression/classify.js';
import { readReports } from '../../../src/stages/regression/read-reports.js';
import type { FoundReport } from '../../../src/stages/regression/report-files.js';
import type { CollectedCase } from '../../../src/stages/regression/test-collector.js';
import { MAX_FINDINGS_PER_CLASS } from '../../../src/stages/regression/test-findings.js';
import { makeRepo, writeFiles } from '../../helpers/git-repo.js';
import { makeTempDir } from '../../helpers/stage-context.js';
import { closeAfterTest, collector } from './temp-files.js';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Heap and typed-array memory in use once garbage is collected: what is really kept. */
function retained(): number {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}


const tc = (name: string, outcome: CollectedCase['outcome'] = 'passed'): CollectedCase => ({ suites: ['suite'], classname: 'pkg.SomeTest', name, file: 'test/some.test.ts', outcome, flaky: false, reruns: 0, time: 0.01 });

async function report(name: string, cases: string, count: number): Promise<FoundReport> {
  const dir = await makeTempDir('andon-scale-');
  const abs = path.join(dir, name);
  await writeFile(abs, `<testsuite name="s">\n${cases.repeat(count)}</testsuite>\n`);
  return { rel: name, abs, within: dir, identity: '', bytes: 0 };
}

describe('regression stage at scale', () => {
  it('keeps tens of bytes per test in memory, not an object per test', async () => {
    const sizes = [100_000, 400_000];
    const grown: number[] = [];
    for (const n of sizes) {
      const before = retained();
      const c = collector();
      for (let i = 0; i < n; i++) c.add(tc(`does thing ${i} with a name as long as real ones are`, i % 20 === 0 ? 'failed' : 'passed'), 'r.xml');
      grown.push(retained() - before);
      expect(c.size).toBe(n);
      expect(c.bytes / c.size).toBeLessThan(80);
    }
    // An object and its strings per test would be hundreds of bytes each: 400k tests keep far less than that.
    expect(grown[1]! / sizes[1]!).toBeLessThan(120);
    expect(grown[1]! / grown[0]!).toBeLessThan(sizes[1]! / sizes[0]! + 1);
  });

  it('reads a report whose every test has the same name in work that grows linearly', async () => {
    const probesPerTest: number[] = [];
    for (const n of [50_000, 200_000]) {
      const c = collector();
      const passing = await report('same.xml', '<testcase classname="C" name="same"/>\n', n);
      const failing = await report('fails.xml', '<testcase classname="D" name="same"><failure message="x"/></testcase>\n', n);
      const reads = await readReports([passing, failing], c, { maxReportBytes: 1e9 });
      expect(reads.map((r) => r.testcases)).toEqual([n, n]);
      // Passing runs of one name in one report are invocations of their own (TestNG data providers); failing ones,
      // retries of one test (Gradle's test-retry).
      expect(c.size).toBe(n + 1);
      expect(c.find(`s › C › same [#${n}]`)).toBe(n - 1);
      expect(c.cols.runs.get(c.find('s › D › same'))).toBe(n);
      probesPerTest.push(c.index.probes / (2 * n));
    }
    // Work per test stays flat (quadratic work would make it grow 4× with 4× the tests); the index's fill varies a little.
    expect(probesPerTest[0]).toBeLessThan(8);
    expect(probesPerTest[1]!).toBeLessThan(8);
    expect(probesPerTest[1]! / probesPerTest[0]!).toBeLessThan(3);
  });

  it('matches a baseline of 5 million tests without keeping them: the removed ones stream to disk', async () => {
    const dir = await makeTempDir('andon-baseline-');
    const file = path.join(dir, 'baseline.json');
    const w = new BaselineWriter(file, 'unit');
    const n = 5_000_000;
    for (let i = 0; i < n; i++) if (!w.add(`suite › pkg.SomeTest › t${i}`, i % 50 === 0 ? 'failed' : 'passed', 3, false)) await w.drain();
    await w.close();
    const bytes = await readFile(file);
    const c = collector();
    for (let i = 0; i < 1000; i++) c.add({ suites: ['suite'], classname: 'pkg.SomeTest', name: `t${i * 7}`, outcome: 'passed', flaky: false, reruns: 0 }, 'r.xml');
    const before = retained();
    const read = await BaselineMatch.read(bytes, c);
    if (!('match' in read)) throw new Error(read.why);
    closeAfterTest(read.match);
    const kept = retained() - before;
    expect([read.match.entries, read.match.removed]).toEqual([n, n - 1000]);
    expect(read.match.baseOutcome(c.find('suite › pkg.SomeTest › t350'))).toBe('failed');
    // Five million entries as objects would be hundreds of MB; matched against 1,000 tests, next to nothing is kept.
    expect(kept).toBeLessThan(16 * 1024 * 1024);
    let removed = 0;
    for (const _ of read.match.removedTests()) removed++;
    expect(removed).toBe(n - 1000);
  }, 240_000);

  it('a broken build failing 20,000 tests: every count in the record, the first findings per class, a folder smaller than the report', async () => {
    const failing = '<testcase classname="C" name="t{i}" file="src/t.ts" line="3"><failure message="broke">at x (src/t.ts:3:1)</failure></testcase>\n';
    const cases = Array.from({ length: 20_000 }, (_, i) => failing.replace('{i}', String(i))).join('') + Array.from({ length: 20_000 }, (_, i) => `<testcase classname="C" name="ok${i}"/>\n`).join('');
    const yml = 'version: 1\nline:\n  - id: unit\n    uses: regression\n    with:\n      reports: ["reports/*.xml"]\n';
    const ws = await makeRepo({ 'andon.yml': yml, 'src/t.ts': 'a\nb\nc\n' });
    await writeFiles(ws, { 'reports/r.xml': `<testsuite name="s">\n${cases}</testsuite>\n` });
    const registry = defaultRegistry();
    const store = new FsStore(path.join(ws, '.andon/runs'));
    const record = await runLine({ workspace: ws, config: parseConfig(yml, 'andon.yml', registry), registry, store, env: { PATH: process.env.PATH, HOME: process.env.HOME }, writer: thisProcess() });
    const unit = record.stages[0]!;
    expect(unit.state).toBe('failed');
    expect(unit.counts).toMatchObject({ tests: 40_000, failed: 20_000, passed: 20_000, findings: { error: MAX_FINDINGS_PER_CLASS, note: 1 } });
    const dir = store.stageDir(record.serial, 'unit');
    const sarif = JSON.parse(await readFile(path.join(dir, 'findings.sarif'), 'utf8')) as { runs: { results: { ruleId: string; message: { text: string } }[] }[] };
    const results = sarif.runs[0]!.results;
    expect(results).toHaveLength(MAX_FINDINGS_PER_CLASS + 1);
    expect(results.find((r) => r.ruleId === 'regression/findings-cut')?.message.text).toBe(
      `19000 more new-failure tests have no finding here: the first 1000 of 20000 are listed; ${TESTS_FILE} in the stage folder has every test and its class`,
    );
    const result = JSON.parse(await readFile(path.join(dir, 'result.json'), 'utf8')) as { findingsCut: unknown; tests: unknown };
    expect(result.findingsCut).toEqual([{ class: 'new-failure', total: 20_000, kept: 1000 }]);
    expect(result.tests).toEqual({ file: TESTS_FILE, schema: 'andon.tests/v1', rows: 40_000 });
    let folder = 0;
    for (const f of await readdir(dir)) folder += (await stat(path.join(dir, f))).size;
    expect(folder).toBeLessThan((await stat(path.join(ws, 'reports/r.xml'))).size);
  }, 120_000);
});
