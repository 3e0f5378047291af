import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  ActionsArtifactService,
  uploadStageFolders
} from "./chunk-V35WDWXE.js";
import {
  renderSummary
} from "./chunk-EICOWSQS.js";
import {
  cancelSignal,
  exitWith,
  runnerRuntime
} from "./chunk-RULR5KOT.js";
import {
  GitHubRest,
  downloadRun,
  otherRunLocator,
  ownRunLocator
} from "./chunk-TA3QKD7O.js";
import {
  DEFAULT_SERVICE_DEADLINE_MS,
  Input,
  Limits,
  Output,
  State,
  baselineCacheKey,
  baselineCachePrefix,
  describeMiss,
  recordArtifactName,
  stageCacheKey,
  withDeadline
} from "./chunk-QXRBFGU3.js";
import {
  BASELINE_ARTIFACT,
  CachedStageEntry,
  defaultRegistry,
  loadConfig,
  mergeSarif,
  runLine
} from "./chunk-62KGRBLF.js";
import "./chunk-ZMTWOZYI.js";
import "./chunk-GLJZXTTT.js";
import "./chunk-36FUS5T6.js";
import "./chunk-ZWZRTQYX.js";
import "./chunk-3LANCK4X.js";
import "./chunk-GHGCNB5W.js";
import "./chunk-242DOQVP.js";
import {
  BaselineState,
  Level,
  compareFindings
} from "./chunk-ICOFUTHA.js";
import "./chunk-ESKMWGFS.js";
import "./chunk-WCIAZNSM.js";
import {
  FsStore,
  RECORD_FILE,
  githubSerial,
  isValidSerial,
  parseSerial
} from "./chunk-M6DQOKU2.js";
import {
  ExitCode,
  NEVER,
  UserError,
  array,
  boolean,
  errorMessage,
  number,
  object,
  string
} from "./chunk-5C57FHY2.js";
import "./chunk-AS4XOIVA.js";
import "./chunk-TZYN2FJC.js";

// src/github/cache-service.ts
var ActionsCacheService = class {
  constructor(deadlineMs, logger) {
    this.deadlineMs = deadlineMs;
    this.logger = logger;
  }
  deadlineMs;
  logger;
  mod = null;
  down = null;
  load() {
    this.mod ??= import("./cache-QEGCRGJJ.js");
    return this.mod;
  }
  /** Whether the runner offers the cache service at all (ACTIONS_RESULTS_URL and friends). */
  async available() {
    const m = await this.load();
    return m.isFeatureAvailable();
  }
  async restore(dir, key, restoreKeys) {
    if (this.down) return null;
    const m = await this.load();
    const r = await withDeadline(this.deadlineMs, () => m.restoreCache([dir], key, restoreKeys));
    if (r.kind === "done") return r.value ?? null;
    this.miss(describeMiss(`cache restore of ${key}`, r));
    return null;
  }
  async save(dir, key) {
    if (this.down) return false;
    const m = await this.load();
    const r = await withDeadline(this.deadlineMs, () => m.saveCache([dir], key));
    if (r.kind === "done") return r.value > 0;
    this.miss(describeMiss(`cache save of ${key}`, r));
    return false;
  }
  miss(why) {
    if (why.includes("did not answer")) this.down = why;
    this.logger.warn(`${why}; going on without the cache`);
  }
};

// src/github/line-action.ts
import { mkdir as mkdir3, rm as rm3, writeFile as writeFile3 } from "node:fs/promises";
import path5 from "node:path";

