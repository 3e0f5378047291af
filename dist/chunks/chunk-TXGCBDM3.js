import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);

// src/core/inside-path.ts
import { realpathSync } from "node:fs";
import path from "node:path";
function isInside(root, abs) {
  const rel = path.relative(root, abs);
  return rel !== "" && rel !== ".." && !rel.startsWith(".." + path.sep) && !path.isAbsolute(rel);
}
function realPathOf(abs) {
  let head = abs;
  const tail = [];
  for (; ; ) {
    try {
      return path.join(realpathSync(head), ...tail);
    } catch {
      const parent = path.dirname(head);
      if (parent === head) return abs;
      tail.unshift(path.basename(head));
      head = parent;
    }
  }
}
function resolveInside(root, given, opts = {}) {
  const name = opts.rootName ?? "the workspace";
  const base = path.resolve(root);
  const abs = path.resolve(base, given);
  const ok = (r, p) => opts.allowRoot && p === r || isInside(r, p);
  if (!ok(base, abs)) return { ok: false, reason: `"${given}" is outside ${name}` };
  const realRoot = realPathOf(base);
  const real = realPathOf(abs);
  if (!ok(realRoot, real)) return { ok: false, reason: `"${given}" leads outside ${name} through a symlink (to ${real})` };
  return { ok: true, abs };
}

export {
  isInside,
  realPathOf,
  resolveInside
};
