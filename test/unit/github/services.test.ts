// The stage cache, cache baselines and uploads over the real @actions/* clients, against the loopback emulator.
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RecordingLogger } from '../../../src/core/logger.js';
import type { RunRecord, StageRecord } from '../../../src/core/run-record.js';
import { FsStore } from '../../../src/core/store.js';
import { ActionsArtifactService } from '../../../src/github/artifact-service.js';
import { cacheBaseJudgements, cacheBaselines, saveBaselines } from '../../../src/github/cache-baselines.js';
import { ActionsCacheService } from '../../../src/github/cache-service.js';
import { GitHubStageCache } from '../../../src/github/github-stage-cache.js';
import type { RecordPiece } from '../../../src/github/record-pieces.js';
import { uploadPiece, uploadStageFolders } from '../../../src/github/run-upload.js';
import { makeTempDir } from '../../helpers/stage-context.js';
import { useEmulatedStep } from '../../helpers/emulated-step.js';
import { makeRepo } from '../../helpers/git-repo.js';
import { parseConfig } from '../../../src/core/config.js';
import { runLine } from '../../../src/core/line.js';
import { defaultRegistry } from '../../../src/stages/index.js';
import { thisProcess } from '../../../src/this-process.js';

const step = useEmulatedStep({ tempPrefix: 'andon-svc-', runId: 501, headSha: 'c'.repeat(40) });
const { emulator } = step;

afterEach(() => emulator.clearFaults());

const DIGEST = `sha256:${'ab'.repeat(32)}`;

function stage(id: string, extra: Partial<StageRecord> = {}): StageRecord {
  return { id, uses: 'command', blocking: true, state: 'passed', reason: 'exit code 0', startedAt: null, finishedAt: null, durationMs: 5, inputsDigest: DIGEST, reusedFrom: null, counts: { x: 1 }, artifacts: [], tools: {}, ...extra };
}

async function storeWithRun(stages: StageRecord[], files: Record<string, string>): Promise<{ store: FsStore; record: RunRecord }> {
  const store = new FsStore(await makeTempDir('andon-svc-store-'));
  const serial = 'gh-501-1';
  await store.reserve(serial);
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(store.runDir(serial), rel)), { recursive: true });
    await writeFile(path.join(store.runDir(serial), rel), text);
  }
  for (const st of stages) st.artifacts = await store.hashStage(serial, st.id);
  const record: RunRecord = {
    schema: 'andon.run/v1', serial, parent: null, createdAt: '', finishedAt: null, verdict: 'passed', nonBlockingFailures: [],
    source: { repo: 'acme/w', sha: 'c'.repeat(40), ref: 'main', baseSha: null, pr: null, dirty: false },
    host: { kind: 'github', runId: '501', runAttempt: 1, workflow: null, job: null, url: null },
    config: { path: 'andon.yml', digest: 'sha256:x' }, tool: { name: 'andon', version: '1', node: 'v' }, stages, transitions: [],
  };
  await store.writeRecord(record);
  return { store, record };
}

function pieceOf(record: RunRecord): RecordPiece {
  const github = { repo: 'acme/w', runId: '501', attempt: 1, job: 'andon', event: 'push', sha: 'c'.repeat(40), headSha: 'c'.repeat(40), ref: 'refs/heads/main', headRef: '', baseRef: '', pr: null, fork: false };
  return { schema: 'andon.record-piece/v1', serial: record.serial, stages: record.stages.map((s) => s.id), carried: [], github, record };
}

