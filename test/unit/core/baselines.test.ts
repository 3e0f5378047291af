import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { BaselineSource } from '../../../src/core/baseline-source.js';
import { baselineUpdate } from '../../../src/core/baseline-update.js';
import { parseConfig } from '../../../src/core/config.js';
import { runLine } from '../../../src/core/line.js';
import type { StageKind } from '../../../src/core/stage-kind.js';
import { FsStageCache } from '../../../src/core/stage-cache.js';
import { FsStore } from '../../../src/core/store.js';
import { defaultRegistry } from '../../../src/stages/index.js';
import { commitAll, gitIn, makeRepo } from '../../helpers/git-repo.js';
import { thisProcess } from '../../../src/this-process.js';

/** A stage kind that reports which baseline it was given and leaves a baseline of its own. */
const probe: StageKind<{ value: string }> = {
  name: 'probe',
  description: 'reports its baseline',
  options: z.object({ value: z.string() }).strict(),
  inputs: async () => ({ files: ['src/**'] }),
  async run(ctx) {
    const b = await ctx.baseline();
    const data = b ? JSON.parse((await b.read('baseline.json'))!.toString()) : null;
    return { state: 'passed', reason: b ? `baseline from ${b.origin}: ${b.description}` : 'no baseline', result: { got: data }, baseline: { value: ctx.options.value } };
  },
};

const yml = (value: string) => `version: 1\nline:\n  - id: probe\n    uses: probe\n    with: { value: ${value} }\n`;

async function setup() {
  const registry = defaultRegistry();
  registry.register(probe);
  const ws = await makeRepo({ 'andon.yml': yml('one') });
  const store = new FsStore(path.join(ws, '.andon/runs'));
  const run = (value: string) =>
    runLine({ workspace: ws, config: parseConfig(yml(value), 'andon.yml', registry), registry, store, env: { PATH: process.env.PATH }, writer: thisProcess() });
  return { ws, store, run };
}

