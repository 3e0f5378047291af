// A stage's declared outputs: the workspace files it wrote in this run, kept in its folder (outputs/<path>, hashed
// with its artifacts) when it runs, and written back into the workspace when a later run reuses the result, as build
// caches restore outputs on a hit. Restoring writes only inside the workspace, never through a symlink or into .git.
import { randomBytes } from 'node:crypto';
import { constants, copyFileSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { glob } from 'tinyglobby';
import { fileTypeOf } from './guarded-read.js';
import { sha256File } from './store.js';
import { fileIdentity, writtenSince, type FilesBefore } from './written-since.js';

/** The folder of a stage folder that holds its outputs, by their workspace paths. */
export const OUTPUTS_DIR = 'outputs';

export interface KeptOutputs {
  kept: string[];
  /** Matches the stage did not write (there before it started, unchanged): kept only with a passed result. */
  notWritten: string[];
  /** Whether those were kept (a passed stage, as a make or `tsc -b` that left up-to-date files alone). */
  keptUnwritten: boolean;
  /** Matches that are not regular files (links, FIFOs): not kept, and said. */
  skipped: string[];
}

/** The workspace files that match the output globs, with what they are; the run store, the cache and .git never are. */
async function matchOutputs(workspace: string, globs: readonly string[], runFolder: (rel: string) => boolean): Promise<{ rel: string; abs: string; st: Stats }[]> {
  if (globs.length === 0) return [];
  const found = await glob([...globs], { cwd: workspace, dot: true, onlyFiles: true, followSymbolicLinks: false, expandDirectories: false, ignore: ['**/.git/**'] });
  const out: { rel: string; abs: string; st: Stats }[] = [];
  for (const rel of found.sort()) {
    if (runFolder(rel)) continue;
    const abs = path.join(workspace, rel);
    const st = lstatOrNull(abs);
    if (st) out.push({ rel, abs, st }); // else gone since it was listed
  }
  return out;
}

/** The outputs' matches before the stage runs: those it leaves as it found them are not its outputs. */
export async function outputsBefore(workspace: string, globs: readonly string[], runFolder: (rel: string) => boolean): Promise<FilesBefore> {
  return new Map((await matchOutputs(workspace, globs, runFolder)).map((m) => [m.abs, fileIdentity(m.st)]));
}

/**
 * Copies the workspace files that match `globs` into `<outDir>/outputs/`. A stage that passed keeps every match: what
 * it left as it found it (an up-to-date build output) is what later stages read after it, and what a reuse must put
 * back. Any other keeps only what it wrote (absent from `before`, or changed since): a stage that failed or could not
 * start does not claim an earlier run's files. Links are not followed.
 */
export async function keepOutputs(workspace: string, globs: readonly string[], outDir: string, runFolder: (rel: string) => boolean, before: FilesBefore, passed: boolean): Promise<KeptOutputs> {
  const out: KeptOutputs = { kept: [], notWritten: [], keptUnwritten: passed, skipped: [] };
  const files: { rel: string; abs: string; identity: string }[] = [];
  for (const { rel, abs, st } of await matchOutputs(workspace, globs, runFolder)) {
    if (st.isFile()) files.push({ rel, abs, identity: fileIdentity(st) });
    else out.skipped.push(`${rel} (${fileTypeOf(st)})`);
  }
  const { written, stale } = writtenSince(before, files);
  out.notWritten = stale.map((f) => f.rel);
  for (const { rel, abs } of passed ? files : written) {
    const dest = path.join(outDir, OUTPUTS_DIR, rel);
    mkdirSync(path.dirname(dest), { recursive: true });
    copyFileSync(abs, dest);
    out.kept.push(rel);
  }
  return out;
}

/** What the stage log says of the outputs it kept and those it did not. */
export function describeKeptOutputs(k: KeptOutputs): string {
  const some = (l: string[]) => `${l.slice(0, 5).join(', ')}${l.length > 5 ? `, and ${l.length - 5} more` : ''}`;
  return [
    `outputs kept: ${k.kept.length} file(s)`,
    ...(k.notWritten.length === 0 ? [] : k.keptUnwritten ? [`${k.notWritten.length} of them as the stage found them (not written in this run): ${some(k.notWritten)}`] : [`not kept, the stage did not write them (left from an earlier run): ${some(k.notWritten)}`]),
    ...(k.skipped.length > 0 ? [`not kept (not regular files): ${some(k.skipped)}`] : []),
  ].join('; ');
}

function filesUnder(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...filesUnder(dir, r));
    else if (e.isFile()) out.push(r);
  }
  return out;
}

