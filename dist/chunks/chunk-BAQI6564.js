import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  systemClock
} from "./chunk-ZMTWOZYI.js";
import {
  silentLogger
} from "./chunk-WCIAZNSM.js";
import {
  lineageOf
} from "./chunk-A5WO7DY5.js";
import {
  committedBaselines,
  storeBaselines
} from "./chunk-VHDCSVYJ.js";
import {
  stageEnv
} from "./chunk-5OCHSZKT.js";
import {
  localSerial,
  sha256File,
  writeFailureOf
} from "./chunk-SPBR4F3X.js";
import {
  fileIdentity,
  writtenSince
} from "./chunk-IS7EOWNW.js";
import {
  LOCKFILES
} from "./chunk-QJBUIJW3.js";
import {
  computeChangeSet,
  emptyChangeSet
} from "./chunk-BI4FL6IB.js";
import {
  STOP_GRACE_MS,
  StageDeadline,
  timeoutSecondsOf
} from "./chunk-PE5NFLL3.js";
import {
  InputsDigester,
  STAGE_FILES,
  canonicalJson,
  explainInputsChange,
  readInputsManifest,
  stageFile,
  writeInputsManifest,
  writeOutcome
} from "./chunk-4PTP22Z7.js";
import {
  nodeProcessRunner
} from "./chunk-JBUSEVB6.js";
import {
  Masker
} from "./chunk-MGRT4P43.js";
import {
  RECORD_SCHEMA,
  assertTransition,
  exitCodeOf,
  joinedVerdictOf,
  nonBlockingFailures,
  stopOf,
  stopsLine,
  verdictOf,
  writeFileAtomic
} from "./chunk-R2DVGQ2Z.js";
import {
  glob
} from "./chunk-K4VEHVI3.js";
import {
  boolean,
  describeRefusal,
  discriminatedUnion,
  fileTypeOf,
  literal,
  number,
  object,
  openGuarded,
  readGuarded,
  readOpenFile,
  require_picomatch,
  string,
  unknown
} from "./chunk-QTHYIHUL.js";
import {
  isInside
} from "./chunk-TXGCBDM3.js";
import {
  InternalError,
  UserError,
  errorMessage
} from "./chunk-HUTQD67Y.js";
import {
  askHeadCommit,
  askSourceQuestions
} from "./chunk-RBGFA5GU.js";
import {
  ANDON_VERSION
} from "./chunk-AS4XOIVA.js";
import {
  git,
  gitOut
} from "./chunk-X4N7ZENU.js";
import {
  __toESM
} from "./chunk-TZYN2FJC.js";

// src/core/base-baselines.ts
import { createHash } from "node:crypto";
import { mkdir as mkdir2, readFile } from "node:fs/promises";
import path2 from "node:path";

