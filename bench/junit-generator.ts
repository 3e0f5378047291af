// Writes large JUnit reports for the benches, the same shape at any size, with counts known without parsing them:
// passing tests, failures with long messages and stacks, skipped tests, system-out.
import { createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';

export interface GeneratedReport {
  bytes: number;
  tests: number;
  failed: number;
  skipped: number;
}

export interface ReportShape {
  /** Stop once the file is at least this many MiB ... */
  mb?: number;
  /** ... or once it holds this many test cases. */
  tests?: number;
  /** One test in this many fails (default 20). */
  failEvery?: number;
  /** Failure bodies: a 2.9 KB message with a stack (default), or one short line with a stack frame. */
  failureBody?: 'long' | 'short';
}

/**
 * Suites of 100 test cases: passing tests, failures with messages and stacks, skipped tests, system-out.
 * Every test has a file and line, so locating and tracing run as they do on a real report.
 */
export async function generateJunit(file: string, shape: ReportShape): Promise<GeneratedReport> {
  const out = createWriteStream(file, { highWaterMark: 4 * 1024 * 1024 });
  const target = shape.mb === undefined ? Infinity : shape.mb * 1024 * 1024;
  const maxTests = shape.tests ?? Infinity;
  const failEvery = shape.failEvery ?? 20;
  const long = 'Expected the response to equal the fixture &lt;user id=42&gt; but it differed in field "name". '.repeat(30);
  const counts = { bytes: 0, tests: 0, failed: 0, skipped: 0 };
  const write = async (s: string) => {
    counts.bytes += Buffer.byteLength(s);
    if (!out.write(s)) await once(out, 'drain');
  };
  await write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="bench">\n');
  let i = 0;
  while (counts.bytes < target && i < maxTests) {
    let block = `<testsuite name="pkg.Suite${i}" tests="100" time="1.234">\n<properties><property name="os" value="linux"/></properties>\n`;
    for (let k = 0; k < 100 && i < maxTests; k++, i++) {
      const head = `  <testcase classname="pkg.mod${i % 1000}.SomeTest" name="does thing number ${i} [case ${k}]" time="0.0${k}" file="src/mod${i % 1000}.ts" line="${k + 1}"`;
      if (i % failEvery === 0) {
        counts.failed++;
        const body = shape.failureBody === 'short' ? `expected ${i} to be ${i + 1}` : long;
        block += `${head}>\n    <failure message="assertion failed in case ${i}" type="AssertionError"><![CDATA[${body}\n    at Object.<anonymous> (src/mod${i % 1000}.ts:${k + 10}:5)\n    at run (node_modules/runner/index.js:1:1)\n]]></failure>\n  </testcase>\n`;
      } else if (i % 20 === 1) {
        counts.skipped++;
        block += `${head}>\n    <skipped message="not on this platform"/>\n  </testcase>\n`;
      } else if (i % 20 < 5) {
        block += `${head}>\n    <system-out>log: started &amp; finished step ${i}\n${long.slice(0, 400)}</system-out>\n  </testcase>\n`;
      } else {
        block += `${head}/>\n`;
      }
    }
    await write(block + '</testsuite>\n');
  }
  await write('</testsuites>\n');
  out.end();
  await once(out, 'finish');
  return { ...counts, bytes: statSync(file).size, tests: i };
}

/** A JUnit file of about `mb` MiB; its size in bytes. */
export async function generate(file: string, mb: number): Promise<number> {
  return (await generateJunit(file, { mb })).bytes;
}
