// The actions end to end: dist entries spawned like the runner does, against the loopback Actions services.
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RunRecord } from '../../src/core/run-record.js';
import { FsStore } from '../../src/core/store.js';
import { traceSerial } from '../../src/github/trace.js';
import { ActionsEmulator, type EmulatedRun } from '../emulator/actions-emulator.js';
import { commitAll, gitIn, makeRepo, writeFiles } from '../helpers/git-repo.js';
import { makeTempDir } from '../helpers/stage-context.js';
import { runStep, type StepResult } from './action-step.js';

const TOKEN = 'ghs_e2eTokenValue1234';
const REPO = 'acme/widget';

const CONFIG = `version: 1
line:
  - id: lint
    uses: command
    with:
      run: [node, -e, "console.log('lint ok')"]
      inputs: [lint.cfg]
  - id: unit
    uses: command
    with:
      run: [node, check.mjs]
      inputs: [check.mjs, src/**]
  - id: package
    uses: command
    with:
      run: [node, -e, "console.log('packaged')"]
      inputs: [src/**]
`;

// unit fails while check.mjs says so; the fix is a change to check.mjs alone, so lint and package keep their inputs.
const FAILING = `console.log('checking'); console.error('::warning::injected from a tool'); process.exit(1);\n`;
const PASSING = `console.log('checking'); console.log('all good');\n`;

const emulator = new ActionsEmulator();
const savedEnv = { ...process.env };
let distDir: string;
let origin: string;
let runnerTemp: string;
let badSha: string;
let goodSha: string;

function run(id: number, attempt: number, sha: string, extra: Partial<EmulatedRun> = {}): EmulatedRun {
  return { id, attempt, repo: REPO, headSha: sha, headBranch: 'main', workflowPath: '.github/workflows/andon.yml', ...extra };
}

/** A fresh checkout on a fresh "runner": nothing local survives from earlier runs, as on GitHub. */
async function checkout(sha: string): Promise<string> {
  const dir = await makeTempDir('andon-e2e-ws-');
  gitIn(dir, 'clone', '-q', origin, '.');
  gitIn(dir, 'checkout', '-q', sha);
  await rm(runnerTemp, { recursive: true, force: true });
  await mkdir(runnerTemp, { recursive: true });
  return dir;
}

async function step(
  entry: string,
  r: EmulatedRun,
  workspace: string,
  inputs: Record<string, string> = {},
  state?: Record<string, string>,
  event = 'push',
  cancel?: Parameters<typeof runStep>[0]['cancel'],
): Promise<StepResult> {
  return runStep({
    ...(cancel ? { cancel } : {}),
    distDir,
    entry,
    env: { ...emulator.stepEnv(r), GITHUB_WORKSPACE: workspace, RUNNER_TEMP: runnerTemp, GITHUB_TOKEN: '' },
    inputs: { config: 'andon.yml', 'github-token': TOKEN, ...inputs },
    ...(state ? { state } : {}),
    event: { name: event, payload: {} },
    timeoutMs: 90_000,
  });
}

function sha256(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}

beforeAll(async () => {
  distDir = inject('distDir');
  await emulator.start();
  emulator.acceptedTokens.add(TOKEN);
  runnerTemp = path.join(await makeTempDir('andon-e2e-runner-'), '_temp');
  origin = await makeRepo({ 'andon.yml': CONFIG, 'lint.cfg': 'strict\n', 'check.mjs': FAILING, 'src/app.js': 'export const x = 1;\n' });
  badSha = gitIn(origin, 'rev-parse', 'HEAD');
  await writeFiles(origin, { 'check.mjs': PASSING });
  goodSha = commitAll(origin, 'fix the check');
  // In-process lookups (traceSerial, the artifact client) read the runner environment from process.env.
  Object.assign(process.env, { GITHUB_API_URL: emulator.apiUrl, GITHUB_SERVER_URL: emulator.serverUrl, NO_PROXY: '127.0.0.1,localhost', GITHUB_WORKSPACE: runnerTemp });
});

afterAll(async () => {
  await emulator.stop();
  for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
  Object.assign(process.env, savedEnv);
});

