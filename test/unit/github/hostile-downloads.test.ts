// What comes back from artifacts and the Actions cache is read as data, never obeyed: links, FIFOs and devices in a
// restored cache entry or a downloaded folder are refused in bounded time, and a zip never writes through a link.
// The cache entries go through the real @actions/cache client and tar, against the loopback emulator.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RecordingLogger } from '../../../src/core/logger.js';
import type { StageRecord } from '../../../src/core/run-record.js';
import { cacheBaselines } from '../../../src/github/cache-baselines.js';
import { ActionsCacheService } from '../../../src/github/cache-service.js';
import { baselineCacheKey, stageCacheKey } from '../../../src/github/constants.js';
import { GitHubStageCache } from '../../../src/github/github-stage-cache.js';
import { PIECE_FILE } from '../../../src/github/record-pieces.js';
import { readPieces, type ArtifactLocator } from '../../../src/github/run-download.js';
import { extractZip } from '../../../src/github/zip-read.js';
import { makeTempDir } from '../../helpers/stage-context.js';
import { useEmulatedStep } from '../../helpers/emulated-step.js';
import { zipOf } from '../../helpers/zip-writer.js';

const step = useEmulatedStep({ tempPrefix: 'andon-hostile-dl-', runId: 601, headSha: 'd'.repeat(40) });
const mkfifo = (p: string) => execFileSync('mkfifo', [p]);

const DIGEST = `sha256:${'ef'.repeat(32)}`;
const stage = (id: string): StageRecord => ({ id, uses: 'command', blocking: true, state: 'passed', reason: 'exit code 0', startedAt: null, finishedAt: null, durationMs: 5, inputsDigest: DIGEST, reusedFrom: null, counts: {}, artifacts: [], tools: {} });

describe('extracting an artifact zip', () => {
  it('never writes through a link in the folder, over a file there, or twice to one name', async () => {
    const outside = await makeTempDir('andon-outside-');
    await writeFile(path.join(outside, 'keep.json'), 'original');
    const dest = await makeTempDir('andon-dest-');
    await symlink(outside, path.join(dest, 'unit'));
    await expect(extractZip(zipOf([{ name: 'unit/result.json', data: Buffer.from('forged') }]), dest)).rejects.toThrow('entry "unit/result.json" would be written through a symlink');
    expect(existsSync(path.join(outside, 'result.json'))).toBe(false);
    await symlink(path.join(outside, 'keep.json'), path.join(dest, 'run.json'));
    await expect(extractZip(zipOf([{ name: 'run.json', data: Buffer.from('forged') }]), dest)).rejects.toThrow('entry "run.json" is already there');
    expect(await readFile(path.join(outside, 'keep.json'), 'utf8')).toBe('original');
    const clean = await makeTempDir('andon-dest-');
    await expect(extractZip(zipOf([{ name: 'a/x.txt', data: Buffer.from('1') }, { name: 'a/x.txt', data: Buffer.from('2') }]), clean)).rejects.toThrow('entry "a/x.txt" is already there');
    expect(await extractZip(zipOf([{ name: 'lint/log.txt', data: Buffer.from('ok') }]), await makeTempDir('andon-dest-'))).toEqual(['lint/log.txt']);
  });
});

describe('record pieces read back from a download', () => {
  it('a piece that is a FIFO, a link to /dev/zero or a link to a forged piece is a problem said, never read', async () => {
    const forged = path.join(await makeTempDir('andon-forged-'), PIECE_FILE);
    await writeFile(forged, '{"schema":"andon.record-piece/v1"}');
    const shapes: ((file: string) => Promise<void> | void)[] = [(f) => void mkfifo(f), (f) => symlink('/dev/zero', f), (f) => symlink(forged, f)];
    const locator: ArtifactLocator = {
      describe: 'a hostile download',
      allAttempts: false,
      list: async () => [],
      download: async (id, dest) => {
        await shapes[id]!(path.join(dest, PIECE_FILE));
      },
    };
    const listed = [0, 1, 2].map((id) => ({ id, name: `andon-gh-601-1.record.${String(id).padStart(16, '0')}`, expired: false }));
    const started = Date.now();
    const got = await readPieces(locator, listed, 'gh-601-1', { deadlineMs: 5000, logger: new RecordingLogger(), tmpRoot: await makeTempDir('andon-pieces-') });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(got.pieces).toEqual([]);
    expect(got.problems).toEqual([
      `${listed[0]!.name} is not a record piece of gh-601-1: record-piece.json is a FIFO, not a regular file; not read`,
      `${listed[1]!.name} is not a record piece of gh-601-1: record-piece.json is a symlink; not read`,
      `${listed[2]!.name} is not a record piece of gh-601-1: record-piece.json is a symlink; not read`,
    ]);
  });
});

