// The emulator answers the real @actions/artifact and @actions/cache clients: the foundation every e2e test stands on.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/stage-context.js';
import { ActionsEmulator, type EmulatedRun } from './actions-emulator.js';

const emulator = new ActionsEmulator();
const saved = { ...process.env };
let workspace: string;

beforeAll(async () => {
  await emulator.start();
  workspace = await makeTempDir('andon-emu-ws-');
  const runnerTemp = await makeTempDir('andon-emu-tmp-');
  Object.assign(process.env, emulator.stepEnv({ id: 101, attempt: 1, repo: 'acme/widget', headSha: 'a'.repeat(40), headBranch: 'main', workflowPath: '.github/workflows/ci.yml' }), {
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: runnerTemp,
  });
  delete process.env.HTTPS_PROXY;
  delete process.env.HTTP_PROXY;
  delete process.env.https_proxy;
  delete process.env.http_proxy;
});

afterAll(async () => {
  await emulator.stop();
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  Object.assign(process.env, saved);
});

afterEach(() => emulator.clearFaults());

describe('the emulator with the real @actions/artifact client', () => {
  it('uploads, lists and downloads an artifact byte-identical, and refuses the same name twice', async () => {
    const { DefaultArtifactClient } = await import('@actions/artifact');
    const client = new DefaultArtifactClient();
    const src = path.join(workspace, 'stage');
    await mkdir(path.join(src, 'nested'), { recursive: true });
    // Bigger than one 8 MiB block, so Put Block + Put Block List with several blocks is exercised.
    const big = randomBytes(9 * 1024 * 1024);
    await writeFile(path.join(src, 'big.bin'), big);
    await writeFile(path.join(src, 'nested', 'result.json'), '{"ok":true}\n');

    const up = await client.uploadArtifact('andon-s1-unit', [path.join(src, 'big.bin'), path.join(src, 'nested', 'result.json')], src, { retentionDays: 3 });
    expect(up.id).toBeGreaterThan(0);
    expect(emulator.requests.some((r) => r.method === 'PUT' && r.target === 'blob')).toBe(true);

    const listed = await client.listArtifacts();
    expect(listed.artifacts.map((a) => a.name)).toEqual(['andon-s1-unit']);

    const dest = await makeTempDir('andon-emu-dl-');
    const dl = await client.downloadArtifact(up.id!, { path: dest });
    expect(dl.digestMismatch).toBeFalsy();
    expect((await readFile(path.join(dest, 'big.bin'))).equals(big)).toBe(true);
    expect(await readFile(path.join(dest, 'nested', 'result.json'), 'utf8')).toBe('{"ok":true}\n');

    await expect(client.uploadArtifact('andon-s1-unit', [path.join(src, 'nested', 'result.json')], src)).rejects.toThrow();
  });

  it('serves another run\'s artifact through REST (list, zip 302 -> blob) with a token', async () => {
    const { DefaultArtifactClient } = await import('@actions/artifact');
    const client = new DefaultArtifactClient();
    const src = await makeTempDir('andon-emu-src-');
    await writeFile(path.join(src, 'run.json'), '{"schema":"andon.run/v1"}');
    await client.uploadArtifact('andon-s2-record', [path.join(src, 'run.json')], src);
    const findBy = { token: 'ghs_emulated', repositoryOwner: 'acme', repositoryName: 'widget', workflowRunId: 101 };
    const got = await client.getArtifact('andon-s2-record', { findBy });
    const dest = await makeTempDir('andon-emu-dl2-');
    await client.downloadArtifact(got.artifact.id, { path: dest, findBy });
    expect(await readFile(path.join(dest, 'run.json'), 'utf8')).toBe('{"schema":"andon.run/v1"}');
    expect(emulator.requests.some((r) => /\/actions\/artifacts\/\d+\/zip$/.test(r.path))).toBe(true);
  });

  it('retries injected 500s and succeeds', async () => {
    const { DefaultArtifactClient } = await import('@actions/artifact');
    const client = new DefaultArtifactClient();
    const src = await makeTempDir('andon-emu-src-');
    await writeFile(path.join(src, 'a.txt'), 'a');
    emulator.failWith(500, 1, 'twirp');
    const up = await client.uploadArtifact('andon-s3-retry', [path.join(src, 'a.txt')], src);
    expect(up.id).toBeGreaterThan(0);
    expect(emulator.requests.filter((r) => r.fault === 'status')).toHaveLength(1);
  }, 30_000);
});

