import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  compareWithBaseline,
  fingerprintAll,
  readFindingBaseline,
  toBaselineFile,
  workspaceLineReader
} from "./chunk-CEXDF6ZJ.js";
import {
  changedFiles,
  inChange
} from "./chunk-QAL6XU44.js";
import {
  STATIC_ANALYSIS_DESCRIPTION,
  StaticAnalysisOptions
} from "./chunk-GJWDVC35.js";
import {
  decodeUtf8Strict
} from "./chunk-OMBUU4W3.js";
import {
  glob,
  isDynamicPattern,
  require_picomatch
} from "./chunk-STW6M52M.js";
import {
  MAX_POSITION,
  compareFindings
} from "./chunk-27MWIXIK.js";
import {
  describeRefusal,
  errorMessage,
  object,
  readGuarded,
  realPathOf,
  string
} from "./chunk-37LQLRZV.js";
import "./chunk-AS4XOIVA.js";
import {
  __toESM
} from "./chunk-TZYN2FJC.js";

// src/stages/static-analysis/checkstyle-xml.ts
var PREDEFINED = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
var CheckstyleParseError = class extends Error {
};
function lineOf(text2, index) {
  let n = 1;
  for (let i = text2.indexOf("\n"); i !== -1 && i < index; i = text2.indexOf("\n", i + 1)) n++;
  return n;
}
function decode(raw, text2, at) {
  return raw.replace(/&([^;\s&]*);?/g, (m, name) => {
    if (!m.endsWith(";")) throw new CheckstyleParseError(`line ${lineOf(text2, at)}: a bare "&" is not well-formed XML`);
    if (name.startsWith("#x")) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith("#")) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    const v = PREDEFINED[name];
    if (v === void 0) throw new CheckstyleParseError(`line ${lineOf(text2, at)}: entity reference &${name}; refused (only XML's predefined entities are read)`);
    return v;
  });
}
var ATTR = /([A-Za-z_:][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
function attributes(body, text2, at) {
  const out = {};
  for (const m of body.matchAll(ATTR)) out[m[1]] = decode(m[2] ?? m[3] ?? "", text2, at);
  return out;
}
function positive(v) {
  if (v === void 0) return void 0;
  const n = Number.parseInt(v, 10);
  return Number.isInteger(n) && n > 0 && n <= MAX_POSITION ? n : void 0;
}
function parseCheckstyle(text2) {
  const report = { files: [] };
  let sawRoot = false;
  let current;
  let i = 0;
  for (; ; ) {
    const lt = text2.indexOf("<", i);
    if (lt === -1) break;
    if (text2.startsWith("<!--", lt)) {
      const end = text2.indexOf("-->", lt + 4);
      if (end === -1) throw new CheckstyleParseError(`line ${lineOf(text2, lt)}: unterminated comment`);
      i = end + 3;
      continue;
    }
    if (text2.startsWith("<?", lt)) {
      const end = text2.indexOf("?>", lt + 2);
      if (end === -1) throw new CheckstyleParseError(`line ${lineOf(text2, lt)}: unterminated processing instruction`);
      i = end + 2;
      continue;
    }
    if (text2.startsWith("<![CDATA[", lt)) {
      const end = text2.indexOf("]]>", lt);
      if (end === -1) throw new CheckstyleParseError(`line ${lineOf(text2, lt)}: unterminated CDATA section`);
      i = end + 3;
      continue;
    }
    if (text2.startsWith("<!", lt)) {
      const what = /^<!(DOCTYPE|ENTITY|ELEMENT|ATTLIST)/i.exec(text2.slice(lt, lt + 12))?.[1]?.toUpperCase() ?? "declaration";
      throw new CheckstyleParseError(`line ${lineOf(text2, lt)}: <!${what}> refused: checkstyle reports need no DTD, and DTDs and entities are an XML attack vector`);
    }
    const gt = text2.indexOf(">", lt);
    if (gt === -1) throw new CheckstyleParseError(`line ${lineOf(text2, lt)}: unterminated tag`);
    const tag = text2.slice(lt + 1, gt);
    i = gt + 1;
    if (tag.startsWith("/")) {
      if (tag.slice(1).trim() === "file") current = void 0;
      continue;
    }
    const selfClosing = tag.endsWith("/");
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const name = /^[^\s/>]+/.exec(body)?.[0] ?? "";
    const attrs = attributes(body.slice(name.length), text2, lt);
    if (!sawRoot) {
      if (name !== "checkstyle") throw new CheckstyleParseError(`line ${lineOf(text2, lt)}: root element is <${name}>, expected <checkstyle>`);
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

// src/stages/static-analysis/report-files.ts
import path2 from "node:path";

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
function readReport(workspace, rel, maxBytes) {
  const read = readGuarded(path2.join(workspace, rel), { maxBytes, within: workspace });
  if (read.kind === "too-large") {
    return { ok: false, reason: `${rel}: ${mb(read.size)} is over the ${mb(maxBytes)} cap for one report (raise maxReportBytes to read it)` };
  }
  if (read.kind !== "ok") return { ok: false, reason: `${rel} ${describeRefusal(read)}` };
  const text2 = decodeUtf8Strict(read.bytes);
  if (!text2.ok) return { ok: false, reason: `${rel}:${text2.line}:${text2.column}: not valid UTF-8 (byte 0x${text2.byte.toString(16).padStart(2, "0")}); a report must be UTF-8 text` };
  return { ok: true, text: text2.text };
}
async function readReports(kind, patterns, workspace, maxBytes) {
  for (const p of patterns) {
    const bad = checkPattern(p);
    if (bad) return { ok: false, reason: `${kind}: ${bad}` };
  }
  const matched = (await glob([...patterns], { cwd: workspace, onlyFiles: true, dot: true, expandDirectories: false, ignore: ["**/node_modules/**", "**/.git/**"] })).sort();
  const files = [];
  for (const rel of matched) {
    const wp = toWorkspacePath(workspace, rel);
    if (!wp.ok) return { ok: false, reason: `${kind}: ${wp.reason}; refusing to read it` };
    const read = readReport(workspace, wp.path, maxBytes);
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
  const read = await readReports("checkstyle", patterns, sc.workspace, sc.maxReportBytes);
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
var import_picomatch = __toESM(require_picomatch(), 1);
import { existsSync } from "node:fs";
import { createRequire as createRequire2 } from "node:module";
import path4 from "node:path";
import { pathToFileURL } from "node:url";

// src/stages/static-analysis/package-version.ts
import { createRequire } from "node:module";
import path3 from "node:path";
var PackageJson = object({ version: string() });
function workspacePackageVersion(workspace, pkg) {
  try {
    const parsed = PackageJson.safeParse(createRequire(path3.join(workspace, "package.json"))(`${pkg}/package.json`));
    return parsed.success ? parsed.data.version : void 0;
  } catch {
    return void 0;
  }
}

// src/stages/static-analysis/eslint-source.ts
var FLAT_CONFIG_FILES = ["eslint.config.js", "eslint.config.mjs", "eslint.config.cjs", "eslint.config.ts", "eslint.config.mts", "eslint.config.cts"];
function versionAtLeast(v, major, minor) {
  const [ma = 0, mi = 0] = v.split(".").map((x) => Number.parseInt(x, 10));
  return ma > major || ma === major && mi >= minor;
}
async function loadWorkspaceEslint(workspace) {
  const req = createRequire2(path4.join(workspace, "package.json"));
  let main;
  const version = workspacePackageVersion(workspace, "eslint");
  try {
    main = req.resolve("eslint");
  } catch {
    return { ok: false, reason: `ESLint is not installed in the workspace (${workspace}): install it there with \`npm i -D eslint\`` };
  }
  if (version === void 0) return { ok: false, reason: `ESLint in the workspace (${workspace}) has no readable version in eslint/package.json` };
  if (!versionAtLeast(version, 8, 57)) {
    return { ok: false, reason: `ESLint ${version} in the workspace is too old: Andon needs ESLint 8.57 or later (\`npm i -D eslint@latest\`)` };
  }
  try {
    const imported = await import(pathToFileURL(main).href);
    const module = imported.loadESLint || imported.ESLint ? imported : imported.default ?? imported;
    return { ok: true, eslint: { version, module } };
  } catch (err) {
    return { ok: false, reason: `ESLint ${version} in the workspace could not be loaded: ${errorMessage(err)}` };
  }
}
function wantsFlat(o, env, cwd, version) {
  if (o.configType !== "auto") return o.configType === "flat";
  if (env.ESLINT_USE_FLAT_CONFIG === "false") return false;
  if (env.ESLINT_USE_FLAT_CONFIG === "true") return true;
  if (!versionAtLeast(version, 9, 0)) return FLAT_CONFIG_FILES.some((f) => existsSync(path4.join(cwd, f)));
  return true;
}
async function pickClass(mod, flat, version) {
  if (!flat && versionAtLeast(version, 10, 0)) return `ESLint ${version} no longer reads legacy .eslintrc configs: use an eslint.config.js (or configType: flat)`;
  if (mod.loadESLint) return mod.loadESLint({ useFlatConfig: flat });
  if (flat && mod.FlatESLint) return mod.FlatESLint;
  if (!flat && mod.ESLint) return mod.ESLint;
  return `ESLint ${version} exposes no ${flat ? "flat" : "legacy"} config API`;
}
function levelOf2(m) {
  return m.severity >= 2 || m.fatal ? "error" : "warning";
}
var IGNORED_WARNING = /^File ignored\b/;
function namedBy(patterns) {
  const tests = patterns.map((raw) => {
    const p = raw.replace(/^\.\//, "").replace(/\/+$/, "");
    if (p === "." || p === "") return () => true;
    if (isDynamicPattern(p)) return (0, import_picomatch.default)(p, { dot: true });
    return (rel) => rel === p || rel.startsWith(p + "/");
  });
  return (rel) => tests.some((t) => t(rel));
}
async function runEslint(o, sc) {
  for (const p of [o.cwd, ...o.patterns, ...o.config ? [o.config] : []]) {
    const bad = p === "." ? null : checkPattern(p);
    if (bad) return { ok: false, reason: `eslint: ${bad}` };
  }
  const cwd = path4.resolve(sc.workspace, o.cwd);
  const loaded = await loadWorkspaceEslint(sc.workspace);
  if (!loaded.ok) return loaded;
  const { version, module } = loaded.eslint;
  const flat = wantsFlat(o, sc.env, cwd, version);
  const Cls = await pickClass(module, flat, version);
  if (typeof Cls === "string") return { ok: false, reason: Cls };
  const options = { cwd, errorOnUnmatchedPattern: false };
  if (o.config) options.overrideConfigFile = path4.resolve(sc.workspace, o.config);
  let eslint;
  try {
    eslint = new Cls(options);
  } catch (err) {
    return { ok: false, reason: `ESLint ${version} refused its options: ${errorMessage(err)}` };
  }
  const notes = [];
  let patterns = o.patterns;
  let partialScope;
  if (sc.changedFiles) {
    const named = namedBy(o.patterns);
    const candidates = [];
    for (const rel of sc.changedFiles) {
      const abs = path4.resolve(sc.workspace, rel);
      const fromCwd = path4.relative(cwd, abs).split(path4.sep).join("/");
      if (fromCwd.startsWith("..") || !named(fromCwd) || !existsSync(abs)) continue;
      candidates.push(abs);
    }
    const lintable = [];
    try {
      for (const abs of candidates) {
        if (await eslint.isPathIgnored(abs)) continue;
        if (!flat && !/\.(c|m)?jsx?$/.test(abs)) continue;
        lintable.push(abs);
      }
    } catch (err) {
      return { ok: false, reason: `ESLint ${version} could not load its config: ${errorMessage(err)}` };
    }
    partialScope = lintable.map((a) => path4.relative(sc.workspace, a).split(path4.sep).join("/"));
    if (lintable.length === 0) {
      sc.logger.info(`eslint: none of the ${sc.changedFiles.length} changed file(s) is one ESLint lints; nothing to lint`);
      return { ok: true, findings: [], tools: { eslint: version }, partialScope: [], notes: ["eslint: no changed file to lint"] };
    }
    sc.logger.info(`eslint: linting the ${lintable.length} changed file(s) only (filter: ${sc.filter})`);
    patterns = lintable;
  }
  let results;
  try {
    results = await eslint.lintFiles(patterns);
  } catch (err) {
    return { ok: false, reason: `ESLint ${version} failed (config or plugin error): ${errorMessage(err)}` };
  }
  let meta = {};
  try {
    meta = eslint.getRulesMetaForResults?.(results) ?? {};
  } catch {
  }
  const findings = [];
  const tool = { name: "ESLint", version, informationUri: "https://eslint.org" };
  for (const r of results) {
    const wp = toWorkspacePath(sc.workspace, r.filePath);
    for (const m of r.messages) {
      if (m.ruleId === null && !m.fatal && IGNORED_WARNING.test(m.message)) continue;
      const ruleId = m.ruleId ?? (m.fatal ? "parse-error" : "eslint");
      const f = { ruleId, level: levelOf2(m), message: m.message, tool };
      const url = m.ruleId ? meta[m.ruleId]?.docs?.url : void 0;
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
  sc.logger.info(`eslint ${version} (${flat ? "flat" : "legacy"} config): ${results.length} file(s) linted, ${findings.length} finding(s)`);
  return { ok: true, findings, tools: { eslint: version }, ...partialScope ? { partialScope } : {}, notes };
}

// src/stages/static-analysis/gate.ts
var rank = { error: 0, warning: 1, note: 2 };
function blocks(f, rule) {
  if (f.baseline === "absent" || f.inDiff === false) return false;
  if (rank[f.level] > rank[rule.failOn]) return false;
  return !rule.newOnly || f.baseline === "new";
}
function describeFinding(f) {
  const loc = f.location;
  const where2 = loc ? [loc.path, loc.startLine, loc.startLine ? loc.startColumn : void 0].filter((x) => x !== void 0).join(":") : "(no location)";
  return `${where2} ${f.level} ${f.ruleId}: ${f.message.split("\n")[0]}`;
}

// src/stages/static-analysis/sarif-source.ts
import path5 from "node:path";
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
  if (!baseId) return path5.resolve(workspace, uri);
  const base = run2.baseIds[baseId];
  if (!isObj(base) || depth > 8) return path5.resolve(workspace, uri);
  const baseUri = resolveLocation(base, run2, workspace, depth + 1);
  if (!baseUri) return path5.resolve(workspace, uri);
  if (baseUri.startsWith("file:")) return new URL(uri, baseUri.endsWith("/") ? baseUri : baseUri + "/").href;
  return path5.resolve(baseUri, uri);
}
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
    const target = resolveLocation(phys.artifactLocation, run2, workspace);
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
  const read = await readReports("sarif", patterns, sc.workspace, sc.maxReportBytes);
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
import { createRequire as createRequire3 } from "node:module";
import path6 from "node:path";
function text(ts, d) {
  return ts.flattenDiagnosticMessageText(d.messageText, "\n");
}
function where(ts, d, workspace) {
  if (!d.file || d.start === void 0) return "";
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  const wp = toWorkspacePath(workspace, d.file.fileName);
  return `${wp.ok ? wp.path : d.file.fileName}:${line + 1}:${character + 1}: `;
}
async function runTsc(o, sc) {
  const bad = checkPattern(o.project);
  if (bad) return { ok: false, reason: `tsc: ${bad}` };
  const req = createRequire3(path6.join(sc.workspace, "package.json"));
  let ts;
  try {
    ts = req("typescript");
  } catch {
    return { ok: false, reason: `TypeScript is not installed in the workspace (${sc.workspace}): install it there with \`npm i -D typescript\`` };
  }
  const configPath = path6.resolve(sc.workspace, o.project);
  if (!ts.sys.fileExists(configPath)) return { ok: false, reason: `tsc: ${o.project} does not exist in the workspace` };
  const read = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  if (read.error) return { ok: false, reason: `tsc: ${where(ts, read.error, sc.workspace)}${text(ts, read.error)}` };
  let program;
  try {
    const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path6.dirname(configPath), void 0, configPath);
    const fatal = parsed.errors.filter((e) => e.category === ts.DiagnosticCategory.Error && e.code !== 18003);
    if (fatal.length > 0) {
      return { ok: false, reason: `tsc: ${o.project}: ${fatal.map((e) => where(ts, e, sc.workspace) + text(ts, e)).join("; ")}` };
    }
    program = ts.createProgram({
      rootNames: parsed.fileNames,
      options: { ...parsed.options, noEmit: true },
      ...parsed.projectReferences ? { projectReferences: parsed.projectReferences } : {},
      configFileParsingDiagnostics: parsed.errors
    });
  } catch (err) {
    return { ok: false, reason: `tsc: TypeScript ${ts.version} failed on ${o.project}: ${errorMessage(err)}` };
  }
  const diagnostics = [
    ...program.getConfigFileParsingDiagnostics(),
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics()
  ];
  let partialScope;
  if (sc.changedFiles) {
    partialScope = [];
    for (const rel of sc.changedFiles) {
      const sf = program.getSourceFile(path6.resolve(sc.workspace, rel));
      if (!sf) continue;
      partialScope.push(rel);
      diagnostics.push(...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf));
    }
    sc.logger.info(`tsc: reporting on the ${partialScope.length} changed file(s) in ${o.project} only (filter: ${sc.filter})`);
  } else {
    diagnostics.push(...program.getSyntacticDiagnostics(), ...program.getSemanticDiagnostics());
  }
  const tool = { name: "tsc", version: ts.version, informationUri: "https://www.typescriptlang.org" };
  const findings = [];
  for (const d of diagnostics) {
    const level = d.category === ts.DiagnosticCategory.Error ? "error" : d.category === ts.DiagnosticCategory.Warning ? "warning" : "note";
    const f = { ruleId: `TS${d.code}`, level, message: text(ts, d), tool };
    if (d.file) {
      const wp = toWorkspacePath(sc.workspace, d.file.fileName);
      if (wp.ok) {
        f.location = { path: wp.path };
        if (d.start !== void 0) {
          const s = d.file.getLineAndCharacterOfPosition(d.start);
          const e = d.file.getLineAndCharacterOfPosition(d.start + (d.length ?? 0));
          f.location = { path: wp.path, startLine: s.line + 1, startColumn: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
        }
      } else {
        f.note = `${wp.reason}; location refused`;
      }
    } else {
      f.location = { path: path6.relative(sc.workspace, configPath).split(path6.sep).join("/") };
    }
    findings.push(f);
  }
  sc.logger.info(`tsc ${ts.version}: ${program.getSourceFiles().length} source file(s), ${findings.length} diagnostic(s)`);
  return { ok: true, findings, tools: { typescript: ts.version }, ...partialScope ? { partialScope } : {}, notes: [] };
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
function judgedPaths(partial, changes) {
  const judged = new Set(partial.flat());
  for (const [p, f] of changes?.files ?? []) {
    if (f.status === "deleted") judged.add(p);
    if (f.oldPath) judged.add(f.oldPath);
  }
  return judged;
}
async function gather(ctx, sc) {
  const o = ctx.options;
  const out = { ok: true, raw: [], tools: {}, notes: [], partial: [], sources: [] };
  const sources = [];
  if (o.eslint) sources.push(["eslint", () => runEslint(o.eslint, sc)]);
  if (o.tsc) sources.push(["tsc", () => runTsc(o.tsc, sc)]);
  if (o.sarif) sources.push(["sarif", () => runSarif(o.sarif, sc)]);
  if (o.checkstyle) sources.push(["checkstyle", () => runCheckstyle(o.checkstyle, sc)]);
  for (const [name, go] of sources) {
    if (ctx.signal.aborted) return { ok: false, reason: `cancelled before the ${name} source ran`, tools: out.tools };
    let got;
    try {
      got = await go();
    } catch (err) {
      got = { ok: false, reason: `${name}: ${errorMessage(err)}` };
    }
    if (!got.ok) return { ok: false, reason: got.reason, tools: out.tools };
    out.raw.push(...got.findings);
    Object.assign(out.tools, got.tools);
    out.notes.push(...got.notes);
    if (got.partialScope) out.partial.push(got.partialScope);
    out.sources.push(name);
  }
  return out;
}
async function run(ctx) {
  const o = ctx.options;
  const changes = o.filter === "nofilter" ? null : await ctx.changes();
  if (changes && changes.base === null) ctx.logger.info(`filter ${o.filter} not applied: ${changes.note ?? "no base commit known"}`);
  const narrow = changes !== null && changes.base !== null && (o.filter === "file" || o.filter === "added");
  const sc = {
    workspace: ctx.workspace,
    env: ctx.env,
    logger: ctx.logger,
    filter: o.filter,
    changedFiles: narrow ? changedFiles(changes) : null,
    maxReportBytes: o.maxReportBytes
  };
  const gathered = await gather(ctx, sc);
  if (!gathered.ok) return { state: "errored", reason: gathered.reason, tools: gathered.tools };
  const { raw, tools, notes, partial, sources } = gathered;
  const baseline = await readFindingBaseline(await ctx.baseline());
  if (baseline.kind === "invalid") return { state: "errored", reason: baseline.why, tools };
  const known = baseline.kind === "ok" ? baseline.entries : null;
  raw.sort(byPlace);
  const prints = await fingerprintAll(raw, workspaceLineReader(ctx.workspace));
  const marked = raw.map((r, i) => ({
    ...r,
    stage: ctx.stage.id,
    fingerprint: prints[i],
    baseline: "new",
    traceTo: [],
    ...changes && changes.base !== null ? { inDiff: inChange(changes, o.filter, r.location?.path, r.location?.startLine) } : {}
  }));
  const judged = partial.length > 0 ? judgedPaths(partial, changes) : null;
  let carried = [];
  let entries = known;
  if (entries && judged) {
    carried = entries.filter((e) => e.path === void 0 || !judged.has(e.path));
    entries = entries.filter((e) => e.path !== void 0 && judged.has(e.path));
  }
  const compared = compareWithBaseline(ctx.stage.id, marked, entries);
  const findings = compared.findings;
  const newOnly = o.newOnly ?? known !== null;
  const blocking = findings.filter((f) => blocks(f, { failOn: o.failOn, newOnly })).sort(compareFindings);
  const outsideDiff = findings.filter((f) => f.inDiff === false).length;
  const unchanged = findings.filter((f) => f.baseline === "unchanged").length;
  for (const f of blocking.slice(0, SHOWN)) ctx.logger.error(describeFinding(f));
  if (blocking.length > SHOWN) ctx.logger.error(`\u2026 and ${blocking.length - SHOWN} more blocking finding(s) in findings.sarif`);
  const baselineFile = toBaselineFile(ctx.stage.id, findings);
  baselineFile.entries.push(...carried);
  const what = `${findings.length} finding(s): ${unchanged} known, ${outsideDiff} outside the change (filter ${o.filter}), ${compared.fixed.length} fixed`;
  const gateText = `failOn ${o.failOn}${newOnly ? ", new only" : ""}`;
  const reason = blocking.length > 0 ? `${blocking.length} blocking finding(s) (${gateText}); first: ${describeFinding(blocking[0])}` : `no blocking finding (${gateText}); ${what}`;
  return {
    state: blocking.length > 0 ? "failed" : "passed",
    reason,
    tools,
    counts: { blocking: blocking.length, unchanged, outsideDiff, fixed: compared.fixed.length },
    findings: [...findings, ...compared.fixed],
    baseline: baselineFile,
    result: {
      filter: o.filter,
      base: changes?.base ?? null,
      failOn: o.failOn,
      newOnly,
      baseline: baseline.kind === "ok" ? baseline.from : null,
      sources,
      scope: judged ? { partial: true, files: [...judged].sort() } : { partial: false },
      blocking: blocking.slice(0, 100).map(describeFinding),
      fixed: compared.fixed.slice(0, 100).map(describeFinding),
      notes
    }
  };
}
var staticAnalysisStage = {
  name: "static-analysis",
  description: STATIC_ANALYSIS_DESCRIPTION,
  options: StaticAnalysisOptions,
  async inputs(o, env) {
    const files = /* @__PURE__ */ new Set();
    const tools = {};
    if (o.eslint) {
      const d = o.eslint.cwd === "." ? "" : `${o.eslint.cwd.replace(/\/$/, "")}/`;
      for (const g of ["**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx,vue,svelte,json,md}", "**/.eslintrc*", "**/.eslintignore", "package.json"]) files.add(d + g);
      if (o.eslint.config) files.add(o.eslint.config);
      tools.eslint = workspacePackageVersion(env.workspace, "eslint") ?? "missing";
    }
    if (o.tsc) {
      for (const g of ["**/*.{ts,cts,mts,tsx,js,cjs,mjs,jsx,json}"]) files.add(g);
      tools.typescript = workspacePackageVersion(env.workspace, "typescript") ?? "missing";
    }
    for (const g of [...o.sarif ?? [], ...o.checkstyle ?? []]) files.add(g);
    return { files: [...files], tools, ...o.filter !== "nofilter" ? { extra: { base: env.baseSha } } : {} };
  },
  run
};
export {
  staticAnalysisStage
};
