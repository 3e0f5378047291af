import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  GitHubRest
} from "./chunk-VHGE7LZA.js";
import {
  DEFAULT_SERVICE_DEADLINE_MS,
  describeMiss,
  downloadRun,
  otherRunLocator,
  parseArtifactName,
  withDeadline
} from "./chunk-UPPQ2J5F.js";
import {
  silentLogger
} from "./chunk-WCIAZNSM.js";
import {
  parseSerial
} from "./chunk-SPBR4F3X.js";
import {
  UserError,
  errorMessage
} from "./chunk-HUTQD67Y.js";

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
    if (/ 403 /.test(msg)) throw new UserError(`${o.serial}: the token may not read the runs of ${o.repo} (it needs actions: read): ${msg}`);
    throw new Error(msg);
  }
  const listed = await withDeadline(deadlineMs, () => rest.listRunArtifacts(o.repo, parsed.runId));
  if (listed.kind !== "done") throw new Error(describeMiss(`listing the artifacts of run ${parsed.runId}`, listed));
  const artifacts = listed.value.filter((a) => parseArtifactName(a.name)?.serial === o.serial);
  const dest = o.dest ?? await mkdtemp(path.join(tmpdir(), "andon-trace-"));
  let got = null;
  let recordError = null;
  try {
    got = await downloadRun(otherRunLocator(rest, { repo: o.repo, runId: parsed.runId }), o.serial, dest, { deadlineMs, logger, stages: o.stages ?? false });
  } catch (e) {
    recordError = errorMessage(e);
  }
  const facts = got?.run.github ?? null;
  const r = run.value;
  if (facts) {
    const disagree = [];
    if (facts.headSha !== r.head_sha) disagree.push(`commit ${facts.headSha}, GitHub ran ${r.head_sha}`);
    if (r.event && facts.event !== r.event) disagree.push(`event ${facts.event}, GitHub says ${r.event}`);
    if (facts.runId !== String(r.id)) disagree.push(`workflow run ${facts.runId}, GitHub says ${r.id}`);
    if (disagree.length > 0) throw new UserError(`the record of ${o.serial} disagrees with GitHub (${disagree.join("; ")}): it is not trusted`);
  }
  const fork = facts?.fork ?? (r.head_repository && r.repository ? r.head_repository.full_name.toLowerCase() !== r.repository.full_name.toLowerCase() : false);
  const pr = facts?.pr ?? null;
  const event = r.event ?? facts?.event ?? "";
  const ref = event.startsWith("pull_request") && pr ? `refs/pull/${pr}/head` : r.head_branch ?? "";
  return {
    serial: o.serial,
    run: r,
    artifacts,
    record: got?.run.record ?? null,
    recordError,
    github: facts,
    checkout: { sha: r.head_sha, ref, event, fork, pr },
    dir: got?.runDir ?? null,
    problems: got?.problems ?? [],
    notes: got?.notes ?? []
  };
}
async function assertCommitExists(o, sha, serial) {
  const rest = new GitHubRest({ apiUrl: o.apiUrl ?? "https://api.github.com", token: o.token });
  const exists = await rest.commitExists(o.repo, sha);
  if (exists === null) o.logger?.warn(`commit ${sha} of ${serial} could not be checked: the token may not read ${o.repo} (contents: read)`);
  else if (!exists) {
    throw new UserError(`commit ${sha} of ${serial} is no longer in ${o.repo} (force-pushed away, or its branch deleted): it cannot be checked out to rerun`);
  }
}

export {
  traceSerial,
  assertCommitExists
};
