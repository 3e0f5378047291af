import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  FsStore,
  parseSerial
} from "./chunk-SPBR4F3X.js";
import {
  readStageFolderFile
} from "./chunk-4PTP22Z7.js";
import {
  RunRecord,
  joinedVerdictOf,
  nonBlockingFailures
} from "./chunk-R2DVGQ2Z.js";
import {
  array,
  boolean,
  describeRefusal,
  literal,
  number,
  object,
  string
} from "./chunk-QTHYIHUL.js";
import {
  UserError
} from "./chunk-HUTQD67Y.js";

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
  rerunWorkflow: "rerun-workflow",
  needs: "needs",
  checkRuns: "check-runs"
};
var Output = {
  serial: "serial",
  verdict: "verdict",
  recordPath: "record-path",
  sarifPath: "sarif-path",
  stages: "stages",
  runUrl: "run-url",
  parentSerial: "parent-serial",
  sha: "sha",
  ref: "ref",
  event: "event",
  fork: "fork",
  pr: "pr"
};
var State = {
  serial: "andon-serial",
  storeRoot: "andon-store",
  workspace: "andon-workspace",
  settings: "andon-settings"
};
var ARTIFACT_FORBIDDEN = /["<>|*?\r\n\\/:]/;
var SERIAL = String.raw`(?:gh-\d{1,20}-\d{1,4}|\d{8}T\d{9}Z-[0-9a-f]{6})`;
var STAGE_ARTIFACT = new RegExp(String.raw`^andon-(${SERIAL})-([a-z0-9][a-z0-9-]*)(?:\.(\d{1,3}))?$`);
var PIECE_ARTIFACT = new RegExp(String.raw`^andon-(${SERIAL})\.record\.([0-9a-f]{16}(?:\.\d{1,3})?)$`);
function stageArtifactName(serial, stageId, retry = 0) {
  return checkedArtifactName(`andon-${serial}-${stageId}${retry > 0 ? `.${retry + 1}` : ""}`);
}
function recordPieceName(serial, contentSha256, retry = 0) {
  return checkedArtifactName(`andon-${serial}.record.${contentSha256.slice(0, 16)}${retry > 0 ? `.${retry + 1}` : ""}`);
}
function parseArtifactName(name) {
  const p = PIECE_ARTIFACT.exec(name);
  if (p) return { kind: "piece", serial: p[1] };
  const s = STAGE_ARTIFACT.exec(name);
  if (s) return { kind: "stage", serial: s[1], stageId: s[2] };
  return null;
}
function reportArtifactName(serial) {
  return checkedArtifactName(`andon-${serial}-report.html`);
}
function checkedArtifactName(name) {
  if (ARTIFACT_FORBIDDEN.test(name)) throw new Error(`artifact name ${JSON.stringify(name)} holds a character GitHub refuses`);
  return name;
}
function stageCacheKey(stageId, digest) {
  return `andon-stage-${stageId}-${digest.replace(/^sha256:/, "")}`;
}
function toolCachePrefix(stageId) {
  return `andon-tools-${stageId}-`;
}
function baselineCachePrefix(stageId, sha) {
  return `andon-baseline-${stageId}-${sha}-`;
}
function baselineCacheKey(stageId, sha, serial) {
  return `${baselineCachePrefix(stageId, sha)}${serial}`;
}
function baseJudgementCacheKey(key) {
  return `andon-base-judgement-${key}`;
}
var Limits = {
  annotationsPerLevel: 10,
  annotationMessageChars: 4096
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
async function retrying(ms, call, pauseMs = 250) {
  const end = Date.now() + ms;
  for (let i = 0; ; i++) {
    const left = end - Date.now();
    if (left <= 0) return { kind: "timed-out", afterMs: ms };
    const r = await withDeadline(left, call);
    if (r.kind !== "failed") return r.kind === "timed-out" ? { kind: "timed-out", afterMs: ms } : r;
    if (!isTransient(r.error)) return r;
    const wait = Math.min(pauseMs * 2 ** Math.min(i, 4), end - Date.now());
    if (wait <= 0) return r;
    await new Promise((resolve) => setTimeout(resolve, wait).unref());
  }
}
function isTransient(error) {
  return /ECONNRESET|ETIMEDOUT|ECONNREFUSED|EPIPE|EHOSTUNREACH|socket|network|fetch failed|terminated|aborted|closed|\b(5\d\d|429)\b|after \d+ attempts/i.test(error);
}

// src/github/run-download.ts
import { mkdir as mkdir2, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path2 from "node:path";

// src/github/downloaded-file.ts
var MAX_DOWNLOADED_JSON_BYTES = 64 * 1024 * 1024;
function readDownloadedJson(dir, name, schema, maxBytes = MAX_DOWNLOADED_JSON_BYTES) {
  const read = readStageFolderFile(dir, name, { maxBytes });
  if (read.kind !== "ok") return { ok: false, missing: read.kind === "missing", why: `${name} ${describeRefusal(read)}` };
  let json;
  try {
    json = JSON.parse(read.bytes.toString("utf8"));
  } catch (e) {
    return { ok: false, missing: false, why: `${name} is not JSON (${e.message})` };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, missing: false, why: `${name}: ${issue ? `${issue.path.join(".") || "document"}: ${issue.message}` : "invalid"}` };
}

// src/github/record-pieces.ts
import { createHash } from "node:crypto";
var PIECE_SCHEMA = "andon.record-piece/v1";
var PIECE_FILE = "record-piece.json";
var GitHubFacts = object({
  repo: string(),
  runId: string(),
  attempt: number().int().positive(),
  job: string(),
  event: string(),
  /** GITHUB_SHA: on a pull request the merge commit GitHub made (refs/pull/N/merge), which may be gone later. */
  sha: string(),
  /** The commit the run is for, as the REST run's head_sha: a pull request's head, else GITHUB_SHA. */
  headSha: string(),
  /** GITHUB_REF (refs/heads/main, refs/pull/12/merge, ...). */
  ref: string(),
  /** A pull request's head branch; on a fork it exists only in the fork. */
  headRef: string(),
  /** A pull request's base branch. */
  baseRef: string(),
  pr: number().int().nullable(),
  /** The code came from another repository: read-only token, no cache writes, never resumed with the base's cache. */
  fork: boolean()
});
var STAGE_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
var RecordPiece = object({
  schema: literal(PIECE_SCHEMA),
  serial: string(),
  /** The stages the step that wrote the piece ran (or closed): for these, the piece is the authority. */
  stages: array(string().regex(STAGE_ID)),
  /** Stages the step carried forward from an earlier attempt of the same workflow run, and the serial holding their folders. */
  carried: array(object({ id: string().regex(STAGE_ID), from: string() })),
  github: GitHubFacts,
  record: RunRecord
});
function serializePiece(piece) {
  const text = `${JSON.stringify(piece, null, 1)}
`;
  return { text, sha256: createHash("sha256").update(text).digest("hex") };
}
var SEVERITY = { errored: 7, failed: 6, cancelled: 5, passed: 4, reused: 3, skipped: 2, running: 1, pending: 0 };
function candidate(piece, stage) {
  const carried = piece.carried.find((c) => c.id === stage.id);
  let rank;
  if (stage.state === "pending") rank = 0;
  else if (stage.state === "running") rank = 1;
  else if (carried) rank = 2;
  else if (!piece.stages.includes(stage.id)) rank = 3;
  else rank = 4;
  return { stage, rank, carriedFrom: carried && stage.state === "reused" ? carried.from : null };
}
function better(a, b) {
  if (a.rank !== b.rank) return a.rank > b.rank ? a : b;
  return SEVERITY[b.stage.state] > SEVERITY[a.stage.state] ? b : a;
}
function finalize(record) {
  record.verdict = joinedVerdictOf(record.stages);
  record.nonBlockingFailures = nonBlockingFailures(record.stages);
  if (record.verdict === "running") record.finishedAt = null;
  else record.finishedAt = record.stages.map((s) => s.finishedAt ?? "").reduce((a, b) => b > a ? b : a, record.finishedAt ?? "") || null;
}
function mergePieces(serial, pieces) {
  const mine = pieces.filter((p) => p.serial === serial && p.record.serial === serial);
  if (mine.length === 0) return null;
  const ordered = [...mine].sort((a, b) => a.record.createdAt.localeCompare(b.record.createdAt) || serializePiece(a).sha256.localeCompare(serializePiece(b).sha256));
  const base = ordered[0];
  const conflicts = [];
  const picks = /* @__PURE__ */ new Map();
  const order = [];
  for (const piece of ordered) {
    if (piece.record.config.digest !== base.record.config.digest) conflicts.push(`pieces of ${serial} were written with different configs (${base.record.config.digest} and ${piece.record.config.digest})`);
    for (const st of piece.record.stages) {
      const c = candidate(piece, st);
      const had = picks.get(st.id);
      if (!had) {
        order.push(st.id);
        picks.set(st.id, c);
        continue;
      }
      if (had.rank === 4 && c.rank === 4 && had.stage.state !== c.stage.state) {
        conflicts.push(`stage ${st.id} of ${serial} was run by more than one step (${had.stage.state}, ${c.stage.state}): the worse result stands`);
      }
      picks.set(st.id, better(had, c));
    }
  }
  const record = JSON.parse(JSON.stringify(base.record));
  record.stages = order.map((id) => JSON.parse(JSON.stringify(picks.get(id).stage)));
  const seen = /* @__PURE__ */ new Set();
  record.transitions = ordered.flatMap((p) => p.record.transitions).filter((t) => {
    const k = JSON.stringify(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  }).sort((a, b) => a.at.localeCompare(b.at));
  record.parent = ordered.find((p) => p.record.parent)?.record.parent ?? null;
  record.createdAt = base.record.createdAt;
  finalize(record);
  const carried = /* @__PURE__ */ new Map();
  for (const [id, c] of picks) if (c.carriedFrom && c.rank === 2) carried.set(id, c.carriedFrom);
  return { serial, record, github: base.github, carried, conflicts };
}
function pendingStage(s) {
  return { ...s, state: "pending", reason: "waiting", startedAt: null, finishedAt: null, durationMs: null, inputsDigest: null, reusedFrom: null, counts: {}, artifacts: [], tools: {} };
}
function emptyAttempt(earlier, serial, github) {
  const record = JSON.parse(JSON.stringify(earlier.record));
  record.serial = serial;
  record.parent = null;
  record.transitions = [];
  record.host = { ...record.host, runAttempt: github.attempt, job: null, pid: null, hostname: null };
  record.stages = record.stages.map(pendingStage);
  finalize(record);
  return { serial, record, github, carried: /* @__PURE__ */ new Map(), conflicts: [] };
}
function carryForward(current, earlier, o = {}) {
  const notes = [];
  const cur = parseSerial(current.serial);
  const old = parseSerial(earlier.serial);
  if (cur?.kind !== "github" || old?.kind !== "github" || cur.runId !== old.runId || old.attempt >= cur.attempt) {
    return { carried: [], notes: [`${earlier.serial} is not an earlier attempt of ${current.serial}`] };
  }
  if (earlier.record.config.digest !== current.record.config.digest) {
    return { carried: [], notes: [`${earlier.serial} ran another config (${earlier.record.config.digest}): nothing carried forward`] };
  }
  if (earlier.github.sha !== current.github.sha) {
    return { carried: [], notes: [`${earlier.serial} ran commit ${earlier.github.sha}, this attempt ${current.github.sha}: nothing carried forward`] };
  }
  const carried = [];
  for (const st of current.record.stages) {
    if (st.state !== "pending" || o.exclude?.has(st.id)) continue;
    const prev = earlier.record.stages.find((p) => p.id === st.id && p.uses === st.uses);
    if (!prev || prev.state !== "passed" && prev.state !== "reused") continue;
    const folder = earlier.carried.get(st.id) ?? earlier.serial;
    if (prev.artifacts.length > 0 && o.folderAvailable && !o.folderAvailable(st.id, folder)) {
      notes.push(`stage ${st.id} passed in ${earlier.serial} but its folder is no longer there (expired?): it is not carried forward`);
      continue;
    }
    const at = prev.finishedAt ?? earlier.record.finishedAt ?? current.record.createdAt;
    Object.assign(st, {
      state: "reused",
      reason: `carried forward from attempt ${old.attempt} (${earlier.serial}), where it ${prev.state === "passed" ? "passed" : `was reused: ${prev.reason}`}`,
      startedAt: null,
      finishedAt: at,
      durationMs: 0,
      inputsDigest: prev.inputsDigest,
      reusedFrom: prev.reusedFrom ?? earlier.serial,
      counts: prev.counts,
      artifacts: prev.artifacts,
      tools: prev.tools
    });
    current.record.transitions.push({ at, stage: st.id, from: "pending", to: "reused" });
    current.carried.set(st.id, folder);
    carried.push(st.id);
  }
  current.record.transitions.sort((a, b) => a.at.localeCompare(b.at));
  finalize(current.record);
  return { carried, notes };
}
function folderSerial(run, stageId) {
  return run.carried.get(stageId) ?? run.serial;
}

// src/github/zip-read.ts
import { mkdir, realpath, writeFile } from "node:fs/promises";
import path from "node:path";
import { inflateRawSync } from "node:zlib";
var DEFAULT_ZIP_LIMITS = { maxEntries: 1e4, maxBytes: 1024 * 1024 * 1024 };
var EOCD = 101010256;
var CENTRAL = 33639248;
var LOCAL = 67324752;
function fail(why) {
  throw new Error(`not a zip Andon can read: ${why}`);
}
function safeEntryName(name) {
  if (!name || name.startsWith("/") || name.includes("\\") || /^[A-Za-z]:/.test(name) || name.includes("\0")) return false;
  return name.split("/").every((seg) => seg !== "..");
}
function readZip(buf, limits = DEFAULT_ZIP_LIMITS) {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) fail("no end of central directory");
  const count = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 65535 || cdOffset === 4294967295) fail("zip64 is not supported");
  if (count > limits.maxEntries) fail(`${count} entries, over the limit of ${limits.maxEntries}`);
  const out = [];
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) fail("broken central directory");
    const method = buf.readUInt16LE(p + 10);
    const compSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const mode = buf.readUInt32LE(p + 38) >>> 16;
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString("utf8", p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith("/")) continue;
    if (!safeEntryName(name)) fail(`entry ${JSON.stringify(name)} would leave the folder`);
    if ((mode & 61440) === 40960) fail(`entry ${JSON.stringify(name)} is a symbolic link`);
    total += size;
    if (total > limits.maxBytes) fail(`more than ${limits.maxBytes} bytes uncompressed`);
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL) fail(`broken local header of ${name}`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + compSize);
    if (raw.length !== compSize) fail(`${name} is cut short`);
    let data;
    if (method === 0) data = Buffer.from(raw);
    else if (method === 8) data = inflateRawSync(raw, { maxOutputLength: Math.max(size, 1) });
    else fail(`${name} uses compression method ${method}`);
    if (data.length !== size) fail(`${name} inflates to ${data.length} bytes, not ${size}`);
    out.push({ name, data });
  }
  return out;
}
async function extractZip(buf, dest, limits) {
  const root = path.resolve(dest);
  await mkdir(root, { recursive: true });
  const realRoot = await realpath(root);
  const written = [];
  for (const e of readZip(buf, limits)) {
    const file = path.resolve(root, e.name);
    if (!file.startsWith(root + path.sep)) fail(`entry ${JSON.stringify(e.name)} would leave the folder`);
    const dir = path.dirname(file);
    await mkdir(dir, { recursive: true });
    if (await realpath(dir) !== path.join(realRoot, path.relative(root, dir))) fail(`entry ${JSON.stringify(e.name)} would be written through a symlink`);
    try {
      await writeFile(file, e.data, { flag: "wx" });
    } catch (err) {
      if (err.code === "EEXIST") fail(`entry ${JSON.stringify(e.name)} is already there (named twice, or a file or link of the folder)`);
      throw err;
    }
    written.push(e.name);
  }
  return written;
}

