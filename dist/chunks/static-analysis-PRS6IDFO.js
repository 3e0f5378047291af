import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  scanScript
} from "./chunk-MRUSBJ6L.js";
import {
  LOCKFILES
} from "./chunk-QJBUIJW3.js";
import {
  INGESTED,
  NOT_AT_BASE,
  STATIC_ANALYSIS_DESCRIPTION,
  StaticAnalysisOptions,
  configuredSources,
  notJudgedAtBase
} from "./chunk-QZDB3VMJ.js";
import {
  blocksGate,
  fingerprintAll,
  judgeAgainstBaseline,
  readFindingBaseline,
  toBaselineEntry,
  workspaceLineReader
} from "./chunk-MWG5CBHW.js";
import {
  changedFiles,
  inChange
} from "./chunk-BI4FL6IB.js";
import "./chunk-PE5NFLL3.js";
import "./chunk-4PTP22Z7.js";
import {
  ANDON_NODE
} from "./chunk-JBUSEVB6.js";
import "./chunk-MGRT4P43.js";
import "./chunk-R2DVGQ2Z.js";
import {
  MAX_POSITION,
  compareFindings
} from "./chunk-NLHABGJB.js";
import "./chunk-HAB4HTVZ.js";
import {
  glob,
  isDynamicPattern
} from "./chunk-K4VEHVI3.js";
import {
  decodeUtf8Strict
} from "./chunk-GKY6TSAU.js";
import {
  _enum,
  array,
  boolean,
  describeRefusal,
  discriminatedUnion,
  literal,
  number,
  object,
  readGuarded,
  record,
  require_picomatch,
  string
} from "./chunk-QTHYIHUL.js";
import {
  realPathOf,
  resolveInside
} from "./chunk-TXGCBDM3.js";
import {
  InternalError,
  errorMessage
} from "./chunk-HUTQD67Y.js";
import "./chunk-AS4XOIVA.js";
import "./chunk-X4N7ZENU.js";
import {
  __toESM
} from "./chunk-TZYN2FJC.js";

