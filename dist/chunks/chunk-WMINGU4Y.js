import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  systemClock
} from "./chunk-ZMTWOZYI.js";
import {
  computeChangeSet,
  emptyChangeSet
} from "./chunk-K5LOEYH2.js";
import {
  silentLogger
} from "./chunk-WCIAZNSM.js";
import {
  stageEnv
} from "./chunk-KA4CD6AC.js";
import {
  STOP_GRACE_MS,
  StageDeadline,
  timeoutSecondsOf
} from "./chunk-T2IUQJD2.js";
import {
  InputsDigester,
  STAGE_FILES,
  canonicalJson,
  explainInputsChange,
  hasArtifact,
  readInputsManifest,
  readStageFile,
  stageFile,
  writeInputsManifest,
  writeOutcome
} from "./chunk-OR7ZM5VY.js";
import {
  localSerial
} from "./chunk-UPAB3UWU.js";
import {
  Masker,
  nodeProcessRunner
} from "./chunk-NCAAVBHJ.js";
import {
  InternalError,
  RECORD_SCHEMA,
  StageRecord,
  UserError,
  assertTransition,
  boolean,
  describeRefusal,
  discriminatedUnion,
  errorMessage,
  joinedVerdictOf,
  literal,
  nonBlockingFailures,
  number,
  object,
  readGuarded,
  stopsLine,
  string,
  unknown,
  verdictOf,
  writeFileAtomic
} from "./chunk-4FVKWYBG.js";
import {
  askSourceQuestions
} from "./chunk-KYJVETIR.js";
import {
  ANDON_VERSION,
  git,
  gitOut
} from "./chunk-3PXQC2NJ.js";

// src/core/base-baselines.ts
import { createHash } from "node:crypto";
import { mkdir as mkdir2, readFile } from "node:fs/promises";
import path2 from "node:path";

