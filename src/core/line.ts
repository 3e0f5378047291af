// The line engine: runs the stages of a config in order as an explicit state machine, writing the run record
// atomically after every transition, reusing unchanged stages, and stopping at the first blocking failure.
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { ANDON_VERSION } from '../version.js';
import { firstOf, type BaselineSource } from './baseline-source.js';
import { BASELINE_ARTIFACT, committedBaselines, storeBaselines } from './baselines.js';
import { systemClock, type Clock } from './clock.js';
import type { LoadedConfig, StageConfig } from './config.js';
import { computeChangeSet, type ChangeSet } from './diff.js';
import { errorMessage, InternalError, UserError } from './errors.js';
import { countFindings, type Finding } from './findings.js';
import { explainInputsChange, InputsDigester, type InputsManifest } from './inputs-digest.js';
import { assertTransition, letsLineContinue, verdictOf, type StageState } from './line-machine.js';
import { silentLogger, type Logger } from './logger.js';
import { Masker } from './mask.js';
import { nodeProcessRunner, type ProcessRunner } from './process-runner.js';
import { RECORD_SCHEMA, type HostFacts, type RunRecord, type StageRecord } from './run-record.js';
import { localSerial } from './serial.js';
import { readSourceFacts, type SourceFacts } from './source.js';
import type { StageCache } from './stage-cache.js';
import { stageEnv } from './stage-env.js';
import type { AnyStageKind, StageContext, StageOutcome, StageRegistry, StageView } from './stage-kind.js';
import type { Store } from './store.js';
import { buildSarif } from '../report/sarif.js';

export const STAGE_FILES = {
  log: 'log.txt',
  sarif: 'findings.sarif',
  result: 'result.json',
  baseline: 'baseline.json',
  inputs: 'inputs.json',
} as const;

export type LineEvent =
  | { type: 'run-start'; record: RunRecord }
  | { type: 'stage-start'; stage: StageRecord; index: number; total: number }
  | { type: 'stage-end'; stage: StageRecord; index: number; total: number }
  | { type: 'stage-output'; stage: string; line: string }
  | { type: 'run-end'; record: RunRecord };

export interface LineOptions {
  workspace: string;
  config: LoadedConfig;
  registry: StageRegistry;
  store: Store;
  env: Readonly<Record<string, string | undefined>>;
  clock?: Clock;
  runner?: ProcessRunner;
  logger?: Logger;
  signal?: AbortSignal;
  /** Use this serial (GitHub: from run id + attempt); otherwise a new local one is made. */
  serial?: string;
  host?: Partial<HostFacts>;
  /** Run only these stage ids. */
  only?: readonly string[];
  /** Resume a recorded run from a stage: earlier stages are reused when their inputs are unchanged. */
  resume?: { serial: string; fromStage: string };
  /** The parent record when it does not come from the store (e.g. downloaded from another workflow run). */
  parent?: RunRecord;
  /** Where the parent's stage folders are, when `parent` is given; defaults to the store. */
  parentDir?: string;
  cache?: StageCache | null;
  /** Extra baseline sources tried after the committed files and the store (e.g. the GitHub cache). */
  baselineSources?: readonly BaselineSource[];
  /** Add to the record of `serial` if it exists (several steps of one job share one run). */
  join?: boolean;
  /** Source facts when already known (tests, or the action that read them once). */
  source?: SourceFacts;
  /** Remember file hashes between runs here; undefined = keep none. */
  statCacheFile?: string;
  /** Masks secrets in everything the run writes; defaults to the secret-like variables of `env`. */
  masker?: Masker;
  onEvent?: (event: LineEvent) => void;
}

