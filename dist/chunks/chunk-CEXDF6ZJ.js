import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  STAGE_FILES
} from "./chunk-STW6M52M.js";
import {
  Level
} from "./chunk-27MWIXIK.js";
import {
  array,
  isInside,
  literal,
  number,
  object,
  readGuarded,
  string
} from "./chunk-37LQLRZV.js";

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
function remedy(ref) {
  if (ref.origin === "file") return `write it again with \`andon baseline update\`, or delete it to compare with the base branch's last run`;
  return `run the line on the base branch again to leave a readable baseline, or commit one with \`andon baseline update\``;
}
async function readFindingBaseline(ref) {
  if (!ref) return { kind: "none" };
  const bytes = await ref.read(STAGE_FILES.baseline);
  if (!bytes) return { kind: "none" };
  const where = `the baseline from ${ref.description}`;
  let json;
  try {
    json = JSON.parse(bytes.toString("utf8"));
  } catch (e) {
    return { kind: "invalid", why: `${where} is not valid JSON (${e.message}); ${remedy(ref)}` };
  }
  const parsed = FindingBaselineFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue ? `/${issue.path.join("/")}: ${issue.message}` : "invalid";
    return { kind: "invalid", why: `${where} is not an andon.findings-baseline/v1 file (${at}); ${remedy(ref)}` };
  }
  return { kind: "ok", entries: parsed.data.entries, from: ref.description, json };
}
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
  const realDirs = /* @__PURE__ */ new Map();
  return async (rel) => {
    const abs = path.resolve(root, rel);
    if (!isInside(root, abs)) return null;
    const read = readGuarded(abs, { maxBytes, within: root, realDirs });
    return read.kind === "ok" ? read.bytes.toString("utf8") : null;
  };
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
      for (let d = -NEIGHBOURS; d <= NEIGHBOURS; d++) {
        const k = i + d;
        if (d !== -NEIGHBOURS) body += "\n";
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
  readFindingBaseline,
  toBaselineFile,
  compareWithBaseline,
  workspaceLineReader,
  fingerprintAll
};