// src/core/base-worktree.ts
import { existsSync, lstatSync, readdirSync, statSync } from "node:fs";
import { mkdir, mkdtemp, rm, symlink, unlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
var DEPENDENCY_DIRS = ["node_modules"];
var LINK_DEPTH = 2;
async function withBaseTree(workspace, sha, env, work, tmpRoot = tmpdir()) {
  const [top, prefix] = await Promise.all([gitOut(workspace, ["rev-parse", "--show-toplevel"], env), gitOut(workspace, ["rev-parse", "--show-prefix"], env)]);
  if (!top) return { ok: false, why: `${workspace} is not in a git repository` };
  if (!(await git(top, ["cat-file", "-e", `${sha}^{commit}`], env)).ok) {
    return { ok: false, why: `the base ${sha.slice(0, 7)} is not in this checkout (a shallow clone?): set fetch-depth: 0 on actions/checkout` };
  }
  const scratch = await mkdtemp(path.join(tmpRoot, "andon-base-"));
  const dir = path.join(scratch, "tree");
  const noHooks = path.join(scratch, "no-hooks");
  const links = [];
  try {
    await mkdir(noHooks);
    const gitEnv = { ...env, GIT_LFS_SKIP_SMUDGE: "1" };
    const added = await git(top, ["-c", `core.hooksPath=${noHooks}`, "-c", "advice.detachedHead=false", "worktree", "add", "--detach", "--force", dir, sha], gitEnv);
    if (!added.ok) return { ok: false, why: `the base ${sha.slice(0, 7)} could not be checked out: ${lastLine(added.stderr)}` };
    const root = path.join(dir, prefix ?? "");
    if (!existsSync(root)) return { ok: false, why: `the workspace folder ${prefix} does not exist at the base ${sha.slice(0, 7)}` };
    const linked = await linkDependencies(workspace, root, links);
    return { ok: true, value: await work({ root, sha, scratch: await mkdtemp(path.join(scratch, "out-")), linked }) };
  } finally {
    for (const l of links) await unlink(l).catch(() => void 0);
    await git(top, ["worktree", "remove", "--force", dir], env);
    await rm(scratch, { recursive: true, force: true });
    await git(top, ["worktree", "prune"], env);
  }
}
async function linkDependencies(workspace, root, links) {
  const linked = [];
  const visit = async (rel, depth) => {
    let entries;
    try {
      entries = readdirSync(path.join(workspace, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (DEPENDENCY_DIRS.includes(e.name) && (e.isDirectory() || e.isSymbolicLink() && isDir(path.join(workspace, child)))) {
        const target = path.join(root, child);
        if (!existsSync(path.dirname(target)) || lstatExists(target)) continue;
        await symlink(path.join(workspace, child), target, "dir");
        links.push(target);
        linked.push(child);
      } else if (e.isDirectory() && depth < LINK_DEPTH && !e.name.startsWith(".") && !DEPENDENCY_DIRS.includes(e.name)) {
        await visit(child, depth + 1);
      }
    }
  };
  await visit("", 0);
  return linked;
}
function isDir(p) {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
function lstatExists(p) {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}
function lastLine(text) {
  return text.trim().split("\n").pop() ?? "git failed";
}

// src/core/base-baselines.ts
var FsBaseJudgementCache = class {
  constructor(root) {
    this.root = root;
  }
  root;
  file(key) {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`not a judgement key: ${key}`);
    return path2.join(this.root, `${key}.json`);
  }
  async get(key) {
    return readFile(this.file(key)).catch(() => null);
  }
  async put(key, bytes) {
    await mkdir2(this.root, { recursive: true });
    await writeFileAtomic(this.file(key), bytes);
  }
};
var Judgement = discriminatedUnion("judged", [
  object({ schema: literal("andon.base-judgement/v1"), judged: literal(true), baseSha: string(), ms: number(), baseline: unknown() }),
  object({ schema: literal("andon.base-judgement/v1"), judged: literal(false), baseSha: string(), why: string() })
]);
var LOCKFILES = ["node_modules/.package-lock.json", "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lock", "bun.lockb"];
var MAX_LOCKFILE_BYTES = 64 * 1024 * 1024;
function dependencyIds(workspace) {
  const out = {};
  for (const f of LOCKFILES) {
    const read = readGuarded(path2.join(workspace, f), { maxBytes: MAX_LOCKFILE_BYTES, within: workspace });
    if (read.kind === "ok") out[f] = createHash("sha256").update(read.bytes).digest("hex");
  }
  return out;
}
function judgedAtBase(deps) {
  let prefix;
  return {
    async load({ stageId, uses, baseSha }) {
      if (!baseSha) return null;
      const stage = deps.stageOf(stageId);
      const kind = deps.kindOf(uses);
      if (!stage || !kind?.judgeAtBase) return null;
      const inputs = await kind.inputs(stage.options, deps.inputsEnv(stage));
      prefix ??= gitOut(deps.workspace, ["rev-parse", "--show-prefix"], deps.env);
      const key = createHash("sha256").update(
        canonicalJson({
          judgement: 1,
          andon: ANDON_VERSION,
          stage: stageId,
          uses,
          options: stage.rawOptions,
          tools: inputs?.tools ?? {},
          dependencies: dependencyIds(deps.workspace),
          base: baseSha,
          workspace: await prefix ?? ""
        })
      ).digest("hex");
      let judged;
      const judgement = () => judged ??= judge(deps, stage, kind, baseSha, key);
      return {
        origin: "base",
        description: `${uses} judged at the base ${baseSha.slice(0, 7)}`,
        identity: `base-judgement:${key}`,
        read: async (name) => {
          if (name !== STAGE_FILES.baseline) return null;
          const j = await judgement();
          return j.judged ? Buffer.from(JSON.stringify(j.baseline)) : null;
        },
        unavailable: async () => {
          const j = await judgement();
          return j.judged ? null : j.why;
        }
      };
    }
  };
}
async function judge(deps, stage, kind, baseSha, key) {
  const short = baseSha.slice(0, 7);
  const cached = await deps.cache?.get(key).catch(() => null);
  if (cached) {
    const parsed = Judgement.safeParse(safeJson(cached));
    if (parsed.success && parsed.data.baseSha === baseSha) {
      deps.logger.info(`[${stage.id}] baseline: ${stage.uses} at the base ${short}, judged before (cached)`);
      return parsed.data;
    }
  }
  const started = Date.now();
  let fromKind = false;
  const done = await withBaseTree(
    deps.workspace,
    baseSha,
    deps.env,
    async (tree) => {
      const j = await kind.judgeAtBase(deps.contextAt(stage, tree));
      fromKind = !deps.signal.aborted;
      return j;
    },
    deps.tmpRoot
  ).catch((e) => ({ ok: false, why: errorMessage(e) }));
  const ms = Date.now() - started;
  let judgement;
  if (!done.ok) judgement = { schema: "andon.base-judgement/v1", judged: false, baseSha, why: done.why };
  else if (done.value.kind === "unjudged") judgement = { schema: "andon.base-judgement/v1", judged: false, baseSha, why: done.value.why };
  else judgement = { schema: "andon.base-judgement/v1", judged: true, baseSha, ms, baseline: done.value.baseline };
  deps.logger.info(
    `[${stage.id}] baseline: ${stage.uses} at the base ${short}, judged in a temporary worktree in ${(ms / 1e3).toFixed(1)} s${judgement.judged ? "" : `: could not judge it (${judgement.why})`}`
  );
  if (fromKind && deps.cache) {
    await deps.cache.put(key, Buffer.from(JSON.stringify(judgement))).catch((e) => deps.logger.warn(`[${stage.id}] the judgement at the base could not be cached: ${errorMessage(e)}`));
  }
  return judgement;
}
function safeJson(bytes) {
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch {
    return null;
  }
}

// src/core/lineage.ts
async function buildTrace(store, serial) {
  const lineage = [];
  const records = /* @__PURE__ */ new Map();
  let current = serial;
  const seen = /* @__PURE__ */ new Set();
  while (current && !seen.has(current)) {
    seen.add(current);
    let rec;
    try {
      rec = await store.loadRecord(current);
    } catch {
      lineage.push({ serial: current, verdict: "unknown", sha: null, fromStage: null, createdAt: null, missing: true });
      break;
    }
    records.set(current, rec);
    lineage.push({ serial: rec.serial, verdict: rec.verdict, sha: rec.source.sha, fromStage: rec.parent?.fromStage ?? null, createdAt: rec.createdAt });
    current = rec.parent?.serial ?? null;
  }
  const head = records.get(serial);
  const stages = head.stages.map((s) => {
    const via = [];
    let producedBy = serial;
    if (s.state === "reused" && s.reusedFrom) {
      producedBy = s.reusedFrom;
      for (const l of lineage.slice(1)) {
        via.push(l.serial);
        if (l.serial === s.reusedFrom) break;
      }
    }
    return { id: s.id, state: s.state, producedBy, via };
  });
  return { serial, lineage, stages };
}
async function lineageOf(store, parent) {
  const serials = [];
  let rec = parent;
  let root = null;
  while (rec && !serials.includes(rec.serial) && serials.length < 1e3) {
    serials.push(rec.serial);
    root = rec;
    const up = rec.parent?.serial;
    rec = up ? await store.loadRecord(up).catch(() => null) : null;
  }
  return root ? { serials, rootCreatedAt: root.createdAt } : { serials };
}

// src/core/source.ts
import { readFile as readFile2 } from "node:fs/promises";
var PullRequest = object({ pull_request: object({ number: number().int().positive() }) });
var Push = object({ before: string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/), forced: boolean().optional() });
var NO_COMMIT = /^0+$/;
async function readSourceFacts(workspace, env, options = {}) {
  const [{ status, refs, remoteUrl }, event] = await Promise.all([options.answers ?? askSourceQuestions(workspace, env), readEvent(env)]);
  const head = status.ok ? statusHead(status.stdout) : { sha: void 0, branch: void 0, dirty: false };
  const sha = head.sha ?? env.GITHUB_SHA ?? null;
  const ref = env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME || head.branch || null;
  const dirty = head.dirty;
  const { branches, originHead } = refListing(refs ?? "");
  const pr = prNumber(env, event);
  const remoteRepo = env.GITHUB_REPOSITORY || repoOf(remoteUrl);
  if (!sha) return { repo: remoteRepo, sha, ref, baseRef: null, baseSha: null, pr, dirty, baseNote: "not a git repository with a commit: no base" };
  const found = await resolveBase({ workspace, env, configured: options.base, ref, head: sha, branches, originHead, event });
  const base = found.baseSha && !found.present ? await ensurePresent(workspace, env, found, options.fetchToken) : found;
  return { repo: remoteRepo, sha, ref, baseRef: base.baseRef, baseSha: base.baseSha, pr, dirty, onBaseBranch: base.onBaseBranch, baseNote: base.note };
}
function statusHead(out) {
  let sha;
  let branch;
  let dirty = false;
  for (const line of out.split("\n")) {
    if (line.startsWith("# branch.oid ")) sha = /^[0-9a-f]{40,64}$/.test(line.slice(13)) ? line.slice(13) : void 0;
    else if (line.startsWith("# branch.head ")) branch = line.slice(14) === "(detached)" ? void 0 : line.slice(14);
    else if (line !== "" && !line.startsWith("#")) dirty = true;
  }
  return { sha, branch, dirty };
}
function refListing(out) {
  const branches = /* @__PURE__ */ new Map();
  let originHead;
  for (const line of out.split("\n")) {
    const [name, sha, symref] = line.split(" ");
    if (!name || !sha) continue;
    const short = name.replace(/^refs\/(heads|remotes)\//, "");
    if (name === "refs/remotes/origin/HEAD" && symref) originHead = symref.replace(/^refs\/remotes\//, "");
    else branches.set(short, sha);
  }
  return { branches, originHead };
}
async function resolveBase(q) {
  const { workspace, env, configured, head } = q;
  const prBase = env.GITHUB_BASE_REF || void 0;
  const candidates = [];
  if (configured) candidates.push(configured);
  if (prBase) candidates.push(`origin/${prBase}`, prBase);
  if (q.originHead) candidates.push(q.originHead);
  candidates.push("origin/main", "main", "origin/master", "master");
  for (const c of candidates) {
    const sha = q.branches.get(c) ?? (c === configured ? await gitOut(workspace, ["rev-parse", "--verify", "-q", `${c}^{commit}`], env) : void 0);
    if (!sha) continue;
    const name = c.replace(/^origin\//, "");
    const mergeBase = await gitOut(workspace, ["merge-base", sha, "HEAD"], env);
    if (!prBase && (name === q.ref || mergeBase === head)) return onBaseBranch(q, name);
    if (mergeBase) return { baseRef: name, baseSha: mergeBase, onBaseBranch: false, note: `merge-base of ${c} and HEAD`, present: true };
    const merged = prBase ? await mergedOnto(q) : null;
    if (merged) return merged;
    return { baseRef: name, baseSha: null, onBaseBranch: false, note: `no merge-base of ${c} and HEAD in this checkout (a shallow clone?): set fetch-depth: 0 on actions/checkout` };
  }
  if (prBase) {
    const merged = await mergedOnto(q);
    if (merged) return merged;
    return { baseRef: prBase, baseSha: null, onBaseBranch: false, note: `base branch ${prBase} is not in this checkout: set fetch-depth: 0 on actions/checkout` };
  }
  return { baseRef: null, baseSha: null, onBaseBranch: false, note: "no base branch found (configure `base:`): the change is not known" };
}
async function onBaseBranch(q, name) {
  const before = q.env.GITHUB_EVENT_NAME === "push" ? q.event?.before : void 0;
  if (before && !NO_COMMIT.test(before) && before !== q.head && !q.event?.forced) {
    return { baseRef: name, baseSha: before, onBaseBranch: true, note: `on ${name}: the pushed commits (before ${before.slice(0, 7)})` };
  }
  const parents = await parentsOf(q.workspace, q.env);
  if (parents.length === 0) return { baseRef: name, baseSha: null, onBaseBranch: true, note: `on ${name}: HEAD is the first commit, there is nothing before it` };
  return { baseRef: name, baseSha: parents[0], onBaseBranch: true, note: `on ${name}: the last commit and the working tree (HEAD's first parent)` };
}
async function mergedOnto(q) {
  const parents = await parentsOf(q.workspace, q.env);
  if (parents.length < 2) return null;
  const name = q.env.GITHUB_BASE_REF;
  return { baseRef: name, baseSha: parents[0], onBaseBranch: false, note: `the first parent of the pull request's merge commit (${name})` };
}
async function parentsOf(workspace, env) {
  const raw = await gitOut(workspace, ["cat-file", "commit", "HEAD"], env);
  const header = (raw ?? "").split("\n\n")[0] ?? "";
  return header.split("\n").filter((l) => l.startsWith("parent ")).map((l) => l.slice("parent ".length).trim());
}
async function hasCommit(workspace, env, sha) {
  return (await git(workspace, ["cat-file", "-e", `${sha}^{commit}`], env)).ok;
}
async function ensurePresent(workspace, env, found, token) {
  const sha = found.baseSha;
  if (await hasCommit(workspace, env, sha)) return found;
  const args = ["fetch", "--no-tags", "--no-write-fetch-head", "--depth=1", "origin", sha];
  let fetched = await git(workspace, args, { ...env, GIT_TERMINAL_PROMPT: "0" });
  if (!fetched.ok && token) fetched = await git(workspace, args, { ...env, GIT_TERMINAL_PROMPT: "0", ...authEnv(env, token) });
  if (fetched.ok && await hasCommit(workspace, env, sha)) return { ...found, note: `${found.note}; fetched ${sha.slice(0, 7)} (not in the shallow checkout)` };
  const why = fetched.stderr.trim().split("\n").pop() ?? "git fetch failed";
  return {
    ...found,
    note: `${found.note}; the base ${sha.slice(0, 7)} is not in this checkout and could not be fetched (${why}): set fetch-depth: 0 on actions/checkout${token ? "" : ", or give Andon github-token"}`
  };
}
function authEnv(env, token) {
  const server = (env.GITHUB_SERVER_URL ?? "https://github.com").replace(/\/$/, "");
  const key = `http.${server}/.extraheader`;
  const basic = Buffer.from(`x-access-token:${token}`).toString("base64");
  return { GIT_CONFIG_COUNT: "2", GIT_CONFIG_KEY_0: key, GIT_CONFIG_VALUE_0: "", GIT_CONFIG_KEY_1: key, GIT_CONFIG_VALUE_1: `AUTHORIZATION: basic ${basic}` };
}
async function readEvent(env) {
  if (!env.GITHUB_EVENT_PATH) return null;
  let json;
  try {
    json = JSON.parse(await readFile2(env.GITHUB_EVENT_PATH, "utf8"));
  } catch {
    return null;
  }
  const pr = PullRequest.safeParse(json);
  const push = Push.safeParse(json);
  return {
    ...pr.success ? { prNumber: pr.data.pull_request.number } : {},
    ...push.success ? { before: push.data.before, ...push.data.forced !== void 0 ? { forced: push.data.forced } : {} } : {}
  };
}
function prNumber(env, event) {
  const m = /^refs\/pull\/(\d+)\//.exec(env.GITHUB_REF ?? "");
  if (m) return Number(m[1]);
  return event?.prNumber ?? null;
}
function repoOf(url) {
  if (!url) return null;
  const m = /[:/]([^/:]+\/[^/]+?)(?:\.git)?$/.exec(url);
  return m?.[1] ?? null;
}

// src/core/line.ts
import { createHash as createHash2 } from "node:crypto";
import { mkdirSync } from "node:fs";
import { cp, rm as rm2 } from "node:fs/promises";
import path4 from "node:path";

// src/core/baseline-source.ts
function firstOf(sources) {
  return {
    async load(query) {
      for (const s of sources) {
        const b = await s.load(query);
        if (b) return b;
      }
      return null;
    }
  };
}

// src/core/baselines.ts
import path3 from "node:path";
var MAX_BASELINE_BYTES = 256 * 1024 * 1024;
function baselineFilePath(workspace, stageId) {
  return path3.join(workspace, ".andon", "baselines", `${stageId}.json`);
}
function committedBaselines(workspace) {
  return {
    async load({ stageId }) {
      const file = baselineFilePath(workspace, stageId);
      const read = readGuarded(file, { maxBytes: MAX_BASELINE_BYTES, within: workspace });
      if (read.kind === "missing") return null;
      const description = path3.relative(workspace, file);
      return {
        origin: "file",
        description,
        read: async (name) => {
          if (name !== STAGE_FILES.baseline) return null;
          if (read.kind !== "ok") throw new Error(`${description} ${describeRefusal(read)}`);
          return read.bytes;
        }
      };
    }
  };
}
function baseStage(run, stageId, uses) {
  const stage = run.stages.find((s) => s.id === stageId && s.uses === uses);
  if (!stage || !["passed", "failed", "reused"].includes(stage.state)) return void 0;
  return hasArtifact(stage, "baseline") ? stage : void 0;
}
function storeBaselines(store, configPath, lineage) {
  let runs;
  return {
    async load({ stageId, uses, baseSha }) {
      if (!baseSha) return null;
      runs ??= store.listRuns();
      for (const run of await runs) {
        if (lineage.has(run.serial) || run.verdict === "running") continue;
        if (run.source.sha !== baseSha || run.source.dirty || run.config.path !== configPath) continue;
        if (!baseStage(run, stageId, uses)) continue;
        const dir = store.stageDir(run.serial, stageId);
        return {
          origin: "store",
          serial: run.serial,
          description: `run ${run.serial} of the base ${baseSha.slice(0, 7)}${run.source.ref ? ` on ${run.source.ref}` : ""}`,
          read: async (name) => {
            const file = Object.keys(STAGE_FILES).find((k) => STAGE_FILES[k] === name);
            if (!file) return null;
            const got = readStageFile(dir, file);
            return got.kind === "ok" ? got.bytes : null;
          }
        };
      }
      return null;
    }
  };
}

// src/core/run-writer.ts
var RunWriter = class {
  constructor(record, store, clock) {
    this.record = record;
    this.store = store;
    this.clock = clock;
  }
  record;
  store;
  clock;
  chain = Promise.resolve();
  stage(id) {
    const s = this.record.stages.find((x) => x.id === id);
    if (!s) throw new InternalError(`no stage ${id} in the record`);
    return s;
  }
  /** Moves a stage to a new state, checked against the state machine, and writes the record. */
  async move(id, to, reason, patch = {}, completion = false) {
    const s = this.stage(id);
    assertTransition(id, s.state, to, completion);
    const at = this.clock.now().toISOString();
    this.record.transitions.push({ at, stage: id, from: s.state, to });
    Object.assign(s, patch);
    s.state = to;
    s.reason = reason;
    if (to === "running") s.startedAt = at;
    else {
      s.finishedAt = at;
      if (s.startedAt) s.durationMs = Math.max(0, Date.parse(at) - Date.parse(s.startedAt));
      else s.durationMs ??= 0;
    }
    await this.flush();
    return s;
  }
  /** Writes the record as it is now; writes never overtake each other. */
  flush() {
    const snapshot = structuredClone(this.record);
    this.chain = this.chain.then(() => this.store.writeRecord(snapshot));
    return this.chain;
  }
};

// src/core/stage-log.ts
import { appendFileSync } from "node:fs";
function stageLog(file, masker, parent, stageId, echo) {
  const write = (level, message) => {
    const text = masker.mask(message);
    for (const line of text.split("\n")) {
      const l = level === "info" ? line : `${level}: ${line}`;
      try {
        appendFileSync(file, l + "\n");
      } catch {
      }
      echo(l);
    }
  };
  return {
    debug: (m) => parent.debug(`[${stageId}] ${masker.mask(m)}`),
    info: (m) => write("info", m),
    warn: (m) => {
      write("warning", m);
      parent.warn(`[${stageId}] ${masker.mask(m)}`);
    },
    error: (m) => {
      write("error", m);
    }
  };
}

// src/core/line.ts
function newStageRecord(stage) {
  return {
    id: stage.id,
    uses: stage.uses,
    ...stage.name ? { name: stage.name } : {},
    blocking: stage.blocking,
    state: "pending",
    reason: "waiting",
    startedAt: null,
    finishedAt: null,
    durationMs: null,
    inputsDigest: null,
    reusedFrom: null,
    counts: {},
    artifacts: [],
    tools: {}
  };
}
function hostFacts(env, writer, given) {
  const onGitHub = env.GITHUB_ACTIONS === "true";
  const server = env.GITHUB_SERVER_URL ?? "https://github.com";
  return {
    kind: onGitHub ? "github" : "local",
    runId: onGitHub ? env.GITHUB_RUN_ID ?? null : null,
    runAttempt: onGitHub && env.GITHUB_RUN_ATTEMPT ? Number(env.GITHUB_RUN_ATTEMPT) : null,
    workflow: onGitHub ? env.GITHUB_WORKFLOW ?? null : null,
    job: onGitHub ? env.GITHUB_JOB ?? null : null,
    url: onGitHub && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : null,
    pid: writer.pid,
    hostname: writer.hostname,
    ...given
  };
}
function parentStageState(stage) {
  return stage.state === "running" || stage.state === "pending" ? "cancelled" : stage.state;
}
function stageIds(config) {
  return config.line.map((s) => s.id).join(", ");
}
async function resolveParent(opts) {
  const { resume, config, store } = opts;
  if (!resume) return null;
  const fromIndex = config.line.findIndex((s) => s.id === resume.fromStage);
  if (fromIndex < 0) throw new UserError(`--from ${resume.fromStage}: no such stage in ${config.path}; stages: ${stageIds(config)}`);
  const record = opts.parent ?? await store.loadRecord(resume.serial);
  const base = opts.parentDir;
  const dirOf = base ? (id) => path4.join(base, id) : (id) => store.stageDir(resume.serial, id);
  return { record, fromStage: resume.fromStage, fromIndex, dirOf };
}
async function reserveSerial(store, clock, given) {
  if (given) {
    await store.reserve(given);
    return given;
  }
  for (let attempt = 0; ; attempt++) {
    const serial = localSerial(clock.now());
    try {
      await store.reserve(serial);
      return serial;
    } catch (e) {
      if (attempt > 5) throw e;
    }
  }
}
async function openRecord(opts, parent, source, clock) {
  const { store, config } = opts;
  if (opts.serial && opts.join && await store.hasRun(opts.serial)) {
    const record = await store.loadRecord(opts.serial);
    for (const s of config.line) if (!record.stages.some((x) => x.id === s.id)) record.stages.push(newStageRecord(s));
    record.verdict = "running";
    record.finishedAt = null;
    return record;
  }
  const serial = await reserveSerial(store, clock, opts.serial);
  return {
    schema: RECORD_SCHEMA,
    serial,
    parent: parent ? { serial: parent.record.serial, fromStage: parent.fromStage } : null,
    createdAt: clock.now().toISOString(),
    finishedAt: null,
    verdict: "running",
    nonBlockingFailures: [],
    source: {
      repo: source.repo,
      sha: source.sha,
      ref: source.ref,
      baseRef: source.baseRef,
      baseSha: source.baseSha,
      pr: source.pr,
      dirty: source.dirty,
      ...source.baseNote ? { baseNote: source.baseNote } : {}
    },
    host: hostFacts(opts.env, opts.writer, opts.host),
    config: { path: config.path, digest: config.digest },
    tool: { name: "andon", version: ANDON_VERSION, node: opts.writer.node },
    stages: config.line.map(newStageRecord),
    transitions: []
  };
}
async function runLine(opts) {
  for (const id of opts.only ?? []) {
    if (!opts.config.line.some((s) => s.id === id)) throw new UserError(`--only ${id}: no such stage; stages: ${stageIds(opts.config)}`);
  }
  const clock = opts.clock ?? systemClock;
  const parent = await resolveParent(opts);
  const source = opts.source ?? await readSourceFacts(opts.workspace, opts.env, { base: opts.config.base, fetchToken: opts.fetchToken });
  const record = await openRecord(opts, parent, source, clock);
  const line = new LineRun(opts, clock, record, parent, source, await lineageOf(opts.store, parent?.record ?? null));
  return line.run();
}
var LineRun = class {
  constructor(opts, clock, record, parent, source, lineage) {
    this.opts = opts;
    this.clock = clock;
    this.record = record;
    this.parent = parent;
    this.source = source;
    this.logger = opts.logger ?? silentLogger;
    this.runner = opts.runner ?? nodeProcessRunner;
    this.signal = opts.signal ?? new AbortController().signal;
    this.masker = opts.masker ?? Masker.fromEnv(opts.env);
    this.writer = new RunWriter(record, opts.store, clock);
    this.digester = new InputsDigester(opts.workspace, opts.statCacheFile, opts.env);
    this.baselineSource = firstOf([
      committedBaselines(opts.workspace),
      storeBaselines(opts.store, opts.config.path, /* @__PURE__ */ new Set([record.serial, ...lineage.serials])),
      ...opts.baselineSources ?? [],
      judgedAtBase({
        workspace: opts.workspace,
        env: opts.env,
        cache: opts.baseCache ?? null,
        logger: this.logger,
        signal: this.signal,
        stageOf: (id) => opts.config.line.find((s) => s.id === id),
        kindOf: (uses) => opts.registry.get(uses),
        inputsEnv: (stage) => this.inputsEnv(stage),
        contextAt: (stage, tree) => this.contextAt(stage, tree)
      })
    ]);
    this.selected = opts.config.line.filter((s) => !opts.only || opts.only.includes(s.id));
  }
  opts;
  clock;
  record;
  parent;
  source;
  logger;
  runner;
  signal;
  masker;
  writer;
  digester;
  baselineSource;
  baselines = /* @__PURE__ */ new Map();
  /** Each stage's tool cache folder, opened when the stage first asks for it. */
  toolDirs = /* @__PURE__ */ new Map();
  changes;
  selected;
  views = [];
  /** Stages whose kind completes at the end of the line, with the context they ran (or were reused) with. */
  contexts = /* @__PURE__ */ new Map();
  stoppedBy = null;
  emit(e) {
    this.opts.onEvent?.(e);
  }
  async run() {
    await this.writer.flush();
    this.emit({ type: "run-start", record: this.record });
    for (const [index, stage] of this.opts.config.line.entries()) await this.visit(stage, index);
    if (!this.signal.aborted) await this.completeAtEndOfLine();
    return this.finish();
  }
  viewOf(s) {
    return { id: s.id, uses: s.uses, blocking: s.blocking, state: s.state, dir: this.opts.store.stageDir(this.record.serial, s.id), counts: s.counts };
  }
  cancelReason() {
    const r = this.signal.reason;
    const name = typeof r === "string" && /^SIG[A-Z]+$/.test(r) ? r : void 0;
    return `cancelled${name ? ` by ${name}` : ""}`;
  }
  /** One stage in line order: not selected, already run, cancelled, skipped past a stop, or run. */
  async visit(stage, index) {
    const rec = this.writer.stage(stage.id);
    if (!this.selected.includes(stage)) {
      if (!this.opts.join && rec.state === "pending") await this.writer.move(stage.id, "skipped", `not selected (--only ${this.opts.only?.join(",")})`);
      if (rec.state !== "pending") this.views.push(this.viewOf(rec));
      return;
    }
    if (rec.state !== "pending") {
      throw new UserError(`stage ${stage.id} already ran in run ${this.record.serial} (${rec.state}); a serial's stages run once`);
    }
    if (this.signal.aborted) {
      await this.writer.move(stage.id, "cancelled", this.cancelReason());
      return;
    }
    if (this.stoppedBy) {
      await this.writer.move(stage.id, "skipped", `stopped by ${this.stoppedBy}`);
      this.views.push(this.viewOf(rec));
      return;
    }
    const kind = this.opts.registry.get(stage.uses);
    if (!kind) throw new InternalError(`stage kind ${stage.uses} passed config validation but is not registered`);
    await this.runStage(stage, index, kind);
  }
  /** Steps of one stage: a clean folder, its inputs digest, a reuse when one stands, else a run. */
  async runStage(stage, index, kind) {
    const outDir = this.opts.store.stageDir(this.record.serial, stage.id);
    if (this.opts.join) await rm2(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    const inputs = await this.digestInputs(stage, kind);
    this.writer.stage(stage.id).inputsDigest = inputs.digest;
    const reuse = await this.tryReuse(stage, index, inputs);
    if (reuse.from === "none") await this.execute(stage, index, kind, outDir, inputs, reuse.note);
    else await this.adopt(stage, index, kind, outDir, reuse);
    if (!kind.complete) this.baselines.delete(stage.id);
  }
  /** The stage's baseline, loaded on first use and kept for the run; always of the base commit, never of HEAD. */
  baseline(stageId) {
    let loaded = this.baselines.get(stageId);
    if (!loaded) {
      const uses = this.opts.config.line.find((s) => s.id === stageId)?.uses ?? "";
      const { baseSha, sha } = this.source;
      loaded = this.baselineSource.load({ stageId, uses, baseSha: baseSha === sha ? null : baseSha }).then(async (ref) => {
        if (ref?.identity) {
          let bytes2;
          return { ref, identity: ref.identity, bytes: () => bytes2 ??= ref.read(STAGE_FILES.baseline) };
        }
        const bytes = ref ? await ref.read(STAGE_FILES.baseline) : null;
        return { ref, identity: bytes ? createHash2("sha256").update(bytes).digest("hex") : null, bytes: async () => bytes };
      }).catch((error) => ({ error }));
      this.baselines.set(stageId, loaded);
    }
    return loaded;
  }
  /** The baseline as a stage sees it: its baseline.json is what the inputs digest was made with. */
  async baselineRef(stageId) {
    const loaded = await this.baseline(stageId);
    if ("error" in loaded) throw loaded.error;
    const { ref, bytes } = loaded;
    if (!ref) return null;
    return { ...ref, read: async (name) => name === STAGE_FILES.baseline ? bytes() : ref.read(name) };
  }
  inputsEnv(stage) {
    return { workspace: this.opts.workspace, env: stageEnv(this.opts.env, stage.passEnv), runner: this.runner, baseSha: this.source.baseSha };
  }
  /** The stage's context moved to the base tree: judged whole there, with no baseline of its own. */
  contextAt(stage, tree) {
    const logFile = path4.join(tree.scratch, STAGE_FILES.log);
    const logger = stageLog(logFile, this.masker, this.logger, `${stage.id} at the base`, () => void 0);
    const whole = emptyChangeSet(`the base ${tree.sha.slice(0, 7)} is judged whole`);
    const ctx = this.contextFor(stage, tree.scratch, logFile, logger, this.signal);
    const { masker, signal, runner } = this;
    return {
      ...ctx,
      workspace: tree.root,
      // What the tools say at the base goes to the base's own log, never to the stage's output.
      runner: { run: (argv, o) => runner.run(argv, { masker, logFile, signal, ...o, env: o.env ?? ctx.env }) },
      source: { ...this.source, sha: tree.sha, baseSha: null, dirty: false, onBaseBranch: false, baseNote: "judged at the base" },
      earlier: [],
      baseline: async () => null,
      changes: async () => whole,
      // Per-file tool results are kept by path in the workspace: the base tree has paths of its own.
      toolCache: async () => null
    };
  }
  /** Step: the inputs digest, what decides whether an earlier result can stand in. */
  async digestInputs(stage, kind) {
    const { workspace } = this.opts;
    try {
      const env = stageEnv(this.opts.env, stage.passEnv);
      const inputs = await kind.inputs(stage.options, { workspace, env, runner: this.runner, baseSha: this.source.baseSha });
      if (!inputs) return { digest: null, manifest: null, error: null };
      const loaded = await this.baseline(stage.id);
      if ("error" in loaded) return { digest: null, manifest: null, error: null };
      const d = await this.digester.digest(stage.uses, stage.rawOptions, { ...inputs, extra: { kind: inputs.extra ?? null, baseline: loaded.identity } });
      return { digest: d.digest, manifest: d.manifest, error: null };
    } catch (e) {
      return { digest: null, manifest: null, error: errorMessage(e) };
    }
  }
  /** Step: an earlier result that can stand in for running the stage, from the parent (resume) or the stage cache. */
  async tryReuse(stage, index, inputs) {
    const { parent } = this;
    if (parent) return index < parent.fromIndex ? this.reuseFromParent(stage, parent, inputs) : { from: "none", note: "" };
    const cache = this.opts.cache;
    if (!inputs.digest || !cache) return { from: "none", note: "" };
    const hit = await cache.get(stage.id, inputs.digest).catch(() => null);
    if (!hit || hit.stage.state !== "passed" && hit.stage.state !== "reused") return { from: "none", note: "" };
    const from = hit.stage.reusedFrom ?? hit.serial;
    return { from: "cache", serial: from, reason: `inputs unchanged; passed result of ${from} from the stage cache`, stage: hit.stage, dir: hit.dir };
  }
  async reuseFromParent(stage, parent, inputs) {
    const p = parent.record;
    const prev = p.stages.find((s) => s.id === stage.id);
    if (!prev) return { from: "none", note: `not in parent run ${p.serial}` };
    const prevState = parentStageState(prev);
    if (prevState !== "passed" && prevState !== "reused") return { from: "none", note: `parent result was ${prevState}` };
    if (!inputs.digest) {
      return { from: "none", note: inputs.error ? `inputs could not be read: ${inputs.error}` : "no inputs declared, so an earlier result cannot be proven unchanged" };
    }
    if (prev.inputsDigest !== inputs.digest) {
      return { from: "none", note: `inputs changed since ${p.serial}: ${explainInputsChange(await readInputsManifest(parent.dirOf(stage.id)), inputs.manifest)}` };
    }
    const from = prev.reusedFrom ?? p.serial;
    const via = from === p.serial ? "" : ` (via parent ${p.serial})`;
    return { from: "parent", serial: from, reason: `inputs unchanged; result of ${from}${via}`, stage: prev, dir: parent.dirOf(stage.id) };
  }
  /** Step: take an earlier result as this run's: its folder, counts and tools, rehashed in this run's record. */
  async adopt(stage, index, kind, outDir, reuse) {
    await cp(reuse.dir, outDir, { recursive: true });
    const rec = await this.writer.move(stage.id, "reused", reuse.reason, {
      reusedFrom: reuse.serial,
      counts: reuse.stage.counts,
      tools: reuse.stage.tools,
      artifacts: await this.opts.store.hashStage(this.record.serial, stage.id)
    });
    this.emit({ type: "stage-end", stage: rec, index, total: this.selected.length });
    if (kind.complete) {
      const logFile = stageFile(outDir, "log");
      const logger = stageLog(logFile, this.masker, this.logger, stage.id, () => void 0);
      this.contexts.set(stage.id, { kind, ctx: this.contextFor(stage, outDir, logFile, logger, this.signal) });
    }
    this.views.push(this.viewOf(rec));
  }
  /** A stage's context; `signal` is the stage's own (its deadline) or the line's. */
  contextFor(stage, outDir, logFile, logger, signal) {
    const { workspace } = this.opts;
    const { masker, runner } = this;
    const env = stageEnv(this.opts.env, stage.passEnv);
    const emit = (e) => this.emit(e);
    return {
      stage: { id: stage.id, uses: stage.uses, blocking: stage.blocking },
      options: stage.options,
      workspace,
      outDir,
      serial: this.record.serial,
      source: this.source,
      env,
      signal,
      logger,
      masker,
      runner: {
        run: (argv, o) => runner.run(argv, {
          masker,
          logFile,
          signal,
          ...o,
          env: o.env ?? env,
          onLine: (line, stream) => {
            emit({ type: "stage-output", stage: stage.id, line });
            o.onLine?.(line, stream);
          }
        })
      },
      clock: this.clock,
      earlier: [...this.views],
      baseline: () => this.baselineRef(stage.id),
      toolCache: () => this.toolCache(stage.id),
      changes: () => this.changes ??= computeChangeSet(workspace, this.source.baseSha, env),
      workspaceFiles: () => this.digester.files()
    };
  }
  /** Step: run the stage and record its outcome; a blocking failure stops the line after it. */
  async execute(stage, index, kind, outDir, inputs, runNote) {
    const { masker, signal } = this;
    const total = this.selected.length;
    let rec = await this.writer.move(stage.id, "running", runNote ? `running (re-run: ${runNote})` : "running");
    this.emit({ type: "stage-start", stage: rec, index, total });
    const logFile = stageFile(outDir, "log");
    const logger = stageLog(logFile, masker, this.logger, stage.id, (line) => this.emit({ type: "stage-output", stage: stage.id, line }));
    if (runNote) logger.info(`re-run: ${runNote}`);
    if (inputs.manifest) writeInputsManifest(outDir, masker.maskDeep(inputs.manifest));
    const deadline = new StageDeadline(signal, timeoutSecondsOf(stage.options));
    const ctx = this.contextFor(stage, outDir, logFile, logger, deadline.signal);
    this.contexts.set(stage.id, { kind, ctx });
    const outcome = inputs.error ? { state: "errored", reason: `could not read the stage's inputs: ${inputs.error}` } : await this.outcomeOf(kind, ctx, deadline);
    if (!deadline.signal.aborted) await this.keepToolCache(stage.id);
    const finalState = signal.aborted ? "cancelled" : outcome.state;
    const reason = masker.mask(signal.aborted ? this.cancelReason() : runNote ? `${outcome.reason} (re-run: ${runNote})` : outcome.reason);
    const counts = writeOutcome(outDir, stage.id, outcome, masker);
    rec = await this.writer.move(stage.id, finalState, reason, {
      counts,
      tools: outcome.tools ?? {},
      artifacts: await this.opts.store.hashStage(this.record.serial, stage.id)
    });
    this.emit({ type: "stage-end", stage: rec, index, total });
    this.views.push(this.viewOf(rec));
    if (finalState === "passed" && inputs.digest && this.opts.cache) {
      await this.opts.cache.put(this.record.serial, rec, outDir).catch((e) => this.logger.warn(`stage cache: could not keep ${stage.id}: ${errorMessage(e)}`));
    }
    if (stopsLine({ state: finalState, blocking: stage.blocking })) this.stoppedBy = stage.id;
  }
  /**
   * A stage kind's outcome under the stage's deadline; an exception is the stage erroring with its message (a bug in
   * Andon still throws). Past the deadline the stage is errored, keeping what it said it did; one that does not stop
   * within the grace is left behind.
   */
  async outcomeOf(kind, ctx, deadline) {
    const settled = await deadline.settle(this.ranOutcome(kind, ctx));
    const late = deadline.timedOut ? `timed out after ${deadline.seconds}s` : null;
    if (settled.kind === "left") {
      const left = `${late ?? "cancelled"}; the stage did not stop within ${STOP_GRACE_MS / 1e3} s and was left behind`;
      ctx.logger.error(left);
      return { state: "errored", reason: left };
    }
    return late ? { ...settled.value, state: "errored", reason: late } : settled.value;
  }
  async ranOutcome(kind, ctx) {
    try {
      return await kind.run(ctx);
    } catch (e) {
      if (e instanceof InternalError) throw e;
      ctx.logger.error(this.masker.mask(e instanceof Error && e.stack ? e.stack : errorMessage(e)));
      return { state: "errored", reason: errorMessage(e).split("\n")[0] ?? "error" };
    }
  }
  /** The stage's tool cache folder, opened (restored) on first use; none without a stage cache. */
  toolCache(stageId) {
    let dir = this.toolDirs.get(stageId);
    if (!dir) {
      const cache = this.opts.cache;
      dir = cache?.toolDir ? cache.toolDir(stageId).catch((e) => {
        this.logger.warn(`tool cache of ${stageId}: not opened: ${errorMessage(e)}`);
        return null;
      }) : Promise.resolve(null);
      this.toolDirs.set(stageId, dir);
    }
    return dir;
  }
  /** Keeps what the stage's tools left in their cache folder, when the stage asked for one. */
  async keepToolCache(stageId) {
    const dir = await this.toolDirs.get(stageId);
    const cache = this.opts.cache;
    if (!dir || !cache?.keepToolDir) return;
    await cache.keepToolDir(stageId, dir).catch((e) => this.logger.warn(`tool cache of ${stageId}: not kept: ${errorMessage(e)}`));
  }
  /** Step: at the end of the line, stages fed by later ones (e.g. spec fed by regression) complete their results. */
  async completeAtEndOfLine() {
    const finalViews = this.record.stages.map((s) => this.viewOf(s));
    for (const [id, { kind, ctx }] of this.contexts) {
      if (!kind.complete) continue;
      const rec = this.writer.stage(id);
      if (rec.state !== "passed" && rec.state !== "failed" && rec.state !== "reused") continue;
      let completion;
      try {
        completion = await kind.complete(ctx, finalViews);
      } catch (e) {
        ctx.logger.error(`end-of-line completion failed: ${errorMessage(e)}`);
        continue;
      }
      if (!completion) continue;
      const counts = writeOutcome(ctx.outDir, id, completion, this.masker, rec.counts);
      const patch = { counts, completedAtEndOfLine: true, artifacts: await this.opts.store.hashStage(this.record.serial, id) };
      if (completion.state === "failed" && rec.state === "passed") {
        await this.writer.move(id, "failed", this.masker.mask(completion.reason ?? "failed at the end of the line"), patch, true);
      } else {
        Object.assign(rec, patch);
        if (completion.reason && rec.state !== "reused") rec.reason = this.masker.mask(completion.reason);
        await this.writer.flush();
      }
    }
  }
  /** Step: the verdict, written with the record; the file hashes kept for the next run. */
  async finish() {
    const { record } = this;
    record.verdict = this.opts.join ? joinedVerdictOf(record.stages) : verdictOf(record.stages);
    record.nonBlockingFailures = nonBlockingFailures(record.stages);
    if (record.verdict !== "running") record.finishedAt = this.clock.now().toISOString();
    await this.writer.flush();
    await this.digester.save().catch(() => void 0);
    this.emit({ type: "run-end", record });
    return record;
  }
};

// src/core/stage-cache.ts
import { cp as cp2, mkdir as mkdir3, readFile as readFile3, rm as rm3 } from "node:fs/promises";
import path5 from "node:path";
var CachedStageEntry = object({
  schema: literal("andon.stage-cache/v1"),
  serial: string(),
  stage: StageRecord
});
function stageIdFolder(stageId) {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(stageId)) throw new Error(`not a stage id: ${stageId}`);
  return stageId;
}
function digestHex(digest) {
  const hex = digest.replace(/^sha256:/, "");
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`not a sha256 digest: ${digest}`);
  return hex;
}
var FsStageCache = class {
  constructor(root) {
    this.root = root;
  }
  root;
  entryDir(stageId, digest) {
    return path5.join(this.root, "stages", stageId, digestHex(digest));
  }
  async get(stageId, digest) {
    const dir = this.entryDir(stageId, digest);
    try {
      const entry = CachedStageEntry.parse(JSON.parse(await readFile3(path5.join(dir, "entry.json"), "utf8")));
      if (entry.stage.inputsDigest !== digest || entry.stage.id !== stageId) return null;
      return { serial: entry.serial, stage: entry.stage, dir: path5.join(dir, "files") };
    } catch {
      return null;
    }
  }
  async put(serial, stage, dir) {
    if (!stage.inputsDigest) return;
    const target = this.entryDir(stage.id, stage.inputsDigest);
    await rm3(target, { recursive: true, force: true });
    await mkdir3(target, { recursive: true });
    await cp2(dir, path5.join(target, "files"), { recursive: true });
    await writeFileAtomic(path5.join(target, "entry.json"), JSON.stringify({ schema: "andon.stage-cache/v1", serial, stage }));
  }
  /** Locally the folder simply stays where it is between runs. */
  async toolDir(stageId) {
    const dir = path5.join(this.root, "tools", stageIdFolder(stageId));
    await mkdir3(dir, { recursive: true });
    return dir;
  }
};

export {
  baselineFilePath,
  FsBaseJudgementCache,
  buildTrace,
  readSourceFacts,
  runLine,
  CachedStageEntry,
  stageIdFolder,
  FsStageCache
};
