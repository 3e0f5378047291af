import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  TEMPLATES_DESCRIPTION,
  TemplatesOptions
} from "./chunk-5BSIPENY.js";
import {
  scanScript
} from "./chunk-MRUSBJ6L.js";
import {
  blocksGate,
  compareWithBaseline,
  fingerprintAll,
  judgeAgainstBaseline,
  readFindingBaseline,
  toBaselineFile,
  workspaceLineReader
} from "./chunk-MWG5CBHW.js";
import {
  inChange
} from "./chunk-BI4FL6IB.js";
import "./chunk-PE5NFLL3.js";
import "./chunk-4PTP22Z7.js";
import "./chunk-JBUSEVB6.js";
import "./chunk-MGRT4P43.js";
import "./chunk-R2DVGQ2Z.js";
import {
  createFileReader,
  findAll,
  folderFor,
  globMatcher,
  inCase,
  listFiles,
  listFilesAt,
  loadRuleSet,
  matchUnit,
  matches,
  placeholdersIn,
  render,
  resolveInside,
  unitsOf
} from "./chunk-AOL7J5C3.js";
import {
  RULE_KINDS,
  Rule,
  RulesFile,
  didYouMean
} from "./chunk-JYNWK4DA.js";
import "./chunk-JNAGLRNT.js";
import "./chunk-NLHABGJB.js";
import "./chunk-UACYHNGC.js";
import {
  lineStarts,
  positionOf
} from "./chunk-HAB4HTVZ.js";
import "./chunk-K4VEHVI3.js";
import {
  decodeUtf8File
} from "./chunk-GKY6TSAU.js";
import {
  _enum,
  array,
  describeRefusal,
  literal,
  number,
  object,
  readGuarded,
  record,
  require_picomatch,
  string,
  tuple,
  union
} from "./chunk-QTHYIHUL.js";
import "./chunk-TXGCBDM3.js";
import {
  UserError,
  errorMessage
} from "./chunk-HUTQD67Y.js";
import "./chunk-AS4XOIVA.js";
import "./chunk-X4N7ZENU.js";
import {
  __toESM
} from "./chunk-TZYN2FJC.js";

// src/stages/templates/templates-stage.ts
import path5 from "node:path";

// src/stages/templates/agent-context.ts
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

// src/stages/templates/python-scanner.ts
var PYTHON_FILE = /\.pyi?$/;
function isPythonFile(file) {
  return PYTHON_FILE.test(file);
}
var isIdStart = (c) => c >= 97 && c <= 122 || c >= 65 && c <= 90 || c === 95 || c > 127;
var isIdPart = (c) => isIdStart(c) || c >= 48 && c <= 57;
var STRING_PREFIX = /^(?:[rRbBuUfFtT]|[rR][bBfFtT]|[bBfFtT][rR])$/;
var COMPOUND = /* @__PURE__ */ new Set(["if", "elif", "else", "try", "except", "finally", "with", "for", "while", "def", "class", "async", "match", "case"]);
function logicalLines(src, problems, at) {
  const lines = [];
  const n = src.length;
  let toks = [];
  let depth = 0;
  let indent = 0;
  let lineStart = true;
  let i = 0;
  const end = () => {
    if (toks.length > 0) lines.push({ indent, toks });
    toks = [];
  };
  const skipString = (start) => {
    const q = src.charCodeAt(start);
    const triple = src.charCodeAt(start + 1) === q && src.charCodeAt(start + 2) === q;
    let j = start + (triple ? 3 : 1);
    while (j < n) {
      const c = src.charCodeAt(j);
      if (c === 92) j += 2;
      else if (c === q && (!triple || src.charCodeAt(j + 1) === q && src.charCodeAt(j + 2) === q)) return j + (triple ? 3 : 1);
      else if (!triple && (c === 10 || c === 13)) break;
      else j++;
    }
    problems.push({ message: triple ? "unterminated triple-quoted string" : "unterminated string literal", ...at(start) });
    return triple ? n : j;
  };
  while (i < n) {
    const c = src.charCodeAt(i);
    if (lineStart) {
      let col = 0;
      while (i < n) {
        const w = src.charCodeAt(i);
        if (w === 32) col++;
        else if (w === 9) col = col - col % 8 + 8;
        else if (w !== 12) break;
        i++;
      }
      lineStart = false;
      if (toks.length === 0) indent = col;
      continue;
    }
    if (c === 10 || c === 13) {
      i += c === 13 && src.charCodeAt(i + 1) === 10 ? 2 : 1;
      if (depth === 0) {
        end();
        lineStart = true;
      }
      continue;
    }
    if (c === 32 || c === 9 || c === 12) i++;
    else if (c === 35) {
      while (i < n && src.charCodeAt(i) !== 10 && src.charCodeAt(i) !== 13) i++;
    } else if (c === 92) {
      i++;
      if (src.charCodeAt(i) === 13) i++;
      if (src.charCodeAt(i) === 10) i++;
    } else if (c === 39 || c === 34) {
      toks.push({ t: "str", v: "", at: i });
      i = skipString(i);
    } else if (isIdStart(c)) {
      const s = i;
      while (i < n && isIdPart(src.charCodeAt(i))) i++;
      const q = src.charCodeAt(i);
      if ((q === 39 || q === 34) && STRING_PREFIX.test(src.slice(s, i))) {
        toks.push({ t: "str", v: "", at: s });
        i = skipString(i);
      } else toks.push({ t: "id", v: src.slice(s, i), at: s });
    } else if (c >= 48 && c <= 57) {
      while (i < n && (isIdPart(src.charCodeAt(i)) || src.charCodeAt(i) === 46)) i++;
    } else {
      if (c === 40 || c === 91 || c === 123) depth++;
      else if (c === 41 || c === 93 || c === 125) depth = Math.max(0, depth - 1);
      toks.push({ t: "p", v: src[i], at: i });
      i++;
    }
  }
  end();
  return lines;
}
function isTypeCheckingIf(toks) {
  if (toks[0]?.v !== "if") return false;
  let k = 1;
  while (toks[k]?.t === "id" && toks[k + 1]?.v === ".") k += 2;
  return toks[k]?.v === "TYPE_CHECKING" && toks[k + 1]?.v === ":";
}
function headerEnd(toks) {
  let depth = 0;
  let lambdas = 0;
  for (let k = 1; k < toks.length; k++) {
    const v = toks[k].v;
    if (v === "(" || v === "[" || v === "{") depth++;
    else if (v === ")" || v === "]" || v === "}") depth--;
    else if (depth === 0 && v === "lambda") lambdas++;
    else if (depth === 0 && v === ":") {
      if (lambdas === 0) return k;
      lambdas--;
    }
  }
  return -1;
}
function dotted(toks, k) {
  let name = "";
  while (toks[k]?.t === "id") {
    name += toks[k].v;
    if (toks[k + 1]?.v !== "." || toks[k + 2]?.t !== "id") return { name, next: k + 1 };
    name += ".";
    k += 2;
  }
  return { name, next: k };
}
function statementImports(toks, add) {
  const head = toks[0];
  if (head?.v === "import") {
    let k = 1;
    while (k < toks.length) {
      const d = dotted(toks, k);
      if (!d.name) return;
      add(d.name, toks[k].at);
      k = d.next;
      if (toks[k]?.v === "as") k += 2;
      if (toks[k]?.v !== ",") return;
      k++;
    }
  } else if (head?.v === "from") {
    let k = 1;
    let dots = "";
    while (toks[k]?.v === ".") {
      dots += ".";
      k++;
    }
    const d = toks[k]?.v === "import" ? { name: "", next: k } : dotted(toks, k);
    const module = dots + d.name;
    if (!module || module === "__future__" || toks[d.next]?.v !== "import") return;
    const at = toks[1].at;
    k = d.next + 1;
    if (toks[k]?.v === "*") {
      add(module, at);
      return;
    }
    if (toks[k]?.v === "(") k++;
    const sep = dots && !d.name ? "" : ".";
    while (toks[k]?.t === "id") {
      add(`${module}${sep}${toks[k].v}`, at);
      k++;
      if (toks[k]?.v === "as") k += 2;
      if (toks[k]?.v !== ",") return;
      k++;
    }
  }
}
function definedName(toks) {
  let k = 0;
  if (toks[0]?.v === "async") k = 1;
  const first = toks[k];
  if ((first?.v === "def" || first?.v === "class") && toks[k + 1]?.t === "id") return toks[k + 1].v;
  const op = toks[1];
  if (k === 0 && first?.t === "id" && !COMPOUND.has(first.v) && op && (op.v === "=" && toks[2]?.v !== "=" || op.v === ":")) return first.v;
  return null;
}
function scanPython(src) {
  const imports = [];
  const exports = [];
  const problems = [];
  let starts;
  const at = (offset) => positionOf(starts ??= lineStarts(src), offset);
  const lines = logicalLines(src, problems, at);
  const typeBlocks = [];
  for (const line of lines) {
    while (typeBlocks.length > 0 && line.indent <= typeBlocks[typeBlocks.length - 1]) typeBlocks.pop();
    let toks = line.toks;
    let typeOnly = typeBlocks.length > 0;
    if (line.indent === 0) {
      const name = definedName(toks);
      if (name) exports.push(name);
    }
    if (COMPOUND.has(toks[0].v)) {
      const colon = headerEnd(toks);
      if (colon === -1) continue;
      const checking = isTypeCheckingIf(toks);
      if (colon === toks.length - 1) {
        if (checking) typeBlocks.push(line.indent);
        continue;
      }
      typeOnly ||= checking;
      toks = toks.slice(colon + 1);
    }
    const add = (specifier, offset) => {
      imports.push({ specifier, ...at(offset), kind: "import", typeOnly });
    };
    let from = 0;
    for (let k = 0; k <= toks.length; k++) {
      if (k < toks.length && toks[k].v !== ";") continue;
      if (k > from) statementImports(toks.slice(from, k), add);
      from = k + 1;
    }
  }
  return { imports, exports, problems };
}

// src/stages/templates/source-scanner.ts
function scanSource(src, fileName = "") {
  return isPythonFile(fileName) ? scanPython(src) : scanScript(src, fileName);
}

