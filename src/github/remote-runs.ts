// The run records of a GitHub repository's recent workflow runs, fetched through REST (their record artifacts), for
// `andon metrics --repo owner/name` and the trend in the job summary.
import { UserError, errorMessage } from '../core/errors.js';
import { silentLogger } from '../core/logger.js';
import type { RunRecord } from '../core/run-record.js';
import { githubSerial } from '../core/serial.js';
import { DEFAULT_SERVICE_DEADLINE_MS, parseArtifactName } from './constants.js';
import { describeMiss, withDeadline } from './deadline.js';
import { GitHubRest } from './rest-client.js';
import { otherRunLocator, readRun, type ListedArtifact } from './run-download.js';

export interface RemoteRunsOptions {
  repo: string;
  token: string;
  apiUrl?: string;
  /** Workflow runs to look at, newest first. */
  last: number;
  /** Only runs of this branch. */
  branch?: string;
  deadlineMs?: number;
}

export interface RemoteRuns {
  runs: RunRecord[];
  /** Record artifacts that could not be fetched or read, with why. */
  skipped: { serial: string; why: string }[];
}

const PARALLEL = 4;

/** Every attempt's record of the newest `last` workflow runs; runs that uploaded no record are not Andon runs and are passed over. */
export async function remoteRuns(o: RemoteRunsOptions): Promise<RemoteRuns> {
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(o.repo)) throw new UserError(`--repo ${JSON.stringify(o.repo)}: expected owner/name`);
  if (!o.token) throw new UserError('a token is needed to read the runs of a repository: pass --token or set GITHUB_TOKEN (scope actions: read)');
  const deadlineMs = o.deadlineMs ?? DEFAULT_SERVICE_DEADLINE_MS;
  const rest = new GitHubRest({ apiUrl: o.apiUrl || 'https://api.github.com', token: o.token });
  const listed = await withDeadline(deadlineMs, () => rest.listRuns(o.repo, { max: o.last, ...(o.branch ? { branch: o.branch } : {}) }));
  if (listed.kind !== 'done') {
    const why = describeMiss(`listing the workflow runs of ${o.repo}`, listed);
    if (/: 40[134] /.test(why)) throw new UserError(why);
    throw new Error(why);
  }
  const out: RemoteRuns = { runs: [], skipped: [] };
  const queue = [...listed.value];
  const worker = async () => {
    for (let run = queue.shift(); run; run = queue.shift()) {
      const runId = String(run.id);
      const artifacts = await withDeadline(deadlineMs, () => rest.listRunArtifacts(o.repo, runId));
      if (artifacts.kind !== 'done') {
        out.skipped.push({ serial: githubSerial(runId, run.run_attempt ?? 1), why: describeMiss(`listing the artifacts of run ${runId}`, artifacts) });
        continue;
      }
      const live: ListedArtifact[] = artifacts.value.map((a) => ({ id: a.id, name: a.name, expired: a.expired ?? false }));
      const locator = otherRunLocator(rest, { repo: o.repo, runId });
      for (let attempt = 1; attempt <= (run.run_attempt ?? 1); attempt++) {
        const serial = githubSerial(runId, attempt);
        // Each attempt's own pieces only: a metric counts what the attempt ran, not what it carried.
        if (!live.some((a) => !a.expired && parseArtifactName(a.name)?.kind === 'piece' && parseArtifactName(a.name)?.serial === serial)) continue;
        try {
          const got = await readRun(locator, live, serial, { deadlineMs, logger: silentLogger }, { earlier: null });
          if (got.run) out.runs.push(got.run.record);
        } catch (e) {
          out.skipped.push({ serial, why: errorMessage(e) });
        }
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return out;
}