describe('the emulator with the real @actions/cache client', () => {
  it('saves and restores a cache entry byte-identical; a second save of the key is not an error', async () => {
    const cache = await import('@actions/cache');
    expect(cache.isFeatureAvailable()).toBe(true);
    const dir = path.join(workspace, 'cached');
    await mkdir(dir, { recursive: true });
    const bytes = randomBytes(300_000);
    await writeFile(path.join(dir, 'payload.bin'), bytes);
    const id = await cache.saveCache([dir], 'andon-stage-unit-sha256:abc');
    expect(id).toBeGreaterThan(0);
    expect(await cache.saveCache([dir], 'andon-stage-unit-sha256:abc')).toBe(-1);

    await rm(dir, { recursive: true });
    const hit = await cache.restoreCache([dir], 'andon-stage-unit-sha256:abc');
    expect(hit).toBe('andon-stage-unit-sha256:abc');
    expect((await readFile(path.join(dir, 'payload.bin'))).equals(bytes)).toBe(true);

    const prefixHit = await cache.restoreCache([dir], 'andon-stage-unit-sha256:zzz', ['andon-stage-unit-']);
    expect(prefixHit).toBe('andon-stage-unit-sha256:abc');
    expect(await cache.restoreCache([dir], 'andon-stage-other')).toBeUndefined();
  });
});

/** Runs `body` with the runner environment of another step (attempt, branch, fork), then puts this file's back. */
async function asStep<T>(run: EmulatedRun, body: () => Promise<T>): Promise<T> {
  const before = { ...process.env };
  delete process.env.ACTIONS_CACHE_MODE;
  Object.assign(process.env, emulator.stepEnv(run));
  try {
    return await body();
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in before)) delete process.env[k];
    Object.assign(process.env, before);
  }
}

const RUN = { id: 301, attempt: 1, repo: 'acme/widget', headSha: 'b'.repeat(40), headBranch: 'main', workflowPath: '.github/workflows/ci.yml' } satisfies EmulatedRun;

