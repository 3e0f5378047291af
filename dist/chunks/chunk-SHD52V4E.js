import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  describeTestCounts
} from "./chunk-2BZLSEN6.js";
import {
  stripAnsi
} from "./chunk-MGRT4P43.js";
import {
  isFailure
} from "./chunk-YKR6NAYJ.js";
import {
  compareFindings,
  findingCountsOf
} from "./chunk-M4BUQAOK.js";

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

// src/report/job-summary.ts
var SUMMARY_MAX_BYTES = 1024 * 1024 - 64 * 1024;
var ICON2 = {
  passed: "\u2705",
  failed: "\u274C",
  errored: "\u{1F4A5}",
  skipped: "\u23ED\uFE0F",
  cancelled: "\u{1F6AB}",
  reused: "\u267B\uFE0F",
  running: "\u23F3",
  pending: "\u23F3"
};
var LINE_BREAKS = /\r\n|[\r\n\u2028\u2029\u0085\v\f]/g;
function clip(s, max) {
  const flat = s.replace(LINE_BREAKS, " ");
  return flat.length > max ? `${flat.slice(0, max - 1)}\u2026` : flat;
}
function cell(s, max = 300) {
  return clip(s, max).replace(/[!-/:-@[-`{-~]/g, "\\$&");
}
function code(s, max = 200) {
  return `\`${clip(s, max).replace(/`/g, "'")}\``;
}
function countsText(st) {
  const parts = [];
  const f = findingCountsOf(st.counts);
  if (f) parts.push(`${f.error} errors, ${f.warning} warnings, ${f.note} notes (${f.new} new)`);
  const tests = describeTestCounts(st.counts);
  if (tests) parts.push(tests);
  return parts.join("; ");
}
function where(f) {
  if (!f.location) return "";
  return `${f.location.path}${f.location.startLine ? `:${f.location.startLine}` : ""}`;
}
function renderSummary(input) {
  const { record } = input;
  const lines = [];
  const icon = ICON2[record.verdict] ?? "";
  lines.push(`## Andon run \`${record.serial}\`: ${record.verdict} ${icon}`, "");
  const facts = [];
  if (record.source.sha) facts.push(`commit \`${record.source.sha.slice(0, 12)}\``);
  if (record.source.ref) facts.push(`on ${code(record.source.ref, 100)}`);
  if (record.source.pr) facts.push(`PR #${record.source.pr}`);
  if (record.host.url) facts.push(`[workflow run](${record.host.url})`);
  facts.push(`config ${code(record.config.path, 100)} (${code(record.config.digest.slice(0, 19))})`);
  lines.push(facts.join(" \xB7 "), "");
  lines.push("| stage | kind | state | duration | counts | reason |", "| --- | --- | --- | --- | --- | --- |");
  for (const st of record.stages) {
    const mine = input.stepStages?.includes(st.id) ?? false;
    const name = mine ? `**${cell(st.id)}**` : cell(st.id);
    const reused = st.reusedFrom ? ` (from ${cell(st.reusedFrom, 40)})` : "";
    lines.push(
      `| ${name}${st.blocking ? "" : " (non-blocking)"} | ${cell(st.uses)} | ${ICON2[st.state] ?? ""} ${st.state}${reused} | ${formatDuration(st.durationMs)} | ${cell(countsText(st))} | ${cell(st.reason)} |`
    );
  }
  lines.push("");
  const sorted = [...input.findings].sort(compareFindings);
  const max = input.maxFindings ?? 50;
  const fresh = sorted.filter((f) => f.baseline === "new");
  if (sorted.length > 0) {
    lines.push(`### Findings: ${fresh.length} new of ${sorted.length}`, "", "| | level | where | rule | message | stage |", "| --- | --- | --- | --- | --- | --- |");
    for (const f of sorted.slice(0, max)) {
      lines.push(`| ${f.baseline === "new" ? "\u{1F195}" : ""} | ${f.level} | ${cell(where(f), 150)} | ${cell(f.ruleId, 80)} | ${cell(f.message)} | ${cell(f.stage)} |`);
    }
    if (sorted.length > max) lines.push("", `\u2026and ${sorted.length - max} more in the merged SARIF and each stage's \`findings.sarif\` (artifacts \`andon-${record.serial}-<stage-id>\`).`);
    lines.push("");
  }
  if (input.lineage.length > 0 || record.parent) {
    lines.push("### Lineage", "");
    const chain = [code(record.serial)];
    for (const l of input.lineage) chain.push(`${l.url ? `[${code(l.serial)}](${l.url})` : code(l.serial)}${l.fromStage ? ` (resumed from ${code(l.fromStage)})` : ""}`);
    if (input.lineage.length === 0 && record.parent) chain.push(`${code(record.parent.serial)} (resumed from ${code(record.parent.fromStage)})`);
    lines.push(chain.join(" \u2190 "), "");
  }
  if (input.rerun) {
    lines.push(
      `### Rerun from \`${input.rerun.fromStage}\``,
      "",
      "Stages before it are reused when their inputs did not change.",
      ...input.rerun.pr ? ["", `This run was for pull request #${input.rerun.pr}: the rerun workflow runs from its base branch and checks out the pull request's head commit (\`refs/pull/${input.rerun.pr}/head\`).`] : [],
      "",
      "```sh",
      input.rerun.command,
      "```",
      "",
      `Or from the browser: [run the rerun workflow](${input.rerun.url}) with serial \`${record.serial}\` and from-stage \`${input.rerun.fromStage}\`.`,
      ""
    );
  }
  const missed = input.uploads.filter((u) => u.kind === "missed");
  if (input.notes.length > 0 || missed.length > 0) {
    lines.push("### Notes", "");
    for (const n of input.notes) lines.push(`- ${cell(n, 500)}`);
    for (const m of missed) lines.push(`- artifact ${code(m.name)} not uploaded: ${cell(m.reason ?? "", 300)}`);
    lines.push("");
  }
  return capBytes(lines.join("\n"), SUMMARY_MAX_BYTES);
}
function capBytes(text, max) {
  if (Buffer.byteLength(text) <= max) return text;
  let cut = text.slice(0, max);
  while (Buffer.byteLength(cut) > max - 200) cut = cut.slice(0, cut.lastIndexOf("\n"));
  return `${cut}

_(summary cut to stay within GitHub's 1 MiB; the full report is in the artifacts)_
`;
}

export {
  stateLabel,
  stageTable,
  verdictLine,
  runStartLine,
  stageStartLine,
  stageEndLine,
  nextStepLine,
  runsLine,
  cell,
  code,
  renderSummary
};
