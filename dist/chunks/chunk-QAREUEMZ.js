import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  githubSerial
} from "./chunk-SPBR4F3X.js";
import {
  UserError
} from "./chunk-HUTQD67Y.js";

// src/github/artifact-service.ts
var ActionsArtifactService = class {
  client = null;
  async get() {
    this.client ??= import("./artifact-OKSQQP3Y.js").then((m) => new m.DefaultArtifactClient());
    return this.client;
  }
  async upload(name, files, root, retentionDays) {
    const c = await this.get();
    const r = await c.uploadArtifact(name, files, root, retentionDays ? { retentionDays } : {});
    if (r.id === void 0) throw new Error(`upload of ${name} returned no artifact id`);
    return { id: r.id, size: r.size ?? 0, digest: r.digest ?? null };
  }
  async listOwn() {
    const c = await this.get();
    const r = await c.listArtifacts();
    return r.artifacts.map((a) => ({ id: a.id, name: a.name }));
  }
  async downloadOwn(id, dest) {
    const c = await this.get();
    const r = await c.downloadArtifact(id, { path: dest });
    if (r.digestMismatch) throw new Error(`artifact ${id} did not match its digest`);
  }
};

// src/github/github-context.ts
import { readFileSync } from "node:fs";
import { realpath } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
function readEvent(file) {
  if (!file) return {};
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return {};
  }
}
function cacheModeOf(env, fork) {
  const mode = (env.ACTIONS_CACHE_MODE ?? "").trim().toLowerCase();
  if (mode === "none" || mode === "write-only") return "none";
  if (mode === "read" || fork) return "read";
  return "read-write";
}
function readGitHubContext(env) {
  const runId = env.GITHUB_RUN_ID ?? "";
  if (!/^\d+$/.test(runId)) throw new UserError("GITHUB_RUN_ID is not set: this action runs as a step of a GitHub Actions workflow (use `npx andon run` elsewhere)");
  const attempt = Number(env.GITHUB_RUN_ATTEMPT ?? "1") || 1;
  const repo = env.GITHUB_REPOSITORY ?? "";
  const pr = readEvent(env.GITHUB_EVENT_PATH).pull_request;
  const headRepo = pr?.head?.repo?.full_name;
  const fork = pr !== void 0 && (pr.head?.repo === null || headRepo !== void 0 && headRepo.toLowerCase() !== repo.toLowerCase());
  const sha = env.GITHUB_SHA ?? "";
  const facts = {
    repo,
    runId,
    attempt,
    job: env.GITHUB_JOB ?? "",
    event: env.GITHUB_EVENT_NAME ?? "",
    sha,
    headSha: pr?.head?.sha ?? sha,
    ref: env.GITHUB_REF ?? "",
    headRef: env.GITHUB_HEAD_REF ?? pr?.head?.ref ?? "",
    baseRef: env.GITHUB_BASE_REF ?? pr?.base?.ref ?? "",
    pr: typeof pr?.number === "number" ? pr.number : null,
    fork
  };
  return {
    workspaceRoot: path.resolve(env.GITHUB_WORKSPACE ?? "."),
    runId,
    attempt,
    serial: githubSerial(runId, attempt),
    repo,
    serverUrl: env.GITHUB_SERVER_URL ?? "https://github.com",
    apiUrl: env.GITHUB_API_URL ?? "https://api.github.com",
    runnerTemp: env.RUNNER_TEMP ?? tmpdir(),
    eventName: env.GITHUB_EVENT_NAME ?? "",
    refName: env.GITHUB_REF_NAME ?? "",
    baseRef: env.GITHUB_BASE_REF ?? "",
    hasResultsService: Boolean(env.ACTIONS_RUNTIME_TOKEN && env.ACTIONS_RESULTS_URL),
    facts,
    cacheMode: cacheModeOf(env, fork)
  };
}
async function workspaceOf(ctx, workingDirectory) {
  const inside = (root2, p) => p === root2 || p.startsWith(root2 + path.sep);
  const abs = path.resolve(ctx.workspaceRoot, workingDirectory);
  const outside = () => new UserError(`working-directory ${JSON.stringify(workingDirectory)} leads outside GITHUB_WORKSPACE`);
  if (!inside(ctx.workspaceRoot, abs)) throw outside();
  let real;
  let root;
  try {
    [real, root] = await Promise.all([realpath(abs), realpath(ctx.workspaceRoot)]);
  } catch {
    throw new UserError(`working-directory ${JSON.stringify(workingDirectory)} does not exist in GITHUB_WORKSPACE`);
  }
  if (!inside(root, real)) throw outside();
  return abs;
}
function isTrustedPush(ctx) {
  return ctx.eventName === "push" || ctx.eventName === "schedule";
}
function runUrl(ctx, runId) {
  return `${ctx.serverUrl.replace(/\/$/, "")}/${ctx.repo}/actions/runs/${runId}`;
}

export {
  ActionsArtifactService,
  readGitHubContext,
  workspaceOf,
  isTrustedPush,
  runUrl
};
