// Serial lookup: from a serial to its workflow run, its artifacts (REST) and its record (`andon trace <serial> --repo owner/name`).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UserError, errorMessage } from '../core/errors.js';
import { silentLogger, type Logger } from '../core/logger.js';
import type { RunRecord } from '../core/run-record.js';
import { parseSerial } from '../core/serial.js';
import type { ArtifactProblem } from '../core/store.js';
import { DEFAULT_SERVICE_DEADLINE_MS, recordArtifactName } from './constants.js';
import { describeMiss, withDeadline } from './deadline.js';
import { GitHubRest, type RunArtifact, type WorkflowRun } from './rest-client.js';
import { downloadRun, otherRunLocator } from './run-download.js';

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
  run: WorkflowRun;
  artifacts: RunArtifact[];
  /** The run's record, or null when its artifact is gone (expired) or unreadable, with why. */
  record: RunRecord | null;
  recordError: string | null;
  /** Folder holding run.json and, when asked, the stage folders. */
  dir: string | null;
  problems: ArtifactProblem[];
}

/** Looks a GitHub serial up; throws UserError when the serial, the repo or the token cannot work. */
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
    throw new Error(msg);
  }
  const listed = await withDeadline(deadlineMs, () => rest.listRunArtifacts(o.repo, parsed.runId));
  if (listed.kind !== 'done') throw new Error(describeMiss(`listing the artifacts of run ${parsed.runId}`, listed));
  const prefix = `andon-${o.serial}-`;
  const artifacts = listed.value.filter((a) => a.name.startsWith(prefix));

  const dest = o.dest ?? (await mkdtemp(path.join(tmpdir(), 'andon-trace-')));
  let record: RunRecord | null = null;
  let recordError: string | null = null;
  let dir: string | null = null;
  let problems: ArtifactProblem[] = [];
  if (!artifacts.some((a) => a.name === recordArtifactName(o.serial) && !a.expired)) {
    recordError = `no artifact ${recordArtifactName(o.serial)} (expired, or the run never uploaded its record)`;
  } else {
    try {
      const got = await downloadRun(otherRunLocator(rest, { repo: o.repo, runId: parsed.runId }), o.serial, dest, {
        deadlineMs,
        logger,
        stages: o.stages ?? false,
      });
      record = got.record;
      dir = got.runDir;
      problems = got.problems;
    } catch (e) {
      recordError = errorMessage(e);
    }
  }
  return { serial: o.serial, run: run.value, artifacts, record, recordError, dir, problems };
}
