// A step's share of its attempt's record: it picks up what earlier jobs of the attempt recorded (their pieces, merged)
// and what earlier attempts passed (through REST), so the record it adds its stages to is the whole run's.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { errorMessage } from '../core/errors.js';
import type { RunRecord } from '../core/run-record.js';
import { parseSerial } from '../core/serial.js';
import type { FsStore } from '../core/store.js';
import type { ArtifactService } from './artifact-service.js';
import type { GitHubContext } from './github-context.js';
import { carryForward, pendingStage, type MergedRun, type RecordPiece } from './record-pieces.js';
import type { GitHubRest } from './rest-client.js';
import { fetchStageFolders, hasFolder, listArtifacts, otherRunLocator, ownRunLocator, readEarlierAttempts, readRun, type ReadSettings } from './run-download.js';

/** Beside run.json: the stages this job's record carries from earlier attempts, for the piece its post step uploads. */
const CARRIED_FILE = 'carried.json';
const Carried = z.array(z.object({ id: z.string(), from: z.string() }));
export type Carried = z.infer<typeof Carried>;

export async function readCarried(runDir: string): Promise<Carried> {
  try {
    return Carried.parse(JSON.parse(await readFile(path.join(runDir, CARRIED_FILE), 'utf8')));
  } catch {
    return [];
  }
}

async function writeCarried(runDir: string, carried: Carried): Promise<void> {
  await mkdir(runDir, { recursive: true });
  await writeFile(path.join(runDir, CARRIED_FILE), JSON.stringify(carried));
}

/** The piece a step uploads: its record, the stages it ran (all of them for the whole line), and what it carried. */
export async function pieceOf(store: FsStore, record: RunRecord, stages: readonly string[] | null, gh: GitHubContext): Promise<RecordPiece> {
  return {
    schema: 'andon.record-piece/v1',
    serial: record.serial,
    stages: stages ? [...stages] : record.stages.map((s) => s.id),
    carried: await readCarried(store.runDir(record.serial)),
    github: gh.facts,
    record,
  };
}

export interface AttemptContext {
  gh: GitHubContext;
  store: FsStore;
  artifacts: ArtifactService;
  /** REST with `actions: read`, for earlier attempts; null without a token. */
  rest: GitHubRest | null;
  /** The stages this step runs: never taken from elsewhere. */
  own: readonly string[];
  settings: ReadSettings;
  notes: string[];
}

/**
 * Starts this step's record from the pieces earlier jobs of the attempt uploaded (the runtime token sees this attempt
 * only), with their stage folders. A stage of this step that another job carried forward is taken back: it runs here.
 */
export async function adoptAttempt(c: AttemptContext): Promise<void> {
  const { gh, store } = c;
  const runDir = store.runDir(gh.serial);
  try {
    const locator = ownRunLocator(c.artifacts);
    const listed = await listArtifacts(locator, c.settings);
    const read = await readRun(locator, listed, gh.serial, c.settings, { earlier: null });
    c.notes.push(...read.notes);
    if (!read.run) return;
    const run = read.run;
    const taken = new Set(c.own.filter((id) => run.carried.delete(id)));
    run.record.stages = run.record.stages.map((st) => (taken.has(st.id) ? pendingStage(st) : st));
    run.record.transitions = run.record.transitions.filter((t) => !taken.has(t.stage));
    await mkdir(runDir, { recursive: true });
    await store.writeRecord(run.record);
    await writeCarried(runDir, [...run.carried].map(([id, from]) => ({ id, from })));
    const fromHere = run.record.stages.filter((s) => s.state !== 'pending' && !run.carried.has(s.id)).map((s) => s.id);
    const got = await fetchStageFolders(locator, listed, run, runDir, fromHere, c.settings);
    if (got.missing.length > 0) c.notes.push(`stage folders of ${got.missing.join(', ')} could not be fetched from earlier jobs`);
    for (const p of got.problems) c.notes.push(`stage folder file ${p.path} from an earlier job is ${p.problem}`);
    if (run.carried.size > 0) await fetchCarried(c, run, [...run.carried.keys()]);
    c.settings.logger.info(`joined run ${gh.serial} recorded by earlier jobs (${run.record.stages.filter((s) => s.state !== 'pending').length} stages done)`);
  } catch (e) {
    await rm(runDir, { recursive: true, force: true });
    c.notes.push(`could not pick up this run's record from earlier jobs (${errorMessage(e)}): starting it here`);
  }
}

/** Folders of carried stages live in earlier attempts: only REST reaches them. Returns the stages that did not come back whole. */
async function fetchCarried(c: AttemptContext, run: MergedRun, ids: readonly string[]): Promise<string[]> {
  if (!c.rest) {
    c.notes.push(`folders of ${ids.join(', ')} stay in earlier attempts (no token with actions: read to fetch them)`);
    return [];
  }
  const locator = otherRunLocator(c.rest, { repo: c.gh.repo, runId: c.gh.runId });
  const listed = await listArtifacts(locator, c.settings);
  const got = await fetchStageFolders(locator, listed, run, c.store.runDir(run.serial), ids, c.settings);
  return [...got.missing, ...got.problems.map((p) => p.path.split('/')[0] ?? '')];
}

/**
 * "Re-run failed jobs": stages this attempt does not run again and an earlier attempt passed are carried forward as
 * `reused` (REST, `actions: read`), each only when its folder comes back matching its hashes. Returns the record.
 */
export async function carryEarlierAttempts(c: AttemptContext, record: RunRecord): Promise<RunRecord> {
  const parsed = parseSerial(record.serial);
  if (parsed?.kind !== 'github' || parsed.attempt < 2) return record;
  if (!c.rest) {
    c.notes.push('earlier attempts of this run are not read (no token with actions: read): stages they passed stay pending here');
    return record;
  }
  const runDir = c.store.runDir(record.serial);
  try {
    const locator = otherRunLocator(c.rest, { repo: c.gh.repo, runId: c.gh.runId });
    const listed = await listArtifacts(locator, c.settings);
    const earlier = await readEarlierAttempts(locator, listed, record.serial, c.settings, c.notes);
    if (!earlier) return record;
    const carriedBefore = new Map((await readCarried(runDir)).map((x) => [x.id, x.from]));
    const exclude = new Set(c.own);
    for (let round = 0; round < 3; round++) {
      const current: MergedRun = { serial: record.serial, record: JSON.parse(JSON.stringify(record)) as RunRecord, github: c.gh.facts, carried: new Map(carriedBefore), conflicts: [] };
      const r = carryForward(current, earlier, { exclude, folderAvailable: (id, serial) => hasFolder(listed, serial, id) });
      if (round === 0) c.notes.push(...r.notes);
      if (r.carried.length === 0) return record;
      const broken = await fetchStageFolders(locator, listed, current, runDir, r.carried, c.settings);
      const bad = new Set([...broken.missing, ...broken.problems.map((p) => p.path.split('/')[0] ?? '')]);
      if (bad.size > 0) {
        c.notes.push(`not carried forward, their folders did not come back whole: ${[...bad].join(', ')}`);
        for (const id of bad) {
          exclude.add(id);
          await rm(path.join(runDir, id), { recursive: true, force: true });
        }
        continue;
      }
      await c.store.writeRecord(current.record);
      await writeCarried(runDir, [...current.carried].map(([id, from]) => ({ id, from })));
      c.settings.logger.info(`carried forward from earlier attempts: ${r.carried.join(', ')}`);
      return current.record;
    }
  } catch (e) {
    c.notes.push(`earlier attempts could not be read (${errorMessage(e)}): stages they passed stay pending here`);
  }
  return record;
}
