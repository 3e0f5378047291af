// Real temp workspaces for the static-analysis tests: files, a real git repo, Andon's own node_modules symlinked in.
import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTempDir } from '../../helpers/stage-context.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(root, rel);
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, text);
  }
}

/** A workspace whose node_modules is Andon's, so `eslint` and `typescript` resolve from it like a user's install. */
export async function makeWorkspace(files: Record<string, string>, { withNodeModules = true } = {}): Promise<string> {
  const ws = path.join(await makeTempDir('andon-sa-'), 'ws');
  await mkdir(ws, { recursive: true });
  await writeFiles(ws, { 'package.json': JSON.stringify({ name: 'ws', private: true, type: 'module' }), ...files });
  if (withNodeModules) await symlink(path.join(repoRoot, 'node_modules'), path.join(ws, 'node_modules'), 'dir');
  return ws;
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t', GIT_CONFIG_GLOBAL: '/dev/null' },
  }).trim();
}

/** Commits everything as the base on main, then checks out a feature branch; returns the base sha. */
export function commitBase(ws: string): string {
  git(ws, 'init', '-q', '-b', 'main');
  git(ws, 'config', 'commit.gpgsign', 'false');
  if (!files(ws).includes('.gitignore')) execFileSync('sh', ['-c', 'printf "node_modules\\n" > .gitignore'], { cwd: ws });
  git(ws, 'add', '-A');
  git(ws, 'commit', '-q', '-m', 'base');
  git(ws, 'checkout', '-q', '-b', 'feature');
  return git(ws, 'rev-parse', 'HEAD');
}

function files(ws: string): string[] {
  return execFileSync('ls', ['-A', ws], { encoding: 'utf8' }).split('\n');
}

export const flatConfig = `import js from '@eslint/js';
export default [
  {
    files: ['**/*.js'],
    ...js.configs.recommended,
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { console: 'readonly' } },
    rules: { ...js.configs.recommended.rules, 'no-unused-vars': 'error', 'no-console': 'warn' } },
];
`;
