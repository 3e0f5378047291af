import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  ActionsArtifactService,
  readGitHubContext
} from "./chunk-QAREUEMZ.js";
import {
  exitWith,
  runnerRuntime
} from "./chunk-ARLFHMBN.js";
import "./chunk-L5N3V36Q.js";
import {
  GitHubRest,
  RestError
} from "./chunk-VHGE7LZA.js";
import {
  DEFAULT_SERVICE_DEADLINE_MS,
  Input,
  Output,
  fetchStageFolders,
  listArtifacts,
  otherRunLocator,
  ownRunLocator,
  readRun
} from "./chunk-UPPQ2J5F.js";
import {
  cell,
  code
} from "./chunk-OXGU7SJ6.js";
import "./chunk-NWRU5D3X.js";
import {
  FsStore
} from "./chunk-SPBR4F3X.js";
import "./chunk-UVUI3JLA.js";
import {
  openFindingsOf,
  readRunFindings
} from "./chunk-4PTP22Z7.js";
import "./chunk-JBUSEVB6.js";
import "./chunk-MGRT4P43.js";
import {
  isFailure
} from "./chunk-R2DVGQ2Z.js";
import "./chunk-NLHABGJB.js";
import "./chunk-K4VEHVI3.js";
import "./chunk-QTHYIHUL.js";
import "./chunk-TXGCBDM3.js";
import {
  ExitCode,
  UserError,
  errorMessage
} from "./chunk-HUTQD67Y.js";
import "./chunk-AS4XOIVA.js";
import "./chunk-X4N7ZENU.js";
import "./chunk-TZYN2FJC.js";

