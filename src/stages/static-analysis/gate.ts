// The static-analysis gate's choices besides what blocks (core's blocksGate): how much ESLint lints, and how a
// finding is named in a reason.
import type { ChangeSet, DiffFilterMode } from '../../core/diff.js';
import type { FindingBaselineRead } from '../../core/finding-baseline.js';
import type { Finding } from '../../core/findings.js';
import { isToolConfig } from './tool-config-files.js';

/** Whether ESLint may lint only the changed files, or why it lints them all. */
export type ScopeChoice = { narrow: true } | { narrow: false; why: string | null };

export interface ScopeFacts {
  filter: DiffFilterMode;
  changes: ChangeSet;
  onBaseBranch: boolean;
  read: FindingBaselineRead;
  /** Why ESLint was not judged at the base, when it was not. */
  eslintUnjudged: string | undefined;
}

/**
 * ESLint is a per-file tool: on a branch it may lint only the changed files, because the other files are as at the
 * base and their findings are carried from a baseline of that very commit. Anything less than that lints everything:
 * no change set, the base branch (whose run is the baseline of later ones), filter diff_context or nofilter, a
 * baseline that is not of the base commit (a committed file may be older) or did not judge ESLint, or a change to
 * what configures ESLint.
 */
export function eslintScope(f: ScopeFacts): ScopeChoice {
  const whole = (why: string | null): ScopeChoice => ({ narrow: false, why });
  if (f.changes.base === null) return whole(null);
  if (f.onBaseBranch) return whole('on the base branch the whole workspace is judged');
  if (f.filter !== 'file' && f.filter !== 'added') return whole(null);
  if (f.read.kind !== 'ok') return whole(f.read.kind === 'none' ? 'no baseline of the base commit to carry the other files from' : 'the base could not be judged');
  if (f.read.origin === 'file') return whole('the committed baseline may be older than the base commit');
  if (f.eslintUnjudged) return whole(`ESLint was not judged at the base (${f.eslintUnjudged})`);
  // A file that configures the tools can change what ESLint says about any file: then every file is linted again.
  const wide = [...f.changes.files.keys()].find(isToolConfig);
  if (wide) return whole(`the change touches ${wide}, which can change what ESLint says about any file`);
  return { narrow: true };
}

export function describeFinding(f: Finding): string {
  const loc = f.location;
  const where = loc ? [loc.path, loc.startLine, loc.startLine ? loc.startColumn : undefined].filter((x) => x !== undefined).join(':') : '(no location)';
  return `${where} ${f.level} ${f.ruleId}: ${f.message.split('\n')[0]}`;
}
