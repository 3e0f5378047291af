// ESLint's per-file results kept between runs in the stage's tool cache folder, so a run after a small change lints
// only what changed. ESLint's own cache (content strategy) keys each file by its content and the hash of the config
// resolved for it (ESLint's and Node's versions included); this module adds what that hash misses: the config's own
// code (the config files and the local rules and plugins they import by relative path, transitively) and the
// installed plugin versions (package.json and lockfiles), by naming the cache file after them. A config that reads
// type information is never reused per file: one file's change can change another's findings.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readGuarded } from '../../core/guarded-read.js';
import { configCode, MAX_CONFIG_FILES } from './config-imports.js';
import { FLAT_CONFIG_FILES, PACKAGE_FILES } from './tool-config-files.js';

const FORMAT = 'andon.eslint-cache/v1';
/** Lockfiles of big monorepos run to tens of MiB; anything past this is not a lockfile worth reading. */
const MAX_KEY_FILE_BYTES = 256 * 1024 * 1024;
const ENTRY = /^eslint-[0-9a-f]{16}\.(cache|type-aware)$/;

export interface EslintCachePlan {
  /** ESLint's cache file for this run, or null when results are not kept. */
  file: string | null;
  /** Why results are not reused, when they are not although a folder was given. */
  note: string | null;
  settle(typeAware: boolean): Promise<void>;
}

const none = (note: string | null): EslintCachePlan => ({ file: null, note, settle: async () => undefined });

/** The folders ESLint looks for a flat config in: cwd and its parents, up to the workspace. */
function configFolders(workspace: string, cwd: string): string[] {
  const out: string[] = [];
  for (let d = cwd; ; d = path.dirname(d)) {
    out.push(d);
    if (d === workspace || path.dirname(d) === d || !d.startsWith(workspace)) return out;
  }
}

/**
 * The cache file's name from the bytes of what decides results besides each file: the config files and the
 * workspace files their code imports, package manifests and lockfiles. Null when the config's code is too large to key.
 */
function keyOf(workspace: string, cwd: string, configFile: string | null, version: string): string | null {
  const h = createHash('sha256').update(`${FORMAT}\0eslint ${version}\0`);
  const configs = new Set<string>(configFile ? [configFile] : []);
  for (const d of configFolders(workspace, cwd)) for (const f of FLAT_CONFIG_FILES) configs.add(path.join(d, f));
  const files = configCode(workspace, [...configs]);
  if (!files) return null;
  for (const d of new Set([workspace, cwd])) for (const f of PACKAGE_FILES) files.set(path.join(d, f), readGuarded(path.join(d, f), { maxBytes: MAX_KEY_FILE_BYTES, within: workspace }));
  for (const [f, read] of files) {
    h.update(`${path.relative(workspace, f)}\0${read.kind === 'ok' ? createHash('sha256').update(read.bytes).digest('hex') : read.kind}\0`);
  }
  return h.digest('hex').slice(0, 16);
}

/** Where this run's per-file results live, and how to leave the folder after a run that reported. */
export function planEslintCache(toolDir: string | null, o: { workspace: string; cwd: string; configFile: string | null; version: string; flat: boolean }): EslintCachePlan {
  if (!toolDir) return none(null);
  if (!o.flat) return none('eslint: per-file results are kept for flat configs only');
  const key = keyOf(o.workspace, o.cwd, o.configFile, o.version);
  if (!key) return none(`eslint: the config's code is more than ${MAX_CONFIG_FILES} workspace files, so results are not reused per file`);
  const file = path.join(toolDir, `eslint-${key}.cache`);
  const marker = path.join(toolDir, `eslint-${key}.type-aware`);
  if (existsSync(marker)) return none('eslint: the config lints with type information, so results are not reused per file');
  return {
    file,
    note: null,
    async settle(typeAware) {
      // Only this key's entries stay: a new config or new plugins leave nothing behind to grow the folder.
      for (const name of await readdir(toolDir).catch(() => [])) {
        if (ENTRY.test(name) && !name.startsWith(`eslint-${key}.`)) await rm(path.join(toolDir, name), { force: true });
      }
      if (!typeAware) return;
      await rm(file, { force: true });
      await writeFile(marker, 'one file\'s findings can change with another\'s: results are not reused per file\n');
    },
  };
}