// src/github/verdict-action.ts
import path from "node:path";
function stageAccepted(s) {
  if (s.state === "passed" || s.state === "reused") return true;
  return !s.blocking && isFailure(s.state);
}
function failedNeeds(raw) {
  if (!raw.trim()) return [];
  let needs;
  try {
    needs = JSON.parse(raw);
  } catch {
    throw new UserError(`input ${Input.needs} must be \${{ toJSON(needs) }}, not ${JSON.stringify(raw.slice(0, 80))}`);
  }
  if (!needs || typeof needs !== "object") throw new UserError(`input ${Input.needs} must be a JSON object (\${{ toJSON(needs) }})`);
  return Object.entries(needs).filter(([, v]) => v?.result !== "success").map(([job, v]) => `${job}: ${typeof v?.result === "string" ? v.result : "unknown"}`);
}
function checkConclusion(s) {
  if (s.state === "passed" || s.state === "reused") return "success";
  if (isFailure(s.state)) return s.blocking ? "failure" : "neutral";
  if (s.state === "cancelled" || s.state === "skipped") return "cancelled";
  return "failure";
}
async function verdictAction(deps) {
  const rt = deps.runtime;
  try {
    const gh = readGitHubContext(rt.env);
    const token = rt.input(Input.githubToken) || rt.env.GITHUB_TOKEN || "";
    if (token) rt.setSecret(token);
    const seconds = Number(rt.input(Input.deadlineSeconds) || DEFAULT_SERVICE_DEADLINE_MS / 1e3);
    const settings = { deadlineMs: (Number.isFinite(seconds) && seconds > 0 ? seconds : 120) * 1e3, logger: rt.logger, tmpRoot: path.join(gh.runnerTemp, "andon-pieces") };
    const jobsFailed = failedNeeds(rt.input(Input.needs));
    let rest = token ? new GitHubRest({ apiUrl: gh.apiUrl, token }) : null;
    let locator = rest ? otherRunLocator(rest, { repo: gh.repo, runId: gh.runId }) : ownRunLocator(deps.artifacts);
    const notes = [];
    let record = null;
    let readError = null;
    let folders = null;
    try {
      const listed = await listArtifacts(locator, settings).catch(async (e) => {
        if (!rest || !/ 403 /.test(errorMessage(e))) throw e;
        notes.push("the token may not read this run through REST (actions: read): only this attempt is read, earlier attempts are not carried forward");
        rest = null;
        locator = ownRunLocator(deps.artifacts);
        return listArtifacts(locator, settings);
      });
      const read = await readRun(locator, listed, gh.serial, settings);
      notes.push(...read.notes);
      if (read.run) {
        record = read.run.record;
        if (rt.input(Input.checkRuns) !== "false" && rest) {
          const store = new FsStore(path.join(gh.runnerTemp, "andon-verdict"));
          const runDir = store.runDir(gh.serial);
          await store.writeRecord(record);
          await fetchStageFolders(locator, listed, read.run, runDir, true, settings);
          folders = { store, runDir };
        }
      } else readError = read.expired > 0 ? "its record expired" : "no job of this attempt uploaded a piece of the record";
    } catch (e) {
      readError = errorMessage(e);
    }
    const refused = [...jobsFailed.map((j) => `job ${j}`)];
    if (!record) refused.push(`no record of ${gh.serial}: ${readError ?? "unknown"}`);
    for (const s of record?.stages ?? []) if (!stageAccepted(s)) refused.push(`stage ${s.id}: ${s.state} (${s.reason})`);
    const ok = refused.length === 0;
    const verdict = ok ? "passed" : record && record.verdict !== "passed" && record.verdict !== "running" ? record.verdict : "failed";
    rt.setOutput(Output.serial, gh.serial);
    rt.setOutput(Output.verdict, verdict);
    if (record) rt.setOutput(Output.stages, JSON.stringify(record.stages.map((s) => ({ id: s.id, state: s.state, reason: s.reason, reusedFrom: s.reusedFrom }))));
    const mask = (v) => rt.masker.maskDeep(v);
    rt.appendSummary(summary(gh.serial, verdict, mask(record), mask(refused), mask(notes)));
    for (const n of notes) rt.logger.info(`note: ${n}`);
    if (record && folders && rest) await postCheckRuns(rest, gh.repo, gh.facts.headSha, record, folders, rt);
    if (!ok) {
      rt.annotate({ level: "error", title: "andon: verdict", message: `${gh.serial} did not pass: ${refused.join("; ")}` });
      return ExitCode.gateFailed;
    }
    rt.logger.info(`andon: ${gh.serial} passed: every stage passed or was reused`);
    return ExitCode.passed;
  } catch (e) {
    if (e instanceof UserError) {
      rt.annotate({ level: "error", title: "andon: verdict", message: e.message });
      return ExitCode.usage;
    }
    rt.logger.error(`internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    return ExitCode.internal;
  }
}
function summary(serial, verdict, record, refused, notes) {
  const lines = [`## Andon verdict ${code(serial)}: ${verdict} ${verdict === "passed" ? "\u2705" : "\u274C"}`, ""];
  if (record) {
    lines.push("| stage | state | reason |", "| --- | --- | --- |");
    for (const s of record.stages) lines.push(`| ${cell(s.id)} | ${s.state}${s.reusedFrom ? ` (from ${cell(s.reusedFrom, 40)})` : ""} | ${cell(s.reason)} |`);
    lines.push("");
  }
  if (refused.length > 0) lines.push("### Why it did not pass", "", ...refused.map((r) => `- ${cell(r, 500)}`), "");
  if (notes.length > 0) lines.push("### Notes", "", ...notes.map((n) => `- ${cell(n, 500)}`), "");
  return lines.join("\n");
}
async function postCheckRuns(rest, repo, headSha, record, f, rt) {
  const sarifs = await readRunFindings(f.store, record, () => void 0);
  for (const s of record.stages) {
    const findings = openFindingsOf(sarifs.filter((x) => x.stageId === s.id)).filter((x) => x.location?.path && x.location.startLine);
    const annotations = findings.slice(0, 50).map((x) => ({
      path: x.location.path,
      start_line: x.location.startLine,
      end_line: x.location.endLine ?? x.location.startLine,
      annotation_level: x.level === "error" ? "failure" : x.level === "warning" ? "warning" : "notice",
      // Masked before it is cut, so no piece of a secret is left at the cut.
      message: rt.masker.mask(x.message).slice(0, 4096) || x.ruleId,
      title: `${x.ruleId}${x.baseline === "new" ? " (new)" : ""}`.slice(0, 255)
    }));
    const reason = rt.masker.mask(s.reason);
    try {
      await rest.createCheckRun(
        repo,
        rt.masker.maskDeep({
          name: `andon: ${s.id}`,
          head_sha: headSha,
          status: "completed",
          conclusion: checkConclusion(s),
          output: { title: `${s.state}: ${reason}`.slice(0, 255), summary: `Stage \`${s.id}\` of \`${record.serial}\`: ${s.state}.

${reason}`.slice(0, 65e3), annotations }
        })
      );
    } catch (e) {
      if (e instanceof RestError && (e.status === 403 || e.status === 404)) {
        rt.logger.info("andon: per-stage check runs are off (the token may not write checks: grant checks: write to turn them on)");
        return;
      }
      rt.logger.warn(`andon: check run of ${s.id} not created: ${errorMessage(e)}`);
    }
  }
}

// src/github/verdict-step.ts
function runVerdictStep() {
  exitWith(verdictAction({ runtime: runnerRuntime(), artifacts: new ActionsArtifactService() }));
}
export {
  runVerdictStep
};
