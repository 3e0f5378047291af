import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  systemClock
} from "./chunk-ZMTWOZYI.js";
import {
  Masker,
  REGRESSION_DESCRIPTION,
  RegressionOptions,
  nodeProcessRunner,
  shellArgv
} from "./chunk-GLJZXTTT.js";
import {
  STATIC_ANALYSIS_DESCRIPTION,
  StaticAnalysisOptions
} from "./chunk-36FUS5T6.js";
import {
  SPEC_DESCRIPTION,
  SpecOptions
} from "./chunk-ZWZRTQYX.js";
import {
  TEMPLATES_DESCRIPTION,
  TemplatesOptions,
  didYouMean
} from "./chunk-3LANCK4X.js";
import {
  require_dist
} from "./chunk-GHGCNB5W.js";
import {
  computeChangeSet,
  git,
  gitOut,
  isGitRepo
} from "./chunk-242DOQVP.js";
import {
  compareFindings,
  countFindings
} from "./chunk-ICOFUTHA.js";
import {
  glob,
  require_picomatch
} from "./chunk-ESKMWGFS.js";
import {
  silentLogger
} from "./chunk-WCIAZNSM.js";
import {
  RECORD_SCHEMA,
  StageRecord,
  assertTransition,
  letsLineContinue,
  localSerial,
  verdictOf,
  writeFileAtomic
} from "./chunk-M6DQOKU2.js";
import {
  InternalError,
  UserError,
  UserErrors,
  array,
  boolean,
  errorMessage,
  literal,
  number,
  object,
  record,
  string,
  toJSONSchema,
  union,
  unknown
} from "./chunk-5C57FHY2.js";
import {
  ANDON_VERSION
} from "./chunk-AS4XOIVA.js";
import {
  __toESM
} from "./chunk-TZYN2FJC.js";

// src/core/stage-kind.ts
var StageRegistry = class {
  kinds = /* @__PURE__ */ new Map();
  constructor(kinds = []) {
    for (const k of kinds) this.register(k);
  }
  register(kind) {
    if (this.kinds.has(kind.name)) throw new Error(`stage kind ${kind.name} registered twice`);
    this.kinds.set(kind.name, kind);
  }
  get(name) {
    return this.kinds.get(name);
  }
  names() {
    return [...this.kinds.keys()];
  }
  all() {
    return [...this.kinds.values()];
  }
};
function lazyStageKind(descriptor, load) {
  let loaded;
  const impl = () => loaded ??= load();
  return {
    ...descriptor,
    inputs: async (options, env) => (await impl()).inputs(options, env),
    run: async (ctx) => (await impl()).run(ctx),
    complete: async (ctx, line) => {
      const k = await impl();
      return k.complete ? k.complete(ctx, line) : null;
    }
  };
}

