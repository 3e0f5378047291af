import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainInputsChange, InputsDigester } from '../../../src/core/inputs-digest.js';
import { gitIn, makeRepo, writeFiles } from '../../helpers/git-repo.js';

const inputs = { files: ['src/**'] };

async function digestOf(ws: string, opts: unknown = {}, files = inputs, tools?: Record<string, string>) {
  return new InputsDigester(ws).digest('command', opts, { ...files, ...(tools ? { tools } : {}) });
}

describe('inputs digests', () => {
  it('use git blob ids for tracked unmodified files', async () => {
    const ws = await makeRepo({ 'src/a.ts': 'a\n', 'other.txt': 'o\n' });
    const d = await digestOf(ws);
    const blob = gitIn(ws, 'rev-parse', 'HEAD:src/a.ts');
    expect(d.manifest.files).toEqual({ 'src/a.ts': `blob:${blob}` });
  });

  it('change with content, options, tools and new files, and not with files outside the globs', async () => {
    const ws = await makeRepo({ 'src/a.ts': 'a\n', 'other.txt': 'o\n' });
    const d0 = await digestOf(ws);
    await writeFiles(ws, { 'other.txt': 'changed\n' });
    expect((await digestOf(ws)).digest).toBe(d0.digest);
    expect((await digestOf(ws, { x: 1 })).digest).not.toBe(d0.digest);
    expect((await digestOf(ws, {}, inputs, { eslint: '9.1.0' })).digest).not.toBe(d0.digest);
    await writeFiles(ws, { 'src/a.ts': 'b\n' });
    const d1 = await digestOf(ws);
    expect(d1.digest).not.toBe(d0.digest);
    expect(d1.manifest.files['src/a.ts']).toBe(`blob:${gitIn(ws, 'hash-object', 'src/a.ts')}`);
    await writeFiles(ws, { 'src/new.ts': 'n\n' });
    const d2 = await digestOf(ws);
    expect(explainInputsChange(d1.manifest, d2.manifest)).toBe('files changed: src/new.ts (added)');
    // Staging the same bytes does not change the digest: content ids are git blob ids either way.
    gitIn(ws, 'add', '-A');
    expect((await digestOf(ws)).digest).toBe(d2.digest);
  });

  it('equal content gives an equal digest, whether tracked or not', async () => {
    const ws = await makeRepo({ 'src/a.ts': 'a\n' });
    const tracked = await digestOf(ws);
    await writeFiles(ws, { 'src/a.ts': 'a\n' });
    expect((await digestOf(ws)).digest).toBe(tracked.digest);
  });

  it('work outside git, with the stat cache kept between runs', async () => {
    const ws = await mkdtemp(path.join(tmpdir(), 'andon-nogit-'));
    await writeFiles(ws, { 'src/a.ts': 'a\n', 'node_modules/x/index.js': 'x' });
    const cacheFile = path.join(ws, '.andon/cache/file-hashes.json');
    const first = new InputsDigester(ws, cacheFile);
    const d1 = await first.digest('command', {}, { files: ['src/**', 'node_modules/**'] });
    await first.save();
    expect(Object.keys(d1.manifest.files)).toEqual(['src/a.ts']);
    const d2 = await new InputsDigester(ws, cacheFile).digest('command', {}, { files: ['src/**'] });
    expect(d2.manifest.files).toEqual(d1.manifest.files);
    await writeFile(path.join(ws, 'src/a.ts'), 'changed\n');
    const d3 = await new InputsDigester(ws, cacheFile).digest('command', {}, { files: ['src/**'] });
    expect(d3.manifest.files['src/a.ts']).not.toBe(d2.manifest.files['src/a.ts']);
  });

  it('explains what changed', () => {
    const before = { kind: 'command', options: { a: 1 }, tools: { eslint: '9.0.0' }, extra: null, files: { 'x.ts': 'blob:1', 'y.ts': 'blob:2' } };
    const after = { kind: 'command', options: { a: 2 }, tools: { eslint: '9.1.0' }, extra: null, files: { 'x.ts': 'blob:9' } };
    expect(explainInputsChange(before, after)).toBe('options changed; eslint 9.0.0 -> 9.1.0; files changed: x.ts (modified), y.ts (removed)');
  });
});
