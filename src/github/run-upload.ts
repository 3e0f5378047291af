// Uploads a run's stage folders and its record pieces as artifacts: exactly the files the record hashes, append only,
// each upload retried within Andon's deadline, so a dropped answer or a half-made artifact never loses a stage.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { errorMessage } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { RunRecord, StageRecord } from '../core/run-record.js';
import { sha256File, type Store } from '../core/store.js';
import type { ArtifactService } from './artifact-service.js';
import { recordPieceName, stageArtifactName } from './constants.js';
import { describeMiss, withDeadline } from './deadline.js';
import { PIECE_FILE, serializePiece, type RecordPiece } from './record-pieces.js';

export interface UploadSettings {
  service: ArtifactService;
  retentionDays: number | null;
  deadlineMs: number;
  logger: Logger;
}

export type UploadResult =
  | { kind: 'uploaded'; name: string; id: number; files: number }
  | { kind: 'skipped'; name: string; reason: string }
  | { kind: 'missed'; name: string; reason: string };

/** How many fresh names an upload tries when a half-made artifact holds the name. */
const MAX_NAMES = 5;

/** The files of a stage as its record lists them, refused when any changed since it was hashed. */
async function recordedFiles(store: Store, serial: string, stage: StageRecord): Promise<{ files: string[]; problem: string | null }> {
  const runDir = store.runDir(serial);
  const files: string[] = [];
  for (const a of stage.artifacts) {
    const abs = path.resolve(runDir, a.path);
    if (!abs.startsWith(runDir + path.sep)) return { files: [], problem: `${a.path} lies outside the run folder` };
    try {
      const { sha256 } = await sha256File(abs);
      if (sha256 !== a.sha256) return { files: [], problem: `${a.path} changed after the record hashed it` };
    } catch {
      return { files: [], problem: `${a.path} is missing` };
    }
    files.push(abs);
  }
  return { files, problem: null };
}

/**
 * One artifact, made to land: a failure is followed by a look at this attempt's artifacts (the upload may have landed
 * and only its answer been lost), then another try; a name held by an artifact that was created but never finished
 * (409) is left alone and the next name `…<n>` is used. Names are immutable on GitHub: nothing is deleted or replaced.
 */
async function uploadUntilLanded(nameFor: (retry: number) => string, files: string[], root: string, s: UploadSettings): Promise<UploadResult & { hung?: boolean }> {
  const end = Date.now() + s.deadlineMs;
  let retry = 0;
  let last = '';
  for (let i = 0; ; i++) {
    const name = nameFor(retry);
    const left = end - Date.now();
    if (left <= 0) return { kind: 'missed', name, reason: `upload of ${name} failed within ${Math.round(s.deadlineMs / 1000)} s: ${last}` };
    const up = await withDeadline(left, () => s.service.upload(name, files, root, s.retentionDays));
    if (up.kind === 'done') return { kind: 'uploaded', name, id: up.value.id, files: files.length };
    if (up.kind === 'timed-out') return { kind: 'missed', name, reason: describeMiss(`upload of ${name}`, up), hung: true };
    last = up.error;
    const listed = await withDeadline(Math.max(1, end - Date.now()), () => s.service.listOwn());
    const landed = listed.kind === 'done' ? listed.value.find((a) => a.name === name) : undefined;
    if (landed) return { kind: 'uploaded', name, id: landed.id, files: files.length };
    if (/\b409\b|already exists|Conflict/i.test(up.error)) {
      if (++retry >= MAX_NAMES) return { kind: 'missed', name, reason: `upload of ${name}: ${MAX_NAMES} names taken by unfinished artifacts` };
      s.logger.info(`${name} is held by an artifact that was never finished: trying ${nameFor(retry)}`);
      continue;
    }
    // Any other failure is tried again until the deadline: an upload that never lands loses a stage.
    await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** Math.min(i, 4), Math.max(0, end - Date.now()))).unref());
  }
}

