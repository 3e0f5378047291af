// How to rerun a recorded run from a stage: the exact `gh workflow run` command and a link to the workflow.
import { isFailure } from '../core/line-machine.js';
import type { RunRecord } from '../core/run-record.js';

export interface RerunTarget {
  /** owner/name */
  repo: string;
  serverUrl: string;
  /** File name of the workflow_dispatch workflow that resumes a run (examples/workflows/andon-rerun.yml). */
  workflow: string;
  /** The pull request the run was for, if any: its head branch may live in a fork, so the rerun runs from its base. */
  pr?: number | null;
  baseRef?: string;
}

export interface RerunHint {
  fromStage: string;
  /** The run was for this pull request: the rerun checks out its head commit (refs/pull/<n>/head). */
  pr?: number;
  command: string;
  url: string;
}

/** The stage a rerun should start from: the first that did not pass (failed, errored, cancelled or skipped). */
export function rerunStage(record: RunRecord): string | null {
  const s = record.stages.find((x) => isFailure(x.state) || x.state === 'cancelled' || (x.state === 'skipped' && x.reason.startsWith('stopped by')));
  return s?.id ?? null;
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:@=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A branch name as git allows it, printable ASCII without space " : ? * [ \\ ^ ` ~ or `..`; anything else is not named. */
const BRANCH = /^(?!.*\.\.)[!#-9;-Z\]_a-}]{1,255}$/;

/**
 * The ref the rerun workflow is dispatched on must exist in this repository: a pull request's head branch may be a
 * fork's, so a PR run is rerun from its base branch (the rerun checks out the PR's head commit, which GitHub keeps
 * under refs/pull/<n>/head); other runs from their own branch.
 */
function dispatchRef(record: RunRecord, target: RerunTarget): string | null {
  const ref = target.pr ? target.baseRef || record.source.baseRef || null : record.source.ref;
  return ref && BRANCH.test(ref) ? ref : null;
}

export function rerunHint(record: RunRecord, target: RerunTarget, fromStage = rerunStage(record)): RerunHint | null {
  if (!fromStage) return null;
  const ref = dispatchRef(record, target);
  const argv = ['gh', 'workflow', 'run', target.workflow, '--repo', target.repo, ...(ref ? ['--ref', ref] : []), '-f', `serial=${record.serial}`, '-f', `from-stage=${fromStage}`];
  return {
    fromStage,
    ...(target.pr ? { pr: target.pr } : {}),
    command: argv.map(shellQuote).join(' '),
    url: `${target.serverUrl.replace(/\/$/, '')}/${target.repo}/actions/workflows/${encodeURIComponent(target.workflow)}`,
  };
}
