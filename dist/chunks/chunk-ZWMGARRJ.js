import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  PIECE_FILE,
  carryForward,
  describeMiss,
  fetchStageFolders,
  hasFolder,
  listArtifacts,
  otherRunLocator,
  ownRunLocator,
  pendingStage,
  readEarlierAttempts,
  readRun,
  recordPieceName,
  serializePiece,
  stageArtifactName,
  withDeadline
} from "./chunk-UPPQ2J5F.js";
import {
  parseSerial,
  sha256File
} from "./chunk-SPBR4F3X.js";
import {
  array,
  object,
  string
} from "./chunk-QTHYIHUL.js";
import {
  errorMessage
} from "./chunk-HUTQD67Y.js";

// src/github/attempt-record.ts
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
var CARRIED_FILE = "carried.json";
var Carried = array(object({ id: string(), from: string() }));
async function readCarried(runDir) {
  try {
    return Carried.parse(JSON.parse(await readFile(path.join(runDir, CARRIED_FILE), "utf8")));
  } catch {
    return [];
  }
}
async function writeCarried(runDir, carried) {
  await mkdir(runDir, { recursive: true });
  await writeFile(path.join(runDir, CARRIED_FILE), JSON.stringify(carried));
}
async function pieceOf(store, record, stages, gh) {
  return {
    schema: "andon.record-piece/v1",
    serial: record.serial,
    stages: stages ? [...stages] : record.stages.map((s) => s.id),
    carried: await readCarried(store.runDir(record.serial)),
    github: gh.facts,
    record
  };
}
async function adoptAttempt(c) {
  const { gh, store } = c;
  const runDir = store.runDir(gh.serial);
  try {
    const locator = ownRunLocator(c.artifacts);
    const listed = await listArtifacts(locator, c.settings);
    const read = await readRun(locator, listed, gh.serial, c.settings, { earlier: null });
    c.notes.push(...read.notes);
    if (!read.run) return;
    const run = read.run;
    const taken = new Set(c.own.filter((id) => run.carried.delete(id)));
    run.record.stages = run.record.stages.map((st) => taken.has(st.id) ? pendingStage(st) : st);
    run.record.transitions = run.record.transitions.filter((t) => !taken.has(t.stage));
    await mkdir(runDir, { recursive: true });
    await store.writeRecord(run.record);
    await writeCarried(runDir, [...run.carried].map(([id, from]) => ({ id, from })));
    const fromHere = run.record.stages.filter((s) => s.state !== "pending" && !run.carried.has(s.id)).map((s) => s.id);
    const got = await fetchStageFolders(locator, listed, run, runDir, fromHere, c.settings);
    if (got.missing.length > 0) c.notes.push(`stage folders of ${got.missing.join(", ")} could not be fetched from earlier jobs`);
    for (const p of got.problems) c.notes.push(`stage folder file ${p.path} from an earlier job is ${p.problem}`);
    if (run.carried.size > 0) await fetchCarried(c, run, [...run.carried.keys()]);
    c.settings.logger.info(`joined run ${gh.serial} recorded by earlier jobs (${run.record.stages.filter((s) => s.state !== "pending").length} stages done)`);
  } catch (e) {
    await rm(runDir, { recursive: true, force: true });
    c.notes.push(`could not pick up this run's record from earlier jobs (${errorMessage(e)}): starting it here`);
  }
}
async function fetchCarried(c, run, ids) {
  if (!c.rest) {
    c.notes.push(`folders of ${ids.join(", ")} stay in earlier attempts (no token with actions: read to fetch them)`);
    return [];
  }
  const locator = otherRunLocator(c.rest, { repo: c.gh.repo, runId: c.gh.runId });
  const listed = await listArtifacts(locator, c.settings);
  const got = await fetchStageFolders(locator, listed, run, c.store.runDir(run.serial), ids, c.settings);
  return [...got.missing, ...got.problems.map((p) => p.path.split("/")[0] ?? "")];
}
async function carryEarlierAttempts(c, record) {
  const parsed = parseSerial(record.serial);
  if (parsed?.kind !== "github" || parsed.attempt < 2) return record;
  if (!c.rest) {
    c.notes.push("earlier attempts of this run are not read (no token with actions: read): stages they passed stay pending here");
    return record;
  }
  const runDir = c.store.runDir(record.serial);
  try {
    const locator = otherRunLocator(c.rest, { repo: c.gh.repo, runId: c.gh.runId });
    const listed = await listArtifacts(locator, c.settings);
    const earlier = await readEarlierAttempts(locator, listed, record.serial, c.settings, c.notes);
    if (!earlier) return record;
    const carriedBefore = new Map((await readCarried(runDir)).map((x) => [x.id, x.from]));
    const exclude = new Set(c.own);
    for (let round = 0; round < 3; round++) {
      const current = { serial: record.serial, record: JSON.parse(JSON.stringify(record)), github: c.gh.facts, carried: new Map(carriedBefore), conflicts: [] };
      const r = carryForward(current, earlier, { exclude, folderAvailable: (id, serial) => hasFolder(listed, serial, id) });
      if (round === 0) c.notes.push(...r.notes);
      if (r.carried.length === 0) return record;
      const broken = await fetchStageFolders(locator, listed, current, runDir, r.carried, c.settings);
      const bad = /* @__PURE__ */ new Set([...broken.missing, ...broken.problems.map((p) => p.path.split("/")[0] ?? "")]);
      if (bad.size > 0) {
        c.notes.push(`not carried forward, their folders did not come back whole: ${[...bad].join(", ")}`);
        for (const id of bad) {
          exclude.add(id);
          await rm(path.join(runDir, id), { recursive: true, force: true });
        }
        continue;
      }
      await c.store.writeRecord(current.record);
      await writeCarried(runDir, [...current.carried].map(([id, from]) => ({ id, from })));
      c.settings.logger.info(`carried forward from earlier attempts: ${r.carried.join(", ")}`);
      return current.record;
    }
  } catch (e) {
    c.notes.push(`earlier attempts could not be read (${errorMessage(e)}): stages they passed stay pending here`);
  }
  return record;
}

