import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BaselineWriter, readBaseline, type BaselineEntry } from '../../../src/stages/regression/baseline-file.js';
import { BaselineMatch, ClassTally, classOf } from '../../../src/stages/regression/classify.js';
import type { CollectedCase, TestCollector } from '../../../src/stages/regression/test-collector.js';
import { normaliseTestFile, testId } from '../../../src/stages/regression/test-identity.js';
import { TestNameMatcher } from '../../../src/stages/regression/test-names.js';
import { DUPLICATE, FLAKY } from '../../../src/stages/regression/test-table.js';
import { makeTempDir } from '../../helpers/stage-context.js';
import { closeAfterTest, collector } from './temp-files.js';


const tc = (name: string, outcome: CollectedCase['outcome'], extra: Partial<CollectedCase> = {}): CollectedCase => ({ suites: ['s'], classname: 'C', name, outcome, flaky: false, reruns: 0, ...extra });

/** What the collector holds, test by test, read back the way the stage reads it. */
function contents(c: TestCollector) {
  const out = [];
  for (const t of c.tests()) {
    const i = t.i;
    out.push({
      id: t.id(),
      outcome: c.outcome(i),
      flaky: (c.cols.flags.get(i) & FLAKY) !== 0,
      duplicate: (c.cols.flags.get(i) & DUPLICATE) !== 0,
      runs: c.cols.runs.get(i),
      reports: c.reports.paths(c.cols.reportSet.get(i)),
      message: t.strings().message,
    });
  }
  return out;
}

async function baselineBytes(entries: BaselineEntry[]): Promise<Buffer> {
  const file = path.join(await makeTempDir('andon-baseline-'), 'baseline.json');
  const w = new BaselineWriter(file, 'unit');
  for (const e of entries) w.add(e[0], e[1], e[2], e[3] === true);
  await w.close();
  return readFile(file);
}

