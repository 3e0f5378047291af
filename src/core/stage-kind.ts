// The contract between the engine and a stage kind: options schema, declared inputs, run, end-of-line completion.
import type { z } from 'zod';
import type { Clock } from './clock.js';
import type { Finding } from './findings.js';
import type { Logger } from './logger.js';
import type { Masker } from './mask.js';
import type { ProcessRunner } from './process-runner.js';
import type { SourceFacts } from './source.js';
import type { StageState } from './line-machine.js';
import type { ChangeSet } from './diff.js';
import type { BaselineRef } from './baseline-source.js';
import type { GuardRefusal } from './guarded-read.js';
import type { WorkspaceListing } from './workspace-files.js';
import type { SourcePosition, UserError } from './errors.js';

/** What decides whether an earlier result of a stage can be reused (DESIGN.md "Resume and reuse"). */
export interface StageInputs {
  /** Globs relative to the workspace whose content the result depends on. */
  files: string[];
  /** Versions of the tools the stage uses, e.g. { eslint: "9.39.1" }. */
  tools?: Record<string, string>;
  /** Anything else the result depends on beyond the options (which the engine adds itself). */
  extra?: unknown;
}

/** What reading one workspace file through the stage's reader found; `path` is where the bytes really are (links resolved). */
export type InputRead = { kind: 'ok'; path: string; bytes: Buffer } | GuardRefusal;

/**
 * The files a stage reads, recorded as it reads them (DESIGN.md "Resume and reuse"). Every workspace file a stage
 * reads itself goes through `read`; files a tool it started has read are told with `note`. After the run the engine
 * checks that each of them was part of the inputs digest with the same content; a result that read anything else
 * is kept, but never reused or cached, and its record says why.
 */
export interface StageReads {
  /** Reads a workspace file through the guarded reader (a regular file, inside the workspace through its links, at most `maxBytes`). */
  read(file: string, limits: { maxBytes: number }): InputRead;
  /** Files (workspace-relative or absolute) a tool the stage ran has read; their content is identified when they are told. */
  note(files: readonly string[]): Promise<void>;
}

export interface StageView {
  id: string;
  uses: string;
  blocking: boolean;
  state: StageState;
  /** Absolute folder of the stage's artifacts in this run (findings.sarif, result.json, log.txt, ...). */
  dir: string;
  counts: Record<string, unknown>;
}

export interface StageContext<O> {
  stage: { id: string; uses: string; blocking: boolean };
  options: O;
  /** Absolute path of the workspace (repository root). */
  workspace: string;
  /** Absolute folder where this stage writes its artifacts; every file in it is hashed into the record. */
  outDir: string;
  serial: string;
  source: SourceFacts;
  env: Readonly<Record<string, string | undefined>>;
  signal: AbortSignal;
  /** Lines said here go to the stage's log.txt (masked) and to the user's console. */
  logger: Logger;
  masker: Masker;
  runner: ProcessRunner;
  clock: Clock;
  /** Stages that ran before this one in the same run, in line order. */
  earlier: readonly StageView[];
  /** The baseline for this stage id: committed file, a recorded run of the base commit, or the kind judged at the base. */
  baseline(): Promise<BaselineRef | null>;
  /** What the change touched (base..HEAD plus the working tree); computed once per run. */
  changes(): Promise<ChangeSet>;
  /** The reader of workspace files: what it reads is checked against the inputs digest after the run. */
  reads: StageReads;
  /** The workspace's files (git index plus untracked), listed once per run: the same listing the inputs digest reads. */
  workspaceFiles(): Promise<WorkspaceListing>;
  /**
   * A folder the stage's tools keep between runs for their own reuse (e.g. ESLint's per-file results), opened (on
   * GitHub restored) on first call and kept after the stage; null when the run keeps no cache. Never an input of the
   * stage nor an artifact: what is in it may make a tool faster, never change its result.
   */
  toolCache(): Promise<string | null>;
}

export type StageOutcome = {
  state: 'passed' | 'failed' | 'errored';
  /** Why, in one line. */
  reason: string;
  counts?: Record<string, unknown>;
  findings?: Finding[];
  /** Written to result.json in the stage folder (core/stage-folder.ts owns its files). */
  result?: unknown;
  /** Written to baseline.json: what `andon baseline update` commits and later runs compare against. */
  baseline?: unknown;
  tools?: Record<string, string>;
};

export interface StageCompletion {
  counts?: Record<string, unknown>;
  result?: unknown;
  /** A failed gate found only at the end of the line (e.g. a requirement whose tests failed). */
  state?: 'passed' | 'failed';
  reason?: string;
  /** Replaces findings.sarif: every finding of the stage, not only those found at the end. */
  findings?: Finding[];
  /** Replaces baseline.json, written by the engine like a run's (a stage never writes it itself). */
  baseline?: unknown;
}

/**
 * What a stage kind's findings at the base commit came to: what its baseline.json would hold there, or why the base
 * could not be judged (then findings outside the change are of unknown age).
 */
export type BaseJudgement = { kind: 'judged'; baseline: unknown } | { kind: 'unjudged'; why: string };

export interface InputsEnv {
  workspace: string;
  /** The commit the change is compared with: diff-aware kinds put it in their inputs. */
  baseSha: string | null;
  env: Readonly<Record<string, string | undefined>>;
  runner: ProcessRunner;
}

