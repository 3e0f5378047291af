// The one guarded reader of input files: regular files only, symlinks kept inside a folder, a size cap, and
// never a blocking open (a FIFO or a device is refused by its type before it is opened, and opens are non-blocking).
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { isInside } from './inside-path.js';

export type FileType = 'directory' | 'FIFO' | 'socket' | 'character device' | 'block device' | 'symlink' | 'file' | 'special file';

/** What one guarded open or read found; every caller handles every case. */
export type GuardRefusal =
  | { kind: 'missing' }
  | { kind: 'not-a-file'; type: FileType }
  | { kind: 'link' }
  | { kind: 'outside'; target: string }
  | { kind: 'too-large'; size: number; max: number }
  | { kind: 'unreadable'; code: string };

export type GuardedOpen = { kind: 'ok'; fd: number; size: number } | GuardRefusal;
export type GuardedRead = { kind: 'ok'; bytes: Buffer } | GuardRefusal;

export interface GuardOptions {
  /** Largest file read, in bytes; a bigger one is refused before any byte is read. */
  maxBytes: number;
  /** The file's real place (its links and its folders' links resolved) must be inside this folder. */
  within?: string;
  /** `refuse`: a path that is itself a symlink is not read (records and artifacts Andon wrote never are links). */
  links?: 'follow' | 'refuse';
  /** Real paths of folders already resolved, shared by many reads in one tree (fingerprints read thousands of files). */
  realDirs?: Map<string, string | null>;
}

export function fileTypeOf(st: Stats): FileType {
  if (st.isFile()) return 'file';
  if (st.isDirectory()) return 'directory';
  if (st.isFIFO()) return 'FIFO';
  if (st.isSocket()) return 'socket';
  if (st.isCharacterDevice()) return 'character device';
  if (st.isBlockDevice()) return 'block device';
  if (st.isSymbolicLink()) return 'symlink';
  return 'special file';
}

function errCode(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? String(e);
}

function realOrNull(p: string): string | null {
  try {
    return realpathSync(p);
  } catch {
    return null;
  }
}

function realDir(dir: string, cache: Map<string, string | null> | undefined): string | null {
  if (!cache) return realOrNull(dir);
  let r = cache.get(dir);
  if (r === undefined) cache.set(dir, (r = realOrNull(dir)));
  return r;
}

/** Opens a regular file for reading under the guard; the caller closes `fd`. */
export function openGuarded(file: string, opts: GuardOptions): GuardedOpen {
  const abs = path.resolve(file);
  let lst: Stats;
  try {
    lst = lstatSync(abs);
  } catch (e) {
    const code = errCode(e);
    return code === 'ENOENT' || code === 'ENOTDIR' ? { kind: 'missing' } : { kind: 'unreadable', code };
  }
  const link = lst.isSymbolicLink();
  if (link && opts.links === 'refuse') return { kind: 'link' };
  let target = abs;
  if (link || opts.within !== undefined) {
    // A link is followed to its end; otherwise only the folders on the way can be links, each resolved once.
    const dir = link ? null : realDir(path.dirname(abs), opts.realDirs);
    const real = link ? realOrNull(abs) : dir === null ? null : path.join(dir, path.basename(abs));
    if (real === null) return { kind: 'missing' }; // a dangling or looping link
    if (opts.within !== undefined) {
      const root = realDir(path.resolve(opts.within), opts.realDirs) ?? path.resolve(opts.within);
      if (!isInside(root, real)) return { kind: 'outside', target: real };
    }
    target = real;
  }
  // The type is checked before opening: opening a device or a FIFO can block or have side effects.
  let st: Stats;
  try {
    st = link ? statSync(target) : lst;
  } catch (e) {
    return { kind: 'unreadable', code: errCode(e) };
  }
  if (!st.isFile()) return { kind: 'not-a-file', type: fileTypeOf(st) };
  if (st.size > opts.maxBytes) return { kind: 'too-large', size: st.size, max: opts.maxBytes };
  let fd: number;
  try {
    // Non-blocking and not following a link: the path may have been swapped since it was checked.
    fd = openSync(target, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0));
  } catch (e) {
    const code = errCode(e);
    return code === 'ELOOP' ? { kind: 'link' } : code === 'ENOENT' ? { kind: 'missing' } : { kind: 'unreadable', code };
  }
  const fst = fstatSync(fd);
  if (!fst.isFile() || fst.ino !== st.ino || fst.dev !== st.dev || fst.size > opts.maxBytes) {
    closeSync(fd);
    if (!fst.isFile()) return { kind: 'not-a-file', type: fileTypeOf(fst) };
    return fst.size > opts.maxBytes ? { kind: 'too-large', size: fst.size, max: opts.maxBytes } : { kind: 'unreadable', code: 'changed while read' };
  }
  return { kind: 'ok', fd, size: fst.size };
}

/** Reads an open file up to `size` (from `start`): a file that grows after the check is read only up to it. */
export function readOpenFile(fd: number, size: number, start = 0): Buffer {
  const buf = Buffer.allocUnsafe(size - start);
  let got = 0;
  while (got < buf.length) {
    const n = readSync(fd, buf, got, buf.length - got, start + got);
    if (n === 0) break;
    got += n;
  }
  return buf.subarray(0, got);
}

/**
 * The checks of the guard on a descriptor the caller opened itself (non-blocking): a regular file under the cap,
 * read up to the size it had when checked. New readers use readGuarded, which also decides how to open.
 */
export function readOpenFileCapped(fd: number, maxBytes: number): Extract<GuardedRead, { kind: 'ok' | 'not-a-file' | 'too-large' }> {
  const st = fstatSync(fd);
  if (!st.isFile()) return { kind: 'not-a-file', type: fileTypeOf(st) };
  if (st.size > maxBytes) return { kind: 'too-large', size: st.size, max: maxBytes };
  return { kind: 'ok', bytes: readOpenFile(fd, st.size) };
}

/** Reads a whole input file under the guard. */
export function readGuarded(file: string, opts: GuardOptions): GuardedRead {
  const o = openGuarded(file, opts);
  if (o.kind !== 'ok') return o;
  try {
    return { kind: 'ok', bytes: readOpenFile(o.fd, o.size) };
  } catch (e) {
    return { kind: 'unreadable', code: errCode(e) };
  } finally {
    closeSync(o.fd);
  }
}

/** A size for people: bytes, KiB or MiB. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

/** Why a file was not read, as the end of a sentence that starts with the file's name. */
export function describeRefusal(r: GuardRefusal): string {
  switch (r.kind) {
    case 'missing':
      return 'not found';
    case 'not-a-file':
      return `is a ${r.type}, not a regular file; not read`;
    case 'link':
      return 'is a symlink; not read';
    case 'outside':
      return 'is a symlink leading outside the workspace; not read';
    case 'too-large':
      return `is ${formatBytes(r.size)}, over the ${formatBytes(r.max)} limit; not read`;
    case 'unreadable':
      return `cannot be read (${r.code})`;
  }
}
