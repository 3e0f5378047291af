// The job summary of a run: stage table, new findings first, lineage, and how to rerun from the failed stage.
import { compareFindings, findingCountsOf, type Finding } from '../core/findings.js';
import type { RunRecord, StageRecord } from '../core/run-record.js';
import { describeTestCounts } from '../core/tests-contract.js';
import { formatDuration } from './run-text.js';

/** GitHub drops a step summary over 1 MiB (GITHUB.md); the summary stays this far below it. */
export const SUMMARY_MAX_BYTES = 1024 * 1024 - 64 * 1024;

/** How to rerun from a stage, as the summary shows it. */
export interface SummaryRerun {
  fromStage: string;
  command: string;
  url: string;
  /** The pull request whose head is rerun (refs/pull/<n>/head), when the run was one. */
  pr?: number;
}

/** An artifact upload as the summary reports it: only missed ones are listed. */
export interface SummaryUpload {
  kind: string;
  name: string;
  reason?: string;
}

export interface SummaryInput {
  record: RunRecord;
  findings: readonly Finding[];
  /** Earlier runs this one descends from, nearest first, as far as they are known. */
  lineage: readonly { serial: string; fromStage?: string; url?: string | null }[];
  rerun: SummaryRerun | null;
  uploads: readonly SummaryUpload[];
  notes: readonly string[];
  /** Only these stages ran in this step (a stage action); all when undefined. */
  stepStages?: readonly string[];
  /** Findings listed at most (the rest is counted). */
  maxFindings?: number;
}

const ICON: Record<string, string> = {
  passed: '✅',
  failed: '❌',
  errored: '💥',
  skipped: '⏭️',
  cancelled: '🚫',
  reused: '♻️',
  running: '⏳',
  pending: '⏳',
};

const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029\u0085\v\f]/g;

function clip(s: string, max: number): string {
  const flat = s.replace(LINE_BREAKS, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * Untrusted text (a finding's message, a rule id, a path, a reason) as Markdown that renders exactly as written:
 * one line, and every ASCII punctuation character backslash-escaped, which CommonMark renders literally. So no link,
 * image, emphasis, HTML, entity, autolink, math or table pipe can come out of it.
 */
export function cell(s: string, max = 300): string {
  return clip(s, max).replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/** Untrusted text as an inline code span outside a table (backslash escapes do not apply there): one line, no backtick to close it. */
export function code(s: string, max = 200): string {
  return `\`${clip(s, max).replace(/`/g, "'")}\``;
}

function countsText(st: StageRecord): string {
  const parts: string[] = [];
  const f = findingCountsOf(st.counts);
  if (f) parts.push(`${f.error} errors, ${f.warning} warnings, ${f.note} notes (${f.new} new)`);
  const tests = describeTestCounts(st.counts);
  if (tests) parts.push(tests);
  return parts.join('; ');
}

function where(f: Finding): string {
  if (!f.location) return '';
  return `${f.location.path}${f.location.startLine ? `:${f.location.startLine}` : ''}`;
}

export function renderSummary(input: SummaryInput): string {
  const { record } = input;
  const lines: string[] = [];
  const icon = ICON[record.verdict] ?? '';
  lines.push(`## Andon run \`${record.serial}\`: ${record.verdict} ${icon}`, '');
  const facts: string[] = [];
  if (record.source.sha) facts.push(`commit \`${record.source.sha.slice(0, 12)}\``);
  if (record.source.ref) facts.push(`on ${code(record.source.ref, 100)}`);
  if (record.source.pr) facts.push(`PR #${record.source.pr}`);
  if (record.host.url) facts.push(`[workflow run](${record.host.url})`);
  facts.push(`config ${code(record.config.path, 100)} (${code(record.config.digest.slice(0, 19))})`);
  lines.push(facts.join(' · '), '');

  lines.push('| stage | kind | state | duration | counts | reason |', '| --- | --- | --- | --- | --- | --- |');
  for (const st of record.stages) {
    const mine = input.stepStages?.includes(st.id) ?? false;
    const name = mine ? `**${cell(st.id)}**` : cell(st.id);
    const reused = st.reusedFrom ? ` (from ${cell(st.reusedFrom, 40)})` : '';
    lines.push(
      `| ${name}${st.blocking ? '' : ' (non-blocking)'} | ${cell(st.uses)} | ${ICON[st.state] ?? ''} ${st.state}${reused} | ${formatDuration(st.durationMs)} | ${cell(countsText(st))} | ${cell(st.reason)} |`,
    );
  }
  lines.push('');

  const sorted = [...input.findings].sort(compareFindings);
  const max = input.maxFindings ?? 50;
  const fresh = sorted.filter((f) => f.baseline === 'new');
  if (sorted.length > 0) {
    lines.push(`### Findings: ${fresh.length} new of ${sorted.length}`, '', '| | level | where | rule | message | stage |', '| --- | --- | --- | --- | --- | --- |');
    for (const f of sorted.slice(0, max)) {
      lines.push(`| ${f.baseline === 'new' ? '🆕' : ''} | ${f.level} | ${cell(where(f), 150)} | ${cell(f.ruleId, 80)} | ${cell(f.message)} | ${cell(f.stage)} |`);
    }
    if (sorted.length > max) lines.push('', `…and ${sorted.length - max} more in the merged SARIF and each stage's \`findings.sarif\` (artifacts \`andon-${record.serial}-<stage-id>\`).`);
    lines.push('');
  }

  if (input.lineage.length > 0 || record.parent) {
    lines.push('### Lineage', '');
    const chain = [code(record.serial)];
    // A link's target never comes from a record: the caller builds it from what GitHub says.
    for (const l of input.lineage) chain.push(`${l.url ? `[${code(l.serial)}](${l.url})` : code(l.serial)}${l.fromStage ? ` (resumed from ${code(l.fromStage)})` : ''}`);
    if (input.lineage.length === 0 && record.parent) chain.push(`${code(record.parent.serial)} (resumed from ${code(record.parent.fromStage)})`);
    lines.push(chain.join(' ← '), '');
  }

  if (input.rerun) {
    lines.push(
      `### Rerun from \`${input.rerun.fromStage}\``,
      '',
      'Stages before it are reused when their inputs did not change.',
      ...(input.rerun.pr ? ['', `This run was for pull request #${input.rerun.pr}: the rerun workflow runs from its base branch and checks out the pull request's head commit (\`refs/pull/${input.rerun.pr}/head\`).`] : []),
      '',
      '```sh',
      input.rerun.command,
      '```',
      '',
      `Or from the browser: [run the rerun workflow](${input.rerun.url}) with serial \`${record.serial}\` and from-stage \`${input.rerun.fromStage}\`.`,
      '',
    );
  }

  const missed = input.uploads.filter((u) => u.kind === 'missed');
  if (input.notes.length > 0 || missed.length > 0) {
    lines.push('### Notes', '');
    for (const n of input.notes) lines.push(`- ${cell(n, 500)}`);
    for (const m of missed) lines.push(`- artifact ${code(m.name)} not uploaded: ${cell(m.reason ?? '', 300)}`);
    lines.push('');
  }
  return capBytes(lines.join('\n'), SUMMARY_MAX_BYTES);
}

/** GitHub drops a summary over 1 MiB: cut at a line and say so. */
function capBytes(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  let cut = text.slice(0, max);
  while (Buffer.byteLength(cut) > max - 200) cut = cut.slice(0, cut.lastIndexOf('\n'));
  return `${cut}\n\n_(summary cut to stay within GitHub's 1 MiB; the full report is in the artifacts)_\n`;
}
