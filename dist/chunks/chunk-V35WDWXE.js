import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  describeMiss,
  recordArtifactName,
  stageArtifactName,
  withDeadline
} from "./chunk-QXRBFGU3.js";
import {
  RECORD_FILE,
  sha256File
} from "./chunk-M6DQOKU2.js";

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
  async deleteOwn(name) {
    const c = await this.get();
    await c.deleteArtifact(name);
  }
  async downloadOwn(id, dest) {
    const c = await this.get();
    const r = await c.downloadArtifact(id, { path: dest });
    if (r.digestMismatch) throw new Error(`artifact ${id} did not match its digest`);
  }
};

// src/github/run-upload.ts
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
var UPLOADED_MARK = ".uploaded-record.sha256";
async function recordedFiles(store, serial, stage) {
  const runDir = store.runDir(serial);
  const files = [];
  for (const a of stage.artifacts) {
    const abs = path.resolve(runDir, a.path);
    if (!abs.startsWith(runDir + path.sep)) return { files: [], problem: `${a.path} lies outside the run folder` };
    try {
      const { sha256 } = await sha256File(abs);
      if (sha256 !== a.sha256) return { files: [], problem: `${a.path} changed after the record hashed it` };
    } catch {
      return { files: [], problem: `${a.path} is missing` };
    }
    files.push(abs);
  }
  return { files, problem: null };
}
async function uploadStageFolders(store, record, stageIds, s) {
  const out = [];
  let down = null;
  for (const stage of record.stages) {
    if (!stageIds.includes(stage.id)) continue;
    const name = stageArtifactName(record.serial, stage.id);
    if (stage.artifacts.length === 0) {
      out.push({ kind: "skipped", name, reason: "no files" });
      continue;
    }
    if (down) {
      out.push({ kind: "missed", name, reason: `not tried: ${down}` });
      continue;
    }
    const { files, problem } = await recordedFiles(store, record.serial, stage);
    if (problem) {
      s.logger.warn(`artifact ${name} not uploaded: ${problem}`);
      out.push({ kind: "skipped", name, reason: problem });
      continue;
    }
    const r = await withDeadline(s.deadlineMs, () => s.service.upload(name, files, store.runDir(record.serial), s.retentionDays));
    if (r.kind === "done") {
      out.push({ kind: "uploaded", name, id: r.value.id, files: files.length });
      continue;
    }
    const why = describeMiss(`upload of ${name}`, r);
    s.logger.warn(`${why}; the local record in ${store.runDir(record.serial)} is intact and the verdict stands`);
    out.push({ kind: "missed", name, reason: why });
    down = why;
  }
  return out;
}
async function uploadRecord(store, record, s) {
  const name = recordArtifactName(record.serial);
  const runDir = store.runDir(record.serial);
  const file = path.join(runDir, RECORD_FILE);
  const bytes = await readFile(file);
  const sha = createHash("sha256").update(bytes).digest("hex");
  const mark = path.join(runDir, UPLOADED_MARK);
  if (await readFile(mark, "utf8").catch(() => "") === sha) return { kind: "skipped", name, reason: "this record is already uploaded" };
  const listed = await withDeadline(s.deadlineMs, () => s.service.listOwn());
  if (listed.kind !== "done") {
    const why = describeMiss("listing this run's artifacts", listed);
    s.logger.warn(`${why}; record not uploaded, the local record in ${runDir} is intact`);
    return { kind: "missed", name, reason: why };
  }
  if (listed.value.some((a) => a.name === name)) {
    const del = await withDeadline(s.deadlineMs, () => s.service.deleteOwn(name));
    if (del.kind !== "done") {
      const why = describeMiss(`replacing ${name}`, del);
      s.logger.warn(why);
      return { kind: "missed", name, reason: why };
    }
  }
  const up = await withDeadline(s.deadlineMs, () => s.service.upload(name, [file], runDir, s.retentionDays));
  if (up.kind !== "done") {
    const why = describeMiss(`upload of ${name}`, up);
    s.logger.warn(`${why}; the local record in ${runDir} is intact and the verdict stands`);
    return { kind: "missed", name, reason: why };
  }
  await writeFile(mark, sha);
  return { kind: "uploaded", name, id: up.value.id, files: 1 };
}
async function missingStageArtifacts(record, s) {
  const listed = await withDeadline(s.deadlineMs, () => s.service.listOwn());
  if (listed.kind !== "done") {
    s.logger.warn(describeMiss("listing this run's artifacts", listed));
    return null;
  }
  const have = new Set(listed.value.map((a) => a.name));
  return record.stages.filter((st) => st.artifacts.length > 0 && !have.has(stageArtifactName(record.serial, st.id))).map((st) => st.id);
}

export {
  ActionsArtifactService,
  uploadStageFolders,
  uploadRecord,
  missingStageArtifacts
};
