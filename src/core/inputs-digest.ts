// Inputs digests: sha256 over a stage's options, tool versions and the content of its input files.
// Every file is identified by its git blob id: tracked, unmodified files take it from the index for free;
// other files are hashed the way git would hash them (with a stat cache), so equal bytes give equal ids.
// The files are what git lists (tracked, and untracked ones it does not ignore) plus the git-ignored files a glob
// names (reports/, a named build folder); the run store and the stage cache are never inputs.
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, lstatSync, readlinkSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import { glob } from 'tinyglobby';
import { z } from 'zod';
import { canonicalJson } from './canonical-json.js';
import type { GitEnv } from './git.js';
import { fileTypeOf, openGuarded, readOpenFile } from './guarded-read.js';
import { isInside } from './inside-path.js';
import { writeFileAtomic } from './run-record.js';
import type { StageInputs } from './stage-kind.js';
import { DEFAULT_RUN_FOLDERS, inFolders, listWorkspaceFiles, type WorkspaceListing } from './workspace-files.js';

/** What an inputs digest was made of, kept in the stage folder so a later run can say what changed. */
export const InputsManifest = z.object({
  kind: z.string(),
  options: z.unknown(),
  tools: z.record(z.string(), z.string()),
  extra: z.unknown(),
  /** path → content id ("blob:<git blob id>"). */
  files: z.record(z.string(), z.string()),
});
export type InputsManifest = z.infer<typeof InputsManifest>;

export interface InputsDigest {
  digest: string;
  manifest: InputsManifest;
}

/** A file's content id as of its modified and change times, size and inode: unchanged stats mean the id need not be computed again. */
// A file's modified time can be set back (cp -p, rsync -t, tar, touch -r); its change time cannot: both are compared.
const StatEntry = z.object({ m: z.number(), c: z.number(), s: z.number(), i: z.number(), h: z.string() });
type StatEntry = z.infer<typeof StatEntry>;
const StatCacheFile = z.record(z.string(), StatEntry);

/** Folders never walked for inputs, wherever they are: dependencies and git's own. */
const NEVER_WALKED = ['**/node_modules/**', '**/.git/**'];

// Which git-ignored folders a glob looks into: those a prefix of it names, ending in a literal folder name
// (`reports/**` names reports/, `**/target/surefire-reports/*.xml` names every target/). A folder reached only through
// a wildcard (`**/*.ts` passing over dist/ or coverage/) is not looked into: build outputs and caches are not sources.
function namedFolders(glob: string): ((dir: string) => boolean) | null {
  const segments = glob.split('/');
  const matchers: ((p: string) => boolean)[] = [];
  for (let k = 1; k < segments.length; k++) {
    if (!picomatch.scan(segments[k - 1]!).isGlob) matchers.push(picomatch(segments.slice(0, k).join('/'), { dot: true }));
  }
  return matchers.length > 0 ? (dir) => matchers.some((m) => m(dir)) : null;
}

/** `**`, `**` then a file name pattern, or `**` folders then one: every folder of the workspace, none by name. */
function isWildcardPath(glob: string): boolean {
  const segments = glob.split('/');
  return segments[0] === '**' && segments.slice(0, -1).every((s) => s === '**');
}

/** Lists a workspace's files once per run (again after a stage changed them) and digests stage inputs against that listing. */
export class InputsDigester {
  private listing: Promise<WorkspaceListing> | undefined;
  private statCache: Map<string, StatEntry> | undefined;
  private statCacheDirty = false;
  private objectFormat: 'sha1' | 'sha256' = 'sha1';
  /** Workspace-relative folders that are never inputs: the run store and the stage cache. */
  private readonly runFolders: string[];

  constructor(
    private readonly workspace: string,
    /** Where hashes of untracked/modified files are remembered between runs; undefined = not kept. */
    private readonly statCacheFile?: string,
    /** The environment git runs with (the run's). */
    private readonly env?: GitEnv,
    /** Absolute folders that are never inputs wherever they are configured: the run store, the stage cache. */
    runFolders: readonly string[] = [],
  ) {
    const root = path.resolve(workspace);
    const inside = runFolders.map((f) => path.resolve(f)).filter((f) => isInside(root, f));
    this.runFolders = [...new Set([...DEFAULT_RUN_FOLDERS, ...inside.map((f) => path.relative(root, f).split(path.sep).join('/'))])];
  }

  /** Whether a workspace-relative path is in the run store or the stage cache. */
  inRunFolder(rel: string): boolean {
    return inFolders(rel, this.runFolders);
  }

  /** The files may have changed (a stage ran, outputs were restored): the next listing asks git again. */
  invalidate(): void {
    this.listing = undefined;
  }

  /** The workspace's files, listed once per run and again after a stage changed them (shared with stages through StageContext.workspaceFiles). */
  files(): Promise<WorkspaceListing> {
    return (this.listing ??= listWorkspaceFiles(this.workspace, this.env, this.runFolders).then((l) => {
      this.objectFormat = l.objectFormat;
      return l;
    }));
  }

