// Serial lookup: from a serial to its workflow run, its artifacts (REST) and its merged record (`andon trace <serial> --repo owner/name`).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UserError, errorMessage } from '../core/errors.js';
import { silentLogger, type Logger } from '../core/logger.js';
import type { RunRecord } from '../core/run-record.js';
import { parseSerial } from '../core/serial.js';
import type { ArtifactProblem } from '../core/store.js';
import { DEFAULT_SERVICE_DEADLINE_MS, parseArtifactName } from './constants.js';
import { describeMiss, withDeadline } from './deadline.js';
import { GitHubRest, type RunArtifact, type WorkflowRun } from './rest-client.js';
import type { GitHubFacts } from './record-pieces.js';
import { downloadRun, otherRunLocator, type DownloadedRun } from './run-download.js';

export interface TraceOptions {
  serial: string;
  /** owner/name */
  repo: string;
  token: string;
  /** Default https://api.github.com (GITHUB_API_URL on a runner or GHE). */
  apiUrl?: string;
  /** Where to put the downloaded record (and stage folders); a temp folder when not given. */
  dest?: string;
  /** Also download and verify every stage folder. */
  stages?: boolean;
  deadlineMs?: number;
  logger?: Logger;
}

export interface TraceResult {
  serial: string;
  /** The workflow run as GitHub's REST API tells it: the source of truth for what to check out. */
  run: WorkflowRun;
  artifacts: RunArtifact[];
  /** The run's record merged from its pieces (and earlier attempts), or null when they are gone (expired) or unreadable, with why. */
  record: RunRecord | null;
  recordError: string | null;
  /** What GitHub said in the steps that wrote the record: both commits of a pull request, the fork flag. */
  github: GitHubFacts | null;
  /** What to check out to rerun it, from the REST run: the commit, a ref that exists in the repository, the event. */
  checkout: { sha: string; ref: string; event: string; fork: boolean; pr: number | null };
  /** Folder holding run.json and, when asked, the stage folders. */
  dir: string | null;
  problems: ArtifactProblem[];
  notes: string[];
}

/** Looks a GitHub serial up; throws UserError when the serial, the repo or the token cannot work, or the record disagrees with GitHub. */
export async function traceSerial(o: TraceOptions): Promise<TraceResult> {
  const parsed = parseSerial(o.serial);
  if (!parsed) throw new UserError(`"${o.serial}" is not an Andon serial`);
  if (parsed.kind !== 'github') throw new UserError(`${o.serial} is a local serial: look it up with \`andon show ${o.serial}\` in the repository that ran it`);
  if (!o.token) throw new UserError('a token is needed to look a run up: pass --token or set GITHUB_TOKEN (scope actions: read)');
  const deadlineMs = o.deadlineMs ?? DEFAULT_SERVICE_DEADLINE_MS;
  const logger = o.logger ?? silentLogger;
  const rest = new GitHubRest({ apiUrl: o.apiUrl ?? 'https://api.github.com', token: o.token });

  const run = await withDeadline(deadlineMs, () => rest.getRun(o.repo, parsed.runId, parsed.attempt));
  if (run.kind !== 'done') {
    const msg = describeMiss(`looking up workflow run ${parsed.runId} of ${o.repo}`, run);
    if (/ 404 /.test(msg)) throw new UserError(`${o.serial}: no workflow run ${parsed.runId} (attempt ${parsed.attempt}) in ${o.repo}`);
    if (/ 401 /.test(msg)) throw new UserError(`${o.serial}: the token was refused by GitHub (${msg})`);
    if (/ 403 /.test(msg)) throw new UserError(`${o.serial}: the token may not read the runs of ${o.repo} (it needs actions: read): ${msg}`);
    throw new Error(msg);
  }
  const listed = await withDeadline(deadlineMs, () => rest.listRunArtifacts(o.repo, parsed.runId));
  if (listed.kind !== 'done') throw new Error(describeMiss(`listing the artifacts of run ${parsed.runId}`, listed));
  const artifacts = listed.value.filter((a) => parseArtifactName(a.name)?.serial === o.serial);

  const dest = o.dest ?? (await mkdtemp(path.join(tmpdir(), 'andon-trace-')));
  let got: DownloadedRun | null = null;
  let recordError: string | null = null;
  try {
    got = await downloadRun(otherRunLocator(rest, { repo: o.repo, runId: parsed.runId }), o.serial, dest, { deadlineMs, logger, stages: o.stages ?? false });
  } catch (e) {
    recordError = errorMessage(e);
  }
  const facts = got?.run.github ?? null;
  const r = run.value;
  if (facts) {
    // The record is written by the run's own steps, which run the code under test: what GitHub says decides.
    const disagree: string[] = [];
    if (facts.headSha !== r.head_sha) disagree.push(`commit ${facts.headSha}, GitHub ran ${r.head_sha}`);
    if (r.event && facts.event !== r.event) disagree.push(`event ${facts.event}, GitHub says ${r.event}`);
    if (facts.runId !== String(r.id)) disagree.push(`workflow run ${facts.runId}, GitHub says ${r.id}`);
    if (disagree.length > 0) throw new UserError(`the record of ${o.serial} disagrees with GitHub (${disagree.join('; ')}): it is not trusted`);
  }
  const fork = facts?.fork ?? (r.head_repository && r.repository ? r.head_repository.full_name.toLowerCase() !== r.repository.full_name.toLowerCase() : false);
  const pr = facts?.pr ?? null;
  const event = r.event ?? facts?.event ?? '';
  // A pull request's head commit stays reachable in the base repository under refs/pull/<n>/head, even from a fork.
  const ref = event.startsWith('pull_request') && pr ? `refs/pull/${pr}/head` : (r.head_branch ?? '');
  return {
    serial: o.serial,
    run: r,
    artifacts,
    record: got?.run.record ?? null,
    recordError,
    github: facts,
    checkout: { sha: r.head_sha, ref, event, fork, pr },
    dir: got?.runDir ?? null,
    problems: got?.problems ?? [],
    notes: got?.notes ?? [],
  };
}

/** A clear refusal when the commit to rerun is gone (force-pushed away, or a deleted fork's branch). */
export async function assertCommitExists(o: Pick<TraceOptions, 'repo' | 'token' | 'apiUrl' | 'logger'>, sha: string, serial: string): Promise<void> {
  const rest = new GitHubRest({ apiUrl: o.apiUrl ?? 'https://api.github.com', token: o.token });
  const exists = await rest.commitExists(o.repo, sha);
  if (exists === null) o.logger?.warn(`commit ${sha} of ${serial} could not be checked: the token may not read ${o.repo} (contents: read)`);
  else if (!exists) {
    throw new UserError(`commit ${sha} of ${serial} is no longer in ${o.repo} (force-pushed away, or its branch deleted): it cannot be checked out to rerun`);
  }
}
