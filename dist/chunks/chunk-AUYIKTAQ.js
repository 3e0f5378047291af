import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  Level
} from "./chunk-ICOFUTHA.js";
import {
  array,
  literal,
  number,
  object,
  string
} from "./chunk-5C57FHY2.js";

// src/core/finding-baseline.ts
var FindingBaselineEntry = object({
  fingerprint: string(),
  ruleId: string(),
  level: Level,
  message: string(),
  path: string().optional(),
  startLine: number().optional()
});
var FindingBaselineFile = object({
  schema: literal("andon.findings-baseline/v1"),
  stage: string(),
  entries: array(FindingBaselineEntry)
});
function toBaselineFile(stage, findings) {
  return {
    schema: "andon.findings-baseline/v1",
    stage,
    entries: findings.filter((f) => f.baseline !== "absent").map((f) => ({
      fingerprint: f.fingerprint,
      ruleId: f.ruleId,
      level: f.level,
      message: f.message,
      ...f.location ? { path: f.location.path } : {},
      ...f.location?.startLine ? { startLine: f.location.startLine } : {}
    }))
  };
}
function compareWithBaseline(stage, findings, baseline) {
  if (!baseline) return { findings: findings.map((f) => ({ ...f, baseline: "new" })), fixed: [] };
  const byPrint = /* @__PURE__ */ new Map();
  for (let i = 0; i < baseline.length; i++) {
    const fp = baseline[i].fingerprint;
    const b = byPrint.get(fp);
    if (b) b.items.push(i);
    else byPrint.set(fp, { items: [i], next: 0 });
  }
  const used = new Uint8Array(baseline.length);
  const out = new Array(findings.length);
  const pending = [];
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    const j = takeSamePath(byPrint.get(f.fingerprint), f.location?.path ?? "", baseline, used);
    if (j === void 0) pending.push(i);
    else out[i] = { ...f, baseline: "unchanged" };
  }
  for (const i of pending) {
    const f = findings[i];
    const j = takeAny(byPrint.get(f.fingerprint), used);
    out[i] = { ...f, baseline: j === void 0 ? "new" : "unchanged" };
  }
  const fixed = [];
  for (let i = 0; i < baseline.length; i++) {
    if (used[i]) continue;
    const e = baseline[i];
    fixed.push({
      stage,
      ruleId: e.ruleId,
      level: e.level,
      message: e.message,
      fingerprint: e.fingerprint,
      baseline: "absent",
      traceTo: [],
      ...e.path ? { location: { path: e.path, ...e.startLine ? { startLine: e.startLine } : {} } } : {}
    });
  }
  return { findings: out, fixed };
}
var SPLIT_AT = 8;
function takeSamePath(b, path2, baseline, used) {
  if (!b) return void 0;
  if (b.items.length <= SPLIT_AT) {
    for (const j of b.items) {
      if (!used[j] && (baseline[j].path ?? "") === path2) {
        used[j] = 1;
        return j;
      }
    }
    return void 0;
  }
  if (!b.byPath) {
    b.byPath = /* @__PURE__ */ new Map();
    for (const j of b.items) {
      const p = baseline[j].path ?? "";
      const sub = b.byPath.get(p);
      if (sub) sub.items.push(j);
      else b.byPath.set(p, { items: [j], next: 0 });
    }
  }
  return takeAny(b.byPath.get(path2), used);
}
function takeAny(b, used) {
  if (!b) return void 0;
  while (b.next < b.items.length) {
    const j = b.items[b.next++];
    if (!used[j]) {
      used[j] = 1;
      return j;
    }
  }
  return void 0;
}

