// The main step of the line action and of every stage action: inputs → line → artifacts, cache, summary, annotations, outputs.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BaselineSource } from '../core/baseline-source.js';
import type { Clock } from '../core/clock.js';
import { loadConfig, type LoadedConfig } from '../core/config.js';
import { ExitCode, UserError, errorMessage } from '../core/errors.js';
import type { ExitGuard } from '../core/exit-guard.js';
import { exitCodeOf } from '../core/line-machine.js';
import { runLine, type LineEvent } from '../core/line.js';
import type { RunRecord, WriterProcess } from '../core/run-record.js';
import { parseSerial } from '../core/serial.js';
import type { StageCache } from '../core/stage-cache.js';
import type { StageRegistry } from '../core/stage-kind.js';
import { FsStore, RECORD_FILE } from '../core/store.js';
import { openFindingsOf, readRunFindings } from '../core/stage-folder.js';
import { renderSummary } from '../report/job-summary.js';
import { mergeSarif } from '../report/sarif-merge.js';
import type { ActionRuntime } from './action-runtime.js';
import { planAnnotations } from './annotations.js';
import type { ArtifactService } from './artifact-service.js';
import { cacheBaseJudgements, cacheBaselines, saveBaselines } from './cache-baselines.js';
import type { ActionsCacheService } from './cache-service.js';
import { adoptAttempt, carryEarlierAttempts } from './attempt-record.js';
import { Input, Output, State } from './constants.js';
import { isTrustedPush, readGitHubContext, runUrl, workspaceOf, type GitHubContext } from './github-context.js';
import { GitHubStageCache } from './github-stage-cache.js';
import { readInputs, type ActionInputs } from './inputs.js';
import type { SavedSettings } from './saved-settings.js';
import { rerunHint, rerunStage } from './rerun-hint.js';
import { persistedCredentials, persistedCredentialsNote } from './checkout-credentials.js';
import { GitHubRest } from './rest-client.js';
import { downloadRun, otherRunLocator } from './run-download.js';
import { uploadStageFolders, type UploadResult } from './run-upload.js';

export type ActionMode = { kind: 'line' } | { kind: 'stage'; uses: string };

export interface ActionDeps {
  runtime: ActionRuntime;
  registry: StageRegistry;
  artifacts: ArtifactService;
  cache: (deadlineMs: number) => Pick<ActionsCacheService, 'restore' | 'save' | 'available'>;
  /** The process the step runs in, named in the record. */
  writer: WriterProcess;
  /** Whether a process of this host is still running: a base tree a killed job left on a self-hosted runner is removed. */
  isAlive?: (pid: number) => boolean;
  clock?: Clock;
  signal?: AbortSignal;
  /** Finishes the record of a line still running when the process ends. */
  exitGuard?: ExitGuard;
}

export const DEFAULT_RERUN_WORKFLOW = 'andon-rerun.yml';

/** Runs the action and returns its exit code; a user's mistake is exit 2 with the message, never a stack trace. */
export async function lineAction(deps: ActionDeps, mode: ActionMode): Promise<number> {
  const rt = deps.runtime;
  try {
    return await runMain(deps, mode);
  } catch (e) {
    if (e instanceof UserError) {
      // Pointed at the file and line when the mistake has a place (andon.yml:12:5), so the PR view shows it there.
      const pos = e.position;
      rt.annotate({ level: 'error', title: 'andon: configuration', message: e.message, ...(pos ? { file: pos.file, line: pos.line, col: pos.column } : {}) });
      rt.appendSummary(`## Andon could not start the line\n\n\`\`\`text\n${e.message.replace(/```/g, "'''")}\n\`\`\`\n`);
      return ExitCode.usage;
    }
    rt.logger.error(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    rt.appendSummary('## Andon stopped on an internal error\n\nThis is a bug in Andon; the step log has the details.\n');
    return ExitCode.internal;
  }
}

