import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  adoptAttempt,
  carryEarlierAttempts,
  uploadStageFolders
} from "./chunk-ZWMGARRJ.js";
import {
  ActionsArtifactService,
  isTrustedPush,
  readGitHubContext,
  runUrl,
  workspaceOf
} from "./chunk-QAREUEMZ.js";
import {
  cancelSignal,
  exitWith,
  processExitGuard,
  runnerRuntime
} from "./chunk-ARLFHMBN.js";
import "./chunk-L5N3V36Q.js";
import {
  runLine
} from "./chunk-BAQI6564.js";
import "./chunk-ZMTWOZYI.js";
import {
  CachedStageEntry,
  stageIdFolder
} from "./chunk-XHSFKW56.js";
import {
  processIsAlive,
  thisProcess
} from "./chunk-ZXK4LA3K.js";
import {
  GitHubRest
} from "./chunk-VHGE7LZA.js";
import {
  DEFAULT_SERVICE_DEADLINE_MS,
  Input,
  Limits,
  Output,
  State,
  baseJudgementCacheKey,
  baselineCacheKey,
  baselineCachePrefix,
  describeMiss,
  downloadRun,
  otherRunLocator,
  readDownloadedJson,
  stageCacheKey,
  toolCachePrefix,
  withDeadline
} from "./chunk-UPPQ2J5F.js";
import "./chunk-WCIAZNSM.js";
import "./chunk-A5WO7DY5.js";
import {
  renderSummary
} from "./chunk-OXGU7SJ6.js";
import "./chunk-NWRU5D3X.js";
import "./chunk-VHDCSVYJ.js";
import {
  defaultRegistry,
  loadConfig
} from "./chunk-5OCHSZKT.js";
import "./chunk-5BSIPENY.js";
import {
  FsStore,
  RECORD_FILE,
  isValidSerial,
  parseSerial
} from "./chunk-SPBR4F3X.js";
import "./chunk-IS7EOWNW.js";
import "./chunk-EM73ES6I.js";
import "./chunk-QJBUIJW3.js";
import "./chunk-QZDB3VMJ.js";
import "./chunk-H2VICYEQ.js";
import "./chunk-UVUI3JLA.js";
import "./chunk-BI4FL6IB.js";
import "./chunk-PE5NFLL3.js";
import {
  SARIF_LIMITS,
  SARIF_SCHEMA,
  STAGE_FILES,
  artifactPath,
  describeStageRead,
  fitGzipped,
  hasArtifact,
  keepRuns,
  openFindingsOf,
  readRecordedStageFile,
  readRunFindings,
  readStageFile,
  readStageFolderFile,
  stageFile
} from "./chunk-4PTP22Z7.js";
import "./chunk-JBUSEVB6.js";
import "./chunk-MGRT4P43.js";
import {
  exitCodeOf,
  isFailure
} from "./chunk-R2DVGQ2Z.js";
import "./chunk-UE6GT5FO.js";
import "./chunk-JYNWK4DA.js";
import {
  compareFindings
} from "./chunk-NLHABGJB.js";
import "./chunk-UACYHNGC.js";
import "./chunk-K4VEHVI3.js";
import "./chunk-GKY6TSAU.js";
import {
  NEVER,
  array,
  boolean,
  describeRefusal,
  number,
  object,
  string
} from "./chunk-QTHYIHUL.js";
import "./chunk-TXGCBDM3.js";
import {
  ExitCode,
  UserError,
  errorMessage
} from "./chunk-HUTQD67Y.js";
import "./chunk-RBGFA5GU.js";
import "./chunk-AS4XOIVA.js";
import {
  gitOut
} from "./chunk-X4N7ZENU.js";
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
import { mkdir as mkdir3, writeFile as writeFile3 } from "node:fs/promises";
import path3 from "node:path";

