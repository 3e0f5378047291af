import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  formatDuration
} from "./chunk-NWRU5D3X.js";
import {
  describeTestCounts
} from "./chunk-UVUI3JLA.js";
import {
  compareFindings,
  findingCountsOf
} from "./chunk-NLHABGJB.js";

// src/report/job-summary.ts
var SUMMARY_MAX_BYTES = 1024 * 1024 - 64 * 1024;
var ICON = {
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
  const icon = ICON[record.verdict] ?? "";
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
      `| ${name}${st.blocking ? "" : " (non-blocking)"} | ${cell(st.uses)} | ${ICON[st.state] ?? ""} ${st.state}${reused} | ${formatDuration(st.durationMs)} | ${cell(countsText(st))} | ${cell(st.reason)} |`
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
  cell,
  code,
  renderSummary
};
