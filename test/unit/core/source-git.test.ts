// The source facts of a run (sha, branch, dirty, repo, base) from real git repositories, and how many git processes
// they cost: they are read on every run's start-up path. A wrapper on PATH counts the real git's invocations.
import { chmod, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSourceFacts } from '../../../src/core/source.js';
import { commitAll, gitIn, makeRepo } from '../../helpers/git-repo.js';

async function countingGit(): Promise<{ env: Record<string, string | undefined>; calls: () => Promise<string[]> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'andon-gitcount-'));
  const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  const log = path.join(dir, 'calls.log');
  await writeFile(path.join(dir, 'git'), `#!/bin/sh\necho "$*" >> ${JSON.stringify(log)}\nexec ${JSON.stringify(real)} "$@"\n`);
  await chmod(path.join(dir, 'git'), 0o755);
  return {
    env: { PATH: `${dir}:${process.env.PATH}`, HOME: process.env.HOME },
    calls: async () => (await readFile(log, 'utf8').catch(() => '')).split('\n').filter(Boolean),
  };
}

describe('source facts from the git processes asked at start-up', () => {
  it('on a feature branch of a clone: sha, branch, repo from the remote, base from origin\'s HEAD: one shell asks git four things, then a merge-base', async () => {
    const upstream = await makeRepo({ 'a.txt': 'a\n' });
    gitIn(upstream, 'checkout', '-q', '-b', 'trunk');
    await writeFile(path.join(upstream, 'trunk.txt'), 't\n');
    const trunk = commitAll(upstream, 'on trunk');
    const clone = path.join(await mkdtemp(path.join(tmpdir(), 'andon-clone-')), 'acme-shop');
    execFileSync('git', ['clone', '-q', upstream, clone]);
    gitIn(clone, 'remote', 'set-url', 'origin', 'git@github.com:acme/shop.git');
    gitIn(clone, 'checkout', '-q', '-b', 'feature/x');
    await writeFile(path.join(clone, 'b.txt'), 'b\n');
    gitIn(clone, '-c', 'user.email=t@t', '-c', 'user.name=t', 'add', 'b.txt');
    gitIn(clone, '-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-q', '-m', 'feature');
    const head = gitIn(clone, 'rev-parse', 'HEAD');

    const git = await countingGit();
    const facts = await readSourceFacts(clone, git.env);
    expect(facts).toMatchObject({ repo: 'acme/shop', sha: head, ref: 'feature/x', baseRef: 'trunk', baseSha: trunk, pr: null, dirty: false, onBaseBranch: false });
    // One process started from Andon (a shell) asks git in turn; HEAD's commit comes along, as it costs the shell little.
    expect((await git.calls()).map((c) => c.split(' ')[1])).toEqual(['status', 'for-each-ref', 'config', 'cat-file', 'merge-base']);
  });

  it('on the base branch: the base is HEAD\'s first parent, found without a merge-base', async () => {
    const ws = await makeRepo({ 'a.txt': 'a\n' });
    const first = gitIn(ws, 'rev-parse', 'HEAD');
    await writeFile(path.join(ws, 'b.txt'), 'b\n');
    commitAll(ws, 'second');
    const git = await countingGit();
    expect(await readSourceFacts(ws, git.env)).toMatchObject({ ref: 'main', baseRef: 'main', baseSha: first, onBaseBranch: true });
    // The start-up questions (HEAD's commit, whose parents name the base, among them; not asked again), and whether
    // the parent is here (a shallow clone may lack it). No merge-base.
    expect((await git.calls()).map((c) => c.split(' ').slice(1, 3).join(' '))).toEqual(['status --porcelain=v2', 'for-each-ref --format=%(refname)', 'config --get', 'cat-file commit', 'cat-file -e']);
  });

  it('dirty work, a detached HEAD and a repository without commits', async () => {
    const ws = await makeRepo({ 'a.txt': 'a\n' });
    const first = gitIn(ws, 'rev-parse', 'HEAD');
    await writeFile(path.join(ws, 'new.txt'), 'n\n');
    const env = { PATH: process.env.PATH, HOME: process.env.HOME };
    // On the base branch's first commit there is no ancestor to judge against.
    expect(await readSourceFacts(ws, env)).toMatchObject({ sha: first, ref: 'main', dirty: true, baseSha: null });
    // Andon's own folder is not a change.
    commitAll(ws, 'new');
    await mkdir(path.join(ws, '.andon/runs'), { recursive: true });
    await writeFile(path.join(ws, '.andon/runs/x.json'), '{}');
    expect((await readSourceFacts(ws, env)).dirty).toBe(false);

    gitIn(ws, 'checkout', '-q', '--detach', first);
    expect(await readSourceFacts(ws, env)).toMatchObject({ sha: first, ref: null });

    const empty = await mkdtemp(path.join(tmpdir(), 'andon-empty-'));
    gitIn(empty, 'init', '-q', '-b', 'main');
    expect(await readSourceFacts(empty, env)).toMatchObject({ sha: null, ref: 'main', baseSha: null, dirty: false });
    expect(await readSourceFacts(await mkdtemp(path.join(tmpdir(), 'andon-nogit-')), env)).toMatchObject({ sha: null, ref: null, dirty: false });
  });
});
