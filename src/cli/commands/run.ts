// `andon run`: runs the line (or resumes a recorded run from a stage) and prints progress and the verdict.
import path from 'node:path';
import { UserError } from '../../core/errors.js';
import { exitCodeOf, stopOf } from '../../core/line-machine.js';
import { runLine, type LineEvent } from '../../core/line.js';
import { readSourceFacts } from '../../core/source.js';
import { serializeRecord } from '../../core/run-record.js';
import { processIsAlive, thisProcess } from '../../this-process.js';
import { FsBaseJudgementCache } from '../../core/base-baselines.js';
import { FsStageCache } from '../../core/stage-cache.js';
import { nextStepLine, runStartLine, stageEndLine, stageStartLine, stageTable, verdictLine } from '../../report/run-text.js';
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

export async function runCommand(args: RunArgs, io: CliIo): Promise<number> {
  if ((args.resume && !args.from) || (!args.resume && args.from)) {
    throw new UserError('--resume <serial> and --from <stage-id> go together');
  }
  const ws = await openWorkspace(io.cwd, args.config, io.env);
  const s = io.style;
  const progress = !args.json && !args.quiet;
  // An event places a stage in the whole line; progress counts among the stages this run selected (--only).
  const selected = ws.config.line.map((st) => st.id).filter((id) => !args.only || args.only.includes(id));
  const onEvent = (e: LineEvent) => {
    if (!progress) return;
    if (e.type === 'stage-start') io.err(`${stageStartLine(e.stage, selected.indexOf(e.stage.id), selected.length, s)}\n`);
    else if (e.type === 'stage-output') io.err(`${s.dim('│')} ${e.line}\n`);
    else if (e.type === 'stage-end') io.err(`${stageEndLine(e.stage, s)}\n`);
    else if (e.type === 'run-start') io.err(`${runStartLine(e.record, s)}\n`);
  };
  const record = await runLine({
    workspace: ws.root,
    source: await readSourceFacts(ws.root, io.env, { base: ws.config.base, answers: io.sourceAnswers }),
    config: ws.config,
    registry: ws.registry,
    store: ws.store,
    env: io.env,
    writer: thisProcess(),
    isAlive: processIsAlive,
    signal: io.signal,
    ...(io.exitGuard ? { guard: io.exitGuard } : {}),
    ...(args.only ? { only: args.only } : {}),
    ...(args.resume && args.from ? { resume: { serial: args.resume, fromStage: args.from } } : {}),
    cache: args.cache && ws.config.cache.enabled ? new FsStageCache(path.resolve(ws.root, ws.config.cache.path)) : null,
    // --no-cache judges the base again too: no cached result of any kind is trusted.
    baseCache: args.cache && ws.config.cache.enabled ? new FsBaseJudgementCache(path.resolve(ws.root, ws.config.cache.path, 'base-judgements')) : null,
    statCacheFile: path.resolve(ws.root, ws.config.cache.path, 'file-hashes.json'),
    logger: {
      debug: () => undefined,
      info: (m) => progress && io.err(`${m}\n`),
      warn: (m) => io.err(`${s.yellow('warning:')} ${m}\n`),
      error: (m) => io.err(`${s.red('error:')} ${m}\n`),
    },
    onEvent,
  });
  // Loaded only when asked for: most runs do not prune.
  if (ws.config.store.keep !== undefined) await (await import('./runs-prune.js')).pruneAfterRun(ws, io, args.quiet || args.json);
  if (args.json) io.out(serializeRecord(record));
  else {
    io.err('\n' + stageTable(record, s) + '\n\n' + verdictLine(record, s) + '\n');
    const stop = stopOf(record.stages);
    if (stop) io.err(`${nextStepLine(record, stop.id, s)}\n`);
    io.out(`${record.serial}\n`);
  }
  return exitCodeOf(record.stages);
}