// src/report/sarif-merge.ts
function mergeSarif(logs, limitsOverride = {}) {
  const limits = { ...SARIF_LIMITS, ...limitsOverride };
  const cut = [];
  const log = { $schema: SARIF_SCHEMA, version: "2.1.0", runs: logs.flatMap((l) => l.runs) };
  keepRuns(log, cut, limits);
  const runs = log.runs;
  const remake = (share) => ({ ...log, runs: runs.map((r) => ({ ...r, results: r.results.slice(0, Math.floor(r.results.length * share)) })) });
  return { log: fitGzipped(log, remake, cut, limits), cut };
}

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
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
var META = "baseline-meta.json";
var JUDGEMENT = "judgement.json";
var BaselineMeta = object({ serial: string(), sha: string(), uses: string(), ref: string().nullable().optional() });
function dirOf(root, what, id) {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) throw new Error(`not an id: ${id}`);
  return path.join(root, what, id);
}
function cacheBaselines(root, cache) {
  return {
    async load({ stageId: stageId2, uses, baseSha }) {
      if (!baseSha) return null;
      const dir = dirOf(root, "baselines", stageId2);
      await rm(dir, { recursive: true, force: true });
      const prefix = baselineCachePrefix(stageId2, baseSha);
      const hit = await cache.restore(dir, `${prefix}latest`, [prefix]);
      if (!hit) return null;
      const note = readDownloadedJson(dir, META, BaselineMeta);
      if (!note.ok) return null;
      const meta = note.value;
      if (meta.sha !== baseSha || meta.uses !== uses) return null;
      return {
        origin: "cache",
        serial: meta.serial,
        description: `run ${meta.serial} of the base ${baseSha.slice(0, 7)}${meta.ref ? ` on ${meta.ref}` : ""}, from the Actions cache`,
        read: async (name) => {
          if (name !== STAGE_FILES.baseline) return null;
          const got = readStageFile(dir, "baseline");
          if (got.kind === "missing") return null;
          if (got.kind !== "ok") throw new Error(`the cached ${STAGE_FILES.baseline} ${describeRefusal(got)}`);
          return got.bytes;
        }
      };
    }
  };
}
async function saveBaselines(root, store, record, cache, logger) {
  const saved = [];
  const sha = record.source.sha;
  if (!sha || record.source.dirty) return saved;
  for (const st of record.stages) {
    if (st.state !== "passed" && st.state !== "failed" && st.state !== "reused") continue;
    if (!hasArtifact(st, "baseline")) continue;
    const got = readRecordedStageFile(store.stageDir(record.serial, st.id), st, "baseline");
    if (got.kind !== "ok") {
      logger.warn(`baseline of ${st.id} not kept in the cache: ${artifactPath(st.id, "baseline")} ${describeStageRead(got)}`);
      continue;
    }
    const dir = dirOf(root, "baselines", st.id);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await writeFile(stageFile(dir, "baseline"), got.bytes);
    await writeFile(path.join(dir, META), JSON.stringify({ serial: record.serial, sha, uses: st.uses, ref: record.source.ref }));
    if (await cache.save(dir, baselineCacheKey(st.id, sha, record.serial))) saved.push(st.id);
  }
  if (saved.length > 0) logger.info(`baselines of ${saved.join(", ")} kept in the cache for runs whose base is ${sha.slice(0, 7)}`);
  return saved;
}
function cacheBaseJudgements(root, cache) {
  const dirFor = (key) => dirOf(root, "judgements", key);
  return {
    async get(key) {
      const dir = dirFor(key);
      await rm(dir, { recursive: true, force: true });
      if (!await cache.restore(dir, baseJudgementCacheKey(key), [])) return null;
      const got = readStageFolderFile(dir, JUDGEMENT);
      return got.kind === "ok" ? got.bytes : null;
    },
    async put(key, bytes) {
      const dir = dirFor(key);
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, JUDGEMENT), bytes);
      await cache.save(dir, baseJudgementCacheKey(key));
    }
  };
}