describe('test identity', () => {
  it('is stable across machines and drops repeated parts', () => {
    expect(testId({ suites: ['com.acme.FooTest'], classname: 'com.acme.FooTest', name: ' adds  two ' })).toBe('com.acme.FooTest › adds two');
    expect(testId({ suites: [], classname: 'test/a.test.ts', name: 'x > y', file: 'test/a.test.ts' })).toBe('test/a.test.ts › x > y');
    expect(normaliseTestFile('/ws/src/a.ts', '/ws')).toBe('src/a.ts');
    expect(normaliseTestFile('.\\src\\a.ts', '/ws')).toBe('src/a.ts');
    expect(normaliseTestFile('/home/runner/work/other/a.py', '/ws')).toBeUndefined();
    expect(normaliseTestFile('../a.ts', '/ws')).toBeUndefined();
  });

  it('matches quarantine entries by whole id or trailing parts', () => {
    const m = new TestNameMatcher(['C › t', 'other  test', 'never']);
    const test = (id: string) => ({ id, classname: '', name: id.split(' › ').pop() ?? id });
    const ids = ['f › S › C › t', 'C › t', 'S › other test', 'f › S › C › t2', 'f › SC › t', 'other test x', 'f › S › C'];
    expect(ids.map((id) => m.matches(test(id)))).toEqual([true, true, true, false, false, false, false]);
    expect(m.unmatched()).toEqual(['never']);
    expect(new TestNameMatcher([]).matches(test('anything'))).toBe(false);
  });

  it('matches quarantine entries written as the runner prints a test: node ids, dotted names, vitest and › paths', () => {
    const py = { id: 'pytest › tests.test_x.TestC › test_y[1-a]', classname: 'tests.test_x.TestC', name: 'test_y[1-a]' };
    const vt = { id: 'test/a.test.ts › group > wobbly one', classname: 'test/a.test.ts', name: 'group > wobbly one' };
    const java = { id: 'com.acme.FooTest › adds', classname: 'com.acme.FooTest', name: 'adds' };
    const cases: [string, boolean[]][] = [
      ['tests/test_x.py::TestC::test_y[1-a]', [true, false, false]],
      ['tests/test_x.py::TestC::test_y', [true, false, false]],
      ['tests/test_x.py::TestC::test_y[2-b]', [false, false, false]],
      ['tests.test_x.TestC.test_y', [true, false, false]],
      ['TestC.test_y[1-a]', [true, false, false]],
      ['test/a.test.ts > group > wobbly one', [false, true, false]],
      ['group › wobbly one', [false, true, false]],
      ['com.acme.FooTest.adds', [false, false, true]],
      ['FooTest › adds', [false, false, true]],
    ];
    for (const [entry, want] of cases) {
      const m = new TestNameMatcher([entry]);
      expect([py, vt, java].map((t) => m.matches(t)), entry).toEqual(want);
      expect(m.unmatched(), entry).toEqual(want.includes(true) ? [] : [entry]);
    }
  });

  it('tells retries in one report from parametrised invocations and merges shards', () => {
    const c = collector();
    c.add(tc('param', 'passed'), 'a.xml');
    c.add(tc('param', 'passed'), 'a.xml');
    c.add(tc('retried', 'failed', { message: 'first' }), 'a.xml');
    c.add(tc('retried', 'passed'), 'a.xml');
    c.add(tc('param', 'passed'), 'b.xml');
    expect(contents(c)).toEqual([
      { id: 's › C › param', outcome: 'passed', flaky: false, duplicate: true, runs: 2, reports: ['a.xml', 'b.xml'], message: undefined },
      { id: 's › C › param [#2]', outcome: 'passed', flaky: false, duplicate: false, runs: 1, reports: ['a.xml'], message: undefined },
      { id: 's › C › retried', outcome: 'passed', flaky: true, duplicate: false, runs: 2, reports: ['a.xml'], message: 'first' },
    ]);
  });

  it('fails a test that failed in any leg, with that leg\'s failure, and says where it failed and passed', () => {
    const c = collector();
    c.add(tc('wobbly', 'passed'), 'a.xml');
    c.add(tc('wobbly', 'failed', { message: 'broke later', stack: [{ path: 'src/a.ts', line: 3 }] }), 'b.xml');
    c.add(tc('first-leg-fails', 'failed', { message: 'on node 22' }), 'node-22.xml');
    c.add(tc('first-leg-fails', 'passed'), 'node-20.xml');
    c.add(tc('was-skipped', 'skipped', { message: 'not here' }), 'a.xml');
    c.add(tc('was-skipped', 'errored', { message: 'crashed' }), 'b.xml');
    c.add(tc('skipped-here', 'skipped'), 'a.xml');
    c.add(tc('skipped-here', 'passed'), 'b.xml');
    const got = [];
    for (const t of c.tests()) got.push([t.id(), c.outcome(t.i), c.isFlaky(t.i), t.strings().message, t.strings().stack, c.legOutcomes(t.i)]);
    expect(got).toEqual([
      ['s › C › wobbly', 'failed', false, 'broke later', '[{"path":"src/a.ts","line":3}]', { failedIn: ['b.xml'], passedIn: ['a.xml'] }],
      ['s › C › first-leg-fails', 'failed', false, 'on node 22', undefined, { failedIn: ['node-22.xml'], passedIn: ['node-20.xml'] }],
      ['s › C › was-skipped', 'errored', false, 'crashed', undefined, { failedIn: ['b.xml'], passedIn: [] }],
      ['s › C › skipped-here', 'passed', false, undefined, undefined, { failedIn: [], passedIn: ['b.xml'] }],
    ]);
  });

  it('keeps flaky for a failure then a pass within one leg (retries, rerun elements), and only when no leg failed', () => {
    const c = collector();
    c.add(tc('retried', 'failed', { message: 'first' }), 'a.xml');
    c.add(tc('retried', 'passed'), 'a.xml');
    c.add(tc('retried', 'passed'), 'b.xml');
    c.add(tc('rerun-element', 'passed', { flaky: true }), 'a.xml');
    c.add(tc('flaky-here-failed-there', 'failed'), 'a.xml');
    c.add(tc('flaky-here-failed-there', 'passed'), 'a.xml');
    c.add(tc('flaky-here-failed-there', 'failed', { message: 'for real' }), 'b.xml');
    const got = [];
    for (const t of c.tests()) got.push([t.id(), c.outcome(t.i), c.isFlaky(t.i)]);
    expect(got).toEqual([
      ['s › C › retried', 'passed', true],
      ['s › C › rerun-element', 'passed', true],
      ['s › C › flaky-here-failed-there', 'failed', false],
    ]);
  });

  it('names a leg by its host when one report file holds the suites of several machines', () => {
    const c = collector();
    c.add(tc('t', 'passed', { host: 'runner-a' }), 'merged.xml');
    c.add(tc('t', 'failed', { host: 'runner-b' }), 'merged.xml');
    c.add(tc('u', 'failed', { host: 'runner-a' }), 'merged.xml');
    c.add(tc('u', 'passed', { host: 'runner-a' }), 'merged.xml');
    const got = [];
    for (const t of c.tests()) got.push([t.id(), c.outcome(t.i), c.isFlaky(t.i), c.legOutcomes(t.i)]);
    expect(got).toEqual([
      ['s › C › t', 'failed', false, { failedIn: ['merged.xml (hostname runner-b)'], passedIn: ['merged.xml (hostname runner-a)'] }],
      // Two runs on one host in one file: retries of the same job.
      ['s › C › u', 'passed', true, null],
    ]);
  });

  it('makes a test that failed in a leg flaky when Andon\'s retry passes it', () => {
    const c = collector();
    c.add(tc('t', 'passed'), 'a.xml');
    c.add(tc('t', 'failed'), 'b.xml');
    c.add(tc('t', 'passed'), 'retry.xml', true);
    const t = [...c.tests()][0];
    expect([c.outcome(0), c.isFlaky(0), c.cols.runs.get(0), t?.id()]).toEqual(['passed', true, 3, 's › C › t']);
  });

  it('takes back everything a report did when it is rolled back: new tests, merges, replaced details, the spill', () => {
    const c = collector();
    c.begin();
    c.add(tc('kept', 'skipped', { message: 'skip' }), 'a.xml');
    c.commit();
    const before = contents(c);
    c.begin();
    c.add(tc('kept', 'failed', { message: 'boom' }), 'b.xml');
    for (let i = 0; i < 3000; i++) c.add(tc(`gone ${i}`, 'passed'), 'b.xml');
    c.rollback();
    expect(contents(c)).toEqual(before);
    expect(c.find('s › C › gone 7')).toBe(-1);
    // The index still finds what it had and takes new tests after the rollback.
    expect(c.find('s › C › kept')).toBe(0);
    c.add(tc('after', 'passed'), 'c.xml');
    expect(contents(c).map((t) => t.id)).toEqual(['s › C › kept', 's › C › after']);
  });
});

