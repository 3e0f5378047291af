import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  RulesFile
} from "./chunk-JYNWK4DA.js";
import {
  RE2JS
} from "./chunk-JNAGLRNT.js";
import {
  LineCounter,
  isMap,
  isNode,
  isPair,
  isScalar,
  parseDocument
} from "./chunk-UACYHNGC.js";
import {
  positionOf
} from "./chunk-HAB4HTVZ.js";
import {
  glob
} from "./chunk-K4VEHVI3.js";
import {
  decodeUtf8File,
  decodeUtf8Strict,
  describeInvalidUtf8
} from "./chunk-GKY6TSAU.js";
import {
  describeRefusal,
  readGuarded,
  require_picomatch
} from "./chunk-QTHYIHUL.js";
import {
  UserError,
  UserErrors
} from "./chunk-HUTQD67Y.js";
import {
  git
} from "./chunk-X4N7ZENU.js";
import {
  __toESM
} from "./chunk-TZYN2FJC.js";

// src/stages/templates/workspace-files.ts
var import_picomatch = __toESM(require_picomatch(), 1);
import { realpath } from "node:fs/promises";
import path from "node:path";
var ALWAYS_EXCLUDED = ["**/node_modules/**", ".git/**", "**/.git/**", ".andon/runs/**", ".andon/cache/**"];
async function listFiles(workspace, exclude) {
  const excluded = exclusions(exclude);
  const [staged, others, dirty, top] = await Promise.all([
    git(workspace, ["ls-files", "-z", "-s", "--cached"]),
    git(workspace, ["ls-files", "-z", "--others", "--exclude-standard"]),
    git(workspace, ["diff", "--name-only", "-z", "--no-renames"]),
    git(workspace, ["rev-parse", "--show-prefix"])
  ]);
  if (staged.ok && others.ok && dirty.ok && top.ok && top.stdout.trim() === "") {
    const oids = /* @__PURE__ */ new Map();
    const files2 = [];
    const changed = new Set(dirty.stdout.split("\0").filter(Boolean));
    for (const entry of staged.stdout.split("\0")) {
      if (!entry) continue;
      const tab = entry.indexOf("	");
      const p = entry.slice(tab + 1);
      if (entry.startsWith("160000") || excluded(p)) continue;
      if (files2.length === 0 || files2[files2.length - 1] !== p) files2.push(p);
      if (!changed.has(p)) oids.set(p, entry.slice(7, entry.indexOf(" ", 7)));
    }
    for (const p of others.stdout.split("\0")) if (p && !excluded(p)) files2.push(p);
    files2.sort();
    return { files: files2, oids, git: true };
  }
  const files = await glob(["**"], { cwd: workspace, dot: true, ignore: [...ALWAYS_EXCLUDED, ...exclude], followSymbolicLinks: false });
  files.sort();
  return { files, oids: /* @__PURE__ */ new Map(), git: false };
}
async function resolveInside(workspace, rel, what) {
  const root = path.resolve(workspace);
  const abs = path.resolve(root, rel);
  if (abs !== root && !abs.startsWith(root + path.sep)) throw new UserError(`${what} ${rel} is outside the workspace: refused`);
  const real = await realpath(abs).catch(() => null);
  if (real) {
    const realRoot = await realpath(root);
    if (real !== realRoot && !real.startsWith(realRoot + path.sep)) throw new UserError(`${what} ${rel} leads outside the workspace through a symlink: refused`);
  }
  return abs;
}
function refusalWhy(r, maxBytes) {
  switch (r.kind) {
    case "too-large":
      return `${r.size} bytes, over the limit of ${maxBytes} (maxFileBytes): not read`;
    case "outside":
      return "a symlink leading outside the workspace: not read";
    case "not-a-file":
      return `a ${r.type}, not a regular file: not read`;
    default:
      return describeRefusal(r);
  }
}
function createFileReader(workspace, maxBytes) {
  const root = path.resolve(workspace);
  const realDirs = /* @__PURE__ */ new Map();
  const cache = /* @__PURE__ */ new Map();
  return (rel) => {
    const hit = cache.get(rel);
    if (hit) return hit;
    const result = read(rel);
    cache.set(rel, result);
    return result;
  };
  function read(rel) {
    const abs = path.resolve(root, rel);
    if (!abs.startsWith(root + path.sep)) return { ok: false, missing: false, why: "outside the workspace: not read" };
    const got = readGuarded(abs, { maxBytes, within: root, realDirs });
    if (got.kind === "missing") return { ok: false, missing: true, why: "missing" };
    if (got.kind !== "ok") return { ok: false, missing: false, why: refusalWhy(got, maxBytes) };
    if (got.bytes.includes(0)) return { ok: false, missing: false, why: "binary content (NUL bytes): not checked as text" };
    const text = decodeUtf8Strict(got.bytes);
    if (!text.ok) return { ok: false, missing: false, why: `${describeInvalidUtf8(text)}, line ${text.line} column ${text.column}: not checked as text` };
    return { ok: true, text: text.text };
  }
}
async function listFilesAt(workspace, changes, exclude) {
  if (changes.base === null) return null;
  const tree = await git(workspace, ["ls-tree", "-r", "-z", "--full-tree", changes.base]);
  if (!tree.ok) return null;
  const excluded = exclusions(exclude);
  const oids = /* @__PURE__ */ new Map();
  const set = /* @__PURE__ */ new Set();
  for (const entry of tree.stdout.split("\0")) {
    if (!entry || entry.startsWith("160000")) continue;
    const tab = entry.indexOf("	");
    const p = entry.slice(tab + 1);
    if (excluded(p)) continue;
    set.add(p);
    oids.set(p, entry.slice(tab - 40, tab));
  }
  for (const [p, c] of changes.files) {
    if (c.oldPath) {
      set.delete(c.oldPath);
      oids.delete(c.oldPath);
    }
    oids.delete(p);
    if (c.status === "deleted") set.delete(p);
    else if (!excluded(p)) set.add(p);
  }
  return { files: [...set].sort(), oids, git: true };
}
function exclusions(exclude) {
  const user = exclude.length ? (0, import_picomatch.default)([...exclude], { dot: true }) : null;
  return (p) => p.startsWith("node_modules/") || p.includes("/node_modules/") || p.startsWith(".git/") || p.includes("/.git/") || p.startsWith(".andon/runs/") || p.startsWith(".andon/cache/") || user !== null && user(p);
}

