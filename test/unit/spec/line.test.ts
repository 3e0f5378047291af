// The spec stage in a real line with a real regression stage reading a real JUnit report, in both orders.
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseConfig } from '../../../src/core/config.js';
import { FindingBaselineFile } from '../../../src/core/finding-baseline.js';
import { runLine } from '../../../src/core/line.js';
import { FsStore } from '../../../src/core/store.js';
import { defaultRegistry } from '../../../src/stages/index.js';
import { goodAndonSpec, workspaceWith } from './helpers.js';
import { thisProcess } from '../../../src/this-process.js';

const junit = (lockoutFails: boolean) => `<?xml version="1.0" encoding="UTF-8"?>
<testsuites>
  <testsuite name="login" tests="2" failures="${lockoutFails ? 1 : 0}">
    <testcase classname="login" name="REQ-1 signs in with the right password" time="0.01"/>
    <testcase classname="login" name="REQ-2 locks after five failures" time="0.01">${lockoutFails ? '<failure message="not locked">expected locked</failure>' : ''}</testcase>
  </testsuite>
</testsuites>
`;

const specStageYml = `  - id: spec\n    uses: spec\n    with: { requireCoverage: must }\n`;
const unitStageYml = `  - id: unit\n    uses: regression\n    blocking: false\n    with: { reports: ["reports/*.xml"] }\n`;

async function line(order: 'spec-first' | 'unit-first', lockoutFails: boolean) {
  const ws = await workspaceWith({ 'specs/login.md': goodAndonSpec, 'reports/junit.xml': junit(lockoutFails) });
  const yml = `version: 1\nline:\n${order === 'spec-first' ? specStageYml + unitStageYml : unitStageYml + specStageYml}`;
  const registry = defaultRegistry();
  const config = parseConfig(yml, 'andon.yml', registry);
  const store = new FsStore(path.join(ws, '.andon/runs'));
  const record = await runLine({ workspace: ws, config, registry, store, env: { PATH: process.env.PATH, HOME: process.env.HOME }, writer: thisProcess() });
  const spec = record.stages.find((s) => s.id === 'spec')!;
  const dir = store.stageDir(record.serial, 'spec');
  const trace = JSON.parse(await readFile(path.join(dir, 'traceability.json'), 'utf8'));
  const result = JSON.parse(await readFile(path.join(dir, 'result.json'), 'utf8'));
  return { record, spec, trace, result, store, dir };
}

describe('spec stage in a line with a regression stage', () => {
  it('regression first: the matrix is built in run() from its tests file', async () => {
    const { spec, trace } = await line('unit-first', false);
    expect(spec.state).toBe('passed');
    expect(trace.completedAtEndOfLine).toBe(false);
    expect(trace.requirements.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([
      ['REQ-1', 'covered'],
      ['REQ-2', 'covered'],
    ]);
    expect(spec.counts).toMatchObject({ covered: 2, uncovered: 0, failing: 0 });
  });

  it('regression after: the matrix is completed at the end of the line, and a failing MUST requirement fails the spec stage', async () => {
    const { spec, trace, record, result, store, dir } = await line('spec-first', true);
    expect(trace.completedAtEndOfLine).toBe(true);
    expect(trace.requirements.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([
      ['REQ-1', 'covered'],
      ['REQ-2', 'failing'],
    ]);
    expect((spec as { completedAtEndOfLine?: boolean }).completedAtEndOfLine).toBe(true);
    expect(spec.state).toBe('failed');
    expect(spec.counts).toMatchObject({ covered: 1, failing: 1 });
    expect(record.verdict).toBe('failed');
    expect(spec.reason).toContain('traceability completed at the end of the line');
    expect(result.traceability).toMatchObject({ completedAtEndOfLine: true, pending: false, sources: ['unit'] });
    // The engine writes the completed baseline, and the record's hashes cover it.
    const baseline = FindingBaselineFile.parse(JSON.parse(await readFile(path.join(dir, 'baseline.json'), 'utf8')));
    expect(baseline.entries.map((e) => e.ruleId)).toContain('spec/failing');
    expect(await store.verify(record)).toEqual([]);
  });
});
