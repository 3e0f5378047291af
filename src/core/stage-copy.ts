// Taking an earlier result of a stage (a parent run's folder, a cache entry) into this run: every file is checked
// against the hash its record holds while it is copied, so a folder edited, cut short or grown since is never reused.
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, fchmodSync, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, writeSync, type Stats } from 'node:fs';
import path from 'node:path';
import { describeRefusal, fileTypeOf, openGuarded, readOpenFile } from './guarded-read.js';
import type { ArtifactEntry } from './run-record.js';

export type StageCopy = { ok: true } | { ok: false; why: string };

/** Files of a stage folder, relative and `/`-joined; anything but folders and regular files is a problem. */
function walk(dir: string, rel: string, out: string[]): string | null {
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) {
      const problem = walk(dir, r, out);
      if (problem) return problem;
    } else if (e.isFile()) {
      // A temp file of an atomic write that never finished is not part of the folder (the store never hashes it).
      if (!e.name.endsWith('.tmp')) out.push(r);
    } else {
      return `${r} is a ${fileTypeOf(lstatSync(path.join(dir, r)))}, not a file the stage wrote`;
    }
  }
  return null;
}

/** Copies one file and returns the sha256 of what was copied; the destination gets the source's permission bits. */
async function copyHashing(src: string, dest: string, within: string): Promise<{ sha256: string; bytes: number } | { why: string }> {
  const opened = openGuarded(src, { maxBytes: Number.MAX_SAFE_INTEGER, links: 'refuse', within });
  if (opened.kind !== 'ok') return { why: describeRefusal(opened) };
  const mode = fstatSync(opened.fd).mode & 0o777;
  const out = openSync(dest, 'wx', mode);
  const h = createHash('sha256');
  let bytes = 0;
  const write = (chunk: Buffer) => {
    h.update(chunk);
    bytes += chunk.length;
    for (let off = 0; off < chunk.length; ) off += writeSync(out, chunk, off);
  };
  try {
    // Stage files are mostly small: one synchronous read beats a stream; big ones are streamed.
    if (opened.size <= 8 * 1024 * 1024) write(readOpenFile(opened.fd, opened.size));
    else {
      await new Promise<void>((resolve, reject) => {
        createReadStream('', { fd: opened.fd, start: 0, end: opened.size - 1, autoClose: false })
          .on('data', (c) => write(typeof c === 'string' ? Buffer.from(c) : c))
          .on('error', reject)
          .on('end', resolve);
      });
    }
    fchmodSync(out, mode);
  } finally {
    closeSync(out);
    closeSync(opened.fd);
  }
  return { sha256: h.digest('hex'), bytes };
}

/**
 * Copies the folder of stage `stageId` from `src` into the empty folder `dest` when it holds exactly the files
 * `artifacts` lists (`<stage-id>/<file>`), each with its recorded sha256; otherwise says why (and `dest` may hold
 * part of the copy: the caller empties it).
 */
export async function copyVerifiedStage(src: string, stageId: string, artifacts: readonly ArtifactEntry[], dest: string): Promise<StageCopy> {
  let st: Stats;
  try {
    st = lstatSync(src);
  } catch {
    return artifacts.length === 0 ? { ok: true } : { ok: false, why: 'its stage folder is missing' };
  }
  if (st.isSymbolicLink()) return { ok: false, why: 'its stage folder is a symlink' };
  if (!st.isDirectory()) return { ok: false, why: `its stage folder is a ${fileTypeOf(st)}` };
  const files: string[] = [];
  const odd = walk(src, '', files);
  if (odd) return { ok: false, why: odd };
  const recorded = new Map(artifacts.map((a) => [a.path, a]));
  const present = new Set(files.map((f) => `${stageId}/${f}`));
  const missing = artifacts.find((a) => !present.has(a.path));
  if (missing) return { ok: false, why: `${missing.path} is missing` };
  const extra = [...present].find((p) => !recorded.has(p));
  if (extra) return { ok: false, why: `${extra} is not among its recorded artifacts` };
  for (const f of files) {
    const want = recorded.get(`${stageId}/${f}`)!;
    mkdirSync(path.dirname(path.join(dest, f)), { recursive: true });
    const got = await copyHashing(path.join(src, f), path.join(dest, f), src);
    if ('why' in got) return { ok: false, why: `${stageId}/${f} ${got.why}` };
    if (got.sha256 !== want.sha256 || got.bytes !== want.bytes) return { ok: false, why: `${stageId}/${f} was modified since it was recorded` };
  }
  return { ok: true };
}
