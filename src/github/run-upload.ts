// Uploads a run's stage folders and its record as artifacts, exactly the files the record hashes, each call under Andon's deadline.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../core/logger.js';
import type { RunRecord, StageRecord } from '../core/run-record.js';
import { RECORD_FILE, sha256File, type Store } from '../core/store.js';
import type { ArtifactService } from './artifact-service.js';
import { recordArtifactName, stageArtifactName } from './constants.js';
import { describeMiss, withDeadline } from './deadline.js';

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

const UPLOADED_MARK = '.uploaded-record.sha256';

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
 * Uploads the folders of the given stages as `andon-<serial>-<stage-id>`. Once the service misses a deadline the
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
    const r = await withDeadline(s.deadlineMs, () => s.service.upload(name, files, store.runDir(record.serial), s.retentionDays));
    if (r.kind === 'done') {
      out.push({ kind: 'uploaded', name, id: r.value.id, files: files.length });
      continue;
    }
    const why = describeMiss(`upload of ${name}`, r);
    s.logger.warn(`${why}; the local record in ${store.runDir(record.serial)} is intact and the verdict stands`);
    out.push({ kind: 'missed', name, reason: why });
    down = why;
  }
  return out;
}

/** Uploads run.json as `andon-<serial>-record`, replacing the one an earlier step of this run uploaded. */
export async function uploadRecord(store: Store, record: RunRecord, s: UploadSettings): Promise<UploadResult> {
  const name = recordArtifactName(record.serial);
  const runDir = store.runDir(record.serial);
  const file = path.join(runDir, RECORD_FILE);
  const bytes = await readFile(file);
  const sha = createHash('sha256').update(bytes).digest('hex');
  const mark = path.join(runDir, UPLOADED_MARK);
  if ((await readFile(mark, 'utf8').catch(() => '')) === sha) return { kind: 'skipped', name, reason: 'this record is already uploaded' };

  const listed = await withDeadline(s.deadlineMs, () => s.service.listOwn());
  if (listed.kind !== 'done') {
    const why = describeMiss('listing this run\'s artifacts', listed);
    s.logger.warn(`${why}; record not uploaded, the local record in ${runDir} is intact`);
    return { kind: 'missed', name, reason: why };
  }
  if (listed.value.some((a) => a.name === name)) {
    const del = await withDeadline(s.deadlineMs, () => s.service.deleteOwn(name));
    if (del.kind !== 'done') {
      const why = describeMiss(`replacing ${name}`, del);
      s.logger.warn(why);
      return { kind: 'missed', name, reason: why };
    }
  }
  const up = await withDeadline(s.deadlineMs, () => s.service.upload(name, [file], runDir, s.retentionDays));
  if (up.kind !== 'done') {
    const why = describeMiss(`upload of ${name}`, up);
    s.logger.warn(`${why}; the local record in ${runDir} is intact and the verdict stands`);
    return { kind: 'missed', name, reason: why };
  }
  await writeFile(mark, sha);
  return { kind: 'uploaded', name, id: up.value.id, files: 1 };
}

/** Stage folders of the record not yet among this run's artifacts (the post step uploads what a cancelled main did not). */
export async function missingStageArtifacts(record: RunRecord, s: UploadSettings): Promise<string[] | null> {
  const listed = await withDeadline(s.deadlineMs, () => s.service.listOwn());
  if (listed.kind !== 'done') {
    s.logger.warn(describeMiss('listing this run\'s artifacts', listed));
    return null;
  }
  const have = new Set(listed.value.map((a) => a.name));
  return record.stages.filter((st) => st.artifacts.length > 0 && !have.has(stageArtifactName(record.serial, st.id))).map((st) => st.id);
}
