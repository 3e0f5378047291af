// Installing Andon anywhere: the package declares no runtime dependencies, its CLI is executable in the tarball,
// and in a Python repository with no package.json `npx --package=<tarball> andon` runs a line, offline.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRepo } from '../helpers/git-repo.js';
import { offlineNpmEnv, packAndon } from '../helpers/pack-andon.js';
import { makeTempDir } from '../helpers/stage-context.js';

const version = (JSON.parse(await readFile(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }).version;

describe('the published package', () => {
  it('has no runtime dependencies and an executable CLI', async () => {
    const tgz = await packAndon();
    const listing = execFileSync('tar', ['tvzf', tgz], { encoding: 'utf8' });
    expect(listing).toMatch(/^-rwxr-xr-x .* package\/dist\/cli\.js$/m);
    const manifest = JSON.parse(execFileSync('tar', ['xzOf', tgz, 'package/package.json'], { encoding: 'utf8' })) as { dependencies?: unknown; bin: unknown };
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.bin).toEqual({ andon: 'dist/cli.js' });
  });

  it('npm install brings Andon alone, offline, with no engine warning on this Node', async () => {
    const tgz = await packAndon();
    const dir = await makeTempDir('andon-install-');
    const r = spawnSync('npm', ['install', '--no-save', tgz], { cwd: dir, env: await offlineNpmEnv(), encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('EBADENGINE');
    expect((await readdir(path.join(dir, 'node_modules'))).filter((n) => !n.startsWith('.'))).toEqual(['andon']);
    const bin = spawnSync(path.join(dir, 'node_modules/.bin/andon'), ['--version'], { encoding: 'utf8' });
    expect(bin.stdout.trim()).toBe(version);
  });
});

describe('npx --package=<tarball> andon in a Python repository', () => {
  it('prints the version and runs a one-stage line, leaving no package.json or node_modules behind', async () => {
    const tgz = await packAndon();
    const repo = await makeRepo({
      'pyproject.toml': '[project]\nname = "shop"\nversion = "0.1.0"\n',
      'shop/__init__.py': '',
      'andon.yml': 'version: 1\nline:\n  - id: compile\n    uses: command\n    with:\n      run: [python3, -m, compileall, -q, shop]\n',
    });
    const env = await offlineNpmEnv();
    const npx = (...args: string[]) => spawnSync('npx', ['--yes', `--package=${tgz}`, 'andon', ...args], { cwd: repo, env, encoding: 'utf8' });
    const v = npx('--version');
    expect(v.status, v.stderr).toBe(0);
    expect(v.stdout.trim()).toBe(version);
    expect(v.stderr).not.toContain('EBADENGINE');
    const run = npx('run');
    expect(run.status, run.stderr).toBe(0);
    const serial = run.stdout.trim();
    const record = JSON.parse(await readFile(path.join(repo, '.andon/runs', serial, 'run.json'), 'utf8')) as { verdict: string; stages: { id: string; state: string }[] };
    expect(record.verdict).toBe('passed');
    expect(record.stages.map((s) => `${s.id}:${s.state}`)).toEqual(['compile:passed']);
    expect((await readdir(repo)).sort()).toEqual(['.andon', '.git', 'andon.yml', 'pyproject.toml', 'shop']);
  });

  it('a tarball given as the command is run by npm as a program, which is why the README says --package', async () => {
    const tgz = await packAndon();
    const r = spawnSync('npx', ['--yes', tgz, '--version'], { cwd: await makeTempDir(), env: await offlineNpmEnv(), encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('Permission denied');
  });
});
