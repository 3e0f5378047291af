// The files that configure ESLint and tsc besides the sources they read: config files, package manifests, and
// every npm, pnpm, yarn and bun lockfile (which pin the plugins, parsers and @types in use). One list serves the
// stage's inputs digest, the key of ESLint's per-file results, and the choice to lint every file again.
import picomatch from 'picomatch';
import { LOCKFILES } from '../../core/lockfiles.js';

/** The flat config file names ESLint looks for, in its order. */
export const FLAT_CONFIG_FILES = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts', 'eslint.config.cts'];

const LEGACY_CONFIG_FILES = ['.eslintrc', '.eslintrc.js', '.eslintrc.cjs', '.eslintrc.yaml', '.eslintrc.yml', '.eslintrc.json', '.eslintignore'];

/** Package manifests and lockfiles: what is installed, so which plugin and type versions the tools run with. */
export const PACKAGE_FILES = ['package.json', ...LOCKFILES];

/** File names (globs of a name) that configure the tools, wherever they sit in the workspace. */
const TOOL_CONFIG_NAMES = [...FLAT_CONFIG_FILES, ...LEGACY_CONFIG_FILES, ...PACKAGE_FILES, 'tsconfig*.json', 'jsconfig*.json'];

/** The tool-config files as input globs of the stage. */
export const TOOL_CONFIG_GLOBS: readonly string[] = TOOL_CONFIG_NAMES.map((n) => `**/${n}`);

const matchesName = picomatch(TOOL_CONFIG_NAMES, { dot: true, basename: true });

/** Whether a workspace-relative (posix) path is a file that configures the tools. */
export function isToolConfig(rel: string): boolean {
  return matchesName(rel);
}
