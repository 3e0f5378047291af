import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseConfig } from '../../../src/core/config.js';
import { runLine, type LineOptions } from '../../../src/core/line.js';
import { RunRecord } from '../../../src/core/run-record.js';
import { FsStageCache } from '../../../src/core/stage-cache.js';
import type { StageKind } from '../../../src/core/stage-kind.js';
import { FsStore } from '../../../src/core/store.js';
import { defaultRegistry } from '../../../src/stages/index.js';
import { commitAll, makeRepo, writeFiles } from '../../helpers/git-repo.js';
import { thisProcess } from '../../../src/this-process.js';

const env = { PATH: process.env.PATH, HOME: process.env.HOME };

async function setup(yml: string, files: Record<string, string> = {}) {
  const ws = await makeRepo({ 'andon.yml': yml, 'src/a.ts': 'export const a = 1;\n', ...files });
  const registry = defaultRegistry();
  const config = parseConfig(yml, 'andon.yml', registry);
  const store = new FsStore(path.join(ws, '.andon/runs'));
  const base = (extra: Partial<LineOptions> = {}): LineOptions => ({ workspace: ws, config, registry, store, env, writer: thisProcess(), ...extra });
  return { ws, registry, config, store, base };
}

const node = (code: string) => `[${JSON.stringify(process.execPath)}, "-e", ${JSON.stringify(code)}]`;

const threeStages = (unitCode: string, unitBlocking = true) => `version: 1
line:
  - id: lint
    uses: command
    with: { run: ${node("console.log('lint ok')")}, inputs: ["src/**"] }
  - id: unit
    uses: command
    blocking: ${unitBlocking}
    with: { run: ${node(unitCode)}, inputs: ["src/**", "test/**"] }
  - id: e2e
    uses: command
    with: { run: ${node("console.log('e2e')")} }
`;