// src/stages/static-analysis/checkstyle-xml.ts
var PREDEFINED = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
var CheckstyleParseError = class extends Error {
};
function lineOf(text, index) {
  let n = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) n++;
  return n;
}
function decode(raw, text, at) {
  return raw.replace(/&([^;\s&]*);?/g, (m, name) => {
    if (!m.endsWith(";")) throw new CheckstyleParseError(`line ${lineOf(text, at)}: a bare "&" is not well-formed XML`);
    if (name.startsWith("#x")) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith("#")) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    const v = PREDEFINED[name];
    if (v === void 0) throw new CheckstyleParseError(`line ${lineOf(text, at)}: entity reference &${name}; refused (only XML's predefined entities are read)`);
    return v;
  });
}
var ATTR = /([A-Za-z_:][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
function attributes(body, text, at) {
  const out = {};
  for (const m of body.matchAll(ATTR)) out[m[1]] = decode(m[2] ?? m[3] ?? "", text, at);
  return out;
}
function positive(v) {
  if (v === void 0) return void 0;
  const n = Number.parseInt(v, 10);
  return Number.isInteger(n) && n > 0 && n <= MAX_POSITION ? n : void 0;
}
function parseCheckstyle(text) {
  const report = { files: [] };
  let sawRoot = false;
  let current;
  let i = 0;
  for (; ; ) {
    const lt = text.indexOf("<", i);
    if (lt === -1) break;
    if (text.startsWith("<!--", lt)) {
      const end = text.indexOf("-->", lt + 4);
      if (end === -1) throw new CheckstyleParseError(`line ${lineOf(text, lt)}: unterminated comment`);
      i = end + 3;
      continue;
    }
    if (text.startsWith("<?", lt)) {
      const end = text.indexOf("?>", lt + 2);
      if (end === -1) throw new CheckstyleParseError(`line ${lineOf(text, lt)}: unterminated processing instruction`);
      i = end + 2;
      continue;
    }
    if (text.startsWith("<![CDATA[", lt)) {
      const end = text.indexOf("]]>", lt);
      if (end === -1) throw new CheckstyleParseError(`line ${lineOf(text, lt)}: unterminated CDATA section`);
      i = end + 3;
      continue;
    }
    if (text.startsWith("<!", lt)) {
      const what = /^<!(DOCTYPE|ENTITY|ELEMENT|ATTLIST)/i.exec(text.slice(lt, lt + 12))?.[1]?.toUpperCase() ?? "declaration";
      throw new CheckstyleParseError(`line ${lineOf(text, lt)}: <!${what}> refused: checkstyle reports need no DTD, and DTDs and entities are an XML attack vector`);
    }
    const gt = text.indexOf(">", lt);
    if (gt === -1) throw new CheckstyleParseError(`line ${lineOf(text, lt)}: unterminated tag`);
    const tag = text.slice(lt + 1, gt);
    i = gt + 1;
    if (tag.startsWith("/")) {
      if (tag.slice(1).trim() === "file") current = void 0;
      continue;
    }
    const selfClosing = tag.endsWith("/");
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const name = /^[^\s/>]+/.exec(body)?.[0] ?? "";
    const attrs = attributes(body.slice(name.length), text, lt);
    if (!sawRoot) {
      if (name !== "checkstyle") throw new CheckstyleParseError(`line ${lineOf(text, lt)}: root element is <${name}>, expected <checkstyle>`);
      sawRoot = true;
      if (attrs.version) report.version = attrs.version;
      continue;
    }
    if (name === "file") {
      current = { name: attrs.name ?? "", errors: [] };
      report.files.push(current);
      if (selfClosing) current = void 0;
    } else if (name === "error" && current) {
      const e = { severity: attrs.severity ?? "error", message: attrs.message ?? "" };
      const line = positive(attrs.line);
      if (line) e.line = line;
      const column = positive(attrs.column);
      if (column) e.column = column;
      if (attrs.source) e.source = attrs.source;
      current.errors.push(e);
    }
  }
  if (!sawRoot) throw new CheckstyleParseError("no <checkstyle> root element");
  return report;
}

// src/stages/static-analysis/workspace-path.ts
import { realpathSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
function within(root, abs) {
  const rel = path.relative(root, abs);
  if (rel === "" || rel.startsWith(".." + path.sep) || rel === ".." || path.isAbsolute(rel)) return null;
  return rel.split(path.sep).join("/");
}
function realOrSelf(p) {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}
function toWorkspacePath(workspace, reported, base = workspace, label = reported) {
  let abs;
  try {
    abs = reported.startsWith("file:") ? fileURLToPath(reported) : path.resolve(base, reported);
  } catch (err) {
    return { ok: false, reason: `path ${JSON.stringify(reported)} is not a usable file path (${err.message})` };
  }
  const root = path.resolve(workspace);
  const lexical = within(root, abs) ?? within(realOrSelf(root), abs);
  if (lexical === null) return { ok: false, reason: `path ${JSON.stringify(label)} is outside the workspace` };
  const real = realPathOf(abs);
  if (within(realOrSelf(root), real) === null) {
    return { ok: false, reason: `path ${JSON.stringify(label)} leads outside the workspace through a symlink` };
  }
  return { ok: true, path: lexical };
}
function messagesRelativeTo(workspace) {
  const roots = [...new Set([path.resolve(workspace), realOrSelf(path.resolve(workspace))].map((r) => r.split(path.sep).join("/")))].filter((r) => r !== "/").sort((a, b) => b.length - a.length).map((root) => {
    const at = root.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return { root, inside: new RegExp(`${at}/`, "g"), itself: new RegExp(`${at}(?![\\w.@+-])`, "g") };
  });
  return (message) => {
    let out = message;
    for (const r of roots) if (out.includes(r.root)) out = out.replace(r.inside, "").replace(r.itself, ".");
    return out;
  };
}
function checkPattern(pattern) {
  const p = pattern.replace(/^!/, "");
  if (path.isAbsolute(p) || /^[A-Za-z]:[\\/]/.test(p)) return `pattern ${JSON.stringify(pattern)} is absolute; give it relative to the workspace`;
  if (p.split(/[\\/]/).includes("..")) return `pattern ${JSON.stringify(pattern)} contains ".." and could reach outside the workspace`;
  return null;
}

// src/stages/static-analysis/report-files.ts
function mb(n) {
  return `${(n / (1024 * 1024)).toFixed(n < 1024 * 1024 ? 3 : 1)} MB`;
}
function readReport(reads, rel, maxBytes) {
  const read = reads.read(rel, { maxBytes });
  if (read.kind === "too-large") {
    return { ok: false, reason: `${rel}: ${mb(read.size)} is over the ${mb(maxBytes)} cap for one report (raise maxReportBytes to read it)` };
  }
  if (read.kind !== "ok") return { ok: false, reason: `${rel} ${describeRefusal(read)}` };
  const text = decodeUtf8Strict(read.bytes);
  if (!text.ok) return { ok: false, reason: `${rel}:${text.line}:${text.column}: not valid UTF-8 (byte 0x${text.byte.toString(16).padStart(2, "0")}); a report must be UTF-8 text` };
  return { ok: true, text: text.text };
}
async function readReports(kind, patterns, workspace, reads, maxBytes) {
  for (const p of patterns) {
    const bad = checkPattern(p);
    if (bad) return { ok: false, reason: `${kind}: ${bad}` };
  }
  const matched = (await glob([...patterns], { cwd: workspace, onlyFiles: true, dot: true, expandDirectories: false, ignore: ["**/node_modules/**", "**/.git/**"] })).sort();
  const files = [];
  for (const rel of matched) {
    const wp = toWorkspacePath(workspace, rel);
    if (!wp.ok) return { ok: false, reason: `${kind}: ${wp.reason}; refusing to read it` };
    const read = readReport(reads, wp.path, maxBytes);
    if (!read.ok) return { ok: false, reason: `${kind}: ${read.reason}` };
    files.push({ path: wp.path, text: read.text });
  }
  return { ok: true, files };
}

// src/stages/static-analysis/checkstyle-source.ts
function levelOf(severity) {
  switch (severity.toLowerCase()) {
    case "error":
      return "error";
    case "warning":
      return "warning";
    case "ignore":
      return null;
    default:
      return "note";
  }
}
async function runCheckstyle(patterns, sc) {
  const read = await readReports("checkstyle", patterns, sc.workspace, sc.reads, sc.maxReportBytes);
  if (!read.ok) return read;
  if (read.files.length === 0) {
    return { ok: false, reason: `checkstyle: no file matches ${patterns.map((p) => JSON.stringify(p)).join(", ")}; did the tool that writes it run?` };
  }
  const findings = [];
  let version;
  for (const file of read.files) {
    let report;
    try {
      report = parseCheckstyle(file.text);
    } catch (err) {
      if (err instanceof CheckstyleParseError) return { ok: false, reason: `checkstyle: ${file.path}: ${err.message}` };
      throw err;
    }
    version ??= report.version;
    const tool = { name: "checkstyle", ...report.version ? { version: report.version } : {} };
    for (const cf of report.files) {
      const wp = toWorkspacePath(sc.workspace, cf.name, sc.workspace);
      for (const e of cf.errors) {
        const level = levelOf(e.severity);
        if (!level) continue;
        const f = { ruleId: e.source ?? "checkstyle", level, message: e.message, tool };
        if (wp.ok) {
          f.location = { path: wp.path };
          if (e.line) {
            f.location.startLine = e.line;
            if (e.column) f.location.startColumn = e.column;
          }
        } else {
          f.note = `${wp.reason}; location refused`;
        }
        findings.push(f);
      }
    }
  }
  sc.logger.info(`checkstyle: ${read.files.length} file(s), ${findings.length} finding(s)`);
  return { ok: true, findings, tools: { checkstyle: version ?? "unknown" }, notes: [] };
}

// src/stages/static-analysis/eslint-source.ts
var import_picomatch2 = __toESM(require_picomatch(), 1);
import { existsSync as existsSync3 } from "node:fs";
import path6 from "node:path";

// src/stages/static-analysis/eslint-cache.ts
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, rm, writeFile } from "node:fs/promises";
import path3 from "node:path";

// src/stages/static-analysis/config-imports.ts
import path2 from "node:path";
var MAX_CONFIG_FILES = 500;
var MAX_FILE_BYTES = 16 * 1024 * 1024;
var SCRIPT = /\.[cm]?[jt]sx?$/;
var EXTENSIONS = [".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".json"];
function candidates(from, specifier) {
  const base = path2.resolve(path2.dirname(from), specifier.replace(/[?#].*$/, ""));
  const out = [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => path2.join(base, `index${e}`))];
  const js = /\.([cm]?)js$/.exec(base);
  if (js) out.push(`${base.slice(0, -js[0].length)}.${js[1]}ts`);
  return out;
}
function isPackageFile(workspace, abs) {
  const rel = path2.relative(workspace, abs);
  return rel.startsWith("..") || path2.isAbsolute(rel) || rel.split(path2.sep).includes("node_modules");
}
function configCode(workspace, roots) {
  const read = (f) => readGuarded(f, { maxBytes: MAX_FILE_BYTES, within: workspace });
  const found = new Map(roots.map((r) => [r, read(r)]));
  const queue = [...roots];
  for (let next = queue.shift(); next !== void 0; next = queue.shift()) {
    const got = found.get(next);
    if (got.kind !== "ok" || !SCRIPT.test(next)) continue;
    for (const { specifier } of scanScript(got.bytes.toString("utf8"), next).imports) {
      if (!specifier.startsWith("./") && !specifier.startsWith("../")) continue;
      for (const c of candidates(next, specifier)) {
        if (isPackageFile(workspace, c)) break;
        if (found.has(c)) break;
        const r = read(c);
        if (r.kind === "missing" || r.kind === "not-a-file") continue;
        found.set(c, r);
        if (found.size > MAX_CONFIG_FILES) return null;
        queue.push(c);
        break;
      }
    }
  }
  return found;
}

// src/stages/static-analysis/tool-config-files.ts
var import_picomatch = __toESM(require_picomatch(), 1);
var FLAT_CONFIG_FILES = ["eslint.config.js", "eslint.config.mjs", "eslint.config.cjs", "eslint.config.ts", "eslint.config.mts", "eslint.config.cts"];
var LEGACY_CONFIG_FILES = [".eslintrc", ".eslintrc.js", ".eslintrc.cjs", ".eslintrc.yaml", ".eslintrc.yml", ".eslintrc.json", ".eslintignore"];
var PACKAGE_FILES = ["package.json", ...LOCKFILES];
var TOOL_CONFIG_NAMES = [...FLAT_CONFIG_FILES, ...LEGACY_CONFIG_FILES, ...PACKAGE_FILES, "tsconfig*.json", "jsconfig*.json"];
var TOOL_CONFIG_GLOBS = TOOL_CONFIG_NAMES.map((n) => `**/${n}`);
var matchesName = (0, import_picomatch.default)(TOOL_CONFIG_NAMES, { dot: true, basename: true });
function isToolConfig(rel) {
  return matchesName(rel);
}

// src/stages/static-analysis/eslint-cache.ts
var FORMAT = "andon.eslint-cache/v1";
var MAX_KEY_FILE_BYTES = 256 * 1024 * 1024;
var ENTRY = /^eslint-[0-9a-f]{16}\.(cache|type-aware)$/;
var none = (note) => ({ file: null, note, settle: async () => void 0 });
function configFolders(workspace, cwd) {
  const out = [];
  for (let d = cwd; ; d = path3.dirname(d)) {
    out.push(d);
    if (d === workspace || path3.dirname(d) === d || !d.startsWith(workspace)) return out;
  }
}
function keyOf(workspace, cwd, configFile, version) {
  const h = createHash("sha256").update(`${FORMAT}\0eslint ${version}\0`);
  const configs = new Set(configFile ? [configFile] : []);
  for (const d of configFolders(workspace, cwd)) for (const f of FLAT_CONFIG_FILES) configs.add(path3.join(d, f));
  const files = configCode(workspace, [...configs]);
  if (!files) return null;
  for (const d of /* @__PURE__ */ new Set([workspace, cwd])) for (const f of PACKAGE_FILES) files.set(path3.join(d, f), readGuarded(path3.join(d, f), { maxBytes: MAX_KEY_FILE_BYTES, within: workspace }));
  for (const [f, read] of files) {
    h.update(`${path3.relative(workspace, f)}\0${read.kind === "ok" ? createHash("sha256").update(read.bytes).digest("hex") : read.kind}\0`);
  }
  return h.digest("hex").slice(0, 16);
}
function planEslintCache(toolDir, o) {
  if (!toolDir) return none(null);
  if (!o.flat) return none("eslint: per-file results are kept for flat configs only");
  const key = keyOf(o.workspace, o.cwd, o.configFile, o.version);
  if (!key) return none(`eslint: the config's code is more than ${MAX_CONFIG_FILES} workspace files, so results are not reused per file`);
  const file = path3.join(toolDir, `eslint-${key}.cache`);
  const marker = path3.join(toolDir, `eslint-${key}.type-aware`);
  if (existsSync(marker)) return none("eslint: the config lints with type information, so results are not reused per file");
  return {
    file,
    note: null,
    async settle(typeAware) {
      for (const name of await readdir(toolDir).catch(() => [])) {
        if (ENTRY.test(name) && !name.startsWith(`eslint-${key}.`)) await rm(path3.join(toolDir, name), { force: true });
      }
      if (!typeAware) return;
      await rm(file, { force: true });
      await writeFile(marker, "one file's findings can change with another's: results are not reused per file\n");
    }
  };
}

// src/stages/static-analysis/eslint-lint.ts
function versionAtLeast(v, major, minor) {
  const [ma = 0, mi = 0] = v.split(".").map((x) => Number.parseInt(x, 10));
  return ma > major || ma === major && mi >= minor;
}

// src/stages/static-analysis/package-version.ts
import { createRequire } from "node:module";
import path4 from "node:path";
var PackageJson = object({ version: string() });
function workspacePackageVersion(workspace, pkg) {
  try {
    const parsed = PackageJson.safeParse(createRequire(path4.join(workspace, "package.json"))(`${pkg}/package.json`));
    return parsed.success ? parsed.data.version : void 0;
  } catch {
    return void 0;
  }
}

// src/stages/static-analysis/tool-process.ts
import { createHash as createHash2, randomBytes } from "node:crypto";
import { existsSync as existsSync2, writeFileSync } from "node:fs";
import { mkdtemp, rename, rm as rm2 } from "node:fs/promises";
import { tmpdir } from "node:os";
import path5 from "node:path";
import { fileURLToPath as fileURLToPath2 } from "node:url";
var CHILD = "tool-child.js";
var fromSource;
function childScript() {
  for (const rel of [`./${CHILD}`, `../${CHILD}`]) {
    const p = fileURLToPath2(new URL(rel, import.meta.url));
    if (existsSync2(p)) return Promise.resolve(p);
  }
  const source = fileURLToPath2(new URL("./tool-child.ts", import.meta.url));
  if (!existsSync2(source)) throw new InternalError(`the static-analysis tool process ${CHILD} is missing beside ${fileURLToPath2(import.meta.url)}`);
  return fromSource ??= buildFromSource(source);
}
async function buildFromSource(source) {
  const esbuild = "esbuild";
  const { build } = await import(esbuild);
  const out = await build({ entryPoints: [source], bundle: true, write: false, format: "esm", platform: "node", target: "node20", logLevel: "silent" });
  const code = out.outputFiles[0].contents;
  const file = path5.join(tmpdir(), `andon-tool-child-${createHash2("sha256").update(code).digest("hex").slice(0, 16)}.mjs`);
  if (!existsSync2(file)) {
    const tmp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
    writeFileSync(tmp, code);
    await rename(tmp, file);
  }
  return file;
}
function lastLine(tail) {
  const lines = tail.split("\n").map((l2) => l2.trim()).filter(Boolean);
  const l = lines[lines.length - 1] ?? "";
  return l.length > 200 ? `${l.slice(0, 197)}...` : l;
}
function endedEarly(label, res) {
  const how = res.exitCode !== null ? `exit code ${res.exitCode}` : `signal ${res.signal}`;
  const said = lastLine(res.tail);
  const oom = /heap out of memory|Allocation failed/i.test(res.tail) ? " (out of memory)" : "";
  return `${label} ended before reporting${oom} (${how})${said ? `: ${said}` : ""}`;
}
async function runToolProcess(request, schema, sc, label) {
  const script = await childScript();
  const dir = await mkdtemp(path5.join(tmpdir(), "andon-tool-"));
  try {
    const requestFile = path5.join(dir, "request.json");
    const reportFile = path5.join(dir, "report.json");
    writeFileSync(requestFile, JSON.stringify({ ...request, reportFile }), { mode: 384 });
    const res = await sc.runner.run([ANDON_NODE, script, requestFile], { cwd: sc.workspace, env: sc.env, signal: sc.signal });
    if (res.cancelled || sc.signal.aborted) return { ok: false, reason: `${label} was stopped before it reported` };
    if (res.spawnError) return { ok: false, reason: `${label} could not be started: ${res.spawnError}` };
    const read = readGuarded(reportFile, { maxBytes: sc.maxReportBytes, links: "refuse" });
    if (read.kind === "missing") return { ok: false, reason: endedEarly(label, res) };
    if (read.kind === "too-large") return { ok: false, reason: `${label} reported ${read.size} bytes, more than maxReportBytes (${read.max}); not read` };
    if (read.kind !== "ok") return { ok: false, reason: `${label}'s report ${describeRefusal(read)}` };
    let json;
    try {
      json = JSON.parse(read.bytes.toString("utf8"));
    } catch (err) {
      return { ok: false, reason: `${label} reported something that is not JSON: ${errorMessage(err)}` };
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, reason: `${label} reported something unreadable: ${issue ? `${issue.path.join(".") || "report"}: ${issue.message}` : "wrong shape"}` };
    }
    return { ok: true, report: parsed.data };
  } finally {
    await rm2(dir, { recursive: true, force: true });
  }
}

// src/stages/static-analysis/tool-report.ts
var Failure = object({ ok: literal(false), reason: string() }).strict();
var EslintMessage = object({
  ruleId: string().nullable(),
  severity: number(),
  message: string(),
  line: number().optional(),
  column: number().optional(),
  endLine: number().optional(),
  endColumn: number().optional(),
  fatal: boolean().optional()
});
var EslintReport = discriminatedUnion("ok", [
  object({
    ok: literal(true),
    results: array(object({ filePath: string(), messages: array(EslintMessage) })),
    /** Docs links of the rules that reported something. */
    ruleUrls: record(string(), string()),
    /** Absolute files handed to ESLint when only the change was in scope; null when `patterns` were linted. */
    linted: array(string()).nullable(),
    /** Some linted file's config reads type information: its findings can change when another file does. */
    typeAware: boolean(),
    notes: array(string())
  }).strict(),
  Failure
]);
var Position = object({ line: number(), column: number() }).strict();
var TscReport = discriminatedUnion("ok", [
  object({
    ok: literal(true),
    version: string(),
    /** The project's own root files (its files and include), which is what was checked. */
    rootFiles: number(),
    /** Every file in the program: the root files, what they import, and the lib and @types declarations. */
    sourceFiles: number(),
    diagnostics: array(
      object({
        code: number(),
        level: _enum(["error", "warning", "note"]),
        message: string(),
        /** Absolute file the diagnostic is in; absent for a project-wide one. */
        file: string().optional(),
        start: Position.optional(),
        end: Position.optional()
      }).strict()
    ),
    /** Workspace-relative changed files reported on, when only the change was in scope. */
    reportedOn: array(string()).nullable()
  }).strict(),
  Failure
]);

// src/stages/static-analysis/eslint-source.ts
function wantsFlat(o, env, cwd, version) {
  if (o.configType !== "auto") return o.configType === "flat";
  if (env.ESLINT_USE_FLAT_CONFIG === "false") return false;
  if (env.ESLINT_USE_FLAT_CONFIG === "true") return true;
  if (!versionAtLeast(version, 9, 0)) return FLAT_CONFIG_FILES.some((f) => existsSync3(path6.join(cwd, f)));
  return true;
}
function levelOf2(m) {
  return m.severity >= 2 || m.fatal ? "error" : "warning";
}
var IGNORED_WARNING = /^File ignored\b/;
function namedBy(patterns) {
  const tests = patterns.map((raw) => {
    const p = raw.replace(/^\.\//, "").replace(/\/+$/, "");
    if (p === "." || p === "") return () => true;
    if (isDynamicPattern(p)) return (0, import_picomatch2.default)(p, { dot: true });
    return (rel) => rel === p || rel.startsWith(p + "/");
  });
  return (rel) => tests.some((t) => t(rel));
}
function checkOptions(o, sc) {
  for (const p of o.patterns) {
    const bad = checkPattern(p);
    if (bad) return { ok: false, reason: `eslint: ${bad}` };
  }
  const cwd = resolveInside(sc.workspace, o.cwd, { allowRoot: true });
  if (!cwd.ok) return { ok: false, reason: `eslint: cwd ${cwd.reason}` };
  const config = o.config ? resolveInside(sc.workspace, o.config) : null;
  if (config && !config.ok) return { ok: false, reason: `eslint: config ${config.reason}` };
  const version = workspacePackageVersion(sc.workspace, "eslint");
  if (version === void 0) return { ok: false, reason: `ESLint is not installed in the workspace (${sc.workspace}): install it there with \`npm i -D eslint\`` };
  if (!versionAtLeast(version, 8, 57)) {
    return { ok: false, reason: `ESLint ${version} in the workspace is too old: Andon needs ESLint 8.57 or later (\`npm i -D eslint@latest\`)` };
  }
  return { ok: true, cwd: cwd.abs, configFile: config?.abs ?? null, version };
}
function changedCandidates(o, sc, cwd, changed) {
  const named = namedBy(o.patterns);
  const out = [];
  for (const rel of changed) {
    const abs = path6.resolve(sc.workspace, rel);
    const fromCwd = path6.relative(cwd, abs).split(path6.sep).join("/");
    if (fromCwd.startsWith("..") || !named(fromCwd) || !existsSync3(abs)) continue;
    out.push(abs);
  }
  return out;
}
function toFindings(report, sc, version) {
  const findings = [];
  const tool = { name: "ESLint", version, informationUri: "https://eslint.org" };
  for (const r of report.results) {
    const wp = toWorkspacePath(sc.workspace, r.filePath);
    for (const m of r.messages) {
      if (m.ruleId === null && !m.fatal && IGNORED_WARNING.test(m.message)) continue;
      const ruleId = m.ruleId ?? (m.fatal ? "parse-error" : "eslint");
      const f = { ruleId, level: levelOf2(m), message: m.message, tool };
      const url = m.ruleId ? report.ruleUrls[m.ruleId] : void 0;
      if (url) f.helpUri = url;
      if (wp.ok) {
        f.location = { path: wp.path };
        if (m.line) {
          f.location.startLine = m.line;
          if (m.column) f.location.startColumn = m.column;
          if (m.endLine) f.location.endLine = m.endLine;
          if (m.endColumn && m.endLine) f.location.endColumn = m.endColumn;
        }
      } else {
        f.note = `${wp.reason}; location refused`;
      }
      findings.push(f);
    }
  }
  return findings;
}
async function runEslint(o, sc) {
  const checked = checkOptions(o, sc);
  if (!checked.ok) return checked;
  const { cwd, configFile, version } = checked;
  const flat = wantsFlat(o, sc.env, cwd, version);
  const tools = { eslint: version };
  const candidates2 = sc.changedFiles ? changedCandidates(o, sc, cwd, sc.changedFiles) : null;
  if (candidates2 && candidates2.length === 0) {
    sc.logger.info(`eslint: none of the ${sc.changedFiles.length} changed file(s) is one ESLint lints; nothing to lint`);
    return { ok: true, findings: [], tools, partialScope: [], notes: ["eslint: no changed file to lint"] };
  }
  const cache = planEslintCache(await sc.toolCache(), { workspace: sc.workspace, cwd, configFile, version, flat });
  if (cache.note) sc.logger.info(cache.note);
  const request = { tool: "eslint", workspace: sc.workspace, cwd, version, flat, patterns: o.patterns, configFile, candidates: candidates2, cacheFile: cache.file };
  const ran = await runToolProcess(request, EslintReport, sc, "ESLint");
  if (!ran.ok) return ran;
  const report = ran.report;
  if (!report.ok) return report;
  await cache.settle(report.typeAware);
  const notes = [...report.notes, ...cache.note ? [cache.note] : []];
  for (const n of report.notes) sc.logger.info(n);
  let partialScope;
  if (report.linted) {
    partialScope = report.linted.map((a) => path6.relative(sc.workspace, a).split(path6.sep).join("/"));
    if (partialScope.length === 0) {
      sc.logger.info(`eslint: none of the ${sc.changedFiles?.length ?? 0} changed file(s) is one ESLint lints; nothing to lint`);
      return { ok: true, findings: [], tools, partialScope, notes: [...notes, "eslint: no changed file to lint"] };
    }
    sc.logger.info(`eslint: linting the ${partialScope.length} changed file(s) only (filter: ${sc.filter})`);
  }
  const findings = toFindings(report, sc, version);
  const kept = cache.file ? "; per-file results kept for the next run" : "";
  sc.logger.info(`eslint ${version} (${flat ? "flat" : "legacy"} config): ${report.results.length} file(s) linted, ${findings.length} finding(s)${kept}`);
  return { ok: true, findings, tools, ...partialScope ? { partialScope } : {}, notes };
}

// src/stages/static-analysis/gate.ts
function eslintScope(f) {
  const whole = (why) => ({ narrow: false, why });
  if (f.changes.base === null) return whole(null);
  if (f.onBaseBranch) return whole("on the base branch the whole workspace is judged");
  if (f.filter !== "file" && f.filter !== "added") return whole(null);
  if (f.read.kind !== "ok") return whole(f.read.kind === "none" ? "no baseline of the base commit to carry the other files from" : "the base could not be judged");
  if (f.read.origin === "file") return whole("the committed baseline may be older than the base commit");
  if (f.eslintUnjudged) return whole(`ESLint was not judged at the base (${f.eslintUnjudged})`);
  const wide = [...f.changes.files.keys()].find(isToolConfig);
  if (wide) return whole(`the change touches ${wide}, which can change what ESLint says about any file`);
  return { narrow: true };
}
function describeFinding(f) {
  const loc = f.location;
  const where = loc ? [loc.path, loc.startLine, loc.startLine ? loc.startColumn : void 0].filter((x) => x !== void 0).join(":") : "(no location)";
  return `${where} ${f.level} ${f.ruleId}: ${f.message.split("\n")[0]}`;
}

// src/stages/static-analysis/sarif-source.ts
import path7 from "node:path";
var isObj = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var str = (v) => typeof v === "string" ? v : void 0;
var isPosition = (v) => typeof v === "number" && Number.isInteger(v) && v > 0 && v <= MAX_POSITION;
function levelOf3(v) {
  if (v === "error" || v === "warning" || v === "note") return v;
  if (v === "none") return "note";
  return void 0;
}
function format(template, args) {
  const list = Array.isArray(args) ? args : [];
  return template.replace(/\{(\d+)\}/g, (m, i) => {
    const a = list[Number(i)];
    return typeof a === "string" ? a : m;
  });
}
function resolveLocation(loc, run2, workspace, depth = 0) {
  let uri = str(loc.uri);
  if (uri === void 0 && typeof loc.index === "number") {
    const art = run2.artifacts[loc.index];
    if (isObj(art) && isObj(art.location)) return resolveLocation(art.location, run2, workspace, depth + 1);
  }
  if (uri === void 0) return void 0;
  if (/^[a-z][a-z0-9+.-]*:/i.test(uri) && !uri.startsWith("file:")) return uri;
  if (uri.startsWith("file:")) return uri;
  try {
    uri = decodeURIComponent(uri);
  } catch {
  }
  const baseId = str(loc.uriBaseId);
  if (!baseId) return path7.resolve(workspace, uri);
  const base = run2.baseIds[baseId];
  if (!isObj(base) || depth > 8) return path7.resolve(workspace, uri);
  const baseUri = resolveLocation(base, run2, workspace, depth + 1);
  if (!baseUri) return path7.resolve(workspace, uri);
  if (baseUri.startsWith("file:")) {
    try {
      return new URL(uri, baseUri.endsWith("/") ? baseUri : baseUri + "/").href;
    } catch {
      throw new BadUri(`${JSON.stringify(uri)} against the base ${baseId} (${JSON.stringify(baseUri)}) is not a valid URI`);
    }
  }
  return path7.resolve(baseUri, uri);
}
var BadUri = class extends Error {
};
function runView(run2) {
  const tool = isObj(run2.tool) ? run2.tool : {};
  const driver = isObj(tool.driver) ? tool.driver : {};
  const rules = (Array.isArray(driver.rules) ? driver.rules : []).filter(isObj);
  const ruleById = /* @__PURE__ */ new Map();
  for (const r of rules) if (typeof r.id === "string") ruleById.set(r.id, r);
  const name = str(driver.name) ?? "unknown tool";
  const version = str(driver.semanticVersion) ?? str(driver.version);
  const informationUri = str(driver.informationUri);
  return {
    rules,
    ruleById,
    baseIds: isObj(run2.originalUriBaseIds) ? run2.originalUriBaseIds : {},
    artifacts: Array.isArray(run2.artifacts) ? run2.artifacts : [],
    tool: { name, ...version ? { version } : {}, ...informationUri ? { informationUri } : {} }
  };
}
function mapResult(res, run2, workspace) {
  const kind = str(res.kind);
  if (kind && kind !== "fail" && kind !== "open" && kind !== "review") return null;
  if (Array.isArray(res.suppressions) && res.suppressions.some((s) => isObj(s) && (s.status === void 0 || s.status === "accepted"))) return null;
  const ruleRef = isObj(res.rule) ? res.rule : {};
  const index = typeof res.ruleIndex === "number" ? res.ruleIndex : typeof ruleRef.index === "number" ? ruleRef.index : void 0;
  const ruleId = str(res.ruleId) ?? str(ruleRef.id) ?? (index !== void 0 ? str(run2.rules[index]?.id) : void 0) ?? "unknown-rule";
  const rule = (index !== void 0 ? run2.rules[index] : void 0) ?? run2.ruleById.get(ruleId);
  const defaults = rule && isObj(rule.defaultConfiguration) ? rule.defaultConfiguration : {};
  const level = levelOf3(res.level) ?? levelOf3(defaults.level) ?? "warning";
  const msg = isObj(res.message) ? res.message : {};
  let message = str(msg.text) ?? str(msg.markdown);
  if (message === void 0 && typeof msg.id === "string" && rule && isObj(rule.messageStrings)) {
    const ms = rule.messageStrings[msg.id];
    if (isObj(ms) && typeof ms.text === "string") message = format(ms.text, msg.arguments);
  }
  const f = { ruleId, level, message: message ?? ruleId, tool: run2.tool };
  const helpUri = rule ? str(rule.helpUri) : void 0;
  if (helpUri) f.helpUri = helpUri;
  const first = Array.isArray(res.locations) ? res.locations[0] : void 0;
  const phys = isObj(first) && isObj(first.physicalLocation) ? first.physicalLocation : void 0;
  if (phys && isObj(phys.artifactLocation)) {
    let target;
    try {
      target = resolveLocation(phys.artifactLocation, run2, workspace);
    } catch (e) {
      if (!(e instanceof BadUri)) throw e;
      f.note = `location ${e.message}; location refused`;
    }
    if (target !== void 0 && /^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith("file:")) {
      f.note = `location ${JSON.stringify(target)} is not a file in the workspace; location refused`;
    } else if (target !== void 0) {
      const wp = toWorkspacePath(workspace, target, workspace, str(phys.artifactLocation.uri) ?? target);
      if (wp.ok) {
        f.location = { path: wp.path };
        const region = isObj(phys.region) ? phys.region : {};
        const refused = [];
        const position = (key) => {
          const v = region[key];
          if (v === void 0) return void 0;
          if (isPosition(v)) return v;
          refused.push(`${key} ${JSON.stringify(v) ?? String(v)}`);
          return void 0;
        };
        const startLine = position("startLine");
        const sc = position("startColumn");
        const el = position("endLine");
        const ec = position("endColumn");
        if (startLine) {
          f.location.startLine = startLine;
          if (sc) f.location.startColumn = sc;
          if (el) f.location.endLine = el;
          if (ec) f.location.endColumn = ec;
        }
        if (refused.length > 0) f.note = `region ${refused.join(", ")} out of range (1 to ${MAX_POSITION}); dropped`;
      } else {
        f.note = `${wp.reason}; location refused`;
      }
    }
  }
  return f;
}
function mapSarifLog(log, file, workspace) {
  if (!isObj(log)) return { ok: false, reason: `${file}: not a SARIF log (the top level is not a JSON object)` };
  if (log.version !== "2.1.0") {
    const v = log.version === void 0 ? "no version" : `version ${JSON.stringify(log.version)}`;
    return { ok: false, reason: `${file}: SARIF ${v} is not supported; Andon reads SARIF 2.1.0 (convert it with the SARIF multitool)` };
  }
  if (!Array.isArray(log.runs)) return { ok: false, reason: `${file}: /runs is missing or not an array` };
  const findings = [];
  const tools = [];
  for (const [i, run2] of log.runs.entries()) {
    if (!isObj(run2) || !isObj(run2.tool) || !isObj(run2.tool.driver)) return { ok: false, reason: `${file}: /runs/${i}/tool/driver is missing` };
    const view = runView(run2);
    tools.push(view.tool);
    const results = run2.results;
    if (results === void 0 || results === null) continue;
    if (!Array.isArray(results)) return { ok: false, reason: `${file}: /runs/${i}/results is not an array` };
    for (const [j, res] of results.entries()) {
      if (!isObj(res)) return { ok: false, reason: `${file}: /runs/${i}/results/${j} is not an object` };
      const f = mapResult(res, view, workspace);
      if (f) findings.push(f);
    }
  }
  return { ok: true, findings, tools };
}
function parseSarifFile(file, workspace) {
  let log;
  try {
    log = JSON.parse(file.text);
  } catch (err) {
    return { ok: false, reason: `${file.path}: not valid JSON (${errorMessage(err)})` };
  }
  return mapSarifLog(log, file.path, workspace);
}
async function runSarif(patterns, sc) {
  const read = await readReports("sarif", patterns, sc.workspace, sc.reads, sc.maxReportBytes);
  if (!read.ok) return read;
  if (read.files.length === 0) {
    return { ok: false, reason: `sarif: no file matches ${patterns.map((p) => JSON.stringify(p)).join(", ")}; did the tool that writes it run?` };
  }
  const findings = [];
  const tools = {};
  for (const file of read.files) {
    const mapped = parseSarifFile(file, sc.workspace);
    if (!mapped.ok) return { ok: false, reason: `sarif: ${mapped.reason}` };
    findings.push(...mapped.findings);
    for (const t of mapped.tools) tools[t.name] = t.version ?? "unknown";
  }
  sc.logger.info(`sarif: ${read.files.length} file(s), ${findings.length} result(s) from ${Object.keys(tools).join(", ") || "no tool"}`);
  return { ok: true, findings, tools, notes: [] };
}

// src/stages/static-analysis/tsc-source.ts
import path8 from "node:path";
function toFindings2(report, sc, configPath) {
  const tool = { name: "tsc", version: report.version, informationUri: "https://www.typescriptlang.org" };
  return report.diagnostics.map((d) => {
    const f = { ruleId: `TS${d.code}`, level: d.level, message: d.message, tool };
    if (d.file) {
      const wp = toWorkspacePath(sc.workspace, d.file);
      if (!wp.ok) f.note = `${wp.reason}; location refused`;
      else if (d.start && d.end) f.location = { path: wp.path, startLine: d.start.line, startColumn: d.start.column, endLine: d.end.line, endColumn: d.end.column };
      else f.location = { path: wp.path };
    } else {
      f.location = { path: path8.relative(sc.workspace, configPath).split(path8.sep).join("/") };
    }
    return f;
  });
}
async function runTsc(o, sc) {
  const bad = checkPattern(o.project);
  if (bad) return { ok: false, reason: `tsc: ${bad}` };
  const project = resolveInside(sc.workspace, o.project);
  if (!project.ok) return { ok: false, reason: `tsc: project ${project.reason}` };
  const request = { tool: "tsc", workspace: sc.workspace, project: project.abs, projectName: o.project, changedFiles: sc.changedFiles ? [...sc.changedFiles] : null };
  const ran = await runToolProcess(request, TscReport, sc, "tsc");
  if (!ran.ok) return ran;
  const report = ran.report;
  if (!report.ok) return report;
  if (report.reportedOn) sc.logger.info(`tsc: reporting on the ${report.reportedOn.length} changed file(s) in ${o.project} only (filter: ${sc.filter})`);
  const findings = toFindings2(report, sc, project.abs);
  sc.logger.info(`tsc ${report.version}: ${report.rootFiles} file(s) of ${o.project} checked (${report.sourceFiles} in the program with imports and lib declarations), ${findings.length} diagnostic(s)`);
  return { ok: true, findings, tools: { typescript: report.version }, ...report.reportedOn ? { partialScope: report.reportedOn } : {}, notes: [] };
}

// src/stages/static-analysis/index.ts
var SHOWN = 20;
function byPlace(a, b) {
  const pa = a.location?.path ?? "";
  const pb = b.location?.path ?? "";
  if (pa !== pb) return pa < pb ? -1 : 1;
  const d = (a.location?.startLine ?? 0) - (b.location?.startLine ?? 0) || (a.location?.startColumn ?? 0) - (b.location?.startColumn ?? 0);
  if (d !== 0) return d;
  return a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}
async function gather(ctx, sc, names, keepGoing) {
  const o = ctx.options;
  const out = { raw: [], tools: {}, notes: [], eslintChecked: null, sources: [], failed: [] };
  const go = {
    eslint: () => runEslint(o.eslint, sc),
    tsc: () => runTsc(o.tsc, { ...sc, changedFiles: null }),
    sarif: () => runSarif(o.sarif, sc),
    checkstyle: () => runCheckstyle(o.checkstyle, sc)
  };
  for (const name of names) {
    if (ctx.signal.aborted) return { error: `cancelled before the ${name} source ran`, tools: out.tools };
    let got;
    try {
      got = await go[name]();
    } catch (err) {
      got = { ok: false, reason: `${name}: ${errorMessage(err)}` };
    }
    if (!got.ok) {
      if (!keepGoing) return { error: got.reason, tools: out.tools };
      out.failed.push({ part: name, why: got.reason });
      continue;
    }
    const relative = messagesRelativeTo(ctx.workspace);
    for (const f of got.findings) out.raw.push({ ...f, message: relative(f.message), source: name });
    Object.assign(out.tools, got.tools);
    out.notes.push(...got.notes);
    if (name === "eslint" && got.partialScope) out.eslintChecked = got.partialScope;
    out.sources.push(name);
  }
  return out;
}
async function fingerprinted(stage, workspace, raw) {
  raw.sort(byPlace);
  const prints = await fingerprintAll(raw, workspaceLineReader(workspace));
  const sources = [];
  const findings = raw.map(({ source, ...r }, i) => {
    sources.push(source);
    return { ...r, stage, fingerprint: prints[i], baseline: "new", traceTo: [] };
  });
  return { findings, sources };
}
function splitFixed(fixed, scope, changes) {
  if (scope.kind !== "changed") return { carried: [], fixed: [...fixed] };
  const judged = new Set(scope.checked);
  for (const [p, f] of changes.files) {
    if (f.status === "deleted") judged.add(p);
    if (f.oldPath) judged.add(f.oldPath);
  }
  const carried = [];
  const gone = [];
  for (const f of fixed) {
    const eslints = f.tool === void 0 || f.tool.name === "ESLint";
    if (eslints && !judged.has(f.location?.path ?? "")) carried.push({ ...f, baseline: "unchanged", note: "carried from the base: its file was not linted again" });
    else gone.push(f);
  }
  return { carried, fixed: gone };
}
function baseWords(read, base) {
  if (read.kind === "ok") return `new against ${read.from}`;
  if (read.kind === "unavailable") return `the base could not be judged (${read.why}): findings outside the change are of unknown age`;
  return base ? `no baseline of the base ${base.slice(0, 7)}: every finding is new` : "no base commit: every finding is new";
}
async function run(ctx) {
  const o = ctx.options;
  const changes = await ctx.changes();
  if (changes.base === null) ctx.logger.info(`no change set: ${changes.note ?? "no base commit known"}; the whole workspace is judged`);
  const read = await readFindingBaseline(await ctx.baseline());
  if (read.kind === "invalid") return { state: "errored", reason: read.why };
  if (read.kind !== "none") ctx.logger.info(`baseline: ${read.from}${read.kind === "unavailable" ? ` could not be judged: ${read.why}` : ""}`);
  const unjudgedAtBase = new Map(read.kind === "ok" ? read.unjudged.map((u) => [u.part, u.why]) : []);
  const scope = o.eslint ? eslintScope({ filter: o.filter, changes, onBaseBranch: ctx.source.onBaseBranch === true, read, eslintUnjudged: unjudgedAtBase.get("eslint") }) : null;
  if (scope && !scope.narrow && scope.why) ctx.logger.info(`eslint: linting the whole workspace: ${scope.why}`);
  const sc = {
    workspace: ctx.workspace,
    env: ctx.env,
    logger: ctx.logger,
    filter: o.filter,
    changedFiles: scope?.narrow ? changedFiles(changes) : null,
    maxReportBytes: o.maxReportBytes,
    runner: ctx.runner,
    signal: ctx.signal,
    toolCache: () => ctx.toolCache(),
    reads: ctx.reads
  };
  const gathered = await gather(ctx, sc, configuredSources(o), false);
  if ("error" in gathered) return { state: "errored", reason: gathered.error, tools: gathered.tools };
  const { tools, notes, sources } = gathered;
  const eslintScopeNow = sc.changedFiles ? { kind: "changed", checked: gathered.eslintChecked ?? [], changed: sc.changedFiles.length } : { kind: "whole" };
  const shown = changes.base !== null && o.filter !== "nofilter";
  const printed = await fingerprinted(ctx.stage.id, ctx.workspace, gathered.raw);
  const marked = printed.findings.map((f) => shown ? { ...f, inDiff: inChange(changes, o.filter, f.location?.path, f.location?.startLine) } : f);
  const compared = judgeAgainstBaseline(ctx.stage.id, marked, read, (_, i) => unjudgedAtBase.has(printed.sources[i]));
  const { carried, fixed } = splitFixed(compared.fixed, eslintScopeNow, changes);
  const carriedShown = carried.map((f) => shown ? { ...f, inDiff: false } : f);
  const findings = [...compared.findings, ...carriedShown];
  const newOnly = o.newOnly ?? true;
  const blocking = findings.filter((f) => blocksGate(f, { failOn: o.failOn, newOnly })).sort(compareFindings);
  for (const f of blocking.slice(0, SHOWN)) ctx.logger.error(describeFinding(f));
  if (blocking.length > SHOWN) ctx.logger.error(`\u2026 and ${blocking.length - SHOWN} more blocking finding(s) in findings.sarif`);
  const count = (state) => findings.filter((f) => f.baseline === state).length;
  const outsideDiff = findings.filter((f) => f.inDiff === false).length;
  const counts = { blocking: blocking.length, new: count("new"), unchanged: count("unchanged"), unknownAge: count("unknown"), outsideDiff, fixed: fixed.length };
  if (eslintScopeNow.kind === "changed") Object.assign(counts, { checked: eslintScopeNow.checked.length, carried: carried.length });
  const judgedNothing = eslintScopeNow.kind === "changed" && eslintScopeNow.checked.length === 0 && sources.length === 1;
  const scopeWords = eslintScopeNow.kind === "changed" ? `eslint checked ${eslintScopeNow.checked.length} of ${eslintScopeNow.changed} changed file(s), the rest unchanged since the base (${carried.length} known finding(s) carried)` : "";
  const gateText = `failOn ${o.failOn}${newOnly ? ", new only" : ""}`;
  const what = `${findings.length} finding(s): ${count("unchanged")} known, ${count("unknown")} of unknown age, ${outsideDiff} outside the change (filter ${o.filter}), ${fixed.length} fixed`;
  let reason;
  if (blocking.length > 0) reason = `${blocking.length} blocking finding(s) (${gateText}; ${baseWords(read, changes.base ?? ctx.source.baseSha)}); first: ${describeFinding(blocking[0])}`;
  else if (judgedNothing) reason = `nothing to lint: none of the ${eslintScopeNow.changed} changed file(s) is one ESLint lints, the others are as at the base; ${carried.length} known finding(s) carried from it`;
  else reason = `no blocking finding (${gateText}; ${baseWords(read, changes.base ?? ctx.source.baseSha)}); ${what}${scopeWords ? `; ${scopeWords}` : ""}`;
  const baselineFile = { schema: "andon.findings-baseline/v1", stage: ctx.stage.id, entries: findings.filter((f) => f.baseline !== "absent").map(toBaselineEntry) };
  return {
    state: blocking.length > 0 ? "failed" : "passed",
    reason,
    tools,
    counts,
    findings: [...findings, ...fixed],
    baseline: baselineFile,
    result: {
      filter: o.filter,
      base: changes.base,
      failOn: o.failOn,
      newOnly,
      baseline: read.kind === "ok" || read.kind === "unavailable" ? read.from : null,
      ...read.kind === "unavailable" ? { baseUnjudged: read.why } : {},
      ...unjudgedAtBase.size > 0 ? { unjudgedAtBase: Object.fromEntries(unjudgedAtBase) } : {},
      sources,
      scope: eslintScopeNow.kind === "changed" ? { eslint: { checked: eslintScopeNow.checked, changed: eslintScopeNow.changed, carried: carried.length } } : { eslint: o.eslint ? "whole" : null },
      judgedNothing,
      blocking: blocking.slice(0, 100).map(describeFinding),
      fixed: fixed.slice(0, 100).map(describeFinding),
      notes
    }
  };
}
async function judgeAtBase(ctx) {
  const o = ctx.options;
  const sc = {
    workspace: ctx.workspace,
    env: ctx.env,
    logger: ctx.logger,
    filter: "nofilter",
    changedFiles: null,
    maxReportBytes: o.maxReportBytes,
    runner: ctx.runner,
    signal: ctx.signal,
    toolCache: async () => null,
    reads: ctx.reads
  };
  const names = configuredSources(o);
  const runnable = names.filter((n) => !INGESTED.includes(n));
  const gathered = await gather(ctx, sc, runnable, true);
  if ("error" in gathered) return { kind: "unjudged", why: gathered.error };
  const unjudged = [...gathered.failed, ...names.filter((n) => INGESTED.includes(n)).map((part) => ({ part, why: NOT_AT_BASE }))];
  if (gathered.sources.length === 0) return { kind: "unjudged", why: unjudged.map((u) => u.why).join("; ") };
  const { findings } = await fingerprinted(ctx.stage.id, ctx.workspace, gathered.raw);
  const baseline = { schema: "andon.findings-baseline/v1", stage: ctx.stage.id, entries: findings.map(toBaselineEntry), ...unjudged.length > 0 ? { unjudged } : {} };
  return { kind: "judged", baseline };
}
var staticAnalysisStage = {
  name: "static-analysis",
  description: STATIC_ANALYSIS_DESCRIPTION,
  options: StaticAnalysisOptions,
  async inputs(o, env) {
    const files = /* @__PURE__ */ new Set();
    const tools = {};
    if (o.eslint || o.tsc) for (const g of TOOL_CONFIG_GLOBS) files.add(g);
    if (o.eslint) {
      const d = o.eslint.cwd === "." ? "" : `${o.eslint.cwd.replace(/\/$/, "")}/`;
      files.add(`${d}**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx,vue,svelte,json,md}`);
      if (o.eslint.config) files.add(o.eslint.config);
      tools.eslint = workspacePackageVersion(env.workspace, "eslint") ?? "missing";
    }
    if (o.tsc) {
      for (const g of ["**/*.{ts,cts,mts,tsx,js,cjs,mjs,jsx,json}"]) files.add(g);
      tools.typescript = workspacePackageVersion(env.workspace, "typescript") ?? "missing";
    }
    for (const g of [...o.sarif ?? [], ...o.checkstyle ?? []]) files.add(g);
    return { files: [...files], tools, extra: { base: env.baseSha } };
  },
  run,
  judgeAtBase,
  notJudgedAtBase
};
export {
  staticAnalysisStage
};
