import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  stripAnsi
} from "./chunk-MGRT4P43.js";
import {
  isFailure
} from "./chunk-R2DVGQ2Z.js";
import {
  findingCountsOf
} from "./chunk-NLHABGJB.js";

// src/report/run-text.ts
var ICON = {
  pending: "\xB7",
  running: "\u25B6",
  passed: "\u2714",
  failed: "\u2718",
  errored: "!",
  skipped: "-",
  cancelled: "\u2298",
  reused: "\u21BA"
};
function stateLabel(state, style, interrupted = false) {
  const text = interrupted && state === "running" ? "interrupted" : state;
  const icon = interrupted && state === "running" ? "\u2298" : ICON[state];
  const colour = state === "passed" || state === "reused" ? style.green : isFailure(state) ? style.red : state === "running" ? style.cyan : style.yellow;
  return colour(`${icon} ${text}`);
}
function formatDuration(ms) {
  if (ms === null || ms === void 0) return "";
  if (ms < 1e3) return `${ms} ms`;
  if (ms < 6e4) return `${(ms / 1e3).toFixed(1)} s`;
  return `${Math.floor(ms / 6e4)} min ${Math.round(ms % 6e4 / 1e3)} s`;
}
function formatCounts(counts) {
  const parts = [];
  for (const [k, v] of Object.entries(counts)) {
    if (k === "findings") {
      const f = findingCountsOf(counts);
      const total = f ? f.error + f.warning + f.note : 0;
      if (f && total > 0) parts.push(`findings ${total} (${f.new} new)`);
    } else if (typeof v === "number" && k !== "durationMs" && k !== "exitCode" && (v !== 0 || k === "tests")) parts.push(`${k} ${v}`);
  }
  return parts.join(" \xB7 ");
}
function pad(s, n) {
  const visible = stripAnsi(s);
  return s + " ".repeat(Math.max(0, n - [...visible].length));
}
function stageTable(record, style, interrupted = false) {
  const rows = record.stages.map((s) => [
    s.id,
    s.uses,
    stateLabel(s.state, style, interrupted),
    formatDuration(s.durationMs),
    formatCounts(s.counts),
    reasonOf(s)
  ]);
  const head = ["stage", "kind", "state", "time", "counts", "reason"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => [...stripAnsi(r[i])].length)));
  const lines = [head.map((h, i) => style.dim(pad(h, widths[i]))).join("  ")];
  for (const r of rows) lines.push(r.map((c, i) => i === r.length - 1 ? c : pad(c, widths[i])).join("  ").trimEnd());
  return lines.join("\n");
}
function reasonOf(s) {
  return s.reason.length > 100 ? s.reason.slice(0, 97) + "..." : s.reason;
}
function verdictLine(record, style, interrupted = false) {
  const v = interrupted ? "interrupted" : record.verdict;
  const colour = v === "passed" ? style.green : v === "running" ? style.cyan : style.red;
  const extra = record.nonBlockingFailures.length > 0 ? style.yellow(` (non-blocking failures: ${record.nonBlockingFailures.join(", ")})`) : "";
  const parent = record.parent ? style.dim(` \xB7 resumed from ${record.parent.serial} at ${record.parent.fromStage}`) : "";
  return `${style.bold("run " + record.serial)} ${colour(v)}${extra}${parent}`;
}
function runStartLine(record, style) {
  const parent = record.parent ? ` (resume of ${record.parent.serial} from ${record.parent.fromStage})` : "";
  const { baseSha, baseNote } = record.source;
  const base = baseSha ? `base ${baseSha.slice(0, 7)}${baseNote ? ` (${baseNote})` : ""}` : baseNote ? `no base: ${baseNote}` : "";
  return `${style.bold("andon")} run ${style.bold(record.serial)}${parent}${base ? style.dim(` \xB7 ${base}`) : ""}`;
}
function stageStartLine(stage, index, total, style) {
  return `${style.cyan("\u25B6")} ${style.bold(stage.id)} ${style.dim(`(${stage.uses}) ${index + 1}/${total}`)}`;
}
function stageEndLine(stage, style) {
  const c = formatCounts(stage.counts);
  return `${stateLabel(stage.state, style)} ${style.bold(stage.id)} ${style.dim(formatDuration(stage.durationMs))}${c ? " \xB7 " + c : ""} ${style.dim("\u2014 " + stage.reason)}`;
}
function nextStepLine(record, stoppedAt, style) {
  return `${style.dim("see")} andon show ${record.serial}   ${style.dim("then, after a fix:")} andon run --resume ${record.serial} --from ${stoppedAt}`;
}
function runsLine(record, stoppedAt, interrupted, style) {
  const v = interrupted ? "interrupted" : record.verdict;
  const colour = v === "passed" ? style.green : v === "running" ? style.cyan : style.red;
  const took = record.finishedAt ? formatDuration(Date.parse(record.finishedAt) - Date.parse(record.createdAt)) : "";
  const parent = record.parent ? style.dim(` \u2190 ${record.parent.serial}@${record.parent.fromStage}`) : "";
  return `${record.serial}  ${colour(v.padEnd(11))} ${(record.source.sha ?? "").slice(0, 7).padEnd(7)} ${took.padEnd(9)} ${stoppedAt ? `stopped at ${stoppedAt}` : ""}${parent}`;
}

export {
  stateLabel,
  formatDuration,
  stageTable,
  verdictLine,
  runStartLine,
  stageStartLine,
  stageEndLine,
  nextStepLine,
  runsLine
};
