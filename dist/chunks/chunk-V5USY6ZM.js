import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  ExitCode,
  InternalError,
  _enum,
  array,
  boolean,
  literal,
  number,
  object,
  record,
  string,
  unknown
} from "./chunk-EXVQH3W4.js";

// src/core/inside-path.ts
import { realpathSync } from "node:fs";
import path from "node:path";
function isInside(root, abs) {
  const rel = path.relative(root, abs);
  return rel !== "" && rel !== ".." && !rel.startsWith(".." + path.sep) && !path.isAbsolute(rel);
}
function realPathOf(abs) {
  let head = abs;
  const tail = [];
  for (; ; ) {
    try {
      return path.join(realpathSync(head), ...tail);
    } catch {
      const parent = path.dirname(head);
      if (parent === head) return abs;
      tail.unshift(path.basename(head));
      head = parent;
    }
  }
}
function resolveInside(root, given, opts = {}) {
  const name = opts.rootName ?? "the workspace";
  const base = path.resolve(root);
  const abs = path.resolve(base, given);
  const ok = (r, p) => opts.allowRoot && p === r || isInside(r, p);
  if (!ok(base, abs)) return { ok: false, reason: `"${given}" is outside ${name}` };
  const realRoot = realPathOf(base);
  const real = realPathOf(abs);
  if (!ok(realRoot, real)) return { ok: false, reason: `"${given}" leads outside ${name} through a symlink (to ${real})` };
  return { ok: true, abs };
}

// src/core/guarded-read.ts
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync as realpathSync2, statSync } from "node:fs";
import path2 from "node:path";
function fileTypeOf(st) {
  if (st.isFile()) return "file";
  if (st.isDirectory()) return "directory";
  if (st.isFIFO()) return "FIFO";
  if (st.isSocket()) return "socket";
  if (st.isCharacterDevice()) return "character device";
  if (st.isBlockDevice()) return "block device";
  if (st.isSymbolicLink()) return "symlink";
  return "special file";
}
function errCode(e) {
  return e.code ?? String(e);
}
function realOrNull(p) {
  try {
    return realpathSync2(p);
  } catch {
    return null;
  }
}
function realDir(dir, cache) {
  if (!cache) return realOrNull(dir);
  let r = cache.get(dir);
  if (r === void 0) cache.set(dir, r = realOrNull(dir));
  return r;
}
function openGuarded(file, opts) {
  const abs = path2.resolve(file);
  let lst;
  try {
    lst = lstatSync(abs);
  } catch (e) {
    const code = errCode(e);
    return code === "ENOENT" || code === "ENOTDIR" ? { kind: "missing" } : { kind: "unreadable", code };
  }
  const link = lst.isSymbolicLink();
  if (link && opts.links === "refuse") return { kind: "link" };
  let target = abs;
  if (link || opts.within !== void 0) {
    const dir = link ? null : realDir(path2.dirname(abs), opts.realDirs);
    const real = link ? realOrNull(abs) : dir === null ? null : path2.join(dir, path2.basename(abs));
    if (real === null) return { kind: "missing" };
    if (opts.within !== void 0) {
      const root = realDir(path2.resolve(opts.within), opts.realDirs) ?? path2.resolve(opts.within);
      if (!isInside(root, real)) return { kind: "outside", target: real };
    }
    target = real;
  }
  let st;
  try {
    st = link ? statSync(target) : lst;
  } catch (e) {
    return { kind: "unreadable", code: errCode(e) };
  }
  if (!st.isFile()) return { kind: "not-a-file", type: fileTypeOf(st) };
  if (st.size > opts.maxBytes) return { kind: "too-large", size: st.size, max: opts.maxBytes };
  let fd;
  try {
    fd = openSync(target, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0));
  } catch (e) {
    const code = errCode(e);
    return code === "ELOOP" ? { kind: "link" } : code === "ENOENT" ? { kind: "missing" } : { kind: "unreadable", code };
  }
  const fst = fstatSync(fd);
  if (!fst.isFile() || fst.ino !== st.ino || fst.dev !== st.dev || fst.size > opts.maxBytes) {
    closeSync(fd);
    if (!fst.isFile()) return { kind: "not-a-file", type: fileTypeOf(fst) };
    return fst.size > opts.maxBytes ? { kind: "too-large", size: fst.size, max: opts.maxBytes } : { kind: "unreadable", code: "changed while read" };
  }
  return { kind: "ok", fd, size: fst.size };
}
function readOpenFile(fd, size, start = 0) {
  const buf = Buffer.allocUnsafe(size - start);
  let got = 0;
  while (got < buf.length) {
    const n = readSync(fd, buf, got, buf.length - got, start + got);
    if (n === 0) break;
    got += n;
  }
  return buf.subarray(0, got);
}
function readOpenFileCapped(fd, maxBytes) {
  const st = fstatSync(fd);
  if (!st.isFile()) return { kind: "not-a-file", type: fileTypeOf(st) };
  if (st.size > maxBytes) return { kind: "too-large", size: st.size, max: maxBytes };
  return { kind: "ok", bytes: readOpenFile(fd, st.size) };
}
function readGuarded(file, opts) {
  const o = openGuarded(file, opts);
  if (o.kind !== "ok") return o;
  try {
    return { kind: "ok", bytes: readOpenFile(o.fd, o.size) };
  } catch (e) {
    return { kind: "unreadable", code: errCode(e) };
  } finally {
    closeSync(o.fd);
  }
}
function bytes(n) {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}
function describeRefusal(r) {
  switch (r.kind) {
    case "missing":
      return "not found";
    case "not-a-file":
      return `is a ${r.type}, not a regular file; not read`;
    case "link":
      return "is a symlink; not read";
    case "outside":
      return "is a symlink leading outside the workspace; not read";
    case "too-large":
      return `is ${bytes(r.size)}, over the ${bytes(r.max)} limit; not read`;
    case "unreadable":
      return `cannot be read (${r.code})`;
  }
}

