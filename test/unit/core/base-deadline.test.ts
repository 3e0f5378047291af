// Judging the base runs inside the stage that asked for its baseline: the stage's deadline stops it, the worktree is
// gone when the stage ends, and what a stopped judgement said is never kept as the base's.
import path from 'node:path';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/core/config.js';
import { runLine } from '../../../src/core/line.js';
import type { BaseJudgementCache } from '../../../src/core/base-baselines.js';
import type { StageKind } from '../../../src/core/stage-kind.js';
import { FsStore } from '../../../src/core/store.js';
import { defaultRegistry } from '../../../src/stages/index.js';
import { thisProcess } from '../../../src/this-process.js';
import { commitAll, gitIn, makeRepo, writeFiles } from '../../helpers/git-repo.js';

describe('a base judged for a stage with a deadline', () => {
  it('stops at the stage deadline, leaves no worktree behind, and keeps no judgement', async () => {
    const env = { PATH: process.env.PATH, HOME: process.env.HOME };
    let baseSignal: AbortSignal | undefined;
    let toolEnded = 0;
    const registry = defaultRegistry();
    const hung: StageKind<{ timeoutSeconds?: number }> = {
      name: 'judging',
      description: 'asks for its baseline; at the base its tool hangs',
      options: z.object({ timeoutSeconds: z.number().optional() }).strict(),
      inputs: async () => ({ files: ['src/**'] }),
      run: async (ctx) => {
        const ref = await ctx.baseline();
        await ref?.read('baseline.json');
        return { state: 'passed', reason: 'ok' };
      },
      judgeAtBase: async (ctx) => {
        baseSignal = ctx.signal;
        await ctx.runner.run([process.execPath, '-e', 'setTimeout(() => {}, 15000)'], { cwd: ctx.workspace });
        toolEnded = Date.now();
        return { kind: 'judged', baseline: { schema: 'andon.findings-baseline/v1', stage: 'j', entries: [] } };
      },
    };
    registry.register(hung);
    const yml = 'version: 1\nline:\n  - id: j\n    uses: judging\n    with: { timeoutSeconds: 1 }\n';
    const ws = await makeRepo({ 'andon.yml': yml, 'src/a.ts': '1\n' });
    gitIn(ws, 'checkout', '-q', '-b', 'feature');
    await writeFiles(ws, { 'src/a.ts': '2\n' });
    commitAll(ws, 'change');
    const kept: string[] = [];
    const baseCache: BaseJudgementCache = { get: async () => null, put: async (key) => void kept.push(key) };
    const started = Date.now();
    const rec = await runLine({ workspace: ws, config: parseConfig(yml, 'andon.yml', registry), registry, store: new FsStore(path.join(ws, '.andon/runs')), env, writer: thisProcess(), baseCache });
    expect(rec.stages[0]).toMatchObject({ state: 'errored', reason: 'timed out after 1s' });
    expect(baseSignal?.aborted).toBe(true);
    // The tool at the base was stopped with the stage, well before its 15 s.
    expect(toolEnded).toBeGreaterThan(0);
    expect(toolEnded - started).toBeLessThan(10_000);
    expect(gitIn(ws, 'worktree', 'list').split('\n')).toHaveLength(1);
    expect(kept).toEqual([]);
  });
});
