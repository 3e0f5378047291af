import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  RECORD_SCHEMA,
  RunRecord,
  serializeRecord,
  writeFileAtomic,
  writeFileAtomicSync
} from "./chunk-R2DVGQ2Z.js";
import {
  describeRefusal,
  readGuarded
} from "./chunk-QTHYIHUL.js";
import {
  UserError
} from "./chunk-HUTQD67Y.js";

// src/core/serial.ts
import { randomBytes } from "node:crypto";
var LOCAL = /^(\d{8}T\d{9}Z)-([0-9a-f]{6})$/;
var GITHUB = /^gh-(\d{1,20})-(\d{1,4})$/;
function localSerial(now, random = () => randomBytes(3).toString("hex")) {
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
import { mkdir, readdir, stat } from "node:fs/promises";
import path from "node:path";

// src/core/write-failure.ts
var CAUSES = {
  ENOSPC: { what: "no space left on the device", fix: "free space on that disk" },
  EDQUOT: { what: "the disk quota is used up", fix: "free space within the quota" },
  EFBIG: { what: "a file reached the file-size limit", fix: "raise the limit (ulimit -f) or make the stage write less" },
  EROFS: { what: "the file system is read-only", fix: "make it writable, or point store.path in andon.yml at a writable folder" },
  EACCES: { what: "permission denied", fix: "make the folder writable for this user, or point store.path in andon.yml at a writable folder" },
  EPERM: { what: "operation not permitted", fix: "make the folder writable for this user, or point store.path in andon.yml at a writable folder" },
  EIO: { what: "an input/output error of the device", fix: "check the disk" }
};
function writeFailureOf(e) {
  const code = e?.code;
  if (typeof code !== "string") return null;
  const cause = CAUSES[code];
  return cause ? { code, what: `${cause.what} (${code})`, fix: cause.fix } : null;
}

// src/core/store.ts
var RECORD_FILE = "run.json";
var MAX_RECORD_BYTES = 64 * 1024 * 1024;
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
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...await listFiles(abs, base));
    else if (e.isFile() && !e.name.endsWith(".tmp")) out.push(path.relative(base, abs).split(path.sep).join("/"));
  }
  return out.sort();
}
function recordVersion(schema) {
  return Number(/^andon\.run\/v(\d+)$/.exec(schema)?.[1] ?? Number.NaN);
}
function storeWriteError(e, root) {
  const failure = writeFailureOf(e);
  return failure ? new UserError(`cannot write the run store ${root}: ${failure.what}; ${failure.fix}`) : e;
}
function checkSerial(serial) {
  if (!isValidSerial(serial)) throw new UserError(`"${serial}" is not an Andon serial (e.g. 20261125T190512345Z-3fa2c1 or gh-123456789-1)`);
}
var FsStore = class {
  root;
  constructor(root) {
    this.root = path.resolve(root);
  }
  runDir(serial) {
    checkSerial(serial);
    return path.join(this.root, serial);
  }
  stageDir(serial, stageId) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(stageId)) throw new UserError(`"${stageId}" is not a stage id`);
    return path.join(this.runDir(serial), stageId);
  }
  async reserve(serial) {
    try {
      await mkdir(this.root, { recursive: true });
      await mkdir(this.runDir(serial));
    } catch (e) {
      if (e.code === "EEXIST") throw new UserError(`serial ${serial} is already used in ${this.root}; serials are never reused`);
      throw storeWriteError(e, this.root);
    }
  }
  async hasRun(serial) {
    try {
      await stat(path.join(this.runDir(serial), RECORD_FILE));
      return true;
    } catch {
      return false;
    }
  }
  async writeRecord(record) {
    try {
      await writeFileAtomic(path.join(this.runDir(record.serial), RECORD_FILE), serializeRecord(record));
    } catch (e) {
      throw storeWriteError(e, this.root);
    }
  }
  writeRecordSync(record) {
    writeFileAtomicSync(path.join(this.runDir(record.serial), RECORD_FILE), serializeRecord(record));
  }
  async loadRecord(serial) {
    const file = path.join(this.runDir(serial), RECORD_FILE);
    const read = readGuarded(file, { maxBytes: MAX_RECORD_BYTES, links: "refuse", within: this.root });
    if (read.kind === "missing") throw new UserError(`no run ${serial} in ${this.root}`);
    if (read.kind !== "ok") throw new UserError(`the run record ${describeRefusal(read)}`, { file });
    const text = read.bytes.toString("utf8");
    let json;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new UserError(`run record is not valid JSON: ${e.message}`, { file });
    }
    const schema = json?.schema;
    if (typeof schema === "string" && schema !== RECORD_SCHEMA && Number.isFinite(recordVersion(schema))) {
      const newer = recordVersion(schema) > recordVersion(RECORD_SCHEMA);
      throw new UserError(`run ${serial} is recorded as ${schema}; this Andon reads ${RECORD_SCHEMA}${newer ? ": a newer Andon wrote it, upgrade to read it" : ""}`, { file });
    }
    const parsed = RunRecord.safeParse(json);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new UserError(`not an andon.run/v1 record: ${first?.path.join(".") ?? ""} ${first?.message ?? ""}`.trim(), { file });
    }
    return parsed.data;
  }
  async listRuns(skipped) {
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
      } catch (e) {
        skipped?.(s, e.message);
      }
    }
    return out;
  }
  async hashStage(serial, stageId) {
    const dir = this.stageDir(serial, stageId);
    const files = await listFiles(dir);
    const out = [];
    for (const f of files) {
      const { sha256, bytes } = await sha256File(path.join(dir, f));
      out.push({ path: `${stageId}/${f}`, sha256, bytes });
    }
    return out;
  }
  async verify(record) {
    const problems = [];
    const runDir = this.runDir(record.serial);
    for (const stage of record.stages) {
      const recorded = new Map(stage.artifacts.map((a) => [a.path, a]));
      const present = new Set((await listFiles(path.join(runDir, stage.id))).map((f) => `${stage.id}/${f}`));
      for (const a of stage.artifacts) {
        if (!present.has(a.path)) {
          problems.push({ path: a.path, problem: "missing", expected: a.sha256 });
          continue;
        }
        const { sha256 } = await sha256File(path.join(runDir, a.path));
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
  localSerial,
  githubSerial,
  parseSerial,
  isValidSerial,
  compareSerials,
  writeFailureOf,
  RECORD_FILE,
  sha256File,
  FsStore
};