// src/github/annotations.ts
var LEVEL = { error: "error", warning: "warning", note: "notice" };
function planAnnotations(findings, where) {
  const sorted = [...findings].sort(compareFindings);
  const caps = { error: Limits.annotationsPerLevel, warning: Limits.annotationsPerLevel, note: Limits.annotationsPerLevel };
  const overflow = ["error", "warning", "note"].some((l) => sorted.filter((f) => f.level === l).length > caps[l]);
  if (overflow) caps.note -= 1;
  const used = { error: 0, warning: 0, note: 0 };
  const left = { error: 0, warning: 0, note: 0 };
  const annotations = [];
  for (const f of sorted) {
    if (used[f.level] >= caps[f.level]) {
      left[f.level]++;
      continue;
    }
    used[f.level]++;
    const a = {
      level: LEVEL[f.level],
      title: `${f.stage}: ${f.ruleId}${f.baseline === "new" ? " (new)" : ""}`.slice(0, 255),
      message: clip(f.message || f.ruleId, Limits.annotationMessageChars)
    };
    if (f.location?.path) a.file = f.location.path;
    if (f.location?.startLine) a.line = f.location.startLine;
    if (f.location?.endLine) a.endLine = f.location.endLine;
    if (f.location?.startColumn && (!f.location.endLine || f.location.endLine === f.location.startLine)) a.col = f.location.startColumn;
    annotations.push(a);
  }
  const more = left.error + left.warning + left.note;
  if (more > 0) {
    annotations.push({
      level: "notice",
      title: "andon: more findings",
      message: `${more} more finding(s) without an annotation (${left.error} errors, ${left.warning} warnings, ${left.note} notes): see ${where}`
    });
  }
  return { annotations, left };
}
function clip(s, max) {
  return s.length <= max ? s : `${s.slice(0, max - 1)}\u2026`;
}

// src/github/cache-baselines.ts
import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
var META = "baseline-meta.json";
function dirOf(root, stageId2) {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(stageId2)) throw new Error(`not a stage id: ${stageId2}`);
  return path.join(root, "baselines", stageId2);
}
function cacheBaselines(root, branch, cache) {
  return {
    async load(stageId2) {
      const dir = dirOf(root, stageId2);
      await rm(dir, { recursive: true, force: true });
      const prefix = baselineCachePrefix(branch, stageId2);
      const hit = await cache.restore(dir, `${prefix}latest`, [prefix]);
      if (!hit) return null;
      let meta = {};
      try {
        meta = JSON.parse(await readFile(path.join(dir, META), "utf8"));
      } catch {
      }
      return {
        origin: "cache",
        ...meta.serial ? { serial: meta.serial } : {},
        description: `run ${meta.serial ?? hit} on ${branch}${meta.sha ? ` (${meta.sha.slice(0, 7)})` : ""}, from the Actions cache`,
        read: async (name) => name === BASELINE_ARTIFACT ? readFile(path.join(dir, BASELINE_ARTIFACT)).catch(() => null) : null
      };
    }
  };
}
async function saveBaselines(root, branch, store, record, cache, logger) {
  const saved = [];
  for (const st of record.stages) {
    if (st.state !== "passed" && st.state !== "failed") continue;
    if (!st.artifacts.some((a) => a.path === `${st.id}/${BASELINE_ARTIFACT}`)) continue;
    const dir = dirOf(root, st.id);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await cp(path.join(store.stageDir(record.serial, st.id), BASELINE_ARTIFACT), path.join(dir, BASELINE_ARTIFACT));
    await writeFile(path.join(dir, META), JSON.stringify({ serial: record.serial, sha: record.source.sha, stage: st.id }));
    if (await cache.save(dir, baselineCacheKey(branch, st.id, record.serial))) saved.push(st.id);
  }
  if (saved.length > 0) logger.info(`baselines of ${saved.join(", ")} kept in the cache for pull requests against ${branch}`);
  return saved;
}

