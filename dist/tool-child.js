// src/stages/static-analysis/tool-child.ts
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import module from "node:module";

// src/core/errors.ts
function errorMessage(err) {
  return err instanceof Error ? err.message : String(err);
}

// src/stages/static-analysis/eslint-lint.ts
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
function versionAtLeast(v, major, minor) {
  const [ma = 0, mi = 0] = v.split(".").map((x) => Number.parseInt(x, 10));
  return ma > major || ma === major && mi >= minor;
}
async function loadModule(workspace) {
  const main = createRequire(path.join(workspace, "package.json")).resolve("eslint");
  const imported = await import(pathToFileURL(main).href);
  return imported.loadESLint || imported.ESLint ? imported : imported.default ?? imported;
}
async function pickClass(mod, flat, version) {
  if (!flat && versionAtLeast(version, 10, 0)) return `ESLint ${version} no longer reads legacy .eslintrc configs: use an eslint.config.js (or configType: flat)`;
  if (mod.loadESLint) return mod.loadESLint({ useFlatConfig: flat });
  if (flat && mod.FlatESLint) return mod.FlatESLint;
  if (!flat && mod.ESLint) return mod.ESLint;
  return `ESLint ${version} exposes no ${flat ? "flat" : "legacy"} config API`;
}
function readsTypes(config) {
  const c = config;
  const po = c?.languageOptions?.parserOptions ?? c?.parserOptions;
  return Boolean(po && (po.project || po.projectService || po.programs || po.EXPERIMENTAL_useProjectService));
}
function isCacheRefusal(err) {
  return /Could not serialize|Cannot serialize key/.test(errorMessage(err));
}
function unmatchedWhy(err) {
  const e = err;
  const pattern = e?.messageData?.pattern;
  if (typeof pattern !== "string") return null;
  if (e.messageTemplate === "file-not-found") return { pattern, why: `no file matches '${pattern}'` };
  if (e.messageTemplate === "all-matched-files-ignored") return { pattern, why: `every file '${pattern}' matches is ignored by the config` };
  return null;
}
async function lintEach(eslint, patterns) {
  const unmatched = [];
  let rest = [...patterns];
  while (rest.length > 0) {
    try {
      return { results: await eslint.lintFiles(rest), unmatched };
    } catch (err) {
      const u = unmatchedWhy(err);
      if (!u || !rest.includes(u.pattern)) throw err;
      unmatched.push(u.why);
      rest = rest.filter((p) => p !== u.pattern);
    }
  }
  return { results: [], unmatched };
}
function trimmed(results) {
  return results.map((r) => ({
    filePath: r.filePath,
    messages: r.messages.map((m) => ({
      ruleId: m.ruleId ?? null,
      severity: m.severity,
      message: String(m.message),
      ...m.line !== void 0 ? { line: m.line } : {},
      ...m.column !== void 0 ? { column: m.column } : {},
      ...m.endLine !== void 0 ? { endLine: m.endLine } : {},
      ...m.endColumn !== void 0 ? { endColumn: m.endColumn } : {},
      ...m.fatal ? { fatal: true } : {}
    }))
  }));
}
async function lintInProcess(req) {
  const { version, flat } = req;
  let mod;
  try {
    mod = await loadModule(req.workspace);
  } catch (err) {
    return { ok: false, reason: `ESLint ${version} in the workspace could not be loaded: ${errorMessage(err)}` };
  }
  const Cls = await pickClass(mod, flat, version);
  if (typeof Cls === "string") return { ok: false, reason: Cls };
  const make = (cached) => {
    const options = { cwd: req.cwd, errorOnUnmatchedPattern: !req.candidates };
    if (req.configFile) options.overrideConfigFile = req.configFile;
    if (cached && req.cacheFile) Object.assign(options, { cache: true, cacheLocation: req.cacheFile, cacheStrategy: "content" });
    return new Cls(options);
  };
  let eslint;
  try {
    eslint = make(true);
  } catch (err) {
    return { ok: false, reason: `ESLint ${version} refused its options: ${errorMessage(err)}` };
  }
  const notes = [];
  let patterns = req.patterns;
  let linted = null;
  if (req.candidates) {
    linted = [];
    try {
      for (const abs of req.candidates) {
        if (await eslint.isPathIgnored(abs)) continue;
        if (!flat && !/\.(c|m)?jsx?$/.test(abs)) continue;
        linted.push(abs);
      }
    } catch (err) {
      return { ok: false, reason: `ESLint ${version} could not load its config: ${errorMessage(err)}` };
    }
    if (linted.length === 0) return { ok: true, results: [], ruleUrls: {}, linted, typeAware: false, notes };
    patterns = linted;
  }
  let results;
  let unmatched;
  try {
    try {
      ({ results, unmatched } = await lintEach(eslint, patterns));
    } catch (err) {
      if (!req.cacheFile || !isCacheRefusal(err)) throw err;
      notes.push(`eslint: per-file results not kept (ESLint's cache refused the config: ${errorMessage(err).split("\n")[0]})`);
      eslint = make(false);
      ({ results, unmatched } = await lintEach(eslint, patterns));
    }
  } catch (err) {
    return { ok: false, reason: `ESLint ${version} failed (config or plugin error): ${errorMessage(err)}` };
  }
  if (!req.candidates && (results.length === 0 || unmatched.length > 0)) {
    const why = unmatched.length > 0 ? unmatched.join("; ") : `the patterns ${req.patterns.map((p) => `'${p}'`).join(", ")} named no file the config lints`;
    if (results.length > 0) return { ok: false, reason: `judged nothing for part of eslint.patterns (${why}), which ESLint's own CLI refuses too; fix or drop those patterns` };
    return { ok: false, reason: `judged nothing: ESLint linted no file (${why}); check eslint.patterns and the config's ignores` };
  }
  const ruleUrls = {};
  try {
    for (const [id, meta] of Object.entries(eslint.getRulesMetaForResults?.(results) ?? {})) {
      if (typeof meta?.docs?.url === "string") ruleUrls[id] = meta.docs.url;
    }
  } catch {
  }
  let typeAware = false;
  try {
    const seen = /* @__PURE__ */ new Set();
    for (const r of req.cacheFile ? results : []) {
      const config = await eslint.calculateConfigForFile(r.filePath);
      if (seen.has(config)) continue;
      seen.add(config);
      if (typeAware = readsTypes(config)) break;
    }
  } catch {
    typeAware = true;
  }
  return { ok: true, results: trimmed(results), ruleUrls, linted, typeAware, notes };
}