describe('GitHubStageCache', () => {
  it('keeps a passed stage by digest and gives it back; another digest or a failed stage is a miss', async () => {
    const logger = new RecordingLogger();
    const cache = new GitHubStageCache(path.join(step.temp(), 'runner', 'andon-cache'), new ActionsCacheService(10_000, logger), logger);
    const dir = await makeTempDir('andon-svc-stage-');
    await writeFile(path.join(dir, 'result.json'), '{"ok":1}');
    await cache.put('gh-501-1', stage('lint'), dir);
    await cache.put('gh-501-1', stage('unit', { state: 'failed' }), dir);
    const hit = await cache.get('lint', DIGEST);
    expect(hit?.serial).toBe('gh-501-1');
    expect(hit?.stage.counts).toEqual({ x: 1 });
    expect(await readFile(path.join(hit!.dir, 'result.json'), 'utf8')).toBe('{"ok":1}');
    expect(await cache.get('lint', `sha256:${'cd'.repeat(32)}`)).toBeNull();
    expect(await cache.get('unit', DIGEST)).toBeNull();
  });

  it('a stage\'s tool folder comes back newest first and is saved under its content, not again when unchanged', async () => {
    const logger = new RecordingLogger();
    const root = path.join(step.temp(), 'runner', 'andon-cache');
    const first = new GitHubStageCache(root, new ActionsCacheService(10_000, logger), logger);
    const empty = await first.toolDir('tools-lint');
    expect(await readdir(empty)).toEqual([]);
    await writeFile(path.join(empty, 'eslint-0123456789abcdef.cache'), 'results v1');
    await first.keepToolDir('tools-lint', empty);
    const keys = () => emulator.caches.filter((c) => c.key.startsWith('andon-tools-tools-lint-')).map((c) => c.key);
    expect(keys()).toHaveLength(1);

    // The next run gets it back; left as it came, it is not saved again.
    const second = new GitHubStageCache(root, new ActionsCacheService(10_000, logger), logger);
    const restored = await second.toolDir('tools-lint');
    expect(await readFile(path.join(restored, 'eslint-0123456789abcdef.cache'), 'utf8')).toBe('results v1');
    await second.keepToolDir('tools-lint', restored);
    expect(keys()).toHaveLength(1);

    // Changed, it is saved under a new key, and that newest entry is what the run after restores.
    await writeFile(path.join(restored, 'eslint-0123456789abcdef.cache'), 'results v2');
    await second.keepToolDir('tools-lint', restored);
    expect(keys()).toHaveLength(2);
    const third = new GitHubStageCache(root, new ActionsCacheService(10_000, logger), logger);
    expect(await readFile(path.join(await third.toolDir('tools-lint'), 'eslint-0123456789abcdef.cache'), 'utf8')).toBe('results v2');
  });

  it('an entry whose files do not match the hashes it records is never reused by a line: the stage runs and says why', async () => {
    const logger = new RecordingLogger();
    const cache = new GitHubStageCache(path.join(step.temp(), 'runner', 'andon-cache'), new ActionsCacheService(10_000, logger), logger);
    const yml = `version: 1\nline:\n  - id: check\n    uses: command\n    with: { run: [${JSON.stringify(process.execPath)}, "-e", "console.log('checked')"], inputs: ["src/**"] }\n`;
    const ws = await makeRepo({ 'andon.yml': yml, 'src/a.ts': 'a\n' });
    const registry = defaultRegistry();
    const store = new FsStore(path.join(ws, '.andon/runs'));
    const line = (c: GitHubStageCache | null) =>
      runLine({ workspace: ws, config: parseConfig(yml, 'andon.yml', registry), registry, store, env: { PATH: process.env.PATH }, writer: thisProcess(), cache: c });
    const first = await line(null);
    // An entry for the same inputs whose log says something the run never said (anyone with the runtime token can save one).
    const forged = await makeTempDir('andon-svc-forged-');
    await cp(store.stageDir(first.serial, 'check'), forged, { recursive: true });
    await writeFile(path.join(forged, 'log.txt'), 'checked, trust me\n');
    await cache.put(first.serial, first.stages[0]!, forged);
    const second = await line(cache);
    expect(second.stages[0]).toMatchObject({ state: 'passed', reason: expect.stringContaining(`the cached result of ${first.serial} is not trusted: check/log.txt was modified since it was recorded`) });
  });

  it('a hung cache service is a miss after the deadline, and later calls do not wait again', async () => {
    const logger = new RecordingLogger();
    const cache = new GitHubStageCache(path.join(step.temp(), 'runner', 'andon-cache'), new ActionsCacheService(300, logger), logger);
    emulator.hang(100, 'twirp');
    const t0 = performance.now();
    expect(await cache.get('lint', DIGEST)).toBeNull();
    expect(await cache.get('other', DIGEST)).toBeNull();
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(logger.text('warn')).toContain('did not answer within 300 ms; going on without the cache');
  });
});