// src/core/base-worktree.ts
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { mkdir, mkdtemp, rm, symlink, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
var DEPENDENCY_DIRS = ["node_modules"];
var LINK_DEPTH = 2;
async function withBaseTree(workspace, sha, env, work, tmpRoot = tmpdir(), owner) {
  const [top, prefix] = await Promise.all([gitOut(workspace, ["rev-parse", "--show-toplevel"], env), gitOut(workspace, ["rev-parse", "--show-prefix"], env)]);
  if (!top) return { ok: false, why: `${workspace} is not in a git repository` };
  if (!(await git(top, ["cat-file", "-e", `${sha}^{commit}`], env)).ok) {
    return { ok: false, why: `the base ${sha.slice(0, 7)} is not in this checkout (a shallow clone?): set fetch-depth: 0 on actions/checkout` };
  }
  if (owner) await removeAbandonedTrees(top, env, tmpRoot, owner);
  const scratch = await mkdtemp(path.join(tmpRoot, SCRATCH_PREFIX));
  const dir = path.join(scratch, "tree");
  const noHooks = path.join(scratch, "no-hooks");
  const links = [];
  try {
    if (owner) await writeFile(path.join(scratch, OWNER_FILE), JSON.stringify({ pid: owner.pid, host: owner.host }));
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
var SCRATCH_PREFIX = "andon-base-";
var OWNER_FILE = "owner.json";
var Owner = object({ pid: number().int().positive(), host: string() });
function abandoned(scratch, me) {
  let owner;
  try {
    owner = Owner.parse(JSON.parse(readFileSync(path.join(scratch, OWNER_FILE), "utf8")));
  } catch {
    return false;
  }
  return owner.host === me.host && owner.pid !== me.pid && !me.isAlive(owner.pid);
}
async function removeAbandonedTrees(top, env, tmpRoot, me) {
  const listed = await gitOut(top, ["worktree", "list", "--porcelain"], env);
  const roots = /* @__PURE__ */ new Set([path.resolve(tmpRoot), realpathOr(tmpRoot)]);
  let removed = false;
  for (const line of (listed ?? "").split("\n")) {
    if (!line.startsWith("worktree ")) continue;
    const dir = line.slice("worktree ".length);
    const scratch = path.dirname(dir);
    if (path.basename(dir) !== "tree" || !path.basename(scratch).startsWith(SCRATCH_PREFIX) || !roots.has(path.dirname(scratch))) continue;
    if (!abandoned(scratch, me)) continue;
    for (const l of dependencyLinks(dir)) await unlink(l).catch(() => void 0);
    await git(top, ["worktree", "remove", "--force", dir], env);
    await rm(scratch, { recursive: true, force: true });
    removed = true;
  }
  if (removed) await git(top, ["worktree", "prune"], env);
}
function dependencyLinks(dir) {
  const out = [];
  const visit = (at, depth) => {
    let entries;
    try {
      entries = readdirSync(at, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isSymbolicLink() && DEPENDENCY_DIRS.includes(e.name)) out.push(path.join(at, e.name));
      else if (e.isDirectory() && depth <= LINK_DEPTH && !e.name.startsWith(".")) visit(path.join(at, e.name), depth + 1);
    }
  };
  visit(dir, 0);
  return out;
}
function realpathOr(p) {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
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
var INSTALLED = ["node_modules/.package-lock.json", ...LOCKFILES];
var MAX_LOCKFILE_BYTES = 64 * 1024 * 1024;
function dependencyIds(workspace) {
  const out = {};
  for (const f of INSTALLED) {
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
  const nothing = kind.notJudgedAtBase?.(stage.options) ?? null;
  if (nothing !== null) {
    deps.logger.info(`[${stage.id}] baseline: ${stage.uses} cannot be judged at the base ${short}: ${nothing}`);
    return { schema: "andon.base-judgement/v1", judged: false, baseSha, why: nothing };
  }
  const started = Date.now();
  let fromKind = false;
  const done = await withBaseTree(
    deps.workspace,
    baseSha,
    deps.env,
    async (tree) => {
      const ctx = deps.contextAt(stage, tree);
      const j = await kind.judgeAtBase(ctx);
      fromKind = !ctx.signal.aborted;
      return j;
    },
    deps.tmpRoot,
    deps.owner
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

// src/core/source.ts
import { readFile as readFile2 } from "node:fs/promises";
var PullRequest = object({ pull_request: object({ number: number().int().positive() }) });
var Push = object({ before: string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/), forced: boolean().optional() });
var NO_COMMIT = /^0+$/;
async function readSourceFacts(workspace, env, options = {}) {
  const [{ status, refs, remoteUrl, headCommit }, event] = await Promise.all([options.answers ?? askSourceQuestions(workspace, env), readEvent(env)]);
  const head = status.ok ? statusHead(status.stdout) : { sha: void 0, branch: void 0, dirty: false };
  const sha = head.sha ?? env.GITHUB_SHA ?? null;
  const ref = env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME || head.branch || null;
  const dirty = head.dirty;
  const { branches, originHead } = refListing(refs ?? "");
  const pr = prNumber(env, event);
  const remoteRepo = env.GITHUB_REPOSITORY || repoOf(remoteUrl);
  if (!sha) return { repo: remoteRepo, sha, ref, baseRef: null, baseSha: null, pr, dirty, baseNote: "not a git repository with a commit: no base" };
  const found = await resolveBase({ workspace, env, configured: options.base, ref, head: sha, headCommit, branches, originHead, event });
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
    if (!prBase && name === q.ref) return onBaseBranch(q, name);
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
  const parents = await parentsOf(q);
  if (parents.length === 0) return { baseRef: name, baseSha: null, onBaseBranch: true, note: `on ${name}: HEAD is the first commit, there is nothing before it` };
  return { baseRef: name, baseSha: parents[0], onBaseBranch: true, note: `on ${name}: the last commit and the working tree (HEAD's first parent)` };
}
async function mergedOnto(q) {
  const parents = await parentsOf(q);
  if (parents.length < 2) return null;
  const name = q.env.GITHUB_BASE_REF;
  return { baseRef: name, baseSha: parents[0], onBaseBranch: false, note: `the first parent of the pull request's merge commit (${name})` };
}
async function parentsOf(q) {
  const raw = q.headCommit ?? await askHeadCommit(q.workspace, q.env);
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
import { createHash as createHash3 } from "node:crypto";
import { mkdirSync as mkdirSync3 } from "node:fs";
import { rm as rm2 } from "node:fs/promises";
import path6 from "node:path";

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
    const s = this.moveNow(id, to, reason, patch, completion);
    await this.flush();
    return s;
  }
  /** The move without the write: for a process that is ending, which then writes with writeNow. */
  moveNow(id, to, reason, patch = {}, completion = false) {
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
      if (completion) return s;
      if (s.startedAt) s.durationMs = Math.max(0, Date.parse(at) - Date.parse(s.startedAt));
      else s.durationMs ??= 0;
    }
    return s;
  }
  /** Writes the record as it is now; writes never overtake each other (one that failed does not stop the next). */
  flush() {
    const snapshot = structuredClone(this.record);
    const write = this.chain.catch(() => void 0).then(() => this.store.writeRecord(snapshot));
    this.chain = write;
    return write;
  }
  /** Writes the record at once, ahead of writes still queued: the process is ending and they will never run. */
  writeNow() {
    this.store.writeRecordSync(this.record);
  }
};

// src/core/stage-copy.ts
import { createHash as createHash2 } from "node:crypto";
import { closeSync, createReadStream, fchmodSync, fstatSync, lstatSync as lstatSync2, mkdirSync, openSync, readdirSync as readdirSync2, writeSync } from "node:fs";
import path3 from "node:path";
function walk(dir, rel, out) {
  for (const e of readdirSync2(path3.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) {
      const problem = walk(dir, r, out);
      if (problem) return problem;
    } else if (e.isFile()) {
      if (!e.name.endsWith(".tmp")) out.push(r);
    } else {
      return `${r} is a ${fileTypeOf(lstatSync2(path3.join(dir, r)))}, not a file the stage wrote`;
    }
  }
  return null;
}
async function copyHashing(src, dest, within) {
  const opened = openGuarded(src, { maxBytes: Number.MAX_SAFE_INTEGER, links: "refuse", within });
  if (opened.kind !== "ok") return { why: describeRefusal(opened) };
  const mode = fstatSync(opened.fd).mode & 511;
  const out = openSync(dest, "wx", mode);
  const h = createHash2("sha256");
  let bytes = 0;
  const write = (chunk) => {
    h.update(chunk);
    bytes += chunk.length;
    for (let off = 0; off < chunk.length; ) off += writeSync(out, chunk, off);
  };
  try {
    if (opened.size <= 8 * 1024 * 1024) write(readOpenFile(opened.fd, opened.size));
    else {
      await new Promise((resolve, reject) => {
        createReadStream("", { fd: opened.fd, start: 0, end: opened.size - 1, autoClose: false }).on("data", (c) => write(typeof c === "string" ? Buffer.from(c) : c)).on("error", reject).on("end", resolve);
      });
    }
    fchmodSync(out, mode);
  } finally {
    closeSync(out);
    closeSync(opened.fd);
  }
  return { sha256: h.digest("hex"), bytes };
}
async function copyVerifiedStage(src, stageId, artifacts, dest) {
  let st;
  try {
    st = lstatSync2(src);
  } catch {
    return artifacts.length === 0 ? { ok: true } : { ok: false, why: "its stage folder is missing" };
  }
  if (st.isSymbolicLink()) return { ok: false, why: "its stage folder is a symlink" };
  if (!st.isDirectory()) return { ok: false, why: `its stage folder is a ${fileTypeOf(st)}` };
  const files = [];
  const odd = walk(src, "", files);
  if (odd) return { ok: false, why: odd };
  const recorded = new Map(artifacts.map((a) => [a.path, a]));
  const present = new Set(files.map((f) => `${stageId}/${f}`));
  const missing = artifacts.find((a) => !present.has(a.path));
  if (missing) return { ok: false, why: `${missing.path} is missing` };
  const extra = [...present].find((p) => !recorded.has(p));
  if (extra) return { ok: false, why: `${extra} is not among its recorded artifacts` };
  for (const f of files) {
    const want = recorded.get(`${stageId}/${f}`);
    mkdirSync(path3.dirname(path3.join(dest, f)), { recursive: true });
    const got = await copyHashing(path3.join(src, f), path3.join(dest, f), src);
    if ("why" in got) return { ok: false, why: `${stageId}/${f} ${got.why}` };
    if (got.sha256 !== want.sha256 || got.bytes !== want.bytes) return { ok: false, why: `${stageId}/${f} was modified since it was recorded` };
  }
  return { ok: true };
}

// src/core/stage-log.ts
import { appendFileSync } from "node:fs";
function stageLog(file, masker, parent, stageId, echo, onWriteError = () => void 0) {
  const write = (level, message) => {
    const text = masker.mask(message);
    for (const line of text.split("\n")) {
      const l = level === "info" ? line : `${level}: ${line}`;
      try {
        appendFileSync(file, l + "\n");
      } catch (e) {
        if (e.code !== "ENOENT") onWriteError(e);
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

// src/core/stage-outputs.ts
var import_picomatch = __toESM(require_picomatch(), 1);
import { randomBytes } from "node:crypto";
import { constants, copyFileSync, lstatSync as lstatSync3, mkdirSync as mkdirSync2, readdirSync as readdirSync3, renameSync, rmSync, statSync as statSync2 } from "node:fs";
import path4 from "node:path";
var OUTPUTS_DIR = "outputs";
async function matchOutputs(workspace, globs, runFolder) {
  if (globs.length === 0) return [];
  const found = await glob([...globs], { cwd: workspace, dot: true, onlyFiles: true, followSymbolicLinks: false, expandDirectories: false, ignore: ["**/.git/**"] });
  const out = [];
  for (const rel of found.sort()) {
    if (runFolder(rel)) continue;
    const abs = path4.join(workspace, rel);
    const st = lstatOrNull(abs);
    if (st) out.push({ rel, abs, st });
  }
  return out;
}
async function outputsBefore(workspace, globs, runFolder) {
  return new Map((await matchOutputs(workspace, globs, runFolder)).map((m) => [m.abs, fileIdentity(m.st)]));
}
async function keepOutputs(workspace, globs, outDir, runFolder, before, passed) {
  const out = { kept: [], notWritten: [], keptUnwritten: passed, skipped: [] };
  const files = [];
  for (const { rel, abs, st } of await matchOutputs(workspace, globs, runFolder)) {
    if (st.isFile()) files.push({ rel, abs, identity: fileIdentity(st) });
    else out.skipped.push(`${rel} (${fileTypeOf(st)})`);
  }
  const { written, stale } = writtenSince(before, files);
  out.notWritten = stale.map((f) => f.rel);
  for (const { rel, abs } of passed ? files : written) {
    const dest = path4.join(outDir, OUTPUTS_DIR, rel);
    mkdirSync2(path4.dirname(dest), { recursive: true });
    copyFileSync(abs, dest);
    out.kept.push(rel);
  }
  return out;
}
function describeKeptOutputs(k) {
  const some = (l) => `${l.slice(0, 5).join(", ")}${l.length > 5 ? `, and ${l.length - 5} more` : ""}`;
  return [
    `outputs kept: ${k.kept.length} file(s)`,
    ...k.notWritten.length === 0 ? [] : k.keptUnwritten ? [`${k.notWritten.length} of them as the stage found them (not written in this run): ${some(k.notWritten)}`] : [`not kept, the stage did not write them (left from an earlier run): ${some(k.notWritten)}`],
    ...k.skipped.length > 0 ? [`not kept (not regular files): ${some(k.skipped)}`] : []
  ].join("; ");
}
function filesUnder(dir, rel = "") {
  const out = [];
  for (const e of readdirSync3(path4.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...filesUnder(dir, r));
    else if (e.isFile()) out.push(r);
  }
  return out;
}
function lstatOrNull(p) {
  try {
    return lstatSync3(p);
  } catch {
    return null;
  }
}
function placeProblem(workspace, rel, runFolder) {
  const segments = rel.split("/");
  if (segments.includes("..") || segments.includes("") || path4.isAbsolute(rel) || segments[0] === ".git" || runFolder(rel)) {
    return `${rel} is not a place in the workspace outputs are written to`;
  }
  for (let k = 1; k < segments.length; k++) {
    const dir = segments.slice(0, k).join("/");
    const st2 = lstatOrNull(path4.join(workspace, dir));
    if (st2 === null) return null;
    if (st2.isSymbolicLink()) return `${dir} is a symlink; outputs are never written through one`;
    if (!st2.isDirectory()) return `${dir} is a ${fileTypeOf(st2)}, not a folder`;
  }
  const st = lstatOrNull(path4.join(workspace, rel));
  if (st && st.isSymbolicLink()) return `${rel} is a symlink; outputs are never written through one`;
  if (st && !st.isFile()) return `${rel} is a ${fileTypeOf(st)}, not a file`;
  return null;
}
function copyBeside(src, target) {
  const tmp = `${target}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    copyFileSync(src, tmp, constants.COPYFILE_EXCL);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
function hasKeptOutputs(stageDir) {
  const kept = path4.join(stageDir, OUTPUTS_DIR);
  return lstatOrNull(kept)?.isDirectory() === true && filesUnder(kept).length > 0;
}
async function restoreOutputs(stageDir, workspace, globs, runFolder) {
  const kept = path4.join(stageDir, OUTPUTS_DIR);
  if (lstatOrNull(kept)?.isDirectory() !== true) return { ok: true, restored: 0, unchanged: 0 };
  const files = filesUnder(kept).sort();
  const declared = globs.length > 0 ? (0, import_picomatch.default)([...globs], { dot: true }) : () => false;
  for (const rel of files) {
    if (!declared(rel)) return { ok: false, why: `${OUTPUTS_DIR}/${rel} is not one of the stage's declared outputs (${globs.join(", ") || "none"})` };
    const problem = placeProblem(workspace, rel, runFolder);
    if (problem) return { ok: false, why: problem };
  }
  let restored = 0;
  let unchanged = 0;
  for (const rel of files) {
    const src = path4.join(kept, rel);
    const target = path4.join(workspace, rel);
    const existing = lstatOrNull(target);
    if (existing?.isFile() && existing.size === statSync2(src).size && (await sha256File(target)).sha256 === (await sha256File(src)).sha256) {
      unchanged++;
      continue;
    }
    const segments = rel.split("/");
    for (let k = 1; k < segments.length; k++) {
      const dir = path4.join(workspace, ...segments.slice(0, k));
      const st = lstatOrNull(dir);
      if (st === null) mkdirSync2(dir);
      else if (!st.isDirectory()) return { ok: false, why: `${segments.slice(0, k).join("/")} is a ${fileTypeOf(st)}, not a folder` };
    }
    copyBeside(src, target);
    restored++;
  }
  return { ok: true, restored, unchanged };
}

// src/core/stage-reads.ts
import { realpathSync as realpathSync2 } from "node:fs";
import path5 from "node:path";
function notAnInput(rel, ids) {
  return rel.split("/").includes("node_modules") || ids.inRunFolder(rel);
}
function realOr(p) {
  try {
    return realpathSync2(p);
  } catch {
    return p;
  }
}
var StageReadLog = class {
  constructor(workspace, ids) {
    this.ids = ids;
    this.root = path5.resolve(workspace);
    this.realRoot = realOr(this.root);
  }
  ids;
  /** workspace-relative path → content id of what was read. */
  reads = /* @__PURE__ */ new Map();
  root;
  realRoot;
  /** The workspace-relative path of a file, where its bytes really are; null when it is not inside the workspace. */
  relative(file) {
    const abs = path5.resolve(this.root, file);
    const real = realOr(abs);
    const base = isInside(this.realRoot, real) ? this.realRoot : isInside(this.root, real) ? this.root : null;
    if (base === null) return null;
    const rel = path5.relative(base, real).split(path5.sep).join("/");
    return rel === "" ? null : rel;
  }
  read(file, limits) {
    const abs = path5.resolve(this.root, file);
    const got = readGuarded(abs, { maxBytes: limits.maxBytes, within: this.root });
    if (got.kind !== "ok") return got;
    const rel = this.relative(abs);
    if (rel === null) return { kind: "outside", target: abs };
    if (!notAnInput(rel, this.ids)) this.reads.set(rel, this.ids.contentIdOf(got.bytes));
    return { kind: "ok", path: rel, bytes: got.bytes };
  }
  async note(files) {
    for (const f of files) {
      const rel = this.relative(f);
      if (rel === null || notAnInput(rel, this.ids)) continue;
      const id = await this.ids.contentId(rel);
      if (id !== "missing") this.reads.set(rel, id);
    }
  }
  /** Every read the manifest does not hold with the same content, in path order. */
  uncovered(manifest) {
    const out = [];
    for (const [p, id] of [...this.reads].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)) {
      const had = manifest.files[p];
      if (had === void 0) out.push({ path: p, why: "not an input" });
      else if (had !== id) out.push({ path: p, why: "changed after the digest" });
    }
    return out;
  }
};
function describeUncovered(reads) {
  const shown = reads.slice(0, 3).map((r) => `${r.path} (${r.why})`).join(", ");
  const more = reads.length > 3 ? ` and ${reads.length - 3} more` : "";
  return `it read ${shown}${more}, which its inputs digest does not cover; name the file or its folder in the stage's inputs (a glob through **/ does not look inside git-ignored folders)`;
}
function treeReads(root) {
  const nothingIsAnInput = { contentIdOf: () => "", contentId: async () => "missing", inRunFolder: () => true };
  return new StageReadLog(root, nothingIsAnInput);
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
  const dirOf = base ? (id) => path6.join(base, id) : (id) => store.stageDir(resume.serial, id);
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
function whyNoInputs(kind, options) {
  const own = kind.whyNotReusable?.(options);
  if (own) return own;
  const shape = kind.options.shape;
  return shape && "inputs" in shape ? "no inputs declared: list the files its result depends on in `with.inputs` so that an unchanged result can be reused" : `a ${kind.name} stage with these options declares no inputs, so an earlier result cannot be proven unchanged: it runs every time`;
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
    const runFolders = [opts.store.root, ...opts.cache?.root ? [opts.cache.root] : [], ...opts.statCacheFile ? [path6.dirname(opts.statCacheFile)] : []];
    this.digester = new InputsDigester(opts.workspace, opts.statCacheFile, opts.env, runFolders);
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
        contextAt: (stage, tree) => this.contextAt(stage, tree),
        ...opts.isAlive ? { owner: { pid: opts.writer.pid, host: opts.writer.hostname, isAlive: opts.isAlive } } : {}
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
  /** Each running stage's own signal (its deadline): work done for it elsewhere (judging the base) stops with it. */
  stageSignals = /* @__PURE__ */ new Map();
  stoppedBy = null;
  emit(e) {
    this.opts.onEvent?.(e);
  }
  async run() {
    const release = this.opts.guard?.hold(this);
    try {
      await this.writer.flush();
      this.emit({ type: "run-start", record: this.record });
      for (const [index, stage] of this.opts.config.line.entries()) await this.visit(stage, index);
      if (!this.signal.aborted) await this.completeAtEndOfLine();
      return await this.finish();
    } catch (e) {
      try {
        this.abandon(`the line stopped: ${errorMessage(e).split("\n")[0]}`);
      } catch {
      }
      throw e;
    } finally {
      release?.();
    }
  }
  /**
   * Ends the record at once (the process is ending, or the line stopped on an error): the running stage errored with
   * the reason (cancelled when the run was), the stages after it skipped past a stop or never run. Synchronous.
   */
  abandon(reason) {
    const selected = (id) => this.selected.some((c) => c.id === id);
    const mine = this.record.stages.filter((s) => !this.opts.join || selected(s.id));
    for (const s of mine) {
      if (s.state === "running") this.writer.moveNow(s.id, this.signal.aborted ? "cancelled" : "errored", this.masker.mask(this.signal.aborted ? this.cancelReason() : reason));
    }
    for (const s of mine) {
      if (s.state !== "pending") continue;
      const stop = stopOf(this.record.stages);
      if (!selected(s.id)) this.writer.moveNow(s.id, "skipped", this.notSelected());
      else this.writer.moveNow(s.id, stop ? "skipped" : "cancelled", stop ? `stopped by ${stop.id}` : this.masker.mask(`never ran: ${reason}`));
    }
    const { record } = this;
    record.verdict = this.opts.join ? joinedVerdictOf(record.stages) : verdictOf(record.stages);
    record.nonBlockingFailures = nonBlockingFailures(record.stages);
    if (record.verdict !== "running") record.finishedAt = this.clock.now().toISOString();
    this.writer.writeNow();
    return exitCodeOf(mine);
  }
  viewOf(s) {
    return { id: s.id, uses: s.uses, blocking: s.blocking, state: s.state, dir: this.opts.store.stageDir(this.record.serial, s.id), counts: s.counts };
  }
  notSelected() {
    return `not selected (--only ${this.opts.only?.join(",")})`;
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
      if (!this.opts.join && rec.state === "pending") await this.writer.move(stage.id, "skipped", this.notSelected());
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
  /** Steps of one stage: a clean folder, its inputs digest, a reuse when one stands (verified), else a run. */
  async runStage(stage, index, kind) {
    const outDir = this.opts.store.stageDir(this.record.serial, stage.id);
    if (this.opts.join) await rm2(outDir, { recursive: true, force: true });
    mkdirSync3(outDir, { recursive: true });
    const inputs = await this.digestInputs(stage, kind);
    this.writer.stage(stage.id).inputsDigest = inputs.digest;
    const candidates = await this.candidates(stage, index, inputs);
    const notes = candidates.note ? [candidates.note] : [];
    let adopted = false;
    for (const c of candidates.list) {
      const why = await this.adopt(stage, index, kind, outDir, c);
      if (why === null) {
        adopted = true;
        break;
      }
      notes.push(why);
      await rm2(outDir, { recursive: true, force: true });
      mkdirSync3(outDir, { recursive: true });
    }
    if (!adopted) await this.execute(stage, index, kind, outDir, inputs, notes.join("; "));
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
        return { ref, identity: bytes ? createHash3("sha256").update(bytes).digest("hex") : null, bytes: async () => bytes };
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
    const logFile = path6.join(tree.scratch, STAGE_FILES.log);
    const logger = stageLog(logFile, this.masker, this.logger, `${stage.id} at the base`, () => void 0);
    const whole = emptyChangeSet(`the base ${tree.sha.slice(0, 7)} is judged whole`);
    const signal = this.stageSignals.get(stage.id) ?? this.signal;
    const ctx = this.contextFor(stage, tree.scratch, logFile, logger, signal, treeReads(tree.root));
    const { masker, runner } = this;
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
      if (!inputs) return { digest: null, manifest: null, error: null, none: whyNoInputs(kind, stage.options) };
      const loaded = await this.baseline(stage.id);
      if ("error" in loaded) return { digest: null, manifest: null, error: null, none: "its baseline could not be loaded" };
      const outputs = stage.outputs.length > 0 ? { outputs: stage.outputs } : {};
      const extra = { kind: inputs.extra ?? null, baseline: loaded.identity, ...outputs };
      const d = await this.digester.digest(stage.uses, stage.rawOptions, { ...inputs, extra }, stage.outputs);
      return { digest: d.digest, manifest: d.manifest, error: null };
    } catch (e) {
      return { digest: null, manifest: null, error: errorMessage(e) };
    }
  }
  /**
   * Step: the earlier results that may stand in for running the stage, in the order they are tried: before the stage
   * a resume starts from, the parent's; after it (and when the parent's cannot), the stage cache's. The stage a resume
   * starts from always runs.
   */
  async candidates(stage, index, inputs) {
    const { parent } = this;
    const list = [];
    let note = "";
    if (parent && index === parent.fromIndex) return { list, note };
    if (parent && index < parent.fromIndex) {
      const p = await this.fromParent(stage, parent, inputs);
      if ("note" in p) note = p.note;
      else list.push(p);
    }
    const cached = await this.fromCache(stage, inputs);
    if (cached) list.push(cached);
    return { list, note };
  }
  async fromCache(stage, inputs) {
    const cache = this.opts.cache;
    if (!inputs.digest || !cache) return null;
    const hit = await cache.get(stage.id, inputs.digest).catch(() => null);
    if (!hit || hit.stage.state !== "passed" && hit.stage.state !== "reused" || hit.stage.notReusable) return null;
    const from = hit.stage.reusedFrom ?? hit.serial;
    return { from: "cache", serial: from, reason: `inputs unchanged; passed result of ${from} from the stage cache`, stage: hit.stage, dir: hit.dir };
  }
  async fromParent(stage, parent, inputs) {
    const p = parent.record;
    const prev = p.stages.find((s) => s.id === stage.id);
    if (!prev) return { note: `not in parent run ${p.serial}` };
    const prevState = parentStageState(prev);
    if (prevState !== "passed" && prevState !== "reused") return { note: `parent result was ${prevState}` };
    if (!inputs.digest) return { note: inputs.error ? `inputs could not be read: ${inputs.error}` : inputs.none ?? "no inputs digest" };
    if (prev.notReusable) return { note: `the result of ${p.serial} is not reusable: ${prev.notReusable}` };
    if (prev.inputsDigest !== inputs.digest) {
      return { note: `inputs changed since ${p.serial}: ${explainInputsChange(await readInputsManifest(parent.dirOf(stage.id)), inputs.manifest)}` };
    }
    const from = prev.reusedFrom ?? p.serial;
    const via = from === p.serial ? "" : ` (via parent ${p.serial})`;
    return { from: "parent", serial: from, reason: `inputs unchanged; result of ${from}${via}`, stage: prev, dir: parent.dirOf(stage.id) };
  }
  /**
   * Step: take an earlier result as this run's when its folder still holds exactly the files its record hashed:
   * copied, its declared outputs written back into the workspace. Returns why not, when it cannot stand in.
   */
  async adopt(stage, index, kind, outDir, reuse) {
    const whose = reuse.from === "parent" ? `the result of ${this.parent.record.serial}` : `the cached result of ${reuse.serial}`;
    const copied = await copyVerifiedStage(reuse.dir, stage.id, reuse.stage.artifacts, outDir);
    if (!copied.ok) return `${whose} is not trusted: ${copied.why}`;
    if (reuse.from === "parent" && this.opts.parentUntrusted && hasKeptOutputs(outDir)) return `${whose} ran code from a fork: its outputs are not written into this workspace`;
    const restored = await restoreOutputs(outDir, this.opts.workspace, stage.outputs, (rel) => this.digester.inRunFolder(rel));
    if (!restored.ok) return `${whose} could not restore its outputs: ${restored.why}`;
    if (restored.restored > 0) this.digester.invalidate();
    const outputs = restored.restored + restored.unchanged > 0 ? `; outputs restored: ${restored.restored} written, ${restored.unchanged} already there` : "";
    const rec = await this.writer.move(stage.id, "reused", `${reuse.reason}${outputs}`, {
      reusedFrom: reuse.serial,
      counts: reuse.stage.counts,
      tools: reuse.stage.tools,
      artifacts: reuse.stage.artifacts
    });
    this.emit({ type: "stage-end", stage: rec, index, total: this.selected.length });
    if (kind.complete) {
      const logFile = stageFile(outDir, "log");
      const logger = stageLog(logFile, this.masker, this.logger, stage.id, () => void 0);
      this.contexts.set(stage.id, { kind, ctx: this.contextFor(stage, outDir, logFile, logger, this.signal, new StageReadLog(this.opts.workspace, this.digester)) });
    }
    this.views.push(this.viewOf(rec));
    return null;
  }
  /** A stage's context; `signal` is the stage's own (its deadline) or the line's; `reads` records what it reads. */
  contextFor(stage, outDir, logFile, logger, signal, reads, onWriteError = () => void 0) {
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
        run: async (argv, o) => {
          const res = await runner.run(argv, {
            masker,
            logFile,
            signal,
            ...o,
            env: o.env ?? env,
            onLine: (line, stream) => {
              emit({ type: "stage-output", stage: stage.id, line });
              o.onLine?.(line, stream);
            }
          });
          if (res.logError) onWriteError(res.logError);
          return res;
        }
      },
      clock: this.clock,
      earlier: [...this.views],
      baseline: () => this.baselineRef(stage.id),
      toolCache: () => this.toolCache(stage.id),
      changes: () => this.changes ??= computeChangeSet(workspace, this.source.baseSha, env),
      reads,
      workspaceFiles: () => this.digester.files()
    };
  }
  /**
   * Step: run the stage and record its outcome; a blocking failure stops the line after it. A result that read files
   * its digest did not cover is recorded as not reusable and never cached; a write that failed (a full disk, a
   * file-size limit) errors the stage with what to do.
   */
  async execute(stage, index, kind, outDir, inputs, runNote) {
    const { masker, signal } = this;
    const total = this.selected.length;
    let rec = await this.writer.move(stage.id, "running", runNote ? `running (re-run: ${runNote})` : "running");
    this.emit({ type: "stage-start", stage: rec, index, total });
    const logFile = stageFile(outDir, "log");
    let writeError = null;
    const onWriteError = (e) => void (writeError ??= e);
    const logger = stageLog(logFile, masker, this.logger, stage.id, (line) => this.emit({ type: "stage-output", stage: stage.id, line }), onWriteError);
    if (runNote) logger.info(`re-run: ${runNote}`);
    const reads = new StageReadLog(this.opts.workspace, this.digester);
    const deadline = new StageDeadline(signal, timeoutSecondsOf(stage.options));
    this.stageSignals.set(stage.id, deadline.signal);
    const ctx = this.contextFor(stage, outDir, logFile, logger, deadline.signal, reads, onWriteError);
    this.contexts.set(stage.id, { kind, ctx });
    let outcome = { state: "errored", reason: "not run" };
    let counts = {};
    const inRunFolder = (rel) => this.digester.inRunFolder(rel);
    try {
      const before = await outputsBefore(this.opts.workspace, stage.outputs, inRunFolder);
      if (inputs.manifest) writeInputsManifest(outDir, masker.maskDeep(inputs.manifest));
      outcome = inputs.error ? { state: "errored", reason: `could not read the stage's inputs: ${inputs.error}` } : await this.outcomeOf(kind, ctx, deadline);
      if (!deadline.signal.aborted) await this.keepToolCache(stage.id);
      if (stage.outputs.length > 0) {
        logger.info(describeKeptOutputs(await keepOutputs(this.opts.workspace, stage.outputs, outDir, inRunFolder, before, outcome.state === "passed" && !deadline.signal.aborted)));
      }
      counts = writeOutcome(outDir, stage.id, outcome, masker);
    } catch (e) {
      if (!writeFailureOf(e)) throw e;
      onWriteError(e);
    }
    const failedWrite = writeFailureOf(writeError);
    if (failedWrite) outcome = { state: "errored", reason: `could not write the stage's files in ${outDir}: ${failedWrite.what}; ${failedWrite.fix}`, tools: outcome.tools ?? {} };
    const uncovered = inputs.manifest ? reads.uncovered(inputs.manifest) : [];
    const notReusable = uncovered.length > 0 ? describeUncovered(uncovered) : void 0;
    if (notReusable) logger.warn(`this result will not be reused: ${notReusable}`);
    const finalState = signal.aborted ? "cancelled" : outcome.state;
    const reason = masker.mask(signal.aborted ? this.cancelReason() : runNote ? `${outcome.reason} (re-run: ${runNote})` : outcome.reason);
    rec = await this.writer.move(stage.id, finalState, reason, {
      counts,
      tools: outcome.tools ?? {},
      artifacts: await this.opts.store.hashStage(this.record.serial, stage.id),
      ...notReusable ? { notReusable: masker.mask(notReusable) } : {}
    });
    this.digester.invalidate();
    this.emit({ type: "stage-end", stage: rec, index, total });
    this.views.push(this.viewOf(rec));
    if (finalState === "passed" && inputs.digest && !notReusable && this.opts.cache) {
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
      const started = this.clock.now().getTime();
      try {
        completion = await kind.complete(ctx, finalViews);
      } catch (e) {
        ctx.logger.error(`end-of-line completion failed: ${errorMessage(e)}`);
        continue;
      }
      if (!completion) continue;
      let counts = rec.counts;
      let writeFailed = false;
      try {
        counts = writeOutcome(ctx.outDir, id, completion, this.masker, rec.counts);
      } catch (e) {
        const failed = writeFailureOf(e);
        if (!failed) throw e;
        const reason = `could not write the stage's files at the end of the line in ${ctx.outDir}: ${failed.what}; ${failed.fix}`;
        completion = { state: "failed", reason };
        writeFailed = true;
        ctx.logger.error(reason);
      }
      const durationMs = (rec.durationMs ?? 0) + Math.max(0, this.clock.now().getTime() - started);
      const patch = { counts, durationMs, completedAtEndOfLine: true, artifacts: await this.opts.store.hashStage(this.record.serial, id) };
      if (completion.state === "failed" && rec.state === "passed") {
        await this.writer.move(id, "failed", this.masker.mask(completion.reason ?? "failed at the end of the line"), patch, true);
      } else {
        Object.assign(rec, patch);
        if (completion.reason && (rec.state !== "reused" || writeFailed)) rec.reason = this.masker.mask(completion.reason);
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

export {
  FsBaseJudgementCache,
  readSourceFacts,
  runLine
};