// src/github/run-download.ts
function ownRunLocator(service) {
  return {
    describe: "this workflow run attempt",
    allAttempts: false,
    list: async () => (await service.listOwn()).map((a) => ({ ...a, expired: false })),
    download: (id, dest) => service.downloadOwn(id, dest)
  };
}
function otherRunLocator(rest, run, maxBytes = MAX_ARTIFACT_BYTES) {
  return {
    describe: `workflow run ${run.runId} of ${run.repo}`,
    allAttempts: true,
    list: async () => (await rest.listRunArtifacts(run.repo, run.runId)).map((a) => ({ id: a.id, name: a.name, expired: a.expired ?? false })),
    download: async (id, dest) => {
      await extractZip(await rest.downloadArtifactZip(run.repo, id, maxBytes), dest, { maxEntries: 1e4, maxBytes });
    }
  };
}
var MAX_ARTIFACT_BYTES = 512 * 1024 * 1024;
async function listArtifacts(locator, s) {
  const r = await retrying(s.deadlineMs, () => locator.list());
  if (r.kind !== "done") throw new Error(describeMiss(`listing the artifacts of ${locator.describe}`, r));
  return r.value;
}
async function readPieces(locator, listed, serial, s) {
  const pieces = [];
  const problems = [];
  const mine = listed.filter((a) => {
    const k = parseArtifactName(a.name);
    return k?.kind === "piece" && k.serial === serial;
  });
  await mkdir2(s.tmpRoot ?? tmpdir(), { recursive: true });
  const tmp = await mkdtemp(path2.join(s.tmpRoot ?? tmpdir(), "andon-pieces-"));
  try {
    for (const a of mine.filter((x) => !x.expired)) {
      const dest = path2.join(tmp, String(a.id));
      const got = await retrying(s.deadlineMs, async () => {
        await rm(dest, { recursive: true, force: true });
        await mkdir2(dest, { recursive: true });
        await locator.download(a.id, dest);
      });
      if (got.kind !== "done") {
        problems.push(describeMiss(`download of ${a.name}`, got));
        continue;
      }
      const read = readDownloadedJson(dest, PIECE_FILE, RecordPiece);
      const piece = read.ok ? read.value : null;
      if (!piece || piece.serial !== serial || piece.record.serial !== serial) {
        problems.push(`${a.name} is not a record piece of ${serial}: ${read.ok ? `it holds run ${read.value.record.serial}` : read.why.split("\n")[0]}`);
        continue;
      }
      pieces.push(piece);
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  return { pieces, problems, expired: mine.filter((a) => a.expired).length };
}
function hasFolder(listed, serial, stageId) {
  return listed.some((a) => {
    const k = parseArtifactName(a.name);
    return !a.expired && k?.kind === "stage" && k.serial === serial && k.stageId === stageId;
  });
}
async function readRun(locator, listed, serial, s, o = {}) {
  const got = await readPieces(locator, listed, serial, s);
  const notes = [...got.problems];
  let run = mergePieces(serial, got.pieces);
  if (run) notes.push(...run.conflicts);
  const parsed = parseSerial(serial);
  let earlier = o.earlier;
  if (earlier === void 0 && locator.allAttempts && parsed?.kind === "github" && parsed.attempt > 1) {
    earlier = await readEarlierAttempts(locator, listed, serial, s, notes);
  }
  if (earlier) {
    run ??= emptyAttempt(earlier, serial, { ...earlier.github, attempt: parsed?.kind === "github" ? parsed.attempt : earlier.github.attempt });
    const c = carryForward(run, earlier, { ...o.exclude ? { exclude: o.exclude } : {}, folderAvailable: (id, ser) => hasFolder(listed, ser, id) });
    notes.push(...c.notes);
  }
  return { run, notes, expired: got.expired };
}
async function readEarlierAttempts(locator, listed, serial, s, notes) {
  const parsed = parseSerial(serial);
  if (parsed?.kind !== "github" || !locator.allAttempts) return null;
  let prev = null;
  for (let k = 1; k < parsed.attempt; k++) {
    const r = await readRun(locator, listed, `gh-${parsed.runId}-${k}`, s, { earlier: prev });
    notes.push(...r.notes.map((n) => `attempt ${k}: ${n}`));
    if (r.run) prev = r.run;
  }
  return prev;
}
async function fetchStageFolders(locator, listed, run, runDir, stageIds, s) {
  const missing = [];
  const wanted = run.record.stages.filter((st) => st.artifacts.length > 0 && (stageIds === true || stageIds.includes(st.id)));
  for (const st of wanted) {
    const holder = folderSerial(run, st.id);
    const candidates = listed.filter((a) => {
      const k = parseArtifactName(a.name);
      return !a.expired && k?.kind === "stage" && k.serial === holder && k.stageId === st.id;
    });
    if (candidates.length === 0) {
      missing.push(st.id);
      continue;
    }
    const r = await retrying(s.deadlineMs, async () => {
      await rm(path2.join(runDir, st.id), { recursive: true, force: true });
      await locator.download(candidates.at(-1).id, runDir);
    });
    if (r.kind !== "done") {
      s.logger.warn(describeMiss(`download of ${candidates.at(-1).name}`, r));
      missing.push(st.id);
    }
  }
  const store = new FsStore(path2.dirname(runDir));
  const problems = (await store.verify({ ...run.record, stages: wanted })).filter((p) => !missing.includes(p.path.split("/")[0] ?? ""));
  return { missing, problems };
}
async function downloadRun(locator, serial, root, s) {
  const store = new FsStore(root);
  const runDir = store.runDir(serial);
  await rm(runDir, { recursive: true, force: true });
  await mkdir2(runDir, { recursive: true });
  const listed = await listArtifacts(locator, s);
  const read = await readRun(locator, listed, serial, { ...s, tmpRoot: root });
  if (!read.run) {
    const why = read.expired > 0 ? "its record expired" : read.notes.length > 0 ? read.notes.join("; ") : "the run never uploaded its record";
    throw new UserError(`no record of ${serial} in ${locator.describe} (${why})`);
  }
  await store.writeRecord(read.run.record);
  const got = s.stages === false ? { missing: [], problems: [] } : await fetchStageFolders(locator, listed, read.run, runDir, s.stages === true ? true : s.stages, s);
  return { run: read.run, store, runDir, problems: got.problems, missing: got.missing, notes: read.notes };
}

export {
  Input,
  Output,
  State,
  stageArtifactName,
  recordPieceName,
  parseArtifactName,
  reportArtifactName,
  stageCacheKey,
  toolCachePrefix,
  baselineCachePrefix,
  baselineCacheKey,
  baseJudgementCacheKey,
  Limits,
  DEFAULT_SERVICE_DEADLINE_MS,
  withDeadline,
  describeMiss,
  readDownloadedJson,
  PIECE_FILE,
  serializePiece,
  pendingStage,
  carryForward,
  ownRunLocator,
  otherRunLocator,
  listArtifacts,
  hasFolder,
  readRun,
  readEarlierAttempts,
  fetchStageFolders,
  downloadRun
};