/**
 * Uploads the folders of the given stages as `andon-<serial>-<stage-id>`. Once the service hangs past a deadline the
 * rest is skipped rather than waited for: the local record stays whole and the verdict does not change.
 */
export async function uploadStageFolders(store: Store, record: RunRecord, stageIds: readonly string[], s: UploadSettings): Promise<UploadResult[]> {
  const out: UploadResult[] = [];
  let down: string | null = null;
  for (const stage of record.stages) {
    if (!stageIds.includes(stage.id)) continue;
    const name = stageArtifactName(record.serial, stage.id);
    if (stage.artifacts.length === 0) {
      out.push({ kind: 'skipped', name, reason: 'no files' });
      continue;
    }
    if (down) {
      out.push({ kind: 'missed', name, reason: `not tried: ${down}` });
      continue;
    }
    const { files, problem } = await recordedFiles(store, record.serial, stage);
    if (problem) {
      s.logger.warn(`artifact ${name} not uploaded: ${problem}`);
      out.push({ kind: 'skipped', name, reason: problem });
      continue;
    }
    const r = await uploadUntilLanded((n) => stageArtifactName(record.serial, stage.id, n), files, store.runDir(record.serial), s);
    if (r.kind === 'missed') {
      s.logger.warn(`${r.reason}; the local record in ${store.runDir(record.serial)} is intact and the verdict stands`);
      if (r.hung) down = r.reason;
    }
    const { hung: _, ...result } = r;
    out.push(result);
  }
  return out;
}

/** Where a step remembers the pieces it uploaded, so its post step does not upload the same one again. */
const UPLOADED_PIECES = '.uploaded-pieces';

/**
 * Uploads a step's piece of the record as `andon-<serial>.record.<sha>`: named by its content, so the same piece is
 * never uploaded twice, and two steps (or jobs running at once) never touch each other's pieces.
 */
export async function uploadPiece(store: Store, piece: RecordPiece, s: UploadSettings): Promise<UploadResult> {
  const { text, sha256 } = serializePiece(piece);
  const name = recordPieceName(piece.serial, sha256);
  const runDir = store.runDir(piece.serial);
  const mark = path.join(runDir, UPLOADED_PIECES);
  const done = (await readFile(mark, 'utf8').catch(() => '')).split('\n');
  if (done.includes(sha256)) return { kind: 'skipped', name, reason: 'this piece is already uploaded' };
  // Its own folder, so the zip holds the piece file alone at its root.
  const dir = path.join(runDir, '.pieces', sha256.slice(0, 16));
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, PIECE_FILE), text);
  const r = await uploadUntilLanded((n) => recordPieceName(piece.serial, sha256, n), [path.join(dir, PIECE_FILE)], dir, s);
  if (r.kind === 'missed') {
    s.logger.warn(`${r.reason}; record piece not uploaded, the local record in ${runDir} is intact and the verdict stands`);
    return { kind: 'missed', name: r.name, reason: r.reason };
  }
  await writeFile(mark, [...done.filter(Boolean), sha256].join('\n')).catch((e: unknown) => s.logger.debug(`could not note the uploaded piece: ${errorMessage(e)}`));
  return { kind: 'uploaded', name: r.name, id: r.kind === 'uploaded' ? r.id : 0, files: 1 };
}

/** Stage folders of the record not yet among this attempt's artifacts (the post step uploads what a cancelled main did not). */
export async function missingStageArtifacts(record: RunRecord, s: UploadSettings): Promise<string[] | null> {
  const listed = await withDeadline(s.deadlineMs, () => s.service.listOwn());
  if (listed.kind !== 'done') {
    s.logger.warn(describeMiss('listing this run\'s artifacts', listed));
    return null;
  }
  const have = new Set(listed.value.map((a) => a.name));
  const landed = (id: string) => [0, 1, 2, 3, 4].some((n) => have.has(stageArtifactName(record.serial, id, n)));
  return record.stages.filter((st) => st.artifacts.length > 0 && !landed(st.id)).map((st) => st.id);
}
