import { mkdtemp, stat, utimes, writeFile } from 'node:fs/promises';
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

  it('hash a file again when its bytes changed with its size, inode and modified time kept (cp -p, rsync -t, touch -r)', async () => {
    const ws = await makeRepo({ 'src/a.ts': 'export const out = "a/b";\n' });
    const cacheFile = path.join(ws, '.andon/cache/file-hashes.json');
    // A change in the working tree: hashed (not named by the index), and kept in the stat cache.
    await writeFile(path.join(ws, 'src/a.ts'), 'export const out = "a/c";\n');
    // A whole second: what utimes sets back exactly.
    const when = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    await utimes(path.join(ws, 'src/a.ts'), when, when);
    const first = new InputsDigester(ws, cacheFile);
    const d1 = await first.digest('command', {}, inputs);
    await first.save();
    const before = await stat(path.join(ws, 'src/a.ts'));
    // Rewritten in place (same inode, same size), its modified time set back to what it was.
    await writeFile(path.join(ws, 'src/a.ts'), 'export const out = "a/X";\n');
    await utimes(path.join(ws, 'src/a.ts'), when, when);
    const after = await stat(path.join(ws, 'src/a.ts'));
    expect([after.ino, after.size, after.mtimeMs]).toEqual([before.ino, before.size, before.mtimeMs]);
    const d2 = await new InputsDigester(ws, cacheFile).digest('command', {}, inputs);
    expect(d2.manifest.files['src/a.ts']).toBe(`blob:${gitIn(ws, 'hash-object', 'src/a.ts')}`);
    expect(d2.digest).not.toBe(d1.digest);
  });

  it('see git-ignored files a glob names (reports/, a named build folder), not those a wildcard passes over', async () => {
    const ws = await makeRepo({ '.gitignore': 'node_modules/\nreports/\ncoverage/\n*.log\nbuild/out/\n', 'src/a.ts': 'a\n' });
    await writeFiles(ws, {
      'reports/ruff.sarif': '{}',
      'reports/junit/unit.xml': '<testsuite/>',
      'coverage/coverage-final.json': '{}',
      'src/debug.log': 'x',
      'build/out/app.sarif': '{}',
      'pkg/target/surefire-reports/TEST-a.xml': '<testsuite/>',
      'node_modules/dep/report.sarif': '{}',
    });
    await writeFiles(ws, { '.gitignore': 'node_modules/\nreports/\ncoverage/\n*.log\nbuild/out/\ntarget/\n' });
    const files = async (globs: string[]) => Object.keys((await new InputsDigester(ws).digest('x', {}, { files: globs })).manifest.files).sort();
    expect(await files(['reports/ruff.sarif'])).toEqual(['reports/ruff.sarif']);
    expect(await files(['reports/**/*.xml'])).toEqual(['reports/junit/unit.xml']);
    expect(await files(['**/target/surefire-reports/*.xml'])).toEqual(['pkg/target/surefire-reports/TEST-a.xml']);
    expect(await files(['build/**/*.sarif'])).toEqual([]);
    expect(await files(['build/out/*.sarif'])).toEqual(['build/out/app.sarif']);
    // Ignored files git names one by one are seen by a glob that names their place; ignored folders only when named.
    expect(await files(['src/*.log'])).toEqual(['src/debug.log']);
    expect(await files(['**/*.log', '**/*.json'])).toEqual([]);
    expect(await files(['**'])).toEqual(['.gitignore', 'src/a.ts']);
    // node_modules is never walked, even when a glob names it.
    expect(await files(['node_modules/**/*.sarif'])).toEqual([]);
    // The content is what decides: an ignored report that changes changes the digest.
    const d1 = await new InputsDigester(ws).digest('x', {}, { files: ['reports/*.sarif'] });
    await writeFiles(ws, { 'reports/ruff.sarif': '{"runs":[]}' });
    const d2 = await new InputsDigester(ws).digest('x', {}, { files: ['reports/*.sarif'] });
    expect(explainInputsChange(d1.manifest, d2.manifest)).toBe('files changed: reports/ruff.sarif (modified)');
  });

  it('never take the run store or the stage cache as inputs, wherever they are configured', async () => {
    const ws = await makeRepo({ 'src/a.ts': 'a\n' });
    await writeFiles(ws, { 'ci/runs/r1/run.json': '{}', 'ci/cache/x.json': '{}', '.andon/runs/r/run.json': '{}', 'src/b.ts': 'b\n' });
    const d = await new InputsDigester(ws, undefined, undefined, [path.join(ws, 'ci/runs'), path.join(ws, 'ci/cache')]).digest('x', {}, { files: ['**'] });
    expect(Object.keys(d.manifest.files).sort()).toEqual(['src/a.ts', 'src/b.ts']);
    // The same without git to list the files.
    gitIn(ws, 'init', '-q');
    const nogit = await mkdtemp(path.join(tmpdir(), 'andon-nogit-'));
    await writeFiles(nogit, { 'src/a.ts': 'a\n', 'ci/runs/r1/run.json': '{}' });
    const d2 = await new InputsDigester(nogit, undefined, undefined, [path.join(nogit, 'ci/runs')]).digest('x', {}, { files: ['**'] });
    expect(Object.keys(d2.manifest.files)).toEqual(['src/a.ts']);
  });

  it('leave out the files a stage declares as its own outputs', async () => {
    const ws = await makeRepo({ 'src/a.ts': 'a\n', 'src/gen/out.ts': 'generated\n' });
    const d = await new InputsDigester(ws).digest('x', {}, { files: ['src/**'] }, ['src/gen/**']);
    expect(Object.keys(d.manifest.files)).toEqual(['src/a.ts']);
  });

  it('see files an earlier stage wrote once told the workspace changed', async () => {
    const ws = await makeRepo({ 'src/a.ts': 'a\n' });
    const digester = new InputsDigester(ws);
    const before = await digester.digest('x', {}, { files: ['src/**'] });
    await writeFiles(ws, { 'src/new.ts': 'n\n' });
    digester.invalidate();
    const after = await digester.digest('x', {}, { files: ['src/**'] });
    expect(explainInputsChange(before.manifest, after.manifest)).toBe('files changed: src/new.ts (added)');
  });

  it('explains what changed', () => {
    const before = { kind: 'command', options: { a: 1 }, tools: { eslint: '9.0.0' }, extra: null, files: { 'x.ts': 'blob:1', 'y.ts': 'blob:2' } };
    const after = { kind: 'command', options: { a: 2 }, tools: { eslint: '9.1.0' }, extra: null, files: { 'x.ts': 'blob:9' } };
    expect(explainInputsChange(before, after)).toBe('options changed; eslint 9.0.0 -> 9.1.0; files changed: x.ts (modified), y.ts (removed)');
  });
});
