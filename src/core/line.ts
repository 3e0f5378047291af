// The line engine: runs the stages of a config in order as an explicit state machine, writing the run record
// atomically after every transition, reusing unchanged stages, and stopping at the first blocking failure.
// runLine reads as its steps: open the record, resolve the parent, then per stage digest the inputs, try a
// reuse (parent or cache), else run the stage; at the end of the line, complete the stages later ones feed.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { ANDON_VERSION } from '../version.js';
import { judgedAtBase, type BaseJudgementCache } from './base-baselines.js';
import type { BaseTree } from './base-worktree.js';
import { firstOf, type BaselineRef, type BaselineSource } from './baseline-source.js';
import { committedBaselines, storeBaselines } from './baselines.js';
import { systemClock, type Clock } from './clock.js';
import type { LoadedConfig, StageConfig } from './config.js';
import { computeChangeSet, emptyChangeSet, type ChangeSet } from './diff.js';
import { errorMessage, InternalError, UserError } from './errors.js';
import type { Abandonable, ExitGuard } from './exit-guard.js';
import { explainInputsChange, InputsDigester, type InputsManifest } from './inputs-digest.js';
import { exitCodeOf, joinedVerdictOf, nonBlockingFailures, stopOf, stopsLine, verdictOf, type StageState } from './line-machine.js';
import { lineageOf } from './lineage.js';
import { silentLogger, type Logger } from './logger.js';
import { Masker } from './mask.js';
import { nodeProcessRunner, type ProcessRunner } from './process-runner.js';
import { RECORD_SCHEMA, type HostFacts, type RunRecord, type StageRecord, type WriterProcess } from './run-record.js';
import { RunWriter } from './run-writer.js';
import { localSerial } from './serial.js';
import { readSourceFacts, type SourceFacts } from './source.js';
import type { StageCache } from './stage-cache.js';
import { copyVerifiedStage } from './stage-copy.js';
import { StageDeadline, STOP_GRACE_MS, timeoutSecondsOf } from './stage-deadline.js';
import { stageEnv } from './stage-env.js';
import { readInputsManifest, STAGE_FILES, stageFile, writeInputsManifest, writeOutcome } from './stage-folder.js';
import type { AnyStageKind, InputsEnv, StageContext, StageOutcome, StageReads, StageRegistry, StageView } from './stage-kind.js';
import { stageLog } from './stage-log.js';
import { describeKeptOutputs, hasKeptOutputs, keepOutputs, outputsBefore, restoreOutputs } from './stage-outputs.js';
import { describeUncovered, StageReadLog, treeReads } from './stage-reads.js';
import type { Store } from './store.js';
import { writeFailureOf } from './write-failure.js';

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
  /** The process running the line (the entry point reads it): the record names it so a reader can tell an interrupted run. */
  writer: WriterProcess;
  /** Whether a process of this host is still running (the entry point knows): what a killed run left, a run removes. */
  isAlive?: (pid: number) => boolean;
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
  /** The parent ran code this run does not trust (a fork's pull request): its kept outputs are never restored. */
  parentUntrusted?: boolean;
  cache?: StageCache | null;
  /** Extra baseline sources tried after the committed files and the store (e.g. the GitHub cache), before judging the base. */
  baselineSources?: readonly BaselineSource[];
  /** Where judgements of stage kinds at base commits are kept; null or undefined = judge the base again every run. */
  baseCache?: BaseJudgementCache | null;
  /** A token that lets git fetch a base commit a shallow checkout lacks (that one command only; never persisted). */
  fetchToken?: string;
  /** Add to the record of `serial` if it exists (several steps of one job share one run). */
  join?: boolean;
  /** Source facts when already known (tests, or the action that read them once). */
  source?: SourceFacts;
  /** Remember file hashes between runs here; undefined = keep none. */
  statCacheFile?: string;
  /** Masks secrets in everything the run writes; defaults to the secret-like variables of `env`. */
  masker?: Masker;
  /** Held by the entry point: a process that ends while the line runs still finishes its record. */
  guard?: ExitGuard;
  onEvent?: (event: LineEvent) => void;
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

function hostFacts(env: Readonly<Record<string, string | undefined>>, writer: WriterProcess, given: Partial<HostFacts> | undefined): HostFacts {
  const onGitHub = env.GITHUB_ACTIONS === 'true';
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  return {
    kind: onGitHub ? 'github' : 'local',
    runId: onGitHub ? (env.GITHUB_RUN_ID ?? null) : null,
    runAttempt: onGitHub && env.GITHUB_RUN_ATTEMPT ? Number(env.GITHUB_RUN_ATTEMPT) : null,
    workflow: onGitHub ? (env.GITHUB_WORKFLOW ?? null) : null,
    job: onGitHub ? (env.GITHUB_JOB ?? null) : null,
    url: onGitHub && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : null,
    pid: writer.pid,
    hostname: writer.hostname,
    ...given,
  };
}

