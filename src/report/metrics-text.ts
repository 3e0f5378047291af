// Factory metrics as text: the terminal table of `andon metrics` and the one-line trend per stage of the job summary.
import type { FactoryMetrics, StageMetrics } from './metrics.js';

const SPARKS = '▁▂▃▄▅▆▇█';

export function formatMs(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
  return `${Math.floor(ms / 3_600_000)} h ${Math.round((ms % 3_600_000) / 60_000)} min`;
}

export function formatShare(x: number | null): string {
  return x === null ? '—' : `${(x * 100).toFixed(x > 0 && x < 0.1 ? 1 : 0)}%`;
}

/** Values as a sparkline; a period without a value is a space. */
export function sparkline(values: readonly (number | null)[]): string {
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return '';
  const lo = Math.min(...known);
  const hi = Math.max(...known);
  return values.map((v) => (v === null ? ' ' : SPARKS[hi === lo ? 3 : Math.round(((v - lo) / (hi - lo)) * (SPARKS.length - 1))])).join('');
}

/** The change of the last period's value against the one before, e.g. "▲ 12%". */
function change(values: readonly (number | null)[], period: string): string {
  const known = values.filter((v): v is number => v !== null);
  if (known.length < 2) return '';
  const [before, now] = known.slice(-2) as [number, number];
  if (before === 0) return '';
  const d = (now - before) / before;
  if (Math.abs(d) < 0.005) return ' (= previous)';
  return ` (${d > 0 ? '▲' : '▼'} ${Math.abs(d * 100).toFixed(0)}% on the previous ${period})`;
}

/** One line per stage: duration trend, first-pass yield, stops, reuse and what it saved. */
export function stageTrendLine(m: FactoryMetrics, s: StageMetrics): string {
  const p50s = m.series.map((p) => p.stages[s.stage]?.p50Ms ?? null);
  const parts = [
    `p50 ${formatMs(s.p50Ms)} ${sparkline(p50s)}${change(p50s, m.period)}`.trim(),
    `first-pass yield ${formatShare(s.firstPassYield)}`,
    `stopped the line ${s.stops}×`,
    `reused ${formatShare(s.reuseRate)}${s.timeSavedMs > 0 ? `, saved ${formatMs(s.timeSavedMs)}` : ''}`,
  ];
  if (s.flakyRate !== null) parts.push(`flaky tests ${formatShare(s.flakyRate)}`);
  if (s.recoveries > 0) parts.push(`back to green in ${formatMs(s.meanTimeToGreenMs)} on average`);
  return `${s.stage}: ${parts.join(' · ')}`;
}

/** Markdown for the job summary: the one-line trend per stage over the runs it could see. */
export function trendMarkdown(m: FactoryMetrics): string {
  if (m.runs === 0) return '';
  const lines = [`### Factory trend (${m.runs} runs, by ${m.period})`, ''];
  for (const s of m.stages) lines.push(`- ${stageTrendLine(m, s).replace(/[<>|`]/g, ' ')}`);
  lines.push('');
  return lines.join('\n');
}

/** The terminal rendering of `andon metrics`. */
export function metricsText(m: FactoryMetrics): string {
  if (m.runs === 0) {
    return `no finished runs in ${m.source}: nothing to measure yet${m.skipped.length > 0 ? ` (${m.skipped.length} left out: ${m.skipped[0]!.serial}: ${m.skipped[0]!.why})` : ''}\n`;
  }
  const l = m.line;
  const out = [
    `${m.runs} runs in ${m.source}, ${m.from} to ${m.to}`,
    `line: ${l.passed} passed, ${l.failed} failed, ${l.errored} errored, ${l.cancelled} cancelled · first-pass yield ${formatShare(l.firstPassYield)} · p50 ${formatMs(l.p50Ms)} · p95 ${formatMs(l.p95Ms)} · reuse ${formatShare(l.reuseRate)} (saved ${formatMs(l.timeSavedMs)}) · flaky tests ${formatShare(l.flakyRate)} · mean time to green ${l.recoveries > 0 ? formatMs(l.meanTimeToGreenMs) : '—'}`,
    '',
  ];
  const head = ['stage', 'runs', 'first-pass', 'stops', 'reuse', 'saved', 'p50', 'p95', 'flaky', 'to green'];
  const rows = m.stages.map((s) => [
    s.stage,
    String(s.runs),
    formatShare(s.firstPassYield),
    String(s.stops),
    formatShare(s.reuseRate),
    formatMs(s.timeSavedMs),
    formatMs(s.p50Ms),
    formatMs(s.p95Ms),
    formatShare(s.flakyRate),
    s.recoveries > 0 ? formatMs(s.meanTimeToGreenMs) : '—',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const r of [head, ...rows]) out.push(r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd());
  out.push('', `trend by ${m.period}:`);
  for (const s of m.stages) out.push(`  ${stageTrendLine(m, s)}`);
  if (m.skipped.length > 0) out.push('', `${m.skipped.length} run(s) left out (still running, or a record this Andon cannot read), e.g. ${m.skipped[0]!.serial}: ${m.skipped[0]!.why}`);
  return `${out.join('\n')}\n`;
}