function lstatOrNull(p: string): Stats | null {
  try {
    return lstatSync(p);
  } catch {
    return null;
  }
}

/** Why a kept output cannot be written back at `rel`, or null; every folder on the way must be a real folder. */
function placeProblem(workspace: string, rel: string, runFolder: (rel: string) => boolean): string | null {
  const segments = rel.split('/');
  if (segments.includes('..') || segments.includes('') || path.isAbsolute(rel) || segments[0] === '.git' || runFolder(rel)) {
    return `${rel} is not a place in the workspace outputs are written to`;
  }
  for (let k = 1; k < segments.length; k++) {
    const dir = segments.slice(0, k).join('/');
    const st = lstatOrNull(path.join(workspace, dir));
    if (st === null) return null; // made on restore, with everything below it
    if (st.isSymbolicLink()) return `${dir} is a symlink; outputs are never written through one`;
    if (!st.isDirectory()) return `${dir} is a ${fileTypeOf(st)}, not a folder`;
  }
  const st = lstatOrNull(path.join(workspace, rel));
  if (st && st.isSymbolicLink()) return `${rel} is a symlink; outputs are never written through one`;
  if (st && !st.isFile()) return `${rel} is a ${fileTypeOf(st)}, not a file`;
  return null;
}

/** Copies a file to a new name beside the target and renames it in place: never through a link, never half-written. */
function copyBeside(src: string, target: string): void {
  const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    copyFileSync(src, tmp, constants.COPYFILE_EXCL);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

export type RestoredOutputs = { ok: true; restored: number; unchanged: number } | { ok: false; why: string };

/** Whether a stage folder holds kept outputs. */
export function hasKeptOutputs(stageDir: string): boolean {
  const kept = path.join(stageDir, OUTPUTS_DIR);
  return lstatOrNull(kept)?.isDirectory() === true && filesUnder(kept).length > 0;
}

/**
 * Writes the outputs kept in `<stageDir>/outputs/` back into the workspace (files already there with the same bytes
 * are left alone; other files are not removed). Every place is checked before anything is written.
 */
export async function restoreOutputs(stageDir: string, workspace: string, globs: readonly string[], runFolder: (rel: string) => boolean): Promise<RestoredOutputs> {
  const kept = path.join(stageDir, OUTPUTS_DIR);
  if (lstatOrNull(kept)?.isDirectory() !== true) return { ok: true, restored: 0, unchanged: 0 };
  const files = filesUnder(kept).sort();
  // Only what the stage declares as its outputs is ever written back: anything else in the folder (a file the stage's
  // own process put there, hashed with its artifacts all the same) refuses the whole result.
  const declared = globs.length > 0 ? picomatch([...globs], { dot: true }) : () => false;
  for (const rel of files) {
    if (!declared(rel)) return { ok: false, why: `${OUTPUTS_DIR}/${rel} is not one of the stage's declared outputs (${globs.join(', ') || 'none'})` };
    const problem = placeProblem(workspace, rel, runFolder);
    if (problem) return { ok: false, why: problem };
  }
  let restored = 0;
  let unchanged = 0;
  for (const rel of files) {
    const src = path.join(kept, rel);
    const target = path.join(workspace, rel);
    const existing = lstatOrNull(target);
    if (existing?.isFile() && existing.size === statSync(src).size && (await sha256File(target)).sha256 === (await sha256File(src)).sha256) {
      unchanged++;
      continue;
    }
    // Folders are made one level at a time, each checked: a link put in the way meanwhile is refused, not followed.
    const segments = rel.split('/');
    for (let k = 1; k < segments.length; k++) {
      const dir = path.join(workspace, ...segments.slice(0, k));
      const st = lstatOrNull(dir);
      if (st === null) mkdirSync(dir);
      else if (!st.isDirectory()) return { ok: false, why: `${segments.slice(0, k).join('/')} is a ${fileTypeOf(st)}, not a folder` };
    }
    copyBeside(src, target);
    restored++;
  }
  return { ok: true, restored, unchanged };
}