// src/stages/static-analysis/tsc-check.ts
import { createRequire as createRequire2 } from "node:module";
import path4 from "node:path";

// src/stages/static-analysis/workspace-path.ts
import { realpathSync as realpathSync2 } from "node:fs";
import path3 from "node:path";
import { fileURLToPath } from "node:url";

// src/core/inside-path.ts
import { realpathSync } from "node:fs";
import path2 from "node:path";
function realPathOf(abs) {
  let head = abs;
  const tail = [];
  for (; ; ) {
    try {
      return path2.join(realpathSync(head), ...tail);
    } catch {
      const parent = path2.dirname(head);
      if (parent === head) return abs;
      tail.unshift(path2.basename(head));
      head = parent;
    }
  }
}

// src/stages/static-analysis/workspace-path.ts
function within(root, abs) {
  const rel = path3.relative(root, abs);
  if (rel === "" || rel.startsWith(".." + path3.sep) || rel === ".." || path3.isAbsolute(rel)) return null;
  return rel.split(path3.sep).join("/");
}
function realOrSelf(p) {
  try {
    return realpathSync2(p);
  } catch {
    return p;
  }
}
function toWorkspacePath(workspace, reported, base = workspace, label = reported) {
  let abs;
  try {
    abs = reported.startsWith("file:") ? fileURLToPath(reported) : path3.resolve(base, reported);
  } catch (err) {
    return { ok: false, reason: `path ${JSON.stringify(reported)} is not a usable file path (${err.message})` };
  }
  const root = path3.resolve(workspace);
  const lexical = within(root, abs) ?? within(realOrSelf(root), abs);
  if (lexical === null) return { ok: false, reason: `path ${JSON.stringify(label)} is outside the workspace` };
  const real = realPathOf(abs);
  if (within(realOrSelf(root), real) === null) {
    return { ok: false, reason: `path ${JSON.stringify(label)} leads outside the workspace through a symlink` };
  }
  return { ok: true, path: lexical };
}
function relativeMessage(workspace, message) {
  const roots = [...new Set([path3.resolve(workspace), realOrSelf(path3.resolve(workspace))].map((r) => r.split(path3.sep).join("/")))].sort((a, b) => b.length - a.length);
  let out = message;
  for (const root of roots) {
    if (root === "/" || !out.includes(root)) continue;
    const at = root.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    out = out.replace(new RegExp(`${at}/`, "g"), "").replace(new RegExp(`${at}(?![\\w.@+-])`, "g"), ".");
  }
  return out;
}