// src/stages/templates/agent-context.ts
var CONTEXT_START = "<!-- andon:context:start -->";
var CONTEXT_END = "<!-- andon:context:end -->";
var DEFAULT_CONTEXT_FILES = ["AGENTS.md"];
var KNOWN_CONTEXT_FILES = ["AGENTS.md", "CLAUDE.md", ".github/copilot-instructions.md"];
var code = (s) => `\`${s.replace(/`/g, "'")}\``;
var list = (xs) => xs.map(code).join(", ");
function describe(r, templatesDir) {
  const head = `- **${r.id}** (${r.kind}${r.level === "error" ? "" : `, ${r.level}`}): ${r.message.replace(/\s+/g, " ").trim()}`;
  const parts = [];
  switch (r.kind) {
    case "unit":
      parts.push(`units are ${code(r.rule.pattern)}`);
      if (r.rule.require.length) parts.push(`each has ${list(r.rule.require)}`);
      if (r.rule.allow) parts.push(`may also have ${list(r.rule.allow)}, nothing else`);
      if (r.rule.forbid.length) parts.push(`must not have ${list(r.rule.forbid)}`);
      break;
    case "naming":
      parts.push(`${r.rule.target === "both" ? "files and folders" : r.rule.target} matching ${list(r.rule.files)} are named in ${r.rule.case} case`);
      break;
    case "content":
      parts.push(`applies to ${list(r.rule.files)}`);
      if (r.rule.header) parts.push(`start with ${code(r.rule.header.split("\n")[0])}${r.rule.header.includes("\n") ? " (and the lines after it)" : ""}`);
      if (r.rule.headings?.length) parts.push(`headings, in order: ${list(r.rule.headings)}`);
      for (const p of r.forbid) parts.push(`never ${code(`/${p.source}/`)}${p.message ? ` (${p.message})` : ""}`);
      for (const p of r.require) parts.push(`always ${code(`/${p.source}/`)}${p.message ? ` (${p.message})` : ""}`);
      break;
    case "imports":
      for (const l of r.rule.layers) parts.push(`${list(l.from)} must not import ${list(l.disallow)}`);
      if (r.rule.cycles) parts.push(`no import cycles among ${list(r.rule.files)}`);
      for (const e of r.rule.entryPoints) parts.push(`code outside ${code(e.unit)} imports it only through ${list(e.entry)}`);
      break;
    case "one-way":
      parts.push(`${r.rule.concern} only through ${list(r.rule.through)}; ${list(r.rule.modules)} are imported nowhere else`);
      break;
    case "template": {
      const files = r.files.map((f) => {
        const ex = /\.(?:[cm]?[jt]sx?)$/.test(f.path) ? templateExports(f.text, f.path) : [];
        return ex.length ? `${code(f.path)} (exports ${list(ex)})` : code(f.path);
      });
      parts.push(`units ${code(r.rule.pattern)} keep the structure of ${code(`${templatesDir}/${r.rule.template}/`)}: ${files.join(", ")}`);
      parts.push(`start one with ${code(`andon new ${r.rule.template} <name>`)}`);
      break;
    }
  }
  return parts.length ? `${head}. ${capital(parts.join("; "))}.` : head;
}
function templateExports(text, file) {
  const raws = [];
  let out = "";
  let at = 0;
  for (const p of placeholdersIn(text)) {
    out += `${text.slice(at, p.index)}__andon${raws.length}__`;
    raws.push(p.raw);
    at = p.index + p.raw.length;
  }
  out += text.slice(at);
  return scanSource(out, file).exports.map((e) => e.replace(/__andon(\d+)__/g, (_, i) => raws[Number(i)]));
}
var capital = (s) => s.charAt(0).toUpperCase() + s.slice(1);
function renderContextBlock(loaded) {
  const lines = [
    CONTEXT_START,
    "## Codebase conventions",
    "",
    `These rules are checked on every change by Andon's templates stage (from ${code(loaded.origin)}); follow them when you write or move code. Regenerate this block with ${code("andon context")}; do not edit it by hand.`,
    "",
    ...loaded.set.rules.map((r) => describe(r, loaded.templatesDir)),
    CONTEXT_END
  ];
  return `${lines.join("\n")}
`;
}
async function renderContext(o) {
  return renderContextBlock(await loadRuleSet(o));
}
function split(text, file) {
  const s = text.indexOf(CONTEXT_START);
  const e = text.indexOf(CONTEXT_END);
  if (s === -1 && e === -1) return { before: text, block: null, after: "" };
  if (s === -1 || e === -1 || e < s) throw new UserError(`${file}: the andon context markers are unbalanced (${CONTEXT_START} \u2026 ${CONTEXT_END}); fix or remove them`, { file });
  if (text.indexOf(CONTEXT_START, s + 1) !== -1) throw new UserError(`${file}: the andon context block appears twice; keep one`, { file });
  let end = e + CONTEXT_END.length;
  if (text[end] === "\n") end++;
  return { before: text.slice(0, s), block: text.slice(s, end), after: text.slice(end) };
}
var MAX_CONTEXT_FILE_BYTES = 4 * 1024 * 1024;
async function readContextFile(workspace, file) {
  const abs = await resolveInside(workspace, file, "context file");
  const read = readGuarded(abs, { maxBytes: MAX_CONTEXT_FILE_BYTES, within: workspace });
  if (read.kind === "missing") return null;
  if (read.kind !== "ok") throw new UserError(`context file ${describeRefusal(read)}`, { file });
  return decodeUtf8File(read.bytes, file, "context file");
}
async function checkContext(o, rendered) {
  const block = rendered ?? await renderContext(o);
  const stale = [];
  for (const file of o.files ?? DEFAULT_CONTEXT_FILES) {
    const text = await readContextFile(o.workspace, file);
    if (text === null) {
      stale.push({ file, why: `${file} does not exist; run \`andon context\`` });
      continue;
    }
    const s = split(text, file);
    if (s.block === null) stale.push({ file, why: `${file} has no andon context block; run \`andon context\`` });
    else if (s.block !== block) stale.push({ file, why: `${file}: the andon context block is stale (the rules or templates changed); run \`andon context\`` });
  }
  return { ok: stale.length === 0, stale };
}
async function writeContext(o) {
  const block = await renderContext(o);
  const written = [];
  const unchanged = [];
  for (const file of o.files ?? DEFAULT_CONTEXT_FILES) {
    const abs = await resolveInside(o.workspace, file, "context file");
    const text = await readContextFile(o.workspace, file);
    let next;
    if (text === null) next = block;
    else {
      const s = split(text, file);
      next = s.block === null ? `${text}${text === "" || text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n"}${block}` : `${s.before}${block}${s.after}`;
    }
    if (next === text) {
      unchanged.push(file);
      continue;
    }
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, next);
    written.push(file);
  }
  return { written, unchanged };
}

