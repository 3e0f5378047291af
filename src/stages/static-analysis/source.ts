// What every source (eslint, tsc, sarif, checkstyle) hands the stage: raw findings, the tools used, what was covered.
import type { DiffFilterMode } from '../../core/diff.js';
import type { Finding } from '../../core/findings.js';
import type { Logger } from '../../core/logger.js';
import type { ProcessRunner } from '../../core/process-runner.js';
import type { StageReads } from '../../core/stage-kind.js';

/** A finding before the stage gives it a fingerprint, a baseline state and a diff mark. */
export type RawFinding = Omit<Finding, 'stage' | 'fingerprint' | 'baseline' | 'traceTo' | 'inDiff'>;

export interface SourceContext {
  workspace: string;
  env: Readonly<Record<string, string | undefined>>;
  logger: Logger;
  filter: DiffFilterMode;
  /** Changed files that still exist (workspace-relative), or null when the whole workspace is in scope. */
  changedFiles: readonly string[] | null;
  /** Largest report read: a SARIF or checkstyle file, or what the ESLint or tsc process reports. */
  maxReportBytes: number;
  /** Starts the processes ESLint and tsc run in, with `env`; `signal` stops them (cancel or the stage's deadline). */
  runner: ProcessRunner;
  signal: AbortSignal;
  /** The stage's tool cache folder (ESLint keeps per-file results there), or null when the run keeps none. */
  toolCache(): Promise<string | null>;
  /** The stage's reader: every workspace file a source reads itself goes through it (or is told with `note`). */
  reads: StageReads;
}

export type SourceOutcome =
  | {
      ok: true;
      findings: RawFinding[];
      tools: Record<string, string>;
      /** Workspace-relative files this source looked at when it covered only part of the workspace. */
      partialScope?: readonly string[];
      notes: string[];
    }
  | { ok: false; reason: string };
