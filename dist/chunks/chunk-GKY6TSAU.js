import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  UserError
} from "./chunk-HUTQD67Y.js";

// src/core/strict-utf8.ts
import { isUtf8 } from "node:buffer";
var BOM = [239, 187, 191];
function decodeUtf8Strict(bytes) {
  const body = bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2] ? bytes.subarray(3) : bytes;
  if (isUtf8(body)) return { ok: true, text: Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8") };
  const offset = firstInvalidUtf8(body);
  let lineStart = 0;
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (body[i] === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  const before = Buffer.from(body.buffer, body.byteOffset + lineStart, offset - lineStart).toString("utf8");
  return { ok: false, offset: offset + (body === bytes ? 0 : 3), line, column: before.length + 1, byte: body[offset] };
}
function describeInvalidUtf8(bad) {
  return `not valid UTF-8 (byte 0x${bad.byte.toString(16).padStart(2, "0")} at offset ${bad.offset})`;
}
function decodeUtf8File(bytes, file, what) {
  const text = decodeUtf8Strict(bytes);
  if (!text.ok) throw new UserError(`${what} is ${describeInvalidUtf8(text)}`, { file, line: text.line, column: text.column });
  return text.text;
}
function firstInvalidUtf8(b) {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 128) {
      i++;
      continue;
    }
    let need;
    let lo = 128;
    let hi = 191;
    if (c >= 194 && c <= 223) need = 1;
    else if (c >= 224 && c <= 239) {
      need = 2;
      if (c === 224) lo = 160;
      if (c === 237) hi = 159;
    } else if (c >= 240 && c <= 244) {
      need = 3;
      if (c === 240) lo = 144;
      if (c === 244) hi = 143;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === void 0) return i;
      if (k === 1 ? d < lo || d > hi : d < 128 || d > 191) return i;
    }
    i += need + 1;
  }
  return -1;
}

export {
  decodeUtf8Strict,
  describeInvalidUtf8,
  decodeUtf8File,
  firstInvalidUtf8
};
