import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);

// src/core/errors.ts
var ExitCode = {
  passed: 0,
  gateFailed: 1,
  usage: 2,
  internal: 3
};
function formatPosition(pos) {
  if (pos.line === void 0) return pos.file;
  return pos.column === void 0 ? `${pos.file}:${pos.line}` : `${pos.file}:${pos.line}:${pos.column}`;
}
var UserError = class extends Error {
  exitCode = ExitCode.usage;
  position;
  constructor(message, position) {
    super(position ? `${formatPosition(position)}: ${message}` : message);
    this.name = "UserError";
    this.position = position;
  }
};
var UserErrors = class extends UserError {
  errors;
  constructor(errors) {
    super(errors.map((e) => e.message).join("\n"));
    this.name = "UserErrors";
    this.errors = errors;
  }
};
var InternalError = class extends Error {
  exitCode = ExitCode.internal;
  constructor(message) {
    super(message);
    this.name = "InternalError";
  }
};
function errorMessage(err) {
  return err instanceof Error ? err.message : String(err);
}

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
  ExitCode,
  UserError,
  UserErrors,
  InternalError,
  errorMessage,
  isInside,
  realPathOf,
  resolveInside
};
