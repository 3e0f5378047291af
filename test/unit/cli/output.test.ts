// What the CLI prints when nobody reads it to the end (a closed pipe), and the progress of a partial line.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { RunRecord } from '../../../src/core/run-record.js';
import { distCli, runCli } from '../../helpers/cli.js';
import { makeRepo } from '../../helpers/git-repo.js';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';

const node = JSON.stringify(process.execPath);
const yml = `version: 1
line:
  - id: lint
    uses: command
    with: { run: [${node}, "-e", "console.log('lint ok')"] }
  - id: types
    uses: command
    with: { run: [${node}, "-e", "0"] }
  - id: unit
    uses: command
    with: { run: [${node}, "-e", "console.log('unit ok')"] }
`;

/**
 * The bundled CLI with the read end of its stdout (and, when asked, its stderr) closed before it writes a byte,
 * like `andon runs | head -1` once head has its line.
 */
function withClosedPipes(args: string[], cwd: string, closeStderr: boolean): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [distCli(), ...args], { cwd, env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy();
  let stderr = '';
  if (closeStderr) child.stderr.destroy();
  else child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

describe('a reader that goes away', () => {
  it('every command ends quietly with its usual exit code, and a run still finishes its record', async () => {
    const ws = await makeRepo({ 'andon.yml': yml });
    for (let i = 0; i < 3; i++) expect((await runCli(['run', '-q'], ws)).code).toBe(0);
    const serial = (await readdir(path.join(ws, '.andon/runs'))).sort()[0]!;
    const cases: [string[], number][] = [
      [['runs'], 0],
      [['runs', '--json'], 0],
      [['show', serial], 0],
      [['trace', serial], 0],
      [['schema', 'config'], 0],
      [['validate-config'], 0],
      [['show', '20990101T000000000Z-000000'], 2],
      [['--help'], 0],
    ];
    for (const [args, code] of cases) {
      const got = await withClosedPipes(args, ws, false);
      expect(got.code, `${args.join(' ')}: ${got.stderr}`).toBe(code);
      expect(got.stderr, args.join(' ')).not.toMatch(/EPIPE|Unhandled|at .*\.js:\d+/);
    }
    // Both streams gone: the line still runs to its end and says so in its record.
    const run = await withClosedPipes(['run'], ws, true);
    expect(run.code).toBe(0);
    const newest = (await readdir(path.join(ws, '.andon/runs'))).sort().at(-1)!;
    const record = RunRecord.parse(JSON.parse(await readFile(path.join(ws, '.andon/runs', newest, 'run.json'), 'utf8')));
    expect(record.verdict).toBe('passed');
    expect(record.stages.map((s) => s.state)).toEqual(['passed', 'passed', 'passed']);
  });
});

describe('progress of a partial line', () => {
  it('--only counts among the selected stages', async () => {
    const ws = await makeRepo({ 'andon.yml': yml });
    const one = await runCli(['run', '--only', 'unit'], ws);
    expect(one.code, one.stderr).toBe(0);
    expect(one.stderr).toMatch(/▶ unit \(command\) 1\/1/);
    const two = await runCli(['run', '--only', 'unit,types'], ws);
    expect(two.stderr).toMatch(/▶ types \(command\) 1\/2/);
    expect(two.stderr).toMatch(/▶ unit \(command\) 2\/2/);
    const all = await runCli(['run'], ws);
    expect(all.stderr).toMatch(/▶ unit \(command\) 3\/3/);
  });
});
