// Brings a recorded run back from its artifacts: its record pieces merged into one record, then the stage folders it lists, checked against its hashes.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UserError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { parseSerial } from '../core/serial.js';
import { FsStore, type ArtifactProblem } from '../core/store.js';
import type { ArtifactService } from './artifact-service.js';
import { parseArtifactName } from './constants.js';
import { describeMiss, retrying } from './deadline.js';
import { readDownloadedJson } from './downloaded-file.js';
import { PIECE_FILE, RecordPiece, carryForward, emptyAttempt, folderSerial, mergePieces, type MergedRun } from './record-pieces.js';
import type { GitHubRest } from './rest-client.js';
import { extractZip } from './zip-read.js';

export interface ListedArtifact {
  id: number;
  name: string;
  expired: boolean;
}

/** Where a run's artifacts are found: this attempt (runtime token), or a whole workflow run, every attempt, through REST. */
export interface ArtifactLocator {
  describe: string;
  /** True when the listing holds every attempt of the workflow run (REST); the runtime token sees the current one only. */
  allAttempts: boolean;
  list(): Promise<ListedArtifact[]>;
  download(id: number, dest: string): Promise<void>;
}

export function ownRunLocator(service: ArtifactService): ArtifactLocator {
  return {
    describe: 'this workflow run attempt',
    allAttempts: false,
    list: async () => (await service.listOwn()).map((a) => ({ ...a, expired: false })),
    download: (id, dest) => service.downloadOwn(id, dest),
  };
}

/** A workflow run's artifacts through REST alone (no artifact client): list, then each zip via its signed URL. */
export function otherRunLocator(rest: GitHubRest, run: { repo: string; runId: string }, maxBytes = MAX_ARTIFACT_BYTES): ArtifactLocator {
  return {
    describe: `workflow run ${run.runId} of ${run.repo}`,
    allAttempts: true,
    list: async () => (await rest.listRunArtifacts(run.repo, run.runId)).map((a) => ({ id: a.id, name: a.name, expired: a.expired ?? false })),
    download: async (id, dest) => {
      await extractZip(await rest.downloadArtifactZip(run.repo, id, maxBytes), dest, { maxEntries: 10_000, maxBytes });
    },
  };
}

/** A stage folder or record piece bigger than this is refused when fetched from another run. */
export const MAX_ARTIFACT_BYTES = 512 * 1024 * 1024;

export interface ReadSettings {
  deadlineMs: number;
  logger: Logger;
  /** Where pieces are unpacked for reading; the system temp folder when not given. */
  tmpRoot?: string;
}

/** Lists a locator's artifacts, retried within the deadline; throws when the service does not answer. */
export async function listArtifacts(locator: ArtifactLocator, s: ReadSettings): Promise<ListedArtifact[]> {
  const r = await retrying(s.deadlineMs, () => locator.list());
  if (r.kind !== 'done') throw new Error(describeMiss(`listing the artifacts of ${locator.describe}`, r));
  return r.value;
}