describe('cache baselines', () => {
  it('a push run leaves baseline.json under the commit it judged; a later run whose base that commit is reads it', async () => {
    const logger = new RecordingLogger();
    const svc = new ActionsCacheService(10_000, logger);
    const root = path.join(step.temp(), 'runner', 'andon-cache');
    const { store, record } = await storeWithRun([stage('lint')], { 'lint/baseline.json': '{"findings":["a"]}', 'lint/result.json': '{}' });
    const sha = record.source.sha!;
    expect(await saveBaselines(root, store, record, svc, logger)).toEqual(['lint']);
    const query = { stageId: 'lint', uses: 'command', baseSha: sha };
    const ref = await cacheBaselines(root, svc).load(query);
    expect(ref?.origin).toBe('cache');
    expect(ref?.serial).toBe('gh-501-1');
    expect((await ref?.read('baseline.json'))?.toString()).toBe('{"findings":["a"]}');
    expect(await ref?.read('../../etc/passwd')).toBeNull();
    // Another commit (the commit under test itself, say) or another kind under the same id has no baseline here.
    expect(await cacheBaselines(root, svc).load({ ...query, baseSha: 'f'.repeat(40) })).toBeNull();
    expect(await cacheBaselines(root, svc).load({ ...query, uses: 'templates' })).toBeNull();
    expect(await cacheBaselines(root, svc).load({ ...query, baseSha: null })).toBeNull();
  });

  it('keeps only the baseline bytes the run recorded: one edited after its stage is not left for later runs', async () => {
    const logger = new RecordingLogger();
    const svc = new ActionsCacheService(10_000, logger);
    const root = path.join(step.temp(), 'runner', 'andon-cache');
    const { store, record } = await storeWithRun([stage('lint'), stage('types')], { 'lint/baseline.json': '{"findings":["a"]}', 'types/baseline.json': '{"findings":["t"]}' });
    // A commit of its own: the test before left a baseline of lint under the default one.
    record.source.sha = 'd'.repeat(40);
    // A later stage's code wrote in the findings it wants known, after the record hashed the file.
    await writeFile(path.join(store.runDir(record.serial), 'lint', 'baseline.json'), '{"findings":["a","mine"]}');
    expect(await saveBaselines(root, store, record, svc, logger)).toEqual(['types']);
    expect(logger.text('warn')).toContain('baseline of lint not kept in the cache: lint/baseline.json was modified since its run recorded it');
    expect(await cacheBaselines(root, svc).load({ stageId: 'lint', uses: 'command', baseSha: record.source.sha })).toBeNull();
    const types = await cacheBaselines(root, svc).load({ stageId: 'types', uses: 'command', baseSha: record.source.sha });
    expect((await types?.read('baseline.json'))?.toString()).toBe('{"findings":["t"]}');
  });

  it('keeps judgements at a base commit by key, and gives them back', async () => {
    const logger = new RecordingLogger();
    const judgements = cacheBaseJudgements(path.join(step.temp(), 'runner', 'andon-cache'), new ActionsCacheService(10_000, logger));
    const key = 'ab'.repeat(32);
    expect(await judgements.get(key)).toBeNull();
    await judgements.put(key, Buffer.from('{"judged":true}'));
    expect((await judgements.get(key))?.toString()).toBe('{"judged":true}');
    expect(await judgements.get('cd'.repeat(32))).toBeNull();
  });
});

