// One run in detail, as `andon show` prints it: verdict, source, stage table, each stopped stage's reason,
// findings and log tail, artifacts that no longer match the record, and how to rerun.
import { compareFindings, type Finding } from '../core/findings.js';
import type { RunRecord, StageRecord } from '../core/run-record.js';
import type { ArtifactProblem } from '../core/store.js';
import { stageTable, verdictLine } from './run-text.js';
import type { Style } from './style.js';

export interface StageDetails {
  stage: StageRecord;
  /** Its open findings (fixed ones left out). */
  findings: readonly Finding[];
  findingsFile: string;
  logTail: readonly string[];
  logFile: string;
}

export interface RunDetails {
  record: RunRecord;
  interrupted: boolean;
  problems: readonly ArtifactProblem[];
  /** The stages shown in detail, in line order. */
  stages: readonly StageDetails[];
  /** The stage a rerun starts from, when the line stopped. */
  stoppedAt: string | undefined;
  /** Findings listed per stage at most (the rest is counted). */
  maxFindings: number;
}

/** A finding in one line: level, rule, known or not, first line of the message, place. */
export function findingLine(f: Finding): string {
  const loc = f.location;
  const where = loc ? `${loc.path}${loc.startLine ? `:${loc.startLine}` : ''}${loc.startColumn ? `:${loc.startColumn}` : ''}` : '';
  const tag = f.baseline === 'unchanged' ? ' (known)' : '';
  return `${f.level} ${f.ruleId}${tag}: ${f.message.split('\n')[0]}${where ? `  ${where}` : ''}`;
}

function stageSection(d: StageDetails, interrupted: boolean, max: number, s: Style): string[] {
  const out: string[] = [];
  const st = d.stage;
  out.push(`${s.bold(st.id)} ${s.red(interrupted && st.state === 'running' ? 'interrupted' : st.state)}: ${st.reason}`);
  if (d.findings.length > 0) {
    const sorted = [...d.findings].sort(compareFindings);
    out.push(s.dim(`findings (${sorted.length}, new first):`));
    for (const f of sorted.slice(0, max)) out.push(`  ${findingLine(f)}`);
    if (sorted.length > max) out.push(s.dim(`  … ${sorted.length - max} more in ${d.findingsFile}`));
  }
  if (d.logTail.length > 0) {
    out.push(s.dim(`log (last ${d.logTail.length} lines of ${d.logFile}):`));
    for (const line of d.logTail) out.push(`  ${s.dim('│')} ${line}`);
  }
  out.push('');
  return out;
}

function problemLines(problems: readonly ArtifactProblem[], s: Style): string[] {
  if (problems.length === 0) return [];
  const out = [s.red(`artifacts do not match the record (${problems.length}):`)];
  for (const p of problems) {
    out.push(`  ${p.problem}: ${p.path}${p.expected ? ` (recorded sha256 ${p.expected.slice(0, 12)}${p.actual ? `, now ${p.actual.slice(0, 12)}` : ''})` : ''}`);
  }
  out.push(s.red('These artifacts are not trusted.'), '');
  return out;
}

export function renderRunDetails(d: RunDetails, s: Style): string {
  const { record, interrupted } = d;
  const src = record.source;
  const out: string[] = [verdictLine(record, s, interrupted)];
  out.push(
    s.dim(
      `${src.repo ?? 'local'} ${src.ref ?? ''} ${src.sha ? src.sha.slice(0, 12) : 'no commit'}${src.dirty ? ' (dirty)' : ''} · config ${record.config.path} ${record.config.digest.slice(0, 19)} · andon ${record.tool.version} · ${record.createdAt}`,
    ),
  );
  if (record.host.url) out.push(s.dim(record.host.url));
  out.push('', stageTable(record, s, interrupted), '');
  if (interrupted) out.push(s.yellow(`This run was interrupted: the process that wrote it (pid ${record.host.pid}) is gone.`), '');
  for (const st of d.stages) out.push(...stageSection(st, interrupted, d.maxFindings, s));
  out.push(...problemLines(d.problems, s));
  if (d.stoppedAt) out.push(s.dim(`rerun from here: andon run --resume ${record.serial} --from ${d.stoppedAt}`));
  return out.join('\n') + '\n';
}