  /**
   * The git-ignored files the globs name: ignored files git lists one by one, and the files of ignored folders a glob
   * names (never node_modules, .git, the store or the cache; links are not followed).
   */
  private async ignoredMatches(globs: readonly string[], ignored: readonly string[]): Promise<string[]> {
    // A glob that is only wildcards down to the file name (`**`, `**/*.ts`) names no ignored file: a log or a build
    // output an earlier stage wrote is not a source.
    const positive = globs.filter((g) => !g.startsWith('!') && !isWildcardPath(g));
    if (positive.length === 0 || ignored.length === 0) return [];
    const out = new Set<string>();
    const match = picomatch(positive, { dot: true });
    const named = positive.map(namedFolders).filter((n): n is (dir: string) => boolean => n !== null);
    for (const entry of ignored) {
      if (!entry.endsWith('/')) {
        if (match(entry)) out.add(entry);
        continue;
      }
      const dir = entry.slice(0, -1);
      if (dir.split('/').includes('node_modules') || !named.some((n) => n(dir))) continue;
      // The store or the cache may live inside the folder: never walked either.
      const skip = [...NEVER_WALKED, ...this.runFolders.filter((f) => f.startsWith(`${dir}/`)).map((f) => `${f.slice(dir.length + 1)}/**`)];
      const inside = await glob(['**/*'], { cwd: path.join(this.workspace, dir), dot: true, onlyFiles: true, followSymbolicLinks: false, ignore: skip });
      for (const rel of inside) {
        const p = `${dir}/${rel}`;
        if (match(p)) out.add(p);
      }
    }
    return [...out];
  }

  /** The content id of bytes as the digest names a file's content. */
  contentIdOf(bytes: Buffer): string {
    return `blob:${createHash(this.objectFormat).update(`blob ${bytes.length}\0`).update(bytes).digest('hex')}`;
  }

  private async loadStatCache(): Promise<Map<string, StatEntry>> {
    if (this.statCache) return this.statCache;
    this.statCache = new Map();
    if (this.statCacheFile) {
      try {
        const data = StatCacheFile.parse(JSON.parse(await readFile(this.statCacheFile, 'utf8')));
        for (const [k, v] of Object.entries(data)) this.statCache.set(k, v);
      } catch {
        // No cache yet, or unreadable: hash everything.
      }
    }
    return this.statCache;
  }

  /** The content id of a workspace file as the digest names it ("missing" when there is none). */
  async contentId(rel: string): Promise<string> {
    const abs = path.join(this.workspace, rel);
    const cache = await this.loadStatCache();
    // Synchronous on purpose: thousands of small files cost far less without a thread-pool round trip each,
    // and nothing else runs while a stage's inputs are digested. The entry itself is looked at, never followed:
    // a symlink is identified by its target's text, as git stores it, so a link to /dev/zero is never read.
    let st;
    try {
      st = lstatSync(abs);
    } catch {
      return 'missing';
    }
    if (st.isSymbolicLink()) {
      let target: Buffer;
      try {
        target = readlinkSync(abs, { encoding: 'buffer' });
      } catch {
        return 'missing';
      }
      return `blob:${createHash(this.objectFormat).update(`blob ${target.length}\0`).update(target).digest('hex')}`;
    }
    // A FIFO, socket or device is named by its type: its content is not an input anyone can read safely.
    if (!st.isFile()) return `special:${fileTypeOf(st)}`;
    const hit = cache.get(rel);
    if (hit && hit.m === st.mtimeMs && hit.c === st.ctimeMs && hit.s === st.size && hit.i === st.ino && hit.h.length === (this.objectFormat === 'sha1' ? 45 : 69)) return hit.h;
    const id = await gitBlobId(abs, this.objectFormat);
    if (id === null) return 'missing';
    const h = `blob:${id}`;
    cache.set(rel, { m: st.mtimeMs, c: st.ctimeMs, s: st.size, i: st.ino, h });
    this.statCacheDirty = true;
    return h;
  }

  /** Digests a stage's inputs; files matching `exclude` (the stage's own declared outputs) are not among them. */
  async digest(kind: string, options: unknown, inputs: StageInputs, exclude: readonly string[] = []): Promise<InputsDigest> {
    const { files: listing, ignored } = await this.files();
    const match = picomatch(inputs.files.length > 0 ? inputs.files : ['!**'], { dot: true });
    const excluded = exclude.length > 0 ? picomatch([...exclude], { dot: true }) : () => false;
    const found = new Set([...listing.keys()].filter((p) => match(p)));
    for (const p of await this.ignoredMatches(inputs.files, ignored)) found.add(p);
    const matched = [...found].filter((p) => !excluded(p)).sort();
    const files: Record<string, string> = {};
    const pendingHash: string[] = [];
    for (const p of matched) {
      const blob = listing.get(p);
      if (blob) files[p] = `blob:${blob}`;
      else pendingHash.push(p);
    }
    // Hash a few files at a time: enough to overlap I/O, few enough to keep file handles low.
    for (let i = 0; i < pendingHash.length; i += 64) {
      const batch = pendingHash.slice(i, i + 64);
      const ids = await Promise.all(batch.map((p) => this.contentId(p)));
      batch.forEach((p, k) => {
        // A file git lists but that is gone from the work tree is not an input any more.
        if (ids[k] !== 'missing') files[p] = ids[k]!;
      });
    }
    const manifest: InputsManifest = { kind, options, tools: inputs.tools ?? {}, extra: inputs.extra ?? null, files };
    const h = createHash('sha256');
    h.update(canonicalJson({ kind, options, tools: manifest.tools, extra: manifest.extra }));
    h.update('\n');
    for (const p of matched) if (files[p] !== undefined) h.update(`${p}\0${files[p]}\n`);
    return { digest: `sha256:${h.digest('hex')}`, manifest };
  }

