import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  pathProblem
} from "./chunk-UE6GT5FO.js";
import {
  parseDocument
} from "./chunk-UACYHNGC.js";
import {
  lineStarts,
  positionOf
} from "./chunk-HAB4HTVZ.js";
import {
  glob
} from "./chunk-K4VEHVI3.js";
import {
  decodeUtf8Strict,
  describeInvalidUtf8
} from "./chunk-GKY6TSAU.js";
import {
  describeRefusal,
  formatBytes,
  readGuarded,
  record,
  string,
  unknown
} from "./chunk-QTHYIHUL.js";

// src/stages/spec/rules.ts
var RULES = [
  { id: "spec/unreadable", level: "error", doc: "A spec file is binary, not UTF-8, larger than maxFileBytes, or cannot be read." },
  { id: "spec/symlink", level: "warning", doc: "A symlink under a spec folder loops or leads outside the workspace; it is not followed." },
  { id: "spec/front-matter", level: "error", doc: "Andon front matter is not valid YAML or lacks id, title or a status of draft|ready|done." },
  { id: "spec/missing-section", level: "error", doc: "A mandatory section or file of the format is missing (spec-kit: User Scenarios & Testing, Requirements, Success Criteria)." },
  { id: "spec/duplicate-id", level: "error", doc: "The same requirement or spec id is defined twice in the spec set." },
  { id: "spec/broken-reference", level: "error", doc: "A reference to a requirement id or a relative file link that does not exist." },
  { id: "spec/ambiguous-wording", level: "warning", doc: 'A word from the ambiguity lexicon ("fast", "etc.", "TBD", ...) that a test cannot check.' },
  { id: "spec/no-acceptance-criteria", level: "warning", doc: "A requirement or user story with no acceptance criteria (Given/When/Then, bullets or scenarios)." },
  { id: "spec/empty-section", level: "warning", doc: "A heading with nothing under it." },
  { id: "spec/needs-clarification", level: "warning", doc: "A [NEEDS CLARIFICATION: ...] marker; an error when the spec is ready (or implemented/complete/done)." },
  { id: "spec/task-id", level: "error", doc: "spec-kit tasks.md: a task id used twice, or a [USn] label naming a story the spec does not have." },
  { id: "spec/plan-missing", level: "warning", doc: "spec-kit feature folder with a spec.md but no plan.md." },
  { id: "spec/uncovered", level: "error", doc: "requireCoverage: a requirement in scope has no test tracing to it." },
  { id: "spec/failing", level: "error", doc: "requireCoverage: a requirement in scope has a test that failed in this run." },
  { id: "spec/unknown-trace", level: "warning", doc: "A test traces to a requirement id the spec set does not define." },
  { id: "spec/change-without-spec", level: "warning", doc: "Code under changes.paths changed with no spec or change file changed (level from changes.level)." },
  { id: "openspec/error", level: "error", doc: "An ERROR of OpenSpec validate --strict (same decision as the OpenSpec CLI)." },
  { id: "openspec/warning", level: "error", doc: "A WARNING of OpenSpec validate --strict, which fails the item under --strict." },
  { id: "openspec/info", level: "note", doc: "An INFO of OpenSpec validate (never fails an item)." }
];
var byId = new Map(RULES.map((r) => [r.id, r]));
function resolveLevel(id, overrides, fallback) {
  const o = overrides[id];
  if (o === "off") return null;
  if (o) return o;
  return fallback ?? byId.get(id)?.level ?? "warning";
}
function unknownRuleIds(overrides) {
  return Object.keys(overrides).filter((k) => !byId.has(k));
}

// src/stages/spec/spec-files.ts
import { lstatSync, readdirSync, realpathSync, statSync } from "node:fs";
import path from "node:path";