describe('uploads', () => {
  it('uploads exactly the recorded files of each stage and the record; a file changed after hashing is refused', async () => {
    const logger = new RecordingLogger();
    const { store, record } = await storeWithRun([stage('lint'), stage('unit'), stage('empty')], { 'lint/log.txt': 'ok\n', 'unit/result.json': '{"n":1}' });
    await writeFile(path.join(store.runDir(record.serial), 'unit', 'result.json'), 'tampered');
    const settings = { service: new ActionsArtifactService(), retentionDays: 3, deadlineMs: 10_000, logger };
    const results = await uploadStageFolders(store, record, ['lint', 'unit', 'empty'], settings);
    expect(results.map((r) => `${r.name}:${r.kind}`)).toEqual(['andon-gh-501-1-lint:uploaded', 'andon-gh-501-1-unit:skipped', 'andon-gh-501-1-empty:skipped']);
    expect(logger.text('warn')).toContain('unit/result.json changed after the record hashed it');
    const first = await uploadPiece(store, pieceOf(record), settings);
    expect(first).toMatchObject({ kind: 'uploaded', name: expect.stringMatching(/^andon-gh-501-1\.record\.[0-9a-f]{16}$/) });
    expect((await uploadPiece(store, pieceOf(record), settings)).kind).toBe('skipped');
    // A changed record is another piece beside the first: nothing is replaced or deleted.
    const second = await uploadPiece(store, pieceOf({ ...record, verdict: 'failed' }), settings);
    expect(second.kind).toBe('uploaded');
    expect(second.name).not.toBe(first.name);
    expect(emulator.artifactsOf(501).map((a) => a.name)).toEqual(expect.arrayContaining([first.name, second.name]));
    expect(emulator.deleted).toEqual([]);
  });

  it('after one missed deadline the remaining stage folders are not tried', async () => {
    const logger = new RecordingLogger();
    const { store, record } = await storeWithRun([stage('a'), stage('b')], { 'a/x': '1', 'b/y': '2' });
    const patched = { ...record, serial: 'gh-501-1' };
    emulator.hang(100, 'twirp');
    const results = await uploadStageFolders(store, patched, ['a', 'b'], { service: new ActionsArtifactService(), retentionDays: null, deadlineMs: 300, logger });
    expect(results.map((r) => r.kind)).toEqual(['missed', 'missed']);
    expect(results[1]).toMatchObject({ reason: expect.stringContaining('not tried') });
  });
});

describe('traceSerial', () => {
  it('refuses what cannot work, as usage errors: a local serial, no token, an unknown run, a refused token', async () => {
    const { traceSerial } = await import('../../../src/github/trace.js');
    const { UserError } = await import('../../../src/core/errors.js');
    const base = { repo: 'acme/w', apiUrl: emulator.apiUrl, deadlineMs: 5000 };
    await expect(traceSerial({ ...base, serial: '20261125T190512345Z-3fa2c1', token: 't' })).rejects.toThrow(/local serial/);
    await expect(traceSerial({ ...base, serial: 'gh-501-1', token: '' })).rejects.toThrow(/token is needed/);
    await expect(traceSerial({ ...base, serial: 'gh-999-1', token: 't' })).rejects.toBeInstanceOf(UserError);
    await expect(traceSerial({ ...base, serial: 'gh-999-1', token: 't' })).rejects.toThrow(/no workflow run 999/);
    emulator.acceptedTokens.add('only-this');
    try {
      await expect(traceSerial({ ...base, serial: 'gh-501-1', token: 'wrong' })).rejects.toThrow(/token was refused/);
    } finally {
      emulator.acceptedTokens.clear();
    }
  });

  it('finds the run and its artifacts, and says plainly when the record is gone', async () => {
    const { traceSerial } = await import('../../../src/github/trace.js');
    const { formatRemoteTrace } = await import('../../../src/report/trace-text.js');
    emulator.addRun({ id: 502, attempt: 1, repo: 'acme/w', headSha: 'c'.repeat(40), headBranch: 'main', workflowPath: '.github/workflows/x.yml' });
    const t = await traceSerial({ serial: 'gh-502-1', repo: 'acme/w', token: 't', apiUrl: emulator.apiUrl });
    expect(t.run.id).toBe(502);
    expect(t.record).toBeNull();
    expect(t.recordError).toContain('no record of gh-502-1 in workflow run 502 of acme/w (the run never uploaded its record)');
    expect(formatRemoteTrace(t)).toContain('record   unavailable: no record of gh-502-1');
  });
});

