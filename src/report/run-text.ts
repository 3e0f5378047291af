// Run records as a terminal shows them: the stage table, the verdict line, progress lines, durations and counts.
import { findingCountsOf } from '../core/findings.js';
import { isFailure, type StageState } from '../core/line-machine.js';
import type { RunRecord, StageRecord } from '../core/run-record.js';
import { stripAnsi } from '../core/process-runner.js';
import type { Style } from './style.js';

const ICON: Record<StageState, string> = {
  pending: '·',
  running: '▶',
  passed: '✔',
  failed: '✘',
  errored: '!',
  skipped: '-',
  cancelled: '⊘',
  reused: '↺',
};

export function stateLabel(state: StageState, style: Style, interrupted = false): string {
  const text = interrupted && state === 'running' ? 'interrupted' : state;
  const icon = interrupted && state === 'running' ? '⊘' : ICON[state];
  const colour =
    state === 'passed' || state === 'reused' ? style.green : isFailure(state) ? style.red : state === 'running' ? style.cyan : style.yellow;
  return colour(`${icon} ${text}`);
}

/** One way to say how long something took, in the terminal and in the job summary: "850 ms", "1.5 s", "2 min 5 s". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** A short summary of a stage's counts, zeros left out: "tests 12 · failed 1 · findings 3 (1 new)". */
export function formatCounts(counts: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(counts)) {
    if (k === 'findings') {
      const f = findingCountsOf(counts);
      const total = f ? f.error + f.warning + f.note : 0;
      if (f && total > 0) parts.push(`findings ${total} (${f.new} new)`);
    } else if (typeof v === 'number' && k !== 'durationMs' && k !== 'exitCode' && (v !== 0 || k === 'tests')) parts.push(`${k} ${v}`);
  }
  return parts.join(' · ');
}

function pad(s: string, n: number): string {
  // Pads by visible length (colour codes do not count).
  const visible = stripAnsi(s);
  return s + ' '.repeat(Math.max(0, n - [...visible].length));
}

export function stageTable(record: RunRecord, style: Style, interrupted = false): string {
  const rows = record.stages.map((s) => [
    s.id,
    s.uses,
    stateLabel(s.state, style, interrupted),
    formatDuration(s.durationMs),
    formatCounts(s.counts),
    reasonOf(s),
  ]);
  const head = ['stage', 'kind', 'state', 'time', 'counts', 'reason'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => [...stripAnsi(r[i]!)].length)));
  const lines = [head.map((h, i) => style.dim(pad(h, widths[i]!))).join('  ')];
  for (const r of rows) lines.push(r.map((c, i) => (i === r.length - 1 ? c : pad(c, widths[i]!))).join('  ').trimEnd());
  return lines.join('\n');
}

function reasonOf(s: StageRecord): string {
  return s.reason.length > 100 ? s.reason.slice(0, 97) + '...' : s.reason;
}

export function verdictLine(record: RunRecord, style: Style, interrupted = false): string {
  const v = interrupted ? 'interrupted' : record.verdict;
  const colour = v === 'passed' ? style.green : v === 'running' ? style.cyan : style.red;
  const extra = record.nonBlockingFailures.length > 0 ? style.yellow(` (non-blocking failures: ${record.nonBlockingFailures.join(', ')})`) : '';
  const parent = record.parent ? style.dim(` · resumed from ${record.parent.serial} at ${record.parent.fromStage}`) : '';
  return `${style.bold('run ' + record.serial)} ${colour(v)}${extra}${parent}`;
}

/** The line `andon run` prints when a run starts. */
export function runStartLine(record: RunRecord, style: Style): string {
  const parent = record.parent ? ` (resume of ${record.parent.serial} from ${record.parent.fromStage})` : '';
  // Which commit the change is judged against, and how it was found: what "new" means in every gate below.
  const { baseSha, baseNote } = record.source;
  const base = baseSha ? `base ${baseSha.slice(0, 7)}${baseNote ? ` (${baseNote})` : ''}` : baseNote ? `no base: ${baseNote}` : '';
  return `${style.bold('andon')} run ${style.bold(record.serial)}${parent}${base ? style.dim(` · ${base}`) : ''}`;
}

/** The line `andon run` prints when a stage starts: "▶ unit (regression) 2/4". */
export function stageStartLine(stage: StageRecord, index: number, total: number, style: Style): string {
  return `${style.cyan('▶')} ${style.bold(stage.id)} ${style.dim(`(${stage.uses}) ${index + 1}/${total}`)}`;
}

/** The line `andon run` prints when a stage ends: state, time, counts and reason. */
export function stageEndLine(stage: StageRecord, style: Style): string {
  const c = formatCounts(stage.counts);
  return `${stateLabel(stage.state, style)} ${style.bold(stage.id)} ${style.dim(formatDuration(stage.durationMs))}${c ? ' · ' + c : ''} ${style.dim('— ' + stage.reason)}`;
}

/** What to do after a run the line stopped: where to look, and how to rerun from the stage that stopped it. */
export function nextStepLine(record: RunRecord, stoppedAt: string, style: Style): string {
  return `${style.dim('see')} andon show ${record.serial}   ${style.dim('then, after a fix:')} andon run --resume ${record.serial} --from ${stoppedAt}`;
}

/** One run in `andon runs`: serial, verdict, commit, time taken, where it stopped, its parent. */
export function runsLine(record: RunRecord, stoppedAt: string | undefined, interrupted: boolean, style: Style): string {
  const v = interrupted ? 'interrupted' : record.verdict;
  const colour = v === 'passed' ? style.green : v === 'running' ? style.cyan : style.red;
  const took = record.finishedAt ? formatDuration(Date.parse(record.finishedAt) - Date.parse(record.createdAt)) : '';
  const parent = record.parent ? style.dim(` ← ${record.parent.serial}@${record.parent.fromStage}`) : '';
  return `${record.serial}  ${colour(v.padEnd(11))} ${(record.source.sha ?? '').slice(0, 7).padEnd(7)} ${took.padEnd(9)} ${stoppedAt ? `stopped at ${stoppedAt}` : ''}${parent}`;
}