class RunWriter {
  private chain: Promise<void> = Promise.resolve();
  constructor(
    readonly record: RunRecord,
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  stage(id: string): StageRecord {
    const s = this.record.stages.find((x) => x.id === id);
    if (!s) throw new InternalError(`no stage ${id} in the record`);
    return s;
  }

  /** Moves a stage to a new state, checked against the state machine, and writes the record. */
  async move(id: string, to: StageState, reason: string, patch: Partial<StageRecord> = {}, completion = false): Promise<StageRecord> {
    const s = this.stage(id);
    assertTransition(id, s.state, to, completion);
    const at = this.clock.now().toISOString();
    this.record.transitions.push({ at, stage: id, from: s.state, to });
    Object.assign(s, patch);
    s.state = to;
    s.reason = reason;
    if (to === 'running') s.startedAt = at;
    else {
      s.finishedAt = at;
      if (s.startedAt) s.durationMs = Math.max(0, Date.parse(at) - Date.parse(s.startedAt));
      else s.durationMs ??= 0;
    }
    await this.flush();
    return s;
  }

  flush(): Promise<void> {
    const snapshot = JSON.parse(JSON.stringify(this.record)) as RunRecord;
    this.chain = this.chain.then(() => this.store.writeRecord(snapshot));
    return this.chain;
  }
}

function newStageRecord(stage: StageConfig): StageRecord {
  return {
    id: stage.id,
    uses: stage.uses,
    ...(stage.name ? { name: stage.name } : {}),
    blocking: stage.blocking,
    state: 'pending',
    reason: 'waiting',
    startedAt: null,
    finishedAt: null,
    durationMs: null,
    inputsDigest: null,
    reusedFrom: null,
    counts: {},
    artifacts: [],
    tools: {},
  };
}

function hostFacts(env: Readonly<Record<string, string | undefined>>, given: Partial<HostFacts> | undefined): HostFacts {
  const onGitHub = env.GITHUB_ACTIONS === 'true';
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  return {
    kind: onGitHub ? 'github' : 'local',
    runId: onGitHub ? (env.GITHUB_RUN_ID ?? null) : null,
    runAttempt: onGitHub && env.GITHUB_RUN_ATTEMPT ? Number(env.GITHUB_RUN_ATTEMPT) : null,
    workflow: onGitHub ? (env.GITHUB_WORKFLOW ?? null) : null,
    job: onGitHub ? (env.GITHUB_JOB ?? null) : null,
    url: onGitHub && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : null,
    pid: process.pid,
    hostname: hostname(),
    ...given,
  };
}

async function readManifest(dir: string): Promise<InputsManifest | null> {
  try {
    return JSON.parse(await readFile(path.join(dir, STAGE_FILES.inputs), 'utf8')) as InputsManifest;
  } catch {
    return null;
  }
}

/** Stages of a parent run that a reader finds `running` were interrupted: treat them as cancelled. */
export function parentStageState(stage: StageRecord): StageState {
  return stage.state === 'running' || stage.state === 'pending' ? 'cancelled' : stage.state;
}

export async function runLine(opts: LineOptions): Promise<RunRecord> {
  const clock = opts.clock ?? systemClock;
  const logger = opts.logger ?? silentLogger;
  const runner = opts.runner ?? nodeProcessRunner;
  const signal = opts.signal ?? new AbortController().signal;
  const { config, store, registry, workspace } = opts;
  const masker = opts.masker ?? Masker.fromEnv(opts.env);
  const emit = (e: LineEvent) => opts.onEvent?.(e);

  for (const id of opts.only ?? []) {
    if (!config.line.some((s) => s.id === id)) throw new UserError(`--only ${id}: no such stage; stages: ${config.line.map((s) => s.id).join(', ')}`);
  }

  // The parent, when resuming.
  let parent: RunRecord | null = null;
  let parentDir = (id: string) => store.stageDir(opts.resume!.serial, id);
  let fromIndex = -1;
  if (opts.resume) {
    fromIndex = config.line.findIndex((s) => s.id === opts.resume!.fromStage);
    if (fromIndex < 0) {
      throw new UserError(`--from ${opts.resume.fromStage}: no such stage in ${config.path}; stages: ${config.line.map((s) => s.id).join(', ')}`);
    }
    parent = opts.parent ?? (await store.loadRecord(opts.resume.serial));
    if (opts.parentDir) {
      const base = opts.parentDir;
      parentDir = (id: string) => path.join(base, id);
    }
  }

  const source = opts.source ?? (await readSourceFacts(workspace, opts.env, { base: config.base }));

  // The record: a new serial, or the existing record of a given serial when joining.
  let record: RunRecord | undefined;
  let serial = opts.serial;
  if (serial && opts.join && (await store.hasRun(serial))) {
    record = await store.loadRecord(serial);
    for (const s of config.line) if (!record.stages.some((x) => x.id === s.id)) record.stages.push(newStageRecord(s));
    record.verdict = 'running';
    record.finishedAt = null;
  } else {
    if (serial) await store.reserve(serial);
    else {
      for (let attempt = 0; ; attempt++) {
        serial = localSerial(clock.now());
        try {
          await store.reserve(serial);
          break;
        } catch (e) {
          if (attempt > 5) throw e;
        }
      }
    }
    record = {
      schema: RECORD_SCHEMA,
      serial,
      parent: parent ? { serial: parent.serial, fromStage: opts.resume!.fromStage } : null,
      createdAt: clock.now().toISOString(),
      finishedAt: null,
      verdict: 'running',
      nonBlockingFailures: [],
      source: { repo: source.repo, sha: source.sha, ref: source.ref, baseRef: source.baseRef, baseSha: source.baseSha, pr: source.pr, dirty: source.dirty },
      host: hostFacts(opts.env, opts.host),
      config: { path: config.path, digest: config.digest },
      tool: { name: 'andon', version: ANDON_VERSION, node: process.version },
      stages: config.line.map(newStageRecord),
      transitions: [],
    };
  }
  const runSerial = record.serial;
  const writer = new RunWriter(record, store, clock);
  await writer.flush();
  emit({ type: 'run-start', record });

  const digester = new InputsDigester(workspace, opts.statCacheFile);
  const lineage = await lineageOf(store, parent);
  const baselines = firstOf([
    committedBaselines(workspace),
    storeBaselines(store, source, new Set([runSerial, ...lineage.serials]), lineage.rootCreatedAt),
    ...(opts.baselineSources ?? []),
  ]);
  let changes: Promise<ChangeSet> | undefined;
  const getChanges = () => (changes ??= computeChangeSet(workspace, source.baseSha));

  const selected = config.line.filter((s) => !opts.only || opts.only.includes(s.id));
  const views: StageView[] = [];
  const contexts = new Map<string, { kind: AnyStageKind; ctx: StageContext<unknown> }>();
  let stoppedBy: string | null = null;
  const cancelReason = () => `cancelled${signalName(signal) ? ` by ${signalName(signal)}` : ''}`;

  const viewOf = (s: StageRecord): StageView => ({
    id: s.id,
    uses: s.uses,
    blocking: s.blocking,
    state: s.state,
    dir: store.stageDir(runSerial, s.id),
    counts: s.counts,
  });

  const makeContext = (stage: StageConfig, outDir: string, logFile: string, stageLogger: Logger, earlier: StageView[]): StageContext<unknown> => ({
    stage: { id: stage.id, uses: stage.uses, blocking: stage.blocking },
    options: stage.options,
    workspace,
    outDir,
    serial: runSerial,
    source,
    env: stageEnv(opts.env, stage.passEnv),
    signal,
    logger: stageLogger,
    masker,
    runner: {
      run: (argv, o) =>
        runner.run(argv, {
          masker,
          logFile,
          signal,
          ...o,
          // Without an env of its own a process gets the stage's, never the engine's (the runner's credentials).
          env: o.env ?? stageEnv(opts.env, stage.passEnv),
          onLine: (line, stream) => {
            emit({ type: 'stage-output', stage: stage.id, line });
            o.onLine?.(line, stream);
          },
        }),
    },
    clock,
    earlier,
    baseline: () => baselines.load(stage.id),
    changes: getChanges,
  });
  /** A reused stage still completes from this run's later stages (e.g. a reused spec traces this run's tests). */
  const keepForCompletion = (stage: StageConfig, kind: AnyStageKind, outDir: string) => {
    if (!kind.complete) return;
    const logFile = path.join(outDir, STAGE_FILES.log);
    contexts.set(stage.id, { kind, ctx: makeContext(stage, outDir, logFile, stageLog(logFile, masker, logger, stage.id, () => undefined), [...views]) });
  };

  for (const [index, stage] of config.line.entries()) {
    const rec = writer.stage(stage.id);
    if (!selected.includes(stage)) {
      if (!opts.join && rec.state === 'pending') await writer.move(stage.id, 'skipped', `not selected (--only ${opts.only?.join(',')})`);
      if (rec.state !== 'pending') views.push(viewOf(rec));
      continue;
    }
    if (rec.state !== 'pending') {
      // Joining a record where this stage already ran (a step re-run in the same attempt) is refused.
      throw new UserError(`stage ${stage.id} already ran in run ${runSerial} (${rec.state}); a serial's stages run once`);
    }
    if (signal.aborted) {
      await writer.move(stage.id, 'cancelled', cancelReason());
      continue;
    }
    if (stoppedBy) {
      await writer.move(stage.id, 'skipped', `stopped by ${stoppedBy}`);
      views.push(viewOf(rec));
      continue;
    }
    const kind = registry.get(stage.uses);
    if (!kind) throw new InternalError(`stage kind ${stage.uses} passed config validation but is not registered`);
    const total = selected.length;
    const outDir = store.stageDir(runSerial, stage.id);
    // A joined record may hold a folder of an earlier attempt at this stage; a new run has none.
    if (opts.join) await rm(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });

    // Inputs digest: what decides whether an earlier result can stand in.
    let digest: string | null = null;
    let manifest: InputsManifest | null = null;
    let inputsError: string | null = null;
    try {
      const inputs = await kind.inputs(stage.options, { workspace, env: stageEnv(opts.env, stage.passEnv), runner, baseSha: source.baseSha });
      if (inputs) {
        // The baseline a stage compares with decides its result as much as its files do.
        const baseline = await baselines.load(stage.id).catch(() => null);
        const baselineBytes = baseline ? await baseline.read(BASELINE_ARTIFACT).catch(() => null) : null;
        const baselineId = baselineBytes ? createHash('sha256').update(baselineBytes).digest('hex') : null;
        const d = await digester.digest(stage.uses, stage.rawOptions, { ...inputs, extra: { kind: inputs.extra ?? null, baseline: baselineId } });
        digest = d.digest;
        manifest = d.manifest;
      }
    } catch (e) {
      inputsError = errorMessage(e);
    }
    rec.inputsDigest = digest;

    // Reuse from the parent (resume) or from the stage cache.
    let runNote = '';
    const beforeFrom = parent !== null && index < fromIndex;
    if (beforeFrom) {
      const prev = parent!.stages.find((s) => s.id === stage.id);
      const prevState = prev ? parentStageState(prev) : null;
      if (!prev) runNote = `not in parent run ${parent!.serial}`;
      else if (prevState !== 'passed' && prevState !== 'reused') runNote = `parent result was ${prevState}`;
      else if (!digest) runNote = inputsError ? `inputs could not be read: ${inputsError}` : 'no inputs declared, so an earlier result cannot be proven unchanged';
      else if (prev.inputsDigest !== digest) runNote = `inputs changed since ${parent!.serial}: ${explainInputsChange(await readManifest(parentDir(stage.id)), manifest!)}`;
      else {
        const from = prev.reusedFrom ?? parent!.serial;
        await cp(parentDir(stage.id), outDir, { recursive: true });
        const via = from === parent!.serial ? '' : ` (via parent ${parent!.serial})`;
        await writer.move(stage.id, 'reused', `inputs unchanged; result of ${from}${via}`, {
          reusedFrom: from,
          counts: prev.counts,
          tools: prev.tools,
          artifacts: await store.hashStage(runSerial, stage.id),
        });
        emit({ type: 'stage-end', stage: rec, index, total });
        keepForCompletion(stage, kind, outDir);
        views.push(viewOf(rec));
        continue;
      }
    }
    const fresh = parent !== null && index >= fromIndex;
    if (!beforeFrom && !fresh && digest && opts.cache) {
      const hit = await opts.cache.get(stage.id, digest).catch(() => null);
      if (hit && (hit.stage.state === 'passed' || hit.stage.state === 'reused')) {
        const from = hit.stage.reusedFrom ?? hit.serial;
        await cp(hit.dir, outDir, { recursive: true });
        await writer.move(stage.id, 'reused', `inputs unchanged; passed result of ${from} from the stage cache`, {
          reusedFrom: from,
          counts: hit.stage.counts,
          tools: hit.stage.tools,
          artifacts: await store.hashStage(runSerial, stage.id),
        });
        emit({ type: 'stage-end', stage: rec, index, total });
        keepForCompletion(stage, kind, outDir);
        views.push(viewOf(rec));
        continue;
      }
    }

    // Run it.
    await writer.move(stage.id, 'running', runNote ? `running (re-run: ${runNote})` : 'running');
    emit({ type: 'stage-start', stage: rec, index, total });
    const logFile = path.join(outDir, STAGE_FILES.log);
    const stageLogger = stageLog(logFile, masker, logger, stage.id, (line) => emit({ type: 'stage-output', stage: stage.id, line }));
    if (runNote) stageLogger.info(`re-run: ${runNote}`);
    if (manifest) await writeFile(path.join(outDir, STAGE_FILES.inputs), JSON.stringify(masker.maskDeep(manifest), null, 1));
    const ctx = makeContext(stage, outDir, logFile, stageLogger, [...views]);
    contexts.set(stage.id, { kind, ctx });

    let outcome: StageOutcome;
    if (inputsError) {
      outcome = { state: 'errored', reason: `could not read the stage's inputs: ${inputsError}` };
    } else {
      try {
        outcome = await kind.run(ctx);
      } catch (e) {
        if (e instanceof InternalError) throw e;
        outcome = { state: 'errored', reason: errorMessage(e).split('\n')[0] ?? 'error' };
        stageLogger.error(masker.mask(e instanceof Error && e.stack ? e.stack : errorMessage(e)));
      }
    }
    const finalState: StageState = signal.aborted ? 'cancelled' : outcome.state;
    const reason = masker.mask(signal.aborted ? cancelReason() : runNote ? `${outcome.reason} (re-run: ${runNote})` : outcome.reason);
    const counts = await writeOutcomeFiles(outDir, stage.id, outcome, masker);
    await writer.move(stage.id, finalState, reason, {
      counts,
      tools: outcome.tools ?? {},
      artifacts: await store.hashStage(runSerial, stage.id),
    });
    emit({ type: 'stage-end', stage: rec, index, total });
    views.push(viewOf(rec));
    if (finalState === 'passed' && digest && opts.cache) {
      await opts.cache.put(runSerial, rec, outDir).catch((e: unknown) => logger.warn(`stage cache: could not keep ${stage.id}: ${errorMessage(e)}`));
    }
    if (!letsLineContinue(finalState, stage.blocking) && finalState !== 'cancelled') stoppedBy = stage.id;
  }