describe('andon trace --repo (remoteTraceCommand)', () => {
  it('prints the run and the record of a serial looked up with GITHUB_TOKEN, and --json for machines', async () => {
    const { remoteTraceCommand: remoteTrace } = await import('../../../src/cli/commands/remote-trace.js');
    const { store, record } = await storeWithRun([stage('lint')], { 'lint/log.txt': 'ok\n' });
    const serial = 'gh-501-1';
    const settings = { service: new ActionsArtifactService(), retentionDays: null, deadlineMs: 10_000, logger: new RecordingLogger() };
    // A later piece of the same run (what a later job uploads) where lint failed: the merge keeps the failure.
    const later = { ...record, stages: record.stages.map((st) => ({ ...st, state: 'failed' as const })), verdict: 'failed' as const, finishedAt: 'now' };
    await uploadPiece(store, pieceOf(later), settings);
    const out: string[] = [];
    const cwd = await makeTempDir('andon-cli-');
    const io = { cwd, env: { GITHUB_TOKEN: 'tok', GITHUB_API_URL: emulator.apiUrl }, out: (t: string) => out.push(t), err: () => undefined, isTty: false, signal: new AbortController().signal, style: {} as never };
    expect(await remoteTrace({ serial, repo: 'acme/w', token: undefined, json: false }, io)).toBe(0);
    expect(out.join('')).toMatch(/serial {3}gh-501-1\nrun {6}http:\/\/github\.localhost:\d+\/acme\/w\/actions\/runs\/501\/attempts\/1/);
    expect(out.join('')).toContain('verdict  failed');
    out.length = 0;
    expect(await remoteTrace({ serial, repo: 'acme/w', token: 'tok', json: true }, io)).toBe(0);
    expect(JSON.parse(out.join('')).record.serial).toBe(serial);
    await expect(remoteTrace({ serial, repo: 'not a repo', token: 'tok', json: true }, io)).rejects.toThrow(/expected owner\/name/);
  });
});

describe('dispatchRerun', () => {
  it('starts the rerun workflow with the serial and the stage as inputs', async () => {
    const { dispatchRerun } = await import('../../../src/github/rerun-dispatch.js');
    await dispatchRerun({ repo: 'acme/w', token: 't', apiUrl: emulator.apiUrl, serial: 'gh-501-1', fromStage: 'unit', ref: 'main' });
    expect(emulator.dispatches.at(-1)).toEqual({ repo: 'acme/w', workflow: 'andon-rerun.yml', ref: 'main', inputs: { serial: 'gh-501-1', 'from-stage': 'unit' } });
    await expect(dispatchRerun({ repo: 'acme/w', token: 't', apiUrl: emulator.apiUrl, serial: 'gh-501-1', fromStage: 'Bad Stage', ref: 'main' })).rejects.toThrow(/not a stage id/);
  });
});

describe('GitHubRest', () => {
  it('retries a 5xx a bounded number of times: two 500s are absorbed, a down API fails after three tries', async () => {
    const { GitHubRest } = await import('../../../src/github/rest-client.js');
    const rest = new GitHubRest({ apiUrl: emulator.apiUrl, token: 't' });
    emulator.failWith(500, 2, 'rest');
    expect((await rest.getRun('acme/w', '501')).id).toBe(501);
    emulator.clearFaults();
    const before = emulator.requests.length;
    emulator.failWith(502, 100, 'rest');
    await expect(rest.getRun('acme/w', '501')).rejects.toThrow(/502/);
    expect(emulator.requests.slice(before).filter((r) => r.fault === 'status')).toHaveLength(3);
    await expect(rest.getRun('../../etc', '1')).rejects.toThrow(/not an owner\/name repository/);
  });
});
