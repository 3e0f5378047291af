// The emulator answers the real @actions/artifact and @actions/cache clients: the foundation every e2e test stands on.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/stage-context.js';
import { ActionsEmulator } from './actions-emulator.js';

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
