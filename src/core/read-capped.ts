// Reads a file through an already open descriptor with a size cap checked before any byte is read.
import { fstatSync, readSync } from 'node:fs';

export type CappedRead = { kind: 'ok'; bytes: Buffer } | { kind: 'not-a-file' } | { kind: 'too-large'; size: number };

/** The size comes from the open descriptor (no second lookup), and a file that grows is read only up to it. */
export function readOpenFileCapped(fd: number, maxBytes: number): CappedRead {
  const st = fstatSync(fd);
  if (!st.isFile()) return { kind: 'not-a-file' };
  if (st.size > maxBytes) return { kind: 'too-large', size: st.size };
  const buf = Buffer.allocUnsafe(st.size);
  let got = 0;
  while (got < st.size) {
    const n = readSync(fd, buf, got, st.size - got, got);
    if (n === 0) break;
    got += n;
  }
  return { kind: 'ok', bytes: buf.subarray(0, got) };
}
