// Writes large JUnit reports for the benches: passing tests, failures with long messages and stacks, skipped tests, system-out.
import { once } from 'node:events';
import { createWriteStream, statSync } from 'node:fs';

/** A JUnit file of about `mb` MiB: passing tests, failures with long messages and stacks, skipped tests, system-out. */
export async function generate(file: string, mb: number): Promise<number> {
  const out = createWriteStream(file, { highWaterMark: 4 * 1024 * 1024 });
  const target = mb * 1024 * 1024;
  const long = 'Expected the response to equal the fixture &lt;user id=42&gt; but it differed in field "name". '.repeat(30);
  let bytes = 0;
  let i = 0;
  const write = async (s: string) => {
    bytes += Buffer.byteLength(s);
    if (!out.write(s)) await once(out, 'drain');
  };
  await write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="bench">\n');
  while (bytes < target) {
    let block = `<testsuite name="pkg.Suite${i}" tests="100" failures="5" skipped="5" time="1.234">\n<properties><property name="os" value="linux"/></properties>\n`;
    for (let k = 0; k < 100; k++, i++) {
      const head = `  <testcase classname="pkg.mod${i % 1000}.SomeTest" name="does thing number ${i} [case ${k}]" time="0.0${k}" file="src/mod${i % 1000}.ts" line="${k + 1}"`;
      const r = k % 20;
      if (r === 0) {
        block += `${head}>\n    <failure message="assertion failed in case ${i}" type="AssertionError"><![CDATA[${long}\n    at Object.<anonymous> (src/mod${i % 1000}.ts:${k + 10}:5)\n    at run (node_modules/runner/index.js:1:1)\n]]></failure>\n  </testcase>\n`;
      } else if (r === 1) {
        block += `${head}>\n    <skipped message="not on this platform"/>\n  </testcase>\n`;
      } else if (r < 5) {
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
  return statSync(file).size;
}
