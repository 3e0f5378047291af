// Packs Andon as npm publishes it (package.json, README, actions, schemas and the freshly built dist/) into a
// tarball, so tests install and run exactly what a user gets, offline.
import { execFileSync } from 'node:child_process';
import { cp, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { inject } from 'vitest';
import { makeTempDir } from './stage-context.js';

const root = path.resolve(import.meta.dirname, '../..');
let packed: Promise<string> | undefined;

/** The absolute path of andon-<version>.tgz, made once per test file. */
export function packAndon(): Promise<string> {
  return (packed ??= (async () => {
    const dir = await makeTempDir('andon-pack-');
    const pkg = path.join(dir, 'package');
    await mkdir(pkg);
    for (const f of ['package.json', 'README.md', 'action.yml', 'actions', 'schemas']) await cp(path.join(root, f), path.join(pkg, f), { recursive: true });
    await cp(inject('distDir'), path.join(pkg, 'dist'), { recursive: true });
    const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: pkg, encoding: 'utf8', env: { ...process.env, npm_config_cache: path.join(dir, 'npm-cache') } }).trim().split('\n').pop()!;
    const tgz = path.join(dir, name);
    if (!(await readdir(dir)).includes(name)) throw new Error(`npm pack made no ${name} in ${dir}`);
    return tgz;
  })());
}

/** An environment for npm/npx with a cache of its own, offline: a package with no dependencies needs nothing else. */
export async function offlineNpmEnv(): Promise<Record<string, string | undefined>> {
  return { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', npm_config_cache: await makeTempDir('andon-npm-cache-'), npm_config_offline: 'true', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
}
