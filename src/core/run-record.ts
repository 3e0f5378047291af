// The run record `andon.run/v1` (DESIGN.md): zod schema, written atomically after every transition.
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { RUN_VERDICTS, STAGE_STATES } from './line-machine.js';

export const RECORD_SCHEMA = 'andon.run/v1';

export const StageStateSchema = z.enum(STAGE_STATES);
export const RunVerdictSchema = z.enum(RUN_VERDICTS);

export const ArtifactEntry = z.object({
  path: z.string().describe('Relative to the run folder: <stage-id>/<file>.'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().nonnegative(),
});
export type ArtifactEntry = z.infer<typeof ArtifactEntry>;

export const StageRecord = z.object({
  id: z.string(),
  uses: z.string(),
  name: z.string().optional(),
  blocking: z.boolean(),
  state: StageStateSchema,
  reason: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().int().nonnegative().nullable(),
  inputsDigest: z.string().nullable(),
  reusedFrom: z.string().nullable(),
  counts: z.record(z.string(), z.unknown()),
  artifacts: z.array(ArtifactEntry),
  tools: z.record(z.string(), z.string()),
  /** Filled in at the end of the line by a later stage's results (e.g. the spec trace matrix). */
  completedAtEndOfLine: z.boolean().optional(),
  /** Why this result never stands in for a later run although it has an inputs digest (e.g. it read files the digest did not cover). */
  notReusable: z.string().optional(),
});
export type StageRecord = z.infer<typeof StageRecord>;

export const Transition = z.object({
  at: z.string(),
  stage: z.string(),
  from: StageStateSchema,
  to: StageStateSchema,
});
export type Transition = z.infer<typeof Transition>;

export const RunRecord = z.object({
  schema: z.literal(RECORD_SCHEMA),
  serial: z.string(),
  parent: z.object({ serial: z.string(), fromStage: z.string() }).nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  verdict: RunVerdictSchema,
  /** Stages that failed without blocking: the line went on, the verdict records them here. */
  nonBlockingFailures: z.array(z.string()).default([]),
  source: z.object({
    repo: z.string().nullable(),
    sha: z.string().nullable(),
    ref: z.string().nullable(),
    baseRef: z.string().nullable().optional(),
    baseSha: z.string().nullable(),
    pr: z.number().int().nullable(),
    dirty: z.boolean(),
    /** How the base commit was found (merge-base, the push's before, HEAD's first parent), or why there is none. */
    baseNote: z.string().optional(),
  }),
  host: z.object({
    kind: z.enum(['local', 'github']),
    runId: z.string().nullable(),
    runAttempt: z.number().int().nullable(),
    workflow: z.string().nullable(),
    job: z.string().nullable(),
    url: z.string().nullable(),
    /** The process that writes this record while it runs, so a reader can tell an interrupted run. */
    pid: z.number().int().nullable().optional(),
    hostname: z.string().nullable().optional(),
  }),
  config: z.object({ path: z.string(), digest: z.string() }),
  tool: z.object({ name: z.literal('andon'), version: z.string(), node: z.string() }),
  stages: z.array(StageRecord),
  transitions: z.array(Transition),
});
export type RunRecord = z.infer<typeof RunRecord>;
export type HostFacts = RunRecord['host'];

/** The process that writes a record: read by the entry point (the CLI or an action) and given to the engine. */
export interface WriterProcess {
  pid: number;
  hostname: string;
  /** Node's version, e.g. v24.1.0. */
  node: string;
}

/**
 * Writes a file so that readers see the old or the new content, never half of it: a killed process
 * leaves the previous version. Synchronous: it runs after every transition, between stages, where a
 * thread-pool round trip per call costs more than the write. (No fsync: it guards against power loss,
 * not crashes, and costs a disk flush on every transition.)
 */
export async function writeFileAtomic(file: string, data: string | Buffer | readonly string[]): Promise<void> {
  writeFileAtomicSync(file, data);
}

/** Writes `data` (a text in pieces is written piece by piece, never joined) to a file descriptor. */
function writeAll(tmp: string, data: string | Buffer | readonly string[]): void {
  if (typeof data === 'string' || Buffer.isBuffer(data)) return writeFileSync(tmp, data);
  const fd = openSync(tmp, 'w');
  try {
    for (const piece of data) writeFileSync(fd, piece);
  } finally {
    closeSync(fd);
  }
}

/** writeFileAtomic for a caller that cannot wait (a process that is ending). */
export function writeFileAtomicSync(file: string, data: string | Buffer | readonly string[]): void {
  // Random enough that two writers (processes or calls) never share a temp file.
  const tmp = `${file}.${randomBytes(8).toString('hex')}.tmp`;
  try {
    try {
      writeAll(tmp, data);
    } catch (e) {
      // The folder is made on first use only.
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      mkdirSync(path.dirname(file), { recursive: true });
      writeAll(tmp, data);
    }
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

export function serializeRecord(record: RunRecord): string {
  return JSON.stringify(record, null, 2) + '\n';
}
