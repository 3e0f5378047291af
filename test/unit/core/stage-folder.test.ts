// The stage folder: what the engine writes into it is what every reader reads back, on real files.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Finding } from '../../../src/core/findings.js';
import { Masker } from '../../../src/core/mask.js';
import { readFindings, readInputsManifest, readResult, STAGE_FILES, writeInputsManifest, writeOutcome } from '../../../src/core/stage-folder.js';
import { makeTempDir } from '../../helpers/stage-context.js';

const finding = (over: Partial<Finding>): Finding => ({
  stage: 'lint',
  ruleId: 'no-unused-vars',
  level: 'error',
  message: 'x is unused',
  fingerprint: 'fp:1',
  baseline: 'new',
  traceTo: [],
  ...over,
});

describe('the stage folder', () => {
  it('reads back every finding the engine wrote: traces, diff marks, notes, places, help links, tools and fixed ones', async () => {
    const dir = await makeTempDir('andon-folder-');
    const written: Finding[] = [
      finding({ traceTo: ['REQ-1', 'REQ-2'], inDiff: true, location: { path: 'src/a b.ts', startLine: 3, startColumn: 5, endLine: 4, endColumn: 2 } }),
      finding({ ruleId: 'spec/uncovered', level: 'warning', message: 'REQ-9 has no test', fingerprint: 'fp:2', baseline: 'unchanged', note: 'kept without its place', inDiff: false }),
      finding({ ruleId: 'TS2322', level: 'note', fingerprint: 'fp:3', tool: { name: 'tsc', version: '5.9.3' }, helpUri: 'https://example.com/TS2322', location: { path: 'src/b.ts' } }),
      finding({ ruleId: 'old-rule', fingerprint: 'fp:4', baseline: 'absent', location: { path: 'src/gone.ts', startLine: 7 } }),
    ];
    const counts = writeOutcome(dir, 'lint', { findings: written, counts: { blocking: 1 } }, Masker.fromEnv({}));
    expect(counts).toEqual({ blocking: 1, findings: { error: 1, warning: 1, note: 1, new: 2 } });

    const read = await readFindings(dir, 'lint');
    if (read.kind !== 'ok') throw new Error(`not read: ${read.kind}`);
    const strip = (f: Finding) => ({ ...f, tool: undefined });
    const byPrint = (a: Finding, b: Finding) => a.fingerprint.localeCompare(b.fingerprint);
    expect(read.findings.map(strip).sort(byPrint)).toEqual(written.map(strip).sort(byPrint));
    // Each finding names the tool of its run: the given one, else Andon itself.
    expect(read.findings.find((f) => f.ruleId === 'TS2322')?.tool).toEqual({ name: 'tsc', version: '5.9.3' });
    expect(read.findings.find((f) => f.ruleId === 'spec/uncovered')?.tool?.name).toBe('andon');
  });

  it('masks secrets in messages and in the result before they reach the folder', async () => {
    const dir = await makeTempDir('andon-folder-');
    const masker = Masker.fromEnv({ API_TOKEN: 'sekret-value-123' });
    writeOutcome(dir, 'lint', { findings: [finding({ message: 'token sekret-value-123 leaked' })], result: { said: 'sekret-value-123' }, baseline: { entries: [] } }, masker);
    const read = await readFindings(dir, 'lint');
    expect(read.kind === 'ok' && read.findings[0]!.message).not.toContain('sekret-value-123');
    const result = await readResult(dir, z.object({ said: z.string() }));
    expect(result).toEqual({ kind: 'ok', value: { said: '***' } });
  });

  it('says why a findings file cannot be read: missing, too big, not JSON, not SARIF (with the JSON path)', async () => {
    const dir = await makeTempDir('andon-folder-');
    expect((await readFindings(dir, 'lint')).kind).toBe('missing');
    writeOutcome(dir, 'lint', { findings: [finding({})] }, Masker.fromEnv({}));
    expect(await readFindings(dir, 'lint', 10)).toMatchObject({ kind: 'too-big' });
    await writeFile(path.join(dir, STAGE_FILES.sarif), '{"runs": [');
    expect(await readFindings(dir, 'lint')).toMatchObject({ kind: 'unreadable', why: expect.stringContaining('not JSON') });
    await writeFile(path.join(dir, STAGE_FILES.sarif), JSON.stringify({ $schema: 'x', version: '2.1.0', runs: [{ tool: { driver: { name: 'a', rules: [] } }, results: [{ ruleId: 'r', level: 'loud', message: { text: 'm' } }] }] }));
    expect(await readFindings(dir, 'lint')).toMatchObject({ kind: 'unreadable', why: expect.stringContaining('/runs/0/results/0/level') });
  });

  it('parses result.json with the schema of the kind that wrote it', async () => {
    const dir = await makeTempDir('andon-folder-');
    const Schema = z.object({ schema: z.literal('x/v1'), n: z.number() });
    expect(await readResult(dir, Schema)).toEqual({ kind: 'missing' });
    writeOutcome(dir, 's', { result: { schema: 'x/v1', n: 'three' } }, Masker.fromEnv({}));
    expect(await readResult(dir, Schema)).toEqual({ kind: 'invalid', why: expect.stringContaining('result.json: /n:') });
    writeOutcome(dir, 's', { result: { schema: 'x/v1', n: 3 } }, Masker.fromEnv({}));
    expect(await readResult(dir, Schema)).toEqual({ kind: 'ok', value: { schema: 'x/v1', n: 3 } });
  });

  it('keeps the inputs manifest and refuses one that is not a manifest', async () => {
    const dir = path.join(await makeTempDir('andon-folder-'), 'unit');
    await mkdir(dir);
    const manifest = { kind: 'command', options: { run: ['x'] }, tools: { node: '20' }, extra: null, files: { 'src/a.ts': 'blob:abc' } };
    writeInputsManifest(dir, manifest);
    expect(await readInputsManifest(dir)).toEqual(manifest);
    await writeFile(path.join(dir, STAGE_FILES.inputs), JSON.stringify({ kind: 'command', files: ['src/a.ts'] }));
    expect(await readInputsManifest(dir)).toBeNull();
  });
});