  /** Keeps the stat cache for the next run. */
  async save(): Promise<void> {
    if (!this.statCacheFile || !this.statCacheDirty || !this.statCache) return;
    await writeFileAtomic(this.statCacheFile, JSON.stringify(Object.fromEntries(this.statCache)));
    this.statCacheDirty = false;
  }
}

/**
 * The id git gives a regular file's bytes: hash of "blob <size>\0" + content; null when it is not one (any more).
 * Opened through the guarded reader (non-blocking, no link followed); the size is the one of the open file, and
 * no more than that is hashed, so a file that grows meanwhile cannot make the read endless.
 */
async function gitBlobId(file: string, format: 'sha1' | 'sha256'): Promise<string | null> {
  const opened = openGuarded(file, { maxBytes: Number.MAX_SAFE_INTEGER, links: 'refuse' });
  if (opened.kind !== 'ok') return null;
  const { fd, size } = opened;
  if (size <= 4 * 1024 * 1024) {
    try {
      const bytes = readOpenFile(fd, size);
      return createHash(format).update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
    } finally {
      closeSync(fd);
    }
  }
  return new Promise((resolve, reject) => {
    const h = createHash(format);
    h.update(`blob ${size}\0`);
    let read = 0;
    createReadStream('', { fd, start: 0, end: size - 1 })
      .on('data', (c) => {
        h.update(c);
        read += c.length;
      })
      .on('error', reject)
      .on('end', () => (read === size ? resolve(h.digest('hex')) : reject(new Error(`${file} shrank while it was hashed`))));
  });
}

/** What differs between two manifests of the same stage, file by file. */
export interface InputsDiff {
  options: boolean;
  /** tool → [before, after]; before is null when the tool was not used. */
  tools: Record<string, [string | null, string]>;
  /** What changed in the engine's other inputs (baseline, the kind's own, declared outputs), in words; null when nothing. */
  extra: string | null;
  files: { path: string; change: 'added' | 'modified' | 'removed' }[];
}

export function diffInputs(before: InputsManifest, after: InputsManifest): InputsDiff {
  const tools: InputsDiff['tools'] = {};
  for (const [tool, v] of Object.entries(after.tools)) if (before.tools[tool] !== v) tools[tool] = [before.tools[tool] ?? null, v];
  const files: InputsDiff['files'] = [];
  for (const [p, id] of Object.entries(after.files)) {
    if (!(p in before.files)) files.push({ path: p, change: 'added' });
    else if (before.files[p] !== id) files.push({ path: p, change: 'modified' });
  }
  for (const p of Object.keys(before.files)) if (!(p in after.files)) files.push({ path: p, change: 'removed' });
  return {
    options: canonicalJson(before.options) !== canonicalJson(after.options),
    tools,
    extra: canonicalJson(before.extra) !== canonicalJson(after.extra) ? explainExtraChange(before.extra, after.extra) : null,
    files,
  };
}

/** The engine's own parts of a manifest's `extra`, by what a reader calls them. */
const EXTRA_PARTS: Record<string, string> = { baseline: 'the baseline changed (another base commit, or its findings)', kind: "the kind's own inputs changed", outputs: 'the declared outputs changed' };

function explainExtraChange(before: unknown, after: unknown): string {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  if (typeof b !== 'object' || typeof a !== 'object') return 'other inputs changed';
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => canonicalJson(b[k] ?? null) !== canonicalJson(a[k] ?? null)).sort();
  const named = keys.map((k) => EXTRA_PARTS[k] ?? `${k} changed`);
  return named.length > 0 ? named.join('; ') : 'other inputs changed';
}

/** Says in one line what differs between two manifests of the same stage. */
export function explainInputsChange(before: InputsManifest | null, after: InputsManifest): string {
  if (!before) return 'the earlier run kept no inputs manifest to compare with';
  const d = diffInputs(before, after);
  const parts: string[] = [];
  if (d.options) parts.push('options changed');
  for (const [tool, [was, now]] of Object.entries(d.tools)) parts.push(`${tool} ${was ?? 'absent'} -> ${now}`);
  if (d.extra) parts.push(d.extra);
  if (d.files.length > 0) {
    const shown = d.files.slice(0, 3).map((f) => `${f.path} (${f.change})`).join(', ');
    parts.push(`files changed: ${shown}${d.files.length > 3 ? ` and ${d.files.length - 3} more` : ''}`);
  }
  return parts.length > 0 ? parts.join('; ') : 'inputs differ';
}
