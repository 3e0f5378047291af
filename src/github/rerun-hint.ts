// How to rerun a recorded run from a stage: the exact `gh workflow run` command and a link to the workflow.
import { isFailure } from '../core/line-machine.js';
import type { RunRecord } from '../core/run-record.js';

export interface RerunTarget {
  /** owner/name */
  repo: string;
  serverUrl: string;
  /** File name of the workflow_dispatch workflow that resumes a run (examples/workflows/andon-rerun.yml). */
  workflow: string;
}

export interface RerunHint {
  fromStage: string;
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

export function rerunHint(record: RunRecord, target: RerunTarget, fromStage = rerunStage(record)): RerunHint | null {
  if (!fromStage) return null;
  const ref = record.source.ref;
  const argv = ['gh', 'workflow', 'run', target.workflow, '--repo', target.repo, ...(ref ? ['--ref', ref] : []), '-f', `serial=${record.serial}`, '-f', `from-stage=${fromStage}`];
  return {
    fromStage,
    command: argv.map(shellQuote).join(' '),
    url: `${target.serverUrl.replace(/\/$/, '')}/${target.repo}/actions/workflows/${encodeURIComponent(target.workflow)}`,
  };
}