// src/github/github-context.ts
import { realpath } from "node:fs/promises";
import { tmpdir } from "node:os";
import path2 from "node:path";
function readGitHubContext(env) {
  const runId = env.GITHUB_RUN_ID ?? "";
  if (!/^\d+$/.test(runId)) throw new UserError("GITHUB_RUN_ID is not set: this action runs as a step of a GitHub Actions workflow (use `npx andon run` elsewhere)");
  const attempt = Number(env.GITHUB_RUN_ATTEMPT ?? "1") || 1;
  return {
    workspaceRoot: path2.resolve(env.GITHUB_WORKSPACE ?? "."),
    runId,
    attempt,
    serial: githubSerial(runId, attempt),
    repo: env.GITHUB_REPOSITORY ?? "",
    serverUrl: env.GITHUB_SERVER_URL ?? "https://github.com",
    apiUrl: env.GITHUB_API_URL ?? "https://api.github.com",
    runnerTemp: env.RUNNER_TEMP ?? tmpdir(),
    eventName: env.GITHUB_EVENT_NAME ?? "",
    refName: env.GITHUB_REF_NAME ?? "",
    baseRef: env.GITHUB_BASE_REF ?? "",
    hasResultsService: Boolean(env.ACTIONS_RUNTIME_TOKEN && env.ACTIONS_RESULTS_URL)
  };
}
async function workspaceOf(ctx, workingDirectory) {
  const inside = (root2, p) => p === root2 || p.startsWith(root2 + path2.sep);
  const abs = path2.resolve(ctx.workspaceRoot, workingDirectory);
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

// src/github/github-stage-cache.ts
import { cp as cp2, mkdir as mkdir2, readFile as readFile2, rm as rm2, writeFile as writeFile2 } from "node:fs/promises";
import path3 from "node:path";
var ENTRY = "entry.json";
var GitHubStageCache = class {
  constructor(root, cache, logger) {
    this.root = root;
    this.cache = cache;
    this.logger = logger;
  }
  root;
  cache;
  logger;
  dir(stageId2) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(stageId2)) throw new Error(`not a stage id: ${stageId2}`);
    return path3.join(this.root, "stages", stageId2);
  }
  async get(stageId2, digest) {
    const dir = this.dir(stageId2);
    await rm2(dir, { recursive: true, force: true });
    const key = stageCacheKey(stageId2, digest);
    const hit = await this.cache.restore(dir, key, []);
    if (hit !== key) return null;
    try {
      const entry = CachedStageEntry.parse(JSON.parse(await readFile2(path3.join(dir, ENTRY), "utf8")));
      if (entry.stage.id !== stageId2 || entry.stage.inputsDigest !== digest) {
        this.logger.warn(`stage cache entry ${key} holds ${entry.stage.id} ${entry.stage.inputsDigest ?? ""}: ignored`);
        return null;
      }
      this.logger.info(`stage ${stageId2}: passed result of ${entry.serial} found in the cache (${key})`);
      return { serial: entry.serial, stage: entry.stage, dir: path3.join(dir, "files") };
    } catch (e) {
      this.logger.warn(`stage cache entry ${key} is unreadable: ${e.message.split("\n")[0]}`);
      return null;
    }
  }
  async put(serial, stage, dir) {
    if (!stage.inputsDigest || stage.state !== "passed") return;
    const staging = this.dir(stage.id);
    await rm2(staging, { recursive: true, force: true });
    await mkdir2(staging, { recursive: true });
    await cp2(dir, path3.join(staging, "files"), { recursive: true });
    await writeFile2(path3.join(staging, ENTRY), JSON.stringify({ schema: "andon.stage-cache/v1", serial, stage }));
    const key = stageCacheKey(stage.id, stage.inputsDigest);
    const saved = await this.cache.save(staging, key);
    this.logger.info(saved ? `stage ${stage.id}: result kept in the cache as ${key}` : `stage ${stage.id}: not kept in the cache (${key} exists or the cache is unavailable)`);
  }
};

