import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  isInterrupted
} from "./chunk-UMT6C33E.js";
import {
  processIsAlive
} from "./chunk-ZXK4LA3K.js";
import {
  stageTable,
  verdictLine
} from "./chunk-NWRU5D3X.js";
import {
  openStore
} from "./chunk-6XIAA4RZ.js";
import "./chunk-5OCHSZKT.js";
import "./chunk-5BSIPENY.js";
import "./chunk-SPBR4F3X.js";
import "./chunk-EM73ES6I.js";
import "./chunk-QZDB3VMJ.js";
import "./chunk-H2VICYEQ.js";
import "./chunk-PE5NFLL3.js";
import {
  readFindings,
  readStageFile,
  stageFile
} from "./chunk-4PTP22Z7.js";
import "./chunk-JBUSEVB6.js";
import "./chunk-MGRT4P43.js";
import {
  isFailure,
  serializeRecord,
  stopOf
} from "./chunk-R2DVGQ2Z.js";
import "./chunk-UE6GT5FO.js";
import "./chunk-JYNWK4DA.js";
import {
  compareFindings
} from "./chunk-NLHABGJB.js";
import "./chunk-UACYHNGC.js";
import "./chunk-K4VEHVI3.js";
import "./chunk-GKY6TSAU.js";
import "./chunk-QTHYIHUL.js";
import "./chunk-TXGCBDM3.js";
import "./chunk-HUTQD67Y.js";
import "./chunk-AS4XOIVA.js";
import "./chunk-X4N7ZENU.js";
import "./chunk-TZYN2FJC.js";

// src/cli/commands/show.ts
import { hostname } from "node:os";

// src/report/run-details.ts
function findingLine(f) {
  const loc = f.location;
  const where = loc ? `${loc.path}${loc.startLine ? `:${loc.startLine}` : ""}${loc.startColumn ? `:${loc.startColumn}` : ""}` : "";
  const tag = f.baseline === "unchanged" ? " (known)" : "";
  return `${f.level} ${f.ruleId}${tag}: ${f.message.split("\n")[0]}${where ? `  ${where}` : ""}`;
}
function stageSection(d, interrupted, max, s) {
  const out = [];
  const st = d.stage;
  out.push(`${s.bold(st.id)} ${s.red(interrupted && st.state === "running" ? "interrupted" : st.state)}: ${st.reason}`);
  if (d.findings.length > 0) {
    const sorted = [...d.findings].sort(compareFindings);
    out.push(s.dim(`findings (${sorted.length}, new first):`));
    for (const f of sorted.slice(0, max)) out.push(`  ${findingLine(f)}`);
    if (sorted.length > max) out.push(s.dim(`  \u2026 ${sorted.length - max} more in ${d.findingsFile}`));
  }
  if (d.logTail.length > 0) {
    out.push(s.dim(`log (last ${d.logTail.length} lines of ${d.logFile}):`));
    for (const line of d.logTail) out.push(`  ${s.dim("\u2502")} ${line}`);
  }
  out.push("");
  return out;
}
function problemLines(problems, s) {
  if (problems.length === 0) return [];
  const out = [s.red(`artifacts do not match the record (${problems.length}):`)];
  for (const p of problems) {
    out.push(`  ${p.problem}: ${p.path}${p.expected ? ` (recorded sha256 ${p.expected.slice(0, 12)}${p.actual ? `, now ${p.actual.slice(0, 12)}` : ""})` : ""}`);
  }
  out.push(s.red("These artifacts are not trusted."), "");
  return out;
}
function renderRunDetails(d, s) {
  const { record, interrupted } = d;
  const src = record.source;
  const out = [verdictLine(record, s, interrupted)];
  out.push(
    s.dim(
      `${src.repo ?? "local"} ${src.ref ?? ""} ${src.sha ? src.sha.slice(0, 12) : "no commit"}${src.dirty ? " (dirty)" : ""} \xB7 config ${record.config.path} ${record.config.digest.slice(0, 19)} \xB7 andon ${record.tool.version} \xB7 ${record.createdAt}`
    )
  );
  if (record.host.url) out.push(s.dim(record.host.url));
  out.push("", stageTable(record, s, interrupted), "");
  if (interrupted) out.push(s.yellow(`This run was interrupted: the process that wrote it (pid ${record.host.pid}) is gone.`), "");
  for (const st of d.stages) out.push(...stageSection(st, interrupted, d.maxFindings, s));
  out.push(...problemLines(d.problems, s));
  if (d.stoppedAt) out.push(s.dim(`rerun from here: andon run --resume ${record.serial} --from ${d.stoppedAt}`));
  return out.join("\n") + "\n";
}

// src/cli/commands/show.ts
function logTail(dir, lines) {
  const read = readStageFile(dir, "log", { tailBytes: 256 * 1024 });
  return read.kind === "ok" ? read.bytes.toString("utf8").trimEnd().split("\n").slice(-lines) : [];
}
async function stageDetails(store, serial, stage, logLines) {
  const dir = store.stageDir(serial, stage.id);
  const read = await readFindings(dir, stage.id);
  const logFile = stageFile(dir, "log");
  return {
    stage,
    findings: read.kind === "ok" ? read.findings.filter((f) => f.baseline !== "absent") : [],
    findingsFile: stageFile(dir, "sarif"),
    logTail: logTail(dir, logLines),
    logFile
  };
}
async function loadShownRun(store, serial) {
  const record = await store.loadRecord(serial);
  const interrupted = isInterrupted(record, processIsAlive, hostname());
  const problems = await store.verify(record);
  return { record, interrupted, problems };
}
async function showCommand(args, io) {
  const store = await openStore(io.cwd, args.config, args.store, io.env);
  const { record, interrupted, problems } = await loadShownRun(store, args.serial);
  const code = problems.some((p) => p.problem !== "unrecorded") ? 1 : 0;
  if (args.json) {
    io.out(serializeRecord(record));
    return code;
  }
  const cutShort = (x) => interrupted && x.state === "running";
  const focus = record.stages.filter((x) => isFailure(x.state) || cutShort(x));
  const stages = [];
  for (const st of focus) stages.push(await stageDetails(store, record.serial, st, args.logLines));
  const stop = stopOf(record.stages) ?? record.stages.find((x) => x.blocking && cutShort(x));
  io.out(renderRunDetails({ record, interrupted, problems, stages, stoppedAt: stop?.id, maxFindings: args.findings }, io.style));
  return code;
}
export {
  loadShownRun,
  showCommand
};
