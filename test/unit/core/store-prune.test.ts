// Pruning a real store and stage cache made by real runs of the line (a clock puts them in the past).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/core/config.js';
import { isInterrupted } from '../../../src/core/finalize.js';
import { buildTrace } from '../../../src/core/lineage.js';
import { runLine } from '../../../src/core/line.js';
import type { RunRecord } from '../../../src/core/run-record.js';
import { FsStageCache } from '../../../src/core/stage-cache.js';
import { applyPrune, parseAge, planPrune } from '../../../src/core/store-prune.js';
import { FsStore } from '../../../src/core/store.js';
import { defaultRegistry } from '../../../src/stages/index.js';
import { processIsAlive, thisProcess } from '../../../src/this-process.js';
import { makeRepo } from '../../helpers/git-repo.js';

const node = JSON.stringify(process.execPath);
const yml = `version: 1
line:
  - id: a
    uses: command
    with: { run: [${node}, "-e", "console.log('x'.repeat(2000))"], inputs: ["src/**"] }
  - id: b
    uses: command
    with: { run: [${node}, "-e", "0"] }
`;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Sums the bytes of the files under a folder, as prune counts them. */
async function du(p: string): Promise<number> {
  const { lstat } = await import('node:fs/promises');
  const st = await lstat(p);
  if (!st.isDirectory()) return st.size;
  let n = 0;
  for (const e of await readdir(p)) n += await du(path.join(p, e));
  return n;
}

/**
 * A history of real runs (times relative to now):
 *   r1 -10d src v1 (caches a/d1) · r2 -9d v2 (caches a/d2) · r3 -8d resume r2 from b · r4 -3d v1 (a from the cache: d1)
 *   r5 -2d v3 (caches a/d3) · r6 -1d resume r3 from b · a run still running (-20d) · an interrupted one (-19d)
 */
async function history() {
  const ws = await makeRepo({ 'andon.yml': yml, 'src/a.ts': 'v1\n' });
  const registry = defaultRegistry();
  const config = parseConfig(yml, 'andon.yml', registry);
  const store = new FsStore(path.join(ws, '.andon/runs'));
  const cacheRoot = path.join(ws, '.andon/cache');
  const cache = new FsStageCache(cacheRoot);
  const now = Date.now();
  const run = async (agoMs: number, src: string, resume?: { serial: string; fromStage: string }) => {
    await writeFile(path.join(ws, 'src/a.ts'), src);
    const at = new Date(now - agoMs);
    return runLine({ workspace: ws, config, registry, store, env: { PATH: process.env.PATH }, writer: thisProcess(), clock: { now: () => at }, cache, ...(resume ? { resume } : {}) });
  };
  const r1 = await run(10 * DAY, 'v1\n');
  const r2 = await run(9 * DAY, 'v2\n');
  const r3 = await run(8 * DAY, 'v2\n', { serial: r2.serial, fromStage: 'b' });
  const r4 = await run(3 * DAY, 'v1\n');
  const r5 = await run(2 * DAY, 'v3\n');
  const r6 = await run(1 * DAY, 'v2\n', { serial: r3.serial, fromStage: 'b' });
  expect(r3.stages[0]!.state).toBe('reused');
  expect(r4.stages[0]).toMatchObject({ state: 'reused', reusedFrom: r1.serial });
  expect(r6.parent?.serial).toBe(r3.serial);
  // A run still being written (this process) and one whose process is gone, both older than the rest.
  const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
  const copy = async (from: RunRecord, serial: string, pid: number, agoMs: number): Promise<RunRecord> => {
    const rec: RunRecord = { ...structuredClone(from), serial, parent: null, verdict: 'running', finishedAt: null, createdAt: new Date(now - agoMs).toISOString(), host: { ...from.host, pid, hostname: hostname() } };
    await store.reserve(serial);
    await writeFile(path.join(store.runDir(serial), 'padding.txt'), 'p'.repeat(5000));
    await store.writeRecord(rec);
    return rec;
  };
  const running = await copy(r5, '20200101T000000000Z-aaaaaa', process.pid, 20 * DAY);
  const interrupted = await copy(r5, '20200102T000000000Z-bbbbbb', dead, 19 * DAY);
  // A folder whose record was never written.
  await mkdir(path.join(store.root, '20200103T000000000Z-cccccc'));
  // Each cache entry was written when the run that produced it ran.
  const entries: string[] = [];
  const produced = new Map([r1, r2, r3, r4, r5, r6].map((r) => [r.serial, new Date(r.createdAt)]));
  for (const stage of await readdir(path.join(cacheRoot, 'stages'))) {
    for (const hex of await readdir(path.join(cacheRoot, 'stages', stage))) {
      const dir = path.join(cacheRoot, 'stages', stage, hex);
      const old = produced.get(JSON.parse(await readFile(path.join(dir, 'entry.json'), 'utf8')).serial)!;
      await utimes(path.join(dir, 'entry.json'), old, old);
      await utimes(dir, old, old);
      entries.push(`${stage}/${hex}`);
    }
  }
  return { ws, store, cacheRoot, r: [r1, r2, r3, r4, r5, r6], running, interrupted, entries, now };
}

const isRunning = (r: RunRecord) => r.verdict === 'running' && !isInterrupted(r, processIsAlive, hostname());
const hexOf = (rec: RunRecord, id: string) => rec.stages.find((s) => s.id === id)!.inputsDigest!.slice(7);

