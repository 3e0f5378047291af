// Files the templates stage reads that are not what they seem: FIFOs, devices, links, bytes that are not UTF-8, caches
// that were tampered with. Each is refused in bounded time; the stage runs in the bundled CLI, so a read that blocked
// would show as a timeout here, not as a hung test run.
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { distCli } from '../../helpers/cli.js';
import { commitAll, makeRepo, writeFiles } from './fixture.js';

const mkfifo = (p: string) => execFileSync('mkfifo', [p]);
const CONFIG = 'version: 1\nline:\n  - id: conventions\n    uses: templates\n    with: { allowEmpty: true }\n';

/** The bundled CLI, killed if it has not finished within `ms`. */
function cli(args: string[], cwd: string, ms = 30_000): Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }> {
  const child = spawn(process.execPath, [distCli(), ...args], { cwd, env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let timedOut = false;
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, ms);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    }),
  );
}

/** The findings messages of the templates stage of the newest run. */
async function findingsOf(ws: string): Promise<{ ruleId: string; message: string }[]> {
  const runs = (await readdir(path.join(ws, '.andon/runs'))).sort();
  const sarif = JSON.parse(await readFile(path.join(ws, '.andon/runs', runs.at(-1)!, 'conventions/findings.sarif'), 'utf8'));
  return sarif.runs[0].results.map((r: { ruleId: string; message: { text: string } }) => ({ ruleId: r.ruleId, message: r.message.text }));
}

describe('templates stage: hostile files', () => {
  it('a tracked file replaced by a FIFO, a link to a FIFO, a link to /dev/zero and invalid UTF-8: each refused, the run ends', async () => {
    const ws = await makeRepo();
    await writeFiles(ws, { 'andon.yml': CONFIG, 'src/lib/pipe.ts': 'export const p = 1;\n', 'elsewhere.fifo.placeholder': '' });
    commitAll(ws, 'more');
    await rm(path.join(ws, 'src/lib/pipe.ts'));
    mkfifo(path.join(ws, 'src/lib/pipe.ts'));
    mkfifo(path.join(ws, 'parked.fifo'));
    await symlink('../../parked.fifo', path.join(ws, 'src/lib/to-fifo.ts'));
    await symlink('/dev/zero', path.join(ws, 'src/lib/zero.ts'));
    await writeFile(path.join(ws, 'src/lib/latin1.ts'), Buffer.concat([Buffer.from("export const s = 'caf"), Buffer.from([0xe9]), Buffer.from("';\n")]));
    const r = await cli(['run', '--json'], ws);
    expect(r.timedOut, r.stderr).toBe(false);
    expect(r.code, r.stderr).toBe(0);
    const unreadable = (await findingsOf(ws)).filter((f) => f.ruleId === 'templates.unreadable').map((f) => f.message).sort();
    expect(unreadable).toEqual([
      "src/lib/latin1.ts was not checked: not valid UTF-8 (byte 0xe9 at offset 21), line 1 column 22: not checked as text",
      'src/lib/pipe.ts was not checked: a FIFO, not a regular file: not read',
      'src/lib/to-fifo.ts was not checked: a FIFO, not a regular file: not read',
      'src/lib/zero.ts was not checked: a symlink leading outside the workspace: not read',
    ]);
  });

  it('AGENTS.md as a FIFO, a link to /dev/zero or in another encoding: andon context refuses it by name, exit 2', async () => {
    const ws = await makeRepo();
    mkfifo(path.join(ws, 'AGENTS.md'));
    for (const args of [['context', '--check'], ['context']]) {
      const r = await cli(args, ws);
      expect(r.timedOut, args.join(' ')).toBe(false);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('AGENTS.md: context file is a FIFO, not a regular file; not read');
    }
    await rm(path.join(ws, 'AGENTS.md'));
    await symlink('/dev/zero', path.join(ws, 'AGENTS.md'));
    const zero = await cli(['context', '--check'], ws);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(/context file AGENTS\.md leads outside the workspace through a symlink: refused/);
    await rm(path.join(ws, 'AGENTS.md'));
    await writeFile(path.join(ws, 'AGENTS.md'), Buffer.concat([Buffer.from('# Agents\n\nna'), Buffer.from([0xef, 0x76]), Buffer.from('\n')]));
    const latin = await cli(['context', '--check'], ws);
    expect(latin.code).toBe(2);
    expect(latin.stderr).toContain('AGENTS.md:3:3: context file is not valid UTF-8 (byte 0xef at offset 12)');
  });

  it('the rules file as a FIFO or a link to /dev/zero: refused by name in bounded time', async () => {
    const ws = await makeRepo();
    await writeFiles(ws, { 'andon.yml': CONFIG });
    await rm(path.join(ws, '.andon/templates.yml'));
    mkfifo(path.join(ws, '.andon/templates.yml'));
    const fifo = await cli(['validate-config'], ws);
    expect(fifo.timedOut).toBe(false);
    expect(fifo.code).toBe(2);
    expect(fifo.stderr).toContain('.andon/templates.yml: templates rules file is a FIFO, not a regular file; not read');
    const run = await cli(['run', '--json'], ws);
    expect(run.timedOut).toBe(false);
    expect(JSON.parse(run.stdout).stages[0]).toMatchObject({ state: 'errored', reason: expect.stringContaining('templates rules file is a FIFO') });
    await rm(path.join(ws, '.andon/templates.yml'));
    await symlink('/dev/zero', path.join(ws, '.andon/templates.yml'));
    const zero = await cli(['validate-config'], ws);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(/rules file \.andon\/templates\.yml leads outside the workspace through a symlink: refused/);
  });

  it('import caches that are FIFOs, links to /dev/zero or do not hold together are rebuilt: the same findings as a clean run', async () => {
    const ws = await makeRepo();
    await writeFiles(ws, { 'andon.yml': CONFIG, 'src/lib/a.ts': "import { b } from './b.js';\nexport const a = () => b;\n", 'src/lib/b.ts': "import { a } from './a.js';\nexport const b = () => a;\n" });
    commitAll(ws, 'a cycle');
    const clean = await cli(['run', '--json'], ws);
    expect(clean.timedOut).toBe(false);
    const expected = await findingsOf(ws);
    expect(expected.map((f) => f.ruleId)).toContain('layers');
    const cache = path.join(ws, '.andon/cache/templates');
    // A graph that points past its nodes.
    const graph = JSON.parse(await readFile(path.join(cache, 'graph.json'), 'utf8'));
    graph.edges = graph.edges.map((v: number, i: number) => (i % 4 === 0 ? v + 1000 : v));
    await writeFile(path.join(cache, 'graph.json'), JSON.stringify(graph));
    const scans = await readFile(path.join(cache, 'scans.txt'), 'utf8');
    await writeFile(path.join(cache, 'scans.txt'), scans.replace(/\t\[\[\["/g, '\t[[[42'));
    const tampered = await cli(['run', '--json'], ws);
    expect(tampered.timedOut).toBe(false);
    expect(await findingsOf(ws)).toEqual(expected);
    for (const make of [(p: string) => mkfifo(p), (p: string) => symlink('/dev/zero', p)]) {
      for (const f of ['graph.json', 'scans.txt']) {
        await rm(path.join(cache, f), { force: true });
        await make(path.join(cache, f));
      }
      const r = await cli(['run', '--json'], ws);
      expect(r.timedOut, r.stderr).toBe(false);
      expect(r.code).toBe(clean.code);
      expect(await findingsOf(ws)).toEqual(expected);
    }
  });
});
