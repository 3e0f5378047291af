import { spawn } from 'node:child_process';
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { withBaseTree, type BaseTree } from '../../../src/core/base-worktree.js';
import { nodeProcessRunner } from '../../../src/core/process-runner.js';
import { processIsAlive } from '../../../src/this-process.js';
import { commitAll, gitIn, makeRepo } from '../../helpers/git-repo.js';
import { makeTempDir } from '../../helpers/stage-context.js';

const env = { PATH: process.env.PATH, HOME: process.env.HOME };

/** main: app.js v1 (the base), then v2 checked out; an installed dependency in node_modules and in a package's own. */
async function repo(): Promise<{ ws: string; base: string }> {
  const ws = await makeRepo({ '.gitignore': 'node_modules\n', 'app.js': 'v1\n', 'packages/web/index.js': 'web v1\n' });
  const base = gitIn(ws, 'rev-parse', 'HEAD');
  await writeFile(path.join(ws, 'app.js'), 'v2\n');
  commitAll(ws, 'v2');
  await mkdir(path.join(ws, 'node_modules/dep'), { recursive: true });
  await writeFile(path.join(ws, 'node_modules/dep/index.js'), 'installed\n');
  await mkdir(path.join(ws, 'packages/web/node_modules/own'), { recursive: true });
  await writeFile(path.join(ws, 'packages/web/node_modules/own/index.js'), 'own\n');
  return { ws, base };
}

function worktrees(ws: string): string[] {
  return gitIn(ws, 'worktree', 'list', '--porcelain').split('\n').filter((l) => l.startsWith('worktree '));
}

/** Nothing of the base tree is left: no worktree registered, no folder, the workspace as it was. */
async function expectGone(ws: string, tree: BaseTree | undefined, tmp: string): Promise<void> {
  expect(worktrees(ws)).toEqual([`worktree ${ws}`]);
  expect(readdirSync(tmp)).toEqual([]);
  if (tree) expect(existsSync(tree.root)).toBe(false);
  expect(gitIn(ws, 'status', '--porcelain')).toBe('');
  expect(await readFile(path.join(ws, 'node_modules/dep/index.js'), 'utf8')).toBe('installed\n');
  expect(await readFile(path.join(ws, 'packages/web/node_modules/own/index.js'), 'utf8')).toBe('own\n');
}