// src/stages/command/index.ts
import path from "node:path";
var CommandOptions = object({
  run: union([array(string()).min(1, "run needs at least the program"), string().min(1)]).describe("argv array (no shell), or a string run through an explicit `bash -c` (recorded as such)."),
  inputs: array(string()).default([]).describe("Globs of the files the result depends on; without them the stage is never reused."),
  env: record(string(), string()).default({}).describe("Extra environment variables."),
  timeoutSeconds: number().positive().max(24 * 3600).optional().describe("Kill the command after this many seconds (errored)."),
  cwd: string().optional().describe("Working directory relative to the workspace.")
}).strict();
var commandStage = {
  name: "command",
  description: "Runs a command; exit code 0 passes the gate.",
  options: CommandOptions,
  async inputs(options) {
    if (options.inputs.length === 0) return null;
    return { files: options.inputs };
  },
  async run(ctx) {
    const o = ctx.options;
    const shell = typeof o.run === "string";
    const argv = typeof o.run === "string" ? shellArgv(o.run) : o.run;
    const cwd = path.resolve(ctx.workspace, o.cwd ?? ".");
    if (cwd !== ctx.workspace && !cwd.startsWith(ctx.workspace + path.sep)) {
      return { state: "errored", reason: `cwd "${o.cwd}" is outside the workspace` };
    }
    ctx.logger.info(`$ ${argv.map(quoteForLog).join(" ")}${shell ? "   (string command: run through bash -c)" : ""}`);
    const res = await ctx.runner.run(argv, {
      cwd,
      env: { ...ctx.env, ...o.env },
      ...o.timeoutSeconds ? { timeoutMs: o.timeoutSeconds * 1e3 } : {}
    });
    const result = {
      argv,
      shell,
      cwd: path.relative(ctx.workspace, cwd) || ".",
      exitCode: res.exitCode,
      signal: res.signal,
      timedOut: res.timedOut,
      durationMs: res.durationMs
    };
    const counts = { exitCode: res.exitCode ?? -1, durationMs: res.durationMs };
    if (res.spawnError) {
      return { state: "errored", reason: `could not start ${argv[0]}: ${res.spawnError}`, result, counts };
    }
    if (res.timedOut) return { state: "errored", reason: `timed out after ${o.timeoutSeconds}s`, result, counts };
    if (res.cancelled) return { state: "errored", reason: "cancelled", result, counts };
    if (res.exitCode === 0) return { state: "passed", reason: "exit code 0", result, counts };
    const last = lastMeaningfulLine(res.tail);
    return {
      state: "failed",
      reason: `${argv[0]} exited with ${res.exitCode === null ? `signal ${res.signal}` : `code ${res.exitCode}`}${last ? `: ${last}` : ""}`,
      result,
      counts
    };
  }
};
function quoteForLog(arg) {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
function lastMeaningfulLine(tail) {
  const lines = tail.split("\n").map((l2) => l2.trim()).filter((l2) => l2.length > 0);
  const l = lines[lines.length - 1] ?? "";
  return l.length > 160 ? l.slice(0, 157) + "..." : l;
}

// src/stages/index.ts
function defaultRegistry() {
  return new StageRegistry([
    commandStage,
    lazyStageKind({ name: "regression", description: REGRESSION_DESCRIPTION, options: RegressionOptions }, async () => (await import("./regression-RSKDFXMW.js")).regressionStage),
    lazyStageKind({ name: "static-analysis", description: STATIC_ANALYSIS_DESCRIPTION, options: StaticAnalysisOptions }, async () => (await import("./static-analysis-CXQNBOJX.js")).staticAnalysisStage),
    lazyStageKind({ name: "spec", description: SPEC_DESCRIPTION, options: SpecOptions }, async () => (await import("./spec-R2IWJD3H.js")).specStage),
    lazyStageKind({ name: "templates", description: TEMPLATES_DESCRIPTION, options: TemplatesOptions }, async () => (await import("./templates-WYMPRBR5.js")).templatesStage)
  ]);
}

// src/core/config.ts
var import_yaml = __toESM(require_dist(), 1);
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import path2 from "node:path";
var DEFAULT_CONFIG_FILE = "andon.yml";
var MAX_CONFIG_BYTES = 1024 * 1024;
var MAX_YAML_ALIASES = 50;
var StageId = string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "a stage id is lower-case letters, digits and dashes ([a-z0-9-]+), at most 63 characters");
var StageEntry = object({
  id: StageId.describe("Unique id: names the check, the artifact and the stage folder."),
  uses: string().describe("The stage kind."),
  name: string().optional().describe("A human name for reports."),
  blocking: boolean().default(true).describe("A failure stops the line (default true)."),
  with: record(string(), unknown()).default({}).describe("Options of the stage kind.")
}).strict();
var ConfigFile = object({
  version: literal(1).describe("Config format version."),
  base: string().optional().describe("Base branch the change is compared with (default: the PR base, origin HEAD, main or master)."),
  line: array(StageEntry).min(1, "the line needs at least one stage").describe("Stages in order of inspection."),
  store: object({ path: string().default(".andon/runs").describe("Folder of the embedded run store.") }).strict().default({ path: ".andon/runs" }),
  cache: object({
    path: string().default(".andon/cache").describe("Folder of the local stage-result cache."),
    enabled: boolean().default(true)
  }).strict().default({ path: ".andon/cache", enabled: true })
}).strict();
function configJsonSchema(registry2) {
  const entries = registry2.all().map(
    (k) => StageEntry.extend({ uses: literal(k.name).describe(k.description), with: k.options.optional() })
  );
  const schema = entries.length === 0 ? ConfigFile : ConfigFile.extend({ line: array(union(entries)).min(1) });
  const json = toJSONSchema(schema, { io: "input", unrepresentable: "any" });
  return { $id: "https://andon.dev/schemas/andon.schema.json", title: "andon.yml", ...json };
}
async function loadConfig(workspace, configPath, registry2) {
  const rel = configPath ?? DEFAULT_CONFIG_FILE;
  const abs = path2.resolve(workspace, rel);
  let size;
  try {
    size = (await stat(abs)).size;
  } catch {
    throw new UserError(`config file not found (looked for ${abs}); create ${DEFAULT_CONFIG_FILE} or pass --config`, { file: rel });
  }
  if (size > MAX_CONFIG_BYTES) {
    throw new UserError(`config file is ${size} bytes; the limit is ${MAX_CONFIG_BYTES} bytes`, { file: rel });
  }
  const text = await readFile(abs, "utf8");
  return parseConfig(text, path2.relative(workspace, abs) || rel, registry2, abs);
}
function parseConfig(text, file, registry2, absolutePath = file) {
  if (Buffer.byteLength(text) > MAX_CONFIG_BYTES) {
    throw new UserError(`config file is larger than ${MAX_CONFIG_BYTES} bytes`, { file });
  }
  const lineCounter = new import_yaml.LineCounter();
  const doc = (0, import_yaml.parseDocument)(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset) => {
    const p = lineCounter.linePos(offset);
    return { file, line: p.line, column: p.col };
  };
  if (doc.errors.length > 0) {
    throw new UserErrors(doc.errors.map((e) => new UserError(`invalid YAML: ${e.message.split("\n")[0]}`, at(e.pos[0]))));
  }
  const aliases = aliasOffsets(doc);
  if (aliases.length > MAX_YAML_ALIASES) {
    throw new UserError(`${aliases.length} YAML aliases; more than ${MAX_YAML_ALIASES} are refused (a YAML alias bomb?)`, at(aliases[MAX_YAML_ALIASES]));
  }
  let data;
  try {
    data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (e) {
    throw new UserError(`refused: ${e.message}`, { file, line: 1, column: 1 });
  }
  const parsed = ConfigFile.safeParse(data);
  if (!parsed.success) throw issuesToError(parsed.error.issues, doc, at, file, ConfigFile, registry2);
  const cfg = parsed.data;
  const errors = [];
  const seen = /* @__PURE__ */ new Map();
  const line = [];
  cfg.line.forEach((entry, i) => {
    const first = seen.get(entry.id);
    if (first !== void 0) {
      errors.push(new UserError(`duplicate stage id "${entry.id}" (first used by stage ${first + 1})`, positionOf(doc, ["line", i, "id"], at, file)));
      return;
    }
    seen.set(entry.id, i);
    const kind = registry2.get(entry.uses);
    if (!kind) {
      errors.push(
        new UserError(
          `unknown stage kind "${entry.uses}"${didYouMean(entry.uses, registry2.names())}; known kinds: ${registry2.names().join(", ")}`,
          positionOf(doc, ["line", i, "uses"], at, file)
        )
      );
      return;
    }
    const opts = kind.options.safeParse(entry.with);
    if (!opts.success) {
      const err = issuesToError(opts.error.issues, doc, at, file, kind.options, registry2, ["line", i, "with"], kind);
      errors.push(...err instanceof UserErrors ? err.errors : [err]);
      return;
    }
    line.push({
      id: entry.id,
      uses: entry.uses,
      ...entry.name ? { name: entry.name } : {},
      blocking: entry.blocking,
      options: opts.data,
      rawOptions: entry.with
    });
  });
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new UserErrors(errors);
  return {
    path: file,
    absolutePath,
    digest: `sha256:${createHash("sha256").update(text).digest("hex")}`,
    ...cfg.base ? { base: cfg.base } : {},
    line,
    store: cfg.store,
    cache: cfg.cache
  };
}
function aliasOffsets(doc) {
  const out = [];
  const walk = (node, depth) => {
    if (depth > 200) return;
    if ((0, import_yaml.isAlias)(node)) out.push(node.range?.[0] ?? 0);
    if ((0, import_yaml.isMap)(node) || (0, import_yaml.isSeq)(node)) for (const item of node.items) walk(item, depth + 1);
    else if ((0, import_yaml.isPair)(node)) {
      walk(node.key, depth + 1);
      walk(node.value, depth + 1);
    }
  };
  walk(doc.contents, 0);
  return out;
}
function positionOf(doc, p, at, file, keyOf) {
  let node = doc.contents;
  let best = doc.contents ?? void 0;
  for (const key of p) {
    if ((0, import_yaml.isMap)(node)) {
      const pair = node.items.find((it) => (0, import_yaml.isScalar)(it.key) && it.key.value === key);
      if (!pair) break;
      node = pair.value;
      best = pair.value ?? pair.key;
    } else if ((0, import_yaml.isSeq)(node) && typeof key === "number") {
      node = node.items[key];
      if (!node) break;
      best = node;
    } else break;
  }
  if (keyOf !== void 0 && (0, import_yaml.isMap)(node)) {
    const pair = node.items.find((it) => (0, import_yaml.isScalar)(it.key) && it.key.value === keyOf);
    if (pair && (0, import_yaml.isScalar)(pair.key) && pair.key.range) return at(pair.key.range[0]);
  }
  if (best?.range) return at(best.range[0]);
  return { file, line: 1, column: 1 };
}
function keysAt(schema, p) {
  let s = schema;
  const unwrap = (x) => {
    for (let i = 0; i < 20; i++) {
      const def2 = x?._zod?.def;
      if (!def2) return x;
      if (["optional", "default", "nullable", "prefault", "readonly", "catch", "nonoptional"].includes(def2.type)) x = def2.innerType;
      else if (def2.type === "pipe") x = def2.in;
      else return x;
    }
    return x;
  };
  s = unwrap(s);
  for (const key of p) {
    const def2 = s?._zod?.def;
    if (!def2) return [];
    if (def2.type === "object" && typeof key === "string") s = unwrap(def2.shape[key]);
    else if (def2.type === "array") s = unwrap(def2.element);
    else if (def2.type === "record") s = unwrap(def2.valueType);
    else return [];
  }
  const def = s?._zod?.def;
  return def?.type === "object" ? Object.keys(def.shape) : [];
}
function issuesToError(issues, doc, at, file, schema, registry2, prefix = [], kind) {
  const errors = [];
  for (const issue of issues) {
    const p = [...prefix, ...issue.path];
    const where = kind ? ` in the options of stage kind "${kind.name}"` : "";
    if (issue.code === "unrecognized_keys") {
      const known = keysAt(schema, issue.path);
      for (const key of issue.keys) {
        errors.push(
          new UserError(
            `unknown key "${key}"${where}${didYouMean(key, known)}${known.length ? `; valid keys: ${known.join(", ")}` : ""}`,
            positionOf(doc, p, at, file, key)
          )
        );
      }
      continue;
    }
    const label = p.length ? p.map((k) => typeof k === "number" ? `[${k}]` : `.${k}`).join("").replace(/^\./, "") : "document";
    let message = issue.message;
    if (issue.code === "invalid_value" && p[p.length - 1] === "uses") {
      message += `${didYouMean(String(readAt(doc, p)), registry2.names())}`;
    }
    if (issue.code === "invalid_type" && readAt(doc, p) === void 0) message = `missing required key "${String(p[p.length - 1])}"`;
    errors.push(new UserError(`${label}: ${message}${where}`, positionOf(doc, p, at, file)));
  }
  return errors.length === 1 ? errors[0] : new UserErrors(errors);
}
function readAt(doc, p) {
  const node = doc.getIn(p, true);
  return (0, import_yaml.isScalar)(node) ? node.value : node === void 0 ? void 0 : node;
}

// src/report/sarif.ts
import { gzipSync } from "node:zlib";
var SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
var SARIF_LIMITS = {
  resultsPerRun: 25e3,
  runsPerFile: 20,
  locationsPerResult: 1e3,
  gzippedBytesPerFile: 10 * 1024 * 1024
};
var ANDON_URI = "https://github.com/andon-dev/andon";
function uriOf(p) {
  return p.split("/").map(encodeURIComponent).join("/");
}
function toResult(f, ruleIndex) {
  const result = {
    ruleId: f.ruleId,
    ruleIndex,
    level: f.level,
    message: { text: f.message || f.ruleId },
    partialFingerprints: { "andon/v1": f.fingerprint },
    baselineState: f.baseline
  };
  if (f.location) {
    const region = {};
    if (f.location.startLine) region.startLine = f.location.startLine;
    if (f.location.startColumn && f.location.startLine) region.startColumn = f.location.startColumn;
    if (f.location.endLine && f.location.startLine) region.endLine = Math.max(f.location.endLine, f.location.startLine);
    if (f.location.endColumn && f.location.startLine) region.endColumn = f.location.endColumn;
    result.locations = [
      {
        physicalLocation: {
          artifactLocation: { uri: uriOf(f.location.path), uriBaseId: "%SRCROOT%" },
          ...Object.keys(region).length > 0 ? { region } : {}
        }
      }
    ];
  }
  const props = {};
  if (f.traceTo.length > 0) props.traceTo = f.traceTo;
  if (f.inDiff !== void 0) props.inDiff = f.inDiff;
  if (f.note) props.note = f.note;
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
  const level = { error: 0, warning: 1, note: 2 }[first.level] ?? 2;
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
function mergeSarif(logs, limitsOverride = {}) {
  const limits = { ...SARIF_LIMITS, ...limitsOverride };
  const cut = [];
  const log = { $schema: SARIF_SCHEMA, version: "2.1.0", runs: logs.flatMap((l) => l.runs) };
  keepRuns(log, cut, limits);
  const runs = log.runs;
  const remake = (share) => ({ ...log, runs: runs.map((r) => ({ ...r, results: r.results.slice(0, Math.floor(r.results.length * share)) })) });
  return { log: fitGzipped(log, remake, cut, limits), cut };
}

// src/core/line.ts
import { createHash as createHash3 } from "node:crypto";
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { cp, readFile as readFile5, rm, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import path5 from "node:path";

// src/core/baseline-source.ts
function firstOf(sources) {
  return {
    async load(stageId) {
      for (const s of sources) {
        const b = await s.load(stageId);
        if (b) return b;
      }
      return null;
    }
  };
}

// src/core/baselines.ts
import { readFile as readFile2 } from "node:fs/promises";
import path3 from "node:path";
var BASELINE_ARTIFACT = "baseline.json";
function baselineFilePath(workspace, stageId) {
  return path3.join(workspace, ".andon", "baselines", `${stageId}.json`);
}
function committedBaselines(workspace) {
  return {
    async load(stageId) {
      const file = baselineFilePath(workspace, stageId);
      let data;
      try {
        data = await readFile2(file);
      } catch {
        return null;
      }
      return {
        origin: "file",
        description: path3.relative(workspace, file),
        read: async (name) => name === BASELINE_ARTIFACT ? data : null
      };
    }
  };
}
function storeBaselines(store, source, lineage, before) {
  let runs;
  return {
    async load(stageId) {
      if (!source.baseRef && !source.baseSha) return null;
      runs ??= store.listRuns();
      for (const run of await runs) {
        if (lineage.has(run.serial) || run.verdict === "running") continue;
        if (before !== void 0 && run.createdAt >= before) continue;
        const onBase = source.baseRef && run.source.ref === source.baseRef || source.baseSha && run.source.sha === source.baseSha;
        if (!onBase) continue;
        const stage = run.stages.find((s) => s.id === stageId);
        if (!stage || !stage.artifacts.some((a) => a.path === `${stageId}/${BASELINE_ARTIFACT}`)) continue;
        const dir = store.stageDir(run.serial, stageId);
        return {
          origin: "store",
          serial: run.serial,
          description: `run ${run.serial} on ${run.source.ref ?? "base"} (${(run.source.sha ?? "").slice(0, 7)})`,
          read: async (name) => {
            const p = path3.resolve(dir, name);
            if (!p.startsWith(dir + path3.sep)) return null;
            return readFile2(p).catch(() => null);
          }
        };
      }
      return null;
    }
  };
}

// src/core/inputs-digest.ts
var import_picomatch = __toESM(require_picomatch(), 1);
import { createHash as createHash2 } from "node:crypto";
import { createReadStream, readFileSync, statSync } from "node:fs";
import { readFile as readFile3 } from "node:fs/promises";
import path4 from "node:path";

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

// src/core/inputs-digest.ts
var IGNORED_DIRS = ["**/node_modules/**", "**/.git/**", ".andon/runs/**", ".andon/cache/**"];
var InputsDigester = class {
  constructor(workspace, statCacheFile) {
    this.workspace = workspace;
    this.statCacheFile = statCacheFile;
  }
  workspace;
  statCacheFile;
  listing;
  statCache;
  statCacheDirty = false;
  objectFormat = "sha1";
  /** path → git blob id for tracked unmodified files, null for files that must be hashed. */
  list() {
    return this.listing ??= this.readListing();
  }
  async readListing() {
    const files = /* @__PURE__ */ new Map();
    if (await isGitRepo(this.workspace)) {
      const [staged, status] = await Promise.all([
        git(this.workspace, ["ls-files", "-s", "-z"]),
        git(this.workspace, ["status", "--porcelain=v2", "-z", "--untracked-files=all", "--no-renames", "--ignore-submodules=all"])
      ]);
      if (staged.ok && status.ok) {
        for (const entry of staged.stdout.split("\0")) {
          if (!entry) continue;
          const tab = entry.indexOf("	");
          const meta = entry.slice(0, tab).split(" ");
          if (meta[0] === "160000") continue;
          if (meta[1]?.length === 64) this.objectFormat = "sha256";
          files.set(entry.slice(tab + 1), meta[1] ?? null);
        }
        for (const entry of status.stdout.split("\0")) {
          if (entry.startsWith("? ")) {
            const p = entry.slice(2);
            if (!p.startsWith(".andon/runs/") && !p.startsWith(".andon/cache/")) files.set(p, null);
          } else if (entry.startsWith("1 ") || entry.startsWith("u ")) {
            const fields = entry.split(" ");
            const p = fields.slice(entry.startsWith("1 ") ? 8 : 10).join(" ");
            if (files.has(p)) files.set(p, null);
          }
        }
        return files;
      }
    }
    for (const p of await glob(["**/*"], { cwd: this.workspace, dot: true, ignore: IGNORED_DIRS, onlyFiles: true })) files.set(p, null);
    return files;
  }
  async loadStatCache() {
    if (this.statCache) return this.statCache;
    this.statCache = /* @__PURE__ */ new Map();
    if (this.statCacheFile) {
      try {
        const data = JSON.parse(await readFile3(this.statCacheFile, "utf8"));
        for (const [k, v] of Object.entries(data)) this.statCache.set(k, v);
      } catch {
      }
    }
    return this.statCache;
  }
  async contentId(rel) {
    const abs = path4.join(this.workspace, rel);
    const cache = await this.loadStatCache();
    let st;
    try {
      st = statSync(abs);
    } catch {
      return "missing";
    }
    const hit = cache.get(rel);
    if (hit && hit.m === st.mtimeMs && hit.s === st.size && hit.i === st.ino && hit.h.length === (this.objectFormat === "sha1" ? 45 : 69)) return hit.h;
    const h = `blob:${await gitBlobId(abs, st.size, this.objectFormat)}`;
    cache.set(rel, { m: st.mtimeMs, s: st.size, i: st.ino, h });
    this.statCacheDirty = true;
    return h;
  }
  async digest(kind, options, inputs) {
    const listing = await this.list();
    const match = (0, import_picomatch.default)(inputs.files.length > 0 ? inputs.files : ["!**"], { dot: true });
    const matched = [...listing.keys()].filter((p) => match(p)).sort();
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
    const h = createHash2("sha256");
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
async function gitBlobId(file, size, format) {
  if (size <= 4 * 1024 * 1024) {
    const bytes = readFileSync(file);
    return createHash2(format).update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
  }
  return new Promise((resolve, reject) => {
    const h = createHash2(format);
    h.update(`blob ${size}\0`);
    createReadStream(file).on("data", (c) => h.update(c)).on("error", reject).on("end", () => resolve(h.digest("hex")));
  });
}
function explainInputsChange(before, after) {
  if (!before) return "the earlier run kept no inputs manifest to compare with";
  const parts = [];
  if (canonicalJson(before.options) !== canonicalJson(after.options)) parts.push("options changed");
  for (const [tool, v] of Object.entries(after.tools)) {
    if (before.tools[tool] !== v) parts.push(`${tool} ${before.tools[tool] ?? "absent"} -> ${v}`);
  }
  if (canonicalJson(before.extra) !== canonicalJson(after.extra)) parts.push("other inputs changed");
  const changed = [];
  for (const [p, id] of Object.entries(after.files)) {
    if (!(p in before.files)) changed.push(`${p} (added)`);
    else if (before.files[p] !== id) changed.push(`${p} (modified)`);
  }
  for (const p of Object.keys(before.files)) if (!(p in after.files)) changed.push(`${p} (removed)`);
  if (changed.length > 0) {
    const shown = changed.slice(0, 3).join(", ");
    parts.push(`files changed: ${shown}${changed.length > 3 ? ` and ${changed.length - 3} more` : ""}`);
  }
  return parts.length > 0 ? parts.join("; ") : "inputs differ";
}

// src/core/source.ts
import { readFile as readFile4 } from "node:fs/promises";
async function readSourceFacts(workspace, env, options = {}) {
  const [headSha, branch, status, pr, remoteRepo, refs, originHead] = await Promise.all([
    gitOut(workspace, ["rev-parse", "HEAD"]),
    gitOut(workspace, ["symbolic-ref", "--short", "-q", "HEAD"]),
    git(workspace, ["status", "--porcelain", "--untracked-files=normal", "--", ".", ":(exclude).andon"]),
    prNumber(env),
    env.GITHUB_REPOSITORY ? Promise.resolve(env.GITHUB_REPOSITORY) : repoFromRemote(workspace),
    gitOut(workspace, ["for-each-ref", "--format=%(refname:short) %(objectname)", "refs/heads", "refs/remotes"]),
    gitOut(workspace, ["symbolic-ref", "--short", "-q", "refs/remotes/origin/HEAD"])
  ]);
  const sha = headSha ?? env.GITHUB_SHA ?? null;
  const ref = env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME || branch || null;
  const dirty = status.ok ? status.stdout.trim().length > 0 : false;
  const branches = new Map((refs ?? "").split("\n").filter(Boolean).map((l) => l.split(" ")));
  const { baseRef, baseSha } = await resolveBase(workspace, env, options.base, ref, sha, branches, originHead);
  return { repo: remoteRepo, sha, ref, baseRef, baseSha, pr, dirty };
}
async function resolveBase(workspace, env, configured, ref, head, branches, originHead) {
  const candidates = [];
  if (configured) candidates.push(configured);
  if (env.GITHUB_BASE_REF) candidates.push(`origin/${env.GITHUB_BASE_REF}`, env.GITHUB_BASE_REF);
  if (originHead) candidates.push(originHead);
  candidates.push("origin/main", "main", "origin/master", "master");
  for (const c of candidates) {
    const sha = branches.get(c) ?? (c === configured ? await gitOut(workspace, ["rev-parse", "--verify", "-q", `${c}^{commit}`]) : void 0);
    if (!sha) continue;
    const name = c.replace(/^origin\//, "");
    if (!configured && !env.GITHUB_BASE_REF && name === ref) {
      return { baseRef: name, baseSha: head };
    }
    const mergeBase = await gitOut(workspace, ["merge-base", sha, "HEAD"]);
    return { baseRef: name, baseSha: mergeBase ?? sha };
  }
  return { baseRef: null, baseSha: null };
}
async function prNumber(env) {
  const m = /^refs\/pull\/(\d+)\//.exec(env.GITHUB_REF ?? "");
  if (m) return Number(m[1]);
  if (env.GITHUB_EVENT_PATH) {
    try {
      const event = JSON.parse(await readFile4(env.GITHUB_EVENT_PATH, "utf8"));
      if (typeof event.pull_request?.number === "number") return event.pull_request.number;
    } catch {
    }
  }
  return null;
}
async function repoFromRemote(workspace) {
  const url = await gitOut(workspace, ["config", "--get", "remote.origin.url"]);
  if (!url) return null;
  const m = /[:/]([^/:]+\/[^/]+?)(?:\.git)?$/.exec(url);
  return m?.[1] ?? null;
}

// src/core/line.ts
var STAGE_FILES = {
  log: "log.txt",
  sarif: "findings.sarif",
  result: "result.json",
  baseline: "baseline.json",
  inputs: "inputs.json"
};
var RunWriter = class {
  constructor(record2, store, clock) {
    this.record = record2;
    this.store = store;
    this.clock = clock;
  }
  record;
  store;
  clock;
  chain = Promise.resolve();
  stage(id) {
    const s = this.record.stages.find((x) => x.id === id);
    if (!s) throw new InternalError(`no stage ${id} in the record`);
    return s;
  }
  /** Moves a stage to a new state, checked against the state machine, and writes the record. */
  async move(id, to, reason, patch = {}, completion = false) {
    const s = this.stage(id);
    assertTransition(id, s.state, to, completion);
    const at = this.clock.now().toISOString();
    this.record.transitions.push({ at, stage: id, from: s.state, to });
    Object.assign(s, patch);
    s.state = to;
    s.reason = reason;
    if (to === "running") s.startedAt = at;
    else {
      s.finishedAt = at;
      if (s.startedAt) s.durationMs = Math.max(0, Date.parse(at) - Date.parse(s.startedAt));
      else s.durationMs ??= 0;
    }
    await this.flush();
    return s;
  }
  flush() {
    const snapshot = JSON.parse(JSON.stringify(this.record));
    this.chain = this.chain.then(() => this.store.writeRecord(snapshot));
    return this.chain;
  }
};
function newStageRecord(stage) {
  return {
    id: stage.id,
    uses: stage.uses,
    ...stage.name ? { name: stage.name } : {},
    blocking: stage.blocking,
    state: "pending",
    reason: "waiting",
    startedAt: null,
    finishedAt: null,
    durationMs: null,
    inputsDigest: null,
    reusedFrom: null,
    counts: {},
    artifacts: [],
    tools: {}
  };
}
function hostFacts(env, given) {
  const onGitHub = env.GITHUB_ACTIONS === "true";
  const server = env.GITHUB_SERVER_URL ?? "https://github.com";
  return {
    kind: onGitHub ? "github" : "local",
    runId: onGitHub ? env.GITHUB_RUN_ID ?? null : null,
    runAttempt: onGitHub && env.GITHUB_RUN_ATTEMPT ? Number(env.GITHUB_RUN_ATTEMPT) : null,
    workflow: onGitHub ? env.GITHUB_WORKFLOW ?? null : null,
    job: onGitHub ? env.GITHUB_JOB ?? null : null,
    url: onGitHub && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : null,
    pid: process.pid,
    hostname: hostname(),
    ...given
  };
}
async function readManifest(dir) {
  try {
    return JSON.parse(await readFile5(path5.join(dir, STAGE_FILES.inputs), "utf8"));
  } catch {
    return null;
  }
}
function parentStageState(stage) {
  return stage.state === "running" || stage.state === "pending" ? "cancelled" : stage.state;
}
async function runLine(opts) {
  const clock = opts.clock ?? systemClock;
  const logger = opts.logger ?? silentLogger;
  const runner = opts.runner ?? nodeProcessRunner;
  const signal = opts.signal ?? new AbortController().signal;
  const { config: config2, store, registry: registry2, workspace } = opts;
  const masker = Masker.fromEnv(opts.env);
  const emit = (e) => opts.onEvent?.(e);
  for (const id of opts.only ?? []) {
    if (!config2.line.some((s) => s.id === id)) throw new UserError(`--only ${id}: no such stage; stages: ${config2.line.map((s) => s.id).join(", ")}`);
  }
  let parent = null;
  let parentDir = (id) => store.stageDir(opts.resume.serial, id);
  let fromIndex = -1;
  if (opts.resume) {
    fromIndex = config2.line.findIndex((s) => s.id === opts.resume.fromStage);
    if (fromIndex < 0) {
      throw new UserError(`--from ${opts.resume.fromStage}: no such stage in ${config2.path}; stages: ${config2.line.map((s) => s.id).join(", ")}`);
    }
    parent = opts.parent ?? await store.loadRecord(opts.resume.serial);
    if (opts.parentDir) {
      const base = opts.parentDir;
      parentDir = (id) => path5.join(base, id);
    }
  }
  const source = opts.source ?? await readSourceFacts(workspace, opts.env, { base: config2.base });
  let record2;
  let serial = opts.serial;
  if (serial && opts.join && await store.hasRun(serial)) {
    record2 = await store.loadRecord(serial);
    for (const s of config2.line) if (!record2.stages.some((x) => x.id === s.id)) record2.stages.push(newStageRecord(s));
    record2.verdict = "running";
    record2.finishedAt = null;
  } else {
    if (serial) await store.reserve(serial);
    else {
      for (let attempt = 0; ; attempt++) {
        serial = localSerial(clock.now());
        try {
          await store.reserve(serial);
          break;
        } catch (e) {
          if (attempt > 5) throw e;
        }
      }
    }
    record2 = {
      schema: RECORD_SCHEMA,
      serial,
      parent: parent ? { serial: parent.serial, fromStage: opts.resume.fromStage } : null,
      createdAt: clock.now().toISOString(),
      finishedAt: null,
      verdict: "running",
      nonBlockingFailures: [],
      source: { repo: source.repo, sha: source.sha, ref: source.ref, baseRef: source.baseRef, baseSha: source.baseSha, pr: source.pr, dirty: source.dirty },
      host: hostFacts(opts.env, opts.host),
      config: { path: config2.path, digest: config2.digest },
      tool: { name: "andon", version: ANDON_VERSION, node: process.version },
      stages: config2.line.map(newStageRecord),
      transitions: []
    };
  }
  const runSerial = record2.serial;
  const writer = new RunWriter(record2, store, clock);
  await writer.flush();
  emit({ type: "run-start", record: record2 });
  const digester = new InputsDigester(workspace, opts.statCacheFile);
  const lineage = await lineageOf(store, parent);
  const baselines = firstOf([
    committedBaselines(workspace),
    storeBaselines(store, source, /* @__PURE__ */ new Set([runSerial, ...lineage.serials]), lineage.rootCreatedAt),
    ...opts.baselineSources ?? []
  ]);
  let changes;
  const getChanges = () => changes ??= computeChangeSet(workspace, source.baseSha);
  const selected = config2.line.filter((s) => !opts.only || opts.only.includes(s.id));
  const views = [];
  const contexts = /* @__PURE__ */ new Map();
  let stoppedBy = null;
  const cancelReason = () => `cancelled${signalName(signal) ? ` by ${signalName(signal)}` : ""}`;
  const viewOf = (s) => ({
    id: s.id,
    uses: s.uses,
    blocking: s.blocking,
    state: s.state,
    dir: store.stageDir(runSerial, s.id),
    counts: s.counts
  });
  const makeContext = (stage, outDir, logFile, stageLogger, earlier) => ({
    stage: { id: stage.id, uses: stage.uses, blocking: stage.blocking },
    options: stage.options,
    workspace,
    outDir,
    serial: runSerial,
    source,
    env: opts.env,
    signal,
    logger: stageLogger,
    masker,
    runner: {
      run: (argv, o) => runner.run(argv, {
        masker,
        logFile,
        signal,
        ...o,
        onLine: (line, stream) => {
          emit({ type: "stage-output", stage: stage.id, line });
          o.onLine?.(line, stream);
        }
      })
    },
    clock,
    earlier,
    baseline: () => baselines.load(stage.id),
    changes: getChanges
  });
  const keepForCompletion = (stage, kind, outDir) => {
    if (!kind.complete) return;
    const logFile = path5.join(outDir, STAGE_FILES.log);
    contexts.set(stage.id, { kind, ctx: makeContext(stage, outDir, logFile, stageLog(logFile, masker, logger, stage.id, () => void 0), [...views]) });
  };
  for (const [index, stage] of config2.line.entries()) {
    const rec = writer.stage(stage.id);
    if (!selected.includes(stage)) {
      if (!opts.join && rec.state === "pending") await writer.move(stage.id, "skipped", `not selected (--only ${opts.only?.join(",")})`);
      if (rec.state !== "pending") views.push(viewOf(rec));
      continue;
    }
    if (rec.state !== "pending") {
      throw new UserError(`stage ${stage.id} already ran in run ${runSerial} (${rec.state}); a serial's stages run once`);
    }
    if (signal.aborted) {
      await writer.move(stage.id, "cancelled", cancelReason());
      continue;
    }
    if (stoppedBy) {
      await writer.move(stage.id, "skipped", `stopped by ${stoppedBy}`);
      views.push(viewOf(rec));
      continue;
    }
    const kind = registry2.get(stage.uses);
    if (!kind) throw new InternalError(`stage kind ${stage.uses} passed config validation but is not registered`);
    const total = selected.length;
    const outDir = store.stageDir(runSerial, stage.id);
    if (opts.join) await rm(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    let digest = null;
    let manifest = null;
    let inputsError = null;
    try {
      const inputs = await kind.inputs(stage.options, { workspace, env: opts.env, runner, baseSha: source.baseSha });
      if (inputs) {
        const baseline = await baselines.load(stage.id).catch(() => null);
        const baselineBytes = baseline ? await baseline.read(BASELINE_ARTIFACT).catch(() => null) : null;
        const baselineId = baselineBytes ? createHash3("sha256").update(baselineBytes).digest("hex") : null;
        const d = await digester.digest(stage.uses, stage.rawOptions, { ...inputs, extra: { kind: inputs.extra ?? null, baseline: baselineId } });
        digest = d.digest;
        manifest = d.manifest;
      }
    } catch (e) {
      inputsError = errorMessage(e);
    }
    rec.inputsDigest = digest;
    let runNote = "";
    const beforeFrom = parent !== null && index < fromIndex;
    if (beforeFrom) {
      const prev = parent.stages.find((s) => s.id === stage.id);
      const prevState = prev ? parentStageState(prev) : null;
      if (!prev) runNote = `not in parent run ${parent.serial}`;
      else if (prevState !== "passed" && prevState !== "reused") runNote = `parent result was ${prevState}`;
      else if (!digest) runNote = inputsError ? `inputs could not be read: ${inputsError}` : "no inputs declared, so an earlier result cannot be proven unchanged";
      else if (prev.inputsDigest !== digest) runNote = `inputs changed since ${parent.serial}: ${explainInputsChange(await readManifest(parentDir(stage.id)), manifest)}`;
      else {
        const from = prev.reusedFrom ?? parent.serial;
        await cp(parentDir(stage.id), outDir, { recursive: true });
        const via = from === parent.serial ? "" : ` (via parent ${parent.serial})`;
        await writer.move(stage.id, "reused", `inputs unchanged; result of ${from}${via}`, {
          reusedFrom: from,
          counts: prev.counts,
          tools: prev.tools,
          artifacts: await store.hashStage(runSerial, stage.id)
        });
        emit({ type: "stage-end", stage: rec, index, total });
        keepForCompletion(stage, kind, outDir);
        views.push(viewOf(rec));
        continue;
      }
    }
    const fresh = parent !== null && index >= fromIndex;
    if (!beforeFrom && !fresh && digest && opts.cache) {
      const hit = await opts.cache.get(stage.id, digest).catch(() => null);
      if (hit && (hit.stage.state === "passed" || hit.stage.state === "reused")) {
        const from = hit.stage.reusedFrom ?? hit.serial;
        await cp(hit.dir, outDir, { recursive: true });
        await writer.move(stage.id, "reused", `inputs unchanged; passed result of ${from} from the stage cache`, {
          reusedFrom: from,
          counts: hit.stage.counts,
          tools: hit.stage.tools,
          artifacts: await store.hashStage(runSerial, stage.id)
        });
        emit({ type: "stage-end", stage: rec, index, total });
        keepForCompletion(stage, kind, outDir);
        views.push(viewOf(rec));
        continue;
      }
    }
    await writer.move(stage.id, "running", runNote ? `running (re-run: ${runNote})` : "running");
    emit({ type: "stage-start", stage: rec, index, total });
    const logFile = path5.join(outDir, STAGE_FILES.log);
    const stageLogger = stageLog(logFile, masker, logger, stage.id, (line) => emit({ type: "stage-output", stage: stage.id, line }));
    if (runNote) stageLogger.info(`re-run: ${runNote}`);
    if (manifest) await writeFile(path5.join(outDir, STAGE_FILES.inputs), JSON.stringify(manifest, null, 1));
    const ctx = makeContext(stage, outDir, logFile, stageLogger, [...views]);
    contexts.set(stage.id, { kind, ctx });
    let outcome;
    if (inputsError) {
      outcome = { state: "errored", reason: `could not read the stage's inputs: ${inputsError}` };
    } else {
      try {
        outcome = await kind.run(ctx);
      } catch (e) {
        if (e instanceof InternalError) throw e;
        outcome = { state: "errored", reason: errorMessage(e).split("\n")[0] ?? "error" };
        stageLogger.error(masker.mask(e instanceof Error && e.stack ? e.stack : errorMessage(e)));
      }
    }
    const finalState = signal.aborted ? "cancelled" : outcome.state;
    const reason = masker.mask(signal.aborted ? cancelReason() : runNote ? `${outcome.reason} (re-run: ${runNote})` : outcome.reason);
    const counts = await writeOutcomeFiles(outDir, stage.id, outcome, masker);
    await writer.move(stage.id, finalState, reason, {
      counts,
      tools: outcome.tools ?? {},
      artifacts: await store.hashStage(runSerial, stage.id)
    });
    emit({ type: "stage-end", stage: rec, index, total });
    views.push(viewOf(rec));
    if (finalState === "passed" && digest && opts.cache) {
      await opts.cache.put(runSerial, rec, outDir).catch((e) => logger.warn(`stage cache: could not keep ${stage.id}: ${errorMessage(e)}`));
    }
    if (!letsLineContinue(finalState, stage.blocking) && finalState !== "cancelled") stoppedBy = stage.id;
  }
  if (!signal.aborted) {
    const finalViews = record2.stages.map(viewOf);
    for (const [id, { kind, ctx }] of contexts) {
      if (!kind.complete) continue;
      const rec = writer.stage(id);
      if (rec.state !== "passed" && rec.state !== "failed" && rec.state !== "reused") continue;
      let completion;
      try {
        completion = await kind.complete(ctx, finalViews);
      } catch (e) {
        ctx.logger.error(`end-of-line completion failed: ${errorMessage(e)}`);
        continue;
      }
      if (!completion) continue;
      const counts = await writeOutcomeFiles(ctx.outDir, id, { state: rec.state, reason: rec.reason, ...completion }, masker, rec.counts);
      const patch = { counts, completedAtEndOfLine: true, artifacts: await store.hashStage(runSerial, id) };
      if (completion.state === "failed" && rec.state === "passed") {
        await writer.move(id, "failed", masker.mask(completion.reason ?? "failed at the end of the line"), patch, true);
      } else {
        Object.assign(rec, patch);
        if (completion.reason && rec.state !== "reused") rec.reason = masker.mask(completion.reason);
        await writer.flush();
      }
    }
  }
  record2.verdict = opts.join ? verdictOfJoined(record2) : verdictOf(record2.stages);
  record2.nonBlockingFailures = record2.stages.filter((s) => !s.blocking && (s.state === "failed" || s.state === "errored")).map((s) => s.id);
  if (record2.verdict !== "running") record2.finishedAt = clock.now().toISOString();
  await writer.flush();
  await digester.save().catch(() => void 0);
  emit({ type: "run-end", record: record2 });
  return record2;
}
async function lineageOf(store, parent) {
  const serials = [];
  let rec = parent;
  let root = null;
  while (rec && !serials.includes(rec.serial) && serials.length < 1e3) {
    serials.push(rec.serial);
    root = rec;
    const up = rec.parent?.serial;
    rec = up ? await store.loadRecord(up).catch(() => null) : null;
  }
  return root ? { serials, rootCreatedAt: root.createdAt } : { serials };
}
function verdictOfJoined(record2) {
  const ran = record2.stages.filter((s) => s.state !== "pending");
  const v = verdictOf(ran);
  return v === "passed" && ran.length < record2.stages.length ? "running" : v;
}
function signalName(signal) {
  const r = signal.reason;
  return typeof r === "string" && /^SIG[A-Z]+$/.test(r) ? r : void 0;
}
function stageLog(file, masker, parent, stageId, echo) {
  const write = (level, message) => {
    const text = masker.mask(message);
    for (const line of text.split("\n")) {
      const l = level === "info" ? line : `${level}: ${line}`;
      try {
        appendFileSync(file, l + "\n");
      } catch {
      }
      echo(l);
    }
  };
  return {
    debug: (m) => parent.debug(`[${stageId}] ${masker.mask(m)}`),
    info: (m) => write("info", m),
    warn: (m) => {
      write("warning", m);
      parent.warn(`[${stageId}] ${masker.mask(m)}`);
    },
    error: (m) => {
      write("error", m);
    }
  };
}
async function writeOutcomeFiles(outDir, stageId, outcome, masker, previousCounts = {}) {
  const counts = { ...previousCounts, ...outcome.counts ?? {} };
  const findings = outcome.findings?.map((f) => ({ ...f, message: masker.mask(f.message) }));
  if (findings) {
    const sarif = buildSarif(findings, { category: stageId, defaultTool: { name: "andon", version: ANDON_VERSION } });
    writeFileSync(path5.join(outDir, STAGE_FILES.sarif), JSON.stringify(sarif.log, null, 1));
    counts.findings = countFindings(findings);
    if (sarif.cut.length > 0) counts.sarifCut = sarif.cut;
  }
  if (outcome.result !== void 0) writeFileSync(path5.join(outDir, STAGE_FILES.result), masker.mask(JSON.stringify(outcome.result, null, 1)));
  if (outcome.baseline !== void 0) writeFileSync(path5.join(outDir, STAGE_FILES.baseline), JSON.stringify(outcome.baseline));
  return counts;
}

// src/core/stage-cache.ts
import { cp as cp2, mkdir, readFile as readFile6, rm as rm2 } from "node:fs/promises";
import path6 from "node:path";
var CachedStageEntry = object({
  schema: literal("andon.stage-cache/v1"),
  serial: string(),
  stage: StageRecord
});
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
    return path6.join(this.root, "stages", stageId, digestHex(digest));
  }
  async get(stageId, digest) {
    const dir = this.entryDir(stageId, digest);
    try {
      const entry = CachedStageEntry.parse(JSON.parse(await readFile6(path6.join(dir, "entry.json"), "utf8")));
      if (entry.stage.inputsDigest !== digest || entry.stage.id !== stageId) return null;
      return { serial: entry.serial, stage: entry.stage, dir: path6.join(dir, "files") };
    } catch {
      return null;
    }
  }
  async put(serial, stage, dir) {
    if (!stage.inputsDigest) return;
    const target = this.entryDir(stage.id, stage.inputsDigest);
    await rm2(target, { recursive: true, force: true });
    await mkdir(target, { recursive: true });
    await cp2(dir, path6.join(target, "files"), { recursive: true });
    await writeFileAtomic(path6.join(target, "entry.json"), JSON.stringify({ schema: "andon.stage-cache/v1", serial, stage }));
  }
};

export {
  BASELINE_ARTIFACT,
  baselineFilePath,
  configJsonSchema,
  loadConfig,
  defaultRegistry,
  mergeSarif,
  STAGE_FILES,
  runLine,
  CachedStageEntry,
  FsStageCache
};
