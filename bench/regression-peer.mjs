// A peer's whole process for bench/regression-stage.bench.ts: parse one JUnit file the peer's way, print the test case count.
// Plain JavaScript (no TypeScript loader), so the peer pays nothing Andon's own process does not.
import { createReadStream, readFileSync } from 'node:fs';

const [mode, file] = process.argv.slice(2);

function countCases(node) {
  if (node === null || typeof node !== 'object') return 0;
  let n = 0;
  for (const [k, v] of Object.entries(node)) {
    if (k === 'testcase') n += Array.isArray(v) ? v.length : 1;
    if (Array.isArray(v)) for (const x of v) n += countCases(x);
    else n += countCases(v);
  }
  return n;
}

let testcases = 0;
if (mode === 'xml2js') {
  // dorny/test-reporter's path: the whole file as a string, one DOM.
  const { parseStringPromise } = await import('xml2js');
  testcases = countCases(await parseStringPromise(readFileSync(file, 'utf8')));
} else if (mode === 'saxes') {
  const { SaxesParser } = await import('saxes');
  const p = new SaxesParser();
  p.on('opentag', (t) => {
    if (t.name === 'testcase') testcases++;
  });
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1024 * 1024 })) p.write(chunk);
  p.close();
} else {
  throw new Error(`unknown peer ${mode}`);
}
process.stdout.write(JSON.stringify({ testcases }) + '\n');
