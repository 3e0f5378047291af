import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  GitHubRest,
  downloadRun,
  otherRunLocator
} from "./chunk-TA3QKD7O.js";
import {
  DEFAULT_SERVICE_DEADLINE_MS,
  describeMiss,
  recordArtifactName,
  withDeadline
} from "./chunk-QXRBFGU3.js";
import {
  silentLogger
} from "./chunk-WCIAZNSM.js";
import {
  parseSerial
} from "./chunk-M6DQOKU2.js";
import {
  UserError,
  errorMessage
} from "./chunk-5C57FHY2.js";

// src/github/trace.ts
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
async function traceSerial(o) {
  const parsed = parseSerial(o.serial);
  if (!parsed) throw new UserError(`"${o.serial}" is not an Andon serial`);
  if (parsed.kind !== "github") throw new UserError(`${o.serial} is a local serial: look it up with \`andon show ${o.serial}\` in the repository that ran it`);
  if (!o.token) throw new UserError("a token is needed to look a run up: pass --token or set GITHUB_TOKEN (scope actions: read)");
  const deadlineMs = o.deadlineMs ?? DEFAULT_SERVICE_DEADLINE_MS;
  const logger = o.logger ?? silentLogger;
  const rest = new GitHubRest({ apiUrl: o.apiUrl ?? "https://api.github.com", token: o.token });
  const run = await withDeadline(deadlineMs, () => rest.getRun(o.repo, parsed.runId, parsed.attempt));
  if (run.kind !== "done") {
    const msg = describeMiss(`looking up workflow run ${parsed.runId} of ${o.repo}`, run);
    if (/ 404 /.test(msg)) throw new UserError(`${o.serial}: no workflow run ${parsed.runId} (attempt ${parsed.attempt}) in ${o.repo}`);
    if (/ 401 /.test(msg)) throw new UserError(`${o.serial}: the token was refused by GitHub (${msg})`);
    throw new Error(msg);
  }
  const listed = await withDeadline(deadlineMs, () => rest.listRunArtifacts(o.repo, parsed.runId));
  if (listed.kind !== "done") throw new Error(describeMiss(`listing the artifacts of run ${parsed.runId}`, listed));
  const prefix = `andon-${o.serial}-`;
  const artifacts = listed.value.filter((a) => a.name.startsWith(prefix));
  const dest = o.dest ?? await mkdtemp(path.join(tmpdir(), "andon-trace-"));
  let record = null;
  let recordError = null;
  let dir = null;
  let problems = [];
  if (!artifacts.some((a) => a.name === recordArtifactName(o.serial) && !a.expired)) {
    recordError = `no artifact ${recordArtifactName(o.serial)} (expired, or the run never uploaded its record)`;
  } else {
    try {
      const got = await downloadRun(otherRunLocator(rest, { repo: o.repo, runId: parsed.runId }), o.serial, dest, {
        deadlineMs,
        logger,
        stages: o.stages ?? false
      });
      record = got.record;
      dir = got.runDir;
      problems = got.problems;
    } catch (e) {
      recordError = errorMessage(e);
    }
  }
  return { serial: o.serial, run: run.value, artifacts, record, recordError, dir, problems };
}
function formatTrace(t) {
  const lines = [];
  lines.push(`serial   ${t.serial}`);
  lines.push(`run      ${t.run.html_url}`);
  lines.push(`workflow ${t.run.name ?? ""} (${t.run.path ?? "?"}) on ${t.run.event ?? "?"}, ${t.run.status ?? "?"}${t.run.conclusion ? `/${t.run.conclusion}` : ""}`);
  lines.push(`commit   ${t.run.head_sha}${t.run.head_branch ? ` on ${t.run.head_branch}` : ""}`);
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
  if (t.dir) lines.push(`saved    ${t.dir}`);
  return lines.join("\n");
}

export {
  traceSerial,
  formatTrace
};
