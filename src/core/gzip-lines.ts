// Line-oriented gzip files, streamed both ways: a writer that packs lines into one buffer with back-pressure, and a
// reader that hands over one line at a time, so files with millions of lines never sit in memory whole.
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants, createGunzip, createGzip, type Gzip } from 'node:zlib';

const CHUNK_BYTES = 256 * 1024;

/**
 * Lines are built from pieces (`text`, `bytes`) and ended with `endLine`, which returns false when the file is behind:
 * then `await drain()` before more.
 */
export class GzipLineWriter {
  private chunk: Buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private behind = false;
  private readonly spare: Buffer[] = [];
  private failure: unknown = null;
  // Fastest level: these files are written on every run and read rarely; level 6 saves a fifth of the bytes for twice the CPU.
  private readonly gzip: Gzip = createGzip({ level: constants.Z_BEST_SPEED, chunkSize: 64 * 1024 });
  private readonly done: Promise<void>;

  constructor(file: string) {
    this.done = pipeline(this.gzip, createWriteStream(file)).catch((e: unknown) => {
      this.failure = e;
    });
  }

  /** Room for `n` more bytes in the chunk. */
  private room(n: number): void {
    if (this.failure) throw this.failure;
    if (this.used + n <= this.chunk.length) return;
    this.flush();
    if (n > this.chunk.length) this.chunk = Buffer.allocUnsafe(n);
  }

  text(s: string): void {
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    this.room(s.length * 3);
    this.used += this.chunk.write(s, this.used);
  }

  /** Bytes already in UTF-8, copied as they are. */
  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.chunk.set(b, this.used);
    this.used += b.length;
  }

  endLine(): boolean {
    this.room(1);
    this.chunk[this.used++] = 0x0a;
    const ok = !this.behind;
    this.behind = false;
    return ok;
  }

  line(text: string): boolean {
    this.text(text);
    return this.endLine();
  }

  private flush(): void {
    if (this.used === 0) return;
    const given = this.chunk;
    // The stream keeps the buffer until it has compressed it; then it comes back for reuse (no allocation per chunk).
    this.chunk = this.spare.pop() ?? Buffer.allocUnsafe(CHUNK_BYTES);
    const full = given.subarray(0, this.used);
    this.used = 0;
    const written = this.gzip.write(full, () => {
      if (given.length === CHUNK_BYTES && this.spare.length < 4) this.spare.push(given);
    });
    if (!written) this.behind = true;
  }

  async drain(): Promise<void> {
    if (this.gzip.writableNeedDrain && !this.failure) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.gzip.off('drain', done);
          this.gzip.off('close', done);
          resolve();
        };
        this.gzip.on('drain', done);
        this.gzip.on('close', done);
      });
    }
    if (this.failure) throw this.failure;
  }

  /** Flushes and closes the file; rejects when it could not be written (a full disk). */
  async close(): Promise<void> {
    if (!this.failure) {
      this.flush();
      this.gzip.end();
    }
    await this.done;
    if (this.failure) throw this.failure;
  }

  /** Ends without waiting for what is left (an errored stage drops the file it was writing). */
  destroy(): void {
    this.gzip.destroy();
  }
}

/** A line longer than `maxLineBytes` (the reader's bound on memory). */
export class LineTooLong extends Error {
  constructor(readonly lineNo: number, readonly maxLineBytes: number) {
    super(`line ${lineNo} is longer than ${maxLineBytes} bytes`);
  }
}

/** Bytes zlib hands over at a time: large, so a file of millions of lines takes few trips to the thread pool. */
const GUNZIP_CHUNK = 512 * 1024;
/** Bytes decoded at once: past a few dozen KiB, V8 turns UTF-8 into a string many times slower per byte. */
const DECODE_WINDOW = 32 * 1024;

/**
 * Calls `onLine` with each line of a stream (gunzipped first when `gzip`), decoded as UTF-8, without its newline.
 * The whole lines of a chunk are decoded a window at a time and cut as text: no decoding call per line.
 * `maxLineBytes` bounds a line not yet ended. Errors of the source, of zlib and of `onLine` reject the promise.
 */
export async function readLines(source: Readable | AsyncIterable<Buffer>, gzip: boolean, onLine: (line: string, lineNo: number) => void, maxLineBytes: number): Promise<number> {
  let lineNo = 0;
  const consume = async (chunks: AsyncIterable<Buffer>) => {
    // The start of a line that has not ended yet, as bytes: a newline byte never sits inside a UTF-8 character, so
    // what lies between two newlines decodes on its own.
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    for await (const chunk of chunks) {
      const first = chunk.indexOf(0x0a);
      if (first === -1) {
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes > maxLineBytes) throw new LineTooLong(lineNo + 1, maxLineBytes);
        continue;
      }
      onLine((pendingBytes > 0 ? Buffer.concat([...pending, chunk.subarray(0, first)]) : chunk.subarray(0, first)).toString('utf8'), ++lineNo);
      const last = chunk.lastIndexOf(0x0a);
      // The whole lines of the chunk, decoded a window of lines at a time, then cut as text.
      for (let start = first + 1; start <= last; ) {
        const cut = start + DECODE_WINDOW >= last ? last : chunk.indexOf(0x0a, start + DECODE_WINDOW);
        const text = chunk.toString('utf8', start, cut);
        let from = 0;
        for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
          onLine(text.slice(from, nl), ++lineNo);
          from = nl + 1;
        }
        onLine(text.slice(from), ++lineNo);
        start = cut + 1;
      }
      pending = last + 1 < chunk.length ? [chunk.subarray(last + 1)] : [];
      pendingBytes = chunk.length - last - 1;
      if (pendingBytes > maxLineBytes) throw new LineTooLong(lineNo + 1, maxLineBytes);
    }
    if (pendingBytes > 0) onLine(Buffer.concat(pending).toString('utf8'), ++lineNo);
  };
  // The consumer's own error is the one to report: pipeline may reject with the abort it causes instead.
  let own: unknown = null;
  const guarded = async (chunks: AsyncIterable<Buffer>) => {
    try {
      await consume(chunks);
    } catch (e) {
      own ??= e;
      throw e;
    }
  };
  const readable = source instanceof Readable ? source : Readable.from(source);
  try {
    if (gzip) await pipeline(readable, createGunzip({ chunkSize: GUNZIP_CHUNK }), guarded);
    else await pipeline(readable, guarded);
  } catch (e) {
    throw own ?? e;
  }
  return lineNo;
}

/** A buffer as a stream of slices, for `readLines` over bytes already in memory (a baseline read from a cache). */
export function bufferSource(bytes: Buffer, slice = 1024 * 1024): Readable {
  return Readable.from(
    (function* () {
      for (let i = 0; i < bytes.length; i += slice) yield bytes.subarray(i, i + slice);
    })(),
  );
}