describe('pruning the store', () => {
  it('--keep N removes the older runs and the cache entries no kept run produced or used, never a kept run\'s lineage nor a running one', async () => {
    const h = await history();
    const [r1, r2, r3, r4, r5, r6] = h.r;
    expect(h.entries.sort()).toEqual([`a/${hexOf(r1!, 'a')}`, `a/${hexOf(r2!, 'a')}`, `a/${hexOf(r5!, 'a')}`].sort());
    const sizes = new Map<string, number>();
    for (const s of [r1!.serial, r4!.serial, h.interrupted.serial]) sizes.set(s, await du(h.store.runDir(s)));
    const e1 = path.join(h.cacheRoot, 'stages/a', hexOf(r1!, 'a'));
    const e1Bytes = await du(e1);

    const plan = await planPrune({ store: h.store, cacheRoot: h.cacheRoot, rule: { keep: 2 }, now: new Date(h.now), isRunning });
    expect(plan.runs.map((r) => r.serial).sort()).toEqual([r1!.serial, r4!.serial, h.interrupted.serial].sort());
    expect(plan.kept).toEqual({ byRule: 2, lineage: 2, running: 1 });
    expect(plan.cache.map((c) => `${c.stageId}/${c.digest.slice(7)}`)).toEqual([`a/${hexOf(r1!, 'a')}`]);
    expect(plan.cache[0]).toMatchObject({ serial: r1!.serial, bytes: e1Bytes });
    expect(plan.leftAlone).toEqual([{ serial: '20200103T000000000Z-cccccc', why: expect.stringContaining('no run 20200103T000000000Z-cccccc') }]);
    for (const r of plan.runs) expect(r.bytes).toBe(sizes.get(r.serial));
    expect(plan.bytes).toBe([...sizes.values()].reduce((a, b) => a + b, 0) + e1Bytes);

    expect(await applyPrune(h.store, h.cacheRoot, plan)).toEqual([]);
    const left = (await h.store.listRuns()).map((r) => r.serial);
    expect(left.sort()).toEqual([r2!.serial, r3!.serial, r5!.serial, r6!.serial, h.running.serial].sort());
    expect(existsSync(e1)).toBe(false);
    expect(existsSync(path.join(h.cacheRoot, 'stages/a', hexOf(r2!, 'a')))).toBe(true);
    // The newest run's lineage is whole: its trace reaches its root run.
    const trace = await buildTrace(h.store, r6!.serial);
    expect(trace.lineage.map((l) => [l.serial, l.missing ?? false])).toEqual([[r6!.serial, false], [r3!.serial, false], [r2!.serial, false]]);
    expect(existsSync(path.join(h.store.root, '20200103T000000000Z-cccccc'))).toBe(true);
  });

  it('--older AGE removes runs created before it and cache entries no run used since; with --keep only what both let go', async () => {
    const h = await history();
    const [r1, , r3, r4, r5, r6] = h.r;
    const at = (rule: Parameters<typeof planPrune>[0]['rule']) => planPrune({ store: h.store, cacheRoot: h.cacheRoot, rule, now: new Date(h.now), isRunning });
    const older = await at({ olderThanMs: parseAge('5d') });
    // r1 and the interrupted run are older than 5 days and nobody's parent; r2 and r3 are r6's lineage.
    expect(older.runs.map((r) => r.serial).sort()).toEqual([r1!.serial, h.interrupted.serial].sort());
    expect(older.kept).toEqual({ byRule: 3, lineage: 2, running: 1 });
    // a/d1 was last used by r4 (3 days ago), a/d2 by r6: nothing in the cache is older than 5 days.
    expect(older.cache).toEqual([]);
    const twoDays = await at({ olderThanMs: 2.5 * DAY });
    expect(twoDays.cache.map((c) => c.digest.slice(7))).toEqual([hexOf(r1!, 'a')]);
    expect(twoDays.cache[0]!.lastUsed).toBe(r4!.createdAt);
    // Both: r4 is beyond the newest 2 but not older than 5 days, so it stays.
    const both = await at({ keep: 2, olderThanMs: 5 * DAY });
    expect(both.runs.map((r) => r.serial).sort()).toEqual([r1!.serial, h.interrupted.serial].sort());
    expect(both.kept.byRule).toBe(3);
    expect([r3, r5, r6].every((r) => !both.runs.some((g) => g.serial === r!.serial))).toBe(true);
  });

  it('never removes a stage-cache entry written within the hour (a run may be writing it)', async () => {
    const h = await history();
    const [r1] = h.r;
    const e1 = path.join(h.cacheRoot, 'stages/a', hexOf(r1!, 'a'));
    const fresh = new Date(h.now - 10 * 60_000);
    await utimes(path.join(e1, 'entry.json'), fresh, fresh);
    const plan = await planPrune({ store: h.store, cacheRoot: h.cacheRoot, rule: { keep: 1 }, now: new Date(h.now), isRunning });
    expect(plan.cache.map((c) => c.digest.slice(7))).not.toContain(hexOf(r1!, 'a'));
  });

  it('takes ages such as 30d, 12h, 90m, 2w and refuses anything else', () => {
    expect(parseAge('30d')).toBe(30 * DAY);
    expect(parseAge('12h')).toBe(12 * HOUR);
    expect(parseAge('90m')).toBe(90 * 60_000);
    expect(parseAge('2w')).toBe(14 * DAY);
    for (const bad of ['30', 'd', '0d', '-1d', '1y', '1.5d']) expect(() => parseAge(bad), bad).toThrow(/--older takes an age/);
  });
});
