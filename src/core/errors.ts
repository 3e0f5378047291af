// User-facing error classes and the exit codes of the CLI and the actions (DESIGN.md).

export const ExitCode = {
  passed: 0,
  gateFailed: 1,
  usage: 2,
  internal: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface SourcePosition {
  file: string;
  line?: number;
  column?: number;
}

export function formatPosition(pos: SourcePosition): string {
  if (pos.line === undefined) return pos.file;
  return pos.column === undefined ? `${pos.file}:${pos.line}` : `${pos.file}:${pos.line}:${pos.column}`;
}

/** A mistake the user can fix (bad config, bad argument, bad input file): exit code 2, no stack trace. */
export class UserError extends Error {
  readonly exitCode: ExitCode = ExitCode.usage;
  readonly position: SourcePosition | undefined;
  constructor(message: string, position?: SourcePosition) {
    super(position ? `${formatPosition(position)}: ${message}` : message);
    this.name = 'UserError';
    this.position = position;
  }
}

/** Several user errors found in one pass, reported together. */
export class UserErrors extends UserError {
  readonly errors: UserError[];
  constructor(errors: UserError[]) {
    super(errors.map((e) => e.message).join('\n'));
    this.name = 'UserErrors';
    this.errors = errors;
  }
}

/** A bug in Andon (an illegal state transition, a broken invariant): exit code 3. */
export class InternalError extends Error {
  readonly exitCode: ExitCode = ExitCode.internal;
  constructor(message: string) {
    super(message);
    this.name = 'InternalError';
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
