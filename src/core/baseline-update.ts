// Copies each stage's baseline.json of a run into .andon/baselines/<stage-id>.json, the committed baseline: the
// run named, or the newest finished run of this config on this commit — never a run of another config or commit, nor
// one of a working tree with uncommitted changes (its findings are of no commit anyone can review).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { baselineFilePath } from './baselines.js';
import { UserError } from './errors.js';
import { gitOut, type GitEnv } from './git.js';
import type { RunRecord } from './run-record.js';
import { artifactPath, describeStageRead, hasArtifact, readRecordedStageFile } from './stage-folder.js';
import type { Store } from './store.js';

export interface WrittenBaseline {
  stage: string;
  /** Relative to the workspace. */
  file: string;
}

export interface BaselineUpdateRequest {
  /** The run to take (`--from`); otherwise the newest finished run of `config` on the commit checked out. */
  from?: string | undefined;
  stages?: readonly string[] | undefined;
  /** The config in use: a run of another config file, or of other contents of it, is not taken by default. */
  config: { path: string; digest: string };
}

export interface BaselineUpdate {
  run: RunRecord;
  written: WrittenBaseline[];
}

/** Why a run's baselines do not describe a commit (a run of a working tree with uncommitted changes), or null. */
function notOfACommit(run: RunRecord): string | null {
  if (run.verdict === 'running') return 'it has not finished';
  if (run.source.dirty) return 'it ran on a working tree with uncommitted changes, so its findings and tests are not those of a commit';
  return null;
}

/** Why a run is not this config's on this commit, or null when it is. */
function mismatch(run: RunRecord, config: BaselineUpdateRequest['config'], sha: string): string | null {
  const unfit = notOfACommit(run);
  if (unfit) return unfit;
  if (run.source.sha !== sha) return `it ran on ${run.source.sha?.slice(0, 7) ?? 'no commit'}`;
  if (run.config.path !== config.path) return `it ran ${run.config.path}`;
  if (run.config.digest !== config.digest) return `it ran other contents of ${config.path}`;
  return null;
}

async function pickRun(store: Store, workspace: string, request: BaselineUpdateRequest, env: GitEnv | undefined): Promise<RunRecord> {
  if (request.from) {
    const named = await store.loadRecord(request.from);
    const unfit = notOfACommit(named);
    if (unfit) throw new UserError(`run ${named.serial} cannot give a baseline to commit: ${unfit}. Commit or stash the changes, run again, and take that run`);
    return named;
  }
  const sha = await gitOut(workspace, ['rev-parse', 'HEAD'], env);
  if (!sha) throw new UserError('no commit checked out: name the run to take the baseline from with --from <serial>');
  const runs = await store.listRuns();
  const run = runs.find((r) => mismatch(r, request.config, sha) === null);
  if (run) return run;
  const newest = runs[0];
  const why = newest ? `; the newest run, ${newest.serial}, is not one: ${mismatch(newest, request.config, sha)}` : '';
  throw new UserError(
    `no finished run of ${request.config.path} (as it is now) on this commit ${sha.slice(0, 7)} to take a baseline from${why}. ` +
      'Run `andon run` first, or name a run with --from <serial>',
  );
}

/** Takes the run (see pickRun); refuses artifacts that no longer match their hashes. */
export async function baselineUpdate(store: Store, workspace: string, request: BaselineUpdateRequest, env?: GitEnv): Promise<BaselineUpdate> {
  const record = await pickRun(store, workspace, request, env);
  const written: WrittenBaseline[] = [];
  for (const stage of record.stages) {
    if (request.stages && !request.stages.includes(stage.id)) continue;
    if (!hasArtifact(stage, 'baseline')) continue;
    const got = readRecordedStageFile(store.stageDir(record.serial, stage.id), stage, 'baseline');
    if (got.kind !== 'ok') throw new UserError(`${artifactPath(stage.id, 'baseline')} of run ${record.serial} ${describeStageRead(got)}`);
    const target = baselineFilePath(workspace, stage.id);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, got.bytes);
    written.push({ stage: stage.id, file: path.relative(workspace, target) });
  }
  if (written.length === 0) {
    throw new UserError(`run ${record.serial} has no stage that writes a baseline (regression, static-analysis and templates do)`);
  }
  return { run: record, written };
}
