// What the static-analysis stage's result depends on besides the sources: a change to any file that configures the
// tools (a lockfile of any package manager) makes the stage run again instead of reusing a result from the cache.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/core/config.js';
import { runLine } from '../../../src/core/line.js';
import { FsStageCache } from '../../../src/core/stage-cache.js';
import { FsStore } from '../../../src/core/store.js';
import { defaultRegistry } from '../../../src/stages/index.js';
import { eslintScope } from '../../../src/stages/static-analysis/gate.js';
import { thisProcess } from '../../../src/this-process.js';
import { commitBase, flatConfig, makeWorkspace } from './fixture-repo.js';

describe('static-analysis inputs', () => {
  it('a pnpm, yarn or bun lockfile change runs the stage again; nothing changed reuses it', async () => {
    const yml = 'version: 1\nline:\n  - id: lint\n    uses: static-analysis\n    with: { eslint: true, filter: nofilter }\n';
    const ws = await makeWorkspace({
      'andon.yml': yml,
      'eslint.config.js': flatConfig,
      'src/a.js': 'export const a = 1;\n',
      'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
      'yarn.lock': '# yarn lockfile v1\n',
      'bun.lock': '{ "lockfileVersion": 1 }\n',
    });
    commitBase(ws);
    const registry = defaultRegistry();
    const config = parseConfig(yml, 'andon.yml', registry);
    const store = new FsStore(path.join(ws, '.andon/runs'));
    const cache = new FsStageCache(path.join(ws, '.andon/cache'));
    const env = { PATH: process.env.PATH, HOME: process.env.HOME };
    const state = async () => (await runLine({ workspace: ws, config, registry, store, env, writer: thisProcess(), cache })).stages[0]!.state;

    expect(await state()).toBe('passed');
    expect(await state()).toBe('reused');
    for (const [file, text] of [
      ['pnpm-lock.yaml', "lockfileVersion: '9.0'\npackages:\n  eslint-plugin-x@2.0.0: {}\n"],
      ['yarn.lock', '# yarn lockfile v1\neslint-plugin-x@^2:\n  version "2.0.0"\n'],
      ['bun.lock', '{ "lockfileVersion": 1, "packages": { "eslint-plugin-x": ["eslint-plugin-x@2.0.0"] } }\n'],
    ] as const) {
      await writeFile(path.join(ws, file), text);
      expect(await state(), file).toBe('passed');
      expect(await state(), file).toBe('reused');
    }
  });

  it('a change to any lockfile lints every file again on a branch', () => {
    const read = { kind: 'ok', origin: 'store', from: 'run #1', unjudged: [], entries: [] } as unknown as Parameters<typeof eslintScope>[0]['read'];
    const scope = (paths: string[]) =>
      eslintScope({ filter: 'file', onBaseBranch: false, read, eslintUnjudged: undefined, changes: { base: 'a'.repeat(40), files: new Map(paths.map((p) => [p, { status: 'modified' }])) } as unknown as Parameters<typeof eslintScope>[0]['changes'] });
    expect(scope(['src/a.js'])).toEqual({ narrow: true });
    for (const f of ['bun.lock', 'bun.lockb', 'pnpm-lock.yaml', 'packages/app/yarn.lock', 'tsconfig.build.json', '.eslintrc.yml']) {
      expect(scope(['src/a.js', f])).toEqual({ narrow: false, why: `the change touches ${f}, which can change what ESLint says about any file` });
    }
  });
});
