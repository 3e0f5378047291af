// Brings a recorded run back from its artifacts: the record, then the stage folders it lists, checked against its hashes.
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { RunRecord } from '../core/run-record.js';
import { FsStore, RECORD_FILE, type ArtifactProblem } from '../core/store.js';
import type { ArtifactService } from './artifact-service.js';
import { recordArtifactName, stageArtifactName } from './constants.js';
import { describeMiss, withDeadline } from './deadline.js';
import type { GitHubRest } from './rest-client.js';
import { extractZip } from './zip-read.js';

/** Where a run's artifacts are found: this workflow run, or another one through REST. */
export interface ArtifactLocator {
  describe: string;
  list(): Promise<{ id: number; name: string }[]>;
  download(id: number, dest: string): Promise<void>;
}

export function ownRunLocator(service: ArtifactService): ArtifactLocator {
  return { describe: 'this workflow run', list: () => service.listOwn(), download: (id, dest) => service.downloadOwn(id, dest) };
}

/** Another run's artifacts through REST alone (no artifact client): list, then each zip via its signed URL. */
export function otherRunLocator(rest: GitHubRest, run: { repo: string; runId: string }, maxBytes = MAX_ARTIFACT_BYTES): ArtifactLocator {
  return {
    describe: `workflow run ${run.runId} of ${run.repo}`,
    list: async () => (await rest.listRunArtifacts(run.repo, run.runId)).filter((a) => !a.expired).map((a) => ({ id: a.id, name: a.name })),
    download: async (id, dest) => {
      await extractZip(await rest.downloadArtifactZip(run.repo, id, maxBytes), dest, { maxEntries: 10_000, maxBytes });
    },
  };
}

/** A stage folder or record bigger than this is refused when fetched from another run. */
export const MAX_ARTIFACT_BYTES = 512 * 1024 * 1024;

export interface DownloadedRun {
  record: RunRecord;
  /** A store whose run folder holds the downloaded record and stage folders. */
  store: FsStore;
  runDir: string;
  /** Stage folders that could not be fetched or do not match the record's hashes. */
  problems: ArtifactProblem[];
  missing: string[];
}

export interface DownloadSettings {
  deadlineMs: number;
  logger: Logger;
  /** Also fetch the stage folders (a resume needs them; a lookup may not). */
  stages: boolean | readonly string[];
}

/** Downloads `andon-<serial>-record` (and the stage folders) into `<root>/<serial>/`; throws a UserError when there is no record. */
export async function downloadRun(locator: ArtifactLocator, serial: string, root: string, s: DownloadSettings): Promise<DownloadedRun> {
  const store = new FsStore(root);
  const runDir = store.runDir(serial);
  await rm(runDir, { recursive: true, force: true });
  await mkdir(runDir, { recursive: true });
  const listed = await withDeadline(s.deadlineMs, () => locator.list());
  if (listed.kind !== 'done') throw new Error(describeMiss(`listing the artifacts of ${locator.describe}`, listed));
  const byName = new Map(listed.value.map((a) => [a.name, a.id]));
  const recordId = byName.get(recordArtifactName(serial));
  if (recordId === undefined) {
    throw new UserError(`no artifact ${recordArtifactName(serial)} in ${locator.describe} (expired, or the run never uploaded its record)`);
  }
  const got = await withDeadline(s.deadlineMs, () => locator.download(recordId, runDir));
  if (got.kind !== 'done') throw new Error(describeMiss(`download of ${recordArtifactName(serial)}`, got));
  let record: RunRecord;
  try {
    record = RunRecord.parse(JSON.parse(await readFile(path.join(runDir, RECORD_FILE), 'utf8')));
  } catch (e) {
    throw new UserError(`the record artifact of ${serial} is not an andon.run/v1 record: ${(e as Error).message.split('\n')[0]}`);
  }
  if (record.serial !== serial) throw new UserError(`the record artifact of ${serial} holds run ${record.serial}`);

  const missing: string[] = [];
  const wanted = record.stages.filter((st) => st.artifacts.length > 0 && (s.stages === true || (Array.isArray(s.stages) && s.stages.includes(st.id))));
  for (const st of wanted) {
    const name = stageArtifactName(serial, st.id);
    const id = byName.get(name);
    if (id === undefined) {
      missing.push(st.id);
      continue;
    }
    // The zip holds paths relative to the run folder (<stage-id>/<file>), as uploaded.
    const r = await withDeadline(s.deadlineMs, () => locator.download(id, runDir));
    if (r.kind !== 'done') {
      s.logger.warn(describeMiss(`download of ${name}`, r));
      missing.push(st.id);
    }
  }
  const problems = s.stages === false ? [] : (await store.verify(record)).filter((p) => wanted.some((w) => p.path.startsWith(`${w.id}/`)));
  return { record, store, runDir, problems, missing };
}
