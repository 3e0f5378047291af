// The record on GitHub as pieces: names no stage can take, and the merge every reader does.
import { describe, expect, it } from 'vitest';
import type { RunRecord, StageRecord } from '../../../src/core/run-record.js';
import { parseArtifactName, recordPieceName, stageArtifactName } from '../../../src/github/constants.js';
import { carryForward, mergePieces, type GitHubFacts, type RecordPiece } from '../../../src/github/record-pieces.js';

const SHA = 'a'.repeat(40);

function stage(id: string, state: StageRecord['state'], extra: Partial<StageRecord> = {}): StageRecord {
  return { id, uses: 'command', blocking: true, state, reason: state, startedAt: null, finishedAt: state === 'pending' ? null : '2026-01-01T00:00:05.000Z', durationMs: null, inputsDigest: null, reusedFrom: null, counts: {}, artifacts: [], tools: {}, ...extra };
}

function record(serial: string, stages: StageRecord[], createdAt = '2026-01-01T00:00:00.000Z'): RunRecord {
  return {
    schema: 'andon.run/v1', serial, parent: null, createdAt, finishedAt: null, verdict: 'running', nonBlockingFailures: [],
    source: { repo: 'acme/w', sha: SHA, ref: 'main', baseSha: null, pr: null, dirty: false },
    host: { kind: 'github', runId: '7', runAttempt: 1, workflow: 'ci', job: 'x', url: null },
    config: { path: 'andon.yml', digest: 'sha256:c' }, tool: { name: 'andon', version: '1', node: 'v' }, stages, transitions: [],
  };
}

function facts(attempt = 1): GitHubFacts {
  return { repo: 'acme/w', runId: '7', attempt, job: 'x', event: 'push', sha: SHA, headSha: SHA, ref: 'refs/heads/main', headRef: '', baseRef: '', pr: null, fork: false };
}

function piece(serial: string, ran: string[], stages: StageRecord[], carried: RecordPiece['carried'] = [], createdAt?: string): RecordPiece {
  return { schema: 'andon.record-piece/v1', serial, stages: ran, carried, github: facts(Number(serial.split('-')[2])), record: record(serial, stages, createdAt) };
}

const states = (r: RunRecord | undefined) => r?.stages.map((s) => `${s.id}:${s.state}`);

describe('artifact names', () => {
  it('a stage called record or report can never take the name of a record piece, and every name parses back', () => {
    const piece = recordPieceName('gh-7-1', 'ab'.repeat(32));
    expect(piece).toBe('andon-gh-7-1.record.abababababababab');
    for (const id of ['record', 'report', 'record-abababababababab', '1-2']) {
      const name = stageArtifactName('gh-7-1', id);
      expect(name).not.toBe(piece);
      expect(parseArtifactName(name)).toEqual({ kind: 'stage', serial: 'gh-7-1', stageId: id });
    }
    expect(parseArtifactName(piece)).toEqual({ kind: 'piece', serial: 'gh-7-1' });
    expect(parseArtifactName(recordPieceName('gh-7-1', 'ab'.repeat(32), 1))).toEqual({ kind: 'piece', serial: 'gh-7-1' });
    expect(parseArtifactName(stageArtifactName('gh-7-12', 'unit', 2))).toEqual({ kind: 'stage', serial: 'gh-7-12', stageId: 'unit' });
    expect(parseArtifactName('something-else')).toBeNull();
  });
});

