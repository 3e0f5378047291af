// What the engine says about a stage, on a real line with the real spec and regression kinds: a stage completed at
// the end of the line shows its own time, and a resume says what the user can do for a kind without inputs.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/core/config.js';
import { runLine } from '../../../src/core/line.js';
import { FsStore } from '../../../src/core/store.js';
import { defaultRegistry } from '../../../src/stages/index.js';
import { thisProcess } from '../../../src/this-process.js';
import { goodAndonSpec, workspaceWith } from '../spec/helpers.js';

const env = { PATH: process.env.PATH, HOME: process.env.HOME };
const junit = (failing: boolean) => `<?xml version="1.0" encoding="UTF-8"?>
<testsuites><testsuite name="login" tests="2" failures="${failing ? 1 : 0}">
  <testcase classname="login" name="REQ-1 signs in with the right password" time="0.01"/>
  <testcase classname="login" name="REQ-2 locks after five failures" time="0.01">${failing ? '<failure message="not locked">expected locked</failure>' : ''}</testcase>
</testsuite></testsuites>
`;
const yml = `version: 1
line:
  - id: spec
    uses: spec
    with: { requireCoverage: must }
  - id: slow
    uses: command
    with: { run: [${JSON.stringify(process.execPath)}, "-e", "setTimeout(() => {}, 1500)"] }
  - id: unit
    uses: regression
    blocking: false
    with: { reports: ["reports/*.xml"] }
`;

async function specLine(failing: boolean) {
  const ws = await workspaceWith({ 'specs/login.md': goodAndonSpec, 'reports/junit.xml': junit(failing) });
  const registry = defaultRegistry();
  const config = parseConfig(yml, 'andon.yml', registry);
  const store = new FsStore(path.join(ws, '.andon/runs'));
  const base = { workspace: ws, config, registry, store, env, writer: thisProcess() };
  return { base, record: await runLine(base) };
}

describe('engine messages', () => {
  it.each([
    ['turned failed', true, 'failed'],
    ['still passed', false, 'passed'],
  ])('a stage completed at the end of the line (%s) shows its own time, not the time of the stages between', async (_what, failing, state) => {
    const { record } = await specLine(failing);
    const spec = record.stages.find((s) => s.id === 'spec')!;
    const slow = record.stages.find((s) => s.id === 'slow')!;
    expect(spec).toMatchObject({ state, completedAtEndOfLine: true });
    expect(slow.durationMs).toBeGreaterThanOrEqual(1500);
    expect(spec.durationMs).toBeLessThan(slow.durationMs!);
  });

  it('a resume says why a kind without an `inputs` option runs again, and what would let it be reused', async () => {
    const { base, record } = await specLine(false);
    const again = await runLine({ ...base, resume: { serial: record.serial, fromStage: 'unit' } });
    const spec = again.stages.find((s) => s.id === 'spec')!;
    expect(spec.reason).not.toContain('no inputs declared');
    expect(spec.reason).toContain("re-run: it reads this run's test results (`requireCoverage: must`)");
    expect(spec.reason).toContain('with `requireCoverage: none` an unchanged result is reused');
    const slow = again.stages.find((s) => s.id === 'slow')!;
    expect(slow.reason).toContain('no inputs declared: list the files its result depends on in `with.inputs`');
  });
});