describe('the base checked out apart', () => {
  it('is the base commit with the workspace\'s dependencies linked in, outside the workspace, and gone afterwards', async () => {
    const { ws, base } = await repo();
    const tmp = await makeTempDir('andon-bt-');
    let seen: BaseTree | undefined;
    const got = await withBaseTree(ws, base, env, async (tree) => {
      seen = tree;
      expect(tree.root.startsWith(tmp)).toBe(true);
      expect(await readFile(path.join(tree.root, 'app.js'), 'utf8')).toBe('v1\n');
      expect(lstatSync(path.join(tree.root, 'node_modules')).isSymbolicLink()).toBe(true);
      expect(await readFile(path.join(tree.root, 'node_modules/dep/index.js'), 'utf8')).toBe('installed\n');
      expect(await readFile(path.join(tree.root, 'packages/web/node_modules/own/index.js'), 'utf8')).toBe('own\n');
      expect(tree.linked.sort()).toEqual(['node_modules', 'packages/web/node_modules']);
      expect(worktrees(ws)).toHaveLength(2);
      // What a tool leaves in the tree goes with it.
      await writeFile(path.join(tree.root, 'tool-output.txt'), 'x\n');
      return 'judged';
    }, tmp);
    expect(got).toEqual({ ok: true, value: 'judged' });
    await expectGone(ws, seen, tmp);
  });

  it('is removed when the work fails, and when it is cancelled mid-process', async () => {
    const { ws, base } = await repo();
    const tmp = await makeTempDir('andon-bt-');
    let seen: BaseTree | undefined;
    await expect(
      withBaseTree(ws, base, env, async (tree) => {
        seen = tree;
        throw new Error('the tool crashed at the base');
      }, tmp),
    ).rejects.toThrow('the tool crashed at the base');
    await expectGone(ws, seen, tmp);

    const abort = new AbortController();
    setTimeout(() => abort.abort('SIGINT'), 300);
    const cancelled = await withBaseTree(ws, base, env, async (tree) => {
      seen = tree;
      return nodeProcessRunner.run(['sleep', '30'], { cwd: tree.root, env, signal: abort.signal });
    }, tmp);
    expect(cancelled.ok && cancelled.value.cancelled).toBe(true);
    await expectGone(ws, seen, tmp);
  });

  it('left by a run killed in it (SIGKILL) is removed by the next one, links first; one a live run works in is left alone', async () => {
    const { ws, base } = await repo();
    const tmp = await makeTempDir('andon-bt-');
    // A process that checks the base out and is killed while working in it: nothing of its own clean-up runs.
    const script = `import { withBaseTree } from ${JSON.stringify(pathToFileURL(path.resolve('src/core/base-worktree.ts')).href)};
import { processIsAlive } from ${JSON.stringify(pathToFileURL(path.resolve('src/this-process.ts')).href)};
import { hostname } from 'node:os';
const owner = { pid: process.pid, host: hostname(), isAlive: processIsAlive };
await withBaseTree(${JSON.stringify(ws)}, ${JSON.stringify(base)}, { PATH: process.env.PATH }, async (tree) => { console.log(tree.root); await new Promise(() => {}); }, ${JSON.stringify(tmp)}, owner);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
    const killedRoot = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim())));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(worktrees(ws)).toHaveLength(2);
    expect(lstatSync(path.join(killedRoot, 'node_modules')).isSymbolicLink()).toBe(true);

    // A run working in its own tree at the same time keeps it.
    const owner = { pid: process.pid, host: hostname(), isAlive: processIsAlive };
    let liveRoot = '';
    const got = await withBaseTree(ws, base, env, async (tree) => {
      liveRoot = tree.root;
      // The killed run's tree went before this one was made: only this one is left.
      expect(worktrees(ws)).toEqual([`worktree ${ws}`, `worktree ${tree.root}`]);
      expect(existsSync(killedRoot)).toBe(false);
      // Another process of this host still running works in it: not abandoned.
      const sleeper = spawn('sleep', ['30']);
      await withBaseTree(ws, base, env, async () => expect(existsSync(tree.root)).toBe(true), tmp, { ...owner, pid: sleeper.pid! });
      sleeper.kill();
      return existsSync(tree.root);
    }, tmp, owner);
    expect(got).toEqual({ ok: true, value: true });
    expect(liveRoot).not.toBe(killedRoot);
    await expectGone(ws, undefined, tmp);
  });

  it('of a workspace in a folder of the repository is that folder at the base', async () => {
    const { ws, base } = await repo();
    const tmp = await makeTempDir('andon-bt-');
    const got = await withBaseTree(path.join(ws, 'packages/web'), base, env, async (tree) => {
      expect(await readFile(path.join(tree.root, 'index.js'), 'utf8')).toBe('web v1\n');
      return tree.linked;
    }, tmp);
    expect(got).toEqual({ ok: true, value: ['node_modules'] });
    await expectGone(ws, undefined, tmp);
  });

  it('says why when the base cannot be checked out', async () => {
    const { ws } = await repo();
    const tmp = await makeTempDir('andon-bt-');
    const got = await withBaseTree(ws, 'f'.repeat(40), env, async () => 'never', tmp);
    expect(got.ok).toBe(false);
    expect(!got.ok && got.why).toBe('the base fffffff is not in this checkout (a shallow clone?): set fetch-depth: 0 on actions/checkout');
    await expectGone(ws, undefined, tmp);
  });
});