function pickStages(config: LoadedConfig, mode: ActionMode, inputs: ActionInputs): string[] | null {
  if (mode.kind === 'line') return inputs.stages.length > 0 ? inputs.stages : null;
  const ofKind = config.line.filter((s) => s.uses === mode.uses);
  if (inputs.stages.length === 0) {
    if (ofKind.length === 1) return [ofKind[0]!.id];
    throw new UserError(
      ofKind.length === 0
        ? `${config.path} has no stage with uses: ${mode.uses}`
        : `${config.path} has ${ofKind.length} stages with uses: ${mode.uses} (${ofKind.map((s) => s.id).join(', ')}); name one with the input \`${Input.stage}\``,
    );
  }
  for (const id of inputs.stages) {
    const st = config.line.find((s) => s.id === id);
    if (!st) throw new UserError(`input ${Input.stage}: no stage ${id} in ${config.path}; stages: ${config.line.map((s) => s.id).join(', ')}`);
    if (st.uses !== mode.uses) throw new UserError(`input ${Input.stage}: stage ${id} uses ${st.uses}, not ${mode.uses}; use actions/${st.uses}`);
  }
  return inputs.stages;
}

async function runMain(deps: ActionDeps, mode: ActionMode): Promise<number> {
  const rt = deps.runtime;
  const gh = readGitHubContext(rt.env);
  const inputs = readInputs(rt, mode.kind === 'stage' ? '' : undefined);
  if (inputs.githubToken) rt.setSecret(inputs.githubToken);
  const workspace = await workspaceOf(gh, inputs.workingDirectory);
  const config = await loadConfig(workspace, inputs.config, deps.registry, rt.env);
  const only = pickStages(config, mode, inputs);
  const store = new FsStore(path.resolve(workspace, config.store.path));
  const settings: SavedSettings = { mode: mode.kind, stages: only, upload: inputs.upload, retentionDays: inputs.retentionDays, deadlineMs: inputs.deadlineMs };
  // Saved first, so the post step can close the record even if this step dies half-way.
  rt.saveState(State.serial, gh.serial);
  rt.saveState(State.storeRoot, store.root);
  rt.saveState(State.workspace, workspace);
  rt.saveState(State.settings, JSON.stringify(settings));

  const notes: string[] = [];
  const persisted = await persistedCredentials(workspace, rt.env);
  if (persisted.length > 0) {
    const note = persistedCredentialsNote(persisted);
    rt.logger.warn(note);
    notes.push(note);
  }
  const services = gh.hasResultsService;
  if (!services && (inputs.upload || inputs.cache)) notes.push('no Actions results service in this environment (ACTIONS_RUNTIME_TOKEN / ACTIONS_RESULTS_URL): no artifacts, no cache');
  const useCache = services && inputs.cache && gh.cacheMode !== 'none';
  if (inputs.cache && gh.cacheMode !== 'read-write') notes.push(gh.facts.fork ? 'a pull request from a fork: the cache is read, never written' : `ACTIONS_CACHE_MODE ${rt.env.ACTIONS_CACHE_MODE ?? ''}: the cache is ${gh.cacheMode === 'none' ? 'not used' : 'read, never written'}`);
  const cacheService = useCache ? deps.cache(inputs.deadlineMs) : null;
  const cacheRoot = path.join(gh.runnerTemp, 'andon-cache');
  const rest = inputs.githubToken ? new GitHubRest({ apiUrl: gh.apiUrl, token: inputs.githubToken }) : null;
  const own = only ?? config.line.map((s) => s.id);
  const attempt = { gh, store, artifacts: deps.artifacts, rest, own, settings: { deadlineMs: inputs.deadlineMs, logger: rt.logger, tmpRoot: path.join(gh.runnerTemp, 'andon-pieces') }, notes };

  // Steps of one attempt share one record: a stage step in a later job picks up what earlier jobs recorded.
  const join = mode.kind === 'stage' || only !== null;
  if (join && services && !(await store.hasRun(gh.serial))) await adoptAttempt(attempt);

  // Resume: the parent's record and stage folders, from its workflow run. A later attempt of the whole line resumes
  // the attempt before it, so "Re-run failed jobs" reuses what passed there whether or not the cache has it.
  let parentInfo: { record: RunRecord; dir: string; fromStage: string; fork: boolean } | null = null;
  if (inputs.resume) parentInfo = await fetchParent(deps, gh, inputs, config, notes, inputs.resume, inputs.fromStage);
  else if (!join && gh.attempt > 1 && rest) {
    const previous = `gh-${gh.runId}-${gh.attempt - 1}`;
    parentInfo = await fetchParent(deps, gh, inputs, config, notes, previous, null, true);
  }
  if (parentInfo?.fork) notes.push(`${parentInfo.record.serial} ran a fork's code: it is resumed without the cache`);

  const baselineSources: BaselineSource[] = cacheService ? [cacheBaselines(cacheRoot, cacheService)] : [];
  // Judgements at the base are kept for the next run of the same ref (a fork's or a read-only run only reads them).
  const judgements = cacheService ? cacheBaseJudgements(cacheRoot, cacheService) : null;
  const baseCache = judgements && gh.cacheMode !== 'read-write' ? { get: judgements.get, put: async () => undefined } : judgements;
  // A resume reads the stage cache for the stages it runs but never writes it (its results descend from another run);
  // a read-only run reads it only; a fork's run is resumed without it.
  const stageCache: StageCache | null =
    !cacheService || parentInfo?.fork ? null : readOnlyUnless(gh.cacheMode === 'read-write' && !parentInfo, new GitHubStageCache(cacheRoot, cacheService, rt.logger));

  let record = await runLine({
    workspace,
    config,
    registry: deps.registry,
    store,
    env: rt.env,
    writer: deps.writer,
    ...(deps.isAlive ? { isAlive: deps.isAlive } : {}),
    logger: rt.logger,
    serial: gh.serial,
    join,
    ...(only ? { only } : {}),
    ...(deps.clock ? { clock: deps.clock } : {}),
    ...(deps.signal ? { signal: deps.signal } : {}),
    ...(deps.exitGuard ? { guard: deps.exitGuard } : {}),
    ...(parentInfo ? { resume: { serial: parentInfo.record.serial, fromStage: parentInfo.fromStage }, parent: parentInfo.record, parentDir: parentInfo.dir, parentUntrusted: parentInfo.fork } : {}),
    cache: stageCache,
    baselineSources,
    baseCache,
    ...(inputs.githubToken ? { fetchToken: inputs.githubToken } : {}),
    // One masker for the record, the stage folders and everything the step says: the runtime's.
    masker: rt.masker,
    onEvent: (e) => echoEvent(rt, e, own),
  });
  const cancelled = deps.signal?.aborted ?? false;
  if (join && services && !cancelled) record = await carryEarlierAttempts(attempt, record);

  const ranHere = record.stages.filter((s) => own.includes(s.id) && s.state !== 'pending').map((s) => s.id);
  let uploads: UploadResult[] = [];
  // Cancelled: the runner kills the step a few seconds after SIGINT, so leave the uploads to the post step.
  if (cancelled) notes.push('the step was cancelled: the post step uploads the stage folders and the record');
  if (inputs.upload && services && !cancelled) {
    uploads = await uploadStageFolders(store, record, ranHere, {
      service: deps.artifacts,
      retentionDays: inputs.retentionDays,
      deadlineMs: inputs.deadlineMs,
      logger: rt.logger,
    });
  }
  if (cacheService && gh.cacheMode === 'read-write' && isTrustedPush(gh) && gh.refName && !cancelled) {
    await saveBaselines(cacheRoot, store, record, cacheService, rt.logger).catch((e: unknown) => notes.push(`baselines not kept in the cache: ${errorMessage(e)}`));
  }

  await report(deps, gh, inputs, store, record, only, parentInfo?.record ?? null, uploads, notes);
  // The whole line ran in this step: its report. (Stage steps of a multi-job line would race for the one name.)
  // Loaded here, not at start-up: the page and its writer are large.
  if (!only) {
    const { publishReport } = await import('./report-publish.js');
    deps.runtime.appendSummary(
      await publishReport({
        store,
        record,
        ...(parentInfo ? { parentStore: new FsStore(path.dirname(parentInfo.dir)) } : {}),
        artifacts: inputs.upload && services && !cancelled ? deps.artifacts : null,
        retentionDays: inputs.retentionDays,
        deadlineMs: inputs.deadlineMs,
        logger: deps.runtime.logger,
        github: { serverUrl: gh.serverUrl, apiUrl: gh.apiUrl, repo: gh.repo, runId: gh.runId, branch: gh.refName, token: inputs.githubToken },
      }),
    );
  }
  // 0 when the stages this step ran let the line go on, 1 when one of them stopped it.
  return exitCodeOf(record.stages.filter((s) => !only || only.includes(s.id)));
}