async function restJson(url: string, token = 'ghs_emulated', init: RequestInit = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${emulator.apiUrl}${url}`, { redirect: 'manual', ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
  return { status: res.status, body: res.status === 302 ? {} : ((await res.json()) as Record<string, unknown>) };
}

describe('the emulator is as strict as GitHub', () => {
  it('attempt scoping: the runtime token sees its own attempt only, names repeat across attempts, REST sees every attempt', async () => {
    const { DefaultArtifactClient } = await import('@actions/artifact');
    const src = await makeTempDir('andon-emu-att-');
    await writeFile(path.join(src, 'a.txt'), 'attempt 1');
    const first = await asStep(RUN, async () => {
      const c = new DefaultArtifactClient();
      const up = await c.uploadArtifact('andon-gh-301-1-lint', [path.join(src, 'a.txt')], src);
      // Within an attempt a name is taken, finished or not.
      await expect(c.uploadArtifact('andon-gh-301-1-lint', [path.join(src, 'a.txt')], src)).rejects.toThrow(/409|Conflict/);
      return up;
    });
    await asStep({ ...RUN, attempt: 2 }, async () => {
      const c = new DefaultArtifactClient();
      expect((await c.listArtifacts()).artifacts).toEqual([]);
      await expect(c.downloadArtifact(first.id!, { path: await makeTempDir() })).rejects.toThrow();
      // Another attempt may use the same name: GitHub keeps one per attempt.
      expect((await c.uploadArtifact('andon-gh-301-1-lint', [path.join(src, 'a.txt')], src)).id).toBeGreaterThan(first.id!);
    });
    const listed = await restJson('/repos/acme/widget/actions/runs/301/artifacts');
    expect((listed.body.artifacts as { name: string }[]).map((a) => a.name)).toEqual(['andon-gh-301-1-lint', 'andon-gh-301-1-lint']);
  });

  it('finished artifacts are immutable, and expired ones answer 410 and leave the runtime listing', async () => {
    const a = emulator.artifacts.find((x) => x.runId === 301 && x.finalized)!;
    const put = await fetch(`${emulator.origin}/emuaccount/store/${a.blob}`, { method: 'PUT', body: 'x', headers: { 'x-ms-blob-type': 'BlockBlob' } });
    expect(put.status).toBe(409);
    emulator.expire((x) => x.id === a.id);
    expect((await restJson(`/repos/acme/widget/actions/artifacts/${a.id}/zip`)).status).toBe(410);
    const listed = await restJson('/repos/acme/widget/actions/runs/301/artifacts');
    expect((listed.body.artifacts as { id: number; expired: boolean }[]).find((x) => x.id === a.id)?.expired).toBe(true);
    const { DefaultArtifactClient } = await import('@actions/artifact');
    await asStep(RUN, async () => expect((await new DefaultArtifactClient().listArtifacts()).artifacts).toEqual([]));
  });

  it('REST tokens have permissions: a read-only token may list, never write checks or dispatch', async () => {
    emulator.permissions.set('ghs_ro', { actions: 'read', checks: 'none', contents: 'read' });
    expect((await restJson('/repos/acme/widget/actions/runs/301/artifacts', 'ghs_ro')).status).toBe(200);
    const post = (url: string) => restJson(url, 'ghs_ro', { method: 'POST', body: JSON.stringify({ name: 'x', head_sha: RUN.headSha, conclusion: 'success', ref: 'main' }) });
    expect((await post('/repos/acme/widget/check-runs')).status).toBe(403);
    expect((await post('/repos/acme/widget/actions/workflows/ci.yml/dispatches')).status).toBe(403);
    emulator.permissions.set('ghs_none', { actions: 'none' });
    expect((await restJson('/repos/acme/widget/actions/runs/301/artifacts', 'ghs_none')).status).toBe(403);
  });

  it('cache scope: own ref, then the PR base, then the default branch; a fork may only read', async () => {
    const cache = await import('@actions/cache');
    const dir = path.join(workspace, 'scoped');
    const save = async (run: EmulatedRun, key: string) => {
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, 'f'), key);
      return asStep(run, () => cache.saveCache([dir], key));
    };
    const restore = async (run: EmulatedRun, key: string) => {
      await rm(dir, { recursive: true, force: true });
      return asStep(run, () => cache.restoreCache([dir], key));
    };
    const feature = { ...RUN, id: 302, headBranch: 'feature' };
    const release = { ...RUN, id: 303, headBranch: 'release' };
    const pr = { ...RUN, id: 304, headBranch: 'topic', pr: { number: 5, base: 'release', mergeSha: 'd'.repeat(40) } };
    const fork = { ...RUN, id: 305, headBranch: 'topic', pr: { number: 6, base: 'main', mergeSha: 'e'.repeat(40), headRepo: 'someone/widget' } };
    expect(await save(RUN, 'k-main')).toBeGreaterThan(0);
    expect(await save(feature, 'k-feature')).toBeGreaterThan(0);
    expect(await save(release, 'k-release')).toBeGreaterThan(0);
    expect(await restore(feature, 'k-feature')).toBe('k-feature');
    expect(await restore(release, 'k-feature')).toBeUndefined();
    expect(await restore(feature, 'k-main')).toBe('k-main');
    expect(await restore(pr, 'k-release')).toBe('k-release');
    expect(await restore(pr, 'k-feature')).toBeUndefined();
    // A fork's pull request reads the base branch's entries and writes none (the runner sets ACTIONS_CACHE_MODE=read;
    // without it, the service refuses the write).
    expect(await restore(fork, 'k-main')).toBe('k-main');
    const entries = emulator.caches.length;
    expect(await save(fork, 'k-fork')).toBe(-1);
    const env = emulator.stepEnv(fork);
    const create = await fetch(`${emulator.origin}/twirp/github.actions.results.api.v1.CacheService/CreateCacheEntry`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${env.ACTIONS_RUNTIME_TOKEN}` },
      body: JSON.stringify({ key: 'k-fork', version: 'v' }),
    });
    expect(await create.json()).toMatchObject({ ok: false, message: expect.stringMatching(/^cache write denied:/) });
    expect(emulator.caches.length).toBe(entries);
  });

  it('cache keys: at most 512 characters, no commas', async () => {
    const env = emulator.stepEnv(RUN);
    const create = (key: string) =>
      fetch(`${emulator.origin}/twirp/github.actions.results.api.v1.CacheService/CreateCacheEntry`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${env.ACTIONS_RUNTIME_TOKEN}` },
        body: JSON.stringify({ key, version: 'v' }),
      });
    expect((await create('a'.repeat(513))).status).toBe(400);
    expect((await create('a,b')).status).toBe(400);
    expect((await create('a'.repeat(512))).status).toBe(200);
  });
});