// src/github/inputs.ts
var bool = (name, dflt) => string().transform((v, ctx) => {
  if (v === "") return dflt;
  if (/^(true|yes|1|on)$/i.test(v)) return true;
  if (/^(false|no|0|off)$/i.test(v)) return false;
  ctx.addIssue({ code: "custom", message: `${name} must be true or false, not ${JSON.stringify(v)}` });
  return NEVER;
});
var stageId = string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "a stage id is lower-case letters, digits and dashes");
var ActionInputs = object({
  config: string().describe("Path of andon.yml relative to the working directory."),
  workingDirectory: string().describe("The repository root the line runs in, relative to GITHUB_WORKSPACE."),
  stages: array(stageId).describe("Stage ids to run (one for a stage action; empty = the whole line)."),
  fromStage: stageId.nullable().describe("With resume: the stage to run again from."),
  resume: string().refine(isValidSerial, "resume must be an Andon serial such as gh-123456789-1").nullable().describe("Serial of the recorded run to resume."),
  githubToken: string().describe("Token for REST lookups of other runs (needs actions: read)."),
  retentionDays: number().int().min(1).max(400).nullable().describe("Artifact retention; empty = the repository default."),
  upload: boolean(),
  cache: boolean(),
  annotations: boolean(),
  deadlineMs: number().int().positive()
});
function optionalInt(runtime, name) {
  const raw = runtime.input(name);
  if (raw === "") return null;
  if (!/^\d+$/.test(raw)) throw new UserError(`input ${name} must be a whole number, not ${JSON.stringify(raw)}`);
  return Number(raw);
}
function readInputs(runtime, fixedStage) {
  const problems = [];
  const flag = (name, dflt) => {
    const r = bool(name, dflt).safeParse(runtime.input(name));
    if (r.success) return r.data;
    problems.push(r.error.issues[0]?.message ?? `bad ${name}`);
    return dflt;
  };
  const list = (raw2) => raw2.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
  let retentionDays = null;
  let deadlineSeconds = null;
  try {
    retentionDays = optionalInt(runtime, Input.retentionDays);
    deadlineSeconds = optionalInt(runtime, Input.deadlineSeconds);
  } catch (e) {
    problems.push(e.message);
  }
  const raw = {
    config: runtime.input(Input.config) || "andon.yml",
    workingDirectory: runtime.input(Input.workingDirectory) || ".",
    stages: fixedStage !== void 0 ? [runtime.input(Input.stage) || fixedStage].filter(Boolean) : list(runtime.input(Input.stage)),
    fromStage: runtime.input(Input.fromStage) || null,
    resume: runtime.input(Input.resume) || null,
    githubToken: runtime.input(Input.githubToken) || runtime.env.GITHUB_TOKEN || "",
    retentionDays,
    upload: flag(Input.upload, true),
    cache: flag(Input.cache, true),
    annotations: flag(Input.annotations, true),
    deadlineMs: deadlineSeconds === null ? DEFAULT_SERVICE_DEADLINE_MS : deadlineSeconds * 1e3
  };
  const parsed = ActionInputs.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`input ${inputNameOf(String(issue.path[0]))}: ${issue.message}`);
  }
  if (raw.fromStage && !raw.resume) problems.push(`input ${Input.fromStage} needs ${Input.resume} (the serial of the run to resume)`);
  if (problems.length > 0 || !parsed.success) throw new UserError(problems.join("; "));
  return parsed.data;
}
function inputNameOf(key) {
  const map = {
    config: Input.config,
    workingDirectory: Input.workingDirectory,
    stages: Input.stage,
    fromStage: Input.fromStage,
    resume: Input.resume,
    githubToken: Input.githubToken,
    retentionDays: Input.retentionDays,
    deadlineMs: Input.deadlineSeconds
  };
  return map[key] ?? key;
}