// src/stages/templates/check-content.ts
function checkContent(rule, s) {
  const tl = s.tally(rule.id);
  for (const f of s.targets) {
    if (!rule.scope(f)) continue;
    tl.checked.add(f);
    const r = s.input.read(f);
    if (!r.ok) {
      if (!r.missing) s.unreadable(f, r.why);
      continue;
    }
    checkText(rule, f, r.text, (v) => s.fail(rule, f, v));
  }
}
function headingsOf(text) {
  const out = [];
  let fence = null;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i].replace(/\r$/, "");
    const f = /^\s{0,3}(`{3,}|~{3,})/.exec(l);
    if (f) {
      if (fence === null) fence = f[1][0];
      else if (f[1][0] === fence) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const h = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(l);
    if (h) out.push({ text: `${h[1]} ${h[2].replace(/\s+/g, " ")}`, line: i + 1 });
  }
  return out;
}
function normaliseHeading(h) {
  const m = /^\s*(#{1,6})\s+(.*?)\s*$/.exec(h);
  return m ? `${m[1]} ${m[2].replace(/\s+/g, " ")}` : h.trim();
}
function checkText(rule, file, raw, report) {
  const text = raw.charCodeAt(0) === 65279 ? raw.slice(1) : raw;
  let starts;
  const getStarts = () => starts ??= lineStarts(text);
  if (rule.rule.header !== void 0) {
    const body = text.startsWith("#!") ? text.slice(text.indexOf("\n") + 1) : text;
    if (!body.startsWith(rule.rule.header)) report({ path: file, line: 1, column: 1, message: `${rule.message}: ${file} does not start with the required header` });
  }
  if (rule.rule.headings?.length) {
    const have = headingsOf(text);
    let from = 0;
    for (const want of rule.rule.headings.map(normaliseHeading)) {
      const k = have.findIndex((h, i) => i >= from && h.text === want);
      if (k !== -1) {
        from = k + 1;
        continue;
      }
      const anywhere = have.find((h) => h.text === want);
      if (anywhere) report({ path: file, line: anywhere.line, column: 1, message: `${rule.message}: heading "${want}" is out of order in ${file}` });
      else report({ path: file, message: `${rule.message}: ${file} lacks the heading "${want}"` });
    }
  }
  for (const p of rule.forbid) {
    for (const m of findAll(p, text, getStarts)) {
      report({ path: file, line: m.line, column: m.column, message: `${p.message ?? rule.message}: /${p.source}/ matches "${m.text.split("\n")[0]}"` });
    }
  }
  for (const p of rule.require) {
    if (!matches(p, text)) report({ path: file, message: `${p.message ?? rule.message}: ${file} has nothing matching /${p.source}/` });
  }
}

// src/stages/templates/import-graph.ts
import { randomBytes } from "node:crypto";
import { mkdir as mkdir2, rename, writeFile as writeFile2 } from "node:fs/promises";
import path2 from "node:path";
var SOURCE_FILE = /\.(?:[cm]?[jt]sx?|pyi?)$/;
var SOURCE_LANGUAGES = "JavaScript, TypeScript and Python";
var DECLARATION_FILE = /\.d\.[cm]?ts$/;
var TypeFlag = union([literal(0), literal(1), literal(2)]);
var Position = number().int().nonnegative();
var CachedScan = tuple([
  array(tuple([string(), Position, Position, _enum(["import", "export", "dynamic", "require"]), TypeFlag])),
  array(string()),
  array(tuple([string(), Position, Position]))
]);
var MAX_CACHE_BYTES = 512 * 1024 * 1024;
function readCacheFile(file) {
  const read = readGuarded(file, { maxBytes: MAX_CACHE_BYTES, links: "refuse", within: path2.dirname(file) });
  return read.kind === "ok" ? read.bytes.toString("utf8") : "";
}
var SCANS_SCHEMA = "andon.templates-scans/v2";
var toFlag = (t) => t === "inline" ? 2 : t ? 1 : 0;
var fromFlag = (f) => f === 2 ? "inline" : f === 1;
var cacheKey = (file, oid) => isPythonFile(file) ? `py:${oid}` : oid;
var SourceIndex = class _SourceIndex {
  constructor(read, oids, cached, keep) {
    this.read = read;
    this.oids = oids;
    this.cached = cached;
    this.keep = keep;
  }
  read;
  oids;
  cached;
  keep;
  memo = /* @__PURE__ */ new Map();
  fresh = /* @__PURE__ */ new Map();
  hits = 0;
  misses = 0;
  static async open(read, oids, cacheFile) {
    const cached = /* @__PURE__ */ new Map();
    if (cacheFile) {
      const text = readCacheFile(cacheFile);
      if (text.startsWith(`${SCANS_SCHEMA}
`)) {
        for (const line of text.split("\n")) {
          const tab = line.indexOf("	");
          if (tab > 0) cached.set(line.slice(0, tab), line.slice(tab + 1));
        }
      }
    }
    return new _SourceIndex(read, oids, cached, cacheFile !== null);
  }
  scan(file) {
    let hit = this.memo.get(file);
    if (hit) return hit;
    const oid = this.oids.get(file);
    const key = oid === void 0 ? void 0 : cacheKey(file, oid);
    const line = key === void 0 ? void 0 : this.cached.get(key);
    let c;
    if (line !== void 0) {
      try {
        const parsed = CachedScan.safeParse(JSON.parse(line));
        c = parsed.success ? parsed.data : void 0;
      } catch {
        c = void 0;
      }
    }
    if (c) {
      this.hits++;
      hit = {
        ok: true,
        scan: {
          imports: c[0].map(([specifier, l, column, kind, t]) => ({ specifier, line: l, column, kind, typeOnly: fromFlag(t) })),
          exports: c[1],
          problems: c[2].map(([message, l, column]) => ({ message, line: l, column }))
        }
      };
    } else {
      this.misses++;
      const r = this.read(file);
      if (!r.ok) hit = { ok: false, why: r.why, missing: r.missing };
      else {
        const scan = scanSource(r.text, file);
        hit = { ok: true, scan };
        if (key !== void 0 && this.keep) {
          const entry = [scan.imports.map((i) => [i.specifier, i.line, i.column, i.kind, toFlag(i.typeOnly)]), scan.exports, scan.problems.map((p) => [p.message, p.line, p.column])];
          this.fresh.set(key, JSON.stringify(entry));
        }
      }
    }
    this.memo.set(file, hit);
    return hit;
  }
  /**
   * Writes the cache atomically: what this run scanned plus the older entries of blobs still in the workspace
   * (a run scans only what its rules need). A failure to write only costs speed later.
   */
  async save(cacheFile) {
    const live = /* @__PURE__ */ new Set();
    for (const [file, oid] of this.oids) live.add(cacheKey(file, oid));
    const all = /* @__PURE__ */ new Map();
    for (const [oid, json] of this.cached) if (live.has(oid)) all.set(oid, json);
    for (const [oid, json] of this.fresh) all.set(oid, json);
    if (this.misses === 0 && all.size === this.cached.size) return;
    const lines = [SCANS_SCHEMA];
    for (const [oid, json] of all) lines.push(`${oid}	${json}`);
    await writeAtomic(cacheFile, `${lines.join("\n")}
`);
  }
};
async function writeAtomic(file, text) {
  await mkdir2(path2.dirname(file), { recursive: true });
  const tmp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  await writeFile2(tmp, text);
  await rename(tmp, file);
}
var GRAPH_SCHEMA = "andon.templates-graph/v4";
var Count = number().int().nonnegative();
var NodeProblem = union([
  object({ kind: literal("parse"), message: string(), line: number().int(), column: number().int() }),
  object({ kind: literal("unreadable"), why: string() })
]);
var GraphFile = object({
  schema: literal(GRAPH_SCHEMA),
  /** Digest of what resolution depends on beyond the files (tsconfig paths, verbatimModuleSyntax). */
  resolution: string(),
  files: array(string()),
  /** Blob id of each node when it was scanned; '' when it was not a clean tracked file. */
  oids: array(string()),
  /** Number of edges of each node, then flat [to, line, column, typeOnly] quadruples in node order. */
  counts: array(Count),
  edges: array(number()),
  unresolved: array(Count),
  problems: array(tuple([Count, NodeProblem]))
});
function wholeGraph(g) {
  const n = g.files.length;
  if (g.oids.length !== n || g.counts.length !== n) return false;
  let edges = 0;
  for (const c of g.counts) edges += c;
  if (g.edges.length !== edges * 4) return false;
  for (let k = 0; k < g.edges.length; k += 4) {
    const to = g.edges[k];
    if (!Number.isInteger(to) || to < 0 || to >= n || !Number.isInteger(g.edges[k + 1]) || !Number.isInteger(g.edges[k + 2]) || g.edges[k + 3] !== 0 && g.edges[k + 3] !== 1) return false;
  }
  return g.unresolved.every((u) => u < n) && g.problems.every(([node]) => node < n);
}
function resolveNode(file, input, index) {
  const s = input.index.scan(file);
  const quads = [];
  let unresolved = false;
  if (!s.ok) return s.missing ? { quads, unresolved } : { quads, unresolved, problem: { kind: "unreadable", why: s.why } };
  const p = s.scan.problems[0];
  const declaration = DECLARATION_FILE.test(file);
  const erased = (t) => declaration || t === true || t === "inline" && !input.verbatimModuleSyntax;
  if (isPythonFile(file) && s.scan.imports.length > 0) unresolved = true;
  for (const imp of s.scan.imports) {
    const r = input.resolve(imp.specifier, file);
    if (r.kind === "file") {
      const to = index.get(r.path);
      if (to !== void 0) quads.push(to, imp.line, imp.column, erased(imp.typeOnly) ? 1 : 0);
    } else if (r.kind === "unresolved") unresolved = true;
  }
  return p ? { quads, unresolved, problem: { kind: "parse", ...p } } : { quads, unresolved };
}
async function buildGraph(input, cacheFile, save) {
  const files = [...input.files];
  const n = files.length;
  const index = /* @__PURE__ */ new Map();
  files.forEach((f, i) => index.set(f, i));
  const perNode = new Array(n);
  const unresolved = new Uint8Array(n);
  const problems = /* @__PURE__ */ new Map();
  let old = null;
  if (cacheFile) {
    try {
      const parsed = GraphFile.safeParse(JSON.parse(readCacheFile(cacheFile)));
      if (parsed.success && parsed.data.resolution === input.resolution && wholeGraph(parsed.data)) old = parsed.data;
    } catch {
      old = null;
    }
  }
  let reused = 0;
  if (old) {
    const oldUnresolved = new Uint8Array(old.files.length);
    for (const o of old.unresolved) oldUnresolved[o] = 1;
    const oldProblems = new Map(old.problems);
    const sameSet = old.files.length === n && old.files.every((f, i) => f === files[i]);
    const toNew = new Int32Array(old.files.length);
    for (let o = 0; o < old.files.length; o++) toNew[o] = sameSet ? o : index.get(old.files[o]) ?? -1;
    const edges = Int32Array.from(old.edges);
    let at = 0;
    for (let o = 0; o < old.files.length; o++) {
      const count = old.counts[o] ?? 0;
      const from = at;
      at += count * 4;
      const m2 = toNew[o];
      if (m2 === -1) continue;
      const f = old.files[o];
      if (input.touched?.has(f)) continue;
      const oid = old.oids[o];
      if (!oid || input.oids.get(f) !== oid) continue;
      if (!sameSet && oldUnresolved[o]) continue;
      const quads = edges.subarray(from, at);
      let lost = false;
      if (!sameSet) {
        const remapped = new Int32Array(quads);
        for (let k = 0; k < remapped.length; k += 4) {
          const to = toNew[remapped[k]];
          if (to === -1) {
            lost = true;
            break;
          }
          remapped[k] = to;
        }
        if (lost) continue;
        perNode[m2] = remapped;
      } else perNode[m2] = quads;
      if (oldUnresolved[o]) unresolved[m2] = 1;
      const problem = oldProblems.get(o);
      if (problem) problems.set(m2, problem);
      reused++;
    }
  }
  let rebuilt = 0;
  for (let k = 0; k < n; k++) {
    if (perNode[k]) continue;
    const r = resolveNode(files[k], input, index);
    perNode[k] = r.quads;
    if (r.unresolved) unresolved[k] = 1;
    if (r.problem) problems.set(k, r.problem);
    rebuilt++;
  }
  const offsets = new Int32Array(n + 1);
  for (let k = 0; k < n; k++) offsets[k + 1] = offsets[k] + perNode[k].length / 4;
  const m = offsets[n];
  const targets = new Int32Array(m);
  const lines = new Int32Array(m);
  const columns = new Int32Array(m);
  const typeOnly = new Uint8Array(m);
  for (let k = 0; k < n; k++) {
    const q = perNode[k];
    let e = offsets[k];
    for (let j = 0; j < q.length; j += 4, e++) {
      targets[e] = q[j];
      lines[e] = q[j + 1];
      columns[e] = q[j + 2];
      typeOnly[e] = q[j + 3];
    }
  }
  if (cacheFile && save && rebuilt > 0) {
    const flat = new Array(m * 4);
    for (let e = 0; e < m; e++) {
      flat[e * 4] = targets[e];
      flat[e * 4 + 1] = lines[e];
      flat[e * 4 + 2] = columns[e];
      flat[e * 4 + 3] = typeOnly[e];
    }
    const body = {
      schema: GRAPH_SCHEMA,
      resolution: input.resolution,
      files,
      oids: files.map((f) => input.touched?.has(f) ? "" : input.oids.get(f) ?? ""),
      counts: Array.from({ length: n }, (_, k) => offsets[k + 1] - offsets[k]),
      edges: flat,
      unresolved: [...unresolved.keys()].filter((k) => unresolved[k] === 1),
      problems: [...problems]
    };
    await writeAtomic(cacheFile, JSON.stringify(body));
  }
  return { graph: { files, index, offsets, targets, lines, columns, typeOnly, unresolved, problems }, rebuilt, reused };
}
function findCycles(g, use) {
  const n = g.files.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = [];
  const out = [];
  let counter = 0;
  const frameNode = [];
  const frameEdge = [];
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    frameNode.push(root);
    frameEdge.push(g.offsets[root]);
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (frameNode.length) {
      const top = frameNode.length - 1;
      const v = frameNode[top];
      const e = frameEdge[top];
      if (e < g.offsets[v + 1]) {
        frameEdge[top] = e + 1;
        if (!use(e)) continue;
        const w = g.targets[e];
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          frameNode.push(w);
          frameEdge.push(g.offsets[w]);
        } else if (onStack[w]) low[v] = Math.min(low[v], index[w]);
        continue;
      }
      frameNode.pop();
      frameEdge.pop();
      if (frameNode.length) {
        const p = frameNode[frameNode.length - 1];
        low[p] = Math.min(low[p], low[v]);
      }
      if (low[v] === index[v]) {
        const comp = [];
        let w;
        do {
          w = stack.pop();
          onStack[w] = 0;
          comp.push(w);
        } while (w !== v);
        let self = false;
        if (comp.length === 1) {
          for (let k = g.offsets[v]; k < g.offsets[v + 1]; k++) if (g.targets[k] === v && use(k)) self = true;
        }
        if (comp.length > 1 || self) out.push(comp);
      }
    }
  }
  return out;
}
function cyclePath(g, start, members, use) {
  const prev = /* @__PURE__ */ new Map();
  const queue = [start];
  for (let q = 0; q < queue.length; q++) {
    const v = queue[q];
    for (let e = g.offsets[v]; e < g.offsets[v + 1]; e++) {
      const w = g.targets[e];
      if (!use(e) || !members.has(w)) continue;
      if (w === start) {
        const back = [v];
        let firstEdge = e;
        for (let x = v; x !== start; ) {
          const [p, pe] = prev.get(x);
          firstEdge = pe;
          x = p;
          back.push(x);
        }
        return { nodes: [...back.reverse(), start], firstEdge };
      }
      if (!prev.has(w)) {
        prev.set(w, [v, e]);
        queue.push(w);
      }
    }
  }
  return { nodes: [start], firstEdge: -1 };
}

// src/stages/templates/violation.ts
var PARSE_RULE = "templates.parse";
var UNREADABLE_RULE = "templates.unreadable";
var CYCLE_PREFIX = "import cycle";

// src/stages/templates/check-imports.ts
var MEMBERS_IN_MESSAGE = 20;
function* importsOf(s, file) {
  const scan = s.scanned(file);
  if (!scan) return;
  const res = s.resolvedOf(file, scan.imports);
  let last = "";
  for (let k = 0; k < scan.imports.length; k++) {
    const imp = scan.imports[k];
    const r = res[k];
    const key = `${imp.line}:${imp.column}:${r.kind === "file" ? r.path : r.kind === "package" ? r.name : imp.specifier}`;
    if (key === last) continue;
    last = key;
    yield { imp, r };
  }
}
function checkImports(rule, s) {
  const tl = s.tally(rule.id);
  const graph = s.input.graph;
  for (const f of s.targets) {
    if (!rule.scope(f) || !SOURCE_FILE.test(f)) continue;
    tl.checked.add(f);
    const node = graph?.index.get(f);
    if (graph && node !== void 0) s.graphProblem(f, graph.problems.get(node));
    const layers = rule.layers.filter((l) => l.from(f));
    const report = (v) => s.fail(rule, f, v);
    if (layers.length === 0 && (rule.entryPoints.length === 0 || graph && node !== void 0)) {
      if (graph && node !== void 0) for (let e = graph.offsets[node]; e < graph.offsets[node + 1]; e++) checkEntry(rule, f, graph.files[graph.targets[e]], graph.lines[e], graph.columns[e], report);
      continue;
    }
    for (const { imp, r } of importsOf(s, f)) {
      const target = r.kind === "file" ? r.path : r.kind === "package" ? r.name : imp.specifier;
      for (const layer of layers) {
        if (layer.disallow(target) || r.kind === "package" && layer.disallow(imp.specifier)) {
          report({ path: f, line: imp.line, column: imp.column, message: `${rule.message}: ${f} imports "${imp.specifier}"${r.kind === "file" ? ` (${r.path})` : ""}, which matches ${layer.disallowText}` });
        }
      }
      if (r.kind === "file") checkEntry(rule, f, r.path, imp.line, imp.column, report);
    }
  }
  if (rule.rule.cycles && graph) checkCycles(rule, graph, s);
}
function checkEntry(rule, from, target, line, column, report) {
  for (const ep of rule.entryPoints) {
    const m = matchUnit(ep.pattern, target);
    if (!m || from.startsWith(m.folder)) continue;
    const inside = target.slice(m.folder.length);
    if (ep.entry.some((e) => render(e, m.binding) === inside)) continue;
    const entries = ep.entry.map((e) => m.folder + render(e, m.binding));
    report({ path: from, line, column, message: `${rule.message}: ${from} imports ${target}; code outside ${m.folder} may import it only through ${entries.join(" or ")}` });
  }
}
function checkCycles(rule, graph, s) {
  const nodes = graph.files;
  const inScope = new Uint8Array(nodes.length);
  for (let n = 0; n < nodes.length; n++) if (rule.scope(nodes[n])) inScope[n] = 1;
  const use = (e) => graph.typeOnly[e] === 0 && inScope[graph.targets[e]] === 1;
  const tl = s.tally(rule.id);
  for (const comp of findCycles(graph, use)) {
    if (!inScope[comp[0]]) continue;
    const members = new Set(comp);
    const names = comp.map((c) => nodes[c]).sort();
    const cycle = cyclePath(graph, graph.index.get(names[0]), members, use);
    const listed = names.length > MEMBERS_IN_MESSAGE ? `${names.slice(0, MEMBERS_IN_MESSAGE).join(", ")} and ${names.length - MEMBERS_IN_MESSAGE} more` : names.join(", ");
    const more = comp.length > cycle.nodes.length - 1 ? `; ${comp.length} files in the cycle: ${listed}` : "";
    const v = {
      path: names[0],
      owners: names,
      message: `${CYCLE_PREFIX}: ${cycle.nodes.map((c) => nodes[c]).join(" \u2192 ")}${more}. ${rule.message}`,
      related: names.map((name) => memberPlace(graph, graph.index.get(name), members, use))
    };
    if (cycle.firstEdge !== -1) {
      v.line = graph.lines[cycle.firstEdge];
      v.column = graph.columns[cycle.firstEdge];
    }
    s.fail(rule, names[0], v);
    for (const m of names) tl.failing.add(m);
  }
}
function memberPlace(graph, node, members, use) {
  const path7 = graph.files[node];
  for (let e = graph.offsets[node]; e < graph.offsets[node + 1]; e++) {
    const to = graph.targets[e];
    if (use(e) && members.has(to)) return { path: path7, line: graph.lines[e], column: graph.columns[e], message: `${path7} imports ${graph.files[to]}` };
  }
  return { path: path7, message: `${path7} is in the cycle` };
}
function namesOf(imp, r, python) {
  const names = [imp.specifier];
  if (r.kind === "package") names.push(r.name.replace(/^node:/, ""));
  if (r.kind === "file") names.push(r.path);
  if (python) for (let d = imp.specifier.indexOf(".", 1); d !== -1; d = imp.specifier.indexOf(".", d + 1)) names.push(imp.specifier.slice(0, d));
  return names;
}
function oneWayNeedles(rule) {
  return [...rule.modules].map((m) => m.split("/").pop().replace(/^node:/, "").replace(/\.[cm]?[jt]sx?$/, "").split(".")[0]).filter(Boolean);
}
function checkOneWay(rule, s) {
  const tl = s.tally(rule.id);
  const graph = s.input.graph;
  const needles = oneWayNeedles(rule);
  for (const f of s.targets) {
    if (!rule.scope(f) || !SOURCE_FILE.test(f)) continue;
    tl.checked.add(f);
    if (rule.through(f)) continue;
    const node = graph?.index.get(f);
    if (graph && node !== void 0) s.graphProblem(f, graph.problems.get(node));
    const text = s.input.read(f);
    if (text.ok && !needles.some((n) => text.text.includes(n))) continue;
    const python = isPythonFile(f);
    for (const { imp, r } of importsOf(s, f)) {
      if (!namesOf(imp, r, python).some((n) => rule.modules.has(n))) continue;
      s.fail(rule, f, { path: f, line: imp.line, column: imp.column, message: `${rule.message}: ${rule.rule.concern} goes through ${rule.rule.through.join(", ")}; "${imp.specifier}" is imported here instead` });
    }
  }
}

// src/stages/templates/check-naming.ts
var import_picomatch = __toESM(require_picomatch(), 1);
import path3 from "node:path";

// src/stages/templates/case-style.ts
var CASES = {
  kebab: /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
  camel: /^[a-z][a-zA-Z0-9]*$/,
  pascal: /^[A-Z][a-zA-Z0-9]*$/,
  snake: /^[a-z0-9]+(?:_[a-z0-9]+)*$/
};
function stemOf(base) {
  if (base.startsWith(".")) return null;
  const close = base.startsWith("[") ? base.lastIndexOf("]") : -1;
  const dot = base.indexOf(".", close + 1);
  return dot === -1 ? base : base.slice(0, dot);
}
var DECORATIONS = [
  /^__(.+)__$/,
  // Python's dunder modules (__init__, __main__), Jest's __tests__ and __mocks__ folders
  /^\[\[\.\.\.(.+)\]\]$/,
  // optional catch-all routes: [[...all]]
  /^\[(?:\.\.\.)?(.+)\]$/,
  // dynamic routes: [id], [...slug]
  /^\((.+)\)$/,
  // route groups: (marketing)
  /^[@+$](.*)$/,
  // parallel routes (@modal), SvelteKit's +page, Remix's $id
  /^_(.+)$/
  // private modules and folders: Python's _compat.py, Next.js's _app.tsx and _components/
];
function nameToJudge(base, target) {
  const name = target === "file" ? stemOf(base) : base.startsWith(".") ? null : base;
  if (name === null) return null;
  for (const d of DECORATIONS) {
    const m = d.exec(name);
    if (m) return m[1] ? m[1] : null;
  }
  return name;
}
function isInCase(name, c) {
  return CASES[c].test(name);
}

// src/stages/templates/check-naming.ts
function namingJudge(rule) {
  const bases = rule.rule.files.map((g) => ({ match: globMatcher([g]), base: import_picomatch.default.scan(g).base }));
  return (file) => {
    const out = [];
    if (rule.rule.target !== "folders") out.push({ name: path3.posix.basename(file), what: "file" });
    if (rule.rule.target !== "files") {
      const base = bases.find((b) => b.match(file))?.base ?? "";
      const dirs = path3.posix.dirname(file).split("/");
      const skip = base ? base.split("/").length : 0;
      for (let k = skip; k < dirs.length; k++) {
        const folder = `${dirs.slice(0, k + 1).join("/")}/`;
        if (folder !== "./") out.push({ name: dirs[k], what: "folder", folder });
      }
    }
    return out;
  };
}
function nameConforms(name, what, rule) {
  const judged = nameToJudge(name, what);
  return judged === null || isInCase(judged, rule.rule.case);
}
function checkNaming(rule, s) {
  const tl = s.tally(rule.id);
  const judge = namingJudge(rule);
  for (const f of s.targets) {
    if (!rule.scope(f)) continue;
    for (const n of judge(f)) {
      if (n.what === "file") {
        tl.checked.add(f);
        if (!nameConforms(n.name, "file", rule)) s.fail(rule, f, { path: f, message: `${rule.message}: "${n.name}" is not ${rule.rule.case} case` });
        continue;
      }
      if (tl.checked.has(n.folder)) continue;
      tl.checked.add(n.folder);
      if (!nameConforms(n.name, "folder", rule)) s.fail(rule, n.folder, { path: f, owners: [f], message: `${rule.message}: folder "${n.folder}" is not ${rule.rule.case} case` });
    }
  }
}

// src/stages/templates/module-resolver.ts
import path4 from "node:path";
var EXTENSIONS = [".ts", ".tsx", ".d.ts", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs", ".json"];
var JS_TO_TS = { ".js": [".ts", ".tsx"], ".jsx": [".tsx"], ".mjs": [".mts"], ".cjs": [".cts"] };
function parseJsonc(text) {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (c === "/" && text[i + 1] === "*") {
      const e = text.indexOf("*/", i + 2);
      i = e === -1 ? text.length : e + 2;
    } else {
      out += c;
      i++;
    }
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, "$1"));
}
function extendedConfigs(ext, dir) {
  const list2 = Array.isArray(ext) ? ext : ext === void 0 ? [] : [ext];
  const out = [];
  for (const e of list2) {
    if (typeof e !== "string" || e === "") continue;
    const json = e.endsWith(".json") ? e : e.startsWith(".") ? `${e}.json` : `${e}/tsconfig.json`;
    if (e.startsWith(".")) out.push({ file: path4.posix.normalize(path4.posix.join(dir, json)), optional: false });
    else if (!path4.posix.isAbsolute(e)) out.push({ file: path4.posix.join("node_modules", json), optional: true });
  }
  return out;
}
function readTsPaths(readFile, tsconfig = "tsconfig.json") {
  const seen = /* @__PURE__ */ new Set();
  const load = (file, optional) => {
    if (seen.has(file) || seen.size >= 10) return {};
    seen.add(file);
    const r = readFile(file);
    if (!r.ok) {
      if (r.missing && (optional || file === tsconfig)) return {};
      throw new UserError(r.why, { file });
    }
    let json;
    try {
      json = parseJsonc(r.text);
    } catch (err) {
      throw new UserError(`not valid JSON: ${err instanceof Error ? err.message : String(err)}`, { file });
    }
    const dir = path4.posix.dirname(file);
    const merged = {};
    for (const ext of extendedConfigs(json.extends, dir)) Object.assign(merged, load(ext.file, ext.optional));
    const co = json.compilerOptions ?? {};
    if (typeof co.baseUrl === "string") merged.baseUrl = path4.posix.normalize(path4.posix.join(dir, co.baseUrl));
    if (co.paths && typeof co.paths === "object") {
      merged.paths = co.paths;
      merged.pathsDir = dir;
    }
    if (typeof co.verbatimModuleSyntax === "boolean") merged.verbatimModuleSyntax = co.verbatimModuleSyntax;
    return merged;
  };
  const { baseUrl, paths, pathsDir = "", verbatimModuleSyntax = false } = load(tsconfig, false);
  const mappings = [];
  for (const [key, targets] of Object.entries(paths ?? {})) {
    if (!Array.isArray(targets)) continue;
    const star = key.indexOf("*");
    mappings.push({
      prefix: star === -1 ? key : key.slice(0, star),
      suffix: star === -1 ? "" : key.slice(star + 1),
      wildcard: star !== -1,
      // Targets are relative to baseUrl when set, else to the tsconfig that declares `paths`.
      targets: targets.filter((t) => typeof t === "string").map((t) => path4.posix.normalize(path4.posix.join(baseUrl ?? pathsDir, t)))
    });
  }
  mappings.sort((a, b) => b.prefix.length - a.prefix.length);
  return { baseUrl, mappings, verbatimModuleSyntax };
}
function packageName(specifier) {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}
function joinRelative(dir, spec) {
  const out = dir === "." || dir === "" ? [] : dir.split("/");
  for (const seg of spec.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (out.length === 0) return null;
      out.pop();
    } else out.push(seg);
  }
  return out.join("/");
}
function createResolver(files, ts) {
  const memo = /* @__PURE__ */ new Map();
  const tryFile = (p, normalised = false) => {
    const norm = normalised ? p : path4.posix.normalize(p);
    if (norm.startsWith("..") || norm.startsWith("/")) return void 0;
    if (files.has(norm)) return norm;
    const ext = path4.posix.extname(norm);
    for (const alt of JS_TO_TS[ext] ?? []) {
      const c = norm.slice(0, -ext.length) + alt;
      if (files.has(c)) return c;
    }
    for (const e of EXTENSIONS) if (files.has(norm + e)) return norm + e;
    for (const e of EXTENSIONS) if (files.has(`${norm}/index${e}`)) return `${norm}/index${e}`;
    return void 0;
  };
  const UNRESOLVED = { kind: "unresolved" };
  let python;
  return (specifier, from) => {
    if (isPythonFile(from)) return (python ??= createPythonResolver(files))(specifier, from);
    if (specifier.startsWith("node:")) return { kind: "package", name: specifier };
    if (specifier.startsWith("./") || specifier.startsWith("../") || specifier === "." || specifier === "..") {
      const slash = from.lastIndexOf("/");
      const dir = slash === -1 ? "" : from.slice(0, slash);
      const key = `${dir}\0${specifier}`;
      let r = memo.get(key);
      if (!r) {
        const joined = joinRelative(dir, specifier);
        const hit = joined === null || joined === "" ? void 0 : tryFile(joined, true);
        r = hit ? { kind: "file", path: hit } : UNRESOLVED;
        memo.set(key, r);
      }
      return r;
    }
    if (specifier.startsWith("/")) return { kind: "unresolved" };
    for (const m of ts.mappings) {
      if (m.wildcard ? specifier.startsWith(m.prefix) && specifier.endsWith(m.suffix) && specifier.length >= m.prefix.length + m.suffix.length : specifier === m.prefix) {
        const star = m.wildcard ? specifier.slice(m.prefix.length, specifier.length - m.suffix.length) : "";
        for (const t of m.targets) {
          const hit = tryFile(t.replace("*", star));
          if (hit) return { kind: "file", path: hit };
        }
      }
    }
    if (ts.baseUrl !== void 0) {
      const hit = tryFile(path4.posix.join(ts.baseUrl, specifier));
      if (hit) return { kind: "file", path: hit };
    }
    return { kind: "package", name: packageName(specifier) };
  };
}
function pythonRoots(files) {
  const packages = /* @__PURE__ */ new Set();
  let srcLayout = false;
  for (const f of files) {
    if (f.endsWith("/__init__.py") || f.endsWith("/__init__.pyi")) packages.add(f.slice(0, f.lastIndexOf("/")));
    else if (!srcLayout && f.startsWith("src/") && isPythonFile(f)) srcLayout = true;
  }
  const roots = /* @__PURE__ */ new Set();
  for (const p of packages) {
    const slash = p.lastIndexOf("/");
    const parent = slash === -1 ? "" : p.slice(0, slash);
    if (!packages.has(parent)) roots.add(parent);
  }
  if (srcLayout) roots.add("src");
  roots.delete("");
  return [...[...roots].sort((a, b) => b.split("/").length - a.split("/").length || (a < b ? -1 : 1)), ""];
}
var PY_MODULE = [".py", ".pyi", "/__init__.py", "/__init__.pyi"];
function createPythonResolver(files) {
  const roots = pythonRoots(files);
  const memo = /* @__PURE__ */ new Map();
  const moduleAt = (base, parts, least) => {
    for (let len = parts.length; len >= least; len--) {
      const stem = [base, ...parts.slice(0, len)].filter(Boolean).join("/");
      for (const ext of PY_MODULE) {
        if (stem === "" || len === 0 && !ext.startsWith("/")) continue;
        const file = stem + ext;
        if (files.has(file)) return file;
      }
    }
    return void 0;
  };
  return (specifier, from) => {
    const slash = from.lastIndexOf("/");
    const dir = slash === -1 ? "" : from.slice(0, slash);
    const key = `${dir}\0${specifier}`;
    const hit = memo.get(key);
    if (hit) return hit;
    let r;
    const dots = /^\.*/.exec(specifier)[0].length;
    const parts = specifier.slice(dots).split(".").filter(Boolean);
    if (dots > 0) {
      const up = dir.split("/").filter(Boolean);
      const base = dots - 1 > up.length ? null : up.slice(0, up.length - (dots - 1)).join("/");
      const file = base === null ? void 0 : moduleAt(base, parts, 0);
      r = file ? { kind: "file", path: file } : { kind: "unresolved" };
    } else {
      let file;
      for (const root of roots) if (file = moduleAt(root, parts, 1)) break;
      const inPackage = files.has(`${dir}/__init__.py`) || files.has(`${dir}/__init__.pyi`);
      if (!file && dir !== "" && !inPackage) file = moduleAt(dir, parts, 1);
      r = file ? { kind: "file", path: file } : { kind: "package", name: parts[0] ?? specifier };
    }
    memo.set(key, r);
    return r;
  };
}

// src/stages/templates/check-session.ts
function openSession(input, targets) {
  const resolve = createResolver(new Set(input.listing.files), input.tsPaths);
  const violations = [];
  const tallies = /* @__PURE__ */ new Map();
  const reported = /* @__PURE__ */ new Set();
  const resolutions = /* @__PURE__ */ new Map();
  const tally = (id) => {
    let t = tallies.get(id);
    if (!t) tallies.set(id, t = { checked: /* @__PURE__ */ new Set(), failing: /* @__PURE__ */ new Set() });
    return t;
  };
  const unreadable = (file, why) => {
    if (reported.has(file)) return;
    reported.add(file);
    violations.push({ ruleId: UNREADABLE_RULE, level: "warning", message: `${file} was not checked: ${why}`, path: file });
  };
  const unparsable = (file, p) => {
    if (reported.has(`parse:${file}`)) return;
    reported.add(`parse:${file}`);
    violations.push({ ruleId: PARSE_RULE, level: "error", message: `${file} cannot be parsed: ${p.message}; its imports and exports may be incomplete`, path: file, line: p.line, column: p.column });
  };
  return {
    input,
    files: input.listing.files,
    targets,
    violations,
    tallies,
    recheckedUnits: /* @__PURE__ */ new Map(),
    tally,
    fail(rule, unit, v) {
      violations.push({ ruleId: rule.id, level: rule.level, ...v });
      tally(rule.id).failing.add(unit);
    },
    unreadable,
    scanned(file) {
      const s = input.index.scan(file);
      if (!s.ok) {
        if (!s.missing) unreadable(file, s.why);
        return null;
      }
      const p = s.scan.problems[0];
      if (p) unparsable(file, p);
      return s.scan;
    },
    resolvedOf(file, imports) {
      let r = resolutions.get(file);
      if (!r) resolutions.set(file, r = imports.map((i) => resolve(i.specifier, file)));
      return r;
    },
    graphProblem(file, p) {
      if (!p) return;
      if (p.kind === "unreadable") unreadable(file, p.why);
      else unparsable(file, p);
    }
  };
}

// src/stages/templates/check-units.ts
var MARKDOWN = /\.(?:md|mdx|markdown)$/i;
function checkUnits(rule, s) {
  const tl = s.tally(rule.id);
  const touched = s.input.touched;
  const units = unitsOf(rule.pattern, s.files.filter((f) => rule.scope(f)));
  let folders = [...units.keys()];
  if (touched) {
    const touchedFolders = /* @__PURE__ */ new Set();
    for (const p of touched) {
      const m = matchUnit(rule.pattern, p);
      if (m) touchedFolders.add(m.folder);
    }
    folders = folders.filter((f) => touchedFolders.has(f));
    s.recheckedUnits.set(rule.id, touchedFolders);
  }
  for (const folder of folders) {
    const unit = units.get(folder);
    tl.checked.add(folder);
    const present = new Set(unit.files);
    const owners = unit.files.map((f) => folder + f);
    if (touched) {
      for (const p of touched) if (p.startsWith(folder) && !present.has(p.slice(folder.length))) owners.push(p);
    }
    const at = folder + [...unit.files].sort()[0];
    const msg = render(rule.message, unit.binding);
    const report = (v) => s.fail(rule, folder, v);
    if (rule.kind === "unit") checkUnit(rule, folder, unit.binding, unit.files, present, msg, at, owners, report);
    else checkTemplate(rule, folder, unit.binding, present, msg, at, owners, s, report);
  }
}
function checkUnit(rule, folder, binding, files, present, msg, at, owners, report) {
  const required = rule.rule.require.map((r) => render(r, binding));
  for (const r of required) if (!present.has(r)) report({ path: at, owners, message: `${msg}: ${folder} is missing ${r}` });
  const allow = rule.rule.allow ? globMatcher(rule.rule.allow.map((a) => render(a, binding))) : null;
  const forbid = rule.forbid.length ? globMatcher(rule.forbid.map((a) => render(a, binding))) : null;
  const req = new Set(required);
  for (const f of files) {
    if (req.has(f)) continue;
    if (forbid?.(f)) report({ path: folder + f, owners: [folder + f], message: `${msg}: ${folder}${f} is forbidden in a unit` });
    else if (allow && !allow(f)) report({ path: folder + f, owners: [folder + f], message: `${msg}: ${folder}${f} is neither required nor allowed in a unit` });
  }
}
function checkTemplate(rule, folder, binding, present, msg, at, owners, s, report) {
  const tpl = `template ${rule.rule.template}`;
  for (const tf of rule.files) {
    const rel = render(tf.path, binding);
    const file = folder + rel;
    if (!present.has(rel)) {
      report({ path: at, owners, message: `${msg}: ${folder} is missing ${rel} (from ${tpl})` });
      continue;
    }
    const expected = render(tf.text, binding);
    if (MARKDOWN.test(rel)) {
      const r = s.input.read(file);
      if (!r.ok) continue;
      const have = headingsOf(r.text);
      for (const h of headingsOf(expected)) {
        if (!have.some((x) => x.text === h.text)) report({ path: file, owners: [file], message: `${msg}: ${file} lacks the heading "${h.text}" of ${tpl}` });
      }
    } else if (SOURCE_FILE.test(rel)) {
      const want = scanSource(expected, rel).exports;
      if (want.length === 0) continue;
      const scan = s.scanned(file);
      if (!scan) continue;
      const have = new Set(scan.exports);
      for (const name of want) if (!have.has(name)) report({ path: file, owners: [file], message: `${msg}: ${file} does not export ${name} as ${tpl} does` });
    }
  }
}

// src/stages/templates/conformance.ts
var CHECKERS = {
  naming: checkNaming,
  content: checkContent,
  imports: checkImports,
  "one-way": checkOneWay,
  unit: checkUnits,
  template: checkUnits
};
function changedTargets(input, touched) {
  const fileSet = new Set(input.listing.files);
  const t = new Set([...touched].filter((p) => fileSet.has(p)));
  const graph = input.graph;
  const importRules = input.set.rules.filter((r) => r.kind === "imports" || r.kind === "one-way");
  if (importRules.length === 0 || !graph) return t;
  const hit = new Uint8Array(graph.files.length);
  for (const p of touched) {
    const n = graph.index.get(p);
    if (n !== void 0) hit[n] = 1;
  }
  for (let n = 0; n < graph.files.length; n++) {
    let imports = false;
    for (let e = graph.offsets[n]; e < graph.offsets[n + 1] && !imports; e++) imports = hit[graph.targets[e]] === 1;
    const f = graph.files[n];
    if (imports && importRules.some((r) => r.scope(f))) t.add(f);
  }
  return t;
}
function checkConformance(input) {
  let mark = performance.now();
  const lap = (name) => {
    const now = performance.now();
    if (input.timings) input.timings[name] = Math.round(now - mark);
    mark = now;
  };
  const rechecked = input.touched ? changedTargets(input, input.touched) : null;
  const s = openSession(input, rechecked ? input.listing.files.filter((f) => rechecked.has(f)) : input.listing.files);
  lap("importers");
  for (const rule of input.set.rules) {
    s.tally(rule.id);
    CHECKERS[rule.kind](rule, s);
    lap(`rule:${rule.id}`);
  }
  return { violations: s.violations, tallies: s.tallies, rechecked, recheckedUnits: s.recheckedUnits };
}

// src/stages/templates/drift.ts
var RuleDrift = object({
  units: number().int().nonnegative(),
  /** Units that do not conform (folders or files), so a changed-scope run can update the figure. */
  failing: array(string())
});
var TemplatesBaseline = object({
  schema: literal("andon.templates-baseline/v1"),
  rulesDigest: string(),
  drift: record(string(), RuleDrift)
});
var round = (x) => Math.round(x * 1e4) / 1e4;
function ruleUnits(tallies, changed) {
  const out = /* @__PURE__ */ new Map();
  for (const [id, t] of tallies) {
    if (!changed) {
      out.set(id, { units: t.checked.size, failing: new Set(t.failing) });
      continue;
    }
    const base = changed.baseline.drift[id];
    if (!base) {
      out.set(id, { units: t.checked.size, failing: new Set(t.failing) });
      continue;
    }
    const failing = new Set(base.failing.filter((u) => !changed.rechecked(id, u)));
    for (const u of t.failing) failing.add(u);
    let units = base.units - changed.deleted(id);
    for (const u of t.checked) if (changed.added(u)) units++;
    out.set(id, { units: Math.max(units, failing.size), failing });
  }
  return out;
}
function driftFigures(units, baseline) {
  const out = {};
  for (const [id, u] of units) {
    const conforming = u.units - u.failing.size;
    const share = u.units === 0 ? 1 : round(conforming / u.units);
    const fig = { units: u.units, conforming, share };
    const b = baseline?.drift[id];
    if (b) {
      const bs = b.units === 0 ? 1 : round((b.units - b.failing.length) / b.units);
      fig.baseline = bs;
      fig.trend = share > bs ? "converging" : share < bs ? "diverging" : "steady";
    }
    out[id] = fig;
  }
  return out;
}
function toTemplatesBaseline(rulesDigest, units) {
  const drift = {};
  for (const [id, u] of units) drift[id] = { units: u.units, failing: [...u.failing].sort() };
  return { schema: "andon.templates-baseline/v1", rulesDigest, drift };
}

// src/stages/templates/templates-stage.ts
var CONTEXT_RULE = "templates.context";
var WithTemplates = object({ templates: TemplatesBaseline });
async function readBaselines(ctx) {
  const read = await readFindingBaseline(await ctx.baseline());
  if (read.kind === "invalid") return { invalid: read.why };
  if (read.kind === "none") return { read, entries: null, templates: null, description: null };
  if (read.kind === "unavailable") {
    ctx.logger.info(`templates: the base could not be judged (${read.why}): violations outside the change are of unknown age`);
    return { read, entries: null, templates: null, description: read.from };
  }
  const t = read.origin === "file" ? null : WithTemplates.safeParse(read.json);
  return { read, entries: read.entries, templates: t?.success ? t.data.templates : null, description: read.from };
}
function touchedPaths(changes) {
  const out = /* @__PURE__ */ new Set();
  for (const [p, f] of changes.files) {
    out.add(p);
    if (f.oldPath) out.add(f.oldPath);
  }
  return out;
}
function changedScopeBlocker(o, changes, onBaseBranch, b, loaded, touched) {
  if (changes.base === null) return changes.note ?? "no base commit known";
  if (onBaseBranch) return "on the base branch the whole workspace is judged";
  if (o.filter !== "file" && o.filter !== "added") return `filter ${o.filter} owns findings beyond touched files`;
  if (!b.templates || !b.entries) return "no templates baseline of the base commit to carry the untouched files from";
  if (b.templates.rulesDigest !== loaded.digest) return "the rules or templates differ from the baseline's";
  for (const p of touched) {
    if (p === loaded.origin || p.startsWith(`${loaded.templatesDir}/`) || path5.posix.basename(p).startsWith("tsconfig")) return `the change touches ${p}`;
  }
  return null;
}
function phaseClock() {
  const timings = {};
  let mark = performance.now();
  return {
    timings,
    phase(name) {
      const now = performance.now();
      timings[name] = Math.round(now - mark);
      mark = now;
    }
  };
}
function chooseScope(ctx, loaded, changes, baselines, touched) {
  const o = ctx.options;
  if (o.scope === "full") return { scope: "full", note: "whole workspace" };
  const blocker = changedScopeBlocker(o, changes, ctx.source.onBaseBranch === true, baselines, loaded, touched);
  if (blocker === null) return { scope: "changed", note: `${touched.size} touched paths, the files that import them and their units; the rest carried from the baseline` };
  if (o.scope === "changed") {
    ctx.logger.warn(`templates: checking the whole workspace, not the change only: ${blocker}`);
    return { scope: "full", note: "whole workspace" };
  }
  return { scope: "full", note: `whole workspace (${blocker})` };
}
async function checkWorkspace(ctx, loaded, scope, changes, touched, clock) {
  const o = ctx.options;
  const changed = scope.scope === "changed";
  const listing = (changed ? await listFilesAt(ctx.workspace, changes, o.exclude) : null) ?? await listFiles(ctx.workspace, o.exclude);
  clock.phase("list");
  const read = createFileReader(ctx.workspace, o.maxFileBytes);
  const cacheDir = o.cache === false || !listing.git ? null : path5.join(ctx.workspace, o.cache);
  const cacheFile = cacheDir && path5.join(cacheDir, "scans.txt");
  const index = await SourceIndex.open(read, listing.oids, cacheFile);
  clock.phase("cacheLoad");
  const tsPaths = readTsPaths(read);
  const needsGraph = loaded.set.rules.some((r) => r.kind === "imports" && (r.rule.cycles || r.rule.entryPoints.length > 0) || changed && (r.kind === "imports" || r.kind === "one-way"));
  let graph = null;
  let graphStats = null;
  if (needsGraph) {
    const built = await buildGraph(
      {
        files: listing.files.filter((f) => SOURCE_FILE.test(f)),
        oids: listing.oids,
        index,
        resolve: createResolver(new Set(listing.files), tsPaths),
        resolution: JSON.stringify(tsPaths),
        verbatimModuleSyntax: tsPaths.verbatimModuleSyntax === true,
        ...changed ? { touched } : {}
      },
      cacheDir && path5.join(cacheDir, "graph.json"),
      !changed
    );
    graph = built.graph;
    graphStats = { nodes: built.graph.files.length, reused: built.reused, rebuilt: built.rebuilt };
    clock.phase("graph");
  }
  const result = checkConformance({ graph, set: loaded.set, listing, read, index, tsPaths, touched: changed ? touched : null, timings: clock.timings });
  clock.phase("check");
  if (cacheFile && !changed) await index.save(cacheFile).catch((err) => ctx.logger.warn(`templates: could not write the import cache ${cacheFile}: ${errorMessage(err)}`));
  return { listing, result, index, cacheDir, graphStats };
}
async function freshFindings(ctx, violations, changes) {
  const o = ctx.options;
  const unowned = changes.base === null || o.filter === "nofilter";
  const inDiff = (v) => unowned || (v.owners ? v.owners.some((p) => changes.files.has(p)) : inChange(changes, o.filter, v.path, v.line));
  const fresh = [...violations].sort(byPlace).map((v) => ({
    stage: ctx.stage.id,
    ruleId: v.ruleId,
    level: v.level,
    message: v.message,
    location: { path: v.path, ...v.line ? { startLine: v.line } : {}, ...v.column ? { startColumn: v.column } : {} },
    ...v.related ? { related: v.related.map((r) => ({ path: r.path, ...r.line ? { startLine: r.line } : {}, ...r.column ? { startColumn: r.column } : {}, ...r.message ? { message: r.message } : {} })) } : {},
    fingerprint: "",
    baseline: "new",
    traceTo: [],
    inDiff: inDiff(v)
  }));
  const prints = await fingerprintAll(fresh, workspaceLineReader(ctx.workspace, o.maxFileBytes));
  fresh.forEach((f, i) => f.fingerprint = prints[i]);
  return fresh;
}
function compareAndCarry(ctx, loaded, baselines, fresh, checked, scope, touched) {
  const carried = [];
  if (scope.scope !== "changed" || !baselines.entries) return { compared: judgeAgainstBaseline(ctx.stage.id, fresh, baselines.read), carried };
  const fileLevel = new Set(loaded.set.rules.filter((r) => r.kind !== "unit" && r.kind !== "template").map((r) => r.id));
  fileLevel.add(PARSE_RULE);
  fileLevel.add(UNREADABLE_RULE);
  const covered = (e) => {
    if (e.message.startsWith(CYCLE_PREFIX)) return true;
    if (fileLevel.has(e.ruleId)) return e.path !== void 0 && (checked.rechecked.has(e.path) || touched.has(e.path));
    const folders = checked.recheckedUnits.get(e.ruleId);
    if (!folders) return !loaded.set.rules.some((r) => r.id === e.ruleId);
    return e.path !== void 0 && [...folders].some((f) => e.path.startsWith(f));
  };
  const compareTo = [];
  for (const e of baselines.entries) {
    if (covered(e)) compareTo.push(e);
    else {
      carried.push({
        stage: ctx.stage.id,
        ruleId: e.ruleId,
        level: e.level,
        message: e.message,
        fingerprint: e.fingerprint,
        baseline: "unchanged",
        traceTo: [],
        inDiff: false,
        ...e.path ? { location: { path: e.path, ...e.startLine ? { startLine: e.startLine } : {} } } : {}
      });
    }
  }
  return { compared: compareWithBaseline(ctx.stage.id, fresh, compareTo), carried };
}
async function contextFindings(ctx, loaded) {
  const o = ctx.options;
  if (o.context !== "check") return [];
  const check = await checkContext({ workspace: ctx.workspace, files: o.contextFiles }, renderContextBlock(loaded)).catch((err) => {
    if (err instanceof UserError) return { ok: false, stale: [{ file: err.position?.file ?? o.contextFiles[0], why: err.message }] };
    throw err;
  });
  return check.stale.map((s) => ({ stage: ctx.stage.id, ruleId: CONTEXT_RULE, level: "error", message: s.why, location: { path: s.file }, fingerprint: `context:${s.file}`, baseline: "new", traceTo: [], inDiff: true }));
}
function measureUnits(loaded, checked, scope, baselines, changes, touched) {
  const { listing, result } = checked;
  if (scope.scope !== "changed" || !baselines.templates) return ruleUnits(result.tallies, null);
  const listed = new Set(listing.files);
  const added = (u) => {
    const st = (p) => {
      const c = changes.files.get(p);
      return c !== void 0 && (c.status === "added" || c.status === "untracked" || c.status === "renamed");
    };
    if (!u.endsWith("/")) return st(u);
    const inside = filesUnder(listing.files, u);
    return inside.length > 0 && inside.every(st);
  };
  const deleted = (ruleId) => {
    const rule = loaded.set.rules.find((r) => r.id === ruleId);
    if (!rule) return 0;
    const gone = [...touched].filter((p) => !listed.has(p));
    if (rule.kind === "unit" || rule.kind === "template") {
      const folders = new Set(gone.map((p) => matchUnit(rule.pattern, p)?.folder).filter((f) => f !== void 0));
      return [...folders].filter((f) => filesUnder(listing.files, f).length === 0).length;
    }
    return gone.filter((p) => rule.scope(p) && (rule.kind === "naming" || rule.kind === "content" || SOURCE_FILE.test(p))).length;
  };
  const rechecked = (id, u) => {
    const folders = result.recheckedUnits.get(id);
    if (folders) return folders.has(u);
    return result.rechecked.has(u) || touched.has(u) || u.endsWith("/") && [...touched].some((p) => p.startsWith(u));
  };
  return ruleUnits(result.tallies, { baseline: baselines.templates, rechecked, added, deleted });
}
function unjudgedRules(loaded, drift, files) {
  const out = [];
  for (const rule of loaded.set.rules) {
    if ((drift[rule.id]?.units ?? 0) > 0) continue;
    if (rule.kind === "unit" || rule.kind === "template") {
      out.push({ id: rule.id, why: `no folder matches ${rule.rule.pattern}`, unreadable: false });
      continue;
    }
    const matched = files.filter((f) => rule.scope(f));
    if (matched.length === 0 || rule.kind !== "imports" && rule.kind !== "one-way") {
      out.push({ id: rule.id, why: `no file matches ${rule.rule.files.join(", ")}`, unreadable: false });
      continue;
    }
    const kinds = [...new Set(matched.map((f) => path5.posix.extname(f) || path5.posix.basename(f)))].sort();
    out.push({ id: rule.id, why: `its files (${matched.length}: ${kinds.slice(0, 5).join(", ")}${kinds.length > 5 ? ", ..." : ""}) are in no language it reads (${SOURCE_LANGUAGES})`, unreadable: true });
  }
  return out;
}
async function run(ctx) {
  const o = ctx.options;
  const started = Date.now();
  const clock = phaseClock();
  let loaded;
  try {
    loaded = await loadRuleSet({ workspace: ctx.workspace, rulesFile: o.rulesFile, ...o.rules ? { rules: o.rules } : {}, templatesDir: o.templatesDir, exclude: o.exclude });
  } catch (err) {
    if (err instanceof UserError) return { state: "errored", reason: err.message };
    throw err;
  }
  clock.phase("rules");
  const changes = await ctx.changes();
  const baselines = await readBaselines(ctx);
  if ("invalid" in baselines) return { state: "errored", reason: baselines.invalid };
  clock.phase("changesAndBaseline");
  const touched = touchedPaths(changes);
  const scope = chooseScope(ctx, loaded, changes, baselines, touched);
  if (ctx.signal.aborted) throw new Error("cancelled");
  let checked;
  try {
    checked = await checkWorkspace(ctx, loaded, scope, changes, touched, clock);
  } catch (err) {
    if (err instanceof UserError) return { state: "errored", reason: err.message };
    throw err;
  }
  const fresh = await freshFindings(ctx, checked.result.violations, changes);
  clock.phase("cacheSaveAndFingerprints");
  const { compared, carried } = compareAndCarry(ctx, loaded, baselines, fresh, checked.result, scope, touched);
  clock.phase("compare");
  const context = await contextFindings(ctx, loaded);
  const units = measureUnits(loaded, checked, scope, baselines, changes, touched);
  clock.phase("ruleUnits");
  const drift = driftFigures(units, baselines.templates);
  const unjudged = unjudgedRules(loaded, drift, checked.listing.files);
  const outcome = conclude(ctx, { loaded, checked, scope, baselines, compared, carried, context, units, drift, unjudged, timings: clock.timings, started });
  clock.phase("baselineAndDrift");
  return outcome;
}
function conclude(ctx, j) {
  const o = ctx.options;
  const { loaded, checked, compared, carried, context, drift, unjudged } = j;
  const findings = [...compared.findings, ...carried, ...context, ...compared.fixed];
  const blocking = [...[...compared.findings, ...carried].filter((f) => blocksGate(f, { failOn: o.failOn, newOnly: o.newOnly })), ...context];
  let unitCount = 0;
  let conforming = 0;
  for (const d of Object.values(drift)) {
    unitCount += d.units;
    conforming += d.conforming;
  }
  const open = findings.filter((f) => f.baseline !== "absent");
  const newCount = compared.findings.filter((f) => f.baseline === "new").length;
  const unknownAge = compared.findings.filter((f) => f.baseline === "unknown").length;
  const counts = {
    rules: loaded.set.rules.length,
    unjudged: unjudged.length,
    units: unitCount,
    conforming,
    violations: open.length,
    new: newCount,
    unknownAge,
    blocking: blocking.length,
    fixed: compared.fixed.length,
    drift: Object.fromEntries(Object.entries(drift).map(([id, d]) => [id, d.share]))
  };
  const baselineFile = { ...toBaselineFile(ctx.stage.id, [...compared.findings, ...carried]), templates: toTemplatesBaseline(loaded.digest, j.units) };
  const trend = j.baselines.entries ? { baseline: j.baselines.entries.length, now: open.length - context.length, new: newCount, fixed: compared.fixed.length, from: j.baselines.description } : null;
  const elapsed = Date.now() - j.started;
  const whyNot = new Map(unjudged.map((u) => [u.id, u.why]));
  ctx.logger.info(`templates: ${loaded.set.rules.length} rules from ${loaded.origin}; scope: ${j.scope.note}; ${checked.listing.files.length} files, ${unitCount} units, ${conforming} conforming; ${open.length} violations (${newCount} new, ${compared.fixed.length} fixed); ${elapsed} ms`);
  for (const [id, d] of Object.entries(drift)) {
    const why = whyNot.get(id);
    ctx.logger.info(`  drift ${id}: ${why ? `judged nothing: ${why}` : `${d.conforming}/${d.units} conform (${(d.share * 100).toFixed(1)}%)${d.trend ? `, ${d.trend} (baseline ${(d.baseline * 100).toFixed(1)}%)` : ""}`}`);
  }
  const { index, cacheDir, graphStats } = checked;
  const result = {
    schema: "andon.templates-result/v1",
    rules: { origin: loaded.origin, digest: loaded.digest, count: loaded.set.rules.length },
    scope: j.scope.scope,
    scopeNote: j.scope.note,
    files: checked.listing.files.length,
    drift,
    unjudged: unjudged.map(({ id, why }) => ({ id, why })),
    trend,
    blocking: blocking.slice(0, 50).map((f) => ({ ruleId: f.ruleId, message: f.message, path: f.location?.path, line: f.location?.startLine })),
    importCache: cacheDir ? { folder: path5.relative(ctx.workspace, cacheDir), hits: index.hits, misses: index.misses, graph: graphStats } : null,
    durationMs: elapsed,
    timings: j.timings
  };
  const outcome = { counts, findings, result, baseline: baselineFile };
  const nothing = unjudged.map((u) => `${u.id} (${u.why})`).join("; ");
  const cannot = unjudged.filter((u) => u.unreadable);
  if (cannot.length > 0) return { ...outcome, state: "errored", reason: `rule${cannot.length > 1 ? "s" : ""} ${cannot.map((u) => `${u.id}: ${u.why}`).join("; ")}; nothing of ${cannot.length > 1 ? "them" : "it"} was judged` };
  if (loaded.set.rules.length > 0 && unjudged.length === loaded.set.rules.length && !o.allowEmpty) {
    return { ...outcome, state: "errored", reason: `judged nothing: no rule matched a file (${nothing}); set allowEmpty: true if that is expected` };
  }
  const first = blocking[0];
  const where = first?.location ? `${first.location.path}${first.location.startLine ? `:${first.location.startLine}` : ""}` : "";
  const unjudgedNote = unjudged.length ? `; judged nothing for ${nothing}` : "";
  const against = j.baselines.read.kind === "unavailable" ? `; the base could not be judged (${j.baselines.read.why}): ${unknownAge} of unknown age` : "";
  const reason = blocking.length ? `${blocking.length} ${o.newOnly ? "new " : ""}violation${blocking.length > 1 ? "s" : ""}${against}; first: ${where} ${first.message}` : `no ${o.newOnly ? "new " : ""}violation; ${open.length - newCount - unknownAge} known, ${unknownAge} of unknown age (${compared.fixed.length} fixed)${against}; ${conforming}/${unitCount} units conform${unjudgedNote}`;
  return { ...outcome, state: blocking.length ? "failed" : "passed", reason };
}
function filesUnder(sorted, folder) {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = lo + hi >> 1;
    if (sorted[mid] < folder) lo = mid + 1;
    else hi = mid;
  }
  const out = [];
  for (let i = lo; i < sorted.length && sorted[i].startsWith(folder); i++) out.push(sorted[i]);
  return out;
}
function byPlace(a, b) {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  if ((a.line ?? 0) !== (b.line ?? 0)) return (a.line ?? 0) - (b.line ?? 0);
  if ((a.column ?? 0) !== (b.column ?? 0)) return (a.column ?? 0) - (b.column ?? 0);
  if (a.ruleId !== b.ruleId) return a.ruleId < b.ruleId ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}
async function judgeAtBase(ctx) {
  const outcome = await run(ctx);
  if (outcome.baseline === void 0) return { kind: "unjudged", why: outcome.reason };
  return { kind: "judged", baseline: outcome.baseline };
}
var templatesStage = {
  name: "templates",
  description: TEMPLATES_DESCRIPTION,
  options: TemplatesOptions,
  async inputs(options, env) {
    return { files: ["**"], extra: { exclude: options.exclude, base: env.baseSha } };
  },
  run,
  judgeAtBase
};

// src/stages/templates/scaffold.ts
import { mkdir as mkdir3, stat, writeFile as writeFile3 } from "node:fs/promises";
import path6 from "node:path";
var NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
async function scaffoldUnit(workspace, kind, name, o = {}) {
  const binding = { ...o.bindings, name };
  for (const [k, v] of Object.entries(binding)) {
    if (!NAME.test(v) || v.includes("..")) throw new UserError(`andon new: {${k}} = "${v}" is not a valid name (letters, digits, ".", "_", "-"; no slashes)`);
  }
  const loaded = await loadRuleSet({ ...o, workspace });
  const templates = loaded.set.rules.filter((r) => r.kind === "template");
  const rule = templates.find((r) => r.rule.template === kind);
  if (!rule || rule.kind !== "template") {
    const kinds = templates.map((r) => r.kind === "template" ? r.rule.template : "");
    throw new UserError(`andon new: no template rule for kind "${kind}"${didYouMean(kind, kinds)}; ${kinds.length ? `kinds: ${kinds.join(", ")}` : `add a rule { kind: template, template: ${kind}, pattern: ... } to ${loaded.origin}`}`);
  }
  const missing = rule.pattern.names.filter((n) => binding[n] === void 0);
  if (missing.length) throw new UserError(`andon new: the pattern ${rule.rule.pattern} also binds ${missing.map((m) => `{${m}}`).join(", ")}; give ${missing.length > 1 ? "them" : "it"} a value`);
  const naming = loaded.set.rules.filter((r) => r.kind === "naming");
  const fitted = fitNames(rule.rule.pattern, rule.files.map((f) => f.path), binding, naming);
  const bound = fitted.binding;
  const folder = folderFor(rule.pattern, bound);
  const planned = rule.files.map((f) => ({ rel: folder + render(f.path, bound), text: render(f.text, bound) }));
  const existing = [];
  const abs = [];
  for (const p of planned) {
    const a = await resolveInside(workspace, p.rel, "new file");
    abs.push(a);
    if (await stat(a).then(() => true, () => false)) existing.push(p.rel);
  }
  if (existing.length) throw new UserError(`andon new: ${existing.join(", ")} already exist${existing.length > 1 ? "" : "s"}; nothing was written`);
  if (!o.dryRun) {
    for (const [i, p] of planned.entries()) {
      await mkdir3(path6.dirname(abs[i]), { recursive: true });
      await writeFile3(abs[i], p.text, { flag: "wx" });
    }
  }
  return { folder, files: planned.map((p) => p.rel), ...fitted.renamed.length ? { renamed: fitted.renamed } : {} };
}
function misses(templates, binding, naming) {
  const out = [];
  for (const t of templates) {
    const segments = t.split("/");
    const made = render(t, binding);
    for (const rule of naming) {
      if (!rule.scope(made)) continue;
      for (const n of namingJudge(rule)(made)) {
        if (nameConforms(n.name, n.what, rule)) continue;
        const at = n.what === "file" ? segments.length - 1 : n.folder.split("/").length - 2;
        out.push({ rule, template: segments[at], name: n.name });
      }
    }
  }
  return out;
}
function fitNames(pattern, files, binding, naming) {
  const folder = `${pattern.replace(/^\.\//, "").replace(/\/+$/, "")}/`;
  const templates = files.map((f) => folder + f);
  const wanted = /* @__PURE__ */ new Map();
  for (const m of misses(templates, binding, naming)) {
    for (const p of placeholdersIn(m.template)) {
      if (p.form) continue;
      const other = wanted.get(p.name);
      if (other && other.case !== m.rule.rule.case) throw new UserError(`andon new: {${p.name}} is wanted in ${other.case} case by rule ${other.rule} and in ${m.rule.rule.case} case by rule ${m.rule.id}; nothing was written`);
      wanted.set(p.name, { case: m.rule.rule.case, rule: m.rule.id });
    }
  }
  const fitted = { ...binding };
  const renamed = [];
  for (const [name, w] of wanted) {
    const to = inCase(binding[name], w.case);
    if (to === binding[name]) continue;
    fitted[name] = to;
    renamed.push({ placeholder: name, from: binding[name], to, rule: w.rule, case: w.case });
  }
  const left = misses(templates, fitted, naming);
  if (left.length > 0) {
    const m = left[0];
    throw new UserError(`andon new: the template makes "${m.name}", which rule ${m.rule.id} wants in ${m.rule.rule.case} case whatever the name given; fix the template (${m.template}); nothing was written`);
  }
  return { binding: fitted, renamed };
}
export {
  CONTEXT_END,
  CONTEXT_RULE,
  CONTEXT_START,
  KNOWN_CONTEXT_FILES,
  RULE_KINDS,
  Rule,
  RulesFile,
  TemplatesOptions,
  checkContext,
  loadRuleSet,
  renderContext,
  scaffoldUnit,
  templatesStage,
  writeContext
};
