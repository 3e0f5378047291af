// Strict UTF-8 decoding of input text: an invalid byte is an error at its line:column, never a silent U+FFFD.
import { isUtf8 } from 'node:buffer';
import { UserError } from './errors.js';

export type StrictText =
  | { ok: true; text: string }
  | {
      ok: false;
      /** Byte offset of the first byte that breaks UTF-8. */
      offset: number;
      /** 1-based line and column (in characters of the text before it on that line) of that byte. */
      line: number;
      column: number;
      byte: number;
    };

const BOM = [0xef, 0xbb, 0xbf];

/** Decodes UTF-8 text, dropping a leading byte order mark; refuses invalid sequences with their place. */
export function decodeUtf8Strict(bytes: Uint8Array): StrictText {
  const body = bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2] ? bytes.subarray(3) : bytes;
  if (isUtf8(body)) return { ok: true, text: Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8') };
  const offset = firstInvalidUtf8(body);
  let lineStart = 0;
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (body[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const before = Buffer.from(body.buffer, body.byteOffset + lineStart, offset - lineStart).toString('utf8');
  return { ok: false, offset: offset + (body === bytes ? 0 : 3), line, column: before.length + 1, byte: body[offset]! };
}

/** Why bytes are not text, for a message: `not valid UTF-8 (byte 0xe9 at offset 20)`. */
export function describeInvalidUtf8(bad: Extract<StrictText, { ok: false }>): string {
  return `not valid UTF-8 (byte 0x${bad.byte.toString(16).padStart(2, '0')} at offset ${bad.offset})`;
}

/** A file's bytes as strict UTF-8 text; a user error at the file:line:column of the first bad byte otherwise. */
export function decodeUtf8File(bytes: Uint8Array, file: string, what: string): string {
  const text = decodeUtf8Strict(bytes);
  if (!text.ok) throw new UserError(`${what} is ${describeInvalidUtf8(text)}`, { file, line: text.line, column: text.column });
  return text.text;
}

/** Byte offset of the first byte that is not part of a well-formed UTF-8 sequence (Unicode 15, table 3-7), or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0; // no overlong forms
      if (c === 0xed) hi = 0x9f; // no surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f; // nothing above U+10FFFF
    } else return i;
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined) return i;
      if (k === 1 ? d < lo || d > hi : d < 0x80 || d > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}
