// Every stage kind honours `timeoutSeconds`: the engine aborts the stage's signal at the deadline, records the stage
// errored ("timed out") and goes on; a stage that does not stop within the grace is left behind, never waited for.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseConfig } from '../../../src/core/config.js';
import { runLine } from '../../../src/core/line.js';
import { STOP_GRACE_MS, TimeoutSeconds } from '../../../src/core/stage-deadline.js';
import type { StageKind } from '../../../src/core/stage-kind.js';
import { FsStore } from '../../../src/core/store.js';
import { defaultRegistry } from '../../../src/stages/index.js';
import { thisProcess } from '../../../src/this-process.js';
import { makeRepo } from '../../helpers/git-repo.js';

const env = { PATH: process.env.PATH, HOME: process.env.HOME };
const Options = z.object({ steps: z.number().int().default(100), timeoutSeconds: TimeoutSeconds }).strict();

/** An in-process kind that works in steps and checks its signal between them, like templates and spec. */
const stepping: StageKind<z.infer<typeof Options>> = {
  name: 'stepping',
  description: 'works in 100 ms steps',
  options: Options,
  inputs: async () => null,
  async run(ctx) {
    for (let i = 0; i < ctx.options.steps; i++) {
      if (ctx.signal.aborted) return { state: 'errored', reason: `stopped after ${i} step(s)`, counts: { steps: i } };
      await new Promise((r) => setTimeout(r, 100));
    }
    return { state: 'passed', reason: 'all steps done', counts: { steps: ctx.options.steps } };
  },
};

/** A kind that never returns and never looks at its signal. */
const stuck: StageKind<z.infer<typeof Options>> = {
  name: 'stuck',
  description: 'never returns',
  options: Options,
  inputs: async () => null,
  run: () => new Promise(() => undefined),
};

async function line(yml: string) {
  const ws = await makeRepo({ 'andon.yml': yml });
  const registry = defaultRegistry();
  registry.register(stepping);
  registry.register(stuck);
  const config = parseConfig(yml, 'andon.yml', registry);
  return runLine({ workspace: ws, config, registry, store: new FsStore(path.join(ws, '.andon/runs')), env, writer: thisProcess() });
}

const after = `  - id: after\n    uses: command\n    with: { run: [${JSON.stringify(process.execPath)}, "-e", "0"] }\n`;

describe('a stage deadline (timeoutSeconds)', () => {
  it('stops an in-process stage between steps at the deadline: errored, what it did kept, the line goes on', async () => {
    const started = Date.now();
    const record = await line(`version: 1\nline:\n  - id: slow\n    uses: stepping\n    blocking: false\n    with: { timeoutSeconds: 0.5 }\n${after}`);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(record.stages.map((s) => [s.id, s.state, s.reason])).toEqual([
      ['slow', 'errored', 'timed out after 0.5s'],
      ['after', 'passed', 'exit code 0'],
    ]);
    expect(record.stages[0]!.counts.steps).toBeGreaterThan(0);
    expect(record.stages[0]!.counts.steps).toBeLessThan(100);
  });

  it('leaves behind a stage that does not stop, after the grace, and the line goes on', async () => {
    const started = Date.now();
    const record = await line(`version: 1\nline:\n  - id: hang\n    uses: stuck\n    blocking: false\n    with: { timeoutSeconds: 0.5 }\n${after}`);
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(500 + STOP_GRACE_MS - 100);
    expect(took).toBeLessThan(500 + STOP_GRACE_MS + 5_000);
    expect(record.stages.map((s) => [s.id, s.state])).toEqual([
      ['hang', 'errored'],
      ['after', 'passed'],
    ]);
    expect(record.stages[0]!.reason).toBe(`timed out after 0.5s; the stage did not stop within ${STOP_GRACE_MS / 1000} s and was left behind`);
  });

  it('a stage that finishes in time is untouched', async () => {
    const record = await line(`version: 1\nline:\n  - id: quick\n    uses: stepping\n    with: { steps: 2, timeoutSeconds: 10 }\n`);
    expect(record.stages.map((s) => [s.state, s.reason])).toEqual([['passed', 'all steps done']]);
  });

  it('a command past its deadline is errored within the grace', async () => {
    const record = await line(`version: 1\nline:\n  - id: sleepy\n    uses: command\n    with: { run: [sleep, "30"], timeoutSeconds: 0.5 }\n`);
    expect(record.stages.map((s) => [s.state, s.reason])).toEqual([['errored', 'timed out after 0.5s']]);
    expect(record.stages[0]!.durationMs).toBeLessThan(STOP_GRACE_MS + 2_000);
  });

  it('every kind takes timeoutSeconds in its options', () => {
    const yml = `version: 1
line:
  - { id: spec, uses: spec, with: { timeoutSeconds: 60 } }
  - { id: rules, uses: templates, with: { timeoutSeconds: 60 } }
  - { id: lint, uses: static-analysis, with: { eslint: true, timeoutSeconds: 60 } }
  - { id: unit, uses: regression, with: { command: [npm, test], reports: [r.xml], timeoutSeconds: 60 } }
  - { id: build, uses: command, with: { run: [make], timeoutSeconds: 60 } }
`;
    const config = parseConfig(yml, 'andon.yml', defaultRegistry());
    expect(config.line.map((s) => (s.options as { timeoutSeconds?: number }).timeoutSeconds)).toEqual([60, 60, 60, 60, 60]);
    expect(() => parseConfig(yml.replace('eslint: true, timeoutSeconds: 60', 'eslint: true, timeoutSeconds: -1'), 'andon.yml', defaultRegistry())).toThrow(/timeoutSeconds/);
  });
});