/** The pieces of one serial in a listing, downloaded and parsed; a piece that cannot be read is said, never guessed at. */
export async function readPieces(
  locator: ArtifactLocator,
  listed: readonly ListedArtifact[],
  serial: string,
  s: ReadSettings,
): Promise<{ pieces: RecordPiece[]; problems: string[]; expired: number }> {
  const pieces: RecordPiece[] = [];
  const problems: string[] = [];
  const mine = listed.filter((a) => {
    const k = parseArtifactName(a.name);
    return k?.kind === 'piece' && k.serial === serial;
  });
  await mkdir(s.tmpRoot ?? tmpdir(), { recursive: true });
  const tmp = await mkdtemp(path.join(s.tmpRoot ?? tmpdir(), 'andon-pieces-'));
  try {
    for (const a of mine.filter((x) => !x.expired)) {
      const dest = path.join(tmp, String(a.id));
      const got = await retrying(s.deadlineMs, async () => {
        await rm(dest, { recursive: true, force: true });
        await mkdir(dest, { recursive: true });
        await locator.download(a.id, dest);
      });
      if (got.kind !== 'done') {
        problems.push(describeMiss(`download of ${a.name}`, got));
        continue;
      }
      const read = readDownloadedJson(dest, PIECE_FILE, RecordPiece);
      const piece = read.ok ? read.value : null;
      if (!piece || piece.serial !== serial || piece.record.serial !== serial) {
        problems.push(`${a.name} is not a record piece of ${serial}: ${read.ok ? `it holds run ${read.value.record.serial}` : read.why.split('\n')[0]}`);
        continue;
      }
      pieces.push(piece);
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  return { pieces, problems, expired: mine.filter((a) => a.expired).length };
}

/** Whether a listing holds an unexpired folder of a stage of a serial. */
export function hasFolder(listed: readonly ListedArtifact[], serial: string, stageId: string): boolean {
  return listed.some((a) => {
    const k = parseArtifactName(a.name);
    return !a.expired && k?.kind === 'stage' && k.serial === serial && k.stageId === stageId;
  });
}

export interface RunRead {
  run: MergedRun | null;
  /** What could not be read or carried, in words. */
  notes: string[];
  /** Pieces of this serial that expired. */
  expired: number;
}

/**
 * The merged record of a serial. With a listing of every attempt (REST), a later attempt also carries forward what
 * earlier attempts passed and it did not run again, so its record is complete; `exclude` names stages never carried.
 */
export async function readRun(
  locator: ArtifactLocator,
  listed: readonly ListedArtifact[],
  serial: string,
  s: ReadSettings,
  o: { earlier?: MergedRun | null; exclude?: ReadonlySet<string> } = {},
): Promise<RunRead> {
  const got = await readPieces(locator, listed, serial, s);
  const notes = [...got.problems];
  let run = mergePieces(serial, got.pieces);
  if (run) notes.push(...run.conflicts);
  const parsed = parseSerial(serial);
  let earlier = o.earlier;
  if (earlier === undefined && locator.allAttempts && parsed?.kind === 'github' && parsed.attempt > 1) {
    earlier = await readEarlierAttempts(locator, listed, serial, s, notes);
  }
  if (earlier) {
    run ??= emptyAttempt(earlier, serial, { ...earlier.github, attempt: parsed?.kind === 'github' ? parsed.attempt : earlier.github.attempt });
    const c = carryForward(run, earlier, { ...(o.exclude ? { exclude: o.exclude } : {}), folderAvailable: (id, ser) => hasFolder(listed, ser, id) });
    notes.push(...c.notes);
  }
  return { run, notes, expired: got.expired };
}

/** The merged record of the attempt before `serial`, itself carried forward from the ones before it. */
export async function readEarlierAttempts(
  locator: ArtifactLocator,
  listed: readonly ListedArtifact[],
  serial: string,
  s: ReadSettings,
  notes: string[],
): Promise<MergedRun | null> {
  const parsed = parseSerial(serial);
  if (parsed?.kind !== 'github' || !locator.allAttempts) return null;
  let prev: MergedRun | null = null;
  for (let k = 1; k < parsed.attempt; k++) {
    const r = await readRun(locator, listed, `gh-${parsed.runId}-${k}`, s, { earlier: prev });
    notes.push(...r.notes.map((n) => `attempt ${k}: ${n}`));
    if (r.run) prev = r.run;
  }
  return prev;
}

export interface FolderFetch {
  missing: string[];
  problems: ArtifactProblem[];
}

/**
 * Downloads the folders of the given stages into `runDir` (each from the serial that holds it) and checks every file
 * against the record's sha256; a stage whose folder is missing, expired or changed is reported, never used.
 */
export async function fetchStageFolders(
  locator: ArtifactLocator,
  listed: readonly ListedArtifact[],
  run: MergedRun,
  runDir: string,
  stageIds: readonly string[] | true,
  s: ReadSettings,
): Promise<FolderFetch> {
  const missing: string[] = [];
  const wanted = run.record.stages.filter((st) => st.artifacts.length > 0 && (stageIds === true || stageIds.includes(st.id)));
  for (const st of wanted) {
    const holder = folderSerial(run, st.id);
    const candidates = listed.filter((a) => {
      const k = parseArtifactName(a.name);
      return !a.expired && k?.kind === 'stage' && k.serial === holder && k.stageId === st.id;
    });
    if (candidates.length === 0) {
      missing.push(st.id);
      continue;
    }
    // The zip holds paths relative to the run folder (<stage-id>/<file>), as uploaded.
    const r = await retrying(s.deadlineMs, async () => {
      await rm(path.join(runDir, st.id), { recursive: true, force: true });
      await locator.download(candidates.at(-1)!.id, runDir);
    });
    if (r.kind !== 'done') {
      s.logger.warn(describeMiss(`download of ${candidates.at(-1)!.name}`, r));
      missing.push(st.id);
    }
  }
  const store = new FsStore(path.dirname(runDir));
  const problems = (await store.verify({ ...run.record, stages: wanted })).filter((p) => !missing.includes(p.path.split('/')[0] ?? ''));
  return { missing, problems };
}

export interface DownloadedRun {
  run: MergedRun;
  /** A store whose run folder holds the merged record and the stage folders fetched. */
  store: FsStore;
  runDir: string;
  problems: ArtifactProblem[];
  missing: string[];
  notes: string[];
}

export interface DownloadSettings extends ReadSettings {
  /** Also fetch the stage folders (a resume needs them; a lookup may not). */
  stages: boolean | readonly string[];
}

/** Reads a serial's record (every attempt it carries from, when the locator sees them) into `<root>/<serial>/`; a UserError when there is none. */
export async function downloadRun(locator: ArtifactLocator, serial: string, root: string, s: DownloadSettings): Promise<DownloadedRun> {
  const store = new FsStore(root);
  const runDir = store.runDir(serial);
  await rm(runDir, { recursive: true, force: true });
  await mkdir(runDir, { recursive: true });
  const listed = await listArtifacts(locator, s);
  const read = await readRun(locator, listed, serial, { ...s, tmpRoot: root });
  if (!read.run) {
    const why = read.expired > 0 ? 'its record expired' : read.notes.length > 0 ? read.notes.join('; ') : 'the run never uploaded its record';
    throw new UserError(`no record of ${serial} in ${locator.describe} (${why})`);
  }
  await store.writeRecord(read.run.record);
  const got = s.stages === false ? { missing: [], problems: [] } : await fetchStageFolders(locator, listed, read.run, runDir, s.stages === true ? true : s.stages, s);
  return { run: read.run, store, runDir, problems: got.problems, missing: got.missing, notes: read.notes };
}