  // End of line: stages fed by later ones (e.g. spec fed by regression) complete their results.
  if (!signal.aborted) {
    const finalViews = record.stages.map(viewOf);
    for (const [id, { kind, ctx }] of contexts) {
      if (!kind.complete) continue;
      const rec = writer.stage(id);
      if (rec.state !== 'passed' && rec.state !== 'failed' && rec.state !== 'reused') continue;
      let completion;
      try {
        completion = await kind.complete(ctx, finalViews);
      } catch (e) {
        ctx.logger.error(`end-of-line completion failed: ${errorMessage(e)}`);
        continue;
      }
      if (!completion) continue;
      const counts = await writeOutcomeFiles(ctx.outDir, id, { state: rec.state, reason: rec.reason, ...completion } as StageOutcome, masker, rec.counts);
      const patch: Partial<StageRecord> = { counts, completedAtEndOfLine: true, artifacts: await store.hashStage(runSerial, id) };
      // A reused result keeps its state: only results that ran here can turn at the end of the line.
      if (completion.state === 'failed' && rec.state === 'passed') {
        await writer.move(id, 'failed', masker.mask(completion.reason ?? 'failed at the end of the line'), patch, true);
      } else {
        Object.assign(rec, patch);
        if (completion.reason && rec.state !== 'reused') rec.reason = masker.mask(completion.reason);
        await writer.flush();
      }
    }
  }

