import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  StageRecord,
  writeFileAtomic
} from "./chunk-R2DVGQ2Z.js";
import {
  literal,
  object,
  string
} from "./chunk-QTHYIHUL.js";

// src/core/stage-cache.ts
import { cp, mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
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
    return path.join(this.root, "stages", stageId, digestHex(digest));
  }
  async get(stageId, digest) {
    const dir = this.entryDir(stageId, digest);
    try {
      const entry = CachedStageEntry.parse(JSON.parse(await readFile(path.join(dir, "entry.json"), "utf8")));
      if (entry.stage.inputsDigest !== digest || entry.stage.id !== stageId) return null;
      return { serial: entry.serial, stage: entry.stage, dir: path.join(dir, "files") };
    } catch {
      return null;
    }
  }
  async put(serial, stage, dir) {
    if (!stage.inputsDigest) return;
    const target = this.entryDir(stage.id, stage.inputsDigest);
    await rm(target, { recursive: true, force: true });
    await mkdir(target, { recursive: true });
    await cp(dir, path.join(target, "files"), { recursive: true });
    await writeFileAtomic(path.join(target, "entry.json"), JSON.stringify({ schema: "andon.stage-cache/v1", serial, stage }));
  }
  /** Locally the folder simply stays where it is between runs. */
  async toolDir(stageId) {
    const dir = path.join(this.root, "tools", stageIdFolder(stageId));
    await mkdir(dir, { recursive: true });
    return dir;
  }
};

export {
  CachedStageEntry,
  stageIdFolder,
  FsStageCache
};