// src/stages/templates/rules-file.ts
var MAX_RULES_FILE_BYTES = 1024 * 1024;
var MAX_YAML_ALIASES = 100;
function pathText(path3) {
  return path3.map((k, i) => typeof k === "number" ? `[${k}]` : i === 0 ? k : `.${k}`).join("");
}
function inlineLocator(prefix) {
  return (path3) => ({ where: `${prefix}${path3.length ? "." : ""}${pathText(path3)}` });
}
function documentLocator(file, doc, lc) {
  return (path3, keyOf) => {
    let node = doc.contents;
    let last = node;
    for (const k of path3) {
      if (!isNode(node) || !("items" in node)) break;
      const next = node.get(k, true);
      if (next === void 0) break;
      last = next;
      node = next;
    }
    let range = isNode(last) ? last.range : void 0;
    if (keyOf !== void 0 && isMap(last)) {
      const pair = last.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === keyOf);
      if (pair && isScalar(pair.key) && pair.key.range) range = pair.key.range;
    }
    const where = pathText(path3);
    if (!range) return { position: { file }, where };
    const pos = lc.linePos(range[0]);
    return { position: { file, line: pos.line, column: pos.col }, where };
  };
}
function issuesToErrors(issues, locate, label) {
  const errors = [];
  for (const issue of issues) {
    const path3 = issue.path.filter((k) => typeof k !== "symbol");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const at2 = locate(path3, key);
        errors.push(new UserError(`${label}: unknown key "${key}" in ${at2.where || "the top level"}`, at2.position));
      }
      continue;
    }
    const kindMsg = issue.message.startsWith("unknown rule kind");
    const at = kindMsg && path3[path3.length - 1] !== "kind" ? locate([...path3, "kind"]) : locate(path3);
    errors.push(new UserError(`${label}: ${at.where ? `${at.where}: ` : ""}${issue.message}`, at.position));
  }
  return errors;
}
var MissingRulesFile = class extends UserError {
  constructor(rel, reason = `templates rules file not found: ${rel} (write it, or give the rules inline with \`with.rules\`)`) {
    super(reason, { file: rel });
    this.rel = rel;
    this.reason = reason;
  }
  rel;
  reason;
};
async function loadRulesFile(workspace, rel) {
  const abs = await resolveInside(workspace, rel, "rules file");
  const read = readGuarded(abs, { maxBytes: MAX_RULES_FILE_BYTES, within: workspace });
  if (read.kind === "missing") throw new MissingRulesFile(rel);
  if (read.kind !== "ok") throw new UserError(`templates rules file ${describeRefusal(read)}`, { file: rel });
  return parseRulesText(decodeUtf8File(read.bytes, rel, "templates rules file"), rel);
}
function parseRulesText(text, file) {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const errors = [];
  for (const e of doc.errors) {
    const pos = lc.linePos(e.pos[0]);
    errors.push(new UserError(`invalid YAML: ${e.message.split("\n")[0]}`, { file, line: pos.line, column: pos.col }));
  }
  if (errors.length) throw errors.length === 1 ? errors[0] : new UserErrors(errors);
  let raw;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (err) {
    throw new UserError(`refused: ${err instanceof Error ? err.message : String(err)} (aliases are capped at ${MAX_YAML_ALIASES} expansions)`, { file });
  }
  const locate = documentLocator(file, doc, lc);
  const parsed = RulesFile.safeParse(raw ?? {});
  if (!parsed.success) {
    const errs = issuesToErrors(parsed.error.issues, locate, "templates rules");
    throw errs.length === 1 ? errs[0] : new UserErrors(errs);
  }
  return { rules: parsed.data, locate, text };
}