  record.verdict = opts.join ? verdictOfJoined(record) : verdictOf(record.stages);
  record.nonBlockingFailures = record.stages.filter((s) => !s.blocking && (s.state === 'failed' || s.state === 'errored')).map((s) => s.id);
  if (record.verdict !== 'running') record.finishedAt = clock.now().toISOString();
  await writer.flush();
  await digester.save().catch(() => undefined);
  emit({ type: 'run-end', record });
  return record;
}

/** The serials of a parent and its ancestors in the store, and when the first of them was made. */
async function lineageOf(store: Store, parent: RunRecord | null): Promise<{ serials: string[]; rootCreatedAt?: string }> {
  const serials: string[] = [];
  let rec = parent;
  let root: RunRecord | null = null;
  while (rec && !serials.includes(rec.serial) && serials.length < 1000) {
    serials.push(rec.serial);
    root = rec;
    const up: string | undefined = rec.parent?.serial;
    rec = up ? await store.loadRecord(up).catch(() => null) : null;
  }
  return root ? { serials, rootCreatedAt: root.createdAt } : { serials };
}

/** When steps share a record, stages still pending belong to later steps: judge what ran so far. */
function verdictOfJoined(record: RunRecord): RunRecord['verdict'] {
  const ran = record.stages.filter((s) => s.state !== 'pending');
  const v = verdictOf(ran);
  return v === 'passed' && ran.length < record.stages.length ? 'running' : v;
}

