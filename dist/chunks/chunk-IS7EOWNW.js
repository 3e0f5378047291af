import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);

// src/core/written-since.ts
function fileIdentity(st) {
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
}
function writtenSince(before, found) {
  const written = [];
  const stale = [];
  for (const f of found) (before.get(f.abs) === f.identity ? stale : written).push(f);
  return { written, stale };
}

export {
  fileIdentity,
  writtenSince
};
