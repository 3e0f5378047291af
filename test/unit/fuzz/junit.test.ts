// Fuzzing the JUnit reader: any bytes give test cases or a UserError naming the file, and never more test cases
// than the report has <testcase> tags.
import fc from 'fast-check';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/core/errors.js';
import { readJunitReport, type JunitTestCase } from '../../../src/stages/regression/junit-stream.js';
import { makeTempDir } from '../../helpers/stage-context.js';
import { FILE_RUNS, hostileNumber, hostileString, mutated, withBadBytes } from './arbitraries.js';

const attrValue = fc.oneof(hostileString, hostileNumber.map(String)).map((s) => s.replace(/&(?![a-z#0-9]+;)/gi, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;'));
const attrs = (names: string[]) =>
  fc.array(fc.tuple(fc.oneof(fc.constantFrom(...names), hostileString.filter((s) => /^[A-Za-z_][\w.-]*$/.test(s))), attrValue), { maxLength: 5 }).map((as) => as.map(([k, v]) => ` ${k}="${v}"`).join(''));
const body = fc.oneof(fc.constant(''), attrValue, hostileString.map((s) => `<![CDATA[${s}]]>`), hostileString.map((s) => `<!--${s.replace(/--/g, '')}-->`));
const child = fc
  .tuple(fc.constantFrom('failure', 'error', 'skipped', 'system-out', 'flakyFailure', 'rerunError', 'properties'), attrs(['message', 'type']), body)
  .map(([tag, a, b]) => (b ? `<${tag}${a}>${b}</${tag}>` : `<${tag}${a}/>`));
const testcase = fc.tuple(attrs(['name', 'classname', 'time', 'file', 'line', 'status']), fc.array(child, { maxLength: 3 })).map(([a, cs]) => (cs.length ? `<testcase${a}>${cs.join('')}</testcase>` : `<testcase${a}/>`));
const suite: fc.Arbitrary<string> = fc.letrec((tie) => ({
  suite: fc
    .tuple(attrs(['name', 'tests', 'failures', 'time', 'timestamp']), fc.array(fc.oneof({ depthSize: 'small' }, testcase, tie('suite') as fc.Arbitrary<string>), { maxLength: 4 }))
    .map(([a, items]) => `<testsuite${a}>${items.join('\n')}</testsuite>`),
})).suite;
const report = fc
  .tuple(fc.constantFrom('', '<?xml version="1.0" encoding="UTF-8"?>\n', '\uFEFF'), fc.boolean(), fc.array(suite, { minLength: 1, maxLength: 2 }))
  .map(([head, wrap, suites]) => head + (wrap ? `<testsuites>${suites.join('')}</testsuites>` : suites[0]!));

async function read(file: string, bytes: Buffer): Promise<void> {
  await writeFile(file, bytes);
  const seen: JunitTestCase[] = [];
  try {
    await readJunitReport(file, (t) => seen.push(t), { displayPath: 'r.xml', maxTagBytes: 64 * 1024 });
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    expect(e.message).toMatch(/^r\.xml(:\d+(:\d+)?)?: /);
  }
  const tags = bytes.toString('latin1').split('<testcase').length - 1;
  expect(seen.length).toBeLessThanOrEqual(tags);
}

describe('fuzzing the JUnit reader', () => {
  it('near-valid reports, mutated: test cases or a UserError at file:line:col', async () => {
    const file = path.join(await makeTempDir(), 'r.xml');
    await fc.assert(fc.asyncProperty(fc.oneof(report, mutated(report)), (text) => read(file, Buffer.from(text))), { numRuns: FILE_RUNS });
  });

  it('bytes that are not UTF-8, and any text: never an exception other than UserError', async () => {
    const file = path.join(await makeTempDir(), 'r.xml');
    await fc.assert(fc.asyncProperty(fc.oneof(withBadBytes(report), fc.string({ maxLength: 200 }).map((s) => Buffer.from(s))), (bytes) => read(file, bytes)), { numRuns: FILE_RUNS });
  });
});