describe('a failed run, looked up and resumed from the failed stage', () => {
  let first: StepResult;
  let firstWs: string;

  it('run 1 fails at unit: exit 1, outputs, summary, annotations; stage folders and the record are uploaded', async () => {
    firstWs = await checkout(badSha);
    const r1 = run(1001, 1, badSha);
    first = await step('line', r1, firstWs);
    expect(first.code, first.stdout + first.stderr).toBe(1);
    expect(first.outputs.serial).toBe('gh-1001-1');
    expect(first.outputs.verdict).toBe('failed');
    const stages = JSON.parse(first.outputs.stages ?? '[]') as { id: string; state: string }[];
    expect(stages.map((s) => `${s.id}:${s.state}`)).toEqual(['lint:passed', 'unit:failed', 'package:skipped']);
    expect(first.outputs['record-path']).toBe(path.join(firstWs, '.andon/runs/gh-1001-1/run.json'));
    expect(JSON.parse(await readFile(first.outputs['sarif-path']!, 'utf8')).version).toBe('2.1.0');

    // The summary: stage table, the exact rerun command and a link to the rerun workflow.
    expect(first.summary).toContain('| unit | command | ❌ failed');
    expect(first.summary).toContain('gh workflow run andon-rerun.yml --repo acme/widget --ref main -f serial=gh-1001-1 -f from-stage=unit');
    expect(first.summary).toContain(`${emulator.serverUrl}/acme/widget/actions/workflows/andon-rerun.yml`);
    // A tool's output cannot issue workflow commands: its ::warning:: is printed inside stop-commands.
    expect(first.stdout).toContain('::warning::injected from a tool');
    expect(first.commands.some((c) => c.message === 'injected from a tool')).toBe(false);
    // The token never reaches the log or the summary, and is masked for the runner.
    expect(first.commands.some((c) => c.command === 'add-mask' && c.message === TOKEN)).toBe(true);
    expect(first.stdout.replace(`::add-mask::${TOKEN}`, '')).not.toContain(TOKEN);
    expect(first.summary).not.toContain(TOKEN);

    const names = emulator.artifactsOf(1001).map((a) => a.name).sort();
    expect(names).toEqual(['andon-gh-1001-1-lint', 'andon-gh-1001-1-report.html', 'andon-gh-1001-1-unit']);
    // The run's HTML report: its own artifact, linked from the summary.
    const page = emulator.artifactsOf(1001).find((a) => a.name === 'andon-gh-1001-1-report.html')!;
    expect(first.summary).toContain(`(${emulator.serverUrl}/acme/widget/actions/runs/1001/artifacts/${page.id})`);
    expect(first.summary).toMatch(/### Factory trend \(\d+ runs?, by day\)\n\n- lint: p50 /);
  });

  it('the post step closes nothing that finished and uploads the record; its hashes match what was uploaded', async () => {
    const post = await step('post', run(1001, 1, badSha), firstWs, {}, first.state);
    expect(post.code, post.stdout).toBe(0);
    expect(emulator.artifactsOf(1001).map((a) => a.name)).toContain('andon-gh-1001-1-record');

    // Fetch everything back through REST and the real client, and compare with the record's sha256.
    const dest = await makeTempDir('andon-e2e-dl-');
    const t = await traceSerial({ serial: 'gh-1001-1', repo: REPO, token: TOKEN, apiUrl: emulator.apiUrl, dest, stages: true });
    expect(t.record?.verdict).toBe('failed');
    expect(t.run.head_sha).toBe(badSha);
    expect(t.problems).toEqual([]);
    const rec = RunRecord.parse(JSON.parse(await readFile(path.join(dest, 'gh-1001-1', 'run.json'), 'utf8')));
    const local = await readFile(first.outputs['record-path']!);
    expect(sha256(await readFile(path.join(dest, 'gh-1001-1', 'run.json')))).toBe(sha256(local));
    for (const st of rec.stages) {
      for (const a of st.artifacts) expect(sha256(await readFile(path.join(dest, 'gh-1001-1', a.path))), a.path).toBe(a.sha256);
    }
  });

  it('run 2 looks the serial up, resumes from unit with the fix, reuses lint and links its parent', async () => {
    const ws = await checkout(goodSha);
    const r2 = run(1002, 1, goodSha, { workflowPath: '.github/workflows/andon-rerun.yml', event: 'workflow_dispatch' });
    const second = await step('line', r2, ws, { resume: 'gh-1001-1', 'from-stage': 'unit' }, undefined, 'workflow_dispatch');
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(second.outputs.verdict).toBe('passed');
    expect(second.outputs['parent-serial']).toBe('gh-1001-1');
    const rec = RunRecord.parse(JSON.parse(await readFile(second.outputs['record-path']!, 'utf8')));
    expect(rec.parent).toEqual({ serial: 'gh-1001-1', fromStage: 'unit' });
    const byId = Object.fromEntries(rec.stages.map((s) => [s.id, s]));
    expect(byId.lint?.state).toBe('reused');
    expect(byId.lint?.reusedFrom).toBe('gh-1001-1');
    expect(byId.unit?.state).toBe('passed');
    expect(byId.package?.state).toBe('passed');
    expect(second.summary).toContain('### Lineage');
    expect(second.summary).toContain(`\`gh-1002-1\` ← [\`gh-1001-1\`](${emulator.serverUrl}/acme/widget/actions/runs/1001) (resumed from \`unit\`)`);
    const post = await step('post', r2, ws, {}, second.state);
    expect(post.code).toBe(0);
    expect(emulator.artifactsOf(1002).map((a) => a.name).sort()).toEqual([
      'andon-gh-1002-1-lint',
      'andon-gh-1002-1-package',
      'andon-gh-1002-1-record',
      'andon-gh-1002-1-report.html',
      'andon-gh-1002-1-unit',
    ]);
    // The trend counts the branch's earlier run too, read back from its record artifact through REST.
    expect(second.summary).toContain('### Factory trend (2 runs, by day)');
  });

  it('"Re-run failed jobs" (attempt 2 of run 1) reuses every passed stage from the cache and never collides with attempt 1', async () => {
    const ws = await checkout(goodSha);
    const r = run(1001, 2, goodSha);
    const again = await step('line', r, ws);
    expect(again.code, again.stdout).toBe(0);
    expect(again.outputs.serial).toBe('gh-1001-2');
    const rec = RunRecord.parse(JSON.parse(await readFile(again.outputs['record-path']!, 'utf8')));
    const byId = Object.fromEntries(rec.stages.map((s) => [s.id, s]));
    expect(byId.lint?.state).toBe('reused');
    expect(byId.lint?.reason).toContain('stage cache');
    expect(byId.package?.state).toBe('reused');
    expect(byId.package?.reusedFrom).toBe('gh-1002-1');
    expect(byId.unit?.state).toBe('reused');
    const post = await step('post', r, ws, {}, again.state);
    expect(post.code).toBe(0);
    const names = emulator.artifactsOf(1001).map((a) => a.name);
    expect(names.filter((n) => n.startsWith('andon-gh-1001-1-'))).toHaveLength(4);
    expect(names).toContain('andon-gh-1001-2-record');
  });

  it('actions/trace looks a serial up from a workflow step', async () => {
    const ws = await checkout(goodSha);
    const t = await step('trace', run(1003, 1, goodSha), ws, { serial: 'gh-1002-1', repo: REPO });
    expect(t.code, t.stdout).toBe(0);
    expect(t.outputs.verdict, t.stdout).toBe('passed');
    expect(t.outputs['parent-serial']).toBe('gh-1001-1');
    expect(t.outputs.sha).toBe(goodSha);
    expect(t.summary).toContain('## Andon trace `gh-1002-1`');
  });
});

describe('one stage as a step in an existing job', () => {
  it('two stage steps share the serial and the record; the post step closes only its own stage', async () => {
    const ws = await checkout(goodSha);
    const r = run(2001, 1, goodSha);
    const a = await step('command', r, ws, { stage: 'lint' });
    expect(a.code, a.stdout).toBe(0);
    const b = await step('command', r, ws, { stage: 'unit' });
    expect(b.code, b.stdout).toBe(0);
    expect(b.outputs.serial).toBe(a.outputs.serial);
    const rec = RunRecord.parse(JSON.parse(await readFile(b.outputs['record-path']!, 'utf8')));
    expect(rec.stages.map((s) => s.state)).toEqual(['reused', 'reused', 'pending']);
    expect(rec.verdict).toBe('running');
    // Posts run in reverse order; the stage never run by this job stays pending for a later job.
    const pb = await step('post', r, ws, {}, b.state);
    const pa = await step('post', r, ws, {}, a.state);
    expect(pb.code).toBe(0);
    expect(pa.code).toBe(0);
    const after = await new FsStore(path.join(ws, '.andon/runs')).loadRecord('gh-2001-1');
    expect(after.stages.find((s) => s.id === 'package')?.state).toBe('pending');
    expect(emulator.artifactsOf(2001).map((x) => x.name).filter((n) => n.endsWith('-record'))).toEqual(['andon-gh-2001-1-record']);
  });

  it('a stage id of another kind is refused as a usage error (exit 2) naming the right action', async () => {
    const ws = await checkout(goodSha);
    const r = await step('spec', run(2002, 1, goodSha), ws, { stage: 'lint' });
    expect(r.code).toBe(2);
    expect(r.commands.find((c) => c.command === 'error')?.message).toContain('stage lint uses command, not spec; use actions/command');
  });
});

describe('one stage per job, chained jobs of one attempt', () => {
  it('a later job picks up the record an earlier job uploaded and adds its stage to it', async () => {
    const r = run(2101, 1, goodSha);
    const ws1 = await checkout(goodSha);
    const j1 = await step('command', r, ws1, { stage: 'lint', cache: 'false' });
    expect(j1.code, j1.stdout).toBe(0);
    expect((await step('post', r, ws1, {}, j1.state)).code).toBe(0);
    // A new runner: fresh checkout, empty RUNNER_TEMP, nothing local from job 1.
    const ws2 = await checkout(goodSha);
    const j2 = await step('command', r, ws2, { stage: 'unit', cache: 'false' });
    expect(j2.code, j2.stdout).toBe(0);
    expect(j2.outputs.serial).toBe('gh-2101-1');
    const rec = RunRecord.parse(JSON.parse(await readFile(j2.outputs['record-path']!, 'utf8')));
    expect(rec.stages.map((s) => `${s.id}:${s.state}`)).toEqual(['lint:passed', 'unit:passed', 'package:pending']);
    expect((await step('post', r, ws2, {}, j2.state)).code).toBe(0);
    const names = emulator.artifactsOf(2101).map((a) => a.name).sort();
    expect(names).toEqual(['andon-gh-2101-1-lint', 'andon-gh-2101-1-record', 'andon-gh-2101-1-unit']);
    const dest = await makeTempDir('andon-e2e-dl-');
    const t = await traceSerial({ serial: 'gh-2101-1', repo: REPO, token: TOKEN, apiUrl: emulator.apiUrl, dest });
    expect(t.record?.stages.map((s) => s.state)).toEqual(['passed', 'passed', 'pending']);
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
    const ws = await checkout(goodSha);
    await writeFiles(ws, { 'slow.yml': slow });
    const r = run(5001, 1, goodSha);
    const main = await step('line', r, ws, { config: 'slow.yml', cache: 'false' }, undefined, 'push', { when: (out) => out.includes('started'), signal: 'SIGINT' });
    expect(main.code, main.stdout).toBe(1);
    expect(main.ms).toBeLessThan(30_000);
    const rec = await new FsStore(path.join(ws, '.andon/runs')).loadRecord('gh-5001-1');
    expect(rec.verdict).toBe('cancelled');
    expect(rec.stages.map((s) => s.state)).toEqual(['cancelled', 'cancelled']);
    expect(rec.stages[0]?.reason).toContain('SIGINT');
    const post = await step('post', r, ws, {}, main.state);
    expect(post.code).toBe(0);
    expect(emulator.artifactsOf(5001).map((a) => a.name)).toContain('andon-gh-5001-1-record');
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
    const ws = await checkout(badSha);
    const r = run(3001, 1, badSha);
    const before = emulator.requests.length;
    emulator.failWith(500, 10_000, 'twirp');
    try {
      const main = await step('line', r, ws, { 'service-deadline-seconds': '3' });
      expect(main.code, main.stdout).toBe(1);
      expect(main.outputs.verdict).toBe('failed');
      expect(main.commands.filter((c) => c.command === 'warning').map((c) => c.message).join('\n')).toMatch(/did not answer within 3 s|failed/);
      const post = await step('post', r, ws, { 'service-deadline-seconds': '3' }, main.state);
      expect(post.code).toBe(0);
      const rec = await localRecordIntact(ws, 'gh-3001-1');
      expect(rec.verdict).toBe('failed');
      // Each service call is retried a few times, never without end: the clients' 5 attempts at most per call.
      const faulted = emulator.requests.slice(before).filter((q) => q.fault === 'status').length;
      expect(faulted).toBeGreaterThan(0);
      expect(faulted).toBeLessThanOrEqual(40);
      expect(main.ms + post.ms).toBeLessThan(60_000);
    } finally {
      emulator.clearFaults();
    }
    expect(emulator.artifactsOf(3001)).toEqual([]);
  }, 120_000);

  it('a hung service: the step gives up at its own deadline, warns, exits with the line\'s code', async () => {
    const ws = await checkout(goodSha);
    const r = run(3002, 1, goodSha);
    emulator.hang(10_000, 'any');
    try {
      const main = await step('line', r, ws, { 'service-deadline-seconds': '2', cache: 'false' });
      expect(main.code, main.stdout).toBe(0);
      expect(main.outputs.verdict).toBe('passed');
      expect(main.commands.some((c) => c.command === 'warning' && /did not answer within 2 s/.test(c.message))).toBe(true);
      expect(main.summary).toContain('not uploaded');
      // One missed deadline and the rest of the uploads are not tried: about one deadline, not one per stage.
      expect(main.ms).toBeLessThan(15_000);
      const post = await step('post', r, ws, { 'service-deadline-seconds': '2' }, main.state);
      expect(post.code).toBe(0);
      expect(post.ms).toBeLessThan(15_000);
      await localRecordIntact(ws, 'gh-3002-1');
    } finally {
      emulator.clearFaults();
    }
  }, 120_000);

  it('sockets closed mid-request: retried by the client, the upload still lands', async () => {
    const ws = await checkout(goodSha);
    const r = run(3003, 1, goodSha);
    emulator.closeSockets(2, 'blob');
    const main = await step('line', r, ws, { cache: 'false' });
    emulator.clearFaults();
    expect(main.code, main.stdout).toBe(0);
    expect(emulator.requests.filter((q) => q.fault === 'close').length).toBe(2);
    const names = emulator.artifactsOf(3003).map((a) => a.name);
    expect(names.length).toBeGreaterThanOrEqual(2);
  }, 120_000);
});

describe('the post step after a cancelled main step', () => {
  it('finalises running and pending stages as cancelled with a reason and uploads the record', async () => {
    const ws = await checkout(goodSha);
    const r = run(4001, 1, goodSha);
    // What a killed main step leaves: a record with a stage running and the rest pending.
    const store = new FsStore(path.join(ws, '.andon/runs'));
    await store.reserve('gh-4001-1');
    const now = new Date().toISOString();
    const stage = (id: string, state: 'running' | 'pending' | 'passed') => ({
      id, uses: 'command', blocking: true, state, reason: state, startedAt: state === 'pending' ? null : now, finishedAt: null, durationMs: null,
      inputsDigest: null, reusedFrom: null, counts: {}, artifacts: [], tools: {},
    });
    await store.writeRecord({
      schema: 'andon.run/v1', serial: 'gh-4001-1', parent: null, createdAt: now, finishedAt: null, verdict: 'running', nonBlockingFailures: [],
      source: { repo: REPO, sha: goodSha, ref: 'main', baseSha: null, pr: null, dirty: false },
      host: { kind: 'github', runId: '4001', runAttempt: 1, workflow: 'ci', job: 'andon', url: null },
      config: { path: 'andon.yml', digest: 'sha256:x' }, tool: { name: 'andon', version: 'test', node: process.version },
      stages: [{ ...stage('lint', 'passed'), state: 'passed' }, stage('unit', 'running'), stage('package', 'pending')], transitions: [],
    });
    const post = await step('post', r, ws, {}, {
      'andon-serial': 'gh-4001-1',
      'andon-store': store.root,
      'andon-settings': JSON.stringify({ mode: 'line', stages: null, upload: true, retentionDays: 5, deadlineMs: 10_000 }),
    });
    expect(post.code, post.stdout).toBe(0);
    const rec = await store.loadRecord('gh-4001-1');
    expect(rec.verdict).toBe('cancelled');
    expect(rec.stages.map((s) => s.state)).toEqual(['passed', 'cancelled', 'cancelled']);
    expect(rec.stages[1]?.reason).toMatch(/^interrupted: the job ended/);
    expect(rec.stages[2]?.reason).toMatch(/^never ran: the job ended/);
    const names = emulator.artifactsOf(4001).map((a) => a.name);
    expect(names).toEqual(['andon-gh-4001-1-record']);
    expect(emulator.artifacts.find((a) => a.name === 'andon-gh-4001-1-record')?.expiresAt).toBeTruthy();
  });
});

describe('dist entries', () => {
  const ENTRIES = ['line', 'post', 'command', 'regression', 'static-analysis', 'spec', 'templates', 'trace'];

  it('every action entry exists', async () => {
    const files = await readdir(distDir);
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
    const lazy = (await readdir(path.join(distDir, 'chunks'))).filter((f) => /^(artifact|cache)-/.test(f));
    expect(lazy.length).toBe(2);
    for (const e of ENTRIES) {
      const files = [...(await staticClosure(path.join(distDir, `${e}.js`)))].map((f) => path.basename(f));
      expect(files.length, e).toBeGreaterThan(1);
      for (const l of lazy) expect(files, e).not.toContain(l);
    }
  });
});
