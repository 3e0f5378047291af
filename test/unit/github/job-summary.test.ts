// The job summary: stage table, new findings first, lineage, rerun command; safe cells and GitHub's 1 MiB cap.
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
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
    expect(md).toContain('| lint | command | ♻️ reused (from gh\\-70\\-1) | 1.5 s |  | inputs unchanged |');
    expect(md).toContain('| unit | regression | ❌ failed | 1.5 s | 1 errors\\, 2 warnings\\, 0 notes \\(1 new\\)\\; tests 10\\; passed 9\\; failed 1\\; flaky 0\\; regressions 1 | 1 regression |');
    expect(md.indexOf('rule\\-2')).toBeGreaterThan(0);
    expect(md.indexOf('rule\\-2')).toBeLessThan(md.indexOf('rule\\-1'));
    expect(md).toContain('`gh-77-2` ← [`gh-70-1`](https://github.com/acme/w/actions/runs/70) (resumed from `unit`)');
    expect(md).toContain('gh workflow run andon-rerun.yml --repo acme/w --ref main -f serial=gh-77-2 -f from-stage=unit');
    expect(md).toContain('[run the rerun workflow](https://github.com/acme/w/actions/workflows/andon-rerun.yml)');
  });

  it('renders hostile text as the text it is: no link, image, HTML, autolink or extra table cell (GFM, as GitHub renders)', () => {
    const hostile = [
      '| x |\n<script>alert(1)</script>',
      '[click](https://evil.example/login) and ![pixel](https://evil.example/p.png)',
      'see https://evil.example and www.evil.example or mail x@evil.example',
      '<img src=x onerror=alert(1)> &lt;b&gt; **bold** `code` $x^2$ ~~gone~~',
      'line one\r\n::set-output name=verdict::passed\u2028next',
    ];
    const findings = hostile.map((m, i) => ({ ...f(i, 'new', m), ruleId: `r${i}[x](https://evil.example)`, location: { path: `src/<b>${i}</b>.ts`, startLine: i + 1 } }));
    const md = renderSummary({ record: { ...rec, stages: [stage('unit', 'failed', '![x](https://evil.example/y.png) <i>no</i>')] }, findings, lineage: [], rerun: null, uploads: [], notes: ['[n](https://evil.example)'] });
    const html = micromark(md, { extensions: [gfm()], htmlExtensions: [gfmHtml()] });
    expect(html).not.toMatch(/href="[^"]*evil|<img|<script|<b>|<i>|<strong>|<em>|<del>|<code>code/);
    expect(html.match(/<a /g)).toHaveLength(1); // the workflow run's own link, and no other
    // Each finding is one table row of six cells, whatever its text holds.
    const rows = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => (m[1]!.match(/<td>/g) ?? []).length).filter((n) => n > 0);
    expect(rows).toEqual([6, ...hostile.map(() => 6)]);
    // The text itself survives, shown literally.
    expect(html).toContain('[click](https://evil.example/login)');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(cell('a|b\nc')).toBe('a\\|b c');
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

  it('quotes a ref the shell would split, and names no ref git would refuse', () => {
    const target = { repo: 'acme/w', serverUrl: 'https://github.com/', workflow: 'andon-rerun.yml' };
    expect(rerunHint(record([stage('a', 'failed')], 'feat/x\n```\nrm -rf ~'), target)?.command).toBe('gh workflow run andon-rerun.yml --repo acme/w -f serial=gh-77-2 -f from-stage=a');
    const hint = rerunHint(record([stage('a', 'failed')], "feat/it's-here"), target);
    expect(hint?.command).toBe(`gh workflow run andon-rerun.yml --repo acme/w --ref 'feat/it'\\''s-here' -f serial=gh-77-2 -f from-stage=a`);
  });

  it('a pull request is rerun from its base branch, which exists in the repository even when the head is a fork\'s', () => {
    const rec = record([stage('a', 'failed')]);
    const hint = rerunHint(record([stage('a', 'failed')], 'contributor-branch'), { repo: 'acme/w', serverUrl: 'https://github.com', workflow: 'andon-rerun.yml', pr: 12, baseRef: 'main' });
    expect(hint?.command).toBe('gh workflow run andon-rerun.yml --repo acme/w --ref main -f serial=gh-77-2 -f from-stage=a');
    const md = renderSummary({ record: rec, findings: [], lineage: [], rerun: hint, uploads: [], notes: [] });
    expect(md).toContain('pull request #12');
    expect(md).toContain('`refs/pull/12/head`');
  });
});
