// The run record on GitHub as immutable pieces: what one step uploads, and how every reader merges them into one record.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { joinedVerdictOf, nonBlockingFailures, type StageState } from '../core/line-machine.js';
import { RunRecord, type StageRecord } from '../core/run-record.js';
import { parseSerial } from '../core/serial.js';

export const PIECE_SCHEMA = 'andon.record-piece/v1';
/** The file a piece artifact holds. */
export const PIECE_FILE = 'record-piece.json';

/** What GitHub said about the workflow run a piece was written in (the environment of the step, not the record). */
export const GitHubFacts = z.object({
  repo: z.string(),
  runId: z.string(),
  attempt: z.number().int().positive(),
  job: z.string(),
  event: z.string(),
  /** GITHUB_SHA: on a pull request the merge commit GitHub made (refs/pull/N/merge), which may be gone later. */
  sha: z.string(),
  /** The commit the run is for, as the REST run's head_sha: a pull request's head, else GITHUB_SHA. */
  headSha: z.string(),
  /** GITHUB_REF (refs/heads/main, refs/pull/12/merge, ...). */
  ref: z.string(),
  /** A pull request's head branch; on a fork it exists only in the fork. */
  headRef: z.string(),
  /** A pull request's base branch. */
  baseRef: z.string(),
  pr: z.number().int().nullable(),
  /** The code came from another repository: read-only token, no cache writes, never resumed with the base's cache. */
  fork: z.boolean(),
});
export type GitHubFacts = z.infer<typeof GitHubFacts>;

const STAGE_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

export const RecordPiece = z.object({
  schema: z.literal(PIECE_SCHEMA),
  serial: z.string(),
  /** The stages the step that wrote the piece ran (or closed): for these, the piece is the authority. */
  stages: z.array(z.string().regex(STAGE_ID)),
  /** Stages the step carried forward from an earlier attempt of the same workflow run, and the serial holding their folders. */
  carried: z.array(z.object({ id: z.string().regex(STAGE_ID), from: z.string() })),
  github: GitHubFacts,
  record: RunRecord,
});
export type RecordPiece = z.infer<typeof RecordPiece>;

export interface MergedRun {
  serial: string;
  record: RunRecord;
  /** Facts of the earliest piece (the step that started the record). */
  github: GitHubFacts;
  /** Carried stages, each with the serial whose artifacts hold its folder. */
  carried: Map<string, string>;
  /** Disagreements between pieces, in words; the merge never drops a failure to settle one. */
  conflicts: string[];
}

export function serializePiece(piece: RecordPiece): { text: string; sha256: string } {
  const text = `${JSON.stringify(piece, null, 1)}\n`;
  return { text, sha256: createHash('sha256').update(text).digest('hex') };
}

// Between two results of one stage that both claim to be final, the worse one wins: a merge never hides a failure.
const SEVERITY: Record<StageState, number> = { errored: 7, failed: 6, cancelled: 5, passed: 4, reused: 3, skipped: 2, running: 1, pending: 0 };

interface Candidate {
  stage: StageRecord;
  rank: number;
  carriedFrom: string | null;
}

function candidate(piece: RecordPiece, stage: StageRecord): Candidate {
  const carried = piece.carried.find((c) => c.id === stage.id);
  let rank: number;
  if (stage.state === 'pending') rank = 0;
  else if (stage.state === 'running') rank = 1;
  else if (carried) rank = 2;
  else if (!piece.stages.includes(stage.id)) rank = 3;
  else rank = 4;
  return { stage, rank, carriedFrom: carried && stage.state === 'reused' ? carried.from : null };
}

function better(a: Candidate, b: Candidate): Candidate {
  if (a.rank !== b.rank) return a.rank > b.rank ? a : b;
  return SEVERITY[b.stage.state] > SEVERITY[a.stage.state] ? b : a;
}

function finalize(record: RunRecord): void {
  record.verdict = joinedVerdictOf(record.stages);
  record.nonBlockingFailures = nonBlockingFailures(record.stages);
  if (record.verdict === 'running') record.finishedAt = null;
  else record.finishedAt = record.stages.map((s) => s.finishedAt ?? '').reduce((a, b) => (b > a ? b : a), record.finishedAt ?? '') || null;
}

/**
 * One record from the pieces of a serial: for each stage the result of the step that ran it, else a copy another
 * step adopted, else a result carried from an earlier attempt, else pending. Pieces of another serial are ignored.
 */
