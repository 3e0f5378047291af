import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { changedFiles, computeChangeSet, inChange, parseUnifiedDiff } from '../../../src/core/diff.js';
import { commitBase, git, makeWorkspace } from '../static-analysis/fixture-repo.js';

describe('computeChangeSet and inChange on a real git repo', () => {
  it('knows added lines, new, untracked, deleted and renamed files', async () => {
    const ws = await makeWorkspace({ 'a.txt': '1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n', 'gone.txt': 'g\n', 'moved.txt': 'a long enough line to be seen as a rename\nsecond line\nthird line\n' }, { withNodeModules: false });
    const base = commitBase(ws);
    await writeFile(path.join(ws, 'a.txt'), '1\n2\n3\nnew4\n5\n6\n7\n8\n9\n10\n11\n');
    await writeFile(path.join(ws, 'committed.txt'), 'c\n');
    git(ws, 'add', 'committed.txt');
    git(ws, 'commit', '-qam', 'c');
    await writeFile(path.join(ws, 'untracked.txt'), 'u\n');
    await rm(path.join(ws, 'gone.txt'));
    git(ws, 'mv', 'moved.txt', 'renamed.txt');
    const cs = await computeChangeSet(ws, base);
    expect(cs.base).toBe(base);
    expect(cs.files.get('a.txt')).toMatchObject({ status: 'modified', added: [[4, 4], [11, 11]] });
    expect(cs.files.get('committed.txt')).toMatchObject({ status: 'added', allAdded: true });
    expect(cs.files.get('untracked.txt')).toMatchObject({ status: 'untracked', allAdded: true });
    expect(cs.files.get('gone.txt')?.status).toBe('deleted');
    expect(cs.files.get('renamed.txt')).toMatchObject({ status: 'renamed', oldPath: 'moved.txt' });
    expect(changedFiles(cs)).toEqual(['a.txt', 'committed.txt', 'renamed.txt', 'untracked.txt']);

    expect(inChange(cs, 'added', 'a.txt', 4)).toBe(true);
    expect(inChange(cs, 'added', 'a.txt', 5)).toBe(false);
    expect(inChange(cs, 'diff_context', 'a.txt', 7)).toBe(true);
    expect(inChange(cs, 'diff_context', 'a.txt', 8)).toBe(true);
    expect(inChange(cs, 'diff_context', 'a.txt', 1)).toBe(true);
    expect(inChange(cs, 'file', 'a.txt', 1)).toBe(true);
    expect(inChange(cs, 'file', 'other.txt', 1)).toBe(false);
    expect(inChange(cs, 'added', 'untracked.txt', 1)).toBe(true);
    expect(inChange(cs, 'added', 'gone.txt', 1)).toBe(false);
    expect(inChange(cs, 'nofilter', 'other.txt', 1)).toBe(true);
    expect(inChange(cs, 'added', undefined)).toBe(false);
  });

  it('without a base nothing is filtered and the note says why', async () => {
    const ws = await makeWorkspace({ 'a.txt': 'x\n' }, { withNodeModules: false });
    const cs = await computeChangeSet(ws, null);
    expect(cs.base).toBeNull();
    expect(cs.note).toContain('no base commit known');
    expect(inChange(cs, 'added', 'a.txt', 1)).toBe(true);
  });

  it('a bad base is an empty change set with the git error', async () => {
    const ws = await makeWorkspace({ 'a.txt': 'x\n' }, { withNodeModules: false });
    commitBase(ws);
    const cs = await computeChangeSet(ws, 'deadbeefdeadbeef');
    expect(cs.base).toBeNull();
    expect(cs.note).toMatch(/git diff against deadbeefdead failed/);
  });
});

describe('parseUnifiedDiff', () => {
  it('reads binary files, pure renames, deletions and quoted paths from headers', () => {
    const text = [
      'diff --git a/img.png b/img.png',
      'new file mode 100644',
      'index 0000000..1234567',
      'Binary files /dev/null and b/img.png differ',
      'diff --git a/old name.txt b/new name.txt',
      'similarity index 100%',
      'rename from old name.txt',
      'rename to new name.txt',
      'diff --git a/dead.js b/dead.js',
      'deleted file mode 100644',
      '--- a/dead.js',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-x',
      'diff --git "a/caf\\303\\251.txt" "b/caf\\303\\251.txt"',
      '--- "a/caf\\303\\251.txt"',
      '+++ "b/caf\\303\\251.txt"',
      '@@ -2,0 +3,2 @@',
      '+a',
      '+b',
    ].join('\n');
    const files = new Map();
    parseUnifiedDiff(text, files);
    expect(Object.fromEntries(files)).toEqual({
      'img.png': { status: 'added', added: [], allAdded: true },
      'new name.txt': { status: 'renamed', oldPath: 'old name.txt', added: [], allAdded: false },
      'dead.js': { status: 'deleted', added: [], allAdded: false },
      'café.txt': { status: 'modified', added: [[3, 4]], allAdded: false },
    });
  });
});
