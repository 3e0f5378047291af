// The actions end to end: dist entries spawned like the runner does, against the strict loopback Actions services.
import { readFile, readdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/core/run-record.js';
import { FsStore } from '../../src/core/store.js';
import { parseArtifactName } from '../../src/github/constants.js';
import { writeFiles } from '../helpers/git-repo.js';
import { repoRoot } from '../unit/static-analysis/fixture-repo.js';
import type { StepResult } from './action-step.js';
import { FLAKY, REPO, TOKEN, artifactNames, newJob, recordOf, run, stagesOf, step, traceOf, useLine3World } from './github-world.js';

const w = useLine3World();
const emulator = w.emulator;
const names = (runId: number) => artifactNames(w, runId);
const trace = (serial: string, stages = false) => traceOf(w, serial, stages);

describe('the whole line in one job: a failed run, looked up and resumed from the failed stage', () => {
  let first: StepResult;
  let firstJob: { ws: string; runnerTemp: string };

  it('run 1 fails at unit: exit 1, outputs, summary, annotations; stage folders uploaded', async () => {
    firstJob = await newJob(w, w.badSha);
    first = await step(w, 'line', run(1001, 1, w.badSha), firstJob);
    expect(first.code, first.stdout + first.stderr).toBe(1);
    expect(first.outputs.serial).toBe('gh-1001-1');
    expect(first.outputs.verdict).toBe('failed');
    expect(stagesOf({ stages: JSON.parse(first.outputs.stages ?? '[]') })).toEqual(['lint:passed', 'unit:failed', 'package:skipped']);
    expect(first.outputs['record-path']).toBe(path.join(firstJob.ws, '.andon/runs/gh-1001-1/run.json'));
    expect(JSON.parse(await readFile(first.outputs['sarif-path']!, 'utf8')).version).toBe('2.1.0');
    expect(first.summary).toContain('| unit | command | ❌ failed');
    expect(first.summary).toContain('gh workflow run andon-rerun.yml --repo acme/widget --ref main -f serial=gh-1001-1 -f from-stage=unit');
    expect(first.summary).toContain(`${emulator.serverUrl}/acme/widget/actions/workflows/andon-rerun.yml`);
    // A tool's output cannot issue workflow commands: its ::warning:: is printed inside stop-commands.
    expect(first.stdout).toContain('::warning::injected from a tool');
    expect(first.commands.some((c) => c.message === 'injected from a tool')).toBe(false);
    expect(first.commands.some((c) => c.command === 'add-mask' && c.message === TOKEN)).toBe(true);
    expect(first.stdout.replace(`::add-mask::${TOKEN}`, '')).not.toContain(TOKEN);
    expect(first.summary).not.toContain(TOKEN);
    expect(names(1001)).toEqual(['andon-gh-1001-1-lint', 'andon-gh-1001-1-report.html', 'andon-gh-1001-1-unit']);
    // The run's HTML report: its own artifact, linked from the summary.
    const page = emulator.artifactsOf(1001).find((a) => a.name === 'andon-gh-1001-1-report.html')!;
    expect(first.summary).toContain(`(${emulator.serverUrl}/acme/widget/actions/runs/1001/artifacts/${page.id})`);
    expect(first.summary).toMatch(/### Factory trend \(\d+ runs?, by day\)\n\n- lint: p50 /);
  });

  it('the post step uploads its piece of the record; every reader merges it back, hashes matching', async () => {
    const post = await step(w, 'post', run(1001, 1, w.badSha), firstJob, { state: first.state });
    expect(post.code, post.stdout).toBe(0);
    const piece = names(1001).filter((n) => parseArtifactName(n)?.kind === 'piece');
    expect(piece).toHaveLength(1);
    expect(piece[0]).toMatch(/^andon-gh-1001-1\.record\.[0-9a-f]{16}$/);
    const t = await trace('gh-1001-1', true);
    expect(t.record?.verdict).toBe('failed');
    expect(t.run.head_sha).toBe(w.badSha);
    expect(t.problems).toEqual([]);
    expect(t.record).toEqual(await recordOf(first));
    for (const st of t.record!.stages) expect(await new FsStore(path.dirname(t.dir!)).hashStage('gh-1001-1', st.id)).toEqual(st.artifacts);
  });

  it('run 2 looks the serial up, resumes from unit with the fix, reuses lint and links its parent', async () => {
    const job = await newJob(w, w.goodSha);
    const r2 = run(1002, 1, w.goodSha, { workflowPath: '.github/workflows/andon-rerun.yml', event: 'workflow_dispatch' });
    const cached = emulator.caches.filter((c) => c.key.startsWith('andon-stage-')).length;
    const second = await step(w, 'line', r2, job, { inputs: { resume: 'gh-1001-1', 'from-stage': 'unit' } });
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(second.outputs['parent-serial']).toBe('gh-1001-1');
    const rec = await recordOf(second);
    expect(rec.parent).toEqual({ serial: 'gh-1001-1', fromStage: 'unit' });
    expect(stagesOf(rec)).toEqual(['lint:reused', 'unit:passed', 'package:passed']);
    expect(rec.stages[0]?.reusedFrom).toBe('gh-1001-1');
    expect(second.summary).toContain(`\`gh-1002-1\` ← [\`gh-1001-1\`](${emulator.serverUrl}/acme/widget/actions/runs/1001) (resumed from \`unit\`)`);
    // The trend counts the branch's earlier run too, read back from its record pieces through REST.
    expect(second.summary).toContain('### Factory trend (2 runs, by day)');
    // A resume never writes the stage cache.
    expect(emulator.caches.filter((c) => c.key.startsWith('andon-stage-'))).toHaveLength(cached);
    expect((await step(w, 'post', r2, job, { state: second.state })).code).toBe(0);
  });

  it('"Re-run failed jobs" on the same commit: attempt 2 resumes attempt 1, reuses what passed there, never collides with it', async () => {
    const r1 = run(1101, 1, w.goodSha);
    const j1 = await newJob(w, w.goodSha);
    const a1 = await step(w, 'line', r1, j1, { env: FLAKY, inputs: { cache: 'false' } });
    expect(a1.code).toBe(1);
    expect((await step(w, 'post', r1, j1, { state: a1.state })).code).toBe(0);
    const r2 = run(1101, 2, w.goodSha);
    const j2 = await newJob(w, w.goodSha);
    const a2 = await step(w, 'line', r2, j2);
    expect(a2.code, a2.stdout).toBe(0);
    expect(a2.outputs.serial).toBe('gh-1101-2');
    const rec = await recordOf(a2);
    expect(rec.parent).toEqual({ serial: 'gh-1101-1', fromStage: 'unit' });
    expect(stagesOf(rec)).toEqual(['lint:reused', 'unit:passed', 'package:passed']);
    expect(rec.stages[0]).toMatchObject({ reusedFrom: 'gh-1101-1', reason: expect.stringContaining('inputs unchanged') });
    expect((await step(w, 'post', r2, j2, { state: a2.state })).code).toBe(0);
    const all = names(1101);
    expect(all.filter((n) => n.startsWith('andon-gh-1101-1'))).toHaveLength(4);
    expect(all.filter((n) => n.startsWith('andon-gh-1101-2'))).toHaveLength(5);
    expect(stagesOf((await trace('gh-1101-2')).record)).toEqual(['lint:reused', 'unit:passed', 'package:passed']);
  });
});

describe('a resume on GitHub and the stage cache', () => {
  it('reads the cache for the stages after the one it resumes from, and never writes it', async () => {
    const r1 = run(3001, 1, w.goodSha);
    const j1 = await newJob(w, w.goodSha);
    const first = await step(w, 'line', r1, j1);
    expect(first.code, first.stdout).toBe(0);
    expect((await step(w, 'post', r1, j1, { state: first.state })).code).toBe(0);
    const cached = emulator.caches.filter((c) => c.key.startsWith('andon-stage-')).length;
    const r2 = run(3002, 1, w.goodSha, { workflowPath: '.github/workflows/andon-rerun.yml', event: 'workflow_dispatch' });
    const j2 = await newJob(w, w.goodSha);
    const second = await step(w, 'line', r2, j2, { inputs: { resume: 'gh-3001-1', 'from-stage': 'lint' } });
    expect(second.code, second.stdout + second.stderr).toBe(0);
    const rec = await recordOf(second);
    expect(stagesOf(rec)).toEqual(['lint:passed', 'unit:reused', 'package:reused']);
    expect(rec.stages[1]!.reason).toContain('from the stage cache');
    expect(emulator.caches.filter((c) => c.key.startsWith('andon-stage-'))).toHaveLength(cached);
    expect((await step(w, 'post', r2, j2, { state: second.state })).code).toBe(0);
  });
});

describe('one stage as a step in an existing job', () => {
  it('two stage steps share the serial and the record; each post step uploads its own piece', async () => {
    const job = await newJob(w, w.goodSha);
    const r = run(7001, 1, w.goodSha);
    const a = await step(w, 'command', r, job, { inputs: { stage: 'lint' } });
    expect(a.code, a.stdout).toBe(0);
    const b = await step(w, 'command', r, job, { inputs: { stage: 'unit' } });
    expect(b.code, b.stdout).toBe(0);
    expect(b.outputs.serial).toBe(a.outputs.serial);
    expect((await recordOf(b)).verdict).toBe('running');
    const pb = await step(w, 'post', r, job, { state: b.state });
    const pa = await step(w, 'post', r, job, { state: a.state });
    expect(pb.code).toBe(0);
    expect(pa.code).toBe(0);
    const after = await new FsStore(path.join(job.ws, '.andon/runs')).loadRecord('gh-7001-1');
    expect(after.stages.find((s) => s.id === 'package')?.state).toBe('pending');
    expect(names(7001).filter((n) => parseArtifactName(n)?.kind === 'piece')).toHaveLength(2);
    expect(stagesOf((await trace('gh-7001-1')).record).slice(2)).toEqual(['package:pending']);
  });

  it('a stage id of another kind is refused as a usage error (exit 2) naming the right action', async () => {
    const job = await newJob(w, w.goodSha);
    const r = await step(w, 'spec', run(7002, 1, w.goodSha), job, { inputs: { stage: 'lint' } });
    expect(r.code).toBe(2);
    expect(r.commands.find((c) => c.command === 'error')?.message).toContain('stage lint uses command, not spec; use actions/command');
  });
});

describe('a cancelled step', () => {
  it('SIGINT from the runner stops the line: the stage is cancelled, exit 1, and the post step uploads the record', async () => {
    const slow = `version: 1
line:
  - id: slow
    uses: command
    with:
      run: [node, -e, "console.log('started'); setTimeout(() => {}, 60000)"]
  - id: after
    uses: command
    with:
      run: [node, -e, "0"]
`;
    const job = await newJob(w, w.goodSha);
    await writeFiles(job.ws, { 'slow.yml': slow });
    const r = run(8001, 1, w.goodSha);
    const main = await step(w, 'line', r, job, { inputs: { config: 'slow.yml', cache: 'false' }, cancel: { when: (out) => out.includes('started'), signal: 'SIGINT' } });
    expect(main.code, main.stdout).toBe(1);
    expect(main.ms).toBeLessThan(30_000);
    const rec = await new FsStore(path.join(job.ws, '.andon/runs')).loadRecord('gh-8001-1');
    expect(rec.verdict).toBe('cancelled');
    expect(stagesOf(rec)).toEqual(['slow:cancelled', 'after:cancelled']);
    expect(rec.stages[0]?.reason).toContain('SIGINT');
    expect((await step(w, 'post', r, job, { state: main.state })).code).toBe(0);
    expect((await trace('gh-8001-1')).record?.verdict).toBe('cancelled');
  });
});

describe('a stage that ends the process', () => {
  it('an ESLint config calling process.exit(0) leaves the record finished (errored) and the step failed', async () => {
    const yml = `version: 1
line:
  - id: lint
    uses: static-analysis
    with: { eslint: true, filter: nofilter }
  - id: after
    uses: command
    with:
      run: [node, -e, "0"]
`;
    const job = await newJob(w, w.goodSha);
    await writeFiles(job.ws, { 'exit.yml': yml, 'eslint.config.js': 'process.exit(0);\nexport default [];\n' });
    await symlink(path.join(repoRoot, 'node_modules'), path.join(job.ws, 'node_modules'), 'dir');
    const r = run(8101, 1, w.goodSha);
    const main = await step(w, 'line', r, job, { inputs: { config: 'exit.yml', cache: 'false' } });
    expect(main.code, main.stdout).toBe(1);
    const rec = await new FsStore(path.join(job.ws, '.andon/runs')).loadRecord('gh-8101-1');
    expect(rec.verdict).toBe('errored');
    expect(rec.finishedAt).not.toBeNull();
    expect(stagesOf(rec)).toEqual(['lint:errored', 'after:skipped']);
    expect((await step(w, 'post', r, job, { state: main.state })).code).toBe(0);
  });
});

describe('when the Actions services fail', () => {
  async function localRecordIntact(ws: string, serial: string): Promise<RunRecord> {
    const store = new FsStore(path.join(ws, '.andon/runs'));
    const rec = await store.loadRecord(serial);
    expect(await store.verify(rec)).toEqual([]);
    return rec;
  }

  it('500s on every call: warnings, bounded retries, local record intact, verdict unchanged', async () => {
    const job = await newJob(w, w.badSha);
    const r = run(9001, 1, w.badSha);
    const before = emulator.requests.length;
    emulator.failWith(500, 10_000, 'twirp');
    try {
      const main = await step(w, 'line', r, job, { inputs: { 'service-deadline-seconds': '3' } });
      expect(main.code, main.stdout).toBe(1);
      expect(main.outputs.verdict).toBe('failed');
      expect(main.commands.filter((c) => c.command === 'warning').map((c) => c.message).join('\n')).toMatch(/did not answer within 3 s|failed/);
      const post = await step(w, 'post', r, job, { state: main.state, inputs: { 'service-deadline-seconds': '3' } });
      expect(post.code).toBe(0);
      expect((await localRecordIntact(job.ws, 'gh-9001-1')).verdict).toBe('failed');
      const faulted = emulator.requests.slice(before).filter((q) => q.fault === 'status').length;
      expect(faulted).toBeGreaterThan(0);
      expect(faulted).toBeLessThanOrEqual(40);
      expect(main.ms + post.ms).toBeLessThan(60_000);
    } finally {
      emulator.clearFaults();
    }
    expect(emulator.artifactsOf(9001)).toEqual([]);
  }, 120_000);

  it("a hung service: the step gives up at its own deadline, warns, exits with the line's code", async () => {
    const job = await newJob(w, w.goodSha);
    const r = run(9002, 1, w.goodSha);
    emulator.hang(10_000, 'any');
    try {
      const main = await step(w, 'line', r, job, { inputs: { 'service-deadline-seconds': '2', cache: 'false' } });
      expect(main.code, main.stdout).toBe(0);
      expect(main.outputs.verdict).toBe('passed');
      expect(main.commands.some((c) => c.command === 'warning' && /did not answer within 2 s/.test(c.message))).toBe(true);
      expect(main.summary).toContain('not uploaded');
      expect(main.ms).toBeLessThan(15_000);
      const post = await step(w, 'post', r, job, { state: main.state, inputs: { 'service-deadline-seconds': '2' } });
      expect(post.code).toBe(0);
      expect(post.ms).toBeLessThan(15_000);
      await localRecordIntact(job.ws, 'gh-9002-1');
    } finally {
      emulator.clearFaults();
    }
  }, 120_000);

  it('sockets closed mid-request: retried, the uploads still land', async () => {
    const job = await newJob(w, w.goodSha);
    const r = run(9003, 1, w.goodSha);
    emulator.closeSockets(2, 'blob');
    const main = await step(w, 'line', r, job, { inputs: { cache: 'false' } });
    emulator.clearFaults();
    expect(main.code, main.stdout).toBe(0);
    expect(emulator.requests.filter((q) => q.fault === 'close').length).toBe(2);
    expect(names(9003)).toEqual(['andon-gh-9003-1-lint', 'andon-gh-9003-1-package', 'andon-gh-9003-1-report.html', 'andon-gh-9003-1-unit']);
  }, 120_000);
});

describe('the post step after a cancelled main step', () => {
  it('finalises running and pending stages as cancelled with a reason and uploads the record', async () => {
    const job = await newJob(w, w.goodSha);
    const store = new FsStore(path.join(job.ws, '.andon/runs'));
    await store.reserve('gh-9101-1');
    const now = new Date().toISOString();
    const stage = (id: string, state: 'running' | 'pending' | 'passed') => ({
      id, uses: 'command', blocking: true, state, reason: state, startedAt: state === 'pending' ? null : now, finishedAt: null, durationMs: null,
      inputsDigest: null, reusedFrom: null, counts: {}, artifacts: [], tools: {},
    });
    await store.writeRecord({
      schema: 'andon.run/v1', serial: 'gh-9101-1', parent: null, createdAt: now, finishedAt: null, verdict: 'running', nonBlockingFailures: [],
      source: { repo: REPO, sha: w.goodSha, ref: 'main', baseSha: null, pr: null, dirty: false },
      host: { kind: 'github', runId: '9101', runAttempt: 1, workflow: 'ci', job: 'andon', url: null },
      config: { path: 'andon.yml', digest: 'sha256:x' }, tool: { name: 'andon', version: 'test', node: process.version },
      stages: [{ ...stage('lint', 'passed'), state: 'passed' }, stage('unit', 'running'), stage('package', 'pending')], transitions: [],
    });
    const post = await step(w, 'post', run(9101, 1, w.goodSha), job, {
      state: {
        'andon-serial': 'gh-9101-1',
        'andon-store': store.root,
        'andon-settings': JSON.stringify({ mode: 'line', stages: null, upload: true, retentionDays: 5, deadlineMs: 10_000 }),
      },
    });
    expect(post.code, post.stdout).toBe(0);
    const rec = await store.loadRecord('gh-9101-1');
    expect(rec.verdict).toBe('cancelled');
    expect(stagesOf(rec)).toEqual(['lint:passed', 'unit:cancelled', 'package:cancelled']);
    expect(rec.stages[1]?.reason).toMatch(/^interrupted: the job ended/);
    expect(rec.stages[2]?.reason).toMatch(/^never ran: the job ended/);
    const pieces = emulator.artifactsOf(9101);
    expect(pieces).toHaveLength(1);
    expect(parseArtifactName(pieces[0]!.name)?.kind).toBe('piece');
    expect(pieces[0]?.expiresAt).toBeTruthy();
  });
});

describe('dist entries', () => {
  const ENTRIES = ['line', 'post', 'command', 'regression', 'static-analysis', 'spec', 'templates', 'trace', 'verdict'];

  it('every action entry exists', async () => {
    const files = await readdir(w.distDir);
    for (const e of ENTRIES) expect(files).toContain(`${e}.js`);
  });

  it('no entry imports the artifact or cache client statically: they load only when something is uploaded or cached', async () => {
    const staticClosure = async (file: string, seen = new Set<string>()): Promise<Set<string>> => {
      if (seen.has(file)) return seen;
      seen.add(file);
      const text = await readFile(file, 'utf8');
      for (const m of text.matchAll(/^import\s*(?:[^'"]*?from\s*)?["'](\.\/[^"']+)["'];?$/gm)) await staticClosure(path.resolve(path.dirname(file), m[1]!), seen);
      return seen;
    };
    const lazy = (await readdir(path.join(w.distDir, 'chunks'))).filter((f) => /^(artifact|cache)-/.test(f));
    expect(lazy.length).toBe(2);
    for (const e of ENTRIES) {
      const files = [...(await staticClosure(path.join(w.distDir, `${e}.js`)))].map((f) => path.basename(f));
      expect(files.length, e).toBeGreaterThan(1);
      for (const l of lazy) expect(files, e).not.toContain(l);
    }
  });
});
