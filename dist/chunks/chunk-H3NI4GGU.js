import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  GitHubRest
} from "./chunk-VHGE7LZA.js";
import {
  DEFAULT_SERVICE_DEADLINE_MS,
  describeMiss,
  otherRunLocator,
  parseArtifactName,
  readRun,
  withDeadline
} from "./chunk-UPPQ2J5F.js";
import {
  silentLogger
} from "./chunk-WCIAZNSM.js";
import {
  githubSerial
} from "./chunk-SPBR4F3X.js";
import {
  UserError,
  errorMessage
} from "./chunk-HUTQD67Y.js";

// src/github/remote-runs.ts
var PARALLEL = 4;
async function remoteRuns(o) {
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(o.repo)) throw new UserError(`--repo ${JSON.stringify(o.repo)}: expected owner/name`);
  if (!o.token) throw new UserError("a token is needed to read the runs of a repository: pass --token or set GITHUB_TOKEN (scope actions: read)");
  const deadlineMs = o.deadlineMs ?? DEFAULT_SERVICE_DEADLINE_MS;
  const rest = new GitHubRest({ apiUrl: o.apiUrl || "https://api.github.com", token: o.token });
  const listed = await withDeadline(deadlineMs, () => rest.listRuns(o.repo, { max: o.last, ...o.branch ? { branch: o.branch } : {} }));
  if (listed.kind !== "done") {
    const why = describeMiss(`listing the workflow runs of ${o.repo}`, listed);
    if (/: 40[134] /.test(why)) throw new UserError(why);
    throw new Error(why);
  }
  const out = { runs: [], skipped: [] };
  const queue = [...listed.value];
  const worker = async () => {
    for (let run = queue.shift(); run; run = queue.shift()) {
      const runId = String(run.id);
      const artifacts = await withDeadline(deadlineMs, () => rest.listRunArtifacts(o.repo, runId));
      if (artifacts.kind !== "done") {
        out.skipped.push({ serial: githubSerial(runId, run.run_attempt ?? 1), why: describeMiss(`listing the artifacts of run ${runId}`, artifacts) });
        continue;
      }
      const live = artifacts.value.map((a) => ({ id: a.id, name: a.name, expired: a.expired ?? false }));
      const locator = otherRunLocator(rest, { repo: o.repo, runId });
      for (let attempt = 1; attempt <= (run.run_attempt ?? 1); attempt++) {
        const serial = githubSerial(runId, attempt);
        if (!live.some((a) => !a.expired && parseArtifactName(a.name)?.kind === "piece" && parseArtifactName(a.name)?.serial === serial)) continue;
        try {
          const got = await readRun(locator, live, serial, { deadlineMs, logger: silentLogger }, { earlier: null });
          if (got.run) out.runs.push(got.run.record);
        } catch (e) {
          out.skipped.push({ serial, why: errorMessage(e) });
        }
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return out;
}

export {
  remoteRuns
};