describe('entries restored from the Actions cache', () => {
  it('a stage-cache entry.json that is a link to a forged entry, or a FIFO, is not a hit', async () => {
    const logger = new RecordingLogger();
    const svc = new ActionsCacheService(10_000, logger);
    const root = path.join(step.temp(), 'runner', 'andon-cache');
    const forged = path.join(await makeTempDir('andon-forged-'), 'entry.json');
    await writeFile(forged, JSON.stringify({ schema: 'andon.stage-cache/v1', serial: 'gh-1-1', stage: stage('lint') }));
    // Written as a poisoning run would leave it, at the place the cache restores to, then saved through the client.
    const dir = path.join(root, 'stages', 'lint');
    await mkdir(path.join(dir, 'files'), { recursive: true });
    await symlink(forged, path.join(dir, 'entry.json'));
    expect(await svc.save(dir, stageCacheKey('lint', DIGEST))).toBe(true);
    const cache = new GitHubStageCache(root, svc, logger);
    expect(await cache.get('lint', DIGEST)).toBeNull();
    expect(logger.text('warn')).toContain('entry.json is a symlink; not read');

    const unitDir = path.join(root, 'stages', 'unit');
    await mkdir(path.join(unitDir, 'files'), { recursive: true });
    mkfifo(path.join(unitDir, 'entry.json'));
    expect(await svc.save(unitDir, stageCacheKey('unit', DIGEST))).toBe(true);
    const started = Date.now();
    expect(await cache.get('unit', DIGEST)).toBeNull();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(logger.text('warn')).toContain('entry.json is a FIFO, not a regular file; not read');
  });

  it('a cached baseline.json that is a link is refused with why; a baseline note that is a FIFO makes no baseline', async () => {
    const logger = new RecordingLogger();
    const svc = new ActionsCacheService(10_000, logger);
    const root = path.join(step.temp(), 'runner', 'andon-cache');
    const base = 'a'.repeat(40);
    const forged = path.join(await makeTempDir('andon-forged-'), 'baseline.json');
    await writeFile(forged, '{"findings":[]}');
    const dir = path.join(root, 'baselines', 'lint');
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await symlink(forged, path.join(dir, 'baseline.json'));
    await writeFile(path.join(dir, 'baseline-meta.json'), JSON.stringify({ serial: 'gh-600-1', sha: base, uses: 'static-analysis', ref: 'main' }));
    expect(await svc.save(dir, baselineCacheKey('lint', base, 'gh-600-1'))).toBe(true);
    const ref = await cacheBaselines(root, svc).load({ stageId: 'lint', uses: 'static-analysis', baseSha: base });
    expect(ref?.description).toBe(`run gh-600-1 of the base ${base.slice(0, 7)} on main, from the Actions cache`);
    await expect(ref!.read('baseline.json')).rejects.toThrow('the cached baseline.json is a symlink; not read');

    // Without a readable note nothing says which commit the baseline describes: none is used, and the FIFO never blocks.
    const other = 'b'.repeat(40);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'baseline.json'), '{"findings":[]}');
    mkfifo(path.join(dir, 'baseline-meta.json'));
    expect(await svc.save(dir, baselineCacheKey('lint', other, 'gh-601-1'))).toBe(true);
    const started = Date.now();
    expect(await cacheBaselines(root, svc).load({ stageId: 'lint', uses: 'static-analysis', baseSha: other })).toBeNull();
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
