import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeEntities, parseTime, readJunitReport, type JunitTestCase } from '../../../src/stages/regression/junit-stream.js';
import { makeTempDir } from '../../helpers/stage-context.js';

async function write(content: string | Buffer, name = 'report.xml'): Promise<string> {
  const dir = await makeTempDir('andon-junit-');
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

async function read(content: string | Buffer, opts: Parameters<typeof readJunitReport>[2] = {}): Promise<{ tests: JunitTestCase[]; suites: number }> {
  const file = await write(content);
  const tests: JunitTestCase[] = [];
  const summary = await readJunitReport(file, (t) => tests.push(t), { displayPath: 'report.xml', ...opts });
  return { tests, suites: summary.suites };
}

async function failure(content: string | Buffer, opts: Parameters<typeof readJunitReport>[2] = {}): Promise<string> {
  try {
    await read(content, opts);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the report to be refused');
}

const RICH = `<?xml version="1.0" encoding="UTF-8"?>
<!-- produced by a runner -->
<testsuites name="all" tests="7">
  <testsuite name="outer" tests="6" time="1,234.5">
    <properties><property name="java.version" value="21"/></properties>
    <testsuite name="inner">
      <testcase classname="pkg.A" name="passes" time="0.5" file="src/a.ts" line="12"/>
      <testcase classname="pkg.A" name="fails &amp; says &lt;why&gt;" time="0,25">
        <failure message="expected 1 &#x3C; 2&#10;second line" type="Assert"><![CDATA[at foo (src/a.ts:40:3)
  <not a tag> & not an entity]]></failure>
        <system-out><![CDATA[noise <x>]]></system-out>
      </testcase>
    </testsuite>
    <testcase classname="pkg.B" name="errors"><error message="boom">stack &amp; more</error></testcase>
    <testcase classname="pkg.B" name="skipped"><skipped/></testcase>
    <testcase classname="pkg.B" name="disabled" status="disabled"/>
    <testcase classname="pkg.C" name="flaky"><flakyFailure message="first try"/><system-err>e</system-err></testcase>
    <testcase classname="pkg.C" name="rerun-failed"><failure message="still"/><rerunFailure message="again"/><rerunFailure/></testcase>
  </testsuite>
  <testcase classname="loose" name="outside any suite"/>
</testsuites>
`;

describe('readJunitReport', () => {
  it('reads nested suites, outcomes, surefire flaky/rerun, CDATA, properties, file/line, times and entities', async () => {
    const { tests, suites } = await read(RICH);
    expect(suites).toBe(2);
    expect(tests.map((t) => [t.name, t.outcome])).toEqual([
      ['passes', 'passed'],
      ['fails & says <why>', 'failed'],
      ['errors', 'errored'],
      ['skipped', 'skipped'],
      ['disabled', 'skipped'],
      ['flaky', 'passed'],
      ['rerun-failed', 'failed'],
      ['outside any suite', 'passed'],
    ]);
    const [passes, fails, errors, , , flaky, rerun, loose] = tests;
    expect(passes).toMatchObject({ suites: ['outer', 'inner'], classname: 'pkg.A', file: 'src/a.ts', line: 12, time: 0.5 });
    expect(fails?.time).toBe(0.25);
    expect(fails?.message).toBe('expected 1 < 2');
    expect(fails?.details).toBe('at foo (src/a.ts:40:3)\n  <not a tag> & not an entity');
    expect(errors?.message).toBe('boom');
    expect(errors?.details).toBe('stack & more');
    expect(flaky?.flaky).toBe(true);
    expect(rerun).toMatchObject({ reruns: 2, flaky: false, message: 'still' });
    expect(loose?.suites).toEqual([]);
  });

  it('gives the same result whatever the chunk size (constructs split across reads)', async () => {
    const whole = await read(RICH);
    for (const hwm of [1, 2, 3, 7, 13, 64]) {
      const part = await read(RICH, { highWaterMark: hwm });
      expect(part.tests, `highWaterMark ${hwm}`).toEqual(whole.tests);
    }
  });

  it('reads a testsuite root, a BOM, UTF-16 with BOM and a latin1 declaration', async () => {
    const doc = '<testsuite name="s"><testcase classname="c" name="caf\u00e9 \u2713"/></testsuite>';
    const bom = await read(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(doc)]));
    expect(bom.tests[0]?.name).toBe('café ✓');
    const le = await read(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(doc, 'utf16le')]), { highWaterMark: 5 });
    expect(le.tests[0]?.name).toBe('café ✓');
    const latin = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><testsuite><testcase name="caf\u00e9"/></testsuite>', 'latin1');
    expect((await read(latin)).tests[0]?.name).toBe('café');
  });

  it('refuses a DOCTYPE / entity declaration with file:line:col and does not expand it', async () => {
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n <!ENTITY lol2 "&lol;&lol;&lol;&lol;">\n]>\n<testsuite><testcase name="&lol2;"/></testsuite>`;
    expect(await failure(bomb)).toMatch(/^report\.xml:2:1: document type or entity declaration \(<!DOCTYPE…\) refused/);
    // An undeclared entity reference is an error too, never left to a parser to resolve.
    expect(await failure('<testsuite><testcase name="&lol;"/></testsuite>')).toMatch(/^report\.xml:1:28: undefined or malformed entity reference '&lol;'/);
  });

  it('names the line and column of malformed XML', async () => {
    expect(await failure('<testsuite>\n  <testcase name="a">\n  </testsuite>')).toBe(
      'report.xml:3:3: end tag </testsuite> does not match <testcase> (<testcase> opened at 2:3)',
    );
    expect(await failure('<testsuite>\n<testcase name="a<b"/></testsuite>')).toMatch(/^report\.xml:2:18: '<' is not allowed in the value of attribute name/);
    expect(await failure('<testsuite><testcase name=a/></testsuite>')).toMatch(/^report\.xml:1:27: value of attribute name of <testcase> must be quoted/);
  });

  it('refuses an empty file, a truncated file, non-XML and XML that is not JUnit', async () => {
    expect(await failure('')).toBe('report.xml:1:1: empty file: not a JUnit report');
    expect(await failure('<testsuites>\n<testsuite name="x">\n<testcase name="a"><failure><![CDATA[trunc')).toBe(
      'report.xml:3:43: unexpected end of file inside a CDATA section (CDATA section opened at 3:29)',
    );
    expect(await failure('<testsuite><testcase name="a"/>')).toBe('report.xml:1:32: unexpected end of file: <testsuite> is not closed (<testsuite> opened at 1:1)');
    expect(await failure('hello, world\n')).toBe("report.xml:1:1: content before the root element (found 'h'): not XML");
    expect(await failure('<?xml version="1.0"?>\n<suites><suite><case/></suite></suites>')).toBe(
      'report.xml:2:1: not a JUnit report: the root element is <suites>, expected <testsuites> or <testsuite>',
    );
  });

  it('refuses a report over the size cap without reading it', async () => {
    const msg = await failure(RICH, { maxBytes: 100 });
    expect(msg).toBe(`report.xml: report is ${Buffer.byteLength(RICH)} bytes, over the limit of 100 bytes (maxReportBytes); refused without reading`);
  });

  it('refuses a tag longer than the tag cap instead of buffering it', async () => {
    const msg = await failure(`<testsuite><testcase name="${'n'.repeat(5000)}"/></testsuite>`, { maxTagBytes: 1000, highWaterMark: 256 });
    expect(msg).toBe('report.xml:1:12: tag longer than 1000 bytes: refused (no real JUnit tag is that long)');
  });

  it('refuses a tag over the cap even when it arrives whole in one read', async () => {
    // The whole file fits in the first read, so the tag is never "incomplete": the cap must hold all the same.
    const msg = await failure(`<testsuite>\n  <testcase name="${'n'.repeat(2000)}"/></testsuite>`, { maxTagBytes: 1000 });
    expect(msg).toBe('report.xml:2:3: tag longer than 1000 bytes: refused (no real JUnit tag is that long)');
    // The default cap, 16 MiB, against a 20 MiB tag that completes after the read buffer doubled past 16 MiB.
    const big = await failure(`<testsuite><testcase name="x" a="${'v'.repeat(20 * 1024 * 1024)}"/></testsuite>`);
    expect(big).toBe(`report.xml:1:12: tag longer than ${16 * 1024 * 1024} bytes: refused (no real JUnit tag is that long)`);
    const under = await read(`<testsuite><testcase name="x" a="${'v'.repeat(999_900)}"/></testsuite>`, { maxTagBytes: 1_000_000 });
    expect(under.tests.map((t) => t.name)).toEqual(['x']);
  });

  it('reads a test case with many attributes in time that grows linearly with their number', async () => {
    const tagWith = (n: number) => {
      let attrs = '';
      for (let i = 0; i < n; i++) attrs += ` a${i}="v"`;
      return `<testsuite><testcase classname="c" name="t"${attrs}/></testsuite>`;
    };
    // CPU time, best of five: a ratio of sizes, not a wall-clock threshold. For 8× the attributes linear scanning costs
    // 8×, quadratic 64×: the bound (24×) leaves three times linear for collector pauses on a loaded machine.
    const cost = async (n: number) => {
      const file = await write(tagWith(n));
      let best = Infinity;
      for (let k = 0; k < 5; k++) {
        const before = process.cpuUsage();
        let seen = 0;
        await readJunitReport(file, () => seen++);
        const used = process.cpuUsage(before);
        expect(seen).toBe(1);
        best = Math.min(best, used.user + used.system);
      }
      return best;
    };
    const small = await cost(25_000);
    const large = await cost(200_000);
    expect(large / small).toBeLessThan(24);
  });

  it('refuses bytes that are not UTF-8, where they are, instead of reading them as U+FFFD', async () => {
    const doc = (bytes: number[], where: 'name' | 'out' = 'name') =>
      Buffer.concat([
        Buffer.from(`<testsuite>\n<testcase name="ok${where === 'name' ? '' : '"><system-out>log '}`),
        Buffer.from(bytes),
        Buffer.from(where === 'name' ? '"/>\n</testsuite>' : '</system-out></testcase>\n</testsuite>'),
      ]);
    expect(await failure(doc([0xff]))).toBe('report.xml:2:19: invalid UTF-8: byte 0xff cannot appear in UTF-8 (declare the encoding the file is written in, e.g. <?xml version="1.0" encoding="ISO-8859-1"?>)');
    expect(await failure(doc([0xc0, 0x80]))).toMatch(/^report\.xml:2:19: invalid UTF-8: bytes 0xc0 0x80 /);
    expect(await failure(doc([0xed, 0xa0, 0x80]))).toMatch(/^report\.xml:2:19: invalid UTF-8: bytes 0xed 0xa0 0x80 /);
    expect(await failure(doc([0xe2, 0x82], 'out'))).toMatch(/^report\.xml:2:37: invalid UTF-8: bytes 0xe2 0x82 /);
    // A valid character split across reads is fine, whatever the chunk size.
    for (const hwm of [1, 2, 3, 5]) expect((await read(doc([0xe2, 0x82, 0xac]), { highWaterMark: hwm })).tests[0]?.name, `hwm ${hwm}`).toBe('ok€');
    // Cut short at the end of the file.
    expect(await failure(Buffer.concat([Buffer.from('<testsuite name="'), Buffer.from([0xf0, 0x9f])]))).toMatch(/^report\.xml:1:18: invalid UTF-8: bytes 0xf0 0x9f are not a UTF-8 character \(cut short\)/);
    // UTF-16 with a lone surrogate.
    const lone = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<testsuite><testcase name="', 'utf16le'), Buffer.from([0x00, 0xd8]), Buffer.from('"/></testsuite>', 'utf16le')]);
    expect(await failure(lone)).toMatch(/^report\.xml:1:\d+: invalid utf-16le/);
  });

  it('bounds a huge failure body and keeps memory flat', async () => {
    const body = 'x'.repeat(300_000);
    const { tests } = await read(`<testsuite><testcase name="t"><failure>${body}</failure></testcase></testsuite>`, { maxBodyBytes: 1000, highWaterMark: 4096 });
    expect(tests[0]?.details?.length).toBeLessThan(1100);
    expect(tests[0]?.details).toMatch(/\[… truncated\]$/);
    expect(tests[0]?.message?.length).toBeLessThanOrEqual(1001);
  });
});

describe('parseTime and decodeEntities', () => {
  it('reads times with thousands separators, decimal commas, or none', () => {
    expect(parseTime('1,234.5')).toBe(1234.5);
    expect(parseTime('0,25')).toBe(0.25);
    expect(parseTime(undefined)).toBeUndefined();
    expect(parseTime('')).toBeUndefined();
    expect(parseTime('abc')).toBeUndefined();
  });
  it('decodes the five entities and character references only', () => {
    expect(decodeEntities('a &amp; &lt;b&gt; &quot;&apos; &#65;&#x42;')).toBe('a & <b> "\' AB');
    expect(() => decodeEntities('&nbsp;')).toThrow(/undefined or malformed entity/);
  });
});
