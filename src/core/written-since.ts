// Which files a step wrote, told from those it only found: a file's identity (device, inode, size, modified and
// changed times) before the step against after it. A stale file is never taken as this run's, however recent.
import type { Stats } from 'node:fs';

/** What tells one state of a file from another; the change time moves on every write and cannot be set back. */
export function fileIdentity(st: Stats): string {
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
}

/** The identity of each file (by absolute path) before the step: what it leaves as it found them, it did not write. */
export type FilesBefore = ReadonlyMap<string, string>;

/** Splits files found after a step into those it wrote (absent before it started, or changed since) and stale ones. */
export function writtenSince<T extends { abs: string; identity: string }>(before: FilesBefore, found: readonly T[]): { written: T[]; stale: T[] } {
  const written: T[] = [];
  const stale: T[] = [];
  for (const f of found) (before.get(f.abs) === f.identity ? stale : written).push(f);
  return { written, stale };
}
