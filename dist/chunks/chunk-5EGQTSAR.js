import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);

// src/core/read-capped.ts
import { fstatSync, readSync } from "node:fs";
function readOpenFileCapped(fd, maxBytes) {
  const st = fstatSync(fd);
  if (!st.isFile()) return { kind: "not-a-file" };
  if (st.size > maxBytes) return { kind: "too-large", size: st.size };
  const buf = Buffer.allocUnsafe(st.size);
  let got = 0;
  while (got < st.size) {
    const n = readSync(fd, buf, got, st.size - got, got);
    if (n === 0) break;
    got += n;
  }
  return { kind: "ok", bytes: buf.subarray(0, got) };
}

export {
  readOpenFileCapped
};