describe('mergePieces', () => {
  it('takes each stage from the step that ran it, keeps pending what nobody ran, and judges what ran so far', () => {
    const lint = piece('gh-7-1', ['lint'], [stage('lint', 'passed'), stage('unit', 'pending'), stage('pkg', 'pending')]);
    const unit = piece('gh-7-1', ['unit'], [stage('lint', 'passed'), stage('unit', 'passed'), stage('pkg', 'pending')]);
    const m = mergePieces('gh-7-1', [unit, lint]);
    expect(states(m?.record)).toEqual(['lint:passed', 'unit:passed', 'pkg:pending']);
    expect(m?.record.verdict).toBe('running');
    expect(m?.conflicts).toEqual([]);
  });

  it('two jobs that ran at once from the same start: both stages survive', () => {
    const a = piece('gh-7-1', ['unit'], [stage('lint', 'passed'), stage('unit', 'passed'), stage('pkg', 'pending')]);
    const b = piece('gh-7-1', ['pkg'], [stage('lint', 'passed'), stage('unit', 'pending'), stage('pkg', 'failed')]);
    const m = mergePieces('gh-7-1', [a, b]);
    expect(states(m?.record)).toEqual(['lint:passed', 'unit:passed', 'pkg:failed']);
    expect(m?.record.verdict).toBe('failed');
  });

  it('a stage two steps claim to have run keeps the worse result, and says so', () => {
    const a = piece('gh-7-1', ['lint'], [stage('lint', 'passed')]);
    const b = piece('gh-7-1', ['lint'], [stage('lint', 'failed')]);
    const m = mergePieces('gh-7-1', [a, b]);
    expect(states(m?.record)).toEqual(['lint:failed']);
    expect(m?.conflicts[0]).toContain('stage lint of gh-7-1 was run by more than one step');
  });

  it('a stage run in this attempt wins over the same stage carried forward by another job', () => {
    const carried = stage('lint', 'reused', { reusedFrom: 'gh-7-1' });
    const a = piece('gh-7-2', ['unit'], [carried, stage('unit', 'passed')], [{ id: 'lint', from: 'gh-7-1' }]);
    const b = piece('gh-7-2', ['lint'], [stage('lint', 'failed'), stage('unit', 'pending')]);
    const m = mergePieces('gh-7-2', [a, b]);
    expect(states(m?.record)).toEqual(['lint:failed', 'unit:passed']);
    expect(m?.carried.size).toBe(0);
  });

  it('ignores pieces of another serial; nothing to merge is null', () => {
    expect(mergePieces('gh-7-1', [piece('gh-7-2', ['lint'], [stage('lint', 'passed')])])).toBeNull();
  });
});

describe('carryForward', () => {
  it('carries what an earlier attempt passed and this one did not run, naming where it came from', () => {
    const earlier = mergePieces('gh-7-1', [piece('gh-7-1', ['lint', 'unit'], [stage('lint', 'passed', { artifacts: [{ path: 'lint/log.txt', sha256: 'f'.repeat(64), bytes: 1 }] }), stage('unit', 'failed')])])!;
    const current = mergePieces('gh-7-2', [piece('gh-7-2', ['unit'], [stage('lint', 'pending'), stage('unit', 'passed')])])!;
    const r = carryForward(current, earlier, { folderAvailable: () => true });
    expect(r.carried).toEqual(['lint']);
    expect(current.record.stages[0]).toMatchObject({ state: 'reused', reusedFrom: 'gh-7-1', reason: expect.stringContaining('carried forward from attempt 1 (gh-7-1)') });
    expect(current.carried.get('lint')).toBe('gh-7-1');
    expect(current.record.verdict).toBe('passed');
  });

  it('carries nothing from another commit or config, nor a stage whose folder expired, nor a stage this step runs', () => {
    const mk = () => mergePieces('gh-7-1', [piece('gh-7-1', ['lint'], [stage('lint', 'passed', { artifacts: [{ path: 'lint/x', sha256: 'f'.repeat(64), bytes: 1 }] }), stage('unit', 'failed')])])!;
    const cur = () => mergePieces('gh-7-2', [piece('gh-7-2', ['unit'], [stage('lint', 'pending'), stage('unit', 'passed')])])!;
    const other = mk();
    other.github = { ...other.github, sha: 'b'.repeat(40) };
    expect(carryForward(cur(), other).carried).toEqual([]);
    const cfg = mk();
    cfg.record.config.digest = 'sha256:other';
    expect(carryForward(cur(), cfg).notes[0]).toContain('ran another config');
    const expired = carryForward(cur(), mk(), { folderAvailable: () => false });
    expect(expired.carried).toEqual([]);
    expect(expired.notes[0]).toContain('no longer there');
    expect(carryForward(cur(), mk(), { exclude: new Set(['lint']), folderAvailable: () => true }).carried).toEqual([]);
    expect(carryForward(mk(), mk()).notes[0]).toContain('is not an earlier attempt');
  });
});
