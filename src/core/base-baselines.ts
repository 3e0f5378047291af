// Baselines judged at the base commit: the same stage kind, with the same options, run on the base checked out
// apart, when no committed file or recorded run holds one. Judged only when the stage runs (never to decide a
// reuse) and cached by what decides the result: base commit, kind, options, tool and dependency versions.
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ANDON_VERSION } from '../version.js';
import { withBaseTree, type BaseTree, type TreeOwner } from './base-worktree.js';
import type { BaselineRef, BaselineSource } from './baseline-source.js';
import { canonicalJson } from './canonical-json.js';
import type { StageConfig } from './config.js';
import { errorMessage } from './errors.js';
import { gitOut, type GitEnv } from './git.js';
import { readGuarded } from './guarded-read.js';
import type { Logger } from './logger.js';
import { writeFileAtomic } from './run-record.js';
import { LOCKFILES } from './lockfiles.js';
import { STAGE_FILES } from './stage-folder.js';
import type { AnyStageKind, InputsEnv, StageContext } from './stage-kind.js';

/** Judgements at base commits, by key; best effort (a miss judges again), never the record. */
export interface BaseJudgementCache {
  get(key: string): Promise<Buffer | null>;
  put(key: string, bytes: Buffer): Promise<void>;
}

/** A folder of `<key>.json` files (locally under the cache folder, so `--no-cache` judges the base again). */
export class FsBaseJudgementCache implements BaseJudgementCache {
  constructor(private readonly root: string) {}
  private file(key: string): string {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`not a judgement key: ${key}`);
    return path.join(this.root, `${key}.json`);
  }
  async get(key: string): Promise<Buffer | null> {
    return readFile(this.file(key)).catch(() => null);
  }
  async put(key: string, bytes: Buffer): Promise<void> {
    await mkdir(this.root, { recursive: true });
    await writeFileAtomic(this.file(key), bytes);
  }
}

/** What is cached: the kind's judgement at the base (a baseline, or why the base could not be judged). */
const Judgement = z.discriminatedUnion('judged', [
  z.object({ schema: z.literal('andon.base-judgement/v1'), judged: z.literal(true), baseSha: z.string(), ms: z.number(), baseline: z.unknown() }),
  z.object({ schema: z.literal('andon.base-judgement/v1'), judged: z.literal(false), baseSha: z.string(), why: z.string() }),
]);
type Judgement = z.infer<typeof Judgement>;

export interface JudgedAtBaseDeps {
  workspace: string;
  env: GitEnv;
  cache: BaseJudgementCache | null;
  logger: Logger;
  signal: AbortSignal;
  stageOf(id: string): StageConfig | undefined;
  kindOf(uses: string): AnyStageKind | undefined;
  inputsEnv(stage: StageConfig): InputsEnv;
  /** The stage's own context, moved to the base tree: its workspace, folders, source, no baseline and no change. */
  contextAt(stage: StageConfig, tree: BaseTree): StageContext<unknown>;
  tmpRoot?: string;
  /** This process, so a base tree it makes names its owner and trees of killed runs are removed. */
  owner?: TreeOwner;
}

/** What says which dependency versions the base tree borrows from the workspace: the lockfiles, and npm's record of what node_modules holds. */
const INSTALLED = ['node_modules/.package-lock.json', ...LOCKFILES];
const MAX_LOCKFILE_BYTES = 64 * 1024 * 1024;

function dependencyIds(workspace: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of INSTALLED) {
    const read = readGuarded(path.join(workspace, f), { maxBytes: MAX_LOCKFILE_BYTES, within: workspace });
    if (read.kind === 'ok') out[f] = createHash('sha256').update(read.bytes).digest('hex');
  }
  return out;
}

