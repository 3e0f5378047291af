import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  InternalError,
  UserError,
  _enum,
  array,
  boolean,
  literal,
  number,
  object,
  record,
  string,
  unknown
} from "./chunk-5C57FHY2.js";

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
function letsLineContinue(state, blocking) {
  if (state === "passed" || state === "reused" || state === "skipped") return true;
  if (state === "failed" || state === "errored") return !blocking;
  return false;
}
function verdictOf(stages) {
  if (stages.some((s) => s.state === "running" || s.state === "pending")) return "running";
  if (stages.some((s) => s.state === "cancelled")) return "cancelled";
  const stop = stages.find((s) => s.blocking && (s.state === "failed" || s.state === "errored"));
  if (stop) return stop.state === "errored" ? "errored" : "failed";
  return "passed";
}

// src/core/run-record.ts
import { randomBytes } from "node:crypto";
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
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
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    writeFileSync(tmp, data);
  } catch (e) {
    if (e.code !== "ENOENT") throw e;
    mkdirSync(path.dirname(file), { recursive: true });
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

// src/core/serial.ts
import { randomBytes as randomBytes2 } from "node:crypto";
var LOCAL = /^(\d{8}T\d{9}Z)-([0-9a-f]{6})$/;
var GITHUB = /^gh-(\d{1,20})-(\d{1,4})$/;
function localSerial(now, random = () => randomBytes2(3).toString("hex")) {
  const iso = now.toISOString();
  const stamp = iso.slice(0, 19).replace(/[-:]/g, "") + iso.slice(20, 23) + "Z";
  return `${stamp}-${random()}`;
}
function githubSerial(runId, attempt) {
  if (!/^\d+$/.test(runId)) throw new Error(`GITHUB_RUN_ID is not a number: ${runId}`);
  return `gh-${runId}-${Number(attempt) || 1}`;
}
function parseSerial(serial) {
  const l = LOCAL.exec(serial);
  if (l) {
    const s = l[1];
    const iso = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${s.slice(15, 18)}Z`;
    return { kind: "local", time: new Date(iso) };
  }
  const g = GITHUB.exec(serial);
  if (g) return { kind: "github", runId: g[1], attempt: Number(g[2]) };
  return null;
}
function isValidSerial(serial) {
  return parseSerial(serial) !== null;
}
function compareSerials(a, b) {
  const pa = parseSerial(a);
  const pb = parseSerial(b);
  if (pa?.kind === "github" && pb?.kind === "github") {
    const d = BigInt(pa.runId) - BigInt(pb.runId);
    if (d !== 0n) return d < 0n ? -1 : 1;
    return pa.attempt - pb.attempt;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

// src/core/store.ts
import { createHash } from "node:crypto";
import { createReadStream, readFileSync, statSync } from "node:fs";
import { mkdir, readdir, readFile, stat } from "node:fs/promises";
import path2 from "node:path";
var RECORD_FILE = "run.json";
function sha256File(file) {
  try {
    const st = statSync(file);
    if (st.size <= 8 * 1024 * 1024) {
      const bytes = readFileSync(file);
      return Promise.resolve({ sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.length });
    }
  } catch (e) {
    return Promise.reject(e);
  }
  return new Promise((resolve, reject) => {
    const h = createHash("sha256");
    let bytes = 0;
    createReadStream(file).on("data", (c) => {
      h.update(c);
      bytes += c.length;
    }).on("error", reject).on("end", () => resolve({ sha256: h.digest("hex"), bytes }));
  });
}
async function listFiles(dir, base = dir) {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out = [];
  for (const e of entries) {
    const abs = path2.join(dir, e.name);
    if (e.isDirectory()) out.push(...await listFiles(abs, base));
    else if (e.isFile() && !e.name.endsWith(".tmp")) out.push(path2.relative(base, abs).split(path2.sep).join("/"));
  }
  return out.sort();
}
function checkSerial(serial) {
  if (!isValidSerial(serial)) throw new UserError(`"${serial}" is not an Andon serial (e.g. 20261125T190512345Z-3fa2c1 or gh-123456789-1)`);
}
var FsStore = class {
  root;
  constructor(root) {
    this.root = path2.resolve(root);
  }
  runDir(serial) {
    checkSerial(serial);
    return path2.join(this.root, serial);
  }
  stageDir(serial, stageId) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(stageId)) throw new UserError(`"${stageId}" is not a stage id`);
    return path2.join(this.runDir(serial), stageId);
  }
  async reserve(serial) {
    await mkdir(this.root, { recursive: true });
    try {
      await mkdir(this.runDir(serial));
    } catch (e) {
      if (e.code === "EEXIST") throw new UserError(`serial ${serial} is already used in ${this.root}; serials are never reused`);
      throw e;
    }
  }
  async hasRun(serial) {
    try {
      await stat(path2.join(this.runDir(serial), RECORD_FILE));
      return true;
    } catch {
      return false;
    }
  }
  async writeRecord(record2) {
    await writeFileAtomic(path2.join(this.runDir(record2.serial), RECORD_FILE), serializeRecord(record2));
  }
  async loadRecord(serial) {
    const file = path2.join(this.runDir(serial), RECORD_FILE);
    let text;
    try {
      text = await readFile(file, "utf8");
    } catch {
      throw new UserError(`no run ${serial} in ${this.root}`);
    }
    let json;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new UserError(`run record is not valid JSON: ${e.message}`, { file });
    }
    const parsed = RunRecord.safeParse(json);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new UserError(`not an andon.run/v1 record: ${first?.path.join(".") ?? ""} ${first?.message ?? ""}`.trim(), { file });
    }
    return parsed.data;
  }
  async listRuns() {
    let names;
    try {
      names = await readdir(this.root);
    } catch {
      return [];
    }
    const serials = names.filter(isValidSerial).sort((a, b) => compareSerials(b, a));
    const out = [];
    for (const s of serials) {
      try {
        out.push(await this.loadRecord(s));
      } catch {
      }
    }
    return out;
  }
  async hashStage(serial, stageId) {
    const dir = this.stageDir(serial, stageId);
    const files = await listFiles(dir);
    const out = [];
    for (const f of files) {
      const { sha256, bytes } = await sha256File(path2.join(dir, f));
      out.push({ path: `${stageId}/${f}`, sha256, bytes });
    }
    return out;
  }
  async verify(record2) {
    const problems = [];
    const runDir = this.runDir(record2.serial);
    for (const stage of record2.stages) {
      const recorded = new Map(stage.artifacts.map((a) => [a.path, a]));
      const present = new Set((await listFiles(path2.join(runDir, stage.id))).map((f) => `${stage.id}/${f}`));
      for (const a of stage.artifacts) {
        if (!present.has(a.path)) {
          problems.push({ path: a.path, problem: "missing", expected: a.sha256 });
          continue;
        }
        const { sha256 } = await sha256File(path2.join(runDir, a.path));
        if (sha256 !== a.sha256) problems.push({ path: a.path, problem: "modified", expected: a.sha256, actual: sha256 });
      }
      if (stage.state !== "running") {
        for (const p of present) if (!recorded.has(p)) problems.push({ path: p, problem: "unrecorded" });
      }
    }
    return problems;
  }
};

export {
  assertTransition,
  letsLineContinue,
  verdictOf,
  RECORD_SCHEMA,
  StageRecord,
  RunRecord,
  writeFileAtomic,
  serializeRecord,
  localSerial,
  githubSerial,
  parseSerial,
  isValidSerial,
  RECORD_FILE,
  sha256File,
  FsStore
};
