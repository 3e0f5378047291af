// One job per stage with the verdict job to require: attempts, "Re-run failed jobs", parallel jobs, check runs.
import { describe, expect, it } from 'vitest';
import { parseArtifactName } from '../../src/github/constants.js';
import { FLAKY, artifactNames, recordOf, renderedText, run, stageJob, stagesOf, traceOf, useLine3World, verdictJob } from './github-world.js';

const w = useLine3World();
const emulator = w.emulator;
const names = (runId: number) => artifactNames(w, runId);
const trace = (serial: string, stages = false) => traceOf(w, serial, stages);

describe('one job per stage, and the verdict job to require', () => {
  it('attempt 1: unit fails, package is skipped by needs, the verdict fails and says why', async () => {
    const r = run(2101, 1, w.goodSha);
    const lint = await stageJob(w, r, w.goodSha, 'lint');
    expect(lint.main.code, lint.main.stdout).toBe(0);
    expect(lint.main.outputs.verdict).toBe('running');
    // A new runner: the unit job picks up lint from the record piece the lint job uploaded.
    const unit = await stageJob(w, r, w.goodSha, 'unit', { env: FLAKY });
    expect(unit.main.code).toBe(1);
    expect(stagesOf(await recordOf(unit.main))).toEqual(['lint:passed', 'unit:failed', 'package:pending']);
    const verdict = await verdictJob(w, r, { lint: 'success', unit: 'failure', package: 'skipped' });
    expect(verdict.code, verdict.stdout).toBe(1);
    expect(verdict.outputs.verdict).toBe('failed');
    const why = renderedText(verdict.summary);
    expect(why).toContain('job unit: failure');
    expect(why).toContain('job package: skipped');
    expect(why).toContain('stage unit: failed');
    expect(why).toContain('stage package: pending');
    expect(names(2101).filter((n) => parseArtifactName(n)?.kind === 'piece')).toHaveLength(2);
  });

  it('the verdict fails on the record alone too: a stage that never ran is not a pass, whatever needs says', async () => {
    const verdict = await verdictJob(w, run(2101, 1, w.goodSha), { lint: 'success', unit: 'success' });
    expect(verdict.code).toBe(1);
    expect(renderedText(verdict.summary)).toContain('stage package: pending');
  });

  it('attempt 2 ("Re-run failed jobs", same sha): unit and package run again, lint is carried forward, the verdict passes', async () => {
    const r = run(2101, 2, w.goodSha);
    const unit = await stageJob(w, r, w.goodSha, 'unit');
    expect(unit.main.code, unit.main.stdout).toBe(0);
    const afterUnit = await recordOf(unit.main);
    expect(stagesOf(afterUnit)).toEqual(['lint:reused', 'unit:passed', 'package:pending']);
    expect(afterUnit.stages[0]).toMatchObject({ reusedFrom: 'gh-2101-1', reason: expect.stringContaining('carried forward from attempt 1 (gh-2101-1)') });
    const pkg = await stageJob(w, r, w.goodSha, 'package');
    expect(pkg.main.code, pkg.main.stdout).toBe(0);
    expect(pkg.main.outputs.verdict).toBe('passed');
    const verdict = await verdictJob(w, r, { lint: 'success', unit: 'success', package: 'success' });
    expect(verdict.code, verdict.stdout).toBe(0);
    expect(verdict.outputs.verdict).toBe('passed');
    // Every reader sees the whole record of attempt 2: REST trace, with lint's folder still in attempt 1.
    const t = await trace('gh-2101-2', true);
    expect(stagesOf(t.record)).toEqual(['lint:reused', 'unit:passed', 'package:passed']);
    expect(t.record?.verdict).toBe('passed');
    expect(t.problems).toEqual([]);
    // Attempt 1 kept its artifacts; attempt 2 added its own under other names.
    expect(names(2101).filter((n) => n.startsWith('andon-gh-2101-1-'))).toEqual(['andon-gh-2101-1-lint', 'andon-gh-2101-1-unit']);
    expect(names(2101).filter((n) => n.startsWith('andon-gh-2101-2-'))).toEqual(['andon-gh-2101-2-package', 'andon-gh-2101-2-unit']);
  });

  it('parallel stage jobs of one attempt each add their stage: none is lost', async () => {
    const r = run(2201, 1, w.goodSha);
    const noCache = { inputs: { cache: 'false' } };
    expect((await stageJob(w, r, w.goodSha, 'lint', noCache)).main.code).toBe(0);
    const [unit, pkg] = await Promise.all([stageJob(w, r, w.goodSha, 'unit', { ...noCache, slot: 1 }), stageJob(w, r, w.goodSha, 'package', { ...noCache, slot: 2 })]);
    expect(unit.main.code).toBe(0);
    expect(pkg.main.code).toBe(0);
    // Each saw only what was there when it started...
    expect(stagesOf(await recordOf(unit.main))).toEqual(['lint:passed', 'unit:passed', 'package:pending']);
    expect(stagesOf(await recordOf(pkg.main))).toEqual(['lint:passed', 'unit:pending', 'package:passed']);
    // ...and the merged record holds both.
    const verdict = await verdictJob(w, r, { lint: 'success', unit: 'success', package: 'success' });
    expect(verdict.code, verdict.stdout).toBe(0);
    expect(stagesOf((await trace('gh-2201-1')).record)).toEqual(['lint:passed', 'unit:passed', 'package:passed']);
    expect(names(2201).filter((n) => parseArtifactName(n)?.kind === 'piece')).toHaveLength(3);
  });

  it('per-stage check runs: none concludes skipped or neutral for a stopped stage; silently off without checks: write', async () => {
    const r = run(2301, 1, w.goodSha);
    expect((await stageJob(w, r, w.goodSha, 'lint')).main.code).toBe(0);
    // Not from the cache, where the passed unit of an earlier run is: this one fails.
    expect((await stageJob(w, r, w.goodSha, 'unit', { env: FLAKY, inputs: { cache: 'false' } })).main.code).toBe(1);
    const before = emulator.checkRuns.length;
    const verdict = await verdictJob(w, r, { lint: 'success', unit: 'failure', package: 'skipped' });
    expect(verdict.code).toBe(1);
    const runs = emulator.checkRuns.slice(before);
    expect(runs.map((c) => `${c.name}:${c.conclusion}`)).toEqual(['andon: lint:success', 'andon: unit:failure', 'andon: package:failure']);
    expect(runs.every((c) => c.head_sha === w.goodSha)).toBe(true);
    emulator.permissions.set('ghs_readOnly', { actions: 'read', checks: 'none', contents: 'read' });
    emulator.acceptedTokens.add('ghs_readOnly');
    const quiet = await verdictJob(w, r, { lint: 'success', unit: 'failure' }, { inputs: { 'github-token': 'ghs_readOnly' } });
    expect(quiet.code).toBe(1);
    expect(emulator.checkRuns.length).toBe(before + 3);
    expect(quiet.commands.filter((c) => c.command === 'warning')).toEqual([]);
    expect(quiet.stdout).toContain('per-stage check runs are off');
    // A token without actions: read still judges this attempt, through the runtime token, and says what it could not read.
    emulator.permissions.set('ghs_noActions', { actions: 'none', checks: 'none', contents: 'read' });
    emulator.acceptedTokens.add('ghs_noActions');
    const local = await verdictJob(w, r, { lint: 'success', unit: 'failure' }, { inputs: { 'github-token': 'ghs_noActions' } });
    expect(local.code).toBe(1);
    expect(renderedText(local.summary)).toContain('stage unit: failed');
    expect(renderedText(local.summary)).toContain('only this attempt is read');
  });
});

