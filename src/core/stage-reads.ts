// The reader a stage reads workspace files through: it records every file read (its content id, named as the
// inputs digest names files), so the engine can check after the run that the digest covered each of them.
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { readGuarded } from './guarded-read.js';
import { isInside } from './inside-path.js';
import type { InputsManifest } from './inputs-digest.js';
import type { InputRead, StageReads } from './stage-kind.js';

/** How the digest names a file's content: by its bytes, or by the file as it is now; and what is never an input. */
export interface ContentIds {
  contentIdOf(bytes: Buffer): string;
  contentId(rel: string): Promise<string>;
  /** The run store and the stage cache: what a stage reads there is the run's own, not an input. */
  inRunFolder(rel: string): boolean;
}

/** Dependencies are the tools' own files: their versions stand for them, not their bytes. */
function notAnInput(rel: string, ids: ContentIds): boolean {
  return rel.split('/').includes('node_modules') || ids.inRunFolder(rel);
}

/** A file read that the inputs digest did not cover, and why. */
export interface UncoveredRead {
  path: string;
  why: 'not an input' | 'changed after the digest';
}

function realOr(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/** One stage's reads in one run. */
export class StageReadLog implements StageReads {
  /** workspace-relative path → content id of what was read. */
  private readonly reads = new Map<string, string>();
  private readonly root: string;
  private readonly realRoot: string;

  constructor(
    workspace: string,
    private readonly ids: ContentIds,
  ) {
    this.root = path.resolve(workspace);
    this.realRoot = realOr(this.root);
  }

  /** The workspace-relative path of a file, where its bytes really are; null when it is not inside the workspace. */
  private relative(file: string): string | null {
    const abs = path.resolve(this.root, file);
    const real = realOr(abs);
    const base = isInside(this.realRoot, real) ? this.realRoot : isInside(this.root, real) ? this.root : null;
    if (base === null) return null;
    const rel = path.relative(base, real).split(path.sep).join('/');
    return rel === '' ? null : rel;
  }

  read(file: string, limits: { maxBytes: number }): InputRead {
    const abs = path.resolve(this.root, file);
    const got = readGuarded(abs, { maxBytes: limits.maxBytes, within: this.root });
    if (got.kind !== 'ok') return got;
    const rel = this.relative(abs);
    if (rel === null) return { kind: 'outside', target: abs };
    if (!notAnInput(rel, this.ids)) this.reads.set(rel, this.ids.contentIdOf(got.bytes));
    return { kind: 'ok', path: rel, bytes: got.bytes };
  }

  async note(files: readonly string[]): Promise<void> {
    for (const f of files) {
      const rel = this.relative(f);
      // Outside the workspace (a tool's own files, node's): not a workspace input; the tool versions stand for them.
      if (rel === null || notAnInput(rel, this.ids)) continue;
      const id = await this.ids.contentId(rel);
      if (id !== 'missing') this.reads.set(rel, id);
    }
  }

  /** Every read the manifest does not hold with the same content, in path order. */
  uncovered(manifest: InputsManifest): UncoveredRead[] {
    const out: UncoveredRead[] = [];
    for (const [p, id] of [...this.reads].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const had = manifest.files[p];
      if (had === undefined) out.push({ path: p, why: 'not an input' });
      else if (had !== id) out.push({ path: p, why: 'changed after the digest' });
    }
    return out;
  }
}

/** One line on reads a result's digest did not cover: why the result is never reused. */
export function describeUncovered(reads: readonly UncoveredRead[]): string {
  const shown = reads.slice(0, 3).map((r) => `${r.path} (${r.why})`).join(', ');
  const more = reads.length > 3 ? ` and ${reads.length - 3} more` : '';
  return `it read ${shown}${more}, which its inputs digest does not cover; name the file or its folder in the stage's inputs (a glob through **/ does not look inside git-ignored folders)`;
}

/** Reads of a tree that is not the workspace (the base commit checked out apart): the same guarded reader, recording nothing. */
export function treeReads(root: string): StageReads {
  const nothingIsAnInput: ContentIds = { contentIdOf: () => '', contentId: async () => 'missing', inRunFolder: () => true };
  return new StageReadLog(root, nothingIsAnInput);
}