/** The stage cache as given, or one that reads it and never writes (a fork's run, ACTIONS_CACHE_MODE=read). */
function readOnlyUnless(writable: boolean, cache: StageCache): StageCache {
  if (writable) return cache;
  return {
    ...(cache.root ? { root: cache.root } : {}),
    get: (id, digest) => cache.get(id, digest),
    put: async () => undefined,
    ...(cache.toolDir ? { toolDir: (id: string) => cache.toolDir!(id) } : {}),
  };
}

async function fetchParent(
  deps: ActionDeps,
  gh: GitHubContext,
  inputs: ActionInputs,
  config: LoadedConfig,
  notes: string[],
  serial: string,
  fromStageInput: string | null,
  previousAttempt = false,
): Promise<{ record: RunRecord; dir: string; fromStage: string; fork: boolean } | null> {
  const parsed = parseSerial(serial);
  if (parsed?.kind !== 'github') throw new UserError(`input ${Input.resume}: ${serial} is not the serial of a GitHub run (gh-<run id>-<attempt>)`);
  if (!inputs.githubToken) throw new UserError(`input ${Input.resume} needs ${Input.githubToken} (actions: read) to fetch the parent's record`);
  const rest = new GitHubRest({ apiUrl: gh.apiUrl, token: inputs.githubToken });
  const root = path.join(gh.runnerTemp, 'andon-parents');
  await mkdir(root, { recursive: true });
  try {
    const got = await downloadRun(otherRunLocator(rest, { repo: gh.repo, runId: parsed.runId }), serial, root, {
      deadlineMs: inputs.deadlineMs,
      logger: deps.runtime.logger,
      stages: true,
    });
    for (const n of got.notes) notes.push(`parent ${serial}: ${n}`);
    for (const p of got.problems) notes.push(`parent artifact ${p.path} is ${p.problem}: that stage runs again`);
    if (got.missing.length > 0) notes.push(`parent stage folders missing (${got.missing.join(', ')}): those stages run again`);
    // A stage whose folder did not come back whole cannot stand in for a run: drop it from what can be reused.
    const broken = new Set([...got.missing, ...got.problems.map((p) => p.path.split('/')[0] ?? '')]);
    const record: RunRecord = { ...got.run.record, stages: got.run.record.stages.map((s) => (broken.has(s.id) ? { ...s, state: 'cancelled', reason: 'artifacts not available' } : s)) };
    const fromStage = fromStageInput ?? rerunStage(record) ?? (previousAttempt ? null : config.line[0]!.id);
    if (!fromStage) return null;
    deps.runtime.logger.info(`resuming ${serial} from ${fromStage}`);
    return { record, dir: got.runDir, fromStage, fork: got.run.github.fork };
  } catch (e) {
    if (e instanceof UserError && !previousAttempt) throw e;
    notes.push(`the parent run ${serial} could not be fetched (${errorMessage(e)}): every stage runs`);
    deps.runtime.logger.warn(`the parent run ${serial} could not be fetched (${errorMessage(e)}): running every stage instead of resuming`);
    return null;
  }
}