// src/core/fingerprint.ts
import * as crypto from "node:crypto";
import { closeSync, constants, fstatSync, openSync, readFileSync, realpathSync } from "node:fs";
import path from "node:path";
var NEIGHBOURS = 1;
function normalise(line) {
  return (line ?? "").replace(/\s+/g, "");
}
var oneShot = crypto.hash;
function digest(text) {
  return (oneShot ? oneShot("sha1", text, "hex") : crypto.createHash("sha1").update(text).digest("hex")).slice(0, 16);
}
function stableMessage(message) {
  return message.replace(/\d+/g, "#").replace(/\s+/g, " ").trim();
}
function workspaceLineReader(workspace, maxBytes = 16 * 1024 * 1024) {
  const root = path.resolve(workspace);
  const inside = (r, abs) => abs === r || abs.startsWith(r + path.sep);
  let rootReal;
  const realDirs = /* @__PURE__ */ new Map();
  const real = (p) => {
    try {
      return realpathSync(p);
    } catch {
      return null;
    }
  };
  const readCapped = (file, flags) => {
    const fd = openSync(file, flags);
    try {
      return fstatSync(fd).size > maxBytes ? null : readFileSync(fd, "utf8");
    } finally {
      closeSync(fd);
    }
  };
  const read = (rel) => {
    const abs = path.resolve(root, rel);
    if (abs === root || !inside(root, abs)) return null;
    rootReal ??= real(root) ?? root;
    const dir = path.dirname(abs);
    let rd = realDirs.get(dir);
    if (rd === void 0) realDirs.set(dir, rd = real(dir));
    if (rd === null || !inside(rootReal, rd)) return null;
    if (constants.O_NOFOLLOW !== void 0) {
      try {
        return readCapped(abs, constants.O_RDONLY | constants.O_NOFOLLOW);
      } catch (err) {
        if (err.code !== "ELOOP") return null;
      }
    }
    const target = real(abs);
    if (target === null || target === rootReal || !inside(rootReal, target)) return null;
    try {
      return readCapped(target, constants.O_RDONLY);
    } catch {
      return null;
    }
  };
  return async (rel) => read(rel);
}
var READ_CONCURRENCY = 16;
async function fingerprintAll(items, readLines) {
  const groups = /* @__PURE__ */ new Map();
  for (let n = 0; n < items.length; n++) {
    const p = items[n].location?.path ?? "";
    const g = groups.get(p);
    if (g) g.push(n);
    else groups.set(p, [n]);
  }
  const out = new Array(items.length);
  const queue = [...groups];
  let next = 0;
  const worker = async () => {
    while (next < queue.length) {
      const [p, indexes] = queue[next++];
      const needsText = p !== "" && indexes.some((n) => items[n].location?.startLine !== void 0);
      const lines = needsText ? await readLines(p) : null;
      fingerprintFile(items, indexes, lines === null ? null : typeof lines === "string" ? new TextLines(lines) : lines, out);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, queue.length) }, worker));
  return out;
}
var TextLines = class {
  constructor(text) {
    this.text = text;
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
  }
  text;
  starts = [0];
  get length() {
    return this.starts.length;
  }
  line(k) {
    const end = this.starts[k + 1];
    return this.text.slice(this.starts[k], end === void 0 ? void 0 : end - 1);
  }
};
function fingerprintFile(items, indexes, source, out) {
  const lines = source === null ? null : Array.isArray(source) ? { length: source.length, line: (k) => source[k] } : source;
  const normal = lines ? new Array(lines.length) : [];
  const seen = /* @__PURE__ */ new Map();
  for (const n of indexes) {
    const item = items[n];
    const startLine = item.location?.startLine;
    let body;
    if (lines && startLine !== void 0) {
      const i = startLine - 1;
      body = item.ruleId + "\0";
      for (let k = i - NEIGHBOURS; k <= i + NEIGHBOURS; k++) {
        if (k !== i - NEIGHBOURS) body += "\n";
        if (k >= 0 && k < lines.length) body += normal[k] ??= normalise(lines.line(k));
      }
    } else {
      body = `${item.ruleId}\0${stableMessage(item.message)}`;
    }
    const hash2 = digest(body);
    const count = (seen.get(hash2) ?? 0) + 1;
    seen.set(hash2, count);
    out[n] = `${hash2}:${count}`;
  }
}

export {
  FindingBaselineFile,
  toBaselineFile,
  compareWithBaseline,
  workspaceLineReader,
  fingerprintAll
};
