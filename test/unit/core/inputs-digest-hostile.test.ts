// The inputs digest reads files before any stage does: links to devices and FIFOs must not make it read forever.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputsDigester } from '../../../src/core/inputs-digest.js';
import { gitIn, makeRepo, writeFiles } from '../../helpers/git-repo.js';

const digest = (ws: string) => new InputsDigester(ws).digest('regression', {}, { files: ['reports/**'] });

describe('inputs digests of files that are not plain files', () => {
  it('identify an untracked symlink by its target text, as git does, without following it to /dev/zero', async () => {
    const ws = await makeRepo({ 'README.md': 'r\n' });
    await mkdir(path.join(ws, 'reports'));
    await symlink('/dev/zero', path.join(ws, 'reports/r.xml'));
    const d = await digest(ws);
    gitIn(ws, 'add', 'reports/r.xml');
    const staged = gitIn(ws, 'ls-files', '-s', 'reports/r.xml');
    expect(staged).toMatch(/^120000 /);
    expect(d.manifest.files['reports/r.xml']).toBe(`blob:${staged.split(' ')[1]}`);
    // The same id once git tracks it: the digest does not depend on whether the link is staged.
    expect((await digest(ws)).digest).toBe(d.digest);
  });

  it('never open a FIFO: a tracked file turned into one is named by its type, a link to one is hashed as a link', async () => {
    const ws = await makeRepo({ 'reports/ok.xml': '<testsuite/>', 'reports/was-file.xml': '<testsuite/>' });
    execFileSync('rm', [path.join(ws, 'reports/was-file.xml')]);
    execFileSync('mkfifo', [path.join(ws, 'reports/was-file.xml'), path.join(ws, 'reports/pipe.xml')]);
    await symlink('pipe.xml', path.join(ws, 'reports/to-pipe.xml'));
    const d = await digest(ws);
    // git does not list an untracked FIFO at all.
    expect(Object.keys(d.manifest.files)).toEqual(['reports/ok.xml', 'reports/to-pipe.xml', 'reports/was-file.xml']);
    expect(d.manifest.files['reports/was-file.xml']).toBe('special:FIFO');
    expect(d.manifest.files['reports/to-pipe.xml']).toBe(`blob:${linkBlob('pipe.xml')}`);
  });

  it('do the same without a git repository to list the files', async () => {
    const ws = await makeRepo({});
    execFileSync('rm', ['-rf', path.join(ws, '.git')]);
    await writeFiles(ws, { 'reports/a.xml': 'a' });
    execFileSync('mkfifo', [path.join(ws, 'reports/pipe.xml')]);
    await symlink('/dev/zero', path.join(ws, 'reports/zero.xml'));
    const d = await digest(ws);
    expect(d.manifest.files).toEqual({ 'reports/a.xml': `blob:${createHash('sha1').update('blob 1\0a').digest('hex')}`, 'reports/zero.xml': `blob:${linkBlob('/dev/zero')}` });
  });
});

/** The blob id git gives a symlink: the hash of its target's text. */
function linkBlob(target: string): string {
  return createHash('sha1').update(`blob ${target.length}\0${target}`).digest('hex');
}
