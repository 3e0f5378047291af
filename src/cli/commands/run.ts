// `andon run`: runs the line (or resumes a recorded run from a stage) and prints progress and the verdict.
import path from 'node:path';
import { ExitCode, UserError } from '../../core/errors.js';
import { runLine, type LineEvent } from '../../core/line.js';
import { serializeRecord, type RunRecord } from '../../core/run-record.js';
import { FsStageCache } from '../../core/stage-cache.js';
import { formatCounts, formatDuration, stageTable, stateLabel, verdictLine } from '../format.js';
import type { CliIo } from '../io.js';
import { openWorkspace } from '../workspace.js';

export interface RunArgs {
  config?: string;
  only?: string[];
  resume?: string;
  from?: string;
  json: boolean;
  cache: boolean;
  quiet: boolean;
}

export function exitCodeOf(record: RunRecord): number {
  return record.verdict === 'passed' ? ExitCode.passed : ExitCode.gateFailed;
}

export async function runCommand(args: RunArgs, io: CliIo): Promise<number> {
  if ((args.resume && !args.from) || (!args.resume && args.from)) {
    throw new UserError('--resume <serial> and --from <stage-id> go together');
  }
  const ws = await openWorkspace(io.cwd, args.config);
  const s = io.style;
  const progress = !args.json && !args.quiet;
  const onEvent = (e: LineEvent) => {
    if (e.type === 'stage-start' && progress) io.err(`${s.cyan('▶')} ${s.bold(e.stage.id)} ${s.dim(`(${e.stage.uses}) ${e.index + 1}/${e.total}`)}\n`);
    else if (e.type === 'stage-output' && progress) io.err(`${s.dim('│')} ${e.line}\n`);
    else if (e.type === 'stage-end' && progress) {
      const c = formatCounts(e.stage.counts);
      io.err(`${stateLabel(e.stage.state, s)} ${s.bold(e.stage.id)} ${s.dim(formatDuration(e.stage.durationMs))}${c ? ' · ' + c : ''} ${s.dim('— ' + e.stage.reason)}\n`);
    } else if (e.type === 'run-start' && progress) {
      const parent = e.record.parent ? ` (resume of ${e.record.parent.serial} from ${e.record.parent.fromStage})` : '';
      io.err(`${s.bold('andon')} run ${s.bold(e.record.serial)}${parent}\n`);
    }
  };
  const record = await runLine({
    workspace: ws.root,
    config: ws.config,
    registry: ws.registry,
    store: ws.store,
    env: io.env,
    signal: io.signal,
    ...(args.only ? { only: args.only } : {}),
    ...(args.resume && args.from ? { resume: { serial: args.resume, fromStage: args.from } } : {}),
    cache: args.cache && ws.config.cache.enabled ? new FsStageCache(path.resolve(ws.root, ws.config.cache.path)) : null,
    statCacheFile: path.resolve(ws.root, ws.config.cache.path, 'file-hashes.json'),
    logger: {
      debug: () => undefined,
      info: (m) => progress && io.err(`${m}\n`),
      warn: (m) => io.err(`${s.yellow('warning:')} ${m}\n`),
      error: (m) => io.err(`${s.red('error:')} ${m}\n`),
    },
    onEvent,
  });
  if (args.json) io.out(serializeRecord(record));
  else {
    io.err('\n' + stageTable(record, s) + '\n\n' + verdictLine(record, s) + '\n');
    const stop = record.stages.find((x) => x.blocking && (x.state === 'failed' || x.state === 'errored'));
    if (stop) {
      io.err(`${s.dim('see')} andon show ${record.serial}   ${s.dim('then, after a fix:')} andon run --resume ${record.serial} --from ${stop.id}\n`);
    }
    io.out(`${record.serial}\n`);
  }
  return exitCodeOf(record);
}
