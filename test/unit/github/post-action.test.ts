// The post step closes what the main step left open: the whole line, or only a stage action's own stages.
import { describe, expect, it } from 'vitest';
import type { RunRecord, StageRecord } from '../../../src/core/run-record.js';
import { closeRecord, postAction } from '../../../src/github/post-action.js';
import { MemoryRuntime } from '../../../src/github/action-runtime.js';
import { ActionsArtifactService } from '../../../src/github/artifact-service.js';

const clock = { now: () => new Date('2026-11-25T20:00:00Z') };

function stage(id: string, state: StageRecord['state'], blocking = true): StageRecord {
  return { id, uses: 'command', blocking, state, reason: state, startedAt: state === 'pending' ? null : '2026-11-25T19:59:00Z', finishedAt: null, durationMs: null, inputsDigest: null, reusedFrom: null, counts: {}, artifacts: [], tools: {} };
}

function record(stages: StageRecord[]): RunRecord {
  return {
    schema: 'andon.run/v1', serial: 'gh-1-1', parent: null, createdAt: '2026-11-25T19:58:00Z', finishedAt: null, verdict: 'running', nonBlockingFailures: [],
    source: { repo: null, sha: null, ref: null, baseSha: null, pr: null, dirty: false },
    host: { kind: 'github', runId: '1', runAttempt: 1, workflow: null, job: null, url: null },
    config: { path: 'andon.yml', digest: 'sha256:x' }, tool: { name: 'andon', version: '1', node: 'v24' }, stages, transitions: [],
  };
}

describe('closeRecord', () => {
  it('line mode: running → cancelled (interrupted), pending → cancelled (never ran), verdict cancelled', () => {
    const out = closeRecord(record([stage('a', 'passed'), stage('b', 'running'), stage('c', 'pending')]), null, clock);
    expect(out.stages.map((s) => s.state)).toEqual(['passed', 'cancelled', 'cancelled']);
    expect(out.stages[1]!.reason).toMatch(/^interrupted: /);
    expect(out.stages[2]!.reason).toMatch(/^never ran: /);
    expect(out.verdict).toBe('cancelled');
    expect(out.transitions.map((t) => `${t.stage}:${t.from}->${t.to}`)).toEqual(['b:running->cancelled', 'c:pending->cancelled']);
  });

  it('after a blocking failure, stages that never ran are skipped, not cancelled', () => {
    const out = closeRecord(record([stage('a', 'failed'), stage('b', 'pending')]), null, clock);
    expect(out.stages[1]).toMatchObject({ state: 'skipped', reason: 'stopped by a' });
    expect(out.verdict).toBe('failed');
  });

  it('stage mode: closes only its own stages and leaves later jobs\' stages pending', () => {
    const out = closeRecord(record([stage('a', 'passed'), stage('b', 'running'), stage('c', 'pending')]), ['b'], clock);
    expect(out.stages.map((s) => s.state)).toEqual(['passed', 'cancelled', 'pending']);
    expect(out.verdict).toBe('cancelled');
    const untouched = record([stage('a', 'passed'), stage('b', 'pending')]);
    expect(closeRecord(untouched, ['a'], clock)).toBe(untouched);
  });

  it('leaves a finished record as it is', () => {
    const done = { ...record([stage('a', 'passed')]), verdict: 'passed' as const };
    expect(closeRecord(done, null, clock)).toBe(done);
  });
});

describe('postAction', () => {
  it('does nothing, successfully, when the main step never started a run', async () => {
    const rt = new MemoryRuntime();
    expect(await postAction({ runtime: rt, artifacts: new ActionsArtifactService() })).toBe(0);
    expect(rt.text('info')).toContain('nothing to close');
  });
});
