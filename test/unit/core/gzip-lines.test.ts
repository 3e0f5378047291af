// The line reader under every stage file that is gzipped NDJSON (tests files, baselines): lines come back exactly as
// written, however the bytes are cut into chunks — a UTF-8 character split between two chunks, lines longer than the
// reader's decoding window, no newline at the end — and a line past the bound is refused.
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bufferSource, LineTooLong, readLines } from '../../../src/core/gzip-lines.js';

async function linesOf(bytes: Buffer, gzip: boolean, slice: number, max = 1 << 24): Promise<string[]> {
  const out: string[] = [];
  const n = await readLines(bufferSource(bytes, slice), gzip, (line, lineNo) => {
    expect(lineNo).toBe(out.length + 1);
    out.push(line);
  }, max);
  expect(n).toBe(out.length);
  return out;
}

/** What a reader must hand over: the text's lines, without a last empty one after a final newline. */
function expected(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  return lines;
}

describe('readLines', () => {
  it('hands back the lines of any text, cut into chunks of any size, plain or gzipped', async () => {
    const line = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }).map((s) => s.replace(/[\ud800-\udfff]/g, '')));
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 30 }), fc.boolean(), fc.integer({ min: 1, max: 64 }), fc.boolean(), async (lines, endNl, slice, gzip) => {
        const text = lines.map((l) => l.replace(/\n/g, ' ')).join('\n') + (endNl && lines.length > 0 ? '\n' : '');
        const bytes = Buffer.from(text, 'utf8');
        expect(await linesOf(gzip ? gzipSync(bytes) : bytes, gzip, slice)).toEqual(expected(text));
      }),
      { numRuns: 150 },
    );
  });

  it('keeps characters whole when a chunk ends inside one, and reads lines longer than its decoding window', async () => {
    const short = 'a›b\n€😀€\n\nz😀';
    for (const slice of [1, 2, 3, 5]) expect(await linesOf(Buffer.from(short), false, slice), `slice ${slice}`).toEqual(expected(short));
    const long = '€›😀'.repeat(20_000); // 180,000 bytes of UTF-8 on one line
    const text = `a›b\n${long}\n\n${'x'.repeat(70_000)}\nz😀`;
    const bytes = Buffer.from(text, 'utf8');
    for (const slice of [333, 4096, 65_536, 1 << 20]) expect(await linesOf(bytes, false, slice), `slice ${slice}`).toEqual(expected(text));
    expect(await linesOf(gzipSync(bytes), true, 1000)).toEqual(expected(text));
    // Many short lines: several decoding windows in one gunzipped chunk, cut only at newlines.
    const many = Array.from({ length: 50_000 }, (_, i) => `{"id":"t${i} › é"}`).join('\n');
    expect(await linesOf(gzipSync(many), true, 1 << 20)).toEqual(expected(many));
  });

  it('refuses a line longer than its bound, naming the line', async () => {
    const text = `short\n${'y'.repeat(5000)}\nafter\n`;
    const err = await linesOf(Buffer.from(text), false, 100, 1000).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(LineTooLong);
    expect((err as LineTooLong).lineNo).toBe(2);
  });
});
