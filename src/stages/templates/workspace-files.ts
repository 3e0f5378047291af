// The workspace as the templates stage sees it: its file list (git-aware), paths kept inside it, files read through
// the guarded reader with a size cap.
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import { glob } from 'tinyglobby';
import { UserError } from '../../core/errors.js';
import type { ChangeSet } from '../../core/diff.js';
import { git } from '../../core/git.js';
import { describeRefusal, readGuarded, type GuardRefusal } from '../../core/guarded-read.js';
import { decodeUtf8Strict, describeInvalidUtf8 } from '../../core/strict-utf8.js';

export const ALWAYS_EXCLUDED = ['**/node_modules/**', '.git/**', '**/.git/**', '.andon/runs/**', '.andon/cache/**'];

export interface FileListing {
  files: string[];
  /** Index blob id of each tracked file whose working-tree content is the index's; absent outside git. */
  oids: Map<string, string>;
  git: boolean;
}

/** Lists workspace files (tracked and untracked-not-ignored when it is a git work tree), minus exclusions. */
export async function listFiles(workspace: string, exclude: readonly string[]): Promise<FileListing> {
  const excluded = exclusions(exclude);
  const [staged, others, dirty, top] = await Promise.all([
    git(workspace, ['ls-files', '-z', '-s', '--cached']),
    git(workspace, ['ls-files', '-z', '--others', '--exclude-standard']),
    git(workspace, ['diff', '--name-only', '-z', '--no-renames']),
    git(workspace, ['rev-parse', '--show-prefix']),
  ]);
  if (staged.ok && others.ok && dirty.ok && top.ok && top.stdout.trim() === '') {
    const oids = new Map<string, string>();
    const files: string[] = [];
    const changed = new Set(dirty.stdout.split('\0').filter(Boolean));
    for (const entry of staged.stdout.split('\0')) {
      if (!entry) continue;
      // "<mode> <oid> <stage>\t<path>"; submodules (mode 160000) are not files of this workspace.
      const tab = entry.indexOf('\t');
      const p = entry.slice(tab + 1);
      if (entry.startsWith('160000') || excluded(p)) continue;
      if (files.length === 0 || files[files.length - 1] !== p) files.push(p);
      if (!changed.has(p)) oids.set(p, entry.slice(7, entry.indexOf(' ', 7)));
    }
    for (const p of others.stdout.split('\0')) if (p && !excluded(p)) files.push(p);
    files.sort();
    return { files, oids, git: true };
  }
  const files = await glob(['**'], { cwd: workspace, dot: true, ignore: [...ALWAYS_EXCLUDED, ...exclude], followSymbolicLinks: false });
  files.sort();
  return { files, oids: new Map(), git: false };
}

/** Resolves a workspace-relative path, refusing one that escapes the workspace (also through a symlink). */
export async function resolveInside(workspace: string, rel: string, what: string): Promise<string> {
  const root = path.resolve(workspace);
  const abs = path.resolve(root, rel);
  if (abs !== root && !abs.startsWith(root + path.sep)) throw new UserError(`${what} ${rel} is outside the workspace: refused`);
  const real = await realpath(abs).catch(() => null);
  if (real) {
    const realRoot = await realpath(root);
    if (real !== realRoot && !real.startsWith(realRoot + path.sep)) throw new UserError(`${what} ${rel} leads outside the workspace through a symlink: refused`);
  }
  return abs;
}

export type ReadResult = { ok: true; text: string } | { ok: false; missing: boolean; why: string };

/** Why the guarded reader did not read a file, as the end of "<file> was not checked: …". */
function refusalWhy(r: GuardRefusal, maxBytes: number): string {
  switch (r.kind) {
    case 'too-large':
      return `${r.size} bytes, over the limit of ${maxBytes} (maxFileBytes): not read`;
    case 'outside':
      return 'a symlink leading outside the workspace: not read';
    case 'not-a-file':
      return `a ${r.type}, not a regular file: not read`;
    default:
      return describeRefusal(r);
  }
}

/**
 * Reads workspace files through the guarded reader: regular files only (a FIFO or a device is refused by its type,
 * never opened), symlinks followed only while they stay inside the workspace, the size cap, strict UTF-8.
 * Synchronously: for thousands of small files this is several times faster than the thread pool.
 */
export function createFileReader(workspace: string, maxBytes: number): (rel: string) => ReadResult {
  const root = path.resolve(workspace);
  const realDirs = new Map<string, string | null>();
  const cache = new Map<string, ReadResult>();
  return (rel) => {
    const hit = cache.get(rel);
    if (hit) return hit;
    const result = read(rel);
    cache.set(rel, result);
    return result;
  };
  function read(rel: string): ReadResult {
    const abs = path.resolve(root, rel);
    if (!abs.startsWith(root + path.sep)) return { ok: false, missing: false, why: 'outside the workspace: not read' };
    const got = readGuarded(abs, { maxBytes, within: root, realDirs });
    if (got.kind === 'missing') return { ok: false, missing: true, why: 'missing' };
    if (got.kind !== 'ok') return { ok: false, missing: false, why: refusalWhy(got, maxBytes) };
    if (got.bytes.includes(0)) return { ok: false, missing: false, why: 'binary content (NUL bytes): not checked as text' };
    const text = decodeUtf8Strict(got.bytes);
    if (!text.ok) return { ok: false, missing: false, why: `${describeInvalidUtf8(text)}, line ${text.line} column ${text.column}: not checked as text` };
    return { ok: true, text: text.text };
  }
}

/**
 * The workspace's files for a change: the base commit's tree (blob ids included) with the change applied.
 * One `git ls-tree` instead of walking the working tree: what differs from the base is in the change set.
 */
export async function listFilesAt(workspace: string, changes: ChangeSet, exclude: readonly string[]): Promise<FileListing | null> {
  if (changes.base === null) return null;
  const tree = await git(workspace, ['ls-tree', '-r', '-z', '--full-tree', changes.base]);
  if (!tree.ok) return null;
  const excluded = exclusions(exclude);
  const oids = new Map<string, string>();
  const set = new Set<string>();
  for (const entry of tree.stdout.split('\0')) {
    if (!entry || entry.startsWith('160000')) continue;
    // "<mode> blob <oid>\t<path>"
    const tab = entry.indexOf('\t');
    const p = entry.slice(tab + 1);
    if (excluded(p)) continue;
    set.add(p);
    oids.set(p, entry.slice(tab - 40, tab));
  }
  for (const [p, c] of changes.files) {
    if (c.oldPath) {
      set.delete(c.oldPath);
      oids.delete(c.oldPath);
    }
    oids.delete(p);
    if (c.status === 'deleted') set.delete(p);
    else if (!excluded(p)) set.add(p);
  }
  return { files: [...set].sort(), oids, git: true };
}

function exclusions(exclude: readonly string[]): (p: string) => boolean {
  const user = exclude.length ? picomatch([...exclude], { dot: true }) : null;
  // Plain string tests for the fixed exclusions: this runs once per file of the workspace.
  return (p) =>
    p.startsWith('node_modules/') || p.includes('/node_modules/') || p.startsWith('.git/') || p.includes('/.git/') || p.startsWith('.andon/runs/') || p.startsWith('.andon/cache/') || (user !== null && user(p));
}
