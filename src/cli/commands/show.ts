// `andon show <serial>`: reads a run, its stopped stages' findings and log tails, and prints what src/report renders.
import { hostname } from 'node:os';
import { isInterrupted } from '../../core/finalize.js';
import { isFailure, stopOf } from '../../core/line-machine.js';
import { serializeRecord, type RunRecord, type StageRecord } from '../../core/run-record.js';
import { readFindings, readStageFile, stageFile } from '../../core/stage-folder.js';
import type { ArtifactProblem, Store } from '../../core/store.js';
import { renderRunDetails, type StageDetails } from '../../report/run-details.js';
import { processIsAlive } from '../../this-process.js';
import type { CliIo } from '../io.js';
import { openStore } from '../workspace.js';

export interface ShowArgs {
  serial: string;
  json: boolean;
  config?: string;
  store?: string;
  logLines: number;
  findings: number;
}

/** The end of a stage's log, never read through a link: a log.txt pointing elsewhere shows nothing. */
function logTail(dir: string, lines: number): string[] {
  const read = readStageFile(dir, 'log', { tailBytes: 256 * 1024 });
  return read.kind === 'ok' ? read.bytes.toString('utf8').trimEnd().split('\n').slice(-lines) : [];
}

async function stageDetails(store: Store, serial: string, stage: StageRecord, logLines: number): Promise<StageDetails> {
  const dir = store.stageDir(serial, stage.id);
  const read = await readFindings(dir, stage.id);
  const logFile = stageFile(dir, 'log');
  return {
    stage,
    findings: read.kind === 'ok' ? read.findings.filter((f) => f.baseline !== 'absent') : [],
    findingsFile: stageFile(dir, 'sarif'),
    logTail: logTail(dir, logLines),
    logFile,
  };
}

export interface ShownRun {
  record: RunRecord;
  interrupted: boolean;
  problems: ArtifactProblem[];
}

export async function loadShownRun(store: Store, serial: string): Promise<ShownRun> {
  const record = await store.loadRecord(serial);
  const interrupted = isInterrupted(record, processIsAlive, hostname());
  const problems = await store.verify(record);
  return { record, interrupted, problems };
}

export async function showCommand(args: ShowArgs, io: CliIo): Promise<number> {
  const store = await openStore(io.cwd, args.config, args.store, io.env);
  const { record, interrupted, problems } = await loadShownRun(store, args.serial);
  // Artifacts that do not match their recorded hashes fail the command: the record can no longer be trusted.
  const code = problems.some((p) => p.problem !== 'unrecorded') ? 1 : 0;
  if (args.json) {
    io.out(serializeRecord(record));
    return code;
  }
  // A stage still running in an interrupted record ended there, unfinished.
  const cutShort = (x: StageRecord) => interrupted && x.state === 'running';
  const focus = record.stages.filter((x) => isFailure(x.state) || cutShort(x));
  const stages: StageDetails[] = [];
  for (const st of focus) stages.push(await stageDetails(store, record.serial, st, args.logLines));
  const stop = stopOf(record.stages) ?? record.stages.find((x) => x.blocking && cutShort(x));
  io.out(renderRunDetails({ record, interrupted, problems, stages, stoppedAt: stop?.id, maxFindings: args.findings }, io.style));
  return code;
}
