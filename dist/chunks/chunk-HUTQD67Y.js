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

export {
  ExitCode,
  UserError,
  UserErrors,
  InternalError,
  errorMessage
};