// src/stages/static-analysis/tsc-check.ts
function text(ts, d) {
  return ts.flattenDiagnosticMessageText(d.messageText, "\n");
}
function where(ts, d, workspace) {
  if (!d.file || d.start === void 0) return "";
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  const wp = toWorkspacePath(workspace, d.file.fileName);
  return `${wp.ok ? wp.path : d.file.fileName}:${line + 1}:${character + 1}: `;
}
function toDiagnostic(ts, d) {
  const c = ts.DiagnosticCategory;
  const out = { code: d.code, level: d.category === c.Error ? "error" : d.category === c.Warning ? "warning" : "note", message: text(ts, d) };
  if (!d.file) return out;
  out.file = d.file.fileName;
  if (d.start !== void 0) {
    const s = d.file.getLineAndCharacterOfPosition(d.start);
    const e = d.file.getLineAndCharacterOfPosition(d.start + (d.length ?? 0));
    out.start = { line: s.line + 1, column: s.character + 1 };
    out.end = { line: e.line + 1, column: e.character + 1 };
  }
  return out;
}
function noRootFiles(ts, req, parsed) {
  const noInputs = parsed.errors.find((e) => e.code === 18003);
  const refs = parsed.projectReferences?.length ?? 0;
  const why = noInputs ? ` (TS18003: ${relativeMessage(req.workspace, text(ts, noInputs))})` : refs > 0 ? ` (it only references ${refs} other project(s), which \`tsc -p\` does not check)` : "";
  return `judged nothing: tsc has no file to check in ${req.projectName}${why}; point tsc.project at a tsconfig whose files or include name the sources`;
}
function checkInProcess(req) {
  const { projectName } = req;
  let ts;
  try {
    ts = createRequire2(path4.join(req.workspace, "package.json"))("typescript");
  } catch {
    return { ok: false, reason: `TypeScript is not installed in the workspace (${req.workspace}): install it there with \`npm i -D typescript\`` };
  }
  const configPath = req.project;
  if (!ts.sys.fileExists(configPath)) return { ok: false, reason: `tsc: ${projectName} does not exist in the workspace` };
  const read = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  if (read.error) return { ok: false, reason: `tsc: ${where(ts, read.error, req.workspace)}${text(ts, read.error)}` };
  let program;
  let rootFiles;
  try {
    const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path4.dirname(configPath), void 0, configPath);
    const fatal = parsed.errors.filter((e) => e.category === ts.DiagnosticCategory.Error && e.code !== 18003);
    if (fatal.length > 0) {
      return { ok: false, reason: `tsc: ${projectName}: ${fatal.map((e) => where(ts, e, req.workspace) + text(ts, e)).join("; ")}` };
    }
    if (parsed.fileNames.length === 0) return { ok: false, reason: noRootFiles(ts, req, parsed) };
    rootFiles = parsed.fileNames.length;
    program = ts.createProgram({
      rootNames: parsed.fileNames,
      options: { ...parsed.options, noEmit: true },
      ...parsed.projectReferences ? { projectReferences: parsed.projectReferences } : {},
      configFileParsingDiagnostics: parsed.errors
    });
  } catch (err) {
    return { ok: false, reason: `tsc: TypeScript ${ts.version} failed on ${projectName}: ${errorMessage(err)}` };
  }
  const diagnostics = [...program.getConfigFileParsingDiagnostics(), ...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  let reportedOn = null;
  if (req.changedFiles) {
    reportedOn = [];
    for (const rel of req.changedFiles) {
      const sf = program.getSourceFile(path4.resolve(req.workspace, rel));
      if (!sf) continue;
      reportedOn.push(rel);
      diagnostics.push(...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf));
    }
  } else {
    diagnostics.push(...program.getSyntacticDiagnostics(), ...program.getSemanticDiagnostics());
  }
  return { ok: true, version: ts.version, rootFiles, sourceFiles: program.getSourceFiles().length, diagnostics: diagnostics.map((d) => toDiagnostic(ts, d)), reportedOn };
}

// src/stages/static-analysis/tool-child.ts
try {
  module.enableCompileCache?.();
} catch {
}
var requestFile = process.argv[2];
if (!requestFile) {
  process.stderr.write("usage: tool-child <request.json>\n");
  process.exit(2);
}
var request = JSON.parse(readFileSync(requestFile, "utf8"));
var report;
try {
  report = request.tool === "eslint" ? await lintInProcess(request) : checkInProcess(request);
} catch (err) {
  report = { ok: false, reason: `${request.tool === "eslint" ? "ESLint" : "tsc"}: ${errorMessage(err)}` };
}
var tmp = `${request.reportFile}.tmp`;
writeFileSync(tmp, JSON.stringify(report));
renameSync(tmp, request.reportFile);
process.exit(0);