// src/stages/templates/load-rules.ts
import { createHash } from "node:crypto";

// src/stages/templates/rule-set.ts
var import_picomatch3 = __toESM(require_picomatch(), 1);
import { readdir } from "node:fs/promises";
import path2 from "node:path";

// src/stages/templates/glob-match.ts
var import_picomatch2 = __toESM(require_picomatch(), 1);
function globMatcher(globs) {
  if (globs.length === 0) return () => false;
  if (globs.some((g) => g === "**" || g === "**/*")) return () => true;
  const res = globs.map((g) => import_picomatch2.default.makeRe(g, { dot: true }));
  if (res.length === 1) {
    const re = res[0];
    return (p) => re.test(p);
  }
  return (p) => {
    for (const re of res) if (re.test(p)) return true;
    return false;
  };
}

// src/stages/templates/placeholders.ts
var PLACEHOLDER_CASES = ["kebab", "camel", "pascal", "snake", "upper"];
var PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)(?::([a-z]+))?\}/g;
function placeholdersIn(text) {
  const out = [];
  for (const m of text.matchAll(PLACEHOLDER)) {
    if (m.index > 0 && text[m.index - 1] === "$") continue;
    out.push({ name: m[1], form: m[2], index: m.index, raw: m[0] });
  }
  return out;
}
function words(value) {
  return value.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2").split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w.toLowerCase());
}
function inCase(value, form) {
  const w = words(value);
  switch (form) {
    case "kebab":
      return w.join("-");
    case "snake":
      return w.join("_");
    case "upper":
      return w.join("_").toUpperCase();
    case "camel":
      return w.map((x, i) => i === 0 ? x : cap(x)).join("");
    case "pascal":
      return w.map(cap).join("");
  }
}
function cap(w) {
  return w.charAt(0).toUpperCase() + w.slice(1);
}
function unboundIn(text, bound) {
  const bad = [];
  for (const p of placeholdersIn(text)) {
    if (!bound.has(p.name)) bad.push(`${p.raw} (not bound${bound.size ? `; bound here: ${[...bound].map((b) => `{${b}}`).join(", ")}` : ": this rule has no pattern that binds placeholders"})`);
    else if (p.form !== void 0 && !PLACEHOLDER_CASES.includes(p.form)) {
      bad.push(`${p.raw} (unknown case "${p.form}"; use one of ${PLACEHOLDER_CASES.join(", ")})`);
    }
  }
  return bad;
}
function render(text, binding) {
  if (!text.includes("{")) return text;
  return text.replace(PLACEHOLDER, (raw, name, form, offset) => {
    if (offset > 0 && text[offset - 1] === "$") return raw;
    const v = binding[name];
    if (v === void 0) return raw;
    return form ? inCase(v, form) : v;
  });
}

