// The tests contract andon.tests/v1 (src/core/tests-contract.ts): what its writer writes its reader reads back, row by
// row, and a file that is not the contract is refused with its line.
import fc from 'fast-check';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  checkTestRow,
  describeTestCounts,
  readTests,
  type TestRow,
  testRowHead,
  testRowJson,
  testRowTail,
  TestRow as TestRowSchema,
  TESTS_FILE,
  TestsFileError,
  TestsWriter,
} from '../../../src/core/tests-contract.js';
import { makeTempDir } from '../../helpers/stage-context.js';

const rows: TestRow[] = [
  { id: 'a.ts › s › plain', suite: 's', classname: 'C', name: 'plain', outcome: 'passed', class: 'passed', traceTo: [], runs: 1, gating: false, reports: ['r.xml'] },
  {
    id: 'a.ts › s › needs "escapes" \\ \n and ✓ and \ud83d\ude00',
    suite: 's',
    classname: 'C',
    name: 'n',
    file: 'a.ts',
    line: 3,
    outcome: 'failed',
    class: 'regression',
    baselineOutcome: 'passed',
    traceTo: ['FR-1', 'REQ-2'],
    durationMs: 12,
    runs: 2,
    message: 'expected <1> got \u0001',
    gating: true,
    reports: ['r.xml', 'shard 2.xml'],
  },
  { id: 'gone', suite: '', classname: '', name: '', outcome: 'absent', class: 'removed', baselineOutcome: 'failed', traceTo: [], runs: 0, gating: false, reports: [] },
];

async function file(): Promise<string> {
  return path.join(await makeTempDir('andon-tests-'), TESTS_FILE);
}

async function readAll(f: string): Promise<{ rows: TestRow[]; header: unknown }> {
  const out: TestRow[] = [];
  const { header } = await readTests(f, (r) => out.push(r));
  return { rows: out, header };
}

