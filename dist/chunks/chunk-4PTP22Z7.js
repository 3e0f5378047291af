import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  writeFileAtomic
} from "./chunk-R2DVGQ2Z.js";
import {
  BaselineState,
  Level,
  compareFindings,
  countFindings
} from "./chunk-NLHABGJB.js";
import {
  glob
} from "./chunk-K4VEHVI3.js";
import {
  array,
  boolean,
  describeRefusal,
  fileTypeOf,
  literal,
  looseObject,
  number,
  object,
  openGuarded,
  readOpenFile,
  record,
  require_picomatch,
  string,
  unknown
} from "./chunk-QTHYIHUL.js";
import {
  isInside
} from "./chunk-TXGCBDM3.js";
import {
  ANDON_VERSION
} from "./chunk-AS4XOIVA.js";
import {
  askGit
} from "./chunk-X4N7ZENU.js";
import {
  __toESM
} from "./chunk-TZYN2FJC.js";

// src/core/stage-folder.ts
import { createHash as createHash2 } from "node:crypto";
import { closeSync as closeSync2, writeFileSync } from "node:fs";
import path2 from "node:path";

// src/core/inputs-digest.ts
var import_picomatch = __toESM(require_picomatch(), 1);
import { createHash } from "node:crypto";
import { closeSync, createReadStream, lstatSync, readlinkSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";

// src/core/canonical-json.ts
function canonicalJson(value) {
  return JSON.stringify(sortKeys(value));
}
function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    const out = {};
    for (const k of Object.keys(value).sort()) {
      const v = value[k];
      if (v !== void 0) out[k] = sortKeys(v);
    }
    return out;
  }
  return value;
}

// src/core/workspace-files.ts
var IGNORED_DIRS = ["**/node_modules/**", "**/.git/**"];
var REGULAR = /* @__PURE__ */ new Set(["100644", "100755"]);
var DEFAULT_RUN_FOLDERS = [".andon/runs", ".andon/cache"];
function inFolders(p, folders) {
  return folders.some((f) => p === f || p.startsWith(`${f}/`));
}
async function listWorkspaceFiles(workspace, env, runFolders = DEFAULT_RUN_FOLDERS) {
  const [staged, status] = await askGit(workspace, [
    ["ls-files", "-s", "-z"],
    ["status", "--porcelain=v2", "-z", "--untracked-files=all", "--ignored=matching", "--no-renames", "--ignore-submodules=all"]
  ], env);
  if (staged.ok && status.ok) return fromGit(staged.stdout, status.stdout, runFolders);
  const files = /* @__PURE__ */ new Map();
  const ignore = [...IGNORED_DIRS, ...runFolders.map((f) => `${f}/**`)];
  for (const p of await glob(["**/*"], { cwd: workspace, dot: true, ignore, onlyFiles: true })) files.set(p, null);
  return { files, unverified: "all", objectFormat: "sha1", ignored: [] };
}
function fromGit(lsFiles, status, runFolders) {
  const files = /* @__PURE__ */ new Map();
  const unverified = /* @__PURE__ */ new Set();
  let objectFormat = "sha1";
  for (const entry of lsFiles.split("\0")) {
    if (!entry) continue;
    const tab = entry.indexOf("	");
    const [mode, blob] = entry.slice(0, tab).split(" ");
    if (mode === "160000") continue;
    if (blob?.length === 64) objectFormat = "sha256";
    const p = entry.slice(tab + 1);
    if (inFolders(p, runFolders)) continue;
    files.set(p, blob ?? null);
    if (!REGULAR.has(mode ?? "")) unverified.add(p);
  }
  const ignored = [];
  for (const entry of status.split("\0")) {
    if (entry.startsWith("? ")) {
      const p = entry.slice(2);
      if (inFolders(p, runFolders)) continue;
      files.set(p, null);
      unverified.add(p);
    } else if (entry.startsWith("! ")) {
      const p = entry.slice(2);
      if (!inFolders(p.replace(/\/$/, ""), runFolders)) ignored.push(p);
    } else if (entry.startsWith("1 ") || entry.startsWith("u ")) {
      const fields = entry.split(" ");
      const ordinary = entry.startsWith("1 ");
      const p = fields.slice(ordinary ? 8 : 10).join(" ");
      if (!files.has(p)) continue;
      files.set(p, null);
      const worktreeMode = fields[ordinary ? 5 : 6] ?? "";
      if (!ordinary || !REGULAR.has(worktreeMode)) unverified.add(p);
    }
  }
  return { files, unverified, objectFormat, ignored };
}

