// A serial's lineage as `andon trace` prints it, and a GitHub serial lookup as the terminal and the job summary show it.
import type { Trace } from '../core/lineage.js';
import type { RunRecord, StageRecord } from '../core/run-record.js';
import type { ArtifactProblem } from '../core/store.js';
import { cell, code } from './job-summary.js';
import { stateLabel } from './run-text.js';
import type { Style } from './style.js';

export function renderTrace(trace: Trace, stages: readonly StageRecord[], s: Style): string {
  const out: string[] = [s.bold(`lineage of ${trace.serial}`)];
  trace.lineage.forEach((l, i) => {
    const arrow = i === 0 ? '●' : '↑';
    const detail = l.missing ? s.yellow('not in this store') : `${l.verdict}  ${(l.sha ?? '').slice(0, 7)}  ${l.createdAt ?? ''}`;
    out.push(`  ${arrow} ${l.serial}  ${detail}${l.fromStage ? s.dim(`  (resumed its parent from ${l.fromStage})`) : ''}`);
  });
  out.push('', s.bold('where each stage result comes from'));
  for (const st of trace.stages) {
    const rec = stages.find((h) => h.id === st.id)!;
    const origin = st.producedBy === trace.serial ? 'this run' : `run ${st.producedBy}${st.via.length > 1 ? s.dim(` via ${st.via.slice(0, -1).join(' → ')}`) : ''}`;
    out.push(`  ${st.id.padEnd(18)} ${stateLabel(rec.state, s)}  ${origin}${rec.inputsDigest ? s.dim(`  inputs ${rec.inputsDigest.slice(0, 19)}`) : ''}`);
  }
  return out.join('\n') + '\n';
}

/** What a lookup of a GitHub serial found: its workflow run, its artifacts and (while kept) its record. */
export interface RemoteTrace {
  serial: string;
  run: {
    html_url: string;
    name?: string | null;
    path?: string;
    event?: string;
    status?: string | null;
    conclusion?: string | null;
    head_sha: string;
    head_branch?: string | null;
  };
  artifacts: readonly { name: string; size_in_bytes: number; digest?: string | null; expired?: boolean }[];
  record: RunRecord | null;
  recordError: string | null;
  /** What the run's record piece says of GitHub (its merge commit beside the PR head), when a piece was read. */
  github?: { sha: string; headSha: string } | null;
  /** What to check out to rerun it, from GitHub's REST run (never from the record). */
  checkout: { sha: string; pr: number | null; fork: boolean };
  dir: string | null;
  problems: readonly ArtifactProblem[];
  notes?: readonly string[];
}

/** The lookup as a person reads it in a terminal or a step log. */
export function formatRemoteTrace(t: RemoteTrace): string {
  const lines: string[] = [];
  lines.push(`serial   ${t.serial}`);
  lines.push(`run      ${t.run.html_url}`);
  lines.push(`workflow ${t.run.name ?? ''} (${t.run.path ?? '?'}) on ${t.run.event ?? '?'}, ${t.run.status ?? '?'}${t.run.conclusion ? `/${t.run.conclusion}` : ''}`);
  const pr = t.checkout.pr ? ` (pull request #${t.checkout.pr}${t.checkout.fork ? ', from a fork' : ''})` : '';
  lines.push(`commit   ${t.run.head_sha}${t.run.head_branch ? ` on ${t.run.head_branch}` : ''}${pr}`);
  if (t.github && t.github.sha !== t.github.headSha) lines.push(`merge    ${t.github.sha} (the merge commit GitHub tested)`);
  if (t.record) {
    const r = t.record;
    lines.push(`verdict  ${r.verdict}`);
    if (r.parent) lines.push(`parent   ${r.parent.serial} (resumed from ${r.parent.fromStage})`);
    lines.push(`config   ${r.config.path} ${r.config.digest}`);
    lines.push(`tool     andon ${r.tool.version} on node ${r.tool.node}`);
    lines.push('stages');
    for (const s of r.stages) {
      lines.push(`  ${s.id.padEnd(20)} ${s.state.padEnd(9)} ${s.inputsDigest ? s.inputsDigest.slice(0, 19) : '-'.padEnd(19)} ${s.reason}`);
    }
  } else {
    lines.push(`record   unavailable: ${t.recordError ?? 'unknown'}`);
  }
  lines.push('artifacts');
  for (const a of t.artifacts) lines.push(`  ${a.name}  ${a.size_in_bytes} B${a.digest ? `  ${a.digest}` : ''}${a.expired ? '  (expired)' : ''}`);
  for (const p of t.problems) lines.push(`problem  ${p.path}: ${p.problem}`);
  for (const n of t.notes ?? []) lines.push(`note     ${n}`);
  if (t.dir) lines.push(`saved    ${t.dir}`);
  return lines.join('\n');
}

/** The lookup in the job summary of the trace action. */
export function remoteTraceSummary(t: RemoteTrace): string {
  const rows = (t.record?.stages ?? []).map((s) => `| ${cell(s.id)} | ${s.state} | ${cell(s.reason)} |`);
  const pr = t.checkout.pr ? ` · pull request #${t.checkout.pr}${t.checkout.fork ? ' from a fork' : ''}` : '';
  return [
    `## Andon trace \`${t.serial}\``,
    '',
    `[workflow run](${t.run.html_url}) · commit ${code(t.checkout.sha.slice(0, 12))}${pr} · verdict **${cell(t.record?.verdict ?? 'unknown')}**`,
    '',
    ...(rows.length ? ['| stage | state | reason |', '| --- | --- | --- |', ...rows, ''] : [`record unavailable: ${cell(t.recordError ?? '')}`, '']),
  ].join('\n');
}