/** A path to an option under a stage's `with:`, e.g. ['paths', 0]. */
export type OptionPath = readonly (string | number)[];

/** What a kind's `validate` is given: the workspace, and where the stage's options are written in the config. */
export interface ValidateEnv {
  workspace: string;
  /** Where an option is written in the config; the nearest written node (the stage's `with:`) when it is not. */
  at(path: OptionPath): SourcePosition;
  /** Whether the option is written in the config, not taken from its default. */
  given(path: OptionPath): boolean;
  /** A problem with an option, at its place in the config and naming the stage and the option. */
  problem(path: OptionPath, message: string): UserError;
}

export interface StageKind<O = unknown> {
  /** The `uses:` value. */
  readonly name: string;
  /** One line for `andon schema` and the docs. */
  readonly description: string;
  /** Schema of the stage's `with:` options. */
  readonly options: z.ZodType<O>;
  /** What the result depends on; null means the result can never be reused (e.g. no inputs declared). */
  inputs(options: O, env: InputsEnv): Promise<StageInputs | null>;
  /**
   * When `inputs` gives null: why a result with these options is never reused, and what the user can change to let
   * it be. Without it the engine says what it can from the options schema.
   */
  whyNotReusable?(options: O): string;
  run(ctx: StageContext<O>): Promise<StageOutcome>;
  /** Called once at the end of the line with every stage's final view, when later stages feed this one. */
  complete?(ctx: StageContext<O>, line: readonly StageView[]): Promise<StageCompletion | null>;
  /**
   * Optional: the kind's findings at the base commit, when no recorded run of the base holds them (hold-the-line).
   * The context's workspace is the base checked out apart (the workspace's dependencies linked in), with the same
   * options, no baseline and no change: the base is judged whole. Kinds whose results cannot be made again at the
   * base (a test suite) leave it out; a kind that can judge only part of its sources says so in its baseline.
   */
  judgeAtBase?(ctx: StageContext<O>): Promise<BaseJudgement>;
  /**
   * Optional, beside judgeAtBase: why these options leave nothing to judge at the base (only ingested reports), or
   * null. Said before any worktree is made, so a stage that cannot judge the base does not check it out every run.
   */
  notJudgedAtBase?(options: O): string | null;
  /**
   * Checks what the kind owns beyond its options schema, for `andon validate-config`: a rules file it reads, paths
   * that must exist. Every problem at once, each at its file:line:col; none means the options are usable.
   */
  validate?(options: O, env: ValidateEnv): Promise<UserError[]>;
}

export type AnyStageKind = StageKind<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export class StageRegistry {
  private readonly kinds = new Map<string, AnyStageKind>();
  constructor(kinds: readonly AnyStageKind[] = []) {
    for (const k of kinds) this.register(k);
  }
  register(kind: AnyStageKind): void {
    if (this.kinds.has(kind.name)) throw new Error(`stage kind ${kind.name} registered twice`);
    this.kinds.set(kind.name, kind);
  }
  get(name: string): AnyStageKind | undefined {
    return this.kinds.get(name);
  }
  names(): string[] {
    return [...this.kinds.keys()];
  }
  all(): AnyStageKind[] {
    return [...this.kinds.values()];
  }
}

export interface StageKindDescriptor<O> {
  name: string;
  description: string;
  options: z.ZodType<O>;
  /** The kind has an end-of-line completion (known before its code loads, so the engine keeps only what it needs). */
  completes?: boolean;
  /** The kind can judge the base commit (judgeAtBase), known before its code loads. */
  judgesBase?: boolean;
  /** The kind's `validate`, kept out of its implementation so checking a config loads only what the check needs. */
  validate?: StageKind<O>['validate'];
  /** As StageKind.whyNotReusable: known from the options alone, before the kind's code loads. */
  whyNotReusable?(options: O): string;
  /** As StageKind.notJudgedAtBase: known from the options alone, so no base is checked out for nothing. */
  notJudgedAtBase?(options: O): string | null;
}

/**
 * A stage kind whose implementation is loaded on first use. Parsing a config needs only the options
 * schema; commands that read records (show, trace, runs) never load a stage's code, and a line loads
 * only the kinds it uses.
 */
export function lazyStageKind<O>(descriptor: StageKindDescriptor<O>, load: () => Promise<StageKind<O>>): StageKind<O> {
  let loaded: Promise<StageKind<O>> | undefined;
  const impl = () => (loaded ??= load());
  const { completes, judgesBase, ...kind } = descriptor;
  return {
    ...kind,
    inputs: async (options, env) => (await impl()).inputs(options, env),
    run: async (ctx) => (await impl()).run(ctx),
    ...(completes
      ? {
          complete: async (ctx: StageContext<O>, line: readonly StageView[]) => {
            const k = await impl();
            return k.complete ? k.complete(ctx, line) : null;
          },
        }
      : {}),
    ...(judgesBase
      ? {
          judgeAtBase: async (ctx: StageContext<O>): Promise<BaseJudgement> => {
            const k = await impl();
            return k.judgeAtBase ? k.judgeAtBase(ctx) : { kind: 'unjudged', why: `stage kind ${k.name} cannot judge the base` };
          },
        }
      : {}),
  };
}