// src/github/github-stage-cache.ts
import { createHash } from "node:crypto";
import { cp, mkdir as mkdir2, readdir, readFile, rm as rm2, writeFile as writeFile2 } from "node:fs/promises";
import path2 from "node:path";
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
  /** The key each tool folder was restored from: a folder left as it came is not saved again. */
  restoredTools = /* @__PURE__ */ new Map();
  dir(stageId2) {
    return path2.join(this.root, "stages", stageIdFolder(stageId2));
  }
  async get(stageId2, digest) {
    const dir = this.dir(stageId2);
    await rm2(dir, { recursive: true, force: true });
    const key = stageCacheKey(stageId2, digest);
    const hit = await this.cache.restore(dir, key, []);
    if (hit !== key) return null;
    const read = readDownloadedJson(dir, ENTRY, CachedStageEntry);
    if (!read.ok) {
      this.logger.warn(`stage cache entry ${key} is unreadable: ${read.why.split("\n")[0]}`);
      return null;
    }
    const entry = read.value;
    if (entry.stage.id !== stageId2 || entry.stage.inputsDigest !== digest) {
      this.logger.warn(`stage cache entry ${key} holds ${entry.stage.id} ${entry.stage.inputsDigest ?? ""}: ignored`);
      return null;
    }
    this.logger.info(`stage ${stageId2}: passed result of ${entry.serial} found in the cache (${key})`);
    return { serial: entry.serial, stage: entry.stage, dir: path2.join(dir, "files") };
  }
  async put(serial, stage, dir) {
    if (!stage.inputsDigest || stage.state !== "passed") return;
    const staging = this.dir(stage.id);
    await rm2(staging, { recursive: true, force: true });
    await mkdir2(staging, { recursive: true });
    await cp(dir, path2.join(staging, "files"), { recursive: true });
    await writeFile2(path2.join(staging, ENTRY), JSON.stringify({ schema: "andon.stage-cache/v1", serial, stage }));
    const key = stageCacheKey(stage.id, stage.inputsDigest);
    const saved = await this.cache.save(staging, key);
    this.logger.info(saved ? `stage ${stage.id}: result kept in the cache as ${key}` : `stage ${stage.id}: not kept in the cache (${key} exists or the cache is unavailable)`);
  }
  async toolDir(stageId2) {
    const dir = path2.join(this.root, "tools", stageIdFolder(stageId2));
    await rm2(dir, { recursive: true, force: true });
    await mkdir2(dir, { recursive: true });
    const prefix = toolCachePrefix(stageId2);
    const hit = await this.cache.restore(dir, prefix, [prefix]);
    this.restoredTools.set(stageId2, hit);
    if (hit) {
      const odd = await removeOddEntries(dir);
      this.logger.info(`stage ${stageId2}: tool cache restored from ${hit}${odd > 0 ? ` (${odd} entr${odd === 1 ? "y" : "ies"} that were not plain files removed)` : ""}`);
    }
    return dir;
  }
  async keepToolDir(stageId2, dir) {
    const digest = await folderDigest(dir);
    if (digest === null) return;
    const key = `${toolCachePrefix(stageId2)}${digest}`;
    if (this.restoredTools.get(stageId2) === key) return;
    const saved = await this.cache.save(dir, key);
    if (saved) this.logger.info(`stage ${stageId2}: tool cache kept as ${key}`);
  }
};
async function removeOddEntries(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const odd = entries.filter((e) => !e.isFile() && !e.isDirectory());
  for (const e of odd) await rm2(path2.join(e.parentPath, e.name), { force: true });
  return odd.length;
}
async function folderDigest(dir) {
  const h = createHash("sha256");
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => path2.join(e.parentPath, e.name)).sort();
  if (files.length === 0) return null;
  for (const f of files) h.update(`${path2.relative(dir, f)}\0`).update(await readFile(f)).update("\0");
  return h.digest("hex").slice(0, 32);
}

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
  const s = record.stages.find((x) => isFailure(x.state) || x.state === "cancelled" || x.state === "skipped" && x.reason.startsWith("stopped by"));
  return s?.id ?? null;
}
function shellQuote(s) {
  return /^[A-Za-z0-9_./:@=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
var BRANCH = /^(?!.*\.\.)[!#-9;-Z\]_a-}]{1,255}$/;
function dispatchRef(record, target) {
  const ref = target.pr ? target.baseRef || record.source.baseRef || null : record.source.ref;
  return ref && BRANCH.test(ref) ? ref : null;
}
function rerunHint(record, target, fromStage = rerunStage(record)) {
  if (!fromStage) return null;
  const ref = dispatchRef(record, target);
  const argv = ["gh", "workflow", "run", target.workflow, "--repo", target.repo, ...ref ? ["--ref", ref] : [], "-f", `serial=${record.serial}`, "-f", `from-stage=${fromStage}`];
  return {
    fromStage,
    ...target.pr ? { pr: target.pr } : {},
    command: argv.map(shellQuote).join(" "),
    url: `${target.serverUrl.replace(/\/$/, "")}/${target.repo}/actions/workflows/${encodeURIComponent(target.workflow)}`
  };
}

// src/github/checkout-credentials.ts
async function persistedCredentials(workspace, env) {
  const out = await gitOut(workspace, ["config", "--includes", "--get-regexp", "^http\\..*\\.extraheader$"], env);
  if (!out) return [];
  const keys = /* @__PURE__ */ new Set();
  for (const line of out.split("\n")) {
    const space = line.indexOf(" ");
    if (space > 0 && /^authorization:/i.test(line.slice(space + 1).trim())) keys.add(line.slice(0, space));
  }
  return [...keys];
}
function persistedCredentialsNote(keys) {
  return `actions/checkout left the job's token in git's config (${keys.join(", ")}), where the code under test can read it with \`git config\`: set \`persist-credentials: false\` on actions/checkout (Andon needs no token there)`;
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
  const config = await loadConfig(workspace, inputs.config, deps.registry, rt.env);
  const only = pickStages(config, mode, inputs);
  const store = new FsStore(path3.resolve(workspace, config.store.path));
  const settings = { mode: mode.kind, stages: only, upload: inputs.upload, retentionDays: inputs.retentionDays, deadlineMs: inputs.deadlineMs };
  rt.saveState(State.serial, gh.serial);
  rt.saveState(State.storeRoot, store.root);
  rt.saveState(State.workspace, workspace);
  rt.saveState(State.settings, JSON.stringify(settings));
  const notes = [];
  const persisted = await persistedCredentials(workspace, rt.env);
  if (persisted.length > 0) {
    const note = persistedCredentialsNote(persisted);
    rt.logger.warn(note);
    notes.push(note);
  }
  const services = gh.hasResultsService;
  if (!services && (inputs.upload || inputs.cache)) notes.push("no Actions results service in this environment (ACTIONS_RUNTIME_TOKEN / ACTIONS_RESULTS_URL): no artifacts, no cache");
  const useCache = services && inputs.cache && gh.cacheMode !== "none";
  if (inputs.cache && gh.cacheMode !== "read-write") notes.push(gh.facts.fork ? "a pull request from a fork: the cache is read, never written" : `ACTIONS_CACHE_MODE ${rt.env.ACTIONS_CACHE_MODE ?? ""}: the cache is ${gh.cacheMode === "none" ? "not used" : "read, never written"}`);
  const cacheService = useCache ? deps.cache(inputs.deadlineMs) : null;
  const cacheRoot = path3.join(gh.runnerTemp, "andon-cache");
  const rest = inputs.githubToken ? new GitHubRest({ apiUrl: gh.apiUrl, token: inputs.githubToken }) : null;
  const own = only ?? config.line.map((s) => s.id);
  const attempt = { gh, store, artifacts: deps.artifacts, rest, own, settings: { deadlineMs: inputs.deadlineMs, logger: rt.logger, tmpRoot: path3.join(gh.runnerTemp, "andon-pieces") }, notes };
  const join = mode.kind === "stage" || only !== null;
  if (join && services && !await store.hasRun(gh.serial)) await adoptAttempt(attempt);
  let parentInfo = null;
  if (inputs.resume) parentInfo = await fetchParent(deps, gh, inputs, config, notes, inputs.resume, inputs.fromStage);
  else if (!join && gh.attempt > 1 && rest) {
    const previous = `gh-${gh.runId}-${gh.attempt - 1}`;
    parentInfo = await fetchParent(deps, gh, inputs, config, notes, previous, null, true);
  }
  if (parentInfo?.fork) notes.push(`${parentInfo.record.serial} ran a fork's code: it is resumed without the cache`);
  const baselineSources = cacheService ? [cacheBaselines(cacheRoot, cacheService)] : [];
  const judgements = cacheService ? cacheBaseJudgements(cacheRoot, cacheService) : null;
  const baseCache = judgements && gh.cacheMode !== "read-write" ? { get: judgements.get, put: async () => void 0 } : judgements;
  const stageCache = !cacheService || parentInfo?.fork ? null : readOnlyUnless(gh.cacheMode === "read-write" && !parentInfo, new GitHubStageCache(cacheRoot, cacheService, rt.logger));
  let record = await runLine({
    workspace,
    config,
    registry: deps.registry,
    store,
    env: rt.env,
    writer: deps.writer,
    ...deps.isAlive ? { isAlive: deps.isAlive } : {},
    logger: rt.logger,
    serial: gh.serial,
    join,
    ...only ? { only } : {},
    ...deps.clock ? { clock: deps.clock } : {},
    ...deps.signal ? { signal: deps.signal } : {},
    ...deps.exitGuard ? { guard: deps.exitGuard } : {},
    ...parentInfo ? { resume: { serial: parentInfo.record.serial, fromStage: parentInfo.fromStage }, parent: parentInfo.record, parentDir: parentInfo.dir, parentUntrusted: parentInfo.fork } : {},
    cache: stageCache,
    baselineSources,
    baseCache,
    ...inputs.githubToken ? { fetchToken: inputs.githubToken } : {},
    // One masker for the record, the stage folders and everything the step says: the runtime's.
    masker: rt.masker,
    onEvent: (e) => echoEvent(rt, e, own)
  });
  const cancelled = deps.signal?.aborted ?? false;
  if (join && services && !cancelled) record = await carryEarlierAttempts(attempt, record);
  const ranHere = record.stages.filter((s) => own.includes(s.id) && s.state !== "pending").map((s) => s.id);
  let uploads = [];
  if (cancelled) notes.push("the step was cancelled: the post step uploads the stage folders and the record");
  if (inputs.upload && services && !cancelled) {
    uploads = await uploadStageFolders(store, record, ranHere, {
      service: deps.artifacts,
      retentionDays: inputs.retentionDays,
      deadlineMs: inputs.deadlineMs,
      logger: rt.logger
    });
  }
  if (cacheService && gh.cacheMode === "read-write" && isTrustedPush(gh) && gh.refName && !cancelled) {
    await saveBaselines(cacheRoot, store, record, cacheService, rt.logger).catch((e) => notes.push(`baselines not kept in the cache: ${errorMessage(e)}`));
  }
  await report(deps, gh, inputs, store, record, only, parentInfo?.record ?? null, uploads, notes);
  if (!only) {
    const { publishReport } = await import("./report-publish-G3KXELTM.js");
    deps.runtime.appendSummary(
      await publishReport({
        store,
        record,
        ...parentInfo ? { parentStore: new FsStore(path3.dirname(parentInfo.dir)) } : {},
        artifacts: inputs.upload && services && !cancelled ? deps.artifacts : null,
        retentionDays: inputs.retentionDays,
        deadlineMs: inputs.deadlineMs,
        logger: deps.runtime.logger,
        github: { serverUrl: gh.serverUrl, apiUrl: gh.apiUrl, repo: gh.repo, runId: gh.runId, branch: gh.refName, token: inputs.githubToken }
      })
    );
  }
  return exitCodeOf(record.stages.filter((s) => !only || only.includes(s.id)));
}
function readOnlyUnless(writable, cache) {
  if (writable) return cache;
  return {
    ...cache.root ? { root: cache.root } : {},
    get: (id, digest) => cache.get(id, digest),
    put: async () => void 0,
    ...cache.toolDir ? { toolDir: (id) => cache.toolDir(id) } : {}
  };
}
async function fetchParent(deps, gh, inputs, config, notes, serial, fromStageInput, previousAttempt = false) {
  const parsed = parseSerial(serial);
  if (parsed?.kind !== "github") throw new UserError(`input ${Input.resume}: ${serial} is not the serial of a GitHub run (gh-<run id>-<attempt>)`);
  if (!inputs.githubToken) throw new UserError(`input ${Input.resume} needs ${Input.githubToken} (actions: read) to fetch the parent's record`);
  const rest = new GitHubRest({ apiUrl: gh.apiUrl, token: inputs.githubToken });
  const root = path3.join(gh.runnerTemp, "andon-parents");
  await mkdir3(root, { recursive: true });
  try {
    const got = await downloadRun(otherRunLocator(rest, { repo: gh.repo, runId: parsed.runId }), serial, root, {
      deadlineMs: inputs.deadlineMs,
      logger: deps.runtime.logger,
      stages: true
    });
    for (const n of got.notes) notes.push(`parent ${serial}: ${n}`);
    for (const p of got.problems) notes.push(`parent artifact ${p.path} is ${p.problem}: that stage runs again`);
    if (got.missing.length > 0) notes.push(`parent stage folders missing (${got.missing.join(", ")}): those stages run again`);
    const broken = /* @__PURE__ */ new Set([...got.missing, ...got.problems.map((p) => p.path.split("/")[0] ?? "")]);
    const record = { ...got.run.record, stages: got.run.record.stages.map((s) => broken.has(s.id) ? { ...s, state: "cancelled", reason: "artifacts not available" } : s) };
    const fromStage = fromStageInput ?? rerunStage(record) ?? (previousAttempt ? null : config.line[0].id);
    if (!fromStage) return null;
    deps.runtime.logger.info(`resuming ${serial} from ${fromStage}`);
    return { record, dir: got.runDir, fromStage, fork: got.run.github.fork };
  } catch (e) {
    if (e instanceof UserError && !previousAttempt) throw e;
    notes.push(`the parent run ${serial} could not be fetched (${errorMessage(e)}): every stage runs`);
    deps.runtime.logger.warn(`the parent run ${serial} could not be fetched (${errorMessage(e)}): running every stage instead of resuming`);
    return null;
  }
}
function echoEvent(rt, e, selected) {
  if (e.type === "stage-start") rt.startGroup(`andon \u25B6 ${e.stage.id} (${e.stage.uses}) ${selected.indexOf(e.stage.id) + 1}/${selected.length}`);
  else if (e.type === "stage-output") rt.echoUntrusted(e.line);
  else if (e.type === "stage-end") {
    if (e.stage.state !== "reused") rt.endGroup();
    rt.logger.info(`andon \u25A0 ${e.stage.id}: ${e.stage.state} (${e.stage.reason})`);
  }
}
async function report(deps, gh, inputs, store, record, only, parent, uploads, notes) {
  const rt = deps.runtime;
  const runDir = store.runDir(record.serial);
  const sarifs = await readRunFindings(store, record, (m) => notes.push(m));
  const merged = mergeSarif(sarifs.map((s) => s.log));
  for (const c of merged.cut) notes.push(c);
  const sarifPath = path3.join(runDir, "andon.sarif");
  await writeFile3(sarifPath, JSON.stringify(merged.log));
  const mine = only ? sarifs.filter((s) => only.includes(s.stageId)) : sarifs;
  const mask = (v) => rt.masker.maskDeep(v);
  const findings = mask(openFindingsOf(mine));
  const lineage = [];
  if (record.parent) {
    const p = parseSerial(record.parent.serial);
    lineage.push({ serial: record.parent.serial, fromStage: record.parent.fromStage, url: p?.kind === "github" && gh.repo ? runUrl(gh, p.runId) : null });
    if (parent?.parent) lineage.push({ serial: parent.parent.serial, fromStage: parent.parent.fromStage });
  }
  const workflow = rt.input(Input.rerunWorkflow) || DEFAULT_RERUN_WORKFLOW;
  const hint = gh.repo ? rerunHint(record, { repo: gh.repo, serverUrl: gh.serverUrl, workflow, pr: gh.facts.pr, baseRef: gh.facts.baseRef }) : null;
  const shown = { ...record, host: { ...record.host, url: gh.repo ? runUrl(gh, gh.runId) : null } };
  rt.appendSummary(renderSummary({ record: mask(shown), findings, lineage, rerun: hint, uploads, notes: mask(notes), ...only ? { stepStages: only } : {} }));
  if (inputs.annotations) {
    const plan = planAnnotations(findings, `the job summary and the SARIF at ${path3.relative(gh.workspaceRoot, sarifPath)} (artifacts andon-${record.serial}-<stage-id>)`);
    for (const a of plan.annotations) rt.annotate(a);
  }
  for (const n of notes) rt.logger.info(`note: ${n}`);
  rt.setOutput(Output.serial, record.serial);
  rt.setOutput(Output.verdict, record.verdict);
  rt.setOutput(Output.recordPath, path3.join(runDir, RECORD_FILE));
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

// src/github/line-step.ts
function runLineStep(mode) {
  const runtime = runnerRuntime();
  exitWith(
    lineAction(
      {
        runtime,
        registry: defaultRegistry(),
        writer: thisProcess(),
        isAlive: processIsAlive,
        artifacts: new ActionsArtifactService(),
        cache: (deadlineMs) => new ActionsCacheService(deadlineMs, runtime.logger),
        signal: cancelSignal(),
        exitGuard: processExitGuard()
      },
      mode
    )
  );
}
export {
  runLineStep
};
