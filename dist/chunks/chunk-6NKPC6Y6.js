import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  cell,
  code
} from "./chunk-OXGU7SJ6.js";
import {
  stateLabel
} from "./chunk-NWRU5D3X.js";

// src/report/trace-text.ts
function renderTrace(trace, stages, s) {
  const out = [s.bold(`lineage of ${trace.serial}`)];
  trace.lineage.forEach((l, i) => {
    const arrow = i === 0 ? "\u25CF" : "\u2191";
    const detail = l.missing ? s.yellow("not in this store") : `${l.verdict}  ${(l.sha ?? "").slice(0, 7)}  ${l.createdAt ?? ""}`;
    out.push(`  ${arrow} ${l.serial}  ${detail}${l.fromStage ? s.dim(`  (resumed its parent from ${l.fromStage})`) : ""}`);
  });
  out.push("", s.bold("where each stage result comes from"));
  for (const st of trace.stages) {
    const rec = stages.find((h) => h.id === st.id);
    const origin = st.producedBy === trace.serial ? "this run" : `run ${st.producedBy}${st.via.length > 1 ? s.dim(` via ${st.via.slice(0, -1).join(" \u2192 ")}`) : ""}`;
    out.push(`  ${st.id.padEnd(18)} ${stateLabel(rec.state, s)}  ${origin}${rec.inputsDigest ? s.dim(`  inputs ${rec.inputsDigest.slice(0, 19)}`) : ""}`);
  }
  return out.join("\n") + "\n";
}
function formatRemoteTrace(t) {
  const lines = [];
  lines.push(`serial   ${t.serial}`);
  lines.push(`run      ${t.run.html_url}`);
  lines.push(`workflow ${t.run.name ?? ""} (${t.run.path ?? "?"}) on ${t.run.event ?? "?"}, ${t.run.status ?? "?"}${t.run.conclusion ? `/${t.run.conclusion}` : ""}`);
  const pr = t.checkout.pr ? ` (pull request #${t.checkout.pr}${t.checkout.fork ? ", from a fork" : ""})` : "";
  lines.push(`commit   ${t.run.head_sha}${t.run.head_branch ? ` on ${t.run.head_branch}` : ""}${pr}`);
  if (t.github && t.github.sha !== t.github.headSha) lines.push(`merge    ${t.github.sha} (the merge commit GitHub tested)`);
  if (t.record) {
    const r = t.record;
    lines.push(`verdict  ${r.verdict}`);
    if (r.parent) lines.push(`parent   ${r.parent.serial} (resumed from ${r.parent.fromStage})`);
    lines.push(`config   ${r.config.path} ${r.config.digest}`);
    lines.push(`tool     andon ${r.tool.version} on node ${r.tool.node}`);
    lines.push("stages");
    for (const s of r.stages) {
      lines.push(`  ${s.id.padEnd(20)} ${s.state.padEnd(9)} ${s.inputsDigest ? s.inputsDigest.slice(0, 19) : "-".padEnd(19)} ${s.reason}`);
    }
  } else {
    lines.push(`record   unavailable: ${t.recordError ?? "unknown"}`);
  }
  lines.push("artifacts");
  for (const a of t.artifacts) lines.push(`  ${a.name}  ${a.size_in_bytes} B${a.digest ? `  ${a.digest}` : ""}${a.expired ? "  (expired)" : ""}`);
  for (const p of t.problems) lines.push(`problem  ${p.path}: ${p.problem}`);
  for (const n of t.notes ?? []) lines.push(`note     ${n}`);
  if (t.dir) lines.push(`saved    ${t.dir}`);
  return lines.join("\n");
}
function remoteTraceSummary(t) {
  const rows = (t.record?.stages ?? []).map((s) => `| ${cell(s.id)} | ${s.state} | ${cell(s.reason)} |`);
  const pr = t.checkout.pr ? ` \xB7 pull request #${t.checkout.pr}${t.checkout.fork ? " from a fork" : ""}` : "";
  return [
    `## Andon trace \`${t.serial}\``,
    "",
    `[workflow run](${t.run.html_url}) \xB7 commit ${code(t.checkout.sha.slice(0, 12))}${pr} \xB7 verdict **${cell(t.record?.verdict ?? "unknown")}**`,
    "",
    ...rows.length ? ["| stage | state | reason |", "| --- | --- | --- |", ...rows, ""] : [`record unavailable: ${cell(t.recordError ?? "")}`, ""]
  ].join("\n");
}

export {
  renderTrace,
  formatRemoteTrace,
  remoteTraceSummary
};