/** The stage kind judged at the base commit, for kinds that can (judgeAtBase). */
export function judgedAtBase(deps: JudgedAtBaseDeps): BaselineSource {
  let prefix: Promise<string | undefined> | undefined;
  return {
    async load({ stageId, uses, baseSha }): Promise<BaselineRef | null> {
      if (!baseSha) return null;
      const stage = deps.stageOf(stageId);
      const kind = deps.kindOf(uses);
      if (!stage || !kind?.judgeAtBase) return null;
      const inputs = await kind.inputs(stage.options, deps.inputsEnv(stage));
      prefix ??= gitOut(deps.workspace, ['rev-parse', '--show-prefix'], deps.env);
      const key = createHash('sha256')
        .update(
          canonicalJson({
            judgement: 1,
            andon: ANDON_VERSION,
            stage: stageId,
            uses,
            options: stage.rawOptions,
            tools: inputs?.tools ?? {},
            dependencies: dependencyIds(deps.workspace),
            base: baseSha,
            workspace: (await prefix) ?? '',
          }),
        )
        .digest('hex');
      let judged: Promise<Judgement> | undefined;
      const judgement = () => (judged ??= judge(deps, stage, kind, baseSha, key));
      return {
        origin: 'base',
        description: `${uses} judged at the base ${baseSha.slice(0, 7)}`,
        identity: `base-judgement:${key}`,
        read: async (name) => {
          if (name !== STAGE_FILES.baseline) return null;
          const j = await judgement();
          return j.judged ? Buffer.from(JSON.stringify(j.baseline)) : null;
        },
        unavailable: async () => {
          const j = await judgement();
          return j.judged ? null : j.why;
        },
      };
    },
  };
}

/** From the cache, else in a temporary worktree of the base; a judgement the kind made (either way) is kept. */
async function judge(deps: JudgedAtBaseDeps, stage: StageConfig, kind: AnyStageKind, baseSha: string, key: string): Promise<Judgement> {
  const short = baseSha.slice(0, 7);
  const cached = await deps.cache?.get(key).catch(() => null);
  if (cached) {
    const parsed = Judgement.safeParse(safeJson(cached));
    if (parsed.success && parsed.data.baseSha === baseSha) {
      deps.logger.info(`[${stage.id}] baseline: ${stage.uses} at the base ${short}, judged before (cached)`);
      return parsed.data;
    }
  }
  const nothing = kind.notJudgedAtBase?.(stage.options) ?? null;
  if (nothing !== null) {
    deps.logger.info(`[${stage.id}] baseline: ${stage.uses} cannot be judged at the base ${short}: ${nothing}`);
    return { schema: 'andon.base-judgement/v1', judged: false, baseSha, why: nothing };
  }
  const started = Date.now();
  let fromKind = false;
  const done = await withBaseTree(
    deps.workspace,
    baseSha,
    deps.env,
    async (tree) => {
      const ctx = deps.contextAt(stage, tree);
      const j = await kind.judgeAtBase!(ctx);
      // Stopped (the line cancelled, or the stage's deadline): what it said is not a judgement of the base to keep.
      fromKind = !ctx.signal.aborted;
      return j;
    },
    deps.tmpRoot,
    deps.owner,
  ).catch((e: unknown) => ({ ok: false as const, why: errorMessage(e) }));
  const ms = Date.now() - started;
  let judgement: Judgement;
  if (!done.ok) judgement = { schema: 'andon.base-judgement/v1', judged: false, baseSha, why: done.why };
  else if (done.value.kind === 'unjudged') judgement = { schema: 'andon.base-judgement/v1', judged: false, baseSha, why: done.value.why };
  else judgement = { schema: 'andon.base-judgement/v1', judged: true, baseSha, ms, baseline: done.value.baseline };
  deps.logger.info(
    `[${stage.id}] baseline: ${stage.uses} at the base ${short}, judged in a temporary worktree in ${(ms / 1000).toFixed(1)} s${judgement.judged ? '' : `: could not judge it (${judgement.why})`}`,
  );
  // Only what the kind concluded is kept: a checkout that failed or a cancelled judgement is tried again next time.
  if (fromKind && deps.cache) {
    await deps.cache.put(key, Buffer.from(JSON.stringify(judgement))).catch((e: unknown) => deps.logger.warn(`[${stage.id}] the judgement at the base could not be cached: ${errorMessage(e)}`));
  }
  return judgement;
}

function safeJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
}