/** Stages of a parent run that a reader finds `running` were interrupted: treat them as cancelled. */
function parentStageState(stage: StageRecord): StageState {
  return stage.state === 'running' || stage.state === 'pending' ? 'cancelled' : stage.state;
}

/** The run being resumed: its record, where its stage folders are, and the index of the stage to run again from. */
interface ParentRun {
  record: RunRecord;
  fromStage: string;
  fromIndex: number;
  dirOf(stageId: string): string;
}

function stageIds(config: LoadedConfig): string {
  return config.line.map((s) => s.id).join(', ');
}

/** Step: the parent, when resuming; a stage to resume from that is not in the config is the user's mistake. */
async function resolveParent(opts: LineOptions): Promise<ParentRun | null> {
  const { resume, config, store } = opts;
  if (!resume) return null;
  const fromIndex = config.line.findIndex((s) => s.id === resume.fromStage);
  if (fromIndex < 0) throw new UserError(`--from ${resume.fromStage}: no such stage in ${config.path}; stages: ${stageIds(config)}`);
  const record = opts.parent ?? (await store.loadRecord(resume.serial));
  const base = opts.parentDir;
  const dirOf = base ? (id: string) => path.join(base, id) : (id: string) => store.stageDir(resume.serial, id);
  return { record, fromStage: resume.fromStage, fromIndex, dirOf };
}

/** Claims a new serial: the given one, or a new local one (a clash with a serial made in the same instant is retried). */
async function reserveSerial(store: Store, clock: Clock, given: string | undefined): Promise<string> {
  if (given) {
    await store.reserve(given);
    return given;
  }
  for (let attempt = 0; ; attempt++) {
    const serial = localSerial(clock.now());
    try {
      await store.reserve(serial);
      return serial;
    } catch (e) {
      if (attempt > 5) throw e;
    }
  }
}

/** Step: the record, new under a new serial, or the existing record of the given serial when steps join one run. */
async function openRecord(opts: LineOptions, parent: ParentRun | null, source: SourceFacts, clock: Clock): Promise<RunRecord> {
  const { store, config } = opts;
  if (opts.serial && opts.join && (await store.hasRun(opts.serial))) {
    const record = await store.loadRecord(opts.serial);
    for (const s of config.line) if (!record.stages.some((x) => x.id === s.id)) record.stages.push(newStageRecord(s));
    record.verdict = 'running';
    record.finishedAt = null;
    return record;
  }
  const serial = await reserveSerial(store, clock, opts.serial);
  return {
    schema: RECORD_SCHEMA,
    serial,
    parent: parent ? { serial: parent.record.serial, fromStage: parent.fromStage } : null,
    createdAt: clock.now().toISOString(),
    finishedAt: null,
    verdict: 'running',
    nonBlockingFailures: [],
    source: {
      repo: source.repo,
      sha: source.sha,
      ref: source.ref,
      baseRef: source.baseRef,
      baseSha: source.baseSha,
      pr: source.pr,
      dirty: source.dirty,
      ...(source.baseNote ? { baseNote: source.baseNote } : {}),
    },
    host: hostFacts(opts.env, opts.writer, opts.host),
    config: { path: config.path, digest: config.digest },
    tool: { name: 'andon', version: ANDON_VERSION, node: opts.writer.node },
    stages: config.line.map(newStageRecord),
    transitions: [],
  };
}

export async function runLine(opts: LineOptions): Promise<RunRecord> {
  for (const id of opts.only ?? []) {
    if (!opts.config.line.some((s) => s.id === id)) throw new UserError(`--only ${id}: no such stage; stages: ${stageIds(opts.config)}`);
  }
  const clock = opts.clock ?? systemClock;
  const parent = await resolveParent(opts);
  const source = opts.source ?? (await readSourceFacts(opts.workspace, opts.env, { base: opts.config.base, fetchToken: opts.fetchToken }));
  const record = await openRecord(opts, parent, source, clock);
  const line = new LineRun(opts, clock, record, parent, source, await lineageOf(opts.store, parent?.record ?? null));
  return line.run();
}

/**
 * A stage's baseline, loaded once per run: what keys its inputs digest (the bytes' hash, or the identity of a
 * baseline judged at the base, made only when the stage asks for it) is what feeds the stage.
 */
type LoadedBaseline = { ref: BaselineRef | null; identity: string | null; bytes: () => Promise<Buffer | null> } | { error: unknown };

/** What a stage's inputs are, by digest; a stage whose inputs cannot be read errors, one without inputs is never reused. */
interface StageInputsDigest {
  digest: string | null;
  manifest: InputsManifest | null;
  error: string | null;
  /** Without a digest (and no error): why an earlier result cannot stand in, and what the user can do about it. */
  none?: string;
}

/** An earlier result of a stage that may stand in for running it, from the parent (resume) or the stage cache. */
interface Candidate {
  from: 'parent' | 'cache';
  serial: string;
  reason: string;
  stage: StageRecord;
  dir: string;
}

