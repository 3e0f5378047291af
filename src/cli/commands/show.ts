// `andon show <serial>`: the stage table, the failed stage's reason, its findings and the tail of its log.
import { hostname } from 'node:os';
import path from 'node:path';
import { isInterrupted, processIsAlive } from '../../core/finalize.js';
import { serializeRecord, type RunRecord, type StageRecord } from '../../core/run-record.js';
import { readStageFile, type ArtifactProblem, type Store } from '../../core/store.js';
import { STAGE_FILES } from '../../core/line.js';
import { stageTable, verdictLine } from '../format.js';
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

interface SarifResultLite {
  ruleId?: string;
  level?: string;
  message?: { text?: string };
  baselineState?: string;
  locations?: { physicalLocation?: { artifactLocation?: { uri?: string }; region?: { startLine?: number; startColumn?: number } } }[];
}

export async function readFindings(store: Store, serial: string, stage: StageRecord, max: number): Promise<{ shown: string[]; total: number }> {
  let log: { runs?: { results?: SarifResultLite[] }[] };
  try {
    log = JSON.parse(readStageFile(store, serial, stage.id, STAGE_FILES.sarif, { maxBytes: 256 * 1024 * 1024 })?.toString('utf8') ?? '') as typeof log;
  } catch {
    return { shown: [], total: 0 };
  }
  const results = (log.runs ?? []).flatMap((r) => r.results ?? []).filter((r) => r.baselineState !== 'absent');
  const rank = (r: SarifResultLite) => (r.baselineState === 'new' ? 0 : 10) + (r.level === 'error' ? 0 : r.level === 'warning' ? 1 : 2);
  results.sort((a, b) => rank(a) - rank(b));
  const shown = results.slice(0, max).map((r) => {
    const loc = r.locations?.[0]?.physicalLocation;
    const where = loc?.artifactLocation?.uri
      ? `${decodeURIComponent(loc.artifactLocation.uri)}${loc.region?.startLine ? `:${loc.region.startLine}` : ''}${loc.region?.startColumn ? `:${loc.region.startColumn}` : ''}`
      : '';
    const tag = r.baselineState === 'unchanged' ? ' (known)' : '';
    return `${r.level ?? 'warning'} ${r.ruleId ?? ''}${tag}: ${(r.message?.text ?? '').split('\n')[0]}${where ? `  ${where}` : ''}`;
  });
  return { shown, total: results.length };
}

async function logTail(store: Store, serial: string, stageId: string, lines: number): Promise<string[]> {
  // The end of the log only, and never through a link: a log.txt pointing elsewhere shows nothing.
  const text = readStageFile(store, serial, stageId, STAGE_FILES.log, { tailBytes: 256 * 1024 })?.toString('utf8');
  return text ? text.trimEnd().split('\n').slice(-lines) : [];
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
  const store = await openStore(io.cwd, args.config, args.store);
  const { record, interrupted, problems } = await loadShownRun(store, args.serial);
  if (args.json) {
    io.out(serializeRecord(record));
    return problems.some((p) => p.problem !== 'unrecorded') ? 1 : 0;
  }
  const s = io.style;
  const out: string[] = [];
  out.push(verdictLine(record, s, interrupted));
  const src = record.source;
  out.push(
    s.dim(
      `${src.repo ?? 'local'} ${src.ref ?? ''} ${src.sha ? src.sha.slice(0, 12) : 'no commit'}${src.dirty ? ' (dirty)' : ''} · config ${record.config.path} ${record.config.digest.slice(0, 19)} · andon ${record.tool.version} · ${record.createdAt}`,
    ),
  );
  if (record.host.url) out.push(s.dim(record.host.url));
  out.push('', stageTable(record, s, interrupted), '');
  if (interrupted) out.push(s.yellow(`This run was interrupted: the process that wrote it (pid ${record.host.pid}) is gone.`), '');
  const focus = record.stages.filter((x) => x.state === 'failed' || x.state === 'errored' || (interrupted && x.state === 'running'));
  for (const st of focus) {
    out.push(`${s.bold(st.id)} ${s.red(interrupted && st.state === 'running' ? 'interrupted' : st.state)}: ${st.reason}`);
    const f = await readFindings(store, record.serial, st, args.findings);
    if (f.total > 0) {
      out.push(s.dim(`findings (${f.total}, new first):`));
      for (const line of f.shown) out.push(`  ${line}`);
      if (f.total > f.shown.length) out.push(s.dim(`  … ${f.total - f.shown.length} more in ${path.join(store.stageDir(record.serial, st.id), STAGE_FILES.sarif)}`));
    }
    const tail = await logTail(store, record.serial, st.id, args.logLines);
    if (tail.length > 0) {
      out.push(s.dim(`log (last ${tail.length} lines of ${path.join(store.stageDir(record.serial, st.id), STAGE_FILES.log)}):`));
      for (const line of tail) out.push(`  ${s.dim('│')} ${line}`);
    }
    out.push('');
  }
  if (problems.length > 0) {
    out.push(s.red(`artifacts do not match the record (${problems.length}):`));
    for (const p of problems) {
      out.push(`  ${p.problem}: ${p.path}${p.expected ? ` (recorded sha256 ${p.expected.slice(0, 12)}${p.actual ? `, now ${p.actual.slice(0, 12)}` : ''})` : ''}`);
    }
    out.push(s.red('These artifacts are not trusted.'), '');
  }
  const stop = record.stages.find((x) => x.blocking && (x.state === 'failed' || x.state === 'errored' || (interrupted && x.state === 'running')));
  if (stop) out.push(s.dim(`rerun from here: andon run --resume ${record.serial} --from ${stop.id}`));
  io.out(out.join('\n') + '\n');
  return problems.some((p) => p.problem !== 'unrecorded') ? 1 : 0;
}
