// The trace action: looks a serial up from a workflow (actions/trace) and hands its run, record and commit to later steps.
import path from 'node:path';
import { ExitCode, UserError, errorMessage } from '../core/errors.js';
import type { ActionRuntime } from './action-runtime.js';
import { DEFAULT_SERVICE_DEADLINE_MS, Input, Output } from './constants.js';
import { formatRemoteTrace, remoteTraceSummary } from '../report/trace-text.js';
import { assertCommitExists, traceSerial } from './trace.js';

export interface TraceDeps {
  runtime: ActionRuntime;
}

export async function traceAction(deps: TraceDeps): Promise<number> {
  const rt = deps.runtime;
  try {
    const serial = rt.input(Input.serial);
    if (!serial) throw new UserError(`input ${Input.serial} is required`);
    const repo = rt.input(Input.repo) || rt.env.GITHUB_REPOSITORY || '';
    const token = rt.input(Input.githubToken) || rt.env.GITHUB_TOKEN || '';
    if (token) rt.setSecret(token);
    const download = /^(true|yes|1)$/i.test(rt.input(Input.download));
    const seconds = Number(rt.input(Input.deadlineSeconds) || DEFAULT_SERVICE_DEADLINE_MS / 1000);
    const dest = path.join(rt.env.RUNNER_TEMP ?? rt.env.GITHUB_WORKSPACE ?? '.', 'andon-trace');
    const apiUrl = rt.env.GITHUB_API_URL ?? 'https://api.github.com';
    const t = await traceSerial({
      serial,
      repo,
      token,
      apiUrl,
      dest,
      stages: download,
      deadlineMs: (Number.isFinite(seconds) && seconds > 0 ? seconds : 120) * 1000,
      logger: rt.logger,
    });
    rt.logger.info(formatRemoteTrace(t));
    // What to check out comes from GitHub's REST run, never from the record (which the run's own steps could rewrite).
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
      rt.setOutput(Output.recordPath, path.join(t.dir!, 'run.json'));
      rt.setOutput(Output.stages, JSON.stringify(t.record.stages.map((s) => ({ id: s.id, state: s.state, reason: s.reason, inputsDigest: s.inputsDigest }))));
      if (t.record.parent) rt.setOutput(Output.parentSerial, t.record.parent.serial);
    } else {
      rt.logger.warn(`record of ${serial} unavailable: ${t.recordError ?? ''}`);
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