// src/stages/templates/user-pattern.ts
var MAX_PATTERN_LENGTH = 2e3;
function compilePattern(source) {
  if (source.length > MAX_PATTERN_LENGTH) return { ok: false, why: `pattern is ${source.length} characters, over the limit of ${MAX_PATTERN_LENGTH}` };
  try {
    return { ok: true, re: RE2JS.compile(source, RE2JS.MULTILINE) };
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const hint = /\\[1-9]|\(\?[=!<]|\(\?<[=!]/.test(source) || /invalid escape sequence: `\\[1-9]`|Perl syntax: `\(\?[=!<]`|named capture: `\(\?<[=!]/.test(msg) ? " (RE2 runs every pattern in linear time, so it has no backreferences and no lookahead/lookbehind; rewrite the pattern without them)" : "";
    return { ok: false, why: `invalid pattern /${source}/: ${msg.replace(/^error parsing regexp: /, "")}${hint}` };
  }
}
function findAll(p, text, starts, max = 100) {
  const out = [];
  const m = p.re.matcher(text);
  while (out.length < max && m.find()) {
    const start = m.start();
    out.push({ ...positionOf(starts(), start), text: text.slice(start, Math.min(m.end(), start + 80)) });
  }
  return out;
}
function matches(p, text) {
  return p.re.matcher(text).find();
}

// src/stages/templates/unit-pattern.ts
var escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
function compileUnitPattern(source) {
  const trimmed = source.replace(/^\.\//, "").replace(/\/+$/, "");
  if (!trimmed) throw new Error(`unit pattern "${source}" is empty`);
  if (trimmed.startsWith("/") || trimmed.split("/").includes("..")) throw new Error(`unit pattern "${source}" must be relative to the workspace and stay inside it`);
  if (trimmed.includes("**")) throw new Error(`unit pattern "${source}" may not use "**": a unit is a folder at a fixed depth`);
  const names = [];
  const parts = [];
  for (const segment of trimmed.split("/")) {
    if (!segment) throw new Error(`unit pattern "${source}" has an empty path segment`);
    const uses = placeholdersIn(segment);
    let re = "";
    let at = 0;
    for (const u of uses) {
      if (u.index === at && at > 0 && re.endsWith(")")) throw new Error(`unit pattern "${source}": placeholders must be separated by literal text in "${segment}"`);
      re += literal(segment.slice(at, u.index));
      if (u.form !== void 0) throw new Error(`unit pattern "${source}": a pattern binds ${u.raw.replace(/:.*\}/, "}")}, it cannot take a case form`);
      if (names.includes(u.name)) throw new Error(`unit pattern "${source}" binds {${u.name}} twice`);
      names.push(u.name);
      re += "([^/]+)";
      at = u.index + u.raw.length;
    }
    re += literal(segment.slice(at));
    parts.push(re);
  }
  return { source, names, regex: new RegExp(`^${parts.join("/")}/`), depth: parts.length };
}
function literal(text) {
  return text.split("*").map(escape).join("[^/]+");
}
function matchUnit(pattern, file) {
  const m = pattern.regex.exec(file);
  if (!m) return null;
  const binding = {};
  pattern.names.forEach((n, i) => {
    binding[n] = m[i + 1];
  });
  return { folder: m[0], binding };
}
function unitsOf(pattern, files) {
  const units = /* @__PURE__ */ new Map();
  for (const f of files) {
    const m = matchUnit(pattern, f);
    if (!m) continue;
    let u = units.get(m.folder);
    if (!u) units.set(m.folder, u = { binding: m.binding, files: [] });
    u.files.push(f.slice(m.folder.length));
  }
  return units;
}
function folderFor(pattern, binding) {
  const body = pattern.source.replace(/^\.\//, "").replace(/\/+$/, "");
  return `${body.replace(/\{([A-Za-z][A-Za-z0-9_]*)\}/g, (raw, n) => binding[n] ?? raw)}/`;
}

// src/stages/templates/rule-set.ts
var MAX_TEMPLATE_FILES = 200;
var MAX_TEMPLATE_BYTES = 256 * 1024;
var matcher = (globs, exclude) => {
  const inc = globMatcher(globs);
  if (exclude.length === 0) return inc;
  const exc = globMatcher(exclude);
  return (p) => inc(p) && !exc(p);
};
var patternSource = (p) => typeof p === "string" ? { pattern: p } : p;
async function compileRules(rules, o) {
  const errors = [];
  const fail = (at, message) => {
    const loc = o.locate(at);
    errors.push(new UserError(`${o.label}: ${loc.where ? `${loc.where}: ` : ""}${message}`, loc.position));
  };
  const compiled = [];
  const ids = /* @__PURE__ */ new Map();
  for (const [i, rule] of rules.entries()) {
    const at = (...k) => ["rules", i, ...k];
    const first = ids.get(rule.id);
    if (first !== void 0) fail(at("id"), `conflicting rules: id "${rule.id}" is also the id of rules[${first}]; ids must be unique`);
    else ids.set(rule.id, i);
    let bound = /* @__PURE__ */ new Set();
    let pattern;
    if (rule.kind === "unit" || rule.kind === "template") {
      try {
        pattern = compileUnitPattern(rule.pattern);
        bound = new Set(pattern.names);
      } catch (err) {
        fail(at("pattern"), err.message);
      }
    }
    const checkBound = (text, where) => {
      for (const bad of unboundIn(text, bound)) fail(where, `placeholder ${bad} in "${text}"`);
    };
    checkBound(rule.message, at("message"));
    const exclude = [...o.exclude, ...rule.exclude];
    const base = { id: rule.id, message: rule.message, level: rule.level };
    switch (rule.kind) {
      case "unit": {
        rule.require.forEach((r, k) => checkBound(r, at("require", k)));
        (rule.allow ?? []).forEach((r, k) => checkBound(r, at("allow", k)));
        rule.forbid.forEach((r, k) => checkBound(r, at("forbid", k)));
        if (pattern) compiled.push({ ...base, kind: "unit", rule, pattern, forbid: rule.forbid, scope: matcher(["**"], exclude) });
        break;
      }
      case "naming":
        compiled.push({ ...base, kind: "naming", rule, scope: matcher(rule.files, exclude) });
        break;
      case "content": {
        if (rule.header) checkBound(rule.header, at("header"));
        (rule.headings ?? []).forEach((h, k) => checkBound(h, at("headings", k)));
        const compile = (list, key) => list.flatMap((p, k) => {
          const { pattern: src, message } = patternSource(p);
          const r = compilePattern(src);
          if (!r.ok) {
            fail(typeof p === "string" ? at(key, k) : at(key, k, "pattern"), r.why);
            return [];
          }
          return [{ source: src, re: r.re, message }];
        });
        const forbid = compile(rule.forbid, "forbid");
        const require2 = compile(rule.require, "require");
        const both = rule.forbid.map((p) => patternSource(p).pattern).filter((p) => rule.require.some((q) => patternSource(q).pattern === p));
        for (const p of both) fail(at(), `conflicting rule: pattern /${p}/ is both required and forbidden`);
        compiled.push({ ...base, kind: "content", rule, forbid, require: require2, scope: matcher(rule.files, exclude) });
        break;
      }
      case "imports": {
        const entryPoints = [];
        rule.entryPoints.forEach((e, k) => {
          try {
            const p = compileUnitPattern(e.unit);
            const b = new Set(p.names);
            e.entry.forEach((x, m) => {
              for (const bad of unboundIn(x, b)) fail(at("entryPoints", k, "entry", m), `placeholder ${bad} in "${x}"`);
            });
            entryPoints.push({ pattern: p, entry: e.entry });
          } catch (err) {
            fail(at("entryPoints", k, "unit"), err.message);
          }
        });
        const layers = rule.layers.map((l) => ({ from: matcher(l.from, []), disallow: matcher(l.disallow, []), disallowText: l.disallow.join(", ") }));
        rule.layers.forEach((l, k) => {
          const self = l.from.filter((f) => l.disallow.includes(f));
          if (self.length) fail(at("layers", k), `conflicting layer rule: ${self.join(", ")} may not import itself`);
        });
        compiled.push({ ...base, kind: "imports", rule, layers, entryPoints, scope: matcher(rule.files, exclude) });
        break;
      }
      case "one-way":
        compiled.push({ ...base, kind: "one-way", rule, modules: new Set(rule.modules), through: matcher(rule.through, []), scope: matcher(rule.files, exclude) });
        break;
      case "template": {
        const files = await loadTemplate(o.workspace, o.templatesDir, rule.template).catch((err) => {
          fail(at("template"), err.message);
          return null;
        });
        if (files && pattern) {
          for (const f of files) {
            for (const bad of unboundIn(f.path, bound)) fail(at("template"), `template file ${o.templatesDir}/${rule.template}/${f.path}: placeholder ${bad} in its name`);
            for (const bad of unboundIn(f.text, bound)) fail(at("template"), `template file ${o.templatesDir}/${rule.template}/${f.path}: placeholder ${bad} in its content`);
          }
          compiled.push({ ...base, kind: "template", rule, pattern, files, scope: matcher(["**"], exclude) });
        }
        break;
      }
    }
  }
  const pendingTemplates = [];
  conflicts(rules, fail, pendingTemplates);
  for (const p of pendingTemplates) {
    const t = compiled.find((c) => c.kind === "template" && c.rule.template === p.template);
    if (!t || t.kind !== "template") continue;
    const sample = samples(t.rule.pattern);
    for (const f of t.files) {
      if (p.check(render(f.path, sample))) fail(["rules", p.i, "template"], `conflicting rules: template file ${f.path} is forbidden in the same units by rule "${p.unitId}" (rules[${p.unitIndex}])`);
    }
  }
  return { set: { rules: compiled, origin: o.label }, errors };
}
function conflicts(rules, fail, pendingTemplates) {
  const naming = /* @__PURE__ */ new Map();
  const oneWay = /* @__PURE__ */ new Map();
  const units = /* @__PURE__ */ new Map();
  rules.forEach((rule, i) => {
    if (rule.kind === "naming") {
      for (const g of rule.files) {
        const other = naming.get(`${g}\0${rule.target}`);
        if (other && other.rule.case !== rule.case) fail(["rules", i, "case"], `conflicting rules: "${rule.id}" wants ${rule.case} case for ${g}, "${other.rule.id}" (rules[${other.i}]) wants ${other.rule.case}`);
        else naming.set(`${g}\0${rule.target}`, { i, rule });
      }
    } else if (rule.kind === "one-way") {
      const through = [...rule.through].sort().join(", ");
      for (const m of rule.modules) {
        const other = oneWay.get(m);
        if (other && other.through !== through) fail(["rules", i, "modules"], `conflicting rules: ${m} may only be imported through ${through} here, but through ${other.through} by rules[${other.i}]`);
        else oneWay.set(m, { i, through });
      }
    } else if (rule.kind === "unit") {
      const key = rule.pattern.replace(/\/+$/, "");
      units.set(key, { i, rule });
      const sample = samples(rule.pattern);
      for (const [k, r] of rule.require.entries()) {
        const forbidden = rule.forbid.find((f) => (0, import_picomatch3.default)(render(f, sample), { dot: true })(render(r, sample)));
        if (forbidden) fail(["rules", i, "require", k], `conflicting rule: "${r}" is required and forbidden (by "${forbidden}")`);
      }
    }
  });
  rules.forEach((rule, i) => {
    if (rule.kind !== "template") return;
    const unit = units.get(rule.pattern.replace(/\/+$/, ""));
    if (!unit) return;
    const sample = samples(rule.pattern);
    const required = new Set(unit.rule.require.map((r) => render(r, sample)));
    const allow = unit.rule.allow ? (0, import_picomatch3.default)(unit.rule.allow.map((a) => render(a, sample)), { dot: true }) : () => true;
    const forbid = unit.rule.forbid.length ? (0, import_picomatch3.default)(unit.rule.forbid.map((a) => render(a, sample)), { dot: true }) : () => false;
    pendingTemplates.push({ i, template: rule.template, check: (file) => !required.has(file) && (forbid(file) || !allow(file)), unitId: unit.rule.id, unitIndex: unit.i });
  });
}
function samples(pattern) {
  const b = {};
  for (const p of placeholdersIn(pattern)) b[p.name] = `sample-${p.name.toLowerCase()}`;
  return b;
}
async function loadTemplate(workspace, templatesDir, kind) {
  const rel = `${templatesDir.replace(/\/+$/, "")}/${kind}`;
  const abs = await resolveInside(workspace, rel, "template folder");
  const entries = await readdir(abs, { recursive: true, withFileTypes: true }).catch(() => null);
  if (!entries) throw new Error(`template folder ${rel}/ not found: create it with the files of one unit, using {name} placeholders`);
  const read = createFileReader(workspace, MAX_TEMPLATE_BYTES);
  const files = [];
  for (const e of entries) {
    if (!e.isFile() && !e.isSymbolicLink()) continue;
    if (files.length >= MAX_TEMPLATE_FILES) throw new Error(`template folder ${rel}/ has over ${MAX_TEMPLATE_FILES} files: refused`);
    const inside = path2.relative(abs, path2.join(e.parentPath, e.name)).split(path2.sep).join("/");
    const r = read(`${rel}/${inside}`);
    if (!r.ok) throw new Error(`template file ${rel}/${inside}: ${r.why}`);
    files.push({ path: inside, text: r.text });
  }
  if (files.length === 0) throw new Error(`template folder ${rel}/ is empty`);
  files.sort((a, b) => a.path < b.path ? -1 : 1);
  return files;
}

// src/stages/templates/load-rules.ts
async function loadRuleSet(src) {
  const templatesDir = (src.templatesDir ?? ".andon/templates").replace(/\/+$/, "");
  let loaded;
  let origin;
  if (src.rules) {
    origin = "with.rules";
    loaded = { rules: { version: 1, exclude: [], rules: src.rules }, locate: src.inlineLocate ?? inlineLocator("with"), text: JSON.stringify(src.rules) };
  } else {
    origin = src.rulesFile ?? ".andon/templates.yml";
    loaded = await loadRulesFile(src.workspace, origin);
  }
  const { set, errors } = await compileRules(loaded.rules.rules, {
    workspace: src.workspace,
    templatesDir,
    // The templates hold `{name}` placeholders: they are models of units, not units, so no rule checks them.
    exclude: [...src.exclude ?? [], ...loaded.rules.exclude, `${templatesDir}/**`],
    locate: loaded.locate,
    label: src.rules ? "templates rules (with.rules)" : "templates rules"
  });
  if (errors.length) throw errors.length === 1 ? errors[0] : new UserErrors(errors);
  const h = createHash("sha256").update(loaded.text).update("\0").update(JSON.stringify(src.exclude ?? []));
  for (const r of set.rules) if (r.kind === "template") for (const f of r.files) h.update(`\0${r.rule.template}/${f.path}\0${f.text}`);
  return { set, rules: loaded.rules.rules, origin, templatesDir, digest: `sha256:${h.digest("hex")}` };
}

export {
  globMatcher,
  placeholdersIn,
  inCase,
  render,
  findAll,
  matches,
  matchUnit,
  unitsOf,
  folderFor,
  listFiles,
  resolveInside,
  createFileReader,
  listFilesAt,
  pathText,
  MissingRulesFile,
  loadRuleSet
};
