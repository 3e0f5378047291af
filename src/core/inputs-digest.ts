// Inputs digests: sha256 over a stage's options, tool versions and the content of its input files.
// Tracked, unmodified files stand in by their git blob id; other files are hashed, with a stat cache.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import { glob } from 'tinyglobby';
import { canonicalJson } from './canonical-json.js';
import { git, isGitRepo } from './git.js';
import { writeFileAtomic } from './run-record.js';
import { sha256File } from './store.js';
import type { StageInputs } from './stage-kind.js';

export interface InputsManifest {
  kind: string;
  options: unknown;
  tools: Record<string, string>;
  extra: unknown;
  /** path → content id ("blob:<git id>" or "sha256:<hex>"). */
  files: Record<string, string>;
}

export interface InputsDigest {
  digest: string;
  manifest: InputsManifest;
}

interface StatEntry {
  m: number;
  s: number;
  i: number;
  h: string;
}

const IGNORED_DIRS = ['**/node_modules/**', '**/.git/**', '.andon/runs/**', '.andon/cache/**'];

/** Lists a workspace's files once per run and digests stage inputs against that listing. */
export class InputsDigester {
  private listing: Promise<Map<string, string | null>> | undefined;
  private statCache: Map<string, StatEntry> | undefined;
  private statCacheDirty = false;

  constructor(
    private readonly workspace: string,
    /** Where hashes of untracked/modified files are remembered between runs; undefined = not kept. */
    private readonly statCacheFile?: string,
  ) {}

  /** path → git blob id for tracked unmodified files, null for files that must be hashed. */
  private list(): Promise<Map<string, string | null>> {
    return (this.listing ??= this.readListing());
  }

  private async readListing(): Promise<Map<string, string | null>> {
    const files = new Map<string, string | null>();
    if (await isGitRepo(this.workspace)) {
      const [staged, changed, other] = await Promise.all([
        git(this.workspace, ['ls-files', '-s', '-z']),
        git(this.workspace, ['ls-files', '-m', '-d', '-z']),
        git(this.workspace, ['ls-files', '-o', '--exclude-standard', '-z']),
      ]);
      if (staged.ok && changed.ok && other.ok) {
        for (const entry of staged.stdout.split('\0')) {
          if (!entry) continue;
          // "<mode> <blob> <stage>\t<path>"
          const tab = entry.indexOf('\t');
          const meta = entry.slice(0, tab).split(' ');
          if (meta[0] === '160000') continue; // submodule
          files.set(entry.slice(tab + 1), meta[1] ?? null);
        }
        for (const p of changed.stdout.split('\0')) if (p) files.set(p, null);
        const deleted = await git(this.workspace, ['ls-files', '-d', '-z']);
        for (const p of deleted.stdout.split('\0')) if (p) files.delete(p);
        for (const p of other.stdout.split('\0')) if (p && !p.startsWith('.andon/runs/') && !p.startsWith('.andon/cache/')) files.set(p, null);
        return files;
      }
    }
    for (const p of await glob(['**/*'], { cwd: this.workspace, dot: true, ignore: IGNORED_DIRS, onlyFiles: true })) files.set(p, null);
    return files;
  }

  private async loadStatCache(): Promise<Map<string, StatEntry>> {
    if (this.statCache) return this.statCache;
    this.statCache = new Map();
    if (this.statCacheFile) {
      try {
        const data = JSON.parse(await readFile(this.statCacheFile, 'utf8')) as Record<string, StatEntry>;
        for (const [k, v] of Object.entries(data)) this.statCache.set(k, v);
      } catch {
        // No cache yet, or unreadable: hash everything.
      }
    }
    return this.statCache;
  }

  private async contentId(rel: string): Promise<string> {
    const abs = path.join(this.workspace, rel);
    const cache = await this.loadStatCache();
    let st;
    try {
      st = await stat(abs);
    } catch {
      return 'missing';
    }
    const hit = cache.get(rel);
    if (hit && hit.m === st.mtimeMs && hit.s === st.size && hit.i === st.ino) return hit.h;
    const h = `sha256:${(await sha256File(abs)).sha256}`;
    cache.set(rel, { m: st.mtimeMs, s: st.size, i: st.ino, h });
    this.statCacheDirty = true;
    return h;
  }

  async digest(kind: string, options: unknown, inputs: StageInputs): Promise<InputsDigest> {
    const listing = await this.list();
    const match = picomatch(inputs.files.length > 0 ? inputs.files : ['!**'], { dot: true });
    const matched = [...listing.keys()].filter((p) => match(p)).sort();
    const files: Record<string, string> = {};
    const pendingHash: string[] = [];
    for (const p of matched) {
      const blob = listing.get(p);
      if (blob) files[p] = `blob:${blob}`;
      else pendingHash.push(p);
    }
    // Hash a few files at a time: enough to overlap I/O, few enough to keep file handles low.
    for (let i = 0; i < pendingHash.length; i += 32) {
      const batch = pendingHash.slice(i, i + 32);
      const ids = await Promise.all(batch.map((p) => this.contentId(p)));
      batch.forEach((p, k) => (files[p] = ids[k]!));
    }
    const manifest: InputsManifest = { kind, options, tools: inputs.tools ?? {}, extra: inputs.extra ?? null, files };
    const h = createHash('sha256');
    h.update(canonicalJson({ kind, options, tools: manifest.tools, extra: manifest.extra }));
    h.update('\n');
    for (const p of matched) h.update(`${p}\0${files[p]}\n`);
    return { digest: `sha256:${h.digest('hex')}`, manifest };
  }

  /** Keeps the stat cache for the next run. */
  async save(): Promise<void> {
    if (!this.statCacheFile || !this.statCacheDirty || !this.statCache) return;
    await writeFileAtomic(this.statCacheFile, JSON.stringify(Object.fromEntries(this.statCache)));
    this.statCacheDirty = false;
  }
}

/** Says in one line what differs between two manifests of the same stage. */
export function explainInputsChange(before: InputsManifest | null, after: InputsManifest): string {
  if (!before) return 'the earlier run kept no inputs manifest to compare with';
  const parts: string[] = [];
  if (canonicalJson(before.options) !== canonicalJson(after.options)) parts.push('options changed');
  for (const [tool, v] of Object.entries(after.tools)) {
    if (before.tools[tool] !== v) parts.push(`${tool} ${before.tools[tool] ?? 'absent'} -> ${v}`);
  }
  if (canonicalJson(before.extra) !== canonicalJson(after.extra)) parts.push('other inputs changed');
  const changed: string[] = [];
  for (const [p, id] of Object.entries(after.files)) {
    if (!(p in before.files)) changed.push(`${p} (added)`);
    else if (before.files[p] !== id) changed.push(`${p} (modified)`);
  }
  for (const p of Object.keys(before.files)) if (!(p in after.files)) changed.push(`${p} (removed)`);
  if (changed.length > 0) {
    const shown = changed.slice(0, 3).join(', ');
    parts.push(`files changed: ${shown}${changed.length > 3 ? ` and ${changed.length - 3} more` : ''}`);
  }
  return parts.length > 0 ? parts.join('; ') : 'inputs differ';
}