export function mergePieces(serial: string, pieces: readonly RecordPiece[]): MergedRun | null {
  const mine = pieces.filter((p) => p.serial === serial && p.record.serial === serial);
  if (mine.length === 0) return null;
  const ordered = [...mine].sort((a, b) => a.record.createdAt.localeCompare(b.record.createdAt) || serializePiece(a).sha256.localeCompare(serializePiece(b).sha256));
  const base = ordered[0]!;
  const conflicts: string[] = [];
  const picks = new Map<string, Candidate>();
  const order: string[] = [];
  for (const piece of ordered) {
    if (piece.record.config.digest !== base.record.config.digest) conflicts.push(`pieces of ${serial} were written with different configs (${base.record.config.digest} and ${piece.record.config.digest})`);
    for (const st of piece.record.stages) {
      const c = candidate(piece, st);
      const had = picks.get(st.id);
      if (!had) {
        order.push(st.id);
        picks.set(st.id, c);
        continue;
      }
      if (had.rank === 4 && c.rank === 4 && had.stage.state !== c.stage.state) {
        conflicts.push(`stage ${st.id} of ${serial} was run by more than one step (${had.stage.state}, ${c.stage.state}): the worse result stands`);
      }
      picks.set(st.id, better(had, c));
    }
  }
  const record: RunRecord = JSON.parse(JSON.stringify(base.record)) as RunRecord;
  record.stages = order.map((id) => JSON.parse(JSON.stringify(picks.get(id)!.stage)) as StageRecord);
  const seen = new Set<string>();
  record.transitions = ordered
    .flatMap((p) => p.record.transitions)
    .filter((t) => {
      const k = JSON.stringify(t);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => a.at.localeCompare(b.at));
  record.parent = ordered.find((p) => p.record.parent)?.record.parent ?? null;
  record.createdAt = base.record.createdAt;
  finalize(record);
  const carried = new Map<string, string>();
  for (const [id, c] of picks) if (c.carriedFrom && c.rank === 2) carried.set(id, c.carriedFrom);
  return { serial, record, github: base.github, carried, conflicts };
}

/** A stage as it is before anything ran it (what a later job of the attempt will fill in). */
export function pendingStage(s: StageRecord): StageRecord {
  return { ...s, state: 'pending', reason: 'waiting', startedAt: null, finishedAt: null, durationMs: null, inputsDigest: null, reusedFrom: null, counts: {}, artifacts: [], tools: {} };
}

/** The record an attempt starts from when none of its steps has written a piece yet: the earlier attempt's stages, all pending. */
export function emptyAttempt(earlier: MergedRun, serial: string, github: GitHubFacts): MergedRun {
  const record: RunRecord = JSON.parse(JSON.stringify(earlier.record)) as RunRecord;
  record.serial = serial;
  record.parent = null;
  record.transitions = [];
  record.host = { ...record.host, runAttempt: github.attempt, job: null, pid: null, hostname: null };
  record.stages = record.stages.map(pendingStage);
  finalize(record);
  return { serial, record, github, carried: new Map(), conflicts: [] };
}

export interface CarryOptions {
  /** Stages the step itself runs: never carried. */
  exclude?: ReadonlySet<string>;
  /** Whether the folder of a stage is still there to fetch (its artifact unexpired); a stage without it is not carried. */
  folderAvailable?: (stageId: string, serial: string) => boolean;
}

/**
 * "Re-run failed jobs" runs only some jobs again, under a new attempt: every stage this attempt has not run and an
 * earlier attempt of the same workflow run passed (or reused) is carried forward as `reused`, naming the run that
 * produced the result, on the same commit and config only. Returns the ids carried, and why others were not.
 */
export function carryForward(current: MergedRun, earlier: MergedRun, o: CarryOptions = {}): { carried: string[]; notes: string[] } {
  const notes: string[] = [];
  const cur = parseSerial(current.serial);
  const old = parseSerial(earlier.serial);
  if (cur?.kind !== 'github' || old?.kind !== 'github' || cur.runId !== old.runId || old.attempt >= cur.attempt) {
    return { carried: [], notes: [`${earlier.serial} is not an earlier attempt of ${current.serial}`] };
  }
  if (earlier.record.config.digest !== current.record.config.digest) {
    return { carried: [], notes: [`${earlier.serial} ran another config (${earlier.record.config.digest}): nothing carried forward`] };
  }
  if (earlier.github.sha !== current.github.sha) {
    return { carried: [], notes: [`${earlier.serial} ran commit ${earlier.github.sha}, this attempt ${current.github.sha}: nothing carried forward`] };
  }
  const carried: string[] = [];
  for (const st of current.record.stages) {
    if (st.state !== 'pending' || o.exclude?.has(st.id)) continue;
    const prev = earlier.record.stages.find((p) => p.id === st.id && p.uses === st.uses);
    if (!prev || (prev.state !== 'passed' && prev.state !== 'reused')) continue;
    const folder = earlier.carried.get(st.id) ?? earlier.serial;
    if (prev.artifacts.length > 0 && o.folderAvailable && !o.folderAvailable(st.id, folder)) {
      notes.push(`stage ${st.id} passed in ${earlier.serial} but its folder is no longer there (expired?): it is not carried forward`);
      continue;
    }
    const at = prev.finishedAt ?? earlier.record.finishedAt ?? current.record.createdAt;
    Object.assign(st, {
      state: 'reused',
      reason: `carried forward from attempt ${old.attempt} (${earlier.serial}), where it ${prev.state === 'passed' ? 'passed' : `was reused: ${prev.reason}`}`,
      startedAt: null,
      finishedAt: at,
      durationMs: 0,
      inputsDigest: prev.inputsDigest,
      reusedFrom: prev.reusedFrom ?? earlier.serial,
      counts: prev.counts,
      artifacts: prev.artifacts,
      tools: prev.tools,
    } satisfies Partial<StageRecord>);
    current.record.transitions.push({ at, stage: st.id, from: 'pending', to: 'reused' });
    current.carried.set(st.id, folder);
    carried.push(st.id);
  }
  current.record.transitions.sort((a, b) => a.at.localeCompare(b.at));
  finalize(current.record);
  return { carried, notes };
}

/** The serial whose artifacts hold a stage's folder. */
export function folderSerial(run: MergedRun, stageId: string): string {
  return run.carried.get(stageId) ?? run.serial;
}