// src/github/rerun-hint.ts
function rerunStage(record) {
  const s = record.stages.find((x) => x.state === "failed" || x.state === "errored" || x.state === "cancelled" || x.state === "skipped" && x.reason.startsWith("stopped by"));
  return s?.id ?? null;
}
function shellQuote(s) {
  return /^[A-Za-z0-9_./:@=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
function rerunHint(record, target, fromStage = rerunStage(record)) {
  if (!fromStage) return null;
  const ref = record.source.ref;
  const argv = ["gh", "workflow", "run", target.workflow, "--repo", target.repo, ...ref ? ["--ref", ref] : [], "-f", `serial=${record.serial}`, "-f", `from-stage=${fromStage}`];
  return {
    fromStage,
    command: argv.map(shellQuote).join(" "),
    url: `${target.serverUrl.replace(/\/$/, "")}/${target.repo}/actions/workflows/${encodeURIComponent(target.workflow)}`
  };
}

// src/github/stage-findings.ts
import { readFile as readFile3, stat } from "node:fs/promises";
import path4 from "node:path";
var MAX_SARIF_BYTES = 64 * 1024 * 1024;
async function readStageSarifs(store, record, note) {
  const out = [];
  for (const st of record.stages) {
    const rel = `${st.id}/findings.sarif`;
    if (!st.artifacts.some((a) => a.path === rel)) continue;
    const file = path4.join(store.runDir(record.serial), rel);
    try {
      const size = (await stat(file)).size;
      if (size > MAX_SARIF_BYTES) {
        note(`${rel} is ${size} bytes, over ${MAX_SARIF_BYTES}: left out of the summary and annotations`);
        continue;
      }
      const log = JSON.parse(await readFile3(file, "utf8"));
      if (!Array.isArray(log.runs)) throw new Error("no runs");
      out.push({ stageId: st.id, file, log });
    } catch (e) {
      note(`${rel} is unreadable: ${e.message}`);
    }
  }
  return out;
}
function toFinding(stage, r) {
  const level = Level.safeParse(r.level ?? "warning");
  if (!level.success) return null;
  const baseline = BaselineState.safeParse(r.baselineState ?? "new");
  const loc = r.locations?.[0]?.physicalLocation;
  const uri = loc?.artifactLocation?.uri;
  const region = loc?.region ?? {};
  const message = r.message?.text ?? "";
  return {
    stage,
    ruleId: typeof r.ruleId === "string" ? r.ruleId : "unknown",
    level: level.data,
    message,
    ...uri ? {
      location: {
        path: safeDecode(uri),
        ...region.startLine ? { startLine: region.startLine } : {},
        ...region.startColumn ? { startColumn: region.startColumn } : {},
        ...region.endLine ? { endLine: region.endLine } : {}
      }
    } : {},
    fingerprint: String(r.partialFingerprints?.["andon/v1"] ?? ""),
    baseline: baseline.success ? baseline.data : "new",
    traceTo: []
  };
}
function safeDecode(uri) {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}
function findingsOf(sarifs) {
  const out = [];
  for (const s of sarifs) {
    for (const run of s.log.runs) {
      for (const r of run.results ?? []) {
        const f = toFinding(s.stageId, r);
        if (f && f.baseline !== "absent") out.push(f);
      }
    }
  }
  return out;
}

// src/github/line-action.ts
var DEFAULT_RERUN_WORKFLOW = "andon-rerun.yml";
async function lineAction(deps, mode) {
  const rt = deps.runtime;
  try {
    return await runMain(deps, mode);
  } catch (e) {
    if (e instanceof UserError) {
      const pos = e.position;
      rt.annotate({ level: "error", title: "andon: configuration", message: e.message, ...pos ? { file: pos.file, line: pos.line, col: pos.column } : {} });
      rt.appendSummary(`## Andon could not start the line

\`\`\`text
${e.message.replace(/```/g, "'''")}
\`\`\`
`);
      return ExitCode.usage;
    }
    rt.logger.error(`internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    rt.appendSummary("## Andon stopped on an internal error\n\nThis is a bug in Andon; the step log has the details.\n");
    return ExitCode.internal;
  }
}
function pickStages(config, mode, inputs) {
  if (mode.kind === "line") return inputs.stages.length > 0 ? inputs.stages : null;
  const ofKind = config.line.filter((s) => s.uses === mode.uses);
  if (inputs.stages.length === 0) {
    if (ofKind.length === 1) return [ofKind[0].id];
    throw new UserError(
      ofKind.length === 0 ? `${config.path} has no stage with uses: ${mode.uses}` : `${config.path} has ${ofKind.length} stages with uses: ${mode.uses} (${ofKind.map((s) => s.id).join(", ")}); name one with the input \`${Input.stage}\``
    );
  }
  for (const id of inputs.stages) {
    const st = config.line.find((s) => s.id === id);
    if (!st) throw new UserError(`input ${Input.stage}: no stage ${id} in ${config.path}; stages: ${config.line.map((s) => s.id).join(", ")}`);
    if (st.uses !== mode.uses) throw new UserError(`input ${Input.stage}: stage ${id} uses ${st.uses}, not ${mode.uses}; use actions/${st.uses}`);
  }
  return inputs.stages;
}
async function runMain(deps, mode) {
  const rt = deps.runtime;
  const gh = readGitHubContext(rt.env);
  const inputs = readInputs(rt, mode.kind === "stage" ? "" : void 0);
  if (inputs.githubToken) rt.setSecret(inputs.githubToken);
  const workspace = await workspaceOf(gh, inputs.workingDirectory);
  const config = await loadConfig(workspace, inputs.config, deps.registry);
  const only = pickStages(config, mode, inputs);
  const store = new FsStore(path5.resolve(workspace, config.store.path));
  const settings = { mode: mode.kind, stages: only, upload: inputs.upload, retentionDays: inputs.retentionDays, deadlineMs: inputs.deadlineMs };
  rt.saveState(State.serial, gh.serial);
  rt.saveState(State.storeRoot, store.root);
  rt.saveState(State.workspace, workspace);
  rt.saveState(State.settings, JSON.stringify(settings));
  const notes = [];
  const services = gh.hasResultsService;
  if (!services && (inputs.upload || inputs.cache)) notes.push("no Actions results service in this environment (ACTIONS_RUNTIME_TOKEN / ACTIONS_RESULTS_URL): no artifacts, no cache");
  const cacheService = services && inputs.cache ? deps.cache(inputs.deadlineMs) : null;
  const cacheRoot = path5.join(gh.runnerTemp, "andon-cache");
  const join = mode.kind === "stage" || only !== null;
  if (join && services && !await store.hasRun(gh.serial)) await adoptRunRecord(deps, gh, store, inputs, notes);
  let parentInfo = null;
  if (inputs.resume) parentInfo = await fetchParent(deps, gh, inputs, config, notes);
  const baselineSources = [];
  const baseBranch = gh.baseRef || gh.refName;
  if (cacheService && baseBranch) baselineSources.push(cacheBaselines(cacheRoot, baseBranch, cacheService));
  const stageCache = cacheService ? new GitHubStageCache(cacheRoot, cacheService, rt.logger) : null;
  const record = await runLine({
    workspace,
    config,
    registry: deps.registry,
    store,
    env: rt.env,
    logger: rt.logger,
    serial: gh.serial,
    join,
    ...only ? { only } : {},
    ...deps.clock ? { clock: deps.clock } : {},
    ...deps.signal ? { signal: deps.signal } : {},
    ...parentInfo ? { resume: { serial: parentInfo.record.serial, fromStage: parentInfo.fromStage }, parent: parentInfo.record, parentDir: parentInfo.dir } : {},
    cache: stageCache,
    baselineSources,
    onEvent: (e) => echoEvent(rt, e)
  });
  const ranHere = record.stages.filter((s) => (only ? only.includes(s.id) : true) && s.state !== "pending").map((s) => s.id);
  let uploads = [];
  const cancelled = deps.signal?.aborted ?? false;
  if (cancelled) notes.push("the step was cancelled: the post step uploads the stage folders and the record");
  if (inputs.upload && services && !cancelled) {
    uploads = await uploadStageFolders(store, record, ranHere, {
      service: deps.artifacts,
      retentionDays: inputs.retentionDays,
      deadlineMs: inputs.deadlineMs,
      logger: rt.logger
    });
  }
  if (cacheService && isTrustedPush(gh) && gh.refName && !cancelled) {
    await saveBaselines(cacheRoot, gh.refName, store, record, cacheService, rt.logger).catch((e) => notes.push(`baselines not kept in the cache: ${errorMessage(e)}`));
  }
  await report(deps, gh, inputs, store, record, only, parentInfo?.record ?? null, uploads, notes);
  return exitCodeOf(record, only);
}
async function adoptRunRecord(deps, gh, store, inputs, notes) {
  try {
    const listed = await withDeadline(inputs.deadlineMs, () => deps.artifacts.listOwn());
    if (listed.kind !== "done") throw new Error(describeMiss("listing this run's artifacts", listed));
    if (!listed.value.some((a) => a.name === recordArtifactName(gh.serial))) return;
    const got = await downloadRun(ownRunLocator(deps.artifacts), gh.serial, store.root, { deadlineMs: inputs.deadlineMs, logger: deps.runtime.logger, stages: true });
    deps.runtime.logger.info(`joined run ${gh.serial} recorded by an earlier job (${got.record.stages.filter((s) => s.state !== "pending").length} stages done)`);
    if (got.missing.length > 0) notes.push(`stage folders of ${got.missing.join(", ")} could not be fetched from earlier jobs`);
  } catch (e) {
    await rm3(store.runDir(gh.serial), { recursive: true, force: true });
    notes.push(`could not pick up this run's record from earlier jobs (${errorMessage(e)}): starting it here`);
  }
}
async function fetchParent(deps, gh, inputs, config, notes) {
  const serial = inputs.resume;
  const parsed = parseSerial(serial);
  if (parsed?.kind !== "github") throw new UserError(`input ${Input.resume}: ${serial} is not the serial of a GitHub run (gh-<run id>-<attempt>)`);
  if (!inputs.githubToken) throw new UserError(`input ${Input.resume} needs ${Input.githubToken} (actions: read) to fetch the parent's record`);
  const rest = new GitHubRest({ apiUrl: gh.apiUrl, token: inputs.githubToken });
  const root = path5.join(gh.runnerTemp, "andon-parents");
  await mkdir3(root, { recursive: true });
  try {
    const got = await downloadRun(otherRunLocator(rest, { repo: gh.repo, runId: parsed.runId }), serial, root, {
      deadlineMs: inputs.deadlineMs,
      logger: deps.runtime.logger,
      stages: true
    });
    for (const p of got.problems) notes.push(`parent artifact ${p.path} is ${p.problem}: that stage runs again`);
    if (got.missing.length > 0) notes.push(`parent stage folders missing (${got.missing.join(", ")}): those stages run again`);
    const broken = /* @__PURE__ */ new Set([...got.missing, ...got.problems.map((p) => p.path.split("/")[0] ?? "")]);
    const record = { ...got.record, stages: got.record.stages.map((s) => broken.has(s.id) ? { ...s, state: "cancelled", reason: "artifacts not available" } : s) };
    const fromStage = inputs.fromStage ?? rerunStage(record) ?? config.line[0].id;
    deps.runtime.logger.info(`resuming ${serial} from ${fromStage}`);
    return { record, dir: got.runDir, fromStage };
  } catch (e) {
    if (e instanceof UserError) throw e;
    notes.push(`the parent run ${serial} could not be fetched (${errorMessage(e)}): every stage runs`);
    deps.runtime.logger.warn(`the parent run ${serial} could not be fetched (${errorMessage(e)}): running every stage instead of resuming`);
    return null;
  }
}
function echoEvent(rt, e) {
  if (e.type === "stage-start") rt.startGroup(`andon \u25B6 ${e.stage.id} (${e.stage.uses}) ${e.index + 1}/${e.total}`);
  else if (e.type === "stage-output") rt.echoUntrusted(e.line);
  else if (e.type === "stage-end") {
    if (e.stage.state !== "reused") rt.endGroup();
    rt.logger.info(`andon \u25A0 ${e.stage.id}: ${e.stage.state} (${e.stage.reason})`);
  }
}
async function report(deps, gh, inputs, store, record, only, parent, uploads, notes) {
  const rt = deps.runtime;
  const runDir = store.runDir(record.serial);
  const sarifs = await readStageSarifs(store, record, (m) => notes.push(m));
  const merged = mergeSarif(sarifs.map((s) => s.log));
  for (const c of merged.cut) notes.push(c);
  const sarifPath = path5.join(runDir, "andon.sarif");
  await writeFile3(sarifPath, JSON.stringify(merged.log));
  const mine = only ? sarifs.filter((s) => only.includes(s.stageId)) : sarifs;
  const findings = findingsOf(mine);
  const lineage = [];
  if (record.parent) {
    lineage.push({ serial: record.parent.serial, fromStage: record.parent.fromStage, url: parent?.host.url ?? null });
    if (parent?.parent) lineage.push({ serial: parent.parent.serial, fromStage: parent.parent.fromStage });
  }
  const workflow = rt.input(Input.rerunWorkflow) || DEFAULT_RERUN_WORKFLOW;
  const hint = gh.repo ? rerunHint(record, { repo: gh.repo, serverUrl: gh.serverUrl, workflow }) : null;
  rt.appendSummary(renderSummary({ record, findings, lineage, rerun: hint, uploads, notes, ...only ? { stepStages: only } : {} }));
  if (inputs.annotations) {
    const plan = planAnnotations(findings, `the job summary and the SARIF at ${path5.relative(gh.workspaceRoot, sarifPath)} (artifacts andon-${record.serial}-<stage-id>)`);
    for (const a of plan.annotations) rt.annotate(a);
  }
  for (const n of notes) rt.logger.info(`note: ${n}`);
  rt.setOutput(Output.serial, record.serial);
  rt.setOutput(Output.verdict, record.verdict);
  rt.setOutput(Output.recordPath, path5.join(runDir, RECORD_FILE));
  rt.setOutput(Output.sarifPath, sarifPath);
  rt.setOutput(
    Output.stages,
    JSON.stringify(
      record.stages.map((s) => ({ id: s.id, uses: s.uses, state: s.state, reason: s.reason, durationMs: s.durationMs, reusedFrom: s.reusedFrom, counts: s.counts }))
    )
  );
  if (record.parent) rt.setOutput(Output.parentSerial, record.parent.serial);
  if (record.host.url) rt.setOutput(Output.runUrl, record.host.url);
}
function exitCodeOf(record, only) {
  const mine = record.stages.filter((s) => !only || only.includes(s.id));
  const stops = mine.some((s) => s.state === "cancelled" || s.blocking && (s.state === "failed" || s.state === "errored"));
  return stops ? ExitCode.gateFailed : ExitCode.passed;
}

// src/github/line-step.ts
function runLineStep(mode) {
  const runtime = runnerRuntime();
  exitWith(
    lineAction(
      {
        runtime,
        registry: defaultRegistry(),
        artifacts: new ActionsArtifactService(),
        cache: (deadlineMs) => new ActionsCacheService(deadlineMs, runtime.logger),
        signal: cancelSignal()
      },
      mode
    )
  );
}
export {
  runLineStep
};
