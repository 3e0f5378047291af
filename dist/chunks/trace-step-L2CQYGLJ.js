import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  cell
} from "./chunk-EICOWSQS.js";
import {
  exitWith,
  runnerRuntime
} from "./chunk-RULR5KOT.js";
import {
  formatTrace,
  traceSerial
} from "./chunk-WAJZD767.js";
import "./chunk-TA3QKD7O.js";
import {
  DEFAULT_SERVICE_DEADLINE_MS,
  Input,
  Output
} from "./chunk-QXRBFGU3.js";
import "./chunk-ICOFUTHA.js";
import "./chunk-WCIAZNSM.js";
import "./chunk-M6DQOKU2.js";
import {
  ExitCode,
  UserError,
  errorMessage
} from "./chunk-5C57FHY2.js";
import "./chunk-TZYN2FJC.js";

// src/github/trace-action.ts
import path from "node:path";
async function traceAction(deps) {
  const rt = deps.runtime;
  try {
    const serial = rt.input(Input.serial);
    if (!serial) throw new UserError(`input ${Input.serial} is required`);
    const repo = rt.input(Input.repo) || rt.env.GITHUB_REPOSITORY || "";
    const token = rt.input(Input.githubToken) || rt.env.GITHUB_TOKEN || "";
    if (token) rt.setSecret(token);
    const download = /^(true|yes|1)$/i.test(rt.input(Input.download));
    const seconds = Number(rt.input(Input.deadlineSeconds) || DEFAULT_SERVICE_DEADLINE_MS / 1e3);
    const dest = path.join(rt.env.RUNNER_TEMP ?? rt.env.GITHUB_WORKSPACE ?? ".", "andon-trace");
    const t = await traceSerial({
      serial,
      repo,
      token,
      apiUrl: rt.env.GITHUB_API_URL ?? "https://api.github.com",
      dest,
      stages: download,
      deadlineMs: (Number.isFinite(seconds) && seconds > 0 ? seconds : 120) * 1e3,
      logger: rt.logger
    });
    rt.logger.info(formatTrace(t));
    rt.setOutput(Output.runUrl, t.run.html_url);
    rt.setOutput(Output.sha, t.record?.source.sha ?? t.run.head_sha);
    rt.setOutput(Output.serial, t.serial);
    if (t.record) {
      rt.setOutput(Output.verdict, t.record.verdict);
      rt.setOutput(Output.recordPath, path.join(t.dir, "run.json"));
      rt.setOutput(Output.stages, JSON.stringify(t.record.stages.map((s) => ({ id: s.id, state: s.state, reason: s.reason, inputsDigest: s.inputsDigest }))));
      if (t.record.parent) rt.setOutput(Output.parentSerial, t.record.parent.serial);
    } else {
      rt.logger.warn(`record of ${serial} unavailable: ${t.recordError ?? ""}`);
    }
    const rows = (t.record?.stages ?? []).map((s) => `| ${s.id} | ${s.state} | ${cell(s.reason)} |`);
    rt.appendSummary(
      [
        `## Andon trace \`${serial}\``,
        "",
        `[workflow run](${t.run.html_url}) \xB7 commit \`${t.run.head_sha.slice(0, 12)}\` \xB7 verdict **${t.record?.verdict ?? "unknown"}**`,
        "",
        ...rows.length ? ["| stage | state | reason |", "| --- | --- | --- |", ...rows, ""] : [`record unavailable: ${cell(t.recordError ?? "")}`, ""]
      ].join("\n")
    );
    return ExitCode.passed;
  } catch (e) {
    if (e instanceof UserError) {
      rt.logger.error(e.message);
      return ExitCode.usage;
    }
    rt.logger.error(`trace failed: ${errorMessage(e)}`);
    return ExitCode.internal;
  }
}

// src/github/trace-step.ts
function runTraceStep() {
  exitWith(traceAction({ runtime: runnerRuntime() }));
}
export {
  runTraceStep
};
