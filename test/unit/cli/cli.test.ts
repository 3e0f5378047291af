import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunRecord } from '../../../src/core/run-record.js';
import { runCli, spawnCli } from '../../helpers/cli.js';
import { makeRepo } from '../../helpers/git-repo.js';
import { configJsonSchema } from '../../../src/core/config.js';
import { runJsonSchema } from '../../../src/cli/commands/schema.js';
import { defaultRegistry } from '../../../src/stages/index.js';

const node = JSON.stringify(process.execPath);
const yml = (unit: string) => `version: 1
line:
  - id: lint
    uses: command
    with: { run: [${node}, "-e", "console.log('lint ok')"], inputs: ["src/**"] }
  - id: unit
    uses: command
    with: { run: [${node}, "-e", ${JSON.stringify(unit)}], inputs: ["src/**"] }
`;

async function serials(ws: string): Promise<string[]> {
  return (await readdir(path.join(ws, '.andon/runs'))).sort();
}

function waitFor(check: () => Promise<boolean>, ms = 15000): Promise<void> {
  const until = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const tick = async () => {
      if (await check().catch(() => false)) return resolve();
      if (Date.now() > until) return reject(new Error('timed out waiting'));
      setTimeout(tick, 50);
    };
    void tick();
  });
}

/** The bundled CLI running a line whose second stage hangs, once the record says that stage is running. */
async function startRunUntilSecondStageRuns() {
  const ws = await makeRepo({ 'andon.yml': yml('setTimeout(() => {}, 60000)'), 'src/a.ts': '' });
  const { child, done } = spawnCli(['run'], ws);
  await waitFor(async () => {
    const s = await serials(ws);
    const rec = JSON.parse(await readFile(path.join(ws, '.andon/runs', s[0]!, 'run.json'), 'utf8')) as RunRecord;
    return rec.stages[1]!.state === 'running';
  });
  return { ws, child, done };
}

describe('andon CLI', () => {
  it('run --json prints the record and nothing else on stdout; exit code says the verdict', async () => {
    const ws = await makeRepo({ 'andon.yml': yml('process.exit(1)'), 'src/a.ts': '' });
    const failed = await runCli(['run', '--json'], ws);
    expect(failed.code).toBe(1);
    const record = RunRecord.parse(JSON.parse(failed.stdout));
    expect(record.verdict).toBe('failed');
    const ok = await makeRepo({ 'andon.yml': yml(''), 'src/a.ts': '' });
    const passed = await runCli(['run', '--json'], ok);
    expect(passed.code).toBe(0);
    expect(JSON.parse(passed.stdout).verdict).toBe('passed');
    const runs = await runCli(['runs', '--json'], ok);
    expect(JSON.parse(runs.stdout)).toEqual([expect.objectContaining({ serial: JSON.parse(passed.stdout).serial, verdict: 'passed' })]);
  });

  it('show names the failed stage, its reason and the tail of its log; trace follows the lineage', async () => {
    const ws = await makeRepo({ 'andon.yml': yml("console.log('expected 2 got 3'); process.exit(1)"), 'src/a.ts': '' });
    const first = await runCli(['run'], ws);
    const serial = first.stdout.trim();
    const shown = await runCli(['show', serial], ws);
    expect(shown.stdout).toMatch(/unit\s+command\s+✘ failed/);
    expect(shown.stdout).toContain('unit failed:');
    expect(shown.stdout).toContain('│ expected 2 got 3');
    expect(shown.stdout).toContain(`andon run --resume ${serial} --from unit`);
    const resumed = await runCli(['run', '--resume', serial, '--from', 'unit', '--json'], ws);
    const child = JSON.parse(resumed.stdout) as RunRecord;
    expect(child.stages[0]!.state).toBe('reused');
    const trace = await runCli(['trace', child.serial, '--json'], ws);
    const t = JSON.parse(trace.stdout);
    expect(t.lineage.map((l: { serial: string }) => l.serial)).toEqual([child.serial, serial]);
    expect(t.stages[0]).toMatchObject({ id: 'lint', state: 'reused', producedBy: serial });
    expect(t.stages[1]).toMatchObject({ id: 'unit', producedBy: child.serial });
    const human = await runCli(['trace', child.serial], ws);
    expect(human.stdout).toContain(`run ${serial}`);
  });

  it('exits 2 on usage errors', async () => {
    const ws = await makeRepo({ 'andon.yml': yml('') });
    expect((await runCli(['run', '--resume', 'x'], ws)).code).toBe(2);
    expect((await runCli(['frobnicate'], ws)).code).toBe(2);
    expect((await runCli(['run', '--bogus'], ws)).code).toBe(2);
    const bad = await runCli(['show', 'not-a-serial'], ws);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"not-a-serial" is not an Andon serial');
  });

  it('prints the schemas that are committed in schemas/', async () => {
    const root = path.resolve(import.meta.dirname, '../../..');
    const committed = JSON.parse(await readFile(path.join(root, 'schemas/andon.schema.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(configJsonSchema(defaultRegistry()))));
    const run = JSON.parse(await readFile(path.join(root, 'schemas/run.schema.json'), 'utf8'));
    expect(run).toEqual(JSON.parse(JSON.stringify(runJsonSchema())));
  });

  it('SIGINT cancels the running stage and the rest, flushes the record and exits 1', async () => {
    const { ws, child, done } = await startRunUntilSecondStageRuns();
    child.kill('SIGINT');
    const r = await done;
    expect(r.code).toBe(1);
    const [serial] = await serials(ws);
    const rec = RunRecord.parse(JSON.parse(await readFile(path.join(ws, '.andon/runs', serial!, 'run.json'), 'utf8')));
    expect(rec.verdict).toBe('cancelled');
    expect(rec.stages.map((s) => [s.state, s.reason])).toEqual([
      ['passed', 'exit code 0'],
      ['cancelled', 'cancelled by SIGINT'],
    ]);
  });

  it('a run killed with SIGKILL mid-stage leaves a record that show reads as interrupted', async () => {
    const { ws, child, done } = await startRunUntilSecondStageRuns();
    child.kill('SIGKILL');
    await done;
    const [serial] = await serials(ws);
    const shown = await runCli(['show', serial!], ws);
    expect(shown.stdout).toContain(`run ${serial} interrupted`);
    expect(shown.stdout).toMatch(/unit\s+command\s+⊘ interrupted/);
    expect(shown.stdout).toContain('This run was interrupted');
    const runs = await runCli(['runs', '--json'], ws);
    expect(JSON.parse(runs.stdout)[0].verdict).toBe('interrupted');
    // A resume treats the interrupted stage as cancelled and runs it again.
    const resumed = await runCli(['run', '--resume', serial!, '--from', 'unit', '--json', '--only', 'lint'], ws);
    expect(resumed.code).toBe(0);
  });

  it('answers --version from the bundle', async () => {
    const ws = await makeRepo({});
    const { done } = spawnCli(['--version'], ws);
    const r = await done;
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