/** `selected`: the stages this step runs; an event places a stage in the whole line, progress counts among these. */
function echoEvent(rt: ActionRuntime, e: LineEvent, selected: readonly string[]): void {
  if (e.type === 'stage-start') rt.startGroup(`andon ▶ ${e.stage.id} (${e.stage.uses}) ${selected.indexOf(e.stage.id) + 1}/${selected.length}`);
  else if (e.type === 'stage-output') rt.echoUntrusted(e.line);
  else if (e.type === 'stage-end') {
    if (e.stage.state !== 'reused') rt.endGroup();
    rt.logger.info(`andon ■ ${e.stage.id}: ${e.stage.state} (${e.stage.reason})`);
  }
}

async function report(
  deps: ActionDeps,
  gh: GitHubContext,
  inputs: ActionInputs,
  store: FsStore,
  record: RunRecord,
  only: string[] | null,
  parent: RunRecord | null,
  uploads: UploadResult[],
  notes: string[],
): Promise<void> {
  const rt = deps.runtime;
  const runDir = store.runDir(record.serial);
  const sarifs = await readRunFindings(store, record, (m) => notes.push(m));
  const merged = mergeSarif(sarifs.map((s) => s.log));
  for (const c of merged.cut) notes.push(c);
  // Outside the stage folders, so the record's hashes of each folder stay exact.
  const sarifPath = path.join(runDir, 'andon.sarif');
  await writeFile(sarifPath, JSON.stringify(merged.log));
  const mine = only ? sarifs.filter((s) => only.includes(s.stageId)) : sarifs;
  // Masked before the summary and the annotations clip them: a cut must not leave part of a secret (what earlier
  // jobs and attempts recorded was masked with what they knew, not with what this step knows).
  const mask = <T>(v: T): T => rt.masker.maskDeep(v);
  const findings = mask(openFindingsOf(mine));

  const lineage: { serial: string; fromStage?: string; url?: string | null }[] = [];
  if (record.parent) {
    const p = parseSerial(record.parent.serial);
    lineage.push({ serial: record.parent.serial, fromStage: record.parent.fromStage, url: p?.kind === 'github' && gh.repo ? runUrl(gh, p.runId) : null });
    if (parent?.parent) lineage.push({ serial: parent.parent.serial, fromStage: parent.parent.fromStage });
  }
  const workflow = rt.input(Input.rerunWorkflow) || DEFAULT_RERUN_WORKFLOW;
  const hint = gh.repo ? rerunHint(record, { repo: gh.repo, serverUrl: gh.serverUrl, workflow, pr: gh.facts.pr, baseRef: gh.facts.baseRef }) : null;
  // Links in the summary come from what GitHub says about this run, never from a record another job wrote.
  const shown: RunRecord = { ...record, host: { ...record.host, url: gh.repo ? runUrl(gh, gh.runId) : null } };
  rt.appendSummary(renderSummary({ record: mask(shown), findings, lineage, rerun: hint, uploads, notes: mask(notes), ...(only ? { stepStages: only } : {}) }));

  if (inputs.annotations) {
    const plan = planAnnotations(findings, `the job summary and the SARIF at ${path.relative(gh.workspaceRoot, sarifPath)} (artifacts andon-${record.serial}-<stage-id>)`);
    for (const a of plan.annotations) rt.annotate(a);
  }
  for (const n of notes) rt.logger.info(`note: ${n}`);

  rt.setOutput(Output.serial, record.serial);
  rt.setOutput(Output.verdict, record.verdict);
  rt.setOutput(Output.recordPath, path.join(runDir, RECORD_FILE));
  rt.setOutput(Output.sarifPath, sarifPath);
  rt.setOutput(
    Output.stages,
    JSON.stringify(
      record.stages.map((s) => ({ id: s.id, uses: s.uses, state: s.state, reason: s.reason, durationMs: s.durationMs, reusedFrom: s.reusedFrom, counts: s.counts })),
    ),
  );
  if (record.parent) rt.setOutput(Output.parentSerial, record.parent.serial);
  if (record.host.url) rt.setOutput(Output.runUrl, record.host.url);
}