/** The candidates in the order they are tried, and why there are no (other) ones; the note says why the stage runs. */
interface Candidates {
  list: Candidate[];
  note: string;
}

/** Why an earlier result of a kind without a digest cannot be reused: the kind says, else what its options allow. */
function whyNoInputs(kind: AnyStageKind, options: unknown): string {
  const own = kind.whyNotReusable?.(options);
  if (own) return own;
  const shape = (kind.options as { shape?: Record<string, unknown> }).shape;
  return shape && 'inputs' in shape
    ? 'no inputs declared: list the files its result depends on in `with.inputs` so that an unchanged result can be reused'
    : `a ${kind.name} stage with these options declares no inputs, so an earlier result cannot be proven unchanged: it runs every time`;
}

/** One run of the line: the state the steps share. */
class LineRun implements Abandonable {
  private readonly logger: Logger;
  private readonly runner: ProcessRunner;
  private readonly signal: AbortSignal;
  private readonly masker: Masker;
  private readonly writer: RunWriter;
  private readonly digester: InputsDigester;
  private readonly baselineSource: BaselineSource;
  private readonly baselines = new Map<string, Promise<LoadedBaseline>>();
  /** Each stage's tool cache folder, opened when the stage first asks for it. */
  private readonly toolDirs = new Map<string, Promise<string | null>>();
  private changes: Promise<ChangeSet> | undefined;
  private readonly selected: StageConfig[];
  private readonly views: StageView[] = [];
  /** Stages whose kind completes at the end of the line, with the context they ran (or were reused) with. */
  private readonly contexts = new Map<string, { kind: AnyStageKind; ctx: StageContext<unknown> }>();
  /** Each running stage's own signal (its deadline): work done for it elsewhere (judging the base) stops with it. */
  private readonly stageSignals = new Map<string, AbortSignal>();
  private stoppedBy: string | null = null;

  constructor(
    private readonly opts: LineOptions,
    private readonly clock: Clock,
    private readonly record: RunRecord,
    private readonly parent: ParentRun | null,
    private readonly source: SourceFacts,
    lineage: { serials: string[]; rootCreatedAt?: string },
  ) {
    this.logger = opts.logger ?? silentLogger;
    this.runner = opts.runner ?? nodeProcessRunner;
    this.signal = opts.signal ?? new AbortController().signal;
    this.masker = opts.masker ?? Masker.fromEnv(opts.env);
    this.writer = new RunWriter(record, opts.store, clock);
    // The run's own folders are never inputs, wherever they are configured.
    const runFolders = [opts.store.root, ...(opts.cache?.root ? [opts.cache.root] : []), ...(opts.statCacheFile ? [path.dirname(opts.statCacheFile)] : [])];
    this.digester = new InputsDigester(opts.workspace, opts.statCacheFile, opts.env, runFolders);
    this.baselineSource = firstOf([
      committedBaselines(opts.workspace),
      storeBaselines(opts.store, opts.config.path, new Set([record.serial, ...lineage.serials])),
      ...(opts.baselineSources ?? []),
      judgedAtBase({
        workspace: opts.workspace,
        env: opts.env,
        cache: opts.baseCache ?? null,
        logger: this.logger,
        signal: this.signal,
        stageOf: (id) => opts.config.line.find((s) => s.id === id),
        kindOf: (uses) => opts.registry.get(uses),
        inputsEnv: (stage) => this.inputsEnv(stage),
        contextAt: (stage, tree) => this.contextAt(stage, tree),
        ...(opts.isAlive ? { owner: { pid: opts.writer.pid, host: opts.writer.hostname, isAlive: opts.isAlive } } : {}),
      }),
    ]);
    this.selected = opts.config.line.filter((s) => !opts.only || opts.only.includes(s.id));
  }

  private emit(e: LineEvent): void {
    this.opts.onEvent?.(e);
  }

  async run(): Promise<RunRecord> {
    const release = this.opts.guard?.hold(this);
    try {
      await this.writer.flush();
      this.emit({ type: 'run-start', record: this.record });
      for (const [index, stage] of this.opts.config.line.entries()) await this.visit(stage, index);
      if (!this.signal.aborted) await this.completeAtEndOfLine();
      return await this.finish();
    } catch (e) {
      // Whatever stopped the line (an unwritable store, a bug), the record it leaves is a finished one.
      try {
        this.abandon(`the line stopped: ${errorMessage(e).split('\n')[0]}`);
      } catch {
        // The record itself cannot be written: the error that says why goes on.
      }
      throw e;
    } finally {
      release?.();
    }
  }

