import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);

// src/report/metrics-text.ts
var SPARKS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588";
function formatMs(ms) {
  if (ms === null) return "\u2014";
  if (ms < 1e3) return `${Math.round(ms)} ms`;
  if (ms < 6e4) return `${(ms / 1e3).toFixed(1)} s`;
  if (ms < 36e5) return `${Math.floor(ms / 6e4)} min ${Math.round(ms % 6e4 / 1e3)} s`;
  return `${Math.floor(ms / 36e5)} h ${Math.round(ms % 36e5 / 6e4)} min`;
}
function formatShare(x) {
  return x === null ? "\u2014" : `${(x * 100).toFixed(x > 0 && x < 0.1 ? 1 : 0)}%`;
}
function sparkline(values) {
  const known = values.filter((v) => v !== null);
  if (known.length === 0) return "";
  const lo = Math.min(...known);
  const hi = Math.max(...known);
  return values.map((v) => v === null ? " " : SPARKS[hi === lo ? 3 : Math.round((v - lo) / (hi - lo) * (SPARKS.length - 1))]).join("");
}
function change(values, period) {
  const known = values.filter((v) => v !== null);
  if (known.length < 2) return "";
  const [before, now] = known.slice(-2);
  if (before === 0) return "";
  const d = (now - before) / before;
  if (Math.abs(d) < 5e-3) return " (= previous)";
  return ` (${d > 0 ? "\u25B2" : "\u25BC"} ${Math.abs(d * 100).toFixed(0)}% on the previous ${period})`;
}
function stageTrendLine(m, s) {
  const p50s = m.series.map((p) => p.stages[s.stage]?.p50Ms ?? null);
  const parts = [
    `p50 ${formatMs(s.p50Ms)} ${sparkline(p50s)}${change(p50s, m.period)}`.trim(),
    `first-pass yield ${formatShare(s.firstPassYield)}`,
    `stopped the line ${s.stops}\xD7`,
    `reused ${formatShare(s.reuseRate)}${s.timeSavedMs > 0 ? `, saved ${formatMs(s.timeSavedMs)}` : ""}`
  ];
  if (s.flakyRate !== null) parts.push(`flaky tests ${formatShare(s.flakyRate)}`);
  if (s.recoveries > 0) parts.push(`back to green in ${formatMs(s.meanTimeToGreenMs)} on average`);
  return `${s.stage}: ${parts.join(" \xB7 ")}`;
}
function trendMarkdown(m) {
  if (m.runs === 0) return "";
  const lines = [`### Factory trend (${m.runs} runs, by ${m.period})`, ""];
  for (const s of m.stages) lines.push(`- ${stageTrendLine(m, s).replace(/[<>|`]/g, " ")}`);
  lines.push("");
  return lines.join("\n");
}
function metricsText(m) {
  if (m.runs === 0) {
    return `no finished runs in ${m.source}: nothing to measure yet${m.skipped.length > 0 ? ` (${m.skipped.length} left out: ${m.skipped[0].serial}: ${m.skipped[0].why})` : ""}
`;
  }
  const l = m.line;
  const out = [
    `${m.runs} runs in ${m.source}, ${m.from} to ${m.to}`,
    `line: ${l.passed} passed, ${l.failed} failed, ${l.errored} errored, ${l.cancelled} cancelled \xB7 first-pass yield ${formatShare(l.firstPassYield)} \xB7 p50 ${formatMs(l.p50Ms)} \xB7 p95 ${formatMs(l.p95Ms)} \xB7 reuse ${formatShare(l.reuseRate)} (saved ${formatMs(l.timeSavedMs)}) \xB7 flaky tests ${formatShare(l.flakyRate)} \xB7 mean time to green ${l.recoveries > 0 ? formatMs(l.meanTimeToGreenMs) : "\u2014"}`,
    ""
  ];
  const head = ["stage", "runs", "first-pass", "stops", "reuse", "saved", "p50", "p95", "flaky", "to green"];
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
    s.recoveries > 0 ? formatMs(s.meanTimeToGreenMs) : "\u2014"
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const r of [head, ...rows]) out.push(r.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd());
  out.push("", `trend by ${m.period}:`);
  for (const s of m.stages) out.push(`  ${stageTrendLine(m, s)}`);
  if (m.skipped.length > 0) out.push("", `${m.skipped.length} run(s) left out (still running, or a record this Andon cannot read), e.g. ${m.skipped[0].serial}: ${m.skipped[0].why}`);
  return `${out.join("\n")}
`;
}

export {
  trendMarkdown,
  metricsText
};
