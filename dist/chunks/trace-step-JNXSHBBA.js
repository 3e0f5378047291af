import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  exitWith,
  runnerRuntime
} from "./chunk-ARLFHMBN.js";
import "./chunk-L5N3V36Q.js";
import {
  assertCommitExists,
  traceSerial
} from "./chunk-HAUN2SSN.js";
import "./chunk-VHGE7LZA.js";
import {
  DEFAULT_SERVICE_DEADLINE_MS,
  Input,
  Output
} from "./chunk-UPPQ2J5F.js";
import "./chunk-WCIAZNSM.js";
import {
  formatRemoteTrace,
  remoteTraceSummary
} from "./chunk-6NKPC6Y6.js";
import "./chunk-OXGU7SJ6.js";
import "./chunk-NWRU5D3X.js";
import "./chunk-SPBR4F3X.js";
import "./chunk-UVUI3JLA.js";
import "./chunk-4PTP22Z7.js";
import "./chunk-JBUSEVB6.js";
import "./chunk-MGRT4P43.js";
import "./chunk-R2DVGQ2Z.js";
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
    const apiUrl = rt.env.GITHUB_API_URL ?? "https://api.github.com";
    const t = await traceSerial({
      serial,
      repo,
      token,
      apiUrl,
      dest,
      stages: download,
      deadlineMs: (Number.isFinite(seconds) && seconds > 0 ? seconds : 120) * 1e3,
      logger: rt.logger
    });
    rt.logger.info(formatRemoteTrace(t));
    await assertCommitExists({ repo, token, apiUrl, logger: rt.logger }, t.checkout.sha, serial);
    rt.setOutput(Output.runUrl, t.run.html_url);
    rt.setOutput(Output.sha, t.checkout.sha);
    rt.setOutput(Output.ref, t.checkout.ref);
    rt.setOutput(Output.event, t.checkout.event);
    rt.setOutput(Output.fork, String(t.checkout.fork));
    if (t.checkout.pr) rt.setOutput(Output.pr, String(t.checkout.pr));
    rt.setOutput(Output.serial, t.serial);
    if (t.record) {
      rt.setOutput(Output.verdict, t.record.verdict);
      rt.setOutput(Output.recordPath, path.join(t.dir, "run.json"));
      rt.setOutput(Output.stages, JSON.stringify(t.record.stages.map((s) => ({ id: s.id, state: s.state, reason: s.reason, inputsDigest: s.inputsDigest }))));
      if (t.record.parent) rt.setOutput(Output.parentSerial, t.record.parent.serial);
    } else {
      rt.logger.warn(`record of ${serial} unavailable: ${t.recordError ?? ""}`);
    }
    rt.appendSummary(remoteTraceSummary(t));
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