function signalName(signal: AbortSignal): string | undefined {
  const r: unknown = signal.reason;
  return typeof r === 'string' && /^SIG[A-Z]+$/.test(r) ? r : undefined;
}

function stageLog(file: string, masker: Masker, parent: Logger, stageId: string, echo: (line: string) => void): Logger {
  const write = (level: string, message: string) => {
    const text = masker.mask(message);
    for (const line of text.split('\n')) {
      const l = level === 'info' ? line : `${level}: ${line}`;
      try {
        appendFileSync(file, l + '\n');
      } catch {
        // The stage folder is gone (cancelled run cleaning up): the console still has it.
      }
      echo(l);
    }
  };
  return {
    debug: (m) => parent.debug(`[${stageId}] ${masker.mask(m)}`),
    info: (m) => write('info', m),
    warn: (m) => {
      write('warning', m);
      parent.warn(`[${stageId}] ${masker.mask(m)}`);
    },
    error: (m) => {
      write('error', m);
    },
  };
}

/** Writes findings.sarif, result.json and baseline.json of an outcome; returns the counts with findings added. */
async function writeOutcomeFiles(
  outDir: string,
  stageId: string,
  outcome: StageOutcome | (StageOutcome & { counts?: Record<string, unknown> }),
  masker: Masker,
  previousCounts: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  // Every string that leaves for a file or the record is masked as a value (keys too), so the JSON stays valid.
  const counts: Record<string, unknown> = masker.maskDeep({ ...previousCounts, ...(outcome.counts ?? {}) });
  const findings: Finding[] | undefined = outcome.findings && masker.maskDeep(outcome.findings);
  // Synchronous writes: between stages nothing else runs, and small files cost less without the thread pool.
  if (findings) {
    const sarif = buildSarif(findings, { category: stageId, defaultTool: { name: 'andon', version: ANDON_VERSION } });
    writeFileSync(path.join(outDir, STAGE_FILES.sarif), JSON.stringify(sarif.log, null, 1));
    counts.findings = countFindings(findings);
    if (sarif.cut.length > 0) counts.sarifCut = sarif.cut;
  }
  if (outcome.result !== undefined) writeFileSync(path.join(outDir, STAGE_FILES.result), JSON.stringify(masker.maskDeep(outcome.result), null, 1));
  if (outcome.baseline !== undefined) writeFileSync(path.join(outDir, STAGE_FILES.baseline), JSON.stringify(masker.maskDeep(outcome.baseline)));
  return counts;
}
