// A stage that completes at the end of the line writes its files again: when that write fails (a full disk), the
// stage fails with what happened and what to do, the record is finished and hashes what is there; never a crash.
import { renameSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/core/config.js';
import { runLine } from '../../../src/core/line.js';
import type { StageKind } from '../../../src/core/stage-kind.js';
import { FsStore } from '../../../src/core/store.js';
import { defaultRegistry } from '../../../src/stages/index.js';
import { thisProcess } from '../../../src/this-process.js';
import { makeRepo } from '../../helpers/git-repo.js';

describe('a write that fails at the end of the line', () => {
  it('fails the completing stage with the cause and the fix, and the record is finished', async () => {
    const registry = defaultRegistry();
    const completing: StageKind<Record<string, never>> = {
      name: 'completing',
      description: 'passes, then rewrites its result at the end of the line',
      options: z.object({}).strict(),
      inputs: async () => null,
      run: async () => ({ state: 'passed', reason: 'ran', result: { at: 'run' } }),
      complete: async (ctx) => {
        // The disk is full by the time the line ends: its result.json now leads to /dev/full (ENOSPC on write).
        symlinkSync('/dev/full', path.join(ctx.outDir, 'result.json.full'));
        renameSync(path.join(ctx.outDir, 'result.json.full'), path.join(ctx.outDir, 'result.json'));
        return { state: 'passed', reason: 'completed', result: { at: 'end' } };
      },
    };
    registry.register(completing);
    const yml = 'version: 1\nline:\n  - id: c\n    uses: completing\n';
    const ws = await makeRepo({ 'andon.yml': yml });
    const store = new FsStore(path.join(ws, '.andon/runs'));
    const rec = await runLine({ workspace: ws, config: parseConfig(yml, 'andon.yml', registry), registry, store, env: { PATH: process.env.PATH }, writer: thisProcess() });
    expect(rec.stages[0]).toMatchObject({ state: 'failed', completedAtEndOfLine: true });
    expect(rec.stages[0]!.reason).toContain("could not write the stage's files at the end of the line");
    expect(rec.stages[0]!.reason).toContain('no space left on the device (ENOSPC); free space on that disk');
    expect(rec.verdict).toBe('failed');
    expect(rec.finishedAt).not.toBeNull();
    expect((await store.loadRecord(rec.serial)).verdict).toBe('failed');
  });
});
