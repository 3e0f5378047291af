// Builds a real StageContext for testing one stage kind alone: real temp folders, real processes, a recording logger.
import { mkdtemp, mkdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { systemClock } from '../../src/core/clock.js';
import { computeChangeSet, type ChangeSet } from '../../src/core/diff.js';
import { RecordingLogger } from '../../src/core/logger.js';
import { Masker } from '../../src/core/mask.js';
import { nodeProcessRunner } from '../../src/core/process-runner.js';
import type { BaselineRef } from '../../src/core/baseline-source.js';
import type { SourceFacts } from '../../src/core/source.js';
import type { StageContext, StageView } from '../../src/core/stage-kind.js';
import { InputsDigester } from '../../src/core/inputs-digest.js';
import { StageReadLog } from '../../src/core/stage-reads.js';
import { listWorkspaceFiles, type WorkspaceListing } from '../../src/core/workspace-files.js';

export interface TestContextOptions<O> {
  workspace: string;
  options: O;
  stageId?: string;
  uses?: string;
  blocking?: boolean;
  earlier?: StageView[];
  /** A baseline.json payload to hand the stage as its baseline. */
  baselineJson?: unknown;
  /** Where that baseline comes from: "file" (a committed one, the default), or "store" for a recorded run of the base commit. */
  baselineOrigin?: string;
  /** The base could not be judged, for this reason (the baseline a kind judged at the base said so). */
  baseUnavailable?: string;
  env?: Record<string, string | undefined>;
  source?: Partial<SourceFacts>;
  /** Compute the change set with real git against this commit. */
  baseSha?: string | null;
  signal?: AbortSignal;
  /** The stage's tool cache folder (null: the run keeps none). */
  toolCache?: string | null;
}

export async function makeTempDir(prefix = 'andon-test-'): Promise<string> {
  return mkdtemp(path.join(tmpdir(), prefix));
}

export async function makeStageContext<O>(o: TestContextOptions<O>): Promise<StageContext<O> & { logger: RecordingLogger; reads: StageReadLog }> {
  const outDir = path.join(await makeTempDir('andon-out-'), o.stageId ?? 'stage');
  await mkdir(outDir, { recursive: true });
  const logger = new RecordingLogger();
  const env = o.env ?? { PATH: process.env.PATH, HOME: process.env.HOME };
  let changes: Promise<ChangeSet> | undefined;
  let files: Promise<WorkspaceListing> | undefined;
  const baseline: BaselineRef | null =
    o.baseUnavailable !== undefined
      ? { origin: 'base', description: 'the base judged in a test', read: async () => null, unavailable: async () => o.baseUnavailable! }
      : o.baselineJson === undefined
        ? null
        : {
            origin: o.baselineOrigin ?? 'file',
            description: 'test baseline',
            read: async (name) => (name === 'baseline.json' ? Buffer.from(JSON.stringify(o.baselineJson)) : null),
          };
  return {
    stage: { id: o.stageId ?? 'stage', uses: o.uses ?? 'command', blocking: o.blocking ?? true },
    options: o.options,
    workspace: o.workspace,
    outDir,
    serial: 'test-serial',
    source: { repo: null, sha: null, ref: null, baseRef: null, baseSha: o.baseSha ?? null, pr: null, dirty: false, ...o.source },
    env,
    signal: o.signal ?? new AbortController().signal,
    logger,
    masker: Masker.fromEnv(env),
    runner: nodeProcessRunner,
    clock: systemClock,
    earlier: o.earlier ?? [],
    baseline: async () => baseline,
    changes: () => (changes ??= computeChangeSet(o.workspace, o.baseSha ?? null)),
    reads: new StageReadLog(o.workspace, new InputsDigester(o.workspace)),
    workspaceFiles: () => (files ??= listWorkspaceFiles(o.workspace)),
    toolCache: async () => o.toolCache ?? null,
  };
}

export async function readJson<T = unknown>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}
