// askGit: several questions to git from one shell give the answers each would give on its own — exit codes, output
// with NULs and newlines, output without a final newline, file names with quotes — in the order asked.
import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { askGit, ASKS_IN_ONE_SHELL, git } from '../../../src/core/git.js';
import { commitAll, makeRepo } from '../../helpers/git-repo.js';

describe('askGit', () => {
  it('answers as git does asked one question at a time', async () => {
    const ws = await makeRepo({ 'a.txt': 'a\n', "it's \"quoted\".txt": 'q\n' });
    await writeFile(path.join(ws, 'new\nline.txt'), 'n\n');
    await writeFile(path.join(ws, 'a.txt'), 'changed\n');
    commitAll(ws, 'second');
    await writeFile(path.join(ws, 'a.txt'), 'dirty\n');
    const env = { PATH: process.env.PATH, HOME: process.env.HOME };
    const questions = [
      ['ls-files', '-s', '-z'],
      ['status', '--porcelain=v2', '-z', '--untracked-files=all'],
      ['config', '--get', 'remote.nowhere.url'], // exits 1 with no output
      ['rev-parse', '--verify', '-q', 'no-such-ref'],
      ['cat-file', 'commit', 'HEAD'],
      ['log', '-1', '--format=%s%x00it ends here without a newline', '--no-show-signature'],
      ['for-each-ref', "--format=%(refname) '$HOME' `x` \\ %(objectname)"],
    ];
    const asked = await askGit(ws, questions, env);
    const alone = await Promise.all(questions.map((q) => git(ws, q, env)));
    expect(asked.map((a) => [a.ok, a.stdout])).toEqual(alone.map((a) => [a.ok, a.stdout]));
    expect(asked.map((a) => a.ok)).toEqual([true, true, false, false, true, true, true]);
    expect(asked[0]!.stdout).toContain('new\nline.txt');
    expect(asked[6]!.stdout).toContain("'$HOME' `x` \\ ");
  });

  it.skipIf(process.platform === 'win32')('on POSIX, starts one process for all the questions: a shell that runs git', async () => {
    const ws = await makeRepo({ 'a.txt': 'a\n' });
    const bin = await mkdtemp(path.join(tmpdir(), 'andon-gitppid-'));
    const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    const log = path.join(bin, 'parents.log');
    // A git on PATH that notes which process started it, then runs the real one.
    await writeFile(path.join(bin, 'git'), `#!/bin/sh\necho "$PPID" >> ${JSON.stringify(log)}\nexec ${JSON.stringify(real)} "$@"\n`);
    await chmod(path.join(bin, 'git'), 0o755);
    const env = { PATH: `${bin}:${process.env.PATH}`, HOME: process.env.HOME };
    const asked = await askGit(ws, [['status'], ['ls-files'], ['rev-parse', 'HEAD']], env);
    expect(asked.map((a) => a.ok)).toEqual([true, true, true]);
    expect(ASKS_IN_ONE_SHELL).toBe(true);
    const parents = (await readFile(log, 'utf8')).trim().split('\n');
    expect(parents).toHaveLength(3);
    expect(new Set(parents).size).toBe(1);
    expect(parents[0]).not.toBe(String(process.pid));
  });
});
