import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  TEMPLATES_DESCRIPTION,
  TemplatesOptions
} from "./chunk-5BSIPENY.js";
import {
  REGRESSION_DESCRIPTION,
  RegressionOptions
} from "./chunk-EM73ES6I.js";
import {
  STATIC_ANALYSIS_DESCRIPTION,
  StaticAnalysisOptions,
  notJudgedAtBase
} from "./chunk-QZDB3VMJ.js";
import {
  SPEC_DESCRIPTION,
  SpecOptions
} from "./chunk-H2VICYEQ.js";
import {
  shellArgv
} from "./chunk-JBUSEVB6.js";
import {
  givenPathProblems,
  resolvePath
} from "./chunk-UE6GT5FO.js";
import {
  didYouMean
} from "./chunk-JYNWK4DA.js";
import {
  LineCounter,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument
} from "./chunk-UACYHNGC.js";
import {
  decodeUtf8Strict,
  describeInvalidUtf8
} from "./chunk-GKY6TSAU.js";
import {
  array,
  boolean,
  describeRefusal,
  literal,
  number,
  object,
  readGuarded,
  record,
  require_picomatch,
  string,
  toJSONSchema,
  union,
  unknown
} from "./chunk-QTHYIHUL.js";
import {
  isInside,
  realPathOf,
  resolveInside
} from "./chunk-TXGCBDM3.js";
import {
  UserError,
  UserErrors
} from "./chunk-HUTQD67Y.js";
import {
  __toESM
} from "./chunk-TZYN2FJC.js";

// src/core/config.ts
import { createHash } from "node:crypto";
import path from "node:path";

// src/core/stage-env.ts
var WITHHELD = /^(?:(?:ACTIONS|INPUT)_.*|(?:GITHUB|GH)(?:_ENTERPRISE)?_TOKEN|NODE_AUTH_TOKEN)$/i;
var WITHHELD_NAMES = "ACTIONS_*, INPUT_*, GITHUB_TOKEN, GH_TOKEN, GITHUB_ENTERPRISE_TOKEN, GH_ENTERPRISE_TOKEN, NODE_AUTH_TOKEN";
function isWithheldFromStages(name) {
  return WITHHELD.test(name);
}
function stageEnv(env, passEnv = []) {
  const out = {};
  for (const [name, value] of Object.entries(env)) {
    if (!isWithheldFromStages(name) || passEnv.includes(name)) out[name] = value;
  }
  return out;
}