  /**
   * Ends the record at once (the process is ending, or the line stopped on an error): the running stage errored with
   * the reason (cancelled when the run was), the stages after it skipped past a stop or never run. Synchronous.
   */
  abandon(reason: string): number {
    const selected = (id: string) => this.selected.some((c) => c.id === id);
    // Steps that join one record own only their stages; a run of its own owns them all.
    const mine = this.record.stages.filter((s) => !this.opts.join || selected(s.id));
    for (const s of mine) {
      if (s.state === 'running') this.writer.moveNow(s.id, this.signal.aborted ? 'cancelled' : 'errored', this.masker.mask(this.signal.aborted ? this.cancelReason() : reason));
    }
    for (const s of mine) {
      if (s.state !== 'pending') continue;
      const stop = stopOf(this.record.stages);
      if (!selected(s.id)) this.writer.moveNow(s.id, 'skipped', this.notSelected());
      else this.writer.moveNow(s.id, stop ? 'skipped' : 'cancelled', stop ? `stopped by ${stop.id}` : this.masker.mask(`never ran: ${reason}`));
    }
    const { record } = this;
    record.verdict = this.opts.join ? joinedVerdictOf(record.stages) : verdictOf(record.stages);
    record.nonBlockingFailures = nonBlockingFailures(record.stages);
    if (record.verdict !== 'running') record.finishedAt = this.clock.now().toISOString();
    this.writer.writeNow();
    return exitCodeOf(mine);
  }

  private viewOf(s: StageRecord): StageView {
    return { id: s.id, uses: s.uses, blocking: s.blocking, state: s.state, dir: this.opts.store.stageDir(this.record.serial, s.id), counts: s.counts };
  }

  private notSelected(): string {
    return `not selected (--only ${this.opts.only?.join(',')})`;
  }

  private cancelReason(): string {
    const r: unknown = this.signal.reason;
    const name = typeof r === 'string' && /^SIG[A-Z]+$/.test(r) ? r : undefined;
    return `cancelled${name ? ` by ${name}` : ''}`;
  }

  /** One stage in line order: not selected, already run, cancelled, skipped past a stop, or run. */
  private async visit(stage: StageConfig, index: number): Promise<void> {
    const rec = this.writer.stage(stage.id);
    if (!this.selected.includes(stage)) {
      if (!this.opts.join && rec.state === 'pending') await this.writer.move(stage.id, 'skipped', this.notSelected());
      if (rec.state !== 'pending') this.views.push(this.viewOf(rec));
      return;
    }
    if (rec.state !== 'pending') {
      // Joining a record where this stage already ran (a step re-run in the same attempt) is refused.
      throw new UserError(`stage ${stage.id} already ran in run ${this.record.serial} (${rec.state}); a serial's stages run once`);
    }
    if (this.signal.aborted) {
      await this.writer.move(stage.id, 'cancelled', this.cancelReason());
      return;
    }
    if (this.stoppedBy) {
      await this.writer.move(stage.id, 'skipped', `stopped by ${this.stoppedBy}`);
      this.views.push(this.viewOf(rec));
      return;
    }
    const kind = this.opts.registry.get(stage.uses);
    if (!kind) throw new InternalError(`stage kind ${stage.uses} passed config validation but is not registered`);
    await this.runStage(stage, index, kind);
  }

