import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);

// src/github/constants.ts
var Input = {
  config: "config",
  stage: "stage",
  fromStage: "from-stage",
  resume: "resume",
  serial: "serial",
  githubToken: "github-token",
  retentionDays: "retention-days",
  upload: "upload",
  cache: "cache",
  annotations: "annotations",
  deadlineSeconds: "service-deadline-seconds",
  workingDirectory: "working-directory",
  repo: "repo",
  download: "download",
  rerunWorkflow: "rerun-workflow"
};
var Output = {
  serial: "serial",
  verdict: "verdict",
  recordPath: "record-path",
  sarifPath: "sarif-path",
  stages: "stages",
  runUrl: "run-url",
  parentSerial: "parent-serial",
  sha: "sha"
};
var State = {
  serial: "andon-serial",
  storeRoot: "andon-store",
  workspace: "andon-workspace",
  settings: "andon-settings"
};
var ARTIFACT_FORBIDDEN = /["<>|*?\r\n\\/:]/;
function stageArtifactName(serial, stageId) {
  return checkedArtifactName(`andon-${serial}-${stageId}`);
}
function recordArtifactName(serial) {
  return checkedArtifactName(`andon-${serial}-record`);
}
function checkedArtifactName(name) {
  if (ARTIFACT_FORBIDDEN.test(name)) throw new Error(`artifact name ${JSON.stringify(name)} holds a character GitHub refuses`);
  return name;
}
function stageCacheKey(stageId, digest) {
  return `andon-stage-${stageId}-${digest.replace(/^sha256:/, "")}`;
}
function baselineCachePrefix(branch, stageId) {
  return `andon-baseline-${branch.replace(/,/g, "_")}-${stageId}-`;
}
function baselineCacheKey(branch, stageId, serial) {
  return `${baselineCachePrefix(branch, stageId)}${serial}`;
}
var Limits = {
  annotationsPerLevel: 10,
  annotationMessageChars: 4096,
  summaryBytes: 1024 * 1024
};
var DEFAULT_SERVICE_DEADLINE_MS = 12e4;

// src/github/deadline.ts
async function withDeadline(ms, call) {
  const controller = new AbortController();
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error(`deadline of ${ms} ms passed`));
      resolve({ kind: "timed-out", afterMs: ms });
    }, ms);
    timer.unref();
  });
  const work = (async () => {
    try {
      return { kind: "done", value: await call(controller.signal) };
    } catch (err) {
      return { kind: "failed", error: err instanceof Error ? err.message : String(err) };
    }
  })();
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
function describeMiss(what, r) {
  if (r.kind === "failed") return `${what} failed: ${r.error}`;
  return `${what} did not answer within ${r.afterMs < 1e3 ? `${r.afterMs} ms` : `${Math.round(r.afterMs / 1e3)} s`}`;
}

export {
  Input,
  Output,
  State,
  stageArtifactName,
  recordArtifactName,
  stageCacheKey,
  baselineCachePrefix,
  baselineCacheKey,
  Limits,
  DEFAULT_SERVICE_DEADLINE_MS,
  withDeadline,
  describeMiss
};