// src/core/inputs-digest.ts
var InputsManifest = object({
  kind: string(),
  options: unknown(),
  tools: record(string(), string()),
  extra: unknown(),
  /** path → content id ("blob:<git blob id>"). */
  files: record(string(), string())
});
var StatEntry = object({ m: number(), c: number(), s: number(), i: number(), h: string() });
var StatCacheFile = record(string(), StatEntry);
var NEVER_WALKED = ["**/node_modules/**", "**/.git/**"];
function namedFolders(glob2) {
  const segments = glob2.split("/");
  const matchers = [];
  for (let k = 1; k < segments.length; k++) {
    if (!import_picomatch.default.scan(segments[k - 1]).isGlob) matchers.push((0, import_picomatch.default)(segments.slice(0, k).join("/"), { dot: true }));
  }
  return matchers.length > 0 ? (dir) => matchers.some((m) => m(dir)) : null;
}
function isWildcardPath(glob2) {
  const segments = glob2.split("/");
  return segments[0] === "**" && segments.slice(0, -1).every((s) => s === "**");
}
var InputsDigester = class {
  constructor(workspace, statCacheFile, env, runFolders = []) {
    this.workspace = workspace;
    this.statCacheFile = statCacheFile;
    this.env = env;
    const root = path.resolve(workspace);
    const inside = runFolders.map((f) => path.resolve(f)).filter((f) => isInside(root, f));
    this.runFolders = [.../* @__PURE__ */ new Set([...DEFAULT_RUN_FOLDERS, ...inside.map((f) => path.relative(root, f).split(path.sep).join("/"))])];
  }
  workspace;
  statCacheFile;
  env;
  listing;
  statCache;
  statCacheDirty = false;
  objectFormat = "sha1";
  /** Workspace-relative folders that are never inputs: the run store and the stage cache. */
  runFolders;
  /** Whether a workspace-relative path is in the run store or the stage cache. */
  inRunFolder(rel) {
    return inFolders(rel, this.runFolders);
  }
  /** The files may have changed (a stage ran, outputs were restored): the next listing asks git again. */
  invalidate() {
    this.listing = void 0;
  }
  /** The workspace's files, listed once per run and again after a stage changed them (shared with stages through StageContext.workspaceFiles). */
  files() {
    return this.listing ??= listWorkspaceFiles(this.workspace, this.env, this.runFolders).then((l) => {
      this.objectFormat = l.objectFormat;
      return l;
    });
  }
  /**
   * The git-ignored files the globs name: ignored files git lists one by one, and the files of ignored folders a glob
   * names (never node_modules, .git, the store or the cache; links are not followed).
   */
  async ignoredMatches(globs, ignored) {
    const positive = globs.filter((g) => !g.startsWith("!") && !isWildcardPath(g));
    if (positive.length === 0 || ignored.length === 0) return [];
    const out = /* @__PURE__ */ new Set();
    const match = (0, import_picomatch.default)(positive, { dot: true });
    const named = positive.map(namedFolders).filter((n) => n !== null);
    for (const entry of ignored) {
      if (!entry.endsWith("/")) {
        if (match(entry)) out.add(entry);
        continue;
      }
      const dir = entry.slice(0, -1);
      if (dir.split("/").includes("node_modules") || !named.some((n) => n(dir))) continue;
      const skip = [...NEVER_WALKED, ...this.runFolders.filter((f) => f.startsWith(`${dir}/`)).map((f) => `${f.slice(dir.length + 1)}/**`)];
      const inside = await glob(["**/*"], { cwd: path.join(this.workspace, dir), dot: true, onlyFiles: true, followSymbolicLinks: false, ignore: skip });
      for (const rel of inside) {
        const p = `${dir}/${rel}`;
        if (match(p)) out.add(p);
      }
    }
    return [...out];
  }
  /** The content id of bytes as the digest names a file's content. */
  contentIdOf(bytes) {
    return `blob:${createHash(this.objectFormat).update(`blob ${bytes.length}\0`).update(bytes).digest("hex")}`;
  }
  async loadStatCache() {
    if (this.statCache) return this.statCache;
    this.statCache = /* @__PURE__ */ new Map();
    if (this.statCacheFile) {
      try {
        const data = StatCacheFile.parse(JSON.parse(await readFile(this.statCacheFile, "utf8")));
        for (const [k, v] of Object.entries(data)) this.statCache.set(k, v);
      } catch {
      }
    }
    return this.statCache;
  }
  /** The content id of a workspace file as the digest names it ("missing" when there is none). */
  async contentId(rel) {
    const abs = path.join(this.workspace, rel);
    const cache = await this.loadStatCache();
    let st;
    try {
      st = lstatSync(abs);
    } catch {
      return "missing";
    }
    if (st.isSymbolicLink()) {
      let target;
      try {
        target = readlinkSync(abs, { encoding: "buffer" });
      } catch {
        return "missing";
      }
      return `blob:${createHash(this.objectFormat).update(`blob ${target.length}\0`).update(target).digest("hex")}`;
    }
    if (!st.isFile()) return `special:${fileTypeOf(st)}`;
    const hit = cache.get(rel);
    if (hit && hit.m === st.mtimeMs && hit.c === st.ctimeMs && hit.s === st.size && hit.i === st.ino && hit.h.length === (this.objectFormat === "sha1" ? 45 : 69)) return hit.h;
    const id = await gitBlobId(abs, this.objectFormat);
    if (id === null) return "missing";
    const h = `blob:${id}`;
    cache.set(rel, { m: st.mtimeMs, c: st.ctimeMs, s: st.size, i: st.ino, h });
    this.statCacheDirty = true;
    return h;
  }
  /** Digests a stage's inputs; files matching `exclude` (the stage's own declared outputs) are not among them. */
  async digest(kind, options, inputs, exclude = []) {
    const { files: listing, ignored } = await this.files();
    const match = (0, import_picomatch.default)(inputs.files.length > 0 ? inputs.files : ["!**"], { dot: true });
    const excluded = exclude.length > 0 ? (0, import_picomatch.default)([...exclude], { dot: true }) : () => false;
    const found = new Set([...listing.keys()].filter((p) => match(p)));
    for (const p of await this.ignoredMatches(inputs.files, ignored)) found.add(p);
    const matched = [...found].filter((p) => !excluded(p)).sort();
    const files = {};
    const pendingHash = [];
    for (const p of matched) {
      const blob = listing.get(p);
      if (blob) files[p] = `blob:${blob}`;
      else pendingHash.push(p);
    }
    for (let i = 0; i < pendingHash.length; i += 64) {
      const batch = pendingHash.slice(i, i + 64);
      const ids = await Promise.all(batch.map((p) => this.contentId(p)));
      batch.forEach((p, k) => {
        if (ids[k] !== "missing") files[p] = ids[k];
      });
    }
    const manifest = { kind, options, tools: inputs.tools ?? {}, extra: inputs.extra ?? null, files };
    const h = createHash("sha256");
    h.update(canonicalJson({ kind, options, tools: manifest.tools, extra: manifest.extra }));
    h.update("\n");
    for (const p of matched) if (files[p] !== void 0) h.update(`${p}\0${files[p]}
`);
    return { digest: `sha256:${h.digest("hex")}`, manifest };
  }
  /** Keeps the stat cache for the next run. */
  async save() {
    if (!this.statCacheFile || !this.statCacheDirty || !this.statCache) return;
    await writeFileAtomic(this.statCacheFile, JSON.stringify(Object.fromEntries(this.statCache)));
    this.statCacheDirty = false;
  }
};
async function gitBlobId(file, format) {
  const opened = openGuarded(file, { maxBytes: Number.MAX_SAFE_INTEGER, links: "refuse" });
  if (opened.kind !== "ok") return null;
  const { fd, size } = opened;
  if (size <= 4 * 1024 * 1024) {
    try {
      const bytes = readOpenFile(fd, size);
      return createHash(format).update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
    } finally {
      closeSync(fd);
    }
  }
  return new Promise((resolve, reject) => {
    const h = createHash(format);
    h.update(`blob ${size}\0`);
    let read = 0;
    createReadStream("", { fd, start: 0, end: size - 1 }).on("data", (c) => {
      h.update(c);
      read += c.length;
    }).on("error", reject).on("end", () => read === size ? resolve(h.digest("hex")) : reject(new Error(`${file} shrank while it was hashed`)));
  });
}
function diffInputs(before, after) {
  const tools = {};
  for (const [tool, v] of Object.entries(after.tools)) if (before.tools[tool] !== v) tools[tool] = [before.tools[tool] ?? null, v];
  const files = [];
  for (const [p, id] of Object.entries(after.files)) {
    if (!(p in before.files)) files.push({ path: p, change: "added" });
    else if (before.files[p] !== id) files.push({ path: p, change: "modified" });
  }
  for (const p of Object.keys(before.files)) if (!(p in after.files)) files.push({ path: p, change: "removed" });
  return {
    options: canonicalJson(before.options) !== canonicalJson(after.options),
    tools,
    extra: canonicalJson(before.extra) !== canonicalJson(after.extra) ? explainExtraChange(before.extra, after.extra) : null,
    files
  };
}
var EXTRA_PARTS = { baseline: "the baseline changed (another base commit, or its findings)", kind: "the kind's own inputs changed", outputs: "the declared outputs changed" };
function explainExtraChange(before, after) {
  const b = before ?? {};
  const a = after ?? {};
  if (typeof b !== "object" || typeof a !== "object") return "other inputs changed";
  const keys = [.../* @__PURE__ */ new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => canonicalJson(b[k] ?? null) !== canonicalJson(a[k] ?? null)).sort();
  const named = keys.map((k) => EXTRA_PARTS[k] ?? `${k} changed`);
  return named.length > 0 ? named.join("; ") : "other inputs changed";
}
function explainInputsChange(before, after) {
  if (!before) return "the earlier run kept no inputs manifest to compare with";
  const d = diffInputs(before, after);
  const parts = [];
  if (d.options) parts.push("options changed");
  for (const [tool, [was, now]] of Object.entries(d.tools)) parts.push(`${tool} ${was ?? "absent"} -> ${now}`);
  if (d.extra) parts.push(d.extra);
  if (d.files.length > 0) {
    const shown = d.files.slice(0, 3).map((f) => `${f.path} (${f.change})`).join(", ");
    parts.push(`files changed: ${shown}${d.files.length > 3 ? ` and ${d.files.length - 3} more` : ""}`);
  }
  return parts.length > 0 ? parts.join("; ") : "inputs differ";
}

