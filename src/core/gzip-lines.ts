// Line-oriented gzip files, streamed both ways: a writer that packs lines into one buffer with back-pressure, and a
// reader that hands over one line at a time, so files with millions of lines never sit in memory whole.
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip, type Gzip } from 'node:zlib';

const CHUNK_BYTES = 256 * 1024;

/** `line` returning false asks for `await drain()` before more lines (the file is behind). */
export class GzipLineWriter {
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private failure: unknown = null;
  private readonly gzip: Gzip = createGzip();
  private readonly done: Promise<void>;

  constructor(file: string) {
    this.done = pipeline(this.gzip, createWriteStream(file)).catch((e: unknown) => {
      this.failure = e;
    });
  }

  /** Adds `text` and a newline. */
  line(text: string): boolean {
    if (this.failure) throw this.failure;
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    const most = text.length * 3 + 1;
    let ok = true;
    if (this.used + most > this.chunk.length) {
      ok = this.flush();
      if (most > this.chunk.length) return this.gzip.write(`${text}\n`) && ok;
    }
    this.used += this.chunk.write(text, this.used);
    this.chunk[this.used++] = 0x0a;
    return ok;
  }

  private flush(): boolean {
    if (this.used === 0) return true;
    const full = this.chunk.subarray(0, this.used);
    // The stream keeps the buffer it is given: hand it this one and start a new one.
    this.chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
    return this.gzip.write(full);
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

/**
 * Calls `onLine` with each line of a stream (gunzipped first when `gzip`), without its newline; the buffer handed over
 * is only valid during the call. Errors of the source, of zlib and of `onLine` reject the promise.
 */
export async function readLines(source: Readable | AsyncIterable<Buffer>, gzip: boolean, onLine: (line: Buffer, lineNo: number) => void, maxLineBytes: number): Promise<number> {
  let lineNo = 0;
  const consume = async (chunks: AsyncIterable<Buffer>) => {
    // The start of a line that has not ended yet, in pieces: joined once, when its newline comes.
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    for await (const chunk of chunks) {
      let from = 0;
      let nl = chunk.indexOf(0x0a);
      if (nl !== -1 && pendingBytes > 0) {
        pending.push(chunk.subarray(0, nl));
        onLine(Buffer.concat(pending), ++lineNo);
        pending = [];
        pendingBytes = 0;
        from = nl + 1;
        nl = chunk.indexOf(0x0a, from);
      }
      for (; nl !== -1; nl = chunk.indexOf(0x0a, from)) {
        onLine(chunk.subarray(from, nl), ++lineNo);
        from = nl + 1;
      }
      if (from < chunk.length) {
        pending.push(chunk.subarray(from));
        pendingBytes += chunk.length - from;
        if (pendingBytes > maxLineBytes) throw new LineTooLong(lineNo + 1, maxLineBytes);
      }
    }
    if (pendingBytes > 0) onLine(Buffer.concat(pending), ++lineNo);
  };
  const readable = source instanceof Readable ? source : Readable.from(source);
  if (gzip) await pipeline(readable, createGunzip(), consume);
  else await pipeline(readable, consume);
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
