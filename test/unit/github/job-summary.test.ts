// The job summary: stage table, new findings first, lineage, rerun command; safe cells and GitHub's 1 MiB cap.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/findings.js';
import type { RunRecord, StageRecord } from '../../../src/core/run-record.js';
import { cell, renderSummary } from '../../../src/report/job-summary.js';
import { rerunHint, rerunStage } from '../../../src/github/rerun-hint.js';

function stage(id: string, state: StageRecord['state'], reason: string = state, extra: Partial<StageRecord> = {}): StageRecord {
  return { id, uses: 'command', blocking: true, state, reason, startedAt: null, finishedAt: null, durationMs: 1500, inputsDigest: null, reusedFrom: null, counts: {}, artifacts: [], tools: {}, ...extra };
}

function record(stages: StageRecord[], ref = 'main'): RunRecord {
  return {
    schema: 'andon.run/v1', serial: 'gh-77-2', parent: { serial: 'gh-70-1', fromStage: 'unit' }, createdAt: '', finishedAt: null, verdict: 'failed', nonBlockingFailures: [],
    source: { repo: 'acme/w', sha: 'abcdef1234567890', ref, baseSha: null, pr: 12, dirty: false },
    host: { kind: 'github', runId: '77', runAttempt: 2, workflow: 'ci', job: 'andon', url: 'https://github.com/acme/w/actions/runs/77' },
    config: { path: 'andon.yml', digest: 'sha256:0123456789abcdef0123' }, tool: { name: 'andon', version: '1', node: 'v24' },
    stages, transitions: [],
  };
}

const f = (i: number, baseline: Finding['baseline'], message = `msg ${i}`): Finding => ({
  stage: 'lint', ruleId: `rule-${i}`, level: 'warning', message, location: { path: 'src/a.ts', startLine: i }, fingerprint: `${i}`, baseline, traceTo: [],
});

describe('renderSummary', () => {
  const rec = record([
    stage('lint', 'reused', 'inputs unchanged', { reusedFrom: 'gh-70-1' }),
    stage('unit', 'failed', '1 regression', { uses: 'regression', counts: { findings: { error: 1, warning: 2, note: 0, new: 1 }, tests: 10, passed: 9, failed: 1, errors: 0, skipped: 0, flaky: 0, regressions: 1 } }),
    stage('package', 'skipped', 'stopped by unit'),
  ]);

  it('shows the stage table, new findings first, the lineage and the exact rerun command with a link', () => {
    const hint = rerunHint(rec, { repo: 'acme/w', serverUrl: 'https://github.com', workflow: 'andon-rerun.yml' });
    const md = renderSummary({ record: rec, findings: [f(1, 'unchanged'), f(2, 'new')], lineage: [{ serial: 'gh-70-1', fromStage: 'unit', url: 'https://github.com/acme/w/actions/runs/70' }], rerun: hint, uploads: [], notes: [] });
    expect(md).toContain('## Andon run `gh-77-2`: failed ❌');
    expect(md).toContain('| lint | command | ♻️ reused (from `gh-70-1`) | 1.5 s |  | inputs unchanged |');
    expect(md).toContain('| unit | regression | ❌ failed | 1.5 s | 1 errors, 2 warnings, 0 notes (1 new); tests 10; passed 9; failed 1; flaky 0; regressions 1 | 1 regression |');
    expect(md.indexOf('rule-2')).toBeLessThan(md.indexOf('rule-1'));
    expect(md).toContain('`gh-77-2` ← [`gh-70-1`](https://github.com/acme/w/actions/runs/70) (resumed from `unit`)');
    expect(md).toContain('gh workflow run andon-rerun.yml --repo acme/w --ref main -f serial=gh-77-2 -f from-stage=unit');
    expect(md).toContain('[run the rerun workflow](https://github.com/acme/w/actions/workflows/andon-rerun.yml)');
  });

  it('keeps hostile text from breaking the table or injecting HTML', () => {
    expect(cell('a|b\nc <img src=x> `x`')).toBe("a\\|b c &lt;img src=x&gt; 'x'");
    const md = renderSummary({ record: rec, findings: [f(3, 'new', '| x |\n<script>alert(1)</script>')], lineage: [], rerun: null, uploads: [], notes: [] });
    expect(md).not.toContain('<script>');
  });

  it('stays under GitHub\'s 1 MiB summary limit with a huge number of findings', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => f(i, 'new', 'y'.repeat(300)));
    const md = renderSummary({ record: rec, findings: many, lineage: [], rerun: null, uploads: [], notes: [], maxFindings: 100_000 });
    expect(Buffer.byteLength(md)).toBeLessThan(1024 * 1024);
    expect(md).toContain("summary cut to stay within GitHub's 1 MiB");
  });
});

describe('rerun hints', () => {
  it('reruns from the first stage that did not pass; nothing when every stage passed', () => {
    expect(rerunStage(record([stage('a', 'passed'), stage('b', 'errored'), stage('c', 'skipped', 'stopped by b')]))).toBe('b');
    expect(rerunStage(record([stage('a', 'passed'), stage('b', 'skipped', 'not selected (--only a)')]))).toBeNull();
  });

  it('quotes a ref the shell would split', () => {
    const hint = rerunHint(record([stage('a', 'failed')], "feat/it's here"), { repo: 'acme/w', serverUrl: 'https://github.com/', workflow: 'andon-rerun.yml' });
    expect(hint?.command).toBe(`gh workflow run andon-rerun.yml --repo acme/w --ref 'feat/it'\\''s here' -f serial=gh-77-2 -f from-stage=a`);
  });
});