describe('classify', () => {
  it('gives each combination of outcome and baseline its class, and counts what gates', () => {
    const cases: [string, Parameters<typeof classOf>, string][] = [
      ['p', ['passed', false, 'passed', true, false], 'passed'],
      ['r', ['failed', false, 'passed', true, false], 'regression'],
      ['k', ['errored', false, 'failed', true, false], 'known-failure'],
      ['f', ['passed', false, 'errored', true, false], 'fixed'],
      ['n', ['failed', false, undefined, true, false], 'new-failure'],
      ['was-skipped', ['failed', false, 'skipped', true, false], 'new-failure'],
      ['np', ['passed', false, undefined, true, false], 'new-passing'],
      ['fl', ['passed', true, 'passed', true, false], 'flaky'],
      ['q', ['failed', false, 'passed', true, true], 'quarantined'],
      ['s', ['skipped', false, 'passed', true, false], 'skipped'],
    ];
    for (const [what, args, want] of cases) expect(classOf(...args), what).toBe(want);
    const tally = new ClassTally(['regression', 'new-failure', 'removed'], true);
    for (const [, args] of cases) tally.count(classOf(...args));
    tally.count('removed');
    expect(tally.gating).toBe(4);
    expect(tally.gatingText()).toBe('1 regression, 2 new-failure, 1 removed');
  });

  it('without a baseline, gates on every failure whatever failOn says', () => {
    const tally = new ClassTally(['regression'], false);
    expect([classOf('failed', false, undefined, false, false), classOf('passed', false, undefined, false, false)]).toEqual(['new-failure', 'passed']);
    expect([tally.count('new-failure'), tally.count('passed')]).toEqual([true, false]);
  });

  it('matches a baseline against the tests in one read: their baseline outcome, and the removed ones', async () => {
    const c = collector();
    for (const [name, o] of [['p', 'passed'], ['r', 'failed'], ['n', 'failed']] as const) c.add(tc(name, o), 'a.xml');
    const bytes = await baselineBytes([
      ['s › C › p', 'passed', 12],
      ['s › C › gone', 'failed', null, true],
      ['s › C › r', 'passed', null],
    ]);
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    const read = await BaselineMatch.read(bytes, c);
    if (!('match' in read)) throw new Error(read.why);
    closeAfterTest(read.match);
    const m = read.match;
    expect([m.stage, m.entries, m.removed]).toEqual(['unit', 3, 1]);
    expect([0, 1, 2].map((i) => [m.baseOutcome(i), m.baseMs(i)])).toEqual([['passed', 12], ['passed', undefined], [undefined, undefined]]);
    const removed = [];
    for (const r of m.removedTests()) removed.push({ id: r.id(), outcome: r.outcome, flaky: r.flaky, head: r.head.toString() });
    expect(removed).toEqual([{ id: 's › C › gone', outcome: 'failed', flaky: true, head: '{"id":"s › C › gone"' }]);
  });

  it('reads a baseline as earlier versions wrote it (plain JSON on one line) and as a person may format it', async () => {
    const doc = { schema: 'andon.regression-baseline/v1', stage: 'u', tests: [['a', 'passed', 1], ['b', 'failed', null, true]] };
    for (const bytes of [Buffer.from(JSON.stringify(doc)), gzipSync(JSON.stringify(doc, null, 2))]) {
      const seen: BaselineEntry[] = [];
      expect(await readBaseline(bytes, (e) => seen.push(e))).toEqual({ ok: true, stage: 'u', entries: 2 });
      expect(seen).toEqual(doc.tests);
    }
  });

  it('refuses a malformed baseline with the entry it stops at', async () => {
    const bad = (tests: unknown[]) => ({ schema: 'andon.regression-baseline/v1', stage: 'u', tests });
    const line = await readBaseline(gzipSync('{"schema":"andon.regression-baseline/v1","stage":"u","tests":[\n["a › b","passed",1],\n["c","green",null]\n]}\n'), () => {});
    expect(line.ok).toBe(false);
    expect(!line.ok && line.why).toMatch(/^tests\[1\] \("c"\): .*Invalid/);
    const whole = await readBaseline(Buffer.from(JSON.stringify(bad([['a › b', 'passed', 1], ['c', 'green', null]]))), () => {});
    expect(!whole.ok && whole.why).toMatch(/^tests\[1\] \("c"\): .*Invalid/);
    const cut = await baselineBytes([['a', 'passed', 1], ['b', 'passed', 1]]);
    const truncated = await readBaseline(cut.subarray(0, cut.length - 12), () => {});
    expect(truncated.ok).toBe(false);
    expect(await readBaseline(Buffer.from('{"schema":"andon.findings-baseline/v1","stage":"x","entries":[]}'), () => {})).toMatchObject({ ok: false, why: expect.stringMatching(/schema/) });
  });
});