  /** Steps of one stage: a clean folder, its inputs digest, a reuse when one stands (verified), else a run. */
  private async runStage(stage: StageConfig, index: number, kind: AnyStageKind): Promise<void> {
    const outDir = this.opts.store.stageDir(this.record.serial, stage.id);
    // A joined record may hold a folder of an earlier attempt at this stage; a new run has none.
    if (this.opts.join) await rm(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    const inputs = await this.digestInputs(stage, kind);
    this.writer.stage(stage.id).inputsDigest = inputs.digest;
    const candidates = await this.candidates(stage, index, inputs);
    const notes = candidates.note ? [candidates.note] : [];
    let adopted = false;
    for (const c of candidates.list) {
      const why = await this.adopt(stage, index, kind, outDir, c);
      if (why === null) {
        adopted = true;
        break;
      }
      notes.push(why);
      // Nothing of a result that was not taken stays in this run's folder.
      await rm(outDir, { recursive: true, force: true });
      mkdirSync(outDir, { recursive: true });
    }
    if (!adopted) await this.execute(stage, index, kind, outDir, inputs, notes.join('; '));
    // Only a stage that completes at the end of the line asks for its baseline again.
    if (!kind.complete) this.baselines.delete(stage.id);
  }

  /** The stage's baseline, loaded on first use and kept for the run; always of the base commit, never of HEAD. */
  private baseline(stageId: string): Promise<LoadedBaseline> {
    let loaded = this.baselines.get(stageId);
    if (!loaded) {
      const uses = this.opts.config.line.find((s) => s.id === stageId)?.uses ?? '';
      const { baseSha, sha } = this.source;
      loaded = this.baselineSource
        .load({ stageId, uses, baseSha: baseSha === sha ? null : baseSha })
        .then(async (ref): Promise<LoadedBaseline> => {
          if (ref?.identity) {
            let bytes: Promise<Buffer | null> | undefined;
            return { ref, identity: ref.identity, bytes: () => (bytes ??= ref.read(STAGE_FILES.baseline)) };
          }
          const bytes = ref ? await ref.read(STAGE_FILES.baseline) : null;
          return { ref, identity: bytes ? createHash('sha256').update(bytes).digest('hex') : null, bytes: async () => bytes };
        })
        .catch((error: unknown) => ({ error }));
      this.baselines.set(stageId, loaded);
    }
    return loaded;
  }

  /** The baseline as a stage sees it: its baseline.json is what the inputs digest was made with. */
  private async baselineRef(stageId: string): Promise<BaselineRef | null> {
    const loaded = await this.baseline(stageId);
    if ('error' in loaded) throw loaded.error;
    const { ref, bytes } = loaded;
    if (!ref) return null;
    return { ...ref, read: async (name) => (name === STAGE_FILES.baseline ? bytes() : ref.read(name)) };
  }

  private inputsEnv(stage: StageConfig): InputsEnv {
    return { workspace: this.opts.workspace, env: stageEnv(this.opts.env, stage.passEnv), runner: this.runner, baseSha: this.source.baseSha };
  }

  /** The stage's context moved to the base tree: judged whole there, with no baseline of its own. */
  private contextAt(stage: StageConfig, tree: BaseTree): StageContext<unknown> {
    const logFile = path.join(tree.scratch, STAGE_FILES.log);
    const logger = stageLog(logFile, this.masker, this.logger, `${stage.id} at the base`, () => undefined);
    const whole = emptyChangeSet(`the base ${tree.sha.slice(0, 7)} is judged whole`);
    // The stage's own deadline when it is running (its baseline is asked for inside it), else the line's.
    const signal = this.stageSignals.get(stage.id) ?? this.signal;
    const ctx = this.contextFor(stage, tree.scratch, logFile, logger, signal, treeReads(tree.root));
    const { masker, runner } = this;
    return {
      ...ctx,
      workspace: tree.root,
      // What the tools say at the base goes to the base's own log, never to the stage's output.
      runner: { run: (argv, o) => runner.run(argv, { masker, logFile, signal, ...o, env: o.env ?? ctx.env }) },
      source: { ...this.source, sha: tree.sha, baseSha: null, dirty: false, onBaseBranch: false, baseNote: 'judged at the base' },
      earlier: [],
      baseline: async () => null,
      changes: async () => whole,
      // Per-file tool results are kept by path in the workspace: the base tree has paths of its own.
      toolCache: async () => null,
    };
  }

  /** Step: the inputs digest, what decides whether an earlier result can stand in. */
  private async digestInputs(stage: StageConfig, kind: AnyStageKind): Promise<StageInputsDigest> {
    const { workspace } = this.opts;
    try {
      const env = stageEnv(this.opts.env, stage.passEnv);
      const inputs = await kind.inputs(stage.options, { workspace, env, runner: this.runner, baseSha: this.source.baseSha });
      if (!inputs) return { digest: null, manifest: null, error: null, none: whyNoInputs(kind, stage.options) };
      // The baseline a stage compares with decides its result as much as its files do.
      const loaded = await this.baseline(stage.id);
      // Not loaded: no digest can prove an earlier result; the stage meets the same error when it asks.
      if ('error' in loaded) return { digest: null, manifest: null, error: null, none: 'its baseline could not be loaded' };
      // Declared outputs key the result (a result kept without them cannot restore them) and are not its inputs.
      const outputs = stage.outputs.length > 0 ? { outputs: stage.outputs } : {};
      const extra = { kind: inputs.extra ?? null, baseline: loaded.identity, ...outputs };
      const d = await this.digester.digest(stage.uses, stage.rawOptions, { ...inputs, extra }, stage.outputs);
      return { digest: d.digest, manifest: d.manifest, error: null };
    } catch (e) {
      return { digest: null, manifest: null, error: errorMessage(e) };
    }
  }

  /**
   * Step: the earlier results that may stand in for running the stage, in the order they are tried: before the stage
   * a resume starts from, the parent's; after it (and when the parent's cannot), the stage cache's. The stage a resume
   * starts from always runs.
   */
  private async candidates(stage: StageConfig, index: number, inputs: StageInputsDigest): Promise<Candidates> {
    const { parent } = this;
    const list: Candidate[] = [];
    let note = '';
    if (parent && index === parent.fromIndex) return { list, note };
    if (parent && index < parent.fromIndex) {
      const p = await this.fromParent(stage, parent, inputs);
      if ('note' in p) note = p.note;
      else list.push(p);
    }
    const cached = await this.fromCache(stage, inputs);
    if (cached) list.push(cached);
    return { list, note };
  }

  private async fromCache(stage: StageConfig, inputs: StageInputsDigest): Promise<Candidate | null> {
    const cache = this.opts.cache;
    if (!inputs.digest || !cache) return null;
    const hit = await cache.get(stage.id, inputs.digest).catch(() => null);
    if (!hit || (hit.stage.state !== 'passed' && hit.stage.state !== 'reused') || hit.stage.notReusable) return null;
    const from = hit.stage.reusedFrom ?? hit.serial;
    return { from: 'cache', serial: from, reason: `inputs unchanged; passed result of ${from} from the stage cache`, stage: hit.stage, dir: hit.dir };
  }

  private async fromParent(stage: StageConfig, parent: ParentRun, inputs: StageInputsDigest): Promise<Candidate | { note: string }> {
    const p = parent.record;
    const prev = p.stages.find((s) => s.id === stage.id);
    if (!prev) return { note: `not in parent run ${p.serial}` };
    const prevState = parentStageState(prev);
    if (prevState !== 'passed' && prevState !== 'reused') return { note: `parent result was ${prevState}` };
    if (!inputs.digest) return { note: inputs.error ? `inputs could not be read: ${inputs.error}` : (inputs.none ?? 'no inputs digest') };
    if (prev.notReusable) return { note: `the result of ${p.serial} is not reusable: ${prev.notReusable}` };
    if (prev.inputsDigest !== inputs.digest) {
      return { note: `inputs changed since ${p.serial}: ${explainInputsChange(await readInputsManifest(parent.dirOf(stage.id)), inputs.manifest!)}` };
    }
    const from = prev.reusedFrom ?? p.serial;
    const via = from === p.serial ? '' : ` (via parent ${p.serial})`;
    return { from: 'parent', serial: from, reason: `inputs unchanged; result of ${from}${via}`, stage: prev, dir: parent.dirOf(stage.id) };
  }

  /**
   * Step: take an earlier result as this run's when its folder still holds exactly the files its record hashed:
   * copied, its declared outputs written back into the workspace. Returns why not, when it cannot stand in.
   */
  private async adopt(stage: StageConfig, index: number, kind: AnyStageKind, outDir: string, reuse: Candidate): Promise<string | null> {
    const whose = reuse.from === 'parent' ? `the result of ${this.parent!.record.serial}` : `the cached result of ${reuse.serial}`;
    const copied = await copyVerifiedStage(reuse.dir, stage.id, reuse.stage.artifacts, outDir);
    if (!copied.ok) return `${whose} is not trusted: ${copied.why}`;
    // A parent that ran code this run does not trust (a fork's) never writes files into this workspace.
    if (reuse.from === 'parent' && this.opts.parentUntrusted && hasKeptOutputs(outDir)) return `${whose} ran code from a fork: its outputs are not written into this workspace`;
    const restored = await restoreOutputs(outDir, this.opts.workspace, stage.outputs, (rel) => this.digester.inRunFolder(rel));
    if (!restored.ok) return `${whose} could not restore its outputs: ${restored.why}`;
    if (restored.restored > 0) this.digester.invalidate();
    const outputs = restored.restored + restored.unchanged > 0 ? `; outputs restored: ${restored.restored} written, ${restored.unchanged} already there` : '';
    const rec = await this.writer.move(stage.id, 'reused', `${reuse.reason}${outputs}`, {
      reusedFrom: reuse.serial,
      counts: reuse.stage.counts,
      tools: reuse.stage.tools,
      artifacts: reuse.stage.artifacts,
    });
    this.emit({ type: 'stage-end', stage: rec, index, total: this.selected.length });
    // A reused stage still completes from this run's later stages (e.g. a reused spec traces this run's tests).
    if (kind.complete) {
      const logFile = stageFile(outDir, 'log');
      const logger = stageLog(logFile, this.masker, this.logger, stage.id, () => undefined);
      this.contexts.set(stage.id, { kind, ctx: this.contextFor(stage, outDir, logFile, logger, this.signal, new StageReadLog(this.opts.workspace, this.digester)) });
    }
    this.views.push(this.viewOf(rec));
    return null;
  }

  /** A stage's context; `signal` is the stage's own (its deadline) or the line's; `reads` records what it reads. */
  private contextFor(
    stage: StageConfig,
    outDir: string,
    logFile: string,
    logger: Logger,
    signal: AbortSignal,
    reads: StageReads,
    onWriteError: (e: NodeJS.ErrnoException) => void = () => undefined,
  ): StageContext<unknown> {
    const { workspace } = this.opts;
    const { masker, runner } = this;
    // The runner's credentials are withheld from the stage and from every process it starts (passEnv lets one through).
    const env = stageEnv(this.opts.env, stage.passEnv);
    const emit = (e: LineEvent) => this.emit(e);
    return {
      stage: { id: stage.id, uses: stage.uses, blocking: stage.blocking },
      options: stage.options,
      workspace,
      outDir,
      serial: this.record.serial,
      source: this.source,
      env,
      signal,
      logger,
      masker,
      runner: {
        run: async (argv, o) => {
          const res = await runner.run(argv, {
            masker,
            logFile,
            signal,
            ...o,
            env: o.env ?? env,
            onLine: (line, stream) => {
              emit({ type: 'stage-output', stage: stage.id, line });
              o.onLine?.(line, stream);
            },
          });
          if (res.logError) onWriteError(res.logError);
          return res;
        },
      },
      clock: this.clock,
      earlier: [...this.views],
      baseline: () => this.baselineRef(stage.id),
      toolCache: () => this.toolCache(stage.id),
      changes: () => (this.changes ??= computeChangeSet(workspace, this.source.baseSha, env)),
      reads,
      workspaceFiles: () => this.digester.files(),
    };
  }

  /**
   * Step: run the stage and record its outcome; a blocking failure stops the line after it. A result that read files
   * its digest did not cover is recorded as not reusable and never cached; a write that failed (a full disk, a
   * file-size limit) errors the stage with what to do.
   */
  private async execute(stage: StageConfig, index: number, kind: AnyStageKind, outDir: string, inputs: StageInputsDigest, runNote: string): Promise<void> {
    const { masker, signal } = this;
    const total = this.selected.length;
    let rec = await this.writer.move(stage.id, 'running', runNote ? `running (re-run: ${runNote})` : 'running');
    this.emit({ type: 'stage-start', stage: rec, index, total });
    const logFile = stageFile(outDir, 'log');
    let writeError: NodeJS.ErrnoException | null = null;
    const onWriteError = (e: NodeJS.ErrnoException) => void (writeError ??= e);
    const logger = stageLog(logFile, masker, this.logger, stage.id, (line) => this.emit({ type: 'stage-output', stage: stage.id, line }), onWriteError);
    if (runNote) logger.info(`re-run: ${runNote}`);
    const reads = new StageReadLog(this.opts.workspace, this.digester);
    const deadline = new StageDeadline(signal, timeoutSecondsOf(stage.options));
    this.stageSignals.set(stage.id, deadline.signal);
    const ctx = this.contextFor(stage, outDir, logFile, logger, deadline.signal, reads, onWriteError);
    this.contexts.set(stage.id, { kind, ctx });

    let outcome: StageOutcome = { state: 'errored', reason: 'not run' };
    let counts: Record<string, unknown> = {};
    const inRunFolder = (rel: string) => this.digester.inRunFolder(rel);
    try {
      // What the outputs' globs match before the stage starts: a file it leaves as it found it is not its output.
      const before = await outputsBefore(this.opts.workspace, stage.outputs, inRunFolder);
      if (inputs.manifest) writeInputsManifest(outDir, masker.maskDeep(inputs.manifest));
      outcome = inputs.error ? { state: 'errored', reason: `could not read the stage's inputs: ${inputs.error}` } : await this.outcomeOf(kind, ctx, deadline);
      // What a stopped tool left in its cache folder is not kept.
      if (!deadline.signal.aborted) await this.keepToolCache(stage.id);
      if (stage.outputs.length > 0) {
        logger.info(describeKeptOutputs(await keepOutputs(this.opts.workspace, stage.outputs, outDir, inRunFolder, before, outcome.state === 'passed' && !deadline.signal.aborted)));
      }
      counts = writeOutcome(outDir, stage.id, outcome, masker);
    } catch (e) {
      if (!writeFailureOf(e)) throw e;
      onWriteError(e as NodeJS.ErrnoException);
    }
    const failedWrite = writeFailureOf(writeError);
    if (failedWrite) outcome = { state: 'errored', reason: `could not write the stage's files in ${outDir}: ${failedWrite.what}; ${failedWrite.fix}`, tools: outcome.tools ?? {} };
    // What the stage read beyond its digest could change its result unseen: such a result never stands in for a run.
    const uncovered = inputs.manifest ? reads.uncovered(inputs.manifest) : [];
    const notReusable = uncovered.length > 0 ? describeUncovered(uncovered) : undefined;
    if (notReusable) logger.warn(`this result will not be reused: ${notReusable}`);
    const finalState: StageState = signal.aborted ? 'cancelled' : outcome.state;
    const reason = masker.mask(signal.aborted ? this.cancelReason() : runNote ? `${outcome.reason} (re-run: ${runNote})` : outcome.reason);
    rec = await this.writer.move(stage.id, finalState, reason, {
      counts,
      tools: outcome.tools ?? {},
      artifacts: await this.opts.store.hashStage(this.record.serial, stage.id),
      ...(notReusable ? { notReusable: masker.mask(notReusable) } : {}),
    });
    // The stage may have written files later stages read: the next digest lists the workspace again.
    this.digester.invalidate();
    this.emit({ type: 'stage-end', stage: rec, index, total });
    this.views.push(this.viewOf(rec));
    if (finalState === 'passed' && inputs.digest && !notReusable && this.opts.cache) {
      await this.opts.cache.put(this.record.serial, rec, outDir).catch((e: unknown) => this.logger.warn(`stage cache: could not keep ${stage.id}: ${errorMessage(e)}`));
    }
    if (stopsLine({ state: finalState, blocking: stage.blocking })) this.stoppedBy = stage.id;
  }

  /**
   * A stage kind's outcome under the stage's deadline; an exception is the stage erroring with its message (a bug in
   * Andon still throws). Past the deadline the stage is errored, keeping what it said it did; one that does not stop
   * within the grace is left behind.
   */
  private async outcomeOf(kind: AnyStageKind, ctx: StageContext<unknown>, deadline: StageDeadline): Promise<StageOutcome> {
    const settled = await deadline.settle(this.ranOutcome(kind, ctx));
    const late = deadline.timedOut ? `timed out after ${deadline.seconds}s` : null;
    if (settled.kind === 'left') {
      const left = `${late ?? 'cancelled'}; the stage did not stop within ${STOP_GRACE_MS / 1000} s and was left behind`;
      ctx.logger.error(left);
      return { state: 'errored', reason: left };
    }
    return late ? { ...settled.value, state: 'errored', reason: late } : settled.value;
  }

  private async ranOutcome(kind: AnyStageKind, ctx: StageContext<unknown>): Promise<StageOutcome> {
    try {
      return await kind.run(ctx);
    } catch (e) {
      if (e instanceof InternalError) throw e;
      ctx.logger.error(this.masker.mask(e instanceof Error && e.stack ? e.stack : errorMessage(e)));
      return { state: 'errored', reason: errorMessage(e).split('\n')[0] ?? 'error' };
    }
  }

  /** The stage's tool cache folder, opened (restored) on first use; none without a stage cache. */
  private toolCache(stageId: string): Promise<string | null> {
    let dir = this.toolDirs.get(stageId);
    if (!dir) {
      const cache = this.opts.cache;
      dir = cache?.toolDir
        ? cache.toolDir(stageId).catch((e: unknown) => {
            this.logger.warn(`tool cache of ${stageId}: not opened: ${errorMessage(e)}`);
            return null;
          })
        : Promise.resolve(null);
      this.toolDirs.set(stageId, dir);
    }
    return dir;
  }

  /** Keeps what the stage's tools left in their cache folder, when the stage asked for one. */
  private async keepToolCache(stageId: string): Promise<void> {
    const dir = await this.toolDirs.get(stageId);
    const cache = this.opts.cache;
    if (!dir || !cache?.keepToolDir) return;
    await cache.keepToolDir(stageId, dir).catch((e: unknown) => this.logger.warn(`tool cache of ${stageId}: not kept: ${errorMessage(e)}`));
  }

  /** Step: at the end of the line, stages fed by later ones (e.g. spec fed by regression) complete their results. */
  private async completeAtEndOfLine(): Promise<void> {
    const finalViews = this.record.stages.map((s) => this.viewOf(s));
    for (const [id, { kind, ctx }] of this.contexts) {
      if (!kind.complete) continue;
      const rec = this.writer.stage(id);
      if (rec.state !== 'passed' && rec.state !== 'failed' && rec.state !== 'reused') continue;
      let completion;
      const started = this.clock.now().getTime();
      try {
        completion = await kind.complete(ctx, finalViews);
      } catch (e) {
        ctx.logger.error(`end-of-line completion failed: ${errorMessage(e)}`);
        continue;
      }
      if (!completion) continue;
      let counts = rec.counts;
      let writeFailed = false;
      try {
        counts = writeOutcome(ctx.outDir, id, completion, this.masker, rec.counts);
      } catch (e) {
        const failed = writeFailureOf(e);
        if (!failed) throw e;
        // The folder may be half rewritten: the record hashes what is there and the stage cannot pass.
        const reason = `could not write the stage's files at the end of the line in ${ctx.outDir}: ${failed.what}; ${failed.fix}`;
        completion = { state: 'failed' as const, reason };
        writeFailed = true;
        ctx.logger.error(reason);
      }
      // The stage's own time: its run and its completion, not the stages that ran between them.
      const durationMs = (rec.durationMs ?? 0) + Math.max(0, this.clock.now().getTime() - started);
      const patch: Partial<StageRecord> = { counts, durationMs, completedAtEndOfLine: true, artifacts: await this.opts.store.hashStage(this.record.serial, id) };
      // A reused result keeps its state: only results that ran here can turn at the end of the line.
      if (completion.state === 'failed' && rec.state === 'passed') {
        await this.writer.move(id, 'failed', this.masker.mask(completion.reason ?? 'failed at the end of the line'), patch, true);
      } else {
        Object.assign(rec, patch);
        if (completion.reason && (rec.state !== 'reused' || writeFailed)) rec.reason = this.masker.mask(completion.reason);
        await this.writer.flush();
      }
    }
  }

  /** Step: the verdict, written with the record; the file hashes kept for the next run. */
  private async finish(): Promise<RunRecord> {
    const { record } = this;
    record.verdict = this.opts.join ? joinedVerdictOf(record.stages) : verdictOf(record.stages);
    record.nonBlockingFailures = nonBlockingFailures(record.stages);
    if (record.verdict !== 'running') record.finishedAt = this.clock.now().toISOString();
    await this.writer.flush();
    await this.digester.save().catch(() => undefined);
    this.emit({ type: 'run-end', record });
    return record;
  }
}
