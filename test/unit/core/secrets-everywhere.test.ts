// A secret of the environment, printed and reported in every form a tool may use, reaches none of the files a run writes.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/core/config.js';
import { runLine } from '../../../src/core/line.js';
import { thisProcess } from '../../../src/this-process.js';
import { Masker } from '../../../src/core/mask.js';
import { FsStore } from '../../../src/core/store.js';
import { defaultRegistry } from '../../../src/stages/index.js';
import { makeRepo } from '../../helpers/git-repo.js';

const SECRET = 'pa ss/wo"rd-9Z&q';
// The action's token comes in under a name that says nothing: the caller registers its value with the masker.
const TOKEN = 'ghs_0123456789abcdefghijABCDEFGHIJ012345';
const env = { PATH: process.env.PATH, HOME: process.env.HOME, DEPLOY_API_KEY: SECRET, PLAIN_NAME: TOKEN };

// The forms a reader of the files could recover the secret from.
const forms = (() => {
  const b = (s: string) => Buffer.from(s).toString('base64');
  return [
    SECRET,
    JSON.stringify(SECRET).slice(1, -1),
    encodeURIComponent(SECRET),
    new URLSearchParams({ k: SECRET }).toString().slice(2),
    // The middle of its base64 at each byte offset: what stays the same whatever surrounds it.
    b(SECRET).slice(4, 16),
    b(`u${SECRET}`).slice(4, 16),
    b(`us${SECRET}`).slice(4, 16),
    TOKEN,
  ];
})();

// Prints the secret plain, split by a colour code, JSON-escaped, URL-encoded and as basic-auth base64, then passes.
const printer = `
const s = process.env.DEPLOY_API_KEY;
console.log('plain', s);
console.log('coloured', s.slice(0, 7) + '\\u001b[1;31m' + s.slice(7) + '\\u001b[0m');
console.log('json', JSON.stringify({ password: s }));
console.error('url', 'https://x.test/login?p=' + encodeURIComponent(s));
console.log('auth', 'Basic ' + Buffer.from('deploy:' + s).toString('base64'));
console.log('token', process.env.PLAIN_NAME);
`;

const sarif = JSON.stringify({
  version: '2.1.0',
  runs: [{ tool: { driver: { name: 'scanner' } }, results: [{ ruleId: `leak/${SECRET}`, level: 'note', message: { text: `found ${SECRET} in config` } }] }],
});
const junit = `<testsuite name="auth"><testcase classname="Login" name="logs in with ${SECRET.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"><failure message="rejected ${SECRET.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"/></testcase></testsuite>`;

const yml = `version: 1
line:
  - id: print
    uses: command
    with: { run: [${JSON.stringify(process.execPath)}, "-e", ${JSON.stringify(printer)}] }
  - id: scan
    uses: static-analysis
    with: { sarif: reports/scan.sarif, filter: nofilter }
  - id: unit
    uses: regression
    blocking: false
    with: { reports: ["reports/*.xml"] }
`;

/** A file's text, gunzipped when it is gzip (the regression stage's tests file and baseline). */
async function textOf(file: string): Promise<string> {
  const bytes = await readFile(file);
  return (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(p)));
    else out.push(p);
  }
  return out;
}

describe('secrets in what a run writes', () => {
  it('are masked in the log, the record, result.json, findings.sarif, and baseline.json, in every form', async () => {
    const ws = await makeRepo({ 'andon.yml': yml, 'reports/scan.sarif': sarif, 'reports/unit.xml': junit });
    const registry = defaultRegistry();
    const store = new FsStore(path.join(ws, '.andon/runs'));
    const lines: string[] = [];
    const record = await runLine({
      writer: thisProcess(),
      workspace: ws,
      config: parseConfig(yml, 'andon.yml', registry),
      registry,
      store,
      env,
      masker: Masker.fromEnv(env, [TOKEN]),
      onEvent: (e) => e.type === 'stage-output' && lines.push(e.line),
    });
    expect(record.stages.map((s) => [s.id, s.state])).toEqual([['print', 'passed'], ['scan', 'passed'], ['unit', 'failed']]);

    const runDir = store.runDir(record.serial);
    const engineFiles = ['run.json', 'print/log.txt', 'print/result.json', 'scan/findings.sarif', 'scan/result.json', 'unit/result.json', 'unit/baseline.json', 'unit/findings.sarif', 'unit/tests.ndjson.gz'];
    const present = (await filesUnder(runDir)).map((f) => path.relative(runDir, f));
    for (const f of engineFiles) expect(present).toContain(f);
    for (const f of present) {
      const text = await textOf(path.join(runDir, f));
      for (const form of forms) expect(text.includes(form), `${f} holds ${form}`).toBe(false);
      // Masked as values: the JSON files are still JSON (the tests file: JSON a line).
      if (f.endsWith('.ndjson.gz')) for (const l of text.split('\n').filter(Boolean)) expect(() => JSON.parse(l), f).not.toThrow();
      else if (!f.endsWith('.txt')) expect(() => JSON.parse(text), f).not.toThrow();
    }
    // The masks stand where the secret was.
    const log = await readFile(path.join(runDir, 'print/log.txt'), 'utf8');
    expect(log).toContain('plain ***');
    expect(log).toContain('coloured ***');
    expect(log).toContain('{"password":"***"}');
    expect(log).toContain('url https://x.test/login?p=***');
    expect(log).toContain('token ***');
    const baseline = await textOf(path.join(runDir, 'unit/baseline.json'));
    expect(baseline).toContain('logs in with ***');
    // What the console is given keeps its colours, without the secret.
    const coloured = lines.find((l) => l.startsWith('coloured'));
    expect(coloured).toBe('coloured ***\u001b[1;31m\u001b[0m');
    for (const l of lines) for (const form of forms) expect(l.includes(form), l).toBe(false);
  });
});