// src/core/config.ts
var DEFAULT_CONFIG_FILE = "andon.yml";
var MAX_CONFIG_BYTES = 1024 * 1024;
var MAX_YAML_ALIASES = 50;
var StageId = string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "a stage id is lower-case letters, digits and dashes ([a-z0-9-]+), at most 63 characters");
var StageEntry = object({
  id: StageId.describe("Unique id: names the check, the artifact and the stage folder."),
  uses: string().describe("The stage kind."),
  name: string().optional().describe("A human name for reports."),
  blocking: boolean().default(true).describe("A failure stops the line (default true)."),
  with: record(string(), unknown()).default({}).describe("Options of the stage kind."),
  outputs: array(string().min(1).refine((g) => outputGlobProblem(g) === null, { message: 'an output glob is relative to the workspace, without ".." and outside .git' })).default([]).describe("Globs of the files the stage writes: kept with its result and restored into the workspace when the result is reused."),
  passEnv: array(
    string().refine(isWithheldFromStages, {
      message: `passEnv names a variable stages do not get by default (${WITHHELD_NAMES}); every other variable passes anyway`
    })
  ).default([]).describe(`Runner credentials withheld from stages (${WITHHELD_NAMES}) that this stage needs, by name.`)
}).strict();
var ConfigFile = object({
  version: literal(1).describe("Config format version."),
  base: string().optional().describe("Base branch the change is compared with (default: the PR base, origin HEAD, main or master)."),
  line: array(StageEntry).min(1, "the line needs at least one stage").describe("Stages in order of inspection."),
  store: object({
    path: string().default(".andon/runs").describe("Folder of the embedded run store."),
    keep: number().int().positive().optional().describe(
      "Runs to keep: when set, every `andon run` ends by pruning the store to the newest N runs (with the runs their lineage needs and any still running) and the stage cache to what they use. Unset: nothing is removed until `andon runs prune`."
    )
  }).strict().default({ path: ".andon/runs" }),
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
async function loadConfig(workspace, configPath, registry2, env = {}) {
  const rel = configPath ?? DEFAULT_CONFIG_FILE;
  const abs = path.resolve(workspace, rel);
  const file = path.relative(workspace, abs) || rel;
  const inRepo = isInside(path.resolve(workspace), abs);
  const read = readGuarded(abs, { maxBytes: MAX_CONFIG_BYTES, ...inRepo ? { within: workspace } : {} });
  if (read.kind === "missing") {
    throw new UserError(`config file not found (looked for ${abs}); create ${DEFAULT_CONFIG_FILE} or pass --config`, { file: rel });
  }
  if (read.kind === "too-large") throw new UserError(`config file is ${read.size} bytes; the limit is ${MAX_CONFIG_BYTES} bytes`, { file: rel });
  if (read.kind !== "ok") throw new UserError(`the config ${describeRefusal(read)}`, { file: rel });
  const decoded = decodeUtf8Strict(read.bytes);
  if (!decoded.ok) {
    throw new UserError(`${describeInvalidUtf8(decoded)}; the config must be UTF-8 text`, {
      file,
      line: decoded.line,
      column: decoded.column
    });
  }
  return parseConfig(decoded.text, file, registry2, abs, { workspace, env });
}
function parseConfig(text, file, registry2, absolutePath = file, place = {}) {
  if (Buffer.byteLength(text) > MAX_CONFIG_BYTES) {
    throw new UserError(`config file is larger than ${MAX_CONFIG_BYTES} bytes`, { file });
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, version: "1.2", schema: "core", merge: false });
  const at = (offset) => {
    const p = lineCounter.linePos(offset);
    return { file, line: p.line, column: p.col };
  };
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) {
    throw new UserErrors(problems.map((e) => new UserError(`invalid YAML: ${e.message.split("\n")[0]}`, at(e.pos[0]))));
  }
  const scan = scanDocument(doc);
  if (scan.protoKeys.length > 0) {
    throw new UserErrors(scan.protoKeys.map((o) => new UserError(`the key "__proto__" is refused: it would set an object's prototype, not a key`, at(o))));
  }
  const aliases = scan.aliases;
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
      rawOptions: entry.with,
      passEnv: entry.passEnv,
      outputs: entry.outputs
    });
  });
  for (const key of ["store", "cache"]) {
    const why = folderProblem(cfg[key].path, place);
    if (why) errors.push(new UserError(`${key}.path: ${why}`, positionOf(doc, [key, "path"], at, file)));
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new UserErrors(errors);
  return {
    path: file,
    absolutePath,
    digest: `sha256:${createHash("sha256").update(text).digest("hex")}`,
    ...cfg.base ? { base: cfg.base } : {},
    line,
    store: cfg.store,
    cache: cfg.cache,
    locate: (p) => positionOf(doc, p, at, file)
  };
}
function scanDocument(doc) {
  const aliases = [];
  const protoKeys = [];
  const walk = (node, depth) => {
    if (depth > 200) return;
    if (isAlias(node)) aliases.push(node.range?.[0] ?? 0);
    if (isMap(node) || isSeq(node)) for (const item of node.items) walk(item, depth + 1);
    else if (isPair(node)) {
      if (isScalar(node.key) && String(node.key.value) === "__proto__") protoKeys.push(node.key.range?.[0] ?? 0);
      walk(node.key, depth + 1);
      walk(node.value, depth + 1);
    }
  };
  walk(doc.contents, 0);
  return { aliases, protoKeys };
}
function folderProblem(given, place) {
  if (given.trim() === "") return "is empty; name a folder inside the repository";
  const runnerTemp = place.env?.RUNNER_TEMP;
  if (path.isAbsolute(given) || /^[A-Za-z]:[\\/]/.test(given)) {
    if (runnerTemp && path.isAbsolute(runnerTemp) && resolveInside(runnerTemp, given, { rootName: "RUNNER_TEMP" }).ok) return null;
    return `"${given}" is an absolute path; name a folder inside the repository${runnerTemp ? " or under RUNNER_TEMP" : ""}`;
  }
  const norm = path.posix.normalize(given.replace(/\\/g, "/")).replace(/\/+$/, "");
  if (norm === "." || norm === "") return `"${given}" is the repository itself; name a folder inside it`;
  if (norm === ".." || norm.startsWith("../")) return `"${given}" leads outside the repository`;
  if (place.workspace === void 0) return inGit(norm) ? `"${given}" is inside .git` : null;
  const inside = resolveInside(place.workspace, given, { rootName: "the repository" });
  if (!inside.ok) return inside.reason;
  return inGit(path.relative(realPathOf(path.resolve(place.workspace)), realPathOf(inside.abs)).split(path.sep).join("/")) ? `"${given}" is inside .git` : null;
}
function outputGlobProblem(glob) {
  const p = glob.replace(/\\/g, "/");
  if (p.startsWith("!")) return "negated";
  if (path.posix.isAbsolute(p) || /^[A-Za-z]:\//.test(p)) return "absolute";
  const segments = p.split("/");
  if (segments.includes("..")) return "leads outside";
  return segments[0] === ".git" ? "inside .git" : null;
}
function inGit(rel) {
  return rel === ".git" || rel.startsWith(".git/");
}
function positionOf(doc, p, at, file, keyOf) {
  let node = doc.contents;
  let best = doc.contents ?? void 0;
  for (const key of p) {
    if (isMap(node)) {
      const pair = node.items.find((it) => isScalar(it.key) && it.key.value === key);
      if (!pair) break;
      node = pair.value;
      best = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof key === "number") {
      node = node.items[key];
      if (!node) break;
      best = node;
    } else break;
  }
  if (keyOf !== void 0 && isMap(node)) {
    const pair = node.items.find((it) => isScalar(it.key) && it.key.value === keyOf);
    if (pair && isScalar(pair.key) && pair.key.range) return at(pair.key.range[0]);
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
  return isScalar(node) ? node.value : node === void 0 ? void 0 : node;
}

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
  const { completes, judgesBase, ...kind } = descriptor;
  return {
    ...kind,
    inputs: async (options, env) => (await impl()).inputs(options, env),
    run: async (ctx) => (await impl()).run(ctx),
    ...completes ? {
      complete: async (ctx, line) => {
        const k = await impl();
        return k.complete ? k.complete(ctx, line) : null;
      }
    } : {},
    ...judgesBase ? {
      judgeAtBase: async (ctx) => {
        const k = await impl();
        return k.judgeAtBase ? k.judgeAtBase(ctx) : { kind: "unjudged", why: `stage kind ${k.name} cannot judge the base` };
      }
    } : {}
  };
}

// src/stages/command/index.ts
var import_picomatch = __toESM(require_picomatch(), 1);
import { lstatSync } from "node:fs";
import path2 from "node:path";
var CommandOptions = object({
  run: union([array(string()).min(1, "run needs at least the program"), string().min(1)]).describe("argv array (no shell), or a string run through an explicit `bash -c` (recorded as such)."),
  inputs: array(string()).default([]).describe("Globs of the files the result depends on; without them the stage is never reused."),
  env: record(string(), string()).default({}).describe("Extra environment variables."),
  timeoutSeconds: number().positive().max(24 * 3600).optional().describe("Kill the command after this many seconds (errored)."),
  cwd: string().optional().describe("Working directory relative to the workspace.")
}).strict();
var INTERPRETERS = /* @__PURE__ */ new Set(["node", "nodejs", "deno", "bun", "tsx", "ts-node", "python", "python3", "bash", "sh", "dash", "zsh", "ruby", "perl", "php", "pwsh"]);
function scriptsOf(run, cwd, workspace) {
  const words = typeof run === "string" ? (run.split(/[;&|\n]/)[0] ?? "").trim().split(/\s+/).filter(Boolean) : run;
  const [program, ...args] = words;
  if (!program) return [];
  const named = program.includes("/") ? [program] : [];
  if (INTERPRETERS.has(path2.basename(program))) {
    const script = args.filter((a) => !a.startsWith("-")).find((a) => fileInside(workspace, path2.resolve(cwd, a)) !== null);
    if (script) named.push(script);
  }
  return named.map((w) => fileInside(workspace, path2.resolve(cwd, w))).filter((p) => p !== null);
}
function fileInside(workspace, abs) {
  const inside = resolveInside(workspace, abs);
  if (!inside.ok) return null;
  try {
    if (!lstatSync(abs).isFile()) return null;
  } catch {
    return null;
  }
  const rel = path2.relative(workspace, abs).split(path2.sep).join("/");
  return import_picomatch.default.scan(rel).isGlob ? null : rel;
}
function cwdOf(workspace, cwd) {
  return resolvePath(workspace, cwd ?? ".", "folder");
}
var commandStage = {
  name: "command",
  description: "Runs a command; exit code 0 passes the gate.",
  options: CommandOptions,
  async inputs(options, env) {
    if (options.inputs.length === 0) return null;
    const cwd = cwdOf(env.workspace, options.cwd);
    return { files: [...options.inputs, ...cwd.ok ? scriptsOf(options.run, cwd.abs, env.workspace) : []] };
  },
  async validate(options, env) {
    return givenPathProblems(options, env, [{ path: ["cwd"], wanted: "folder" }]);
  },
  whyNotReusable: () => "no inputs declared: list the files its result depends on in `with.inputs` (the scripts it runs are added) so that an unchanged result can be reused",
  async run(ctx) {
    const o = ctx.options;
    const shell = typeof o.run === "string";
    const argv = typeof o.run === "string" ? shellArgv(o.run) : o.run;
    const inside = cwdOf(ctx.workspace, o.cwd);
    if (!inside.ok) return { state: "errored", reason: `cwd ${inside.reason}` };
    const cwd = inside.abs;
    await ctx.reads.note(scriptsOf(o.run, cwd, ctx.workspace));
    ctx.logger.info(`$ ${argv.map(quoteForLog).join(" ")}${shell ? "   (string command: run through bash -c)" : ""}`);
    const res = await ctx.runner.run(argv, {
      cwd,
      env: { ...ctx.env, ...o.env },
      ...o.timeoutSeconds ? { timeoutMs: o.timeoutSeconds * 1e3 } : {}
    });
    const result = {
      argv,
      shell,
      cwd: path2.relative(ctx.workspace, cwd) || ".",
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
    lazyStageKind(
      { name: "regression", description: REGRESSION_DESCRIPTION, options: RegressionOptions, validate: async (o, env) => givenPathProblems(o, env, [{ path: ["cwd"], wanted: "folder" }]) },
      async () => (await import("./regression-KBFYQH5Y.js")).regressionStage
    ),
    lazyStageKind(
      { name: "static-analysis", description: STATIC_ANALYSIS_DESCRIPTION, options: StaticAnalysisOptions, judgesBase: true, notJudgedAtBase, validate: async (o, env) => (await import("./validate-options-UBM7ORHG.js")).validateStaticAnalysis(o, env) },
      async () => (await import("./static-analysis-PRS6IDFO.js")).staticAnalysisStage
    ),
    lazyStageKind(
      {
        name: "spec",
        description: SPEC_DESCRIPTION,
        options: SpecOptions,
        completes: true,
        judgesBase: true,
        validate: async (o, env) => (await import("./validate-options-POYWWM3J.js")).validateSpec(o, env),
        // The spec kind has no `inputs` option: what keeps it from reuse is what it reads of this run.
        whyNotReusable: (o) => `it reads ${o.changes ? "the change (`changes`)" : `this run's test results (\`requireCoverage: ${o.requireCoverage}\`)`}, which no earlier result saw; it runs every time${o.changes ? "" : " (with `requireCoverage: none` an unchanged result is reused)"}`
      },
      async () => (await import("./spec-LHIYEQ52.js")).specStage
    ),
    lazyStageKind(
      { name: "templates", description: TEMPLATES_DESCRIPTION, options: TemplatesOptions, judgesBase: true, validate: async (o, env) => (await import("./validate-options-CFB57HGH.js")).validateTemplates(o, env) },
      async () => (await import("./templates-LHWG3RXC.js")).templatesStage
    )
  ]);
}

export {
  stageEnv,
  configJsonSchema,
  loadConfig,
  defaultRegistry
};