// src/core/line-machine.ts
var STAGE_STATES = ["pending", "running", "passed", "failed", "errored", "skipped", "cancelled", "reused"];
var RUN_VERDICTS = ["running", "passed", "failed", "errored", "cancelled"];
var STAGE_TRANSITIONS = {
  pending: ["running", "skipped", "cancelled", "reused"],
  running: ["passed", "failed", "errored", "cancelled"],
  passed: [],
  failed: [],
  errored: [],
  skipped: [],
  cancelled: [],
  reused: []
};
function canTransition(from, to) {
  return STAGE_TRANSITIONS[from].includes(to);
}
function canCompleteAs(from, to) {
  return from === "passed" && to === "failed";
}
function assertTransition(stage, from, to, completion = false) {
  if (!(completion ? canCompleteAs(from, to) : canTransition(from, to))) {
    throw new InternalError(`illegal transition of stage "${stage}": ${from} -> ${to}`);
  }
}
function isFailure(state) {
  return state === "failed" || state === "errored";
}
function stopsLine(stage) {
  return stage.blocking && isFailure(stage.state);
}
function stopOf(stages) {
  return stages.find(stopsLine);
}
function nonBlockingFailures(stages) {
  return stages.filter((s) => !s.blocking && isFailure(s.state)).map((s) => s.id);
}
function verdictOf(stages) {
  if (stages.some((s) => s.state === "running" || s.state === "pending")) return "running";
  if (stages.some((s) => s.state === "cancelled")) return "cancelled";
  const stop = stopOf(stages);
  if (stop) return stop.state === "errored" ? "errored" : "failed";
  return "passed";
}
function joinedVerdictOf(stages) {
  const ran = stages.filter((s) => s.state !== "pending");
  const v = verdictOf(ran);
  return v === "passed" && ran.length < stages.length ? "running" : v;
}
function exitCodeOf(stages) {
  return stages.some((s) => s.state === "cancelled" || stopsLine(s)) ? ExitCode.gateFailed : ExitCode.passed;
}

// src/core/run-record.ts
import { randomBytes } from "node:crypto";
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path3 from "node:path";
var RECORD_SCHEMA = "andon.run/v1";
var StageStateSchema = _enum(STAGE_STATES);
var RunVerdictSchema = _enum(RUN_VERDICTS);
var ArtifactEntry = object({
  path: string().describe("Relative to the run folder: <stage-id>/<file>."),
  sha256: string().regex(/^[0-9a-f]{64}$/),
  bytes: number().int().nonnegative()
});
var StageRecord = object({
  id: string(),
  uses: string(),
  name: string().optional(),
  blocking: boolean(),
  state: StageStateSchema,
  reason: string(),
  startedAt: string().nullable(),
  finishedAt: string().nullable(),
  durationMs: number().int().nonnegative().nullable(),
  inputsDigest: string().nullable(),
  reusedFrom: string().nullable(),
  counts: record(string(), unknown()),
  artifacts: array(ArtifactEntry),
  tools: record(string(), string()),
  /** Filled in at the end of the line by a later stage's results (e.g. the spec trace matrix). */
  completedAtEndOfLine: boolean().optional()
});
var Transition = object({
  at: string(),
  stage: string(),
  from: StageStateSchema,
  to: StageStateSchema
});
var RunRecord = object({
  schema: literal(RECORD_SCHEMA),
  serial: string(),
  parent: object({ serial: string(), fromStage: string() }).nullable(),
  createdAt: string(),
  finishedAt: string().nullable(),
  verdict: RunVerdictSchema,
  /** Stages that failed without blocking: the line went on, the verdict records them here. */
  nonBlockingFailures: array(string()).default([]),
  source: object({
    repo: string().nullable(),
    sha: string().nullable(),
    ref: string().nullable(),
    baseRef: string().nullable().optional(),
    baseSha: string().nullable(),
    pr: number().int().nullable(),
    dirty: boolean()
  }),
  host: object({
    kind: _enum(["local", "github"]),
    runId: string().nullable(),
    runAttempt: number().int().nullable(),
    workflow: string().nullable(),
    job: string().nullable(),
    url: string().nullable(),
    /** The process that writes this record while it runs, so a reader can tell an interrupted run. */
    pid: number().int().nullable().optional(),
    hostname: string().nullable().optional()
  }),
  config: object({ path: string(), digest: string() }),
  tool: object({ name: literal("andon"), version: string(), node: string() }),
  stages: array(StageRecord),
  transitions: array(Transition)
});
async function writeFileAtomic(file, data) {
  const tmp = `${file}.${randomBytes(8).toString("hex")}.tmp`;
  try {
    writeFileSync(tmp, data);
  } catch (e) {
    if (e.code !== "ENOENT") throw e;
    mkdirSync(path3.dirname(file), { recursive: true });
    writeFileSync(tmp, data);
  }
  try {
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
function serializeRecord(record2) {
  return JSON.stringify(record2, null, 2) + "\n";
}

export {
  isInside,
  realPathOf,
  resolveInside,
  fileTypeOf,
  openGuarded,
  readOpenFile,
  readOpenFileCapped,
  readGuarded,
  describeRefusal,
  assertTransition,
  isFailure,
  stopsLine,
  stopOf,
  nonBlockingFailures,
  verdictOf,
  joinedVerdictOf,
  exitCodeOf,
  RECORD_SCHEMA,
  StageRecord,
  RunRecord,
  writeFileAtomic,
  serializeRecord
};
