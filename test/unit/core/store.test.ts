import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/core/config.js';
import { runLine } from '../../../src/core/line.js';
import { FsStore } from '../../../src/core/store.js';
import { defaultRegistry } from '../../../src/stages/index.js';
import { makeRepo } from '../../helpers/git-repo.js';
import { runCli } from '../../helpers/cli.js';
import { thisProcess } from '../../../src/this-process.js';

const yml = `version: 1\nline:\n  - id: one\n    uses: command\n    with: { run: [${JSON.stringify(process.execPath)}, "-e", "console.log('hello')"] }\n`;

async function oneRun() {
  const ws = await makeRepo({ 'andon.yml': yml });
  const registry = defaultRegistry();
  const store = new FsStore(path.join(ws, '.andon/runs'));
  const record = await runLine({ workspace: ws, config: parseConfig(yml, 'andon.yml', registry), registry, store, env: { PATH: process.env.PATH }, writer: thisProcess() });
  return { ws, store, record };
}

describe('the filesystem store', () => {
  it('hashes every artifact and verifies them', async () => {
    const { store, record } = await oneRun();
    const paths = record.stages[0]!.artifacts.map((a) => a.path).sort();
    expect(paths).toEqual(['one/log.txt', 'one/result.json']);
    expect(await store.verify(record)).toEqual([]);
  });

  it('reports a tampered, a missing and an unrecorded artifact instead of trusting them', async () => {
    const { ws, store, record } = await oneRun();
    const dir = store.stageDir(record.serial, 'one');
    await appendFile(path.join(dir, 'log.txt'), 'forged line\n');
    await rm(path.join(dir, 'result.json'));
    await writeFile(path.join(dir, 'extra.txt'), 'x');
    const problems = await store.verify(record);
    expect(problems.map((p) => `${p.problem} ${p.path}`).sort()).toEqual(['missing one/result.json', 'modified one/log.txt', 'unrecorded one/extra.txt']);
    const shown = await runCli(['show', record.serial], ws);
    expect(shown.code).toBe(1);
    expect(shown.stdout).toContain('modified: one/log.txt');
    expect(shown.stdout).toContain('not trusted');
  });

  it('never reuses a serial and refuses serials that are paths', async () => {
    const { store, record } = await oneRun();
    await expect(store.reserve(record.serial)).rejects.toThrow(/already used/);
    expect(() => store.runDir('../../etc')).toThrow(/not an Andon serial/);
    await expect(store.loadRecord('20990101T000000000Z-000000')).rejects.toThrow(/no run/);
  });

  it('lists runs newest first and skips folders without a readable record', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'andon-store-'));
    const store = new FsStore(root);
    await store.reserve('20260101T000000000Z-aaaaaa');
    const { record } = await oneRun();
    await store.writeRecord({ ...record, serial: '20260101T000000001Z-bbbbbb' });
    await store.writeRecord({ ...record, serial: '20260101T000000002Z-cccccc' });
    expect((await store.listRuns()).map((r) => r.serial)).toEqual(['20260101T000000002Z-cccccc', '20260101T000000001Z-bbbbbb']);
  });

  it('refuses a record that is not andon.run/v1', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'andon-store-'));
    const store = new FsStore(root);
    await store.reserve('20260101T000000000Z-aaaaaa');
    await writeFile(path.join(root, '20260101T000000000Z-aaaaaa', 'run.json'), '{"schema":"other"}');
    await expect(store.loadRecord('20260101T000000000Z-aaaaaa')).rejects.toThrow(/not an andon\.run\/v1 record/);
  });
});