describe('the line', () => {
  it('stops at a blocking failure: downstream stages are skipped with the reason', async () => {
    const { store, base } = await setup(threeStages("console.error('boom'); process.exit(3)"));
    const record = await runLine(base());
    expect(record.verdict).toBe('failed');
    expect(record.stages.map((s) => [s.id, s.state])).toEqual([
      ['lint', 'passed'],
      ['unit', 'failed'],
      ['e2e', 'skipped'],
    ]);
    expect(record.stages[1]!.reason).toContain('exited with code 3: boom');
    expect(record.stages[2]!.reason).toBe('stopped by unit');
    // The record on disk is the returned one and valid against the schema.
    const onDisk = RunRecord.parse(JSON.parse(await readFile(path.join(store.runDir(record.serial), 'run.json'), 'utf8')));
    expect(onDisk).toEqual(record);
    expect(record.transitions.map((t) => `${t.stage}:${t.from}->${t.to}`)).toEqual([
      'lint:pending->running',
      'lint:running->passed',
      'unit:pending->running',
      'unit:running->failed',
      'e2e:pending->skipped',
    ]);
    const log = await readFile(path.join(store.stageDir(record.serial, 'unit'), 'log.txt'), 'utf8');
    expect(log).toContain('boom');
    expect(record.stages[1]!.artifacts.map((a) => a.path)).toContain('unit/log.txt');
  });

  it('goes on past a non-blocking failure and records it', async () => {
    const { base } = await setup(threeStages('process.exit(1)', false));
    const record = await runLine(base());
    expect(record.stages.map((s) => s.state)).toEqual(['passed', 'failed', 'passed']);
    expect(record.verdict).toBe('passed');
    expect(record.nonBlockingFailures).toEqual(['unit']);
  });

  it('writes the record after every transition (a stage can read its own running state)', async () => {
    const yml = `version: 1
line:
  - id: first
    uses: command
    with: { run: ${node('')} }
  - id: peek
    uses: command
    with: { run: ${node("const r=JSON.parse(require('fs').readFileSync(process.env.REC,'utf8')); console.log(r.stages.map(s=>s.id+'='+s.state).join(','))")} }
`;
    const { store, base, ws } = await setup(yml);
    // The serial is chosen up front so the stage can find its record.
    const serial = '20260101T000000000Z-abcdef';
    const record = await runLine(base({ serial, env: { ...env, REC: path.join(store.runDir(serial), 'run.json') } }));
    expect(record.verdict).toBe('passed');
    const log = await readFile(path.join(store.stageDir(serial, 'peek'), 'log.txt'), 'utf8');
    expect(log).toContain('first=passed,peek=running');
    expect(ws).toBeTruthy();
  });

  it('resumes from a stage: reuses unchanged earlier stages, re-runs and explains changed ones', async () => {
    const { ws, store, base } = await setup(threeStages("process.exit(require('fs').existsSync('src/fixed.ts') ? 0 : 1)"));
    const first = await runLine(base());
    expect(first.verdict).toBe('failed');

    // A fix outside lint's inputs: lint is reused, unit re-runs.
    await writeFiles(ws, { 'src/fixed.ts': 'export {};\n' });
    const second = await runLine(base({ resume: { serial: first.serial, fromStage: 'unit' } }));
    expect(second.parent).toEqual({ serial: first.serial, fromStage: 'unit' });
    // src/** is lint's input too, so lint re-runs and says why.
    expect(second.stages[0]!.state).toBe('passed');
    expect(second.stages[0]!.reason).toContain('inputs changed since');
    expect(second.stages[0]!.reason).toContain('src/fixed.ts (added)');
    expect(second.stages.map((s) => s.state)).toEqual(['passed', 'passed', 'passed']);

    // Nothing changed since: resuming from e2e reuses lint and unit from the second run.
    const third = await runLine(base({ resume: { serial: second.serial, fromStage: 'e2e' } }));
    expect(third.stages.map((s) => s.state)).toEqual(['reused', 'reused', 'passed']);
    expect(third.stages[0]!.reusedFrom).toBe(second.serial);
    expect(third.stages[1]!.inputsDigest).toBe(second.stages[1]!.inputsDigest);
    // Reused artifacts are copied and hashed like the originals.
    expect(third.stages[1]!.artifacts.map((a) => a.sha256)).toEqual(second.stages[1]!.artifacts.map((a) => a.sha256));
    expect(await store.verify(third)).toEqual([]);

    // Resuming from the third run again: the result still points at the run that produced it.
    const fourth = await runLine(base({ resume: { serial: third.serial, fromStage: 'e2e' } }));
    expect(fourth.stages[0]!.reusedFrom).toBe(second.serial);
  });

  it('does not reuse a stage that declares no inputs, and says why', async () => {
    const yml = `version: 1\nline:\n  - id: free\n    uses: command\n    with: { run: ${node('')} }\n  - id: next\n    uses: command\n    with: { run: ${node('')} }\n`;
    const { base } = await setup(yml);
    const first = await runLine(base());
    const again = await runLine(base({ resume: { serial: first.serial, fromStage: 'next' } }));
    expect(again.stages[0]!.state).toBe('passed');
    expect(again.stages[0]!.reason).toContain('no inputs declared');
  });

  it('refuses --from a stage that does not exist', async () => {
    const { base } = await setup(threeStages(''));
    const first = await runLine(base());
    await expect(runLine(base({ resume: { serial: first.serial, fromStage: 'nope' } }))).rejects.toThrow(/--from nope: no such stage/);
  });

  it('reuses a passed stage from the stage cache when its inputs did not change', async () => {
    const { ws, base } = await setup(threeStages(''));
    const cache = new FsStageCache(path.join(ws, '.andon/cache'));
    const first = await runLine(base({ cache }));
    expect(first.stages.map((s) => s.state)).toEqual(['passed', 'passed', 'passed']);
    const second = await runLine(base({ cache }));
    expect(second.stages.map((s) => s.state)).toEqual(['reused', 'reused', 'passed']);
    expect(second.stages[0]!.reason).toContain('stage cache');
    expect(second.stages[0]!.reusedFrom).toBe(first.serial);
    await writeFiles(ws, { 'src/a.ts': 'export const a = 2;\n' });
    const third = await runLine(base({ cache }));
    expect(third.stages.map((s) => s.state)).toEqual(['passed', 'passed', 'passed']);
  });

  it('times a command out as errored with the reason', async () => {
    const yml = `version: 1\nline:\n  - id: slow\n    uses: command\n    with: { run: ${node('setTimeout(()=>{}, 60000)')}, timeoutSeconds: 0.5 }\n`;
    const { base } = await setup(yml);
    const record = await runLine(base());
    expect(record.stages[0]!.state).toBe('errored');
    expect(record.stages[0]!.reason).toBe('timed out after 0.5s');
    expect(record.verdict).toBe('errored');
  });

  it('records a string command as an explicit bash -c, and a missing program as errored', async () => {
    const yml = `version: 1\nline:\n  - id: sh\n    uses: command\n    blocking: false\n    with: { run: "echo one && echo two" }\n  - id: missing\n    uses: command\n    with: { run: [definitely-not-a-program-xyz] }\n`;
    const { store, base } = await setup(yml);
    const record = await runLine(base());
    const result = JSON.parse(await readFile(path.join(store.stageDir(record.serial, 'sh'), 'result.json'), 'utf8'));
    expect(result).toMatchObject({ argv: ['bash', '-c', 'echo one && echo two'], shell: true, exitCode: 0 });
    expect(record.stages[1]!.state).toBe('errored');
    expect(record.stages[1]!.reason).toContain('could not start definitely-not-a-program-xyz');
  });

  it('blames a cwd that is missing or not a folder, not the program', async () => {
    const stageWith = (id: string, cwd: string) => `  - id: ${id}\n    uses: command\n    blocking: false\n    with: { run: ${node('')}, cwd: ${cwd} }\n`;
    const yml = `version: 1\nline:\n${stageWith('missing', 'nosuchdir')}${stageWith('file', 'src/a.ts')}${stageWith('here', 'src')}`;
    const { base } = await setup(yml);
    const record = await runLine(base());
    expect(record.stages.map((s) => `${s.id}:${s.state}:${s.reason}`)).toEqual([
      'missing:errored:cwd "nosuchdir" does not exist in the workspace',
      'file:errored:cwd "src/a.ts" is not a folder',
      'here:passed:exit code 0',
    ]);
  });

  it('masks secrets from the environment in logs, reasons and results', async () => {
    const secret = 'hunter2-very-secret-value';
    const yml = `version: 1\nline:\n  - id: leak\n    uses: command\n    with: { run: ${node('console.log("token is " + process.env.API_TOKEN); process.exit(1)')} }\n`;
    const { store, base } = await setup(yml);
    const record = await runLine(base({ env: { ...env, API_TOKEN: secret } }));
    const dir = store.runDir(record.serial);
    const log = await readFile(path.join(dir, 'leak/log.txt'), 'utf8');
    expect(log).toContain('token is ***');
    expect(log).not.toContain(secret);
    expect(JSON.stringify(record)).not.toContain(secret);
    expect(record.stages[0]!.reason).toContain('***');
  });

  it('cancels the running stage and the rest on abort, and flushes the record', async () => {
    const yml = `version: 1\nline:\n  - id: long\n    uses: command\n    with: { run: ${node('setTimeout(()=>{}, 60000)')} }\n  - id: after\n    uses: command\n    with: { run: ${node('')} }\n`;
    const { store, base } = await setup(yml);
    const ac = new AbortController();
    setTimeout(() => ac.abort('SIGINT'), 400);
    const record = await runLine(base({ signal: ac.signal }));
    expect(record.stages.map((s) => [s.state, s.reason])).toEqual([
      ['cancelled', 'cancelled by SIGINT'],
      ['cancelled', 'cancelled by SIGINT'],
    ]);
    expect(record.verdict).toBe('cancelled');
    expect((await store.loadRecord(record.serial)).verdict).toBe('cancelled');
  });

  it('runs only the selected stages', async () => {
    const { base } = await setup(threeStages(''));
    const record = await runLine(base({ only: ['unit'] }));
    expect(record.stages.map((s) => s.state)).toEqual(['skipped', 'passed', 'skipped']);
    expect(record.stages[0]!.reason).toContain('not selected');
    await expect(runLine(base({ only: ['zzz'] }))).rejects.toThrow(/--only zzz: no such stage/);
  });

  it('records source facts from git, the config digest and tool versions', async () => {
    const { ws, base, config } = await setup(threeStages(''));
    await writeFiles(ws, { 'src/b.ts': 'export {};\n' });
    const sha = commitAll(ws, 'second');
    await writeFiles(ws, { 'src/c.ts': 'dirty\n' });
    const record = await runLine(base());
    expect(record.source).toMatchObject({ sha, ref: 'main', dirty: true });
    expect(record.config).toEqual({ path: 'andon.yml', digest: config.digest });
    expect(record.tool.node).toBe(process.version);
    expect(record.host.kind).toBe('local');
  });

  it('turns an exception thrown by a stage kind into errored with its message', async () => {
    const registry = defaultRegistry();
    const boom: StageKind<Record<string, never>> = {
      name: 'boom',
      description: 'throws',
      options: z.object({}).strict(),
      inputs: async () => null,
      run: async () => {
        throw new Error('kaput at x.ts:1:2');
      },
    };
    registry.register(boom);
    const yml = 'version: 1\nline:\n  - id: b\n    uses: boom\n';
    const ws = await makeRepo({ 'andon.yml': yml });
    const config = parseConfig(yml, 'andon.yml', registry);
    const store = new FsStore(path.join(ws, '.andon/runs'));
    const record = await runLine({ workspace: ws, config, registry, store, env, writer: thisProcess() });
    expect(record.stages[0]).toMatchObject({ state: 'errored', reason: 'kaput at x.ts:1:2' });
  });

  it('lets a stage complete at the end of the line from later stages, and the record says so', async () => {
    const registry = defaultRegistry();
    const late: StageKind<Record<string, never>> = {
      name: 'late',
      description: 'completes from later stages',
      options: z.object({}).strict(),
      inputs: async () => null,
      run: async () => ({ state: 'passed', reason: 'waiting for later stages', counts: { seen: 0 } }),
      complete: async (_ctx, line) => ({
        counts: { seen: line.filter((s) => s.state === 'failed').length },
        state: line.some((s) => s.id === 'after' && s.state === 'failed') ? 'failed' : 'passed',
        reason: 'a later stage failed',
      }),
    };
    registry.register(late);
    const yml = `version: 1\nline:\n  - id: l\n    uses: late\n  - id: after\n    uses: command\n    blocking: false\n    with: { run: ${node('process.exit(1)')} }\n`;
    const ws = await makeRepo({ 'andon.yml': yml });
    const store = new FsStore(path.join(ws, '.andon/runs'));
    const record = await runLine({ workspace: ws, config: parseConfig(yml, 'andon.yml', registry), registry, store, env, writer: thisProcess() });
    expect(record.stages[0]).toMatchObject({ state: 'failed', completedAtEndOfLine: true, counts: { seen: 1 }, reason: 'a later stage failed' });
    expect(record.verdict).toBe('failed');
    await writeFile(path.join(ws, 'x'), '');
  });
});