// src/github/run-upload.ts
import { mkdir as mkdir2, readFile as readFile2, writeFile as writeFile2 } from "node:fs/promises";
import path2 from "node:path";
var MAX_NAMES = 5;
async function recordedFiles(store, serial, stage) {
  const runDir = store.runDir(serial);
  const files = [];
  for (const a of stage.artifacts) {
    const abs = path2.resolve(runDir, a.path);
    if (!abs.startsWith(runDir + path2.sep)) return { files: [], problem: `${a.path} lies outside the run folder` };
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
async function uploadUntilLanded(nameFor, files, root, s) {
  const end = Date.now() + s.deadlineMs;
  let retry = 0;
  let last = "";
  for (let i = 0; ; i++) {
    const name = nameFor(retry);
    const left = end - Date.now();
    if (left <= 0) return { kind: "missed", name, reason: `upload of ${name} failed within ${Math.round(s.deadlineMs / 1e3)} s: ${last}` };
    const up = await withDeadline(left, () => s.service.upload(name, files, root, s.retentionDays));
    if (up.kind === "done") return { kind: "uploaded", name, id: up.value.id, files: files.length };
    if (up.kind === "timed-out") return { kind: "missed", name, reason: describeMiss(`upload of ${name}`, up), hung: true };
    last = up.error;
    const listed = await withDeadline(Math.max(1, end - Date.now()), () => s.service.listOwn());
    const landed = listed.kind === "done" ? listed.value.find((a) => a.name === name) : void 0;
    if (landed) return { kind: "uploaded", name, id: landed.id, files: files.length };
    if (/\b409\b|already exists|Conflict/i.test(up.error)) {
      if (++retry >= MAX_NAMES) return { kind: "missed", name, reason: `upload of ${name}: ${MAX_NAMES} names taken by unfinished artifacts` };
      s.logger.info(`${name} is held by an artifact that was never finished: trying ${nameFor(retry)}`);
      continue;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** Math.min(i, 4), Math.max(0, end - Date.now()))).unref());
  }
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
    const r = await uploadUntilLanded((n) => stageArtifactName(record.serial, stage.id, n), files, store.runDir(record.serial), s);
    if (r.kind === "missed") {
      s.logger.warn(`${r.reason}; the local record in ${store.runDir(record.serial)} is intact and the verdict stands`);
      if (r.hung) down = r.reason;
    }
    const { hung: _, ...result } = r;
    out.push(result);
  }
  return out;
}
var UPLOADED_PIECES = ".uploaded-pieces";
async function uploadPiece(store, piece, s) {
  const { text, sha256 } = serializePiece(piece);
  const name = recordPieceName(piece.serial, sha256);
  const runDir = store.runDir(piece.serial);
  const mark = path2.join(runDir, UPLOADED_PIECES);
  const done = (await readFile2(mark, "utf8").catch(() => "")).split("\n");
  if (done.includes(sha256)) return { kind: "skipped", name, reason: "this piece is already uploaded" };
  const dir = path2.join(runDir, ".pieces", sha256.slice(0, 16));
  await mkdir2(dir, { recursive: true });
  await writeFile2(path2.join(dir, PIECE_FILE), text);
  const r = await uploadUntilLanded((n) => recordPieceName(piece.serial, sha256, n), [path2.join(dir, PIECE_FILE)], dir, s);
  if (r.kind === "missed") {
    s.logger.warn(`${r.reason}; record piece not uploaded, the local record in ${runDir} is intact and the verdict stands`);
    return { kind: "missed", name: r.name, reason: r.reason };
  }
  await writeFile2(mark, [...done.filter(Boolean), sha256].join("\n")).catch((e) => s.logger.debug(`could not note the uploaded piece: ${errorMessage(e)}`));
  return { kind: "uploaded", name: r.name, id: r.kind === "uploaded" ? r.id : 0, files: 1 };
}
async function missingStageArtifacts(record, s) {
  const listed = await withDeadline(s.deadlineMs, () => s.service.listOwn());
  if (listed.kind !== "done") {
    s.logger.warn(describeMiss("listing this run's artifacts", listed));
    return null;
  }
  const have = new Set(listed.value.map((a) => a.name));
  const landed = (id) => [0, 1, 2, 3, 4].some((n) => have.has(stageArtifactName(record.serial, id, n)));
  return record.stages.filter((st) => st.artifacts.length > 0 && !landed(st.id)).map((st) => st.id);
}

export {
  pieceOf,
  adoptAttempt,
  carryEarlierAttempts,
  uploadStageFolders,
  uploadPiece,
  missingStageArtifacts
};