describe('baselines', () => {
  it('come from a recorded run of the base commit in the store: the merge-base of a branch', async () => {
    const { ws, store, run } = await setup();
    const onMain = await run('main-value');
    expect(onMain.stages[0]!.reason).toBe('no baseline');
    gitIn(ws, 'checkout', '-q', '-b', 'feature');
    await writeFile(path.join(ws, 'feature.txt'), 'x\n');
    commitAll(ws, 'feature work');
    const onFeature = await run('feature-value');
    expect(onFeature.source.baseSha).toBe(onMain.source.sha);
    expect(onFeature.stages[0]!.reason).toBe(`baseline from store: run ${onMain.serial} of the base ${onMain.source.sha!.slice(0, 7)} on main`);
    const result = JSON.parse(await readFile(path.join(store.stageDir(onFeature.serial, 'probe'), 'result.json'), 'utf8'));
    expect(result.got).toEqual({ value: 'main-value' });
  });

  it('from a recorded run are only the bytes that run hashed: an edited, grown or swapped baseline errors the stage, never passes it', async () => {
    const { ws, store, run } = await setup();
    const onMain = await run('main-value');
    gitIn(ws, 'checkout', '-q', '-b', 'feature');
    await writeFile(path.join(ws, 'feature.txt'), 'x\n');
    commitAll(ws, 'feature work');
    const file = path.join(store.stageDir(onMain.serial, 'probe'), 'baseline.json');
    const original = await readFile(file);
    // The same length, other bytes: what someone writing in the findings they want known would leave.
    for (const edited of [Buffer.from(original.toString().replace('main-value', 'main-VALUE')), Buffer.concat([original, Buffer.from(' ')])]) {
      await writeFile(file, edited);
      const onFeature = await run('feature-value');
      expect(onFeature.verdict).toBe('errored');
      expect(onFeature.stages[0]).toMatchObject({ state: 'errored' });
      expect(onFeature.stages[0]!.reason).toContain(`probe/baseline.json of run ${onMain.serial} of the base ${onMain.source.sha!.slice(0, 7)} on main was modified since its run recorded it`);
      expect(onFeature.stages[0]!.reason).toContain('not trusted');
    }
    // `andon baseline update` takes the same rule: an edited file is not committed as a baseline.
    await expect(baselineUpdate(store, ws, { from: onMain.serial, config: { path: 'andon.yml', digest: onMain.config.digest } })).rejects.toThrow(
      `probe/baseline.json of run ${onMain.serial} was modified since its run recorded it`,
    );
    await writeFile(file, original);
    const restored = await run('feature-value');
    expect(restored.stages[0]).toMatchObject({ state: 'passed', reason: expect.stringContaining(`baseline from store: run ${onMain.serial}`) });
  });

  it('come from a committed file written by `andon baseline update`, which takes precedence', async () => {
    const { ws, run } = await setup();
    const first = await run('committed-value');
    const { written } = await baselineUpdate(new FsStore(path.join(ws, '.andon/runs')), ws, { from: first.serial, config: { path: 'andon.yml', digest: '' } });
    expect(written).toEqual([{ stage: 'probe', file: '.andon/baselines/probe.json' }]);
    expect(JSON.parse(await readFile(path.join(ws, '.andon/baselines/probe.json'), 'utf8'))).toEqual({ value: 'committed-value' });
    gitIn(ws, 'checkout', '-q', '-b', 'feature');
    const later = await run('other');
    expect(later.stages[0]!.reason).toBe('baseline from file: .andon/baselines/probe.json');
  });

  it('key the inputs digest: a changed baseline means the stage is not reused from the cache', async () => {
    const registry = defaultRegistry();
    registry.register(probe);
    const ws = await makeRepo({ 'andon.yml': yml('v'), 'src/a.ts': 'x\n' });
    const store = new FsStore(path.join(ws, '.andon/runs'));
    const cache = new FsStageCache(path.join(ws, '.andon/cache'));
    const config = parseConfig(yml('v'), 'andon.yml', registry);
    // On a branch with a commit of its own, so its runs are not base-branch runs.
    gitIn(ws, 'checkout', '-q', '-b', 'feature');
    await writeFile(path.join(ws, 'README.md'), 'feature\n');
    commitAll(ws, 'feature work');
    const run = () => runLine({ workspace: ws, config, registry, store, env: { PATH: process.env.PATH }, writer: thisProcess(), cache });
    const first = await run();
    expect((await run()).stages[0]!.state).toBe('reused');
    await mkdir(path.join(ws, '.andon/baselines'), { recursive: true });
    await writeFile(path.join(ws, '.andon/baselines/probe.json'), JSON.stringify({ value: 'new baseline' }));
    const third = await run();
    expect(third.stages[0]!.state).toBe('passed');
    expect(third.stages[0]!.inputsDigest).not.toBe(first.stages[0]!.inputsDigest);
  });

  it('are loaded once per stage and run: the bytes the stage reads are the bytes its inputs digest holds', async () => {
    const registry = defaultRegistry();
    registry.register(probe);
    const ws = await makeRepo({ 'andon.yml': yml('v'), 'src/a.ts': 'x\n' });
    const store = new FsStore(path.join(ws, '.andon/runs'));
    // A source whose baseline changes between reads, as a cache entry saved by a concurrent push run would.
    let loads = 0;
    let reads = 0;
    const changing: BaselineSource = {
      load: async () => {
        loads++;
        return { origin: 'cache', description: 'a changing cache entry', read: async (name) => (name === 'baseline.json' ? Buffer.from(JSON.stringify({ read: ++reads })) : null) };
      },
    };
    const record = await runLine({ workspace: ws, config: parseConfig(yml('v'), 'andon.yml', registry), registry, store, env: { PATH: process.env.PATH }, writer: thisProcess(), baselineSources: [changing] });
    expect([loads, reads]).toEqual([1, 1]);
    const dir = store.stageDir(record.serial, 'probe');
    expect(JSON.parse(await readFile(path.join(dir, 'result.json'), 'utf8')).got).toEqual({ read: 1 });
    const manifest = JSON.parse(await readFile(path.join(dir, 'inputs.json'), 'utf8'));
    expect(manifest.extra.baseline).toBe(createHash('sha256').update(JSON.stringify({ read: 1 })).digest('hex'));
  });

  it('describe an ancestor, never the commit under test: running again or resuming keeps the same baseline', async () => {
    const registry = defaultRegistry();
    registry.register(probe);
    const ws = await makeRepo({ 'andon.yml': yml('a') });
    const store = new FsStore(path.join(ws, '.andon/runs'));
    const run = (value: string, resume?: { serial: string; fromStage: string }) =>
      runLine({ workspace: ws, config: parseConfig(yml(value), 'andon.yml', registry), registry, store, env: { PATH: process.env.PATH }, writer: thisProcess(), ...(resume ? { resume } : {}) });
    const a = await run('a');
    await writeFile(path.join(ws, 'next.txt'), 'next\n');
    commitAll(ws, 'next commit on main');
    // On the base branch the change is the last commit: its base is HEAD's first parent, where run a ran.
    const b = await run('b');
    expect(b.source).toMatchObject({ baseSha: a.source.sha, baseNote: expect.stringContaining("HEAD's first parent") });
    expect(b.stages[0]!.reason).toContain(`run ${a.serial}`);
    const again = await run('c');
    expect(again.stages[0]!.reason).toContain(`run ${a.serial}`);
    const resumed = await run('d', { serial: again.serial, fromStage: 'probe' });
    expect(resumed.stages[0]!.reason).toContain(`run ${a.serial}`);
    // A dirty run of the base commit does not describe it either.
    gitIn(ws, 'checkout', '-q', 'HEAD~1');
    await writeFile(path.join(ws, 'dirty.txt'), 'uncommitted\n');
    await run('dirty');
    await rm(path.join(ws, 'dirty.txt'));
    gitIn(ws, 'checkout', '-q', 'main');
    expect((await run('e')).stages[0]!.reason).toContain(`run ${a.serial}`);
  });
});