// src/core/sarif.ts
import { gzipSync } from "node:zlib";
var SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
var SARIF_LIMITS = {
  resultsPerRun: 25e3,
  runsPerFile: 20,
  locationsPerResult: 1e3,
  gzippedBytesPerFile: 10 * 1024 * 1024
};
var position = number().int().positive();
var SarifRegion = looseObject({
  startLine: position.optional(),
  startColumn: position.optional(),
  endLine: position.optional(),
  endColumn: position.optional()
});
var SarifLocation = looseObject({
  physicalLocation: looseObject({
    artifactLocation: looseObject({ uri: string(), uriBaseId: string().optional() }),
    region: SarifRegion.optional()
  })
});
var SarifRelatedLocation = SarifLocation.extend({ id: number().int().nonnegative().optional(), message: looseObject({ text: string() }).optional() });
var SarifResult = looseObject({
  ruleId: string(),
  ruleIndex: number().int().nonnegative().optional(),
  level: Level,
  message: looseObject({ text: string() }),
  locations: array(SarifLocation).optional(),
  relatedLocations: array(SarifRelatedLocation).optional(),
  partialFingerprints: record(string(), string()).optional(),
  baselineState: BaselineState.optional(),
  properties: looseObject({ traceTo: array(string()).optional(), inDiff: boolean().optional(), note: string().optional(), age: literal("unknown").optional() }).optional()
});
var FixedEntry = object({
  ruleId: string(),
  level: Level,
  message: string(),
  fingerprint: string(),
  path: string().optional(),
  startLine: position.optional()
});
var SarifRun = looseObject({
  tool: looseObject({
    driver: looseObject({
      name: string(),
      version: string().optional(),
      semanticVersion: string().optional(),
      informationUri: string().optional(),
      rules: array(looseObject({ id: string(), helpUri: string().optional(), shortDescription: object({ text: string() }).optional() }))
    })
  }),
  automationDetails: looseObject({ id: string() }).optional(),
  results: array(SarifResult),
  properties: looseObject({ fixedCount: number().int().nonnegative().optional(), fixed: array(FixedEntry).optional() }).optional()
});
var SarifLog = looseObject({
  $schema: string(),
  version: literal("2.1.0"),
  runs: array(SarifRun)
});
var ANDON_URI = "https://github.com/andon-dev/andon";
function uriOf(p) {
  return p.split("/").map(encodeURIComponent).join("/");
}
function physicalLocation(path3, region) {
  return { artifactLocation: { uri: uriOf(path3), uriBaseId: "%SRCROOT%" }, ...Object.keys(region).length > 0 ? { region } : {} };
}
function relatedLocations(related) {
  return related.slice(0, SARIF_LIMITS.locationsPerResult).map((r, i) => ({
    id: i,
    physicalLocation: physicalLocation(r.path, r.startLine ? { startLine: r.startLine, ...r.startColumn ? { startColumn: r.startColumn } : {} } : {}),
    ...r.message ? { message: { text: r.message } } : {}
  }));
}
function toResult(f, ruleIndex) {
  const result = {
    ruleId: f.ruleId,
    ruleIndex,
    level: f.level,
    message: { text: f.message || f.ruleId },
    partialFingerprints: { "andon/v1": f.fingerprint },
    // SARIF has no state for "age unknown": the result carries none, and says so in its properties.
    ...f.baseline === "unknown" ? {} : { baselineState: f.baseline }
  };
  if (f.location) {
    const region = {};
    if (f.location.startLine) region.startLine = f.location.startLine;
    if (f.location.startColumn && f.location.startLine) region.startColumn = f.location.startColumn;
    if (f.location.endLine && f.location.startLine) region.endLine = Math.max(f.location.endLine, f.location.startLine);
    if (f.location.endColumn && f.location.startLine) region.endColumn = f.location.endColumn;
    result.locations = [{ physicalLocation: physicalLocation(f.location.path, region) }];
  }
  if (f.related?.length) result.relatedLocations = relatedLocations(f.related);
  const props = {};
  if (f.traceTo.length > 0) props.traceTo = f.traceTo;
  if (f.inDiff !== void 0) props.inDiff = f.inDiff;
  if (f.note) props.note = f.note;
  if (f.baseline === "unknown") props.age = "unknown";
  if (Object.keys(props).length > 0) result.properties = props;
  return result;
}
function fixedEntry(f) {
  return {
    ruleId: f.ruleId,
    level: f.level,
    message: f.message,
    fingerprint: f.fingerprint,
    ...f.location ? { path: f.location.path, ...f.location.startLine ? { startLine: f.location.startLine } : {} } : {}
  };
}
var MAX_FIXED_LISTED = 1e3;
function buildSarif(findings, options) {
  const byTool = /* @__PURE__ */ new Map();
  for (const f of findings) {
    const tool = f.tool ?? options.defaultTool;
    const key = `${tool.name}\0${tool.version ?? ""}`;
    let group = byTool.get(key);
    if (!group) byTool.set(key, group = { tool, findings: [], fixed: [] });
    (f.baseline === "absent" ? group.fixed : group.findings).push(f);
  }
  if (byTool.size === 0) byTool.set("default", { tool: options.defaultTool, findings: [], fixed: [] });
  const limits = { ...SARIF_LIMITS, ...options.limits };
  const cut = [];
  const groups = [];
  for (const { tool, findings: list, fixed } of byTool.values()) {
    let kept = [...list].sort(compareFindings);
    if (kept.length > limits.resultsPerRun) {
      cut.push(`${tool.name}: ${kept.length - limits.resultsPerRun} of ${kept.length} results cut to stay within ${limits.resultsPerRun} results per run (most severe new findings kept)`);
      kept = kept.slice(0, limits.resultsPerRun);
    }
    groups.push({ tool, kept, fixed });
  }
  const make = (limitPerGroup) => ({
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: groups.map((g, i) => toRun(g.tool, limitPerGroup ? g.kept.slice(0, limitPerGroup[i]) : g.kept, g.fixed, options))
  });
  const log = make();
  keepRuns(log, cut, limits);
  const remake = (share) => {
    const smaller = make(groups.map((g) => Math.floor(g.kept.length * share)));
    keepRuns(smaller, [], limits);
    return smaller;
  };
  return { log: fitGzipped(log, remake, cut, limits), cut };
}
function toRun(tool, kept, fixed, options) {
  const ruleIds = [...new Set(kept.map((f) => f.ruleId))].sort();
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const helpByRule = new Map(kept.filter((f) => f.helpUri && isAbsoluteUri(f.helpUri)).map((f) => [f.ruleId, f.helpUri]));
  const informationUri = tool.informationUri ?? (tool.name === options.defaultTool.name ? ANDON_URI : void 0);
  const props = {};
  if (fixed.length > 0) {
    props.fixedCount = fixed.length;
    props.fixed = fixed.slice(0, MAX_FIXED_LISTED).map(fixedEntry);
  }
  return {
    tool: {
      driver: {
        name: tool.name,
        ...tool.version ? { version: tool.version } : {},
        ...informationUri && isAbsoluteUri(informationUri) ? { informationUri } : {},
        rules: ruleIds.map((id) => ({ id, ...helpByRule.has(id) ? { helpUri: helpByRule.get(id) } : {} }))
      }
    },
    automationDetails: { id: `andon/${options.category}/` },
    results: kept.map((f) => toResult(f, index.get(f.ruleId))),
    ...Object.keys(props).length > 0 ? { properties: props } : {}
  };
}
function isAbsoluteUri(u) {
  return /^[a-z][a-z0-9+.-]*:\S*$/i.test(u);
}
function runRank(run) {
  const first = run.results[0];
  if (!first) return 9;
  const level = { error: 0, warning: 1, note: 2 }[first.level];
  return (first.baselineState === "new" ? 0 : 3) + level;
}
function keepRuns(log, cut, limits) {
  if (log.runs.length <= limits.runsPerFile) return;
  cut.push(`${log.runs.length - limits.runsPerFile} of ${log.runs.length} runs left out to stay within ${limits.runsPerFile} runs per file (runs with the most severe new findings kept)`);
  const ranked = log.runs.map((r, i) => ({ r, i, k: runRank(r) })).sort((a, b) => a.k - b.k || a.i - b.i).slice(0, limits.runsPerFile);
  log.runs.splice(0, log.runs.length, ...ranked.sort((a, b) => a.i - b.i).map((x) => x.r));
}
function gzippedSize(log, limit) {
  const text = JSON.stringify(log);
  const raw = Buffer.byteLength(text);
  return { raw, gz: raw <= limit ? raw : gzipSync(text).length };
}
function megabytes(n) {
  return `${+(n / (1024 * 1024)).toFixed(2)} MB`;
}
function fitGzipped(log, remake, cut, limits) {
  const limit = limits.gzippedBytesPerFile;
  let size = gzippedSize(log, limit);
  if (size.gz <= limit) return log;
  const total = log.runs.reduce((n, r) => n + r.results.length, 0);
  let share = 1;
  let current = log;
  for (let i = 0; i < 12 && size.gz > limit; i++) {
    share *= Math.min(0.95, limit / size.gz * 0.95);
    current = remake(share);
    size = gzippedSize(current, limit);
  }
  const kept = current.runs.reduce((n, r) => n + r.results.length, 0);
  cut.push(`${total - kept} of ${total} results cut to stay within ${megabytes(limit)} gzipped per file (most severe new findings kept in each run)`);
  return current;
}
function parseSarif(text) {
  let json;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, why: `not JSON (${e.message})` };
  }
  const parsed = SarifLog.safeParse(json);
  if (parsed.success) return { ok: true, log: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, why: `not an Andon SARIF 2.1.0 log (${issue ? `/${issue.path.join("/")}: ${issue.message}` : "invalid"})` };
}
function safeDecode(uri) {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}
function fromResult(stage, r, tool, help) {
  const loc = r.locations?.[0]?.physicalLocation;
  const region = loc?.region;
  const helpUri = help.get(r.ruleId);
  return {
    stage,
    ruleId: r.ruleId,
    level: r.level,
    message: r.message.text,
    ...loc ? {
      location: {
        path: safeDecode(loc.artifactLocation.uri),
        ...region?.startLine ? { startLine: region.startLine } : {},
        ...region?.startColumn ? { startColumn: region.startColumn } : {},
        ...region?.endLine ? { endLine: region.endLine } : {},
        ...region?.endColumn ? { endColumn: region.endColumn } : {}
      }
    } : {},
    ...r.relatedLocations?.length ? { related: r.relatedLocations.map(relatedOf) } : {},
    fingerprint: r.partialFingerprints?.["andon/v1"] ?? "",
    baseline: r.properties?.age === "unknown" ? "unknown" : r.baselineState ?? "new",
    traceTo: r.properties?.traceTo ?? [],
    ...r.properties?.inDiff !== void 0 ? { inDiff: r.properties.inDiff } : {},
    tool,
    ...r.properties?.note ? { note: r.properties.note } : {},
    ...helpUri ? { helpUri } : {}
  };
}
function relatedOf(r) {
  const region = r.physicalLocation.region;
  return {
    path: safeDecode(r.physicalLocation.artifactLocation.uri),
    ...region?.startLine ? { startLine: region.startLine } : {},
    ...region?.startColumn ? { startColumn: region.startColumn } : {},
    ...r.message ? { message: r.message.text } : {}
  };
}
function fromFixed(stage, e, tool) {
  return {
    stage,
    ruleId: e.ruleId,
    level: e.level,
    message: e.message,
    ...e.path ? { location: { path: e.path, ...e.startLine ? { startLine: e.startLine } : {} } } : {},
    fingerprint: e.fingerprint,
    baseline: "absent",
    traceTo: [],
    tool
  };
}
function findingsOfSarif(stage, log) {
  const out = [];
  for (const run of log.runs) {
    const d = run.tool.driver;
    const tool = { name: d.name, ...d.version ? { version: d.version } : {} };
    const help = new Map(d.rules.filter((r) => r.helpUri).map((r) => [r.id, r.helpUri]));
    for (const r of run.results) out.push(fromResult(stage, r, tool, help));
    for (const e of run.properties?.fixed ?? []) out.push(fromFixed(stage, e, tool));
  }
  return out;
}

