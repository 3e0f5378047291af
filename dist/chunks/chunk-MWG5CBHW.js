import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  STAGE_FILES
} from "./chunk-4PTP22Z7.js";
import {
  Level
} from "./chunk-NLHABGJB.js";
import {
  array,
  literal,
  number,
  object,
  readGuarded,
  string
} from "./chunk-QTHYIHUL.js";
import {
  isInside
} from "./chunk-TXGCBDM3.js";

// src/core/finding-baseline.ts
var FindingBaselineEntry = object({
  fingerprint: string(),
  ruleId: string(),
  level: Level,
  message: string(),
  path: string().optional(),
  startLine: number().optional(),
  /** The tool that found it (a stage may run several, not all on the same scope). */
  tool: string().optional()
});
var FindingBaselineFile = object({
  schema: literal("andon.findings-baseline/v1"),
  stage: string(),
  entries: array(FindingBaselineEntry),
  /** Parts of the stage (a source, a rule) the baseline's commit was not judged for, with why: their findings are of unknown age. */
  unjudged: array(object({ part: string(), why: string() })).optional()
});
function remedy(ref) {
  if (ref.origin === "file") return `write it again with \`andon baseline update\`, or delete it to compare with the base branch's last run`;
  return `run the line on the base branch again to leave a readable baseline, or commit one with \`andon baseline update\``;
}
async function readFindingBaseline(ref) {
  if (!ref) return { kind: "none" };
  const unavailable = await ref.unavailable?.();
  if (unavailable) return { kind: "unavailable", why: unavailable, from: ref.description };
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
  return { kind: "ok", entries: parsed.data.entries, from: ref.description, origin: ref.origin, json, unjudged: parsed.data.unjudged ?? [] };
}
function toBaselineEntry(f) {
  return {
    fingerprint: f.fingerprint,
    ruleId: f.ruleId,
    level: f.level,
    message: f.message,
    ...f.location ? { path: f.location.path } : {},
    ...f.location?.startLine ? { startLine: f.location.startLine } : {},
    ...f.tool ? { tool: f.tool.name } : {}
  };
}
function toBaselineFile(stage, findings) {
  return {
    schema: "andon.findings-baseline/v1",
    stage,
    entries: findings.filter((f) => f.baseline !== "absent").map(toBaselineEntry)
  };
}
function ageUnknown(f) {
  return { ...f, baseline: f.inDiff === false ? "unknown" : "new" };
}
function judgeAgainstBaseline(stage, findings, read, unjudged) {
  if (read.kind === "none" || read.kind === "invalid") return compareWithBaseline(stage, findings, null);
  if (read.kind === "unavailable") return { findings: findings.map(ageUnknown), fixed: [] };
  if (!unjudged) return compareWithBaseline(stage, findings, read.entries);
  const outside = findings.map(unjudged);
  const compared = compareWithBaseline(stage, findings.filter((_, i) => !outside[i]), read.entries);
  let next = 0;
  return { findings: findings.map((f, i) => outside[i] ? ageUnknown(f) : compared.findings[next++]), fixed: compared.fixed };
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
  const unmatched = [];
  for (const i of pending) {
    const f = findings[i];
    const j = takeAny(byPrint.get(f.fingerprint), used);
    if (j === void 0) unmatched.push(i);
    else out[i] = { ...f, baseline: "unchanged" };
  }
  for (const i of matchBySameProblem(findings, unmatched, baseline, used)) out[i] = { ...findings[i], baseline: "new" };
  for (let i = 0; i < findings.length; i++) out[i] ??= { ...findings[i], baseline: "unchanged" };
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
      ...e.path ? { location: { path: e.path, ...e.startLine ? { startLine: e.startLine } : {} } } : {},
      ...e.tool ? { tool: { name: e.tool } } : {}
    });
  }
  return { findings: out, fixed };
}
function matchBySameProblem(findings, pending, baseline, used) {
  if (pending.length === 0) return [];
  const key = (path2, ruleId, message) => `${path2 ?? ""}\0${ruleId}\0${message}`;
  const wanted = new Set(pending.map((i) => key(findings[i].location?.path, findings[i].ruleId, findings[i].message)));
  const open = /* @__PURE__ */ new Map();
  for (let j = 0; j < baseline.length; j++) {
    if (used[j]) continue;
    const e = baseline[j];
    const k = key(e.path, e.ruleId, e.message);
    if (!wanted.has(k)) continue;
    const list = open.get(k);
    if (list) list.push(j);
    else open.set(k, [j]);
  }
  const left = [];
  for (const i of pending) {
    const f = findings[i];
    const list = open.get(key(f.location?.path, f.ruleId, f.message)) ?? [];
    const away = (j) => Math.abs((baseline[j].startLine ?? 0) - (f.location?.startLine ?? 0));
    let best = -1;
    list.forEach((j, n) => {
      if (best < 0 || away(j) < away(list[best])) best = n;
    });
    if (best < 0) left.push(i);
    else used[list.splice(best, 1)[0]] = 1;
  }
  return left;
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
var levelRank = { error: 0, warning: 1, note: 2 };
function blocksGate(f, rule) {
  if (f.baseline === "absent" || levelRank[f.level] > levelRank[rule.failOn]) return false;
  return !rule.newOnly || f.baseline === "new";
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
  toBaselineEntry,
  toBaselineFile,
  judgeAgainstBaseline,
  compareWithBaseline,
  blocksGate,
  workspaceLineReader,
  fingerprintAll
};
