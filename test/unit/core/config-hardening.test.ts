import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from '../../../src/core/config.js';
import { UserError } from '../../../src/core/errors.js';
import { defaultRegistry } from '../../../src/stages/index.js';
import { runCli } from '../../helpers/cli.js';
import { makeTempDir } from '../../helpers/stage-context.js';

const registry = defaultRegistry();

function errorOf(text: string, place?: Parameters<typeof parseConfig>[4]): string {
  try {
    parseConfig(text, 'andon.yml', registry, 'andon.yml', place);
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message;
  }
  throw new Error('expected the config to be refused');
}

const stage = 'version: 1\nline:\n  - id: a\n    uses: command\n    with: { run: [echo, hi] }\n';

describe('andon.yml as hostile input', () => {
  it('refuses a FIFO as the config at once instead of waiting for a writer', async () => {
    const ws = await makeTempDir();
    execFileSync('mkfifo', [path.join(ws, 'andon.yml')]);
    await expect(loadConfig(ws, undefined, registry)).rejects.toThrow('andon.yml: the config is a FIFO, not a regular file; not read');
  });

  it('refuses a folder as the config with exit code 2, not an internal error', async () => {
    const ws = await makeTempDir();
    await mkdir(path.join(ws, '.git'));
    const r = await runCli(['validate-config', '--config', '.git'], ws);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('.git: the config is a directory, not a regular file; not read');
  });

  it('refuses a config inside the repository that links outside it', async () => {
    const ws = await makeTempDir();
    await symlink('/etc/hostname', path.join(ws, 'andon.yml'));
    await expect(loadConfig(ws, undefined, registry)).rejects.toThrow('the config is a symlink leading outside the workspace; not read');
  });

  it('refuses invalid UTF-8 at its line and column instead of running a command with U+FFFD in it', async () => {
    const ws = await makeTempDir();
    const bytes = Buffer.concat([Buffer.from('version: 1\nline:\n  - id: a\n    uses: command\n    with: { run: [ech'), Buffer.from([0xff]), Buffer.from(', hi] }\n')]);
    await writeFile(path.join(ws, 'andon.yml'), bytes);
    await expect(loadConfig(ws, undefined, registry)).rejects.toThrow('andon.yml:5:22: not valid UTF-8 (byte 0xff at offset 66)');
  });

  it('refuses a __proto__ key anywhere, which would otherwise vanish past the strict check', () => {
    expect(errorOf('version: 1\nline:\n  - id: a\n    uses: command\n    with: { run: [echo], __proto__: { cwd: /etc } }\n')).toBe(
      'andon.yml:5:26: the key "__proto__" is refused: it would set an object\'s prototype, not a key',
    );
    expect(errorOf('version: 1\nline:\n  - id: a\n    uses: command\n    with:\n      run: [echo]\n      env:\n        "__proto__": { X: y }\n')).toContain('andon.yml:8:9: the key "__proto__"');
  });

  it('reads YAML 1.2 whatever the %YAML directive says: no 1.1 merge keys, binaries or sets', () => {
    const text = '%YAML 1.1\n---\nversion: 1\nline:\n  - id: a\n    uses: command\n    with: { run: [echo], env: { K: !!binary aGk= } }\n';
    expect(errorOf(text)).toMatch(/andon\.yml:7:36: invalid YAML: Unresolved tag/);
    const merge = '%YAML 1.1\n---\nversion: 1\nx: &x { run: [echo] }\nline:\n  - id: a\n    uses: command\n    with: { <<: *x }\n';
    expect(errorOf(merge)).toContain('unknown key "x"');
  });

  it('takes passEnv on a stage for withheld runner variables only', () => {
    const ok = parseConfig(`${stage}    passEnv: [ACTIONS_ID_TOKEN_REQUEST_TOKEN, ACTIONS_ID_TOKEN_REQUEST_URL]\n`, 'andon.yml', registry);
    expect(ok.line[0]!.passEnv).toEqual(['ACTIONS_ID_TOKEN_REQUEST_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST_URL']);
    expect(parseConfig(stage, 'andon.yml', registry).line[0]!.passEnv).toEqual([]);
    expect(errorOf(`${stage}    passEnv: [ACTIONS_RUNTIME_TOKEN, PATH]\n`)).toMatch(/^andon\.yml:6:38: line\[0\]\.passEnv\[1\]: passEnv names a variable stages do not get by default/);
  });
});

describe('store and cache folders', () => {
  it.each([
    ['/', 'store:\n  path: /\n', '7:9', 'store.path: "/" is an absolute path; name a folder inside the repository'],
    ['an absolute path elsewhere', 'store:\n  path: /var/tmp/andon\n', '7:9', 'store.path: "/var/tmp/andon" is an absolute path'],
    ['../..', 'cache:\n  path: ../..\n', '7:9', 'cache.path: "../.." leads outside the repository'],
    ["''", "store: { path: '' }\n", '6:16', 'store.path: is empty'],
    ['the repository itself', 'cache: { path: ./ }\n', '6:16', 'cache.path: "./" is the repository itself'],
    ['.git', 'store: { path: .git/andon }\n', '6:16', 'store.path: ".git/andon" is inside .git'],
  ])('refuses %s at file:line:col', (_what, tail, at, message) => {
    const msg = errorOf(stage + tail);
    expect(msg).toContain(`andon.yml:${at}: ${message}`);
  });

  it('accepts a folder under RUNNER_TEMP when it is set, and only then', () => {
    const tail = 'store: { path: /runner/_temp/andon-runs }\n';
    expect(parseConfig(stage + tail, 'andon.yml', registry, 'andon.yml', { env: { RUNNER_TEMP: '/runner/_temp' } }).store.path).toBe('/runner/_temp/andon-runs');
    expect(errorOf(stage + tail)).toContain('is an absolute path');
    expect(errorOf(stage + 'store: { path: /runner/_tempX/r }\n', { env: { RUNNER_TEMP: '/runner/_temp' } })).toContain('or under RUNNER_TEMP');
  });

  it('refuses a store folder that leads outside the repository through a symlink', async () => {
    const ws = await makeTempDir();
    const elsewhere = await makeTempDir();
    await symlink(elsewhere, path.join(ws, '.andon'));
    await writeFile(path.join(ws, 'andon.yml'), stage);
    await expect(loadConfig(ws, undefined, registry)).rejects.toThrow(/store\.path: "\.andon\/runs" leads outside the repository through a symlink/);
    await writeFile(path.join(ws, 'andon.yml'), `${stage}store: { path: runs }\ncache: { path: .andon-cache }\n`);
    await expect(loadConfig(ws, undefined, registry)).resolves.toMatchObject({ store: { path: 'runs' } });
  });
});
