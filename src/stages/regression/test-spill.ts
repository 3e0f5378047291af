// Records of text in a temporary file, read back in the order written: the regression stage keeps each test's names,
// message and stack here (and the baseline's removed tests), so memory holds numbers per test and no strings.
import { closeSync, ftruncateSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const CHUNK = 1024 * 1024;
const ABSENT = 0xffffffff;

/**
 * One record as read back: its parts as bytes (for copying into an output file without decoding them) or as text.
 * The same object is reused for every record of a read, and its bytes are only valid until the next one.
 */
export class SpillRecord {
  buf: Buffer = Buffer.alloc(0);
  /** Start and end offsets in `buf` of each part; -1 for a part left out. */
  readonly starts: number[] = [];
  readonly ends: number[] = [];

  has(k: number): boolean {
    return (this.starts[k] ?? -1) >= 0;
  }

  text(k: number): string | undefined {
    const s = this.starts[k] ?? -1;
    return s < 0 ? undefined : this.buf.toString('utf8', s, this.ends[k]);
  }

  bytes(k: number): Buffer {
    const s = this.starts[k] ?? -1;
    return s < 0 ? this.buf.subarray(0, 0) : this.buf.subarray(s, this.ends[k]);
  }
}

/**
 * Append-only records: `u32 part count`, `u32 byte length` of each part (ABSENT for one left out), then the parts in
 * UTF-8. Written through one buffer, read back sequentially. The file is private to the process and removed by `close`.
 */
export class Spill {
  private readonly dir: string;
  private readonly file: string;
  private readonly fd: number;
  private buf = Buffer.allocUnsafe(CHUNK);
  private used = 0;
  /** Bytes in the file; the buffer's bytes go after them. */
  private written = 0;

  constructor(parent = tmpdir()) {
    this.dir = mkdtempSync(path.join(parent, 'andon-spill-'));
    this.file = path.join(this.dir, 'spill');
    this.fd = openSync(this.file, 'w+', 0o600);
  }

  /** Where the next record starts. */
  get bytes(): number {
    return this.written + this.used;
  }

  append(parts: readonly (string | undefined)[]): void {
    let need = 4 + 4 * parts.length;
    for (const p of parts) need += 3 * (p?.length ?? 0);
    if (this.used + need > this.buf.length) {
      this.flush();
      if (need > this.buf.length) this.buf = Buffer.allocUnsafe(need);
    }
    const b = this.buf;
    let lens = this.used;
    b.writeUInt32LE(parts.length, lens);
    lens += 4;
    let o = lens + 4 * parts.length;
    for (const p of parts) {
      const n = p === undefined ? ABSENT : b.write(p, o);
      b.writeUInt32LE(n, lens);
      lens += 4;
      if (p !== undefined) o += n;
    }
    this.used = o;
  }

  private flush(): void {
    let off = 0;
    while (off < this.used) off += writeSync(this.fd, this.buf, off, this.used - off, this.written + off);
    this.written += this.used;
    this.used = 0;
  }

  /** Drops every record from byte offset `at` on (a report taken back). */
  truncate(at: number): void {
    this.flush();
    ftruncateSync(this.fd, at);
    this.written = at;
  }

  /** Every record in order, as one reused SpillRecord. */
  *records(): Generator<SpillRecord> {
    this.flush();
    const rec = new SpillRecord();
    let chunk = Buffer.allocUnsafe(CHUNK);
    let filePos = 0;
    let have = 0;
    let at = 0;
    for (;;) {
      const size = recordSize(chunk, at, have);
      if (size < 0 || at + size > have) {
        // Move the partial record to the front and read more behind it.
        chunk.copy(chunk, 0, at, have);
        have -= at;
        at = 0;
        const want = recordSize(chunk, 0, have);
        if (want > chunk.length) {
          const bigger = Buffer.allocUnsafe(want);
          chunk.copy(bigger, 0, 0, have);
          chunk = bigger;
        }
        const n = readSync(this.fd, chunk, have, chunk.length - have, filePos);
        filePos += n;
        have += n;
        if (n === 0) {
          if (have !== 0) throw new Error(`spill file ${this.file}: ${have} bytes of a partial record at its end`);
          return;
        }
        continue;
      }
      const count = chunk.readUInt32LE(at);
      rec.buf = chunk;
      rec.starts.length = count;
      rec.ends.length = count;
      let o = at + 4 + 4 * count;
      for (let k = 0; k < count; k++) {
        const n = chunk.readUInt32LE(at + 4 + 4 * k);
        if (n === ABSENT) {
          rec.starts[k] = -1;
          rec.ends[k] = -1;
        } else {
          rec.starts[k] = o;
          rec.ends[k] = o + n;
          o += n;
        }
      }
      at += size;
      yield rec;
    }
  }

  close(): void {
    try {
      closeSync(this.fd);
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

/** Bytes of the record at `at`, or -1 when its header is not all in [at, have). */
function recordSize(b: Buffer, at: number, have: number): number {
  if (have - at < 4) return -1;
  const count = b.readUInt32LE(at);
  if (have - at < 4 + 4 * count) return -1;
  let size = 4 + 4 * count;
  for (let k = 0; k < count; k++) {
    const n = b.readUInt32LE(at + 4 + 4 * k);
    if (n !== ABSENT) size += n;
  }
  return size;
}