describe('andon.tests/v1', () => {
  it('reads back what its writer wrote, row for row, through the schema', async () => {
    const f = await file();
    const w = new TestsWriter(f, 'unit');
    for (const r of rows) w.write(r);
    await w.close();
    expect(await readAll(f)).toEqual({ rows, header: { schema: 'andon.tests/v1', stage: 'unit' } });
    // gzipped NDJSON: a header line, then one JSON object a line, each what JSON.stringify would give (key order aside).
    const lines = gunzipSync(await readFile(f)).toString('utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(rows.length + 1);
    lines.slice(1).forEach((l, i) => expect(JSON.parse(l)).toEqual(rows[i]));
  });

  it('writes a row encoded in halves the same as a whole one', async () => {
    const r = rows[1]!;
    const halves = `{${testRowHead(r)}${testRowTail(r, JSON.stringify(r.message), JSON.stringify(r.reports))}`;
    expect(JSON.parse(halves)).toEqual(JSON.parse(testRowJson(r)));
    const f = await file();
    const w = new TestsWriter(f, 'unit');
    w.writeEncoded(Buffer.from(`{${testRowHead(r)}`), testRowTail(r, JSON.stringify(r.message), JSON.stringify(r.reports)));
    await w.close();
    expect((await readAll(f)).rows).toEqual([r]);
  });

  it('masks every line when told to', async () => {
    const f = await file();
    const w = new TestsWriter(f, 'unit', { mask: (t) => t.replaceAll('REQ-2', '***') });
    w.write(rows[1]!);
    w.writeEncoded(Buffer.from(`{${testRowHead(rows[1]!)}`), testRowTail(rows[1]!, undefined, '[]'));
    await w.close();
    const text = gunzipSync(await readFile(f)).toString('utf8');
    expect(text).not.toContain('REQ-2');
    expect(text.match(/\*\*\*/g)).toHaveLength(2);
  });

  it('streams a million rows with memory that does not grow with them', async () => {
    const f = await file();
    const w = new TestsWriter(f, 'unit');
    const n = 1_000_000;
    for (let i = 0; i < n; i++) if (!w.write({ ...rows[0]!, id: `t${i}`, name: `t${i}` })) await w.drain();
    await w.close();
    let seen = 0;
    let last = '';
    const heap0 = process.memoryUsage().heapUsed;
    let peak = 0;
    const { rows: count } = await readTests(f, (r) => {
      seen++;
      last = r.id;
      if (seen % 100_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - heap0);
    });
    expect([seen, count, last]).toEqual([n, n, `t${n - 1}`]);
    // A reader that kept the rows would hold well over 100 MB by the millionth.
    expect(peak).toBeLessThan(64 * 1024 * 1024);
  });

  it('checks a row as the schema does: its quick check never lets through what TestRow refuses', () => {
    // Values at the schema's edges: 0 and negatives for counts and lines, non-integers, past-safe integers, other states.
    const edges: unknown[] = [0, -1, 0.5, 1, 2 ** 53, 'passed', 'failed', 'absent', 'removed', 'green', '', true, null, [], ['x'], [1], {}, undefined];
    const edge = fc.constantFrom(...edges);
    const value = fc.oneof(edge, edge, fc.string({ maxLength: 4 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.oneof(fc.string({ maxLength: 3 }), fc.integer()), { maxLength: 2 }));
    const field = fc.constantFrom<string>(...Object.keys(TestRowSchema.shape), 'extra', '__proto__', 'constructor');
    const near = fc.tuple(fc.constantFrom(...rows), fc.array(fc.tuple(field, fc.oneof(value, fc.constant(undefined))), { maxLength: 3 })).map(([base, edits]) => {
      // Through JSON, as a tests file hands rows over: undefined drops a key, "__proto__" is an own key.
      const r = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
      for (const [k, v] of edits) Object.defineProperty(r, k, { value: v, enumerable: v !== undefined, configurable: true, writable: true });
      return JSON.parse(JSON.stringify(r)) as unknown;
    });
    fc.assert(
      fc.property(fc.oneof(near, value), (json) => {
        const quick = checkTestRow(json);
        const schema = TestRowSchema.safeParse(json);
        expect(quick.ok).toBe(schema.success);
        if (quick.ok && schema.success) expect(quick.row).toEqual(schema.data);
        else if (!quick.ok) expect(quick.why).not.toBe('');
      }),
      { numRuns: 2000 },
    );
    // Every field of every sample row set to every edge value, one at a time.
    const agree = (json: unknown) => expect(checkTestRow(json).ok, JSON.stringify(json)).toBe(TestRowSchema.safeParse(json).success);
    for (const base of rows)
      for (const k of [...Object.keys(TestRowSchema.shape), 'extra'])
        for (const v of edges) agree(JSON.parse(JSON.stringify({ ...base, [k]: v })));
    for (const r of rows) expect(checkTestRow(JSON.parse(testRowJson(r)))).toEqual({ ok: true, row: r });
  });

  it('refuses a file that is not the contract, with its line', async () => {
    const cases: [string, Buffer | string, RegExp][] = [
      ['not gzip', 'plain text', /^t\.gz: cannot be read as gzipped NDJSON: /],
      ['a wrong header', gzipSync('{"schema":"andon.tests/v2","stage":"u"}\n'), /^t\.gz:1: not an andon\.tests\/v1 header: schema: /],
      ['a row that is not JSON', gzipSync('{"schema":"andon.tests/v1","stage":"u"}\n{"id":\n'), /^t\.gz:2: not JSON: /],
      ['a row missing fields', gzipSync(`{"schema":"andon.tests/v1","stage":"u"}\n${testRowJson(rows[0]!)}\n{"id":"x"}\n`), /^t\.gz:3: not a test row: /],
      ['an unknown state', gzipSync(`{"schema":"andon.tests/v1","stage":"u"}\n${testRowJson(rows[0]!).replace('"outcome":"passed"', '"outcome":"green"')}\n`), /^t\.gz:2: not a test row: outcome: /],
      ['an empty file', gzipSync(''), /^t\.gz:1: empty: no andon\.tests\/v1 header/],
    ];
    for (const [what, bytes, message] of cases) {
      const f = await file();
      await writeFile(f, bytes);
      const err = await readTests(f, () => {}, 't.gz').then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, what).toBeInstanceOf(TestsFileError);
      expect((err as Error).message, what).toMatch(message);
    }
  });

  it('describes a stage record’s test counts, and nothing for a stage that records none', () => {
    expect(describeTestCounts({ tests: 9, passed: 4, failed: 4, errors: 0, skipped: 1, flaky: 0, regressions: 1, findings: { error: 1 } })).toBe(
      'tests 9; passed 4; failed 4; flaky 0; regressions 1',
    );
    expect(describeTestCounts({ findings: { error: 1 } })).toBeNull();
    expect(describeTestCounts({ tests: 10 })).toBeNull();
  });
});
