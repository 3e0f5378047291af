// Locating tests in the workspace: one listing from git, answered from memory; the disk only for what git cannot vouch
// for (symlinks, untracked files), and never a path outside the workspace.
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listWorkspaceFiles } from '../../../src/core/workspace-files.js';
import { locateTest, SourceFiles, stackCandidates, WorkspaceFiles } from '../../../src/stages/regression/test-location.js';
import { makeRepo } from '../../helpers/git-repo.js';
import { makeTempDir } from '../../helpers/stage-context.js';

async function filesOf(ws: string): Promise<WorkspaceFiles> {
  return new WorkspaceFiles(ws, await listWorkspaceFiles(ws));
}

describe('workspace files for locating tests', () => {
  it('answers tracked files from the listing, without touching the disk', async () => {
    const ws = await makeRepo({ 'src/a.ts': 'a\n', 'test/a.test.ts': 'x\n' });
    const files = await filesOf(ws);
    expect(files.resolve('src/a.ts')).toBe('src/a.ts');
    expect(files.resolve('./src/../src/a.ts')).toBe('src/a.ts');
    expect(files.resolve(path.join(ws, 'test/a.test.ts'))).toBe('test/a.test.ts');
    expect(files.resolve(`file://${ws}/src/a.ts`)).toBe('src/a.ts');
    expect(files.resolve('src\\a.ts')).toBe('src/a.ts');
    expect(files.resolve('src/missing.ts')).toBeNull();
    expect(files.resolve('../outside.ts')).toBeNull();
    expect(files.resolve('/etc/passwd')).toBeNull();
    expect(files.fsCalls).toBe(0);
  });

  it('checks untracked files, deleted files and symlinks on disk once each, and keeps them inside the workspace', async () => {
    const outside = await makeTempDir('andon-outside-');
    await writeFile(path.join(outside, 'secret.ts'), 'secret\n');
    const ws = await makeRepo({ 'src/a.ts': 'a\n', 'src/gone.ts': 'g\n' });
    await writeFile(path.join(ws, 'src/new.ts'), 'untracked\n');
    await rm(path.join(ws, 'src/gone.ts'));
    await symlink(outside, path.join(ws, 'out-link'));
    await symlink('src', path.join(ws, 'in-link'));
    await symlink('a.ts', path.join(ws, 'src/alias.ts'));
    const files = await filesOf(ws);
    expect(files.resolve('src/new.ts')).toBe('src/new.ts');
    expect(files.resolve('src/gone.ts')).toBeNull();
    expect(files.resolve('out-link/secret.ts')).toBeNull();
    // Through a link that stays inside: the real file's path.
    expect(files.resolve('in-link/a.ts')).toBe('src/a.ts');
    expect(files.resolve('src/alias.ts')).toBe('src/a.ts');
    const calls = files.fsCalls;
    expect(calls).toBeGreaterThan(0);
    for (const p of ['src/new.ts', 'src/gone.ts', 'out-link/secret.ts', 'in-link/a.ts', 'src/alias.ts', 'in-link/other.ts']) files.resolve(p);
    // Asked again: answered from what it learnt (a second file under a known link costs nothing either).
    expect(files.fsCalls).toBe(calls);
  });

  it('outside a git repository, trusts nothing it lists without checking it, and lists nothing else', async () => {
    const outside = await makeTempDir('andon-outside-');
    await writeFile(path.join(outside, 'secret.ts'), 'secret\n');
    const ws = await makeTempDir('andon-plain-');
    await mkdir(path.join(ws, 'src'));
    await writeFile(path.join(ws, 'src/a.ts'), 'a\n');
    await symlink(outside, path.join(ws, 'link'));
    const files = await filesOf(ws);
    expect(files.resolve('src/a.ts')).toBe('src/a.ts');
    expect(files.resolve('link/secret.ts')).toBeNull();
    const calls = files.fsCalls;
    expect(calls).toBeGreaterThan(0);
    expect(files.resolve('src/none.ts')).toBeNull();
    expect(files.resolve('link/other.ts')).toBeNull();
    expect(files.fsCalls).toBe(calls);
  });

  it('locates a million stack frames naming files that do not exist without a single filesystem call', async () => {
    const ws = await makeRepo({ 'src/a.ts': 'a\n' });
    await symlink('src', path.join(ws, 'in-link'));
    const sources = new SourceFiles(await filesOf(ws));
    let located = 0;
    for (let i = 0; i < 1_000_000; i++) {
      const stack = stackCandidates(`Error\n    at f (src/gen/missing-${i}.ts:${(i % 900) + 1}:5)`);
      if (locateTest({ classname: `pkg.Mod${i}`, suite: 's', stack }, sources)) located++;
    }
    expect(located).toBe(0);
    expect(sources.files.fsCalls).toBe(0);
  });
});
