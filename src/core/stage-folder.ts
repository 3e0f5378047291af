// The stage folder, the contract between the engine, the stages and every reader of a run: the names of its
// files, how a stage's outcome is written into it, and how its findings, result and inputs manifest are read back.
import { createHash } from 'node:crypto';
import { closeSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { ANDON_VERSION } from '../version.js';
import { countFindings, type Finding } from './findings.js';
import { describeRefusal, openGuarded, readOpenFile, type GuardRefusal } from './guarded-read.js';
import { InputsManifest } from './inputs-digest.js';
import type { Masker } from './mask.js';
import type { RunRecord, StageRecord } from './run-record.js';
import { buildSarif, findingsOfSarif, parseSarif, type SarifLog } from './sarif.js';
import type { Store } from './store.js';

export const STAGE_FILES = {
  /** What the stage and its tools said, masked. */
  log: 'log.txt',
  /** Its findings as SARIF 2.1.0 (core/sarif.ts writes and reads it). */
  sarif: 'findings.sarif',
  /** The stage kind's own result document. */
  result: 'result.json',
  /** What `andon baseline update` commits and later runs compare against. */
  baseline: 'baseline.json',
  /** The inputs manifest its inputs digest was made of. */
  inputs: 'inputs.json',
} as const;
export type StageFile = keyof typeof STAGE_FILES;

/** A file of a stage folder. */
export function stageFile(dir: string, file: StageFile): string {
  return path.join(dir, STAGE_FILES[file]);
}

/** The path a run record lists a stage's file under (`<stage-id>/<file>`). */
export function artifactPath(stageId: string, file: StageFile): string {
  return `${stageId}/${STAGE_FILES[file]}`;
}

/** Whether the record lists that file of the stage among its hashed artifacts. */
export function hasArtifact(stage: Pick<StageRecord, 'id' | 'artifacts'>, file: StageFile): boolean {
  const p = artifactPath(stage.id, file);
  return stage.artifacts.some((a) => a.path === p);
}

/** What reading one file of a stage folder found. */
export type StageFileRead = { kind: 'ok'; bytes: Buffer; size: number } | GuardRefusal;

/**
 * A file of a stage folder as Andon wrote it: a regular file inside the folder, never read through a link (a link
 * put there could show any file of the machine) nor a FIFO or device. `tailBytes` reads only the end of a long file.
 */
export function readStageFile(dir: string, file: StageFile, limits: StageReadLimits = {}): StageFileRead {
  return readStageFolderFile(dir, STAGE_FILES[file], limits);
}

export interface StageReadLimits {
  maxBytes?: number;
  tailBytes?: number;
}

/** A recorded stage's file that does not hold what its record hashed. */
export type StageFileTampered = { kind: 'unrecorded' } | { kind: 'modified'; recorded: string; now: string };

/**
 * A file of a recorded stage that a later decision rests on (a baseline a gate compares with, one kept for other
 * runs): read only when its bytes are those the record hashed. An edited file is no baseline; `describeStageRead`
 * says why.
 */
export function readRecordedStageFile(dir: string, stage: Pick<StageRecord, 'id' | 'artifacts'>, file: StageFile): StageFileRead | StageFileTampered {
  const recorded = stage.artifacts.find((a) => a.path === artifactPath(stage.id, file));
  if (!recorded) return { kind: 'unrecorded' };
  const was = `sha256 ${recorded.sha256.slice(0, 12)}, ${recorded.bytes} bytes`;
  // Never more bytes than were recorded: a grown file is modified, and is not read whole to say so.
  const got = readStageFile(dir, file, { maxBytes: recorded.bytes });
  if (got.kind === 'too-large') return { kind: 'modified', recorded: was, now: `${got.size} bytes` };
  if (got.kind !== 'ok') return got;
  const actual = createHash('sha256').update(got.bytes).digest('hex');
  return actual === recorded.sha256 ? got : { kind: 'modified', recorded: was, now: `sha256 ${actual.slice(0, 12)}` };
}

/** Why a stage file was not read, as the end of a sentence about it. */
export function describeStageRead(r: Exclude<StageFileRead, { kind: 'ok' }> | StageFileTampered): string {
  if (r.kind === 'unrecorded') return 'is not among the files its run recorded; not trusted';
  if (r.kind === 'modified') return `was modified since its run recorded it (recorded ${r.recorded}; now ${r.now}); not trusted`;
  return describeRefusal(r);
}

/** A file a stage kind names itself (e.g. the spec stage's traceability.json): a plain name in the folder, read as above. */
export function readStageFolderFile(dir: string, name: string, limits: StageReadLimits = {}): StageFileRead {
  // The name may come from a file anyone could have edited: a plain file of this folder only.
  if (name !== path.basename(name) || name.startsWith('.') || name === '') return { kind: 'outside', target: name };
  const opened = openGuarded(path.join(dir, name), { maxBytes: limits.maxBytes ?? Number.MAX_SAFE_INTEGER, links: 'refuse', within: dir });
  if (opened.kind !== 'ok') return opened;
  try {
    const tail = Math.min(opened.size, limits.tailBytes ?? opened.size);
    return { kind: 'ok', bytes: readOpenFile(opened.fd, opened.size, opened.size - tail), size: opened.size };
  } catch (e) {
    return { kind: 'unreadable', code: (e as NodeJS.ErrnoException).code ?? String(e) };
  } finally {
    closeSync(opened.fd);
  }
}

/** What of a stage's outcome goes into its folder. */
export interface OutcomeFiles {
  counts?: Record<string, unknown>;
  findings?: readonly Finding[];
  result?: unknown;
  baseline?: unknown;
}

/**
 * Writes findings.sarif, result.json and baseline.json of an outcome (each only when the outcome has it);
 * returns the counts with the findings' counts added. Every string written is masked.
 */
export function writeOutcome(dir: string, stageId: string, outcome: OutcomeFiles, masker: Masker, previousCounts: Record<string, unknown> = {}): Record<string, unknown> {
  // Every string that leaves for a file or the record is masked as a value (keys too), so the JSON stays valid.
  const counts: Record<string, unknown> = masker.maskDeep({ ...previousCounts, ...(outcome.counts ?? {}) });
  // Synchronous writes: between stages nothing else runs, and small files cost less without the thread pool.
  if (outcome.findings) {
    const findings = masker.maskDeep(outcome.findings);
    const sarif = buildSarif(findings, { category: stageId, defaultTool: { name: 'andon', version: ANDON_VERSION } });
    writeFileSync(stageFile(dir, 'sarif'), JSON.stringify(sarif.log, null, 1));
    counts.findings = countFindings(findings);
    if (sarif.cut.length > 0) counts.sarifCut = sarif.cut;
  }
  if (outcome.result !== undefined) writeFileSync(stageFile(dir, 'result'), JSON.stringify(masker.maskDeep(outcome.result), null, 1));
  if (outcome.baseline !== undefined) writeFileSync(stageFile(dir, 'baseline'), JSON.stringify(masker.maskDeep(outcome.baseline)));
  return counts;
}

export function writeInputsManifest(dir: string, manifest: InputsManifest): void {
  writeFileSync(stageFile(dir, 'inputs'), JSON.stringify(manifest, null, 1));
}

/** The manifest a stage's inputs digest was made of; null when the folder has none or it is unreadable. */
export async function readInputsManifest(dir: string): Promise<InputsManifest | null> {
  const read = readStageFile(dir, 'inputs');
  if (read.kind !== 'ok') return null;
  try {
    const parsed = InputsManifest.safeParse(JSON.parse(read.bytes.toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A findings.sarif bigger than this is not read back (it stays in the folder and in the artifacts). */
export const MAX_SARIF_BYTES = 64 * 1024 * 1024;

export type FindingsRead =
  | { kind: 'ok'; file: string; log: SarifLog; findings: Finding[] }
  | { kind: 'missing'; file: string }
  | { kind: 'too-big'; file: string; bytes: number }
  | { kind: 'unreadable'; file: string; why: string };

/** The findings of a stage folder, read back from its findings.sarif (fixed ones with baseline "absent"). */
export async function readFindings(dir: string, stageId: string, maxBytes = MAX_SARIF_BYTES): Promise<FindingsRead> {
  const file = stageFile(dir, 'sarif');
  const got = readStageFile(dir, 'sarif', { maxBytes });
  if (got.kind === 'missing') return { kind: 'missing', file };
  if (got.kind === 'too-large') return { kind: 'too-big', file, bytes: got.size };
  if (got.kind !== 'ok') return { kind: 'unreadable', file, why: `${STAGE_FILES.sarif} ${describeRefusal(got)}` };
  const read = parseSarif(got.bytes.toString('utf8'));
  if (!read.ok) return { kind: 'unreadable', file, why: `${STAGE_FILES.sarif}: ${read.why}` };
  return { kind: 'ok', file, log: read.log, findings: findingsOfSarif(stageId, read.log) };
}

export interface StageSarif {
  stageId: string;
  file: string;
  log: SarifLog;
  findings: Finding[];
}

/** The findings files of every stage of a run that recorded one; what cannot be read is said through `note`. */
export async function readRunFindings(store: Store, record: RunRecord, note: (m: string) => void, maxBytes = MAX_SARIF_BYTES): Promise<StageSarif[]> {
  const out: StageSarif[] = [];
  for (const st of record.stages) {
    if (!hasArtifact(st, 'sarif')) continue;
    const rel = artifactPath(st.id, 'sarif');
    const read = await readFindings(store.stageDir(record.serial, st.id), st.id, maxBytes);
    if (read.kind === 'ok') out.push({ stageId: st.id, file: read.file, log: read.log, findings: read.findings });
    else if (read.kind === 'too-big') note(`${rel} is ${read.bytes} bytes, over ${maxBytes}: left out of the summary and annotations`);
    else note(`${rel} is unreadable: ${read.kind === 'missing' ? 'missing' : read.why}`);
  }
  return out;
}

/** The open findings (not fixed ones) of some stages' findings files. */
export function openFindingsOf(sarifs: readonly StageSarif[]): Finding[] {
  return sarifs.flatMap((s) => s.findings.filter((f) => f.baseline !== 'absent'));
}

export type ResultRead<T> = { kind: 'ok'; value: T } | { kind: 'missing' } | { kind: 'invalid'; why: string };

/** A stage's result.json, parsed with the schema of the kind that wrote it. */
export async function readResult<T>(dir: string, schema: z.ZodType<T>): Promise<ResultRead<T>> {
  const got = readStageFile(dir, 'result');
  if (got.kind === 'missing') return { kind: 'missing' };
  if (got.kind !== 'ok') return { kind: 'invalid', why: `${STAGE_FILES.result} ${describeRefusal(got)}` };
  const text = got.bytes.toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { kind: 'invalid', why: `${STAGE_FILES.result} is not JSON (${(e as Error).message})` };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { kind: 'ok', value: parsed.data };
  const issue = parsed.error.issues[0];
  return { kind: 'invalid', why: `${STAGE_FILES.result}: ${issue ? `/${issue.path.join('/')}: ${issue.message}` : 'invalid'}` };
}
