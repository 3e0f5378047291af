// `andon runs prune` and `store.keep` on real runs of the CLI.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { makeRepo } from '../../helpers/git-repo.js';

const node = JSON.stringify(process.execPath);
const yml = (store = '') => `version: 1
line:
  - id: unit
    uses: command
    with: { run: [${node}, "-e", "console.log('ok')"] }
${store}`;

const serials = async (ws: string) => (await readdir(path.join(ws, '.andon/runs'))).sort();

describe('andon runs prune', () => {
  it('lists what a dry run would remove, then removes it and says how many bytes were freed', async () => {
    const ws = await makeRepo({ 'andon.yml': yml() });
    for (let i = 0; i < 4; i++) expect((await runCli(['run', '-q'], ws)).code).toBe(0);
    const before = await serials(ws);
    const dry = await runCli(['runs', 'prune', '--keep', '1', '--dry-run'], ws);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout.split('\n').filter(Boolean).map((l) => l.split(/\s+/).slice(0, 4).join(' '))).toEqual(before.slice(0, 3).reverse().map((s) => `would remove run ${s}`));
    expect(dry.stderr).toMatch(/3 run\(s\) and 0 cache entries would be removed, [\d.]+ KiB to free; 1 run\(s\) kept \(1 by the rule\)/);
    expect(await serials(ws)).toEqual(before);
    const json = JSON.parse((await runCli(['runs', 'prune', '--older', '1h', '--dry-run', '--json'], ws)).stdout);
    expect(json).toMatchObject({ dryRun: true, runs: [], cache: [], kept: { byRule: 4, lineage: 0, running: 0 } });

    const done = await runCli(['runs', 'prune', '--keep', '1'], ws);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain(`removed run ${before[0]}`);
    expect(done.stderr).toMatch(/3 run\(s\) and 0 cache entries removed, [\d.]+ KiB freed/);
    expect(await serials(ws)).toEqual([before[3]]);
  });

  it('keeps the parents of a kept resumed run', async () => {
    const ws = await makeRepo({ 'andon.yml': yml() });
    const first = (await runCli(['run', '-q'], ws)).stdout.trim();
    await runCli(['run', '-q'], ws);
    const resumed = (await runCli(['run', '-q', '--resume', first, '--from', 'unit'], ws)).stdout.trim();
    const r = await runCli(['runs', 'prune', '--keep', '1'], ws);
    expect(r.stderr).toContain('1 run(s) and 0 cache entries removed');
    expect(r.stderr).toContain('2 run(s) kept (1 by the rule, 1 for the lineage of kept runs)');
    expect(await serials(ws)).toEqual([first, resumed].sort());
    expect((await runCli(['trace', resumed, '--json'], ws)).stdout).not.toContain('"missing"');
  });

  it('store.keep prunes after every run', async () => {
    const ws = await makeRepo({ 'andon.yml': yml('store: { keep: 2 }\n') });
    const made: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await runCli(['run'], ws);
      expect(r.code).toBe(0);
      made.push(r.stdout.trim());
      if (i >= 2) expect(r.stderr).toMatch(/store\.keep 2: 1 run\(s\) and 0 cache entries removed/);
    }
    expect(await serials(ws)).toEqual(made.slice(2).sort());
  });

  it('asks for a rule, and refuses an age it cannot read', async () => {
    const ws = await makeRepo({ 'andon.yml': yml() });
    const none = await runCli(['runs', 'prune'], ws);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('needs --keep N or --older AGE');
    const bad = await runCli(['runs', 'prune', '--older', '3 months'], ws);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--older takes an age such as 30d');
    expect((await runCli(['runs', 'prune', '--keep', '0'], ws)).code).toBe(2);
    expect((await runCli(['runs', 'purge'], ws)).code).toBe(2);
  });
});
