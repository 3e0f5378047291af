// Records of strings in a temporary file, read back in the order written: the regression stage keeps each test's names,
// message and stack here (and the baseline's removed tests), so memory holds numbers per test and no strings.
import { closeSync, ftruncateSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** One record: its fields in order, undefined for a field left out. */
export type SpillFields = readonly (string | undefined)[];

const ABSENT = 0xffffffff;
const WRITE_CHUNK = 1024 * 1024;

/**
 * Append-only records: `u32 length` then the fields, each `u32 byte length` + UTF-8 (ABSENT for a field left out).
 * Written through one buffer, read back sequentially. The file is private to the process and removed by `close`.
 */
export class Spill {
  private readonly dir: string;
  private readonly file: string;
  private readonly fd: number;
  private buf = Buffer.allocUnsafe(WRITE_CHUNK);
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

  append(fields: SpillFields): void {
    // Upper bound of the record: every UTF-16 code unit is at most 3 UTF-8 bytes, plus 4 bytes of length a field.
    let need = 4 + 4 * fields.length;
    for (const f of fields) need += 3 * (f?.length ?? 0);
    if (this.used + need > this.buf.length) {
      this.flush();
      if (need > this.buf.length) this.buf = Buffer.allocUnsafe(need);
    }
    const start = this.used;
    let o = start + 4;
    for (const f of fields) {
      if (f === undefined) {
        this.buf.writeUInt32LE(ABSENT, o);
        o += 4;
      } else {
        const n = this.buf.write(f, o + 4);
        this.buf.writeUInt32LE(n, o);
        o += 4 + n;
      }
    }
    this.buf.writeUInt32LE(o - start - 4, start);
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

  /** Reads every record in order; `wanted` skips the decoding of records it says no to. */
  *records(wanted?: (index: number) => boolean): Generator<(string | undefined)[] | null> {
    this.flush();
    let chunk = Buffer.allocUnsafe(WRITE_CHUNK);
    let filePos = 0;
    let have = 0;
    let at = 0;
    let index = 0;
    for (;;) {
      if (have - at < 4 || have - at < 4 + chunk.readUInt32LE(at)) {
        // Move the partial record to the front and read more behind it.
        chunk.copy(chunk, 0, at, have);
        have -= at;
        at = 0;
        if (have >= 4 && 4 + chunk.readUInt32LE(0) > chunk.length) {
          const bigger = Buffer.allocUnsafe(4 + chunk.readUInt32LE(0));
          chunk.copy(bigger, 0, 0, have);
          chunk = bigger;
        }
        const n = readSync(this.fd, chunk, have, chunk.length - have, filePos);
        filePos += n;
        have += n;
        if (n === 0) {
          if (have !== 0) throw new Error(`test spill ${this.file}: ${have} bytes of a partial record at its end`);
          return;
        }
        continue;
      }
      const len = chunk.readUInt32LE(at);
      const rec = wanted === undefined || wanted(index) ? decode(chunk, at + 4, at + 4 + len) : null;
      at += 4 + len;
      index++;
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

function decode(b: Buffer, from: number, end: number): (string | undefined)[] {
  const out: (string | undefined)[] = [];
  for (let o = from; o < end; ) {
    const n = b.readUInt32LE(o);
    o += 4;
    if (n === ABSENT) out.push(undefined);
    else {
      out.push(b.toString('utf8', o, o + n));
      o += n;
    }
  }
  return out;
}
