// The post step shared by every action: closes what the main step left open (failed, timed-out or cancelled job) and uploads its piece of the record.
import { systemClock, type Clock } from '../core/clock.js';
import { errorMessage } from '../core/errors.js';
import { finalizeRecord } from '../core/finalize.js';
import { joinedVerdictOf } from '../core/line-machine.js';
import type { RunRecord } from '../core/run-record.js';
import { FsStore } from '../core/store.js';
import type { ActionRuntime } from './action-runtime.js';
import type { ArtifactService } from './artifact-service.js';
import { pieceOf } from './attempt-record.js';
import { State } from './constants.js';
import { readGitHubContext } from './github-context.js';
import { SavedSettings } from './saved-settings.js';
import { missingStageArtifacts, uploadPiece, uploadStageFolders } from './run-upload.js';

export interface PostDeps {
  runtime: ActionRuntime;
  artifacts: ArtifactService;
  clock?: Clock;
}

const ENDED = 'the job ended before it finished (a step failed, timed out or was cancelled)';

/**
 * Ends the stages the main step was responsible for: the whole line, or only the stages a stage action
 * selected (later jobs of the same attempt may still run the rest).
 */
export function closeRecord(record: RunRecord, stages: readonly string[] | null, clock: Clock): RunRecord {
  if (record.verdict !== 'running') return record;
  if (!stages) return finalizeRecord(record, ENDED, clock);
  const mineOpen = record.stages.some((s) => stages.includes(s.id) && (s.state === 'running' || s.state === 'pending'));
  if (!mineOpen) return record;
  const closed = finalizeRecord(record, ENDED, clock);
  // Keep other steps' pending stages pending; take only the closing of this step's stages.
  const out: RunRecord = structuredClone(record);
  out.stages = record.stages.map((s) => (stages.includes(s.id) ? closed.stages.find((c) => c.id === s.id)! : s));
  const changed = new Set(stages);
  out.transitions = [...record.transitions, ...closed.transitions.slice(record.transitions.length).filter((t) => changed.has(t.stage))];
  out.verdict = joinedVerdictOf(out.stages);
  if (out.verdict !== 'running') out.finishedAt = clock.now().toISOString();
  return out;
}

export async function postAction(deps: PostDeps): Promise<number> {
  const rt = deps.runtime;
  const serial = rt.state(State.serial);
  const root = rt.state(State.storeRoot);
  if (!serial || !root) {
    rt.logger.info('andon: the main step did not start a run; nothing to close');
    return 0;
  }
  try {
    const saved = SavedSettings.partial().safeParse(JSON.parse(rt.state(State.settings) || '{}'));
    // Settings that cannot be read must not keep the record open: close the whole run, upload as by default.
    if (!saved.success) rt.logger.warn(`andon: the main step's settings are unreadable (${saved.error.issues[0]?.message ?? 'invalid'}); closing the whole run`);
    const settings = saved.success ? saved.data : {};
    const store = new FsStore(root);
    if (!(await store.hasRun(serial))) {
      rt.logger.warn(`andon: run ${serial} has no record in ${root}; nothing to upload`);
      return 0;
    }
    let record = await store.loadRecord(serial);
    const closed = closeRecord(record, settings.stages ?? null, deps.clock ?? systemClock);
    if (closed !== record) {
      await store.writeRecord(closed);
      record = closed;
      rt.logger.warn(`andon: run ${serial} closed by the post step: ${record.stages.filter((s) => s.reason.includes(ENDED)).map((s) => s.id).join(', ') || 'no stage'} did not finish`);
    }
    if (settings.upload === false || !(rt.env.ACTIONS_RUNTIME_TOKEN && rt.env.ACTIONS_RESULTS_URL)) {
      rt.logger.info(`andon: record of ${serial} kept locally at ${store.runDir(serial)} (no upload)`);
      return 0;
    }
    const up = { service: deps.artifacts, retentionDays: settings.retentionDays ?? null, deadlineMs: settings.deadlineMs ?? 120_000, logger: rt.logger };
    // Stage folders a cancelled main step did not get to upload.
    const missing = await missingStageArtifacts(record, up);
    const mine = settings.stages ? (missing ?? []).filter((id) => settings.stages!.includes(id)) : (missing ?? []);
    if (mine.length > 0) await uploadStageFolders(store, record, mine, up);
    // This step's piece of the record: appended beside the other jobs' pieces, never replacing them.
    const r = await uploadPiece(store, await pieceOf(store, record, settings.stages ?? null, readGitHubContext(rt.env)), up);
    rt.logger.info(r.kind === 'uploaded' ? `andon: record piece uploaded as ${r.name}` : `andon: record piece ${r.name}: ${r.reason}`);
  } catch (e) {
    rt.logger.warn(`andon: post step could not close the run: ${errorMessage(e)}`);
  }
  return 0;
}