// src/stages/spec/markdown.ts
function splitLines(text) {
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").split("\n");
}
function fenceMask(lines) {
  const mask = new Array(lines.length).fill(false);
  let open = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!open) {
      if (line.indexOf("```") === -1 && line.indexOf("~~~") === -1) continue;
      const m = /^\s*(`{3,}|~{3,})/.exec(line);
      if (m) {
        open = { marker: m[1][0], length: m[1].length };
        mask[i] = true;
      }
      continue;
    }
    mask[i] = true;
    const close = /^\s*(`{3,}|~{3,})\s*$/.exec(line);
    if (close && close[1][0] === open.marker && close[1].length >= open.length) open = null;
  }
  return mask;
}
function maskOf(file) {
  return file.mask ??= fenceMask(file.lines);
}
var HEADING = /^(#{1,6})[ \t]+(.+?)[ \t]*$/;
function headingAt(line) {
  const m = HEADING.exec(line);
  if (!m) return null;
  const text = m[2].replace(/[ \t]+#+$/, "");
  return { level: m[1].length, text, column: line.indexOf(m[2]) + 1 };
}
function headings(lines, mask, from = 0) {
  const out = [];
  for (let i = from; i < lines.length; i++) {
    if (mask[i]) continue;
    const line = lines[i];
    if (line.charCodeAt(0) !== 35) continue;
    const h = headingAt(line);
    if (h) out.push({ index: i, ...h });
  }
  return out;
}
function sectionEnd(all, at, total) {
  const h = all[at];
  for (let k = at + 1; k < all.length; k++) if (all[k].level <= h.level) return all[k].index;
  return total;
}
function readFrontMatter(lines) {
  if (lines[0]?.trim() !== "---") return { kind: "none" };
  let end = -1;
  for (let i = 1; i < lines.length; i++) {
    const t = lines[i].trim();
    if (t === "---" || t === "...") {
      end = i;
      break;
    }
  }
  if (end === -1) return { kind: "invalid", message: "front matter opened with --- is never closed", line: 1, column: 1 };
  const simple = simpleFrontMatter(lines, end);
  if (simple) return simple;
  const src = lines.slice(1, end).join("\n");
  const doc = parseDocument(src, { uniqueKeys: true, prettyErrors: true, strict: true });
  const err = doc.errors[0];
  if (err) {
    const pos = err.linePos?.[0];
    return {
      kind: "invalid",
      message: `invalid YAML front matter: ${err.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")}`,
      line: (pos?.line ?? 1) + 1,
      column: pos?.col ?? 1
    };
  }
  let data;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (e) {
    return { kind: "invalid", message: `front matter refused: ${e instanceof Error ? e.message : String(e)}`, line: 2, column: 1 };
  }
  const mapping = record(string(), unknown()).safeParse(data ?? {});
  if (!mapping.success) {
    return { kind: "invalid", message: "front matter must be a YAML mapping (key: value lines)", line: 2, column: 1 };
  }
  const keyLines = /* @__PURE__ */ new Map();
  for (let i = 1; i < end; i++) {
    const m = /^([A-Za-z_][\w-]*)\s*:/.exec(lines[i]);
    if (m && !keyLines.has(m[1])) keyLines.set(m[1], i + 1);
  }
  return { kind: "ok", data: mapping.data, bodyStart: end + 1, keyLines };
}
var SIMPLE_LINE = /^([A-Za-z_][\w-]*):[ \t]+([^\s[{&*!|>'"%@`#,?-][^#]*?)[ \t]*$/;
var NOT_A_STRING = /^(?:true|false|yes|no|on|off|null|~|[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?|0x[\da-f]+|0o[0-7]+|\.inf|\.nan)$/i;
function simpleFrontMatter(lines, end) {
  const data = {};
  const keyLines = /* @__PURE__ */ new Map();
  for (let i = 1; i < end; i++) {
    const line = lines[i];
    if (line.trim() === "") continue;
    const m = SIMPLE_LINE.exec(line);
    if (!m || m[2].includes(": ") || NOT_A_STRING.test(m[2]) || keyLines.has(m[1])) return null;
    data[m[1]] = m[2];
    keyLines.set(m[1], i + 1);
  }
  return { kind: "ok", data, bodyStart: end + 1, keyLines };
}
function blankInlineCode(line) {
  if (line.indexOf("`") === -1) return line;
  return line.replace(/(`+)([\s\S]*?)\1/g, (m) => " ".repeat(m.length));
}

// src/stages/spec/spec-files.ts
var SKIP_DIRS = /* @__PURE__ */ new Set([".git", "node_modules", ".andon"]);
var GLOB_CHARS = /[*?[\]{}!]/;
var SPEC_HOMES = [
  { path: "openspec", formats: ["openspec"], what: "OpenSpec" },
  { path: "specs", formats: ["spec-kit", "andon"], what: "spec-kit's or Andon's" },
  { path: ".specify/specs", formats: ["spec-kit"], what: "spec-kit inside .specify/" }
];
function homesFor(format) {
  return SPEC_HOMES.filter((h) => format === "auto" || h.formats.includes(format));
}
function specPaths(workspace, o) {
  if (o.paths) return { ok: true, paths: o.paths, discovered: false };
  const homes = homesFor(o.format);
  const found = homes.filter((h) => statOrNull(path.join(workspace, h.path))?.isDirectory() === true).map((h) => h.path);
  if (found.length > 0) return { ok: true, paths: found, discovered: true };
  const looked = homes.map((h) => `${h.path}/ (${h.what})`).join(", ");
  const specify = statOrNull(path.join(workspace, ".specify"))?.isDirectory() === true;
  return {
    ok: false,
    why: `no spec folder found: looked for ${looked}${specify ? "; .specify/ is there, so spec-kit is set up but no feature has been specified yet" : ""}; set with.paths to where the specs are`
  };
}
function specInputGlobs(o) {
  return o.paths ?? homesFor(o.format).map((h) => h.path);
}
async function specPathProblem(workspace, pattern) {
  if (!GLOB_CHARS.test(pattern)) return pathProblem(workspace, pattern, "file or folder");
  const found = await glob(pattern, { cwd: workspace, onlyFiles: true, followSymbolicLinks: false, dot: true, expandDirectories: false });
  return found.some((f) => isMarkdown(f) || isSide(f)) ? null : `"${pattern}" matches no Markdown file in the workspace`;
}
function isMarkdown(p) {
  return p.endsWith(".md") || p.endsWith(".markdown");
}
function isSpecName(name) {
  return isMarkdown(name) || name === ".openspec.yaml";
}
function isSide(p) {
  return p.endsWith("/.openspec.yaml") || p === ".openspec.yaml";
}
function toRel(root, abs) {
  if (abs.startsWith(root + path.sep)) {
    const rel = abs.slice(root.length + 1);
    return path.sep === "/" ? rel : rel.split(path.sep).join("/");
  }
  return path.relative(root, abs).split(path.sep).join("/");
}
function inside(root, abs) {
  return abs === root || abs.startsWith(root + path.sep);
}
async function collectSpecFiles(workspace, patterns, o) {
  const root = realpathSync.native(path.resolve(workspace));
  const out = { files: [], side: /* @__PURE__ */ new Map(), problems: [], missing: [], refused: [], truncated: false };
  const candidates = /* @__PURE__ */ new Set();
  const visitedDirs = /* @__PURE__ */ new Set();
  const addFile = (abs) => {
    if (candidates.size >= o.maxFiles) {
      out.truncated = true;
      return;
    }
    candidates.add(abs);
  };
  const walk = (dir, real) => {
    if (visitedDirs.has(real)) return;
    visitedDirs.add(real);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      out.problems.push({ ruleId: "spec/unreadable", message: `cannot read folder ${toRel(root, dir)}: ${e.message}`, place: { path: toRel(root, dir), line: 1 } });
      return;
    }
    entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    for (const e of entries) {
      if (out.truncated) return;
      const abs = path.join(dir, e.name);
      const rel = toRel(root, abs);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(abs, path.join(real, e.name));
      } else if (!e.isSymbolicLink()) {
        if (isSpecName(e.name)) addFile(abs);
      } else {
        let target;
        try {
          target = realpathSync.native(abs);
        } catch (err) {
          const code = err.code;
          const why = code === "ELOOP" ? "is a symlink loop" : `is a broken symlink (${code ?? "unknown"})`;
          out.problems.push({ ruleId: "spec/symlink", message: `${rel} ${why}; not followed`, place: { path: rel, line: 1 } });
          continue;
        }
        if (!inside(root, target)) {
          out.problems.push({ ruleId: "spec/symlink", message: `${rel} is a symlink leading outside the workspace; not followed`, place: { path: rel, line: 1 } });
          continue;
        }
        const st = statOrNull(target);
        if (st?.isDirectory()) {
          if (visitedDirs.has(target) || inside(target, real)) {
            out.problems.push({ ruleId: "spec/symlink", message: `${rel} links back to ${toRel(root, target) || "."} (a symlink loop); not followed`, place: { path: rel, line: 1 } });
            continue;
          }
          walk(abs, target);
        } else if (st && isSpecName(e.name)) {
          addFile(abs);
        }
      }
    }
  };
  for (const pattern of patterns) {
    if (GLOB_CHARS.test(pattern)) {
      const found = await glob(pattern, { cwd: root, onlyFiles: true, followSymbolicLinks: false, dot: true, absolute: true, expandDirectories: false });
      const md = found.filter((f) => isMarkdown(f) || f.endsWith("/.openspec.yaml")).sort();
      if (md.length === 0) out.missing.push(pattern);
      for (const f of md) {
        const real2 = realOrNull(f);
        if (real2 && inside(root, real2)) addFile(f);
        else out.problems.push({ ruleId: "spec/symlink", message: `${toRel(root, f)} leads outside the workspace or is broken; not followed`, place: { path: toRel(root, f), line: 1 } });
      }
      continue;
    }
    const abs = path.resolve(root, pattern);
    if (!inside(root, abs)) {
      out.refused.push(pattern);
      continue;
    }
    let exists = true;
    try {
      lstatSync(abs);
    } catch {
      exists = false;
    }
    if (!exists) {
      out.missing.push(pattern);
      continue;
    }
    const real = realOrNull(abs);
    if (!real || !inside(root, real)) {
      out.refused.push(pattern);
      continue;
    }
    const target = statOrNull(real);
    if (target?.isDirectory()) walk(abs, real);
    else if (target) addFile(abs);
  }
  const list = [...candidates].sort();
  const realDirs = /* @__PURE__ */ new Map();
  for (const abs of list) {
    const r = readOne(root, abs, o.maxFileBytes, realDirs);
    if (r.kind === "problem") out.problems.push(r.finding);
    else if (isSide(r.path)) out.side.set(r.path, r.text);
    else out.files.push({ path: r.path, text: r.text, lines: splitLines(r.text) });
  }
  return out;
}
function statOrNull(p) {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}
function realOrNull(p) {
  try {
    return realpathSync.native(p);
  } catch {
    return null;
  }
}
function readOne(root, abs, maxBytes, realDirs) {
  const rel = toRel(root, abs);
  const problem = (message, at = { line: 1, column: 1 }) => ({
    kind: "problem",
    finding: { ruleId: "spec/unreadable", message, place: { path: rel, line: at.line, column: at.column } }
  });
  const read = readGuarded(abs, { maxBytes, within: root, realDirs });
  if (read.kind === "too-large") return problem(`${rel} is ${formatBytes(read.size)}, over the ${formatBytes(maxBytes)} cap (maxFileBytes); not read`);
  if (read.kind !== "ok") return problem(`${rel} ${describeRefusal(read)}`);
  const data = read.bytes;
  const nul = data.indexOf(0);
  if (nul !== -1) {
    const before = data.subarray(0, nul).toString("utf8");
    return problem(`${rel} is binary (NUL byte at offset ${nul}); a spec must be UTF-8 text`, positionOf(lineStarts(before), before.length));
  }
  const text = decodeUtf8Strict(data);
  if (!text.ok) return problem(`${rel} is ${describeInvalidUtf8(text)}`, text);
  return { kind: "ok", path: rel, text: text.text };
}

export {
  RULES,
  resolveLevel,
  unknownRuleIds,
  splitLines,
  fenceMask,
  maskOf,
  headings,
  sectionEnd,
  readFrontMatter,
  blankInlineCode,
  specPaths,
  specInputGlobs,
  specPathProblem,
  inside,
  collectSpecFiles
};