// src/core/stage-folder.ts
var STAGE_FILES = {
  /** What the stage and its tools said, masked. */
  log: "log.txt",
  /** Its findings as SARIF 2.1.0 (core/sarif.ts writes and reads it). */
  sarif: "findings.sarif",
  /** The stage kind's own result document. */
  result: "result.json",
  /** What `andon baseline update` commits and later runs compare against. */
  baseline: "baseline.json",
  /** The inputs manifest its inputs digest was made of. */
  inputs: "inputs.json"
};
function stageFile(dir, file) {
  return path2.join(dir, STAGE_FILES[file]);
}
function artifactPath(stageId, file) {
  return `${stageId}/${STAGE_FILES[file]}`;
}
function hasArtifact(stage, file) {
  const p = artifactPath(stage.id, file);
  return stage.artifacts.some((a) => a.path === p);
}
function readStageFile(dir, file, limits = {}) {
  return readStageFolderFile(dir, STAGE_FILES[file], limits);
}
function readRecordedStageFile(dir, stage, file) {
  const recorded = stage.artifacts.find((a) => a.path === artifactPath(stage.id, file));
  if (!recorded) return { kind: "unrecorded" };
  const was = `sha256 ${recorded.sha256.slice(0, 12)}, ${recorded.bytes} bytes`;
  const got = readStageFile(dir, file, { maxBytes: recorded.bytes });
  if (got.kind === "too-large") return { kind: "modified", recorded: was, now: `${got.size} bytes` };
  if (got.kind !== "ok") return got;
  const actual = createHash2("sha256").update(got.bytes).digest("hex");
  return actual === recorded.sha256 ? got : { kind: "modified", recorded: was, now: `sha256 ${actual.slice(0, 12)}` };
}
function describeStageRead(r) {
  if (r.kind === "unrecorded") return "is not among the files its run recorded; not trusted";
  if (r.kind === "modified") return `was modified since its run recorded it (recorded ${r.recorded}; now ${r.now}); not trusted`;
  return describeRefusal(r);
}
function readStageFolderFile(dir, name, limits = {}) {
  if (name !== path2.basename(name) || name.startsWith(".") || name === "") return { kind: "outside", target: name };
  const opened = openGuarded(path2.join(dir, name), { maxBytes: limits.maxBytes ?? Number.MAX_SAFE_INTEGER, links: "refuse", within: dir });
  if (opened.kind !== "ok") return opened;
  try {
    const tail = Math.min(opened.size, limits.tailBytes ?? opened.size);
    return { kind: "ok", bytes: readOpenFile(opened.fd, opened.size, opened.size - tail), size: opened.size };
  } catch (e) {
    return { kind: "unreadable", code: e.code ?? String(e) };
  } finally {
    closeSync2(opened.fd);
  }
}
function writeOutcome(dir, stageId, outcome, masker, previousCounts = {}) {
  const counts = masker.maskDeep({ ...previousCounts, ...outcome.counts ?? {} });
  if (outcome.findings) {
    const findings = masker.maskDeep(outcome.findings);
    const sarif = buildSarif(findings, { category: stageId, defaultTool: { name: "andon", version: ANDON_VERSION } });
    writeFileSync(stageFile(dir, "sarif"), JSON.stringify(sarif.log, null, 1));
    counts.findings = countFindings(findings);
    if (sarif.cut.length > 0) counts.sarifCut = sarif.cut;
  }
  if (outcome.result !== void 0) writeFileSync(stageFile(dir, "result"), JSON.stringify(masker.maskDeep(outcome.result), null, 1));
  if (outcome.baseline !== void 0) writeFileSync(stageFile(dir, "baseline"), JSON.stringify(masker.maskDeep(outcome.baseline)));
  return counts;
}
function writeInputsManifest(dir, manifest) {
  writeFileSync(stageFile(dir, "inputs"), JSON.stringify(manifest, null, 1));
}
async function readInputsManifest(dir) {
  const read = readStageFile(dir, "inputs");
  if (read.kind !== "ok") return null;
  try {
    const parsed = InputsManifest.safeParse(JSON.parse(read.bytes.toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
var MAX_SARIF_BYTES = 64 * 1024 * 1024;
async function readFindings(dir, stageId, maxBytes = MAX_SARIF_BYTES) {
  const file = stageFile(dir, "sarif");
  const got = readStageFile(dir, "sarif", { maxBytes });
  if (got.kind === "missing") return { kind: "missing", file };
  if (got.kind === "too-large") return { kind: "too-big", file, bytes: got.size };
  if (got.kind !== "ok") return { kind: "unreadable", file, why: `${STAGE_FILES.sarif} ${describeRefusal(got)}` };
  const read = parseSarif(got.bytes.toString("utf8"));
  if (!read.ok) return { kind: "unreadable", file, why: `${STAGE_FILES.sarif}: ${read.why}` };
  return { kind: "ok", file, log: read.log, findings: findingsOfSarif(stageId, read.log) };
}
async function readRunFindings(store, record2, note, maxBytes = MAX_SARIF_BYTES) {
  const out = [];
  for (const st of record2.stages) {
    if (!hasArtifact(st, "sarif")) continue;
    const rel = artifactPath(st.id, "sarif");
    const read = await readFindings(store.stageDir(record2.serial, st.id), st.id, maxBytes);
    if (read.kind === "ok") out.push({ stageId: st.id, file: read.file, log: read.log, findings: read.findings });
    else if (read.kind === "too-big") note(`${rel} is ${read.bytes} bytes, over ${maxBytes}: left out of the summary and annotations`);
    else note(`${rel} is unreadable: ${read.kind === "missing" ? "missing" : read.why}`);
  }
  return out;
}
function openFindingsOf(sarifs) {
  return sarifs.flatMap((s) => s.findings.filter((f) => f.baseline !== "absent"));
}

export {
  canonicalJson,
  InputsDigester,
  diffInputs,
  explainInputsChange,
  SARIF_SCHEMA,
  SARIF_LIMITS,
  keepRuns,
  fitGzipped,
  STAGE_FILES,
  stageFile,
  artifactPath,
  hasArtifact,
  readStageFile,
  readRecordedStageFile,
  describeStageRead,
  readStageFolderFile,
  writeOutcome,
  writeInputsManifest,
  readInputsManifest,
  readFindings,
  readRunFindings,
  openFindingsOf
};
