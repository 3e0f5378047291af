import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  DEFAULT_LEXICON,
  SPEC_DESCRIPTION,
  SpecOptions
} from "./chunk-H2VICYEQ.js";
import {
  TESTS_FILE,
  readTests
} from "./chunk-UVUI3JLA.js";
import {
  blocksGate,
  fingerprintAll,
  judgeAgainstBaseline,
  readFindingBaseline,
  toBaselineFile,
  workspaceLineReader
} from "./chunk-MWG5CBHW.js";
import {
  changedFiles,
  inChange
} from "./chunk-BI4FL6IB.js";
import "./chunk-PE5NFLL3.js";
import {
  readStageFolderFile
} from "./chunk-4PTP22Z7.js";
import "./chunk-JBUSEVB6.js";
import "./chunk-MGRT4P43.js";
import "./chunk-R2DVGQ2Z.js";
import {
  RULES,
  blankInlineCode,
  collectSpecFiles,
  fenceMask,
  headings,
  inside,
  maskOf,
  readFrontMatter,
  resolveLevel,
  sectionEnd,
  specInputGlobs,
  specPaths,
  splitLines,
  unknownRuleIds
} from "./chunk-ORA6SIEN.js";
import "./chunk-UE6GT5FO.js";
import {
  Finding,
  compareFindings
} from "./chunk-NLHABGJB.js";
import {
  parse
} from "./chunk-UACYHNGC.js";
import "./chunk-HAB4HTVZ.js";
import "./chunk-K4VEHVI3.js";
import "./chunk-GKY6TSAU.js";
import {
  _enum,
  array,
  boolean,
  describeRefusal,
  literal,
  looseObject,
  number,
  object,
  record,
  require_picomatch,
  string,
  unknown
} from "./chunk-QTHYIHUL.js";
import "./chunk-TXGCBDM3.js";
import {
  errorMessage
} from "./chunk-HUTQD67Y.js";
import "./chunk-AS4XOIVA.js";
import "./chunk-X4N7ZENU.js";
import {
  __toESM
} from "./chunk-TZYN2FJC.js";

// src/stages/spec/index.ts
import { writeFile } from "node:fs/promises";
import path3 from "node:path";

// src/stages/spec/model.ts
var SpecFormat = _enum(["andon", "spec-kit", "openspec"]);
var Place = object({
  /** Workspace-relative path with forward slashes. */
  path: string(),
  /** 1-based. */
  line: number().int(),
  /** 1-based, inclusive start. */
  column: number().int().optional(),
  /** 1-based, exclusive end (SARIF's convention). */
  endColumn: number().int().optional()
});
var Requirement = object({
  /** The id tests trace to: REQ-12, 001-login/FR-001, openspec capability#requirement-slug. */
  id: string(),
  /** Other spellings a test may use for it (e.g. FR-001 alone, the OpenSpec requirement name). */
  aliases: array(string()),
  title: string(),
  format: SpecFormat,
  place: Place,
  /** MUST/SHALL in its text, or a P1 (P0) user story: what `requireCoverage: must` covers. */
  normative: boolean(),
  /** Number of acceptance criteria (Given/When/Then lines, bullets, scenarios); null where the format has none. */
  criteria: number().int().nullable(),
  /** The spec document it belongs to. */
  spec: string()
});

// src/stages/spec/format-result.ts
function emptyRead() {
  return { docs: [], requirements: [], findings: [], refs: [], prose: [] };
}
function mergeReads(into, from) {
  into.docs.push(...from.docs);
  into.requirements.push(...from.requirements);
  into.findings.push(...from.findings);
  into.refs.push(...from.refs);
  into.prose.push(...from.prose);
}
var NORMATIVE = /\b(MUST|SHALL)\b/;
var GWT = /^\s*(?:[-*+]\s+|\d+\.\s+)?(?:\*\*|__)?(Given|When|Then|And)\b/i;
var BULLET = /^\s*(?:[-*+]|\d+\.)\s+\S/;

// src/stages/spec/andon-format.ts
var AndonFrontMatter = object({
  id: string().min(1),
  title: string().min(1),
  status: _enum(["draft", "ready", "done"])
});
function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function andonIdPattern(prefixes) {
  const alt = prefixes.map(escapeRe).join("|");
  return {
    any: new RegExp(`\\b(?:${alt})-\\d+\\b`, "g"),
    heading: new RegExp(`^((?:${alt})-\\d+)\\b[\\s:.\\-\u2013\u2014]*(.*)$`),
    bold: new RegExp(`^(\\s*(?:[-*+]\\s+)?)\\*\\*((?:${alt})-\\d+)\\*\\*[\\s:.\\-\u2013\u2014]*(.*)$`)
  };
}
function readAndonSpec(file, ids) {
  const read = emptyRead();
  const { lines, path: path4 } = file;
  const fm = readFrontMatter(lines);
  let bodyStart = 0;
  let specId = path4;
  let status;
  if (fm.kind === "invalid") {
    read.findings.push({ ruleId: "spec/front-matter", message: `${path4}:${fm.line}:${fm.column}: ${fm.message}`, place: { path: path4, line: fm.line, column: fm.column } });
    return read;
  }
  if (fm.kind === "none") {
    read.findings.push({ ruleId: "spec/front-matter", message: `${path4}:1:1: an Andon spec starts with YAML front matter (--- id, title, status ---)`, place: { path: path4, line: 1, column: 1 } });
  } else {
    bodyStart = fm.bodyStart;
    const parsed = AndonFrontMatter.safeParse(fm.data);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? "");
        const line = fm.keyLines.get(key) ?? 1;
        const what = issue.code === "invalid_value" ? `must be one of draft, ready, done` : issue.message.toLowerCase();
        read.findings.push({ ruleId: "spec/front-matter", message: `${path4}:${line}:1: front matter "${key}" ${fm.keyLines.has(key) ? what : "is missing"}`, place: { path: path4, line, column: 1 } });
      }
    }
    const data = fm.data;
    if (typeof data.id === "string" && data.id) specId = data.id;
    if (typeof data.status === "string") status = data.status;
  }
  read.docs.push({ id: specId, format: "andon", path: path4, ...status ? { status } : {} });
  read.prose.push({ file, bodyStart });
  const mask = maskOf(file);
  const hs = headings(lines, mask, bodyStart);
  const starts = [];
  hs.forEach((h, k) => {
    const m = ids.heading.exec(h.text);
    if (m) starts.push({ index: h.index, id: m[1], title: m[2].trim() || m[1], column: h.column, end: sectionEnd(hs, k, lines.length), kind: "heading" });
  });
  for (let i = bodyStart; i < lines.length; i++) {
    if (mask[i]) continue;
    const m = ids.bold.exec(lines[i]);
    if (m) starts.push({ index: i, id: m[2], title: m[3].trim() || m[2], column: m[1].length + 3, end: lines.length, kind: "bold" });
  }
  starts.sort((a, b) => a.index - b.index);
  const headingAt = new Set(hs.map((h) => h.index));
  starts.forEach((s, k) => {
    let end = s.end;
    const next = starts[k + 1];
    if (next && next.index < end) end = next.index;
    if (s.kind === "bold") {
      for (let i = s.index + 1; i < end; i++) if (headingAt.has(i)) {
        end = i;
        break;
      }
    }
    let criteria = 0;
    let normative = NORMATIVE.test(s.title);
    for (let i = s.index + 1; i < end; i++) {
      if (mask[i] || headingAt.has(i)) continue;
      const l = lines[i];
      if (GWT.test(l) || BULLET.test(l)) criteria++;
      if (!normative && NORMATIVE.test(l)) normative = true;
    }
    const req2 = {
      id: s.id,
      aliases: [],
      title: s.title,
      format: "andon",
      place: { path: path4, line: s.index + 1, column: s.column, endColumn: s.column + s.id.length },
      normative,
      criteria,
      spec: specId
    };
    read.requirements.push(req2);
  });
  const defined = new Set(starts.map((s) => `${s.index}:${s.id}`));
  for (let i = bodyStart; i < lines.length; i++) {
    if (mask[i]) continue;
    const line = blankInlineCode(lines[i]);
    ids.any.lastIndex = 0;
    for (let m = ids.any.exec(line); m; m = ids.any.exec(line)) {
      if (defined.has(`${i}:${m[0]}`) && line.indexOf(m[0]) === m.index) continue;
      read.refs.push({ id: m[0], scope: "andon", place: { path: path4, line: i + 1, column: m.index + 1, endColumn: m.index + 1 + m[0].length } });
    }
  }
  return read;
}

// src/stages/spec/spec-kit-format.ts
var SETTLED = /* @__PURE__ */ new Set(["ready", "approved", "accepted", "implemented", "complete", "completed", "done", "final"]);
var FEATURE_DIR = /(?:^|\/)(\d{3,}-[^/]+)\/[^/]+$/;
var FEATURE_FILE = /(?:^|\/)(\d{3,}-[^/]+)\.md$/;
function specKitRole(p) {
  const base = p.slice(p.lastIndexOf("/") + 1);
  if (base === "spec.md" || base === "spec-template.md" || FEATURE_FILE.test(p)) return "spec";
  if (base === "tasks.md" || base === "tasks-template.md") return "tasks";
  if (base === "plan.md" || base === "plan-template.md") return "plan";
  return "other";
}
function specKitFeature(p) {
  const f = FEATURE_FILE.exec(p);
  if (f && !p.endsWith("/spec.md")) return f[1];
  const d = FEATURE_DIR.exec(p);
  if (d) return d[1];
  const dir = p.includes("/") ? p.slice(0, p.lastIndexOf("/")) : ".";
  return dir.slice(dir.lastIndexOf("/") + 1) || ".";
}
function isSpecKitPath(p) {
  return FEATURE_DIR.test(p) || FEATURE_FILE.test(p) && /(?:^|\/)specs\/[^/]+$/.test(p);
}
function statusOf(lines) {
  const fm = readFrontMatter(lines);
  if (fm.kind === "ok" && typeof fm.data.status === "string") return { status: fm.data.status.toLowerCase(), line: fm.keyLines.get("status") };
  for (let i = 0; i < Math.min(lines.length, 40); i++) {
    const m = /^\s*(?:>\s*)?(?:\*\*)?Status(?:\*\*)?\s*:\s*(?:\*\*)?\s*([A-Za-z-]+)/.exec(lines[i]);
    if (m) return { status: m[1].toLowerCase(), line: i + 1 };
  }
  return {};
}
function pointerTarget(file, known) {
  if (!file.path.endsWith("/spec.md")) return null;
  if (file.lines.some((l) => /^##\s/.test(l))) return null;
  const dir = file.path.slice(0, file.path.lastIndexOf("/"));
  const parent = dir.includes("/") ? dir.slice(0, dir.lastIndexOf("/")) : "";
  const canonical = `${parent ? `${parent}/` : ""}${dir.slice(dir.lastIndexOf("/") + 1)}.md`;
  return known.has(canonical) && file.text.includes(canonical.slice(canonical.lastIndexOf("/") + 1)) ? canonical : null;
}
var MANDATORY = ["User Scenarios & Testing", "Requirements", "Success Criteria"];
var STORY = /^(?:User Story\s+(\d+)|US-?(\d+))\b\s*[-:–—]?\s*(.*)$/i;
var ID_DEF_BOLD = /^\s*(?:[-*+]\s+)?\*\*((?:FR|SC)-\d+)\*\*\s*:?\s*(.*)$/;
var ID_DEF_TABLE = /^\s*\|\s*\**((?:FR|SC)-\d+)\**\s*\|(.*)$/;
var ID_ANY = /\b(?:FR|SC)-\d+\b/g;
var CLARIFY = /\[NEEDS CLARIFICATION:[^\]]*\]/g;
function readSpecKitFeature(feature, files, ctx) {
  const read = emptyRead();
  const stories = /* @__PURE__ */ new Set();
  let specSeen = false;
  for (const file of files.filter((f) => specKitRole(f.path) === "spec")) {
    const target = pointerTarget(file, ctx.known);
    if (target) {
      read.prose.push({ file, bodyStart: 0, note: `pointer to ${target}` });
      continue;
    }
    specSeen = true;
    readSpec(feature, file, ctx, read, stories);
  }
  for (const file of files.filter((f) => specKitRole(f.path) === "tasks")) readTasks(feature, file, read, specSeen ? stories : null);
  for (const file of files.filter((f) => specKitRole(f.path) !== "spec")) collectRefs(feature, file, read);
  const specFile = files.find((f) => specKitRole(f.path) === "spec" && !f.path.endsWith("-template.md"));
  if (specFile) {
    const dir = specFile.path.endsWith("/spec.md") ? specFile.path.slice(0, specFile.path.lastIndexOf("/")) : specFile.path.slice(0, -".md".length);
    if (!ctx.known.has(`${dir}/plan.md`)) {
      read.findings.push({ ruleId: "spec/plan-missing", message: `spec-kit feature ${feature} has no plan.md (expected ${dir}/plan.md)`, place: { path: specFile.path, line: 1 } });
    }
  }
  return read;
}
function readSpec(feature, file, ctx, read, stories) {
  const { lines, path: path4 } = file;
  const fm = readFrontMatter(lines);
  const bodyStart = fm.kind === "ok" ? fm.bodyStart : 0;
  const mask = maskOf(file);
  const hs = headings(lines, mask, bodyStart);
  const { status } = statusOf(lines);
  const clarify = new RegExp(CLARIFY);
  read.docs.push({ id: feature, format: "spec-kit", path: path4, ...status ? { status } : {} });
  read.prose.push({ file, bodyStart });
  const h2 = hs.filter((h) => h.level === 2).map((h) => h.text.replace(/\*\([^)]*\)\*/g, "").trim().toLowerCase());
  for (const name of MANDATORY) {
    if (!h2.some((t) => t.startsWith(name.toLowerCase()))) {
      read.findings.push({ ruleId: "spec/missing-section", message: `spec-kit spec ${path4} has no "## ${name}" section (mandatory)`, place: { path: path4, line: 1 } });
    }
  }
  hs.forEach((h, k) => {
    const m = STORY.exec(h.text);
    if (!m || h.level < 3) return;
    const n = m[1] ?? m[2];
    const id = `US${Number(n)}`;
    const end = sectionEnd(hs, k, lines.length);
    const pr = /\((?:Priority:\s*)?(P\d)\)/i.exec(h.text)?.[1]?.toUpperCase();
    let criteria = 0;
    for (let i = h.index + 1; i < end; i++) if (!mask[i] && /^\s*(?:[-*+]\s+|\d+\.\s+)?(?:\*\*|__)?Given\b/i.test(lines[i])) criteria++;
    stories.add(id);
    read.requirements.push(req(feature, id, m[3].replace(/\((?:Priority:\s*)?P\d\)/i, "").trim() || id, path4, h.index + 1, h.column, pr === "P0" || pr === "P1", criteria));
  });
  for (let i = bodyStart; i < lines.length; i++) {
    if (mask[i]) continue;
    const line = lines[i];
    const def = ID_DEF_BOLD.exec(line) ?? ID_DEF_TABLE.exec(line);
    if (def) {
      const id = def[1];
      const rest = def[2];
      const col = line.indexOf(id) + 1;
      read.requirements.push(req(feature, id, rest.replace(/\|.*$/, "").trim() || id, path4, i + 1, col, NORMATIVE.test(rest) || /\|\s*P[01]\s*\|?\s*$/.test(line), null));
    }
    clarify.lastIndex = 0;
    for (let m = clarify.exec(line); m; m = clarify.exec(line)) {
      const settled = status !== void 0 && SETTLED.has(status);
      read.findings.push({
        ruleId: "spec/needs-clarification",
        message: `unresolved ${m[0].length > 80 ? `${m[0].slice(0, 77)}...` : m[0]}${settled ? ` in a spec whose status is ${status}` : ""}`,
        place: { path: path4, line: i + 1, column: m.index + 1, endColumn: m.index + 1 + m[0].length },
        ...settled && !ctx.clarifyOverride ? { level: "error" } : {}
      });
    }
  }
  collectRefs(feature, file, read);
}
function req(feature, id, title, path4, line, column, normative, criteria) {
  const story = /^US(\d+)$/.exec(id);
  return {
    id: `${feature}/${id}`,
    aliases: story ? [id, `US-${story[1]}`] : [id],
    title,
    format: "spec-kit",
    place: { path: path4, line, column, endColumn: column + id.length },
    normative,
    criteria,
    spec: feature
  };
}
function collectRefs(feature, file, read) {
  const mask = maskOf(file);
  const anyId = new RegExp(ID_ANY);
  file.lines.forEach((raw, i) => {
    if (mask[i]) return;
    const line = blankInlineCode(raw);
    const def = ID_DEF_BOLD.exec(raw) ?? ID_DEF_TABLE.exec(raw);
    anyId.lastIndex = 0;
    for (let m = anyId.exec(line); m; m = anyId.exec(line)) {
      if (def && m[0] === def[1] && line.indexOf(m[0]) === m.index) continue;
      read.refs.push({ id: m[0], scope: `spec-kit:${feature}`, place: { path: file.path, line: i + 1, column: m.index + 1, endColumn: m.index + 1 + m[0].length } });
    }
  });
}
var TASK = /^\s*[-*]\s+\[[ xX]\]\s+(T\d+)\b(.*)$/;
function readTasks(feature, file, read, stories) {
  const mask = maskOf(file);
  const first = /* @__PURE__ */ new Map();
  file.lines.forEach((line, i) => {
    if (mask[i]) return;
    const m = TASK.exec(line);
    if (!m) return;
    const id = m[1];
    const col = line.indexOf(id) + 1;
    const seen = first.get(id);
    if (seen !== void 0) {
      read.findings.push({ ruleId: "spec/task-id", message: `task ${id} is declared twice in ${file.path} (first on line ${seen})`, place: { path: file.path, line: i + 1, column: col, endColumn: col + id.length } });
    } else first.set(id, i + 1);
    if (!stories || stories.size === 0) return;
    for (const s of m[2].matchAll(/\[(US-?\d+)\]/g)) {
      const sid = `US${Number(s[1].replace(/^US-?/, ""))}`;
      if (!stories.has(sid)) {
        const c = line.indexOf(s[0]) + 1;
        read.findings.push({ ruleId: "spec/task-id", message: `task ${id} names story ${s[1]}, which the spec of ${feature} does not define`, place: { path: file.path, line: i + 1, column: c, endColumn: c + s[0].length } });
      }
    }
  });
}

// src/stages/spec/openspec-validate.ts
function treeFile(text) {
  return { text, lines: splitLines(text) };
}
function mainBlocksOf(file) {
  return file.blocks ??= mainRequirementBlocks(file.lines, maskOf(file));
}
var MIN_PURPOSE_LENGTH = 50;
var MAX_REQUIREMENT_TEXT_LENGTH = 500;
var REQUIREMENT_HEADER = /^###\s*Requirement:\s*(.+)\s*$/i;
var SCENARIO_HEADER = /^####\s+/;
var HEADER_LINE = /^#{1,6}\s/;
var METADATA_LINE = /^\*\*[^*]+\*\*:/;
function containsShallOrMust(text) {
  return /\b(SHALL|MUST)\b/.test(text);
}
function validateOpenSpecTree(tree) {
  const specIds = /* @__PURE__ */ new Set();
  const changeIds = /* @__PURE__ */ new Set();
  for (const p of tree.keys()) {
    if (p.startsWith("specs/") && p.endsWith("/spec.md")) specIds.add(p.slice("specs/".length, -"/spec.md".length));
    const m = /^changes\/([^/]+)\/./.exec(p);
    if (m && m[1] !== "archive") changeIds.add(m[1]);
  }
  const items = [];
  for (const id of [...changeIds].sort()) items.push(report(id, "change", validateChange(tree, id)));
  for (const id of [...specIds].sort()) {
    const file = `specs/${id}/spec.md`;
    items.push(report(id, "spec", validateMainSpec(tree.get(file), file)));
  }
  return items;
}
function report(id, type, issues) {
  return { id, type, valid: !issues.some((i) => i.level !== "INFO"), issues };
}
function parseSections(lines, mask) {
  const heads = [];
  for (let i = 0; i < lines.length; i++) {
    if (mask[i] || lines[i].charCodeAt(0) !== 35) continue;
    const m = /^(#{1,6})\s+(.+)$/.exec(lines[i]);
    if (m) heads.push({ level: m[1].length, title: m[2].trim(), index: i, end: lines.length, children: [] });
  }
  const roots = [];
  const stack = [];
  for (const s of heads) {
    while (stack.length > 0 && stack[stack.length - 1].level >= s.level) stack.pop().end = s.index;
    if (stack.length === 0) roots.push(s);
    else stack[stack.length - 1].children.push(s);
    stack.push(s);
  }
  return roots;
}
function contentOf(lines, s) {
  return lines.slice(s.index + 1, s.end).join("\n").trim();
}
function hasContent(lines, s) {
  for (let i = s.index + 1; i < s.end; i++) if (lines[i].trim() !== "") return true;
  return false;
}
function findSection(sections, title) {
  const t = title.toLowerCase();
  for (const s of sections) {
    if (s.title.toLowerCase() === t) return s;
    const c = findSection(s.children, title);
    if (c) return c;
  }
  return void 0;
}
function requirementBody(block) {
  const { lines: bodyLines, mask } = block;
  const captured = [];
  const metadata = [];
  for (let i = 1; i < bodyLines.length; i++) {
    if (mask[i]) continue;
    const line = bodyLines[i];
    if (HEADER_LINE.test(line)) break;
    const t = line.trim();
    if (!t) continue;
    if (METADATA_LINE.test(t)) metadata.push(t);
    else captured.push(t);
  }
  return captured.length > 0 ? captured.join("\n") : metadata.join("\n");
}
function countScenarios(block) {
  const { lines: bodyLines, mask } = block;
  let n = 0;
  for (let i = 0; i < bodyLines.length; i++) if (!mask[i] && SCENARIO_HEADER.test(bodyLines[i])) n++;
  return n;
}
var isHash = (line) => line.charCodeAt(0) === 35 && line.charCodeAt(3) !== 35;
function blocksIn(lines, mask, start, end) {
  const blocks = [];
  const isReq = (i2) => !mask[i2] && isHash(lines[i2]) && REQUIREMENT_HEADER.test(lines[i2]);
  let i = start;
  while (i < end) {
    while (i < end && !isReq(i)) i++;
    if (i >= end) break;
    const name = REQUIREMENT_HEADER.exec(lines[i])[1].trim();
    const header = i;
    const buf = [lines[i]];
    i++;
    while (i < end && (mask[i] || !isHash(lines[i]) || !REQUIREMENT_HEADER.test(lines[i]) && !/^##\s+/.test(lines[i]))) buf.push(lines[i++]);
    while (buf.length > 1 && buf[buf.length - 1].trim() === "") buf.pop();
    blocks.push({ name, index: header, lines: buf, mask: mask.slice(header, header + buf.length) });
  }
  return blocks;
}
function mainRequirementBlocks(lines, mask) {
  const at = lines.findIndex((l, i) => !mask[i] && l.charCodeAt(0) === 35 && /^##\s+Requirements\s*$/i.test(l));
  if (at === -1) return [];
  let end = lines.length;
  for (let i = at + 1; i < lines.length; i++) {
    if (!mask[i] && /^##\s+/.test(lines[i])) {
      end = i;
      break;
    }
  }
  return blocksIn(lines, mask, at + 1, end);
}
function scenarioNames(block) {
  const mask = block.mask;
  const names = [];
  for (let i = 0; i < block.lines.length; i++) {
    if (mask[i] || !SCENARIO_HEADER.test(block.lines[i])) continue;
    names.push(
      block.lines[i].replace(SCENARIO_HEADER, "").replace(/[ \t]+#+[ \t]*$/, "").replace(/^Scenario:\s*/i, "").trim()
    );
  }
  return names;
}
function purposeIsPlaceholder(purpose) {
  if (!/^\s*(?:`|~|t)/i.test(purpose) && purpose.indexOf("created by archiving change") === -1) return false;
  const lines = splitLines(purpose);
  const mask = fenceMask(lines);
  const prose = lines.filter((_, i) => !mask[i]).join("\n").trim();
  if (/^(?:TBD|TODO)(?![\p{L}\p{N}\p{M}_])(?=[ \t]*(?:$|\n|[:\-–—.,;()[\]{}]))/iu.test(prose)) return true;
  const suffix = prose.indexOf("Update Purpose after archive.");
  return suffix !== -1 && prose.lastIndexOf("created by archiving change", suffix) !== -1;
}
function validateMainSpec(tf, file) {
  const lines = tf.lines;
  const mask = maskOf(tf);
  const sections = parseSections(lines, mask);
  const purpose = findSection(sections, "Purpose");
  const reqs = findSection(sections, "Requirements");
  const guide = 'Missing required sections. Expected headers: "## Purpose" and "## Requirements".';
  const purposeText = purpose ? contentOf(lines, purpose) : "";
  if (!purpose || !purposeText) return [{ level: "ERROR", file, line: 1, message: `Spec must have a Purpose section. ${guide}` }];
  if (!reqs) return [{ level: "ERROR", file, line: 1, message: `Spec must have a Requirements section. ${guide}` }];
  const issues = [];
  if (reqs.children.length === 0) issues.push({ level: "ERROR", file, line: reqs.index + 1, message: "Spec must have at least one requirement" });
  reqs.children.forEach((child) => {
    const scenarios = child.children.filter((c) => hasContent(lines, c));
    if (scenarios.length === 0) {
      issues.push({ level: "ERROR", file, line: child.index + 1, message: `Requirement "${child.title}" must have at least one scenario` });
      issues.push({ level: "WARNING", file, line: child.index + 1, message: `Requirement "${child.title}" has no scenario. Scenarios must use level-4 headers (#### Scenario: ...)` });
    }
    let text = child.title;
    for (let i = child.index + 1; i < child.end; i++) {
      const t = lines[i].trim();
      if (t.startsWith("#")) break;
      if (t) {
        text = t;
        break;
      }
    }
    if (text.length > MAX_REQUIREMENT_TEXT_LENGTH) {
      issues.push({ level: "INFO", file, line: child.index + 1, message: "Requirement text is very long (>500 characters). Consider breaking it down." });
    }
  });
  const reqAt = lines.findIndex((l, i) => !mask[i] && l.charCodeAt(0) === 35 && /^##\s+Requirements\s*$/i.test(l));
  let reqEnd = lines.length;
  if (reqAt !== -1) {
    for (let i = reqAt + 1; i < lines.length; i++) {
      if (!mask[i] && /^##\s+/.test(lines[i])) {
        reqEnd = i;
        break;
      }
    }
  }
  for (let i = 0; i < lines.length; i++) {
    if (mask[i] || lines[i].charCodeAt(0) !== 35) continue;
    const l = lines[i];
    if (/^##\s+(ADDED|MODIFIED|REMOVED|RENAMED)\s+Requirements\s*$/i.test(l)) {
      issues.push({ level: "ERROR", file, line: i + 1, message: `Main spec contains delta header "${l.trim()}"; delta headers belong in openspec/changes/<name>/specs/<capability>/spec.md` });
    } else if (/^###\s+Requirement:\s*(.+)\s*$/.test(l) && !(reqAt !== -1 && i > reqAt && i < reqEnd)) {
      issues.push({ level: "ERROR", file, line: i + 1, message: `Requirement header "${l.trim()}" appears outside the ## Requirements section and is invisible to validate, list and archive` });
    }
  }
  if (purposeIsPlaceholder(purposeText)) {
    issues.push({ level: "WARNING", file, line: purpose.index + 2, message: "Purpose is still a placeholder (TBD/TODO); write what the capability is for" });
  } else if (purposeText.length < MIN_PURPOSE_LENGTH) {
    issues.push({ level: "WARNING", file, line: purpose.index + 1, message: `Purpose section is too brief (less than ${MIN_PURPOSE_LENGTH} characters)` });
  }
  for (const block of mainBlocksOf(tf)) {
    const body = requirementBody(block);
    if (!body) issues.push({ level: "ERROR", file, line: block.index + 1, message: `Requirement "${block.name}" has no requirement text; it must state what the system SHALL or MUST do` });
    else if (!containsShallOrMust(body)) issues.push({ level: "WARNING", file, line: block.index + 1, message: `Requirement "${block.name}" should contain SHALL or MUST` });
  }
  return issues;
}
function parseDelta(lines, mask) {
  const tops = [];
  for (let i = 0; i < lines.length; i++) {
    if (mask[i] || lines[i].charCodeAt(0) !== 35) continue;
    const m = /^##\s+(.+)$/.exec(lines[i]);
    if (m) tops.push({ title: m[1].trim(), index: i });
  }
  const section = (name) => {
    let found = null;
    tops.forEach((t, k) => {
      if (t.title.toLowerCase() === name.toLowerCase()) found = { start: t.index + 1, end: tops[k + 1]?.index ?? lines.length, title: t.title };
    });
    return found;
  };
  const plan = { added: [], modified: [], removed: [], renamed: [], present: { added: false, modified: false, removed: false, renamed: false }, skipped: [] };
  const a = section("ADDED Requirements");
  const mo = section("MODIFIED Requirements");
  const r = section("REMOVED Requirements");
  const rn = section("RENAMED Requirements");
  const skippedIn = (s) => {
    for (let i = s.start; i < s.end; i++) {
      if (mask[i]) continue;
      const h3 = /^###\s+(.+?)\s*$/.exec(lines[i]);
      if (h3 && !REQUIREMENT_HEADER.test(lines[i])) plan.skipped.push({ header: h3[1].trim(), section: s.title, index: i });
    }
  };
  if (a) {
    plan.present.added = true;
    plan.added = blocksIn(lines, mask, a.start, a.end);
    skippedIn(a);
  }
  if (mo) {
    plan.present.modified = true;
    plan.modified = blocksIn(lines, mask, mo.start, mo.end);
    skippedIn(mo);
  }
  if (r) {
    plan.present.removed = true;
    for (let i = r.start; i < r.end; i++) {
      if (mask[i]) continue;
      const m = REQUIREMENT_HEADER.exec(lines[i]) ?? /^\s*-\s*`?###\s*Requirement:\s*(.+?)`?\s*$/.exec(lines[i]);
      if (m) plan.removed.push({ name: m[1].trim(), index: i });
    }
  }
  if (rn) {
    plan.present.renamed = true;
    let from;
    for (let i = rn.start; i < rn.end; i++) {
      if (mask[i]) continue;
      const f = /^\s*-?\s*FROM:\s*`?###\s*Requirement:\s*(.+?)`?\s*$/.exec(lines[i]);
      const t = /^\s*-?\s*TO:\s*`?###\s*Requirement:\s*(.+?)`?\s*$/.exec(lines[i]);
      if (f) from = { name: f[1].trim(), index: i };
      else if (t && from) {
        plan.renamed.push({ from: from.name, to: t[1].trim(), index: from.index });
        from = void 0;
      }
    }
  }
  return plan;
}
function validateChange(tree, id) {
  const base = `changes/${id}/`;
  const issues = [];
  let totalDeltas = 0;
  const specFiles = [...tree.keys()].filter((p) => p.startsWith(`${base}specs/`) && p.endsWith("/spec.md")).sort();
  const anySpecsFile = [...tree.keys()].some((p) => p.startsWith(`${base}specs/`));
  const rootSpec = tree.has(`${base}specs/spec.md`);
  if (rootSpec) {
    issues.push({ level: "ERROR", file: `${base}specs/spec.md`, line: 1, message: "Delta spec found at specs/spec.md; delta specs must live under a capability path (specs/<capability>/spec.md)" });
  }
  for (const file of specFiles) {
    if (file === `${base}specs/spec.md`) continue;
    const capability = file.slice(`${base}specs/`.length, -"/spec.md".length);
    const entry = `${capability}/spec.md`;
    const tf = tree.get(file);
    const lines = tf.lines;
    const mask = maskOf(tf);
    const plan = parseDelta(lines, mask);
    for (const s of plan.skipped) {
      issues.push({ level: "INFO", file, line: s.index + 1, message: `${entry}: header "### ${s.header}" in ${s.section} is not a "### Requirement:" header and is ignored` });
    }
    const entries = plan.added.length + plan.modified.length + plan.removed.length + plan.renamed.length;
    if (entries === 0) {
      const present = Object.values(plan.present).some(Boolean);
      issues.push({
        level: "ERROR",
        file,
        line: 1,
        message: present ? `${entry}: delta sections were found, but no requirement entries parsed; each section needs at least one "### Requirement:" block` : `${entry}: no delta sections found; add headers such as "## ADDED Requirements"`
      });
    }
    const added = /* @__PURE__ */ new Set();
    const modified = /* @__PURE__ */ new Set();
    const removed = /* @__PURE__ */ new Set();
    const renamedFrom = /* @__PURE__ */ new Set();
    const renamedTo = /* @__PURE__ */ new Set();
    const checkBlock = (op, block, seen) => {
      totalDeltas++;
      const line = block.index + 1;
      if (seen.has(block.name)) issues.push({ level: "ERROR", file, line, message: `${entry}: duplicate requirement in ${op}: "${block.name}"` });
      seen.add(block.name);
      const body = requirementBody(block);
      if (!body) issues.push({ level: "ERROR", file, line, message: `${entry}: ${op} "${block.name}" is missing requirement text` });
      else if (!containsShallOrMust(body)) issues.push({ level: "WARNING", file, line, message: `${entry}: ${op} "${block.name}" should contain SHALL or MUST` });
      if (countScenarios(block) < 1) issues.push({ level: "ERROR", file, line, message: `${entry}: ${op} "${block.name}" must include at least one scenario` });
    };
    for (const b of plan.added) checkBlock("ADDED", b, added);
    for (const b of plan.modified) checkBlock("MODIFIED", b, modified);
    if (plan.modified.length > 0) issues.push(...scenarioLoss(tree, capability, plan, file, entry));
    for (const r of plan.removed) {
      totalDeltas++;
      if (removed.has(r.name)) issues.push({ level: "ERROR", file, line: r.index + 1, message: `${entry}: duplicate requirement in REMOVED: "${r.name}"` });
      removed.add(r.name);
    }
    for (const r of plan.renamed) {
      totalDeltas++;
      if (renamedFrom.has(r.from)) issues.push({ level: "ERROR", file, line: r.index + 1, message: `${entry}: duplicate FROM in RENAMED: "${r.from}"` });
      if (renamedTo.has(r.to)) issues.push({ level: "ERROR", file, line: r.index + 1, message: `${entry}: duplicate TO in RENAMED: "${r.to}"` });
      renamedFrom.add(r.from);
      renamedTo.add(r.to);
    }
    for (const n of modified) {
      if (removed.has(n)) issues.push({ level: "ERROR", file, line: 1, message: `${entry}: requirement present in both MODIFIED and REMOVED: "${n}"` });
      if (added.has(n)) issues.push({ level: "ERROR", file, line: 1, message: `${entry}: requirement present in both MODIFIED and ADDED: "${n}"` });
    }
    for (const n of added) if (removed.has(n)) issues.push({ level: "ERROR", file, line: 1, message: `${entry}: requirement present in both ADDED and REMOVED: "${n}"` });
    const fold = (s) => s.trim().toLowerCase().replace(/\s+/g, " ");
    for (const r of plan.renamed) {
      if (modified.has(r.from)) issues.push({ level: "ERROR", file, line: r.index + 1, message: `${entry}: MODIFIED references old name from RENAMED; use the new header "${r.to}"` });
      if (added.has(r.to)) issues.push({ level: "ERROR", file, line: r.index + 1, message: `${entry}: RENAMED TO collides with ADDED for "${r.to}"` });
      if ([...removed].some((x) => fold(x) === fold(r.from))) issues.push({ level: "ERROR", file, line: r.index + 1, message: `${entry}: requirement present in both RENAMED and REMOVED: "${r.from}"` });
    }
  }
  const meta = readChangeMeta(tree.get(`${base}.openspec.yaml`)?.text);
  if (meta.skipSpecs && anySpecsFile) {
    issues.push({ level: "ERROR", file: `${base}.openspec.yaml`, line: 1, message: "The change declares skip_specs but has files under specs/; remove one or the other" });
  }
  if (totalDeltas === 0 && !rootSpec && !meta.skipSpecs) {
    issues.push({
      level: "ERROR",
      file: tree.has(`${base}proposal.md`) ? `${base}proposal.md` : base,
      line: 1,
      message: 'Change must have at least one delta. No deltas found: add specs/<capability>/spec.md with ## ADDED/MODIFIED/REMOVED/RENAMED Requirements, each requirement with at least one "#### Scenario:"'
    });
  }
  if (meta.schema === "spec-driven" || meta.schema === void 0) {
    const tasks = tree.get(`${base}tasks.md`);
    if (tasks !== void 0) issues.push(...taskNumbering(tasks.text, `${base}tasks.md`));
  }
  return issues;
}
var ChangeMeta = object({ schema: string().optional().catch(void 0), skip_specs: boolean().optional().catch(void 0) });
function readChangeMeta(text) {
  if (text === void 0) return { skipSpecs: false };
  try {
    const meta = ChangeMeta.safeParse(parse(text, { maxAliasCount: 50 }));
    if (!meta.success) return { skipSpecs: false };
    return { schema: meta.data.schema, skipSpecs: meta.data.skip_specs === true && meta.data.schema !== void 0 };
  } catch {
    return { skipSpecs: false };
  }
}
function scenarioLoss(tree, capability, plan, file, entry) {
  const main = tree.get(`specs/${capability}/spec.md`);
  if (main === void 0) return [];
  const current = /* @__PURE__ */ new Map();
  for (const b of mainBlocksOf(main)) current.set(b.name, b);
  const renamedFrom = new Map(plan.renamed.map((r) => [r.to, r.from]));
  const renamedAway = new Set(plan.renamed.map((r) => r.from));
  const issues = [];
  let notFoundSaid = false;
  for (const block of plan.modified) {
    if (renamedAway.has(block.name)) continue;
    let key = block.name;
    const visited = /* @__PURE__ */ new Set();
    let cur;
    while (key !== void 0 && !visited.has(key)) {
      cur = current.get(key);
      if (cur) break;
      visited.add(key);
      key = renamedFrom.get(key);
    }
    if (!cur) {
      if (notFoundSaid) continue;
      notFoundSaid = true;
      issues.push({ level: "INFO", file, line: block.index + 1, message: `${entry}: archive would refuse this delta: MODIFIED header "### Requirement: ${block.name}" not found in specs/${capability}/spec.md` });
      continue;
    }
    const incoming = /* @__PURE__ */ new Map();
    const mine = scenarioNames(block);
    for (const n of mine) incoming.set(n, (incoming.get(n) ?? 0) + 1);
    const theirs = scenarioNames(cur);
    const missing = [];
    for (const n of theirs) {
      const left = incoming.get(n) ?? 0;
      if (left > 0) incoming.set(n, left - 1);
      else missing.push(n);
    }
    if (missing.length === 0) continue;
    issues.push({
      level: "ERROR",
      file,
      line: block.index + 1,
      message: `${entry}: MODIFIED "${block.name}" omits scenario(s) the current spec still has: ${missing.map((n) => `"${n}"`).join(", ")}. The modified block has ${mine.length}, the current spec ${theirs.length}. A MODIFIED requirement replaces the whole block, so archive refuses to drop them.`
    });
  }
  return issues;
}
function taskNumbering(content, file) {
  const lines = content.split("\n");
  const GROUP = /^ {0,3}##[ \t]+(\d+)\.(?:[ \t]|\r?$)/;
  const H2 = /^ {0,3}##(?!#)(?:[ \t]+|[ \t]*\r?$)/;
  if (!lines.some((l) => GROUP.test(l))) return [];
  const issues = [];
  const first = /* @__PURE__ */ new Map();
  let group;
  lines.forEach((line, i) => {
    if (H2.test(line)) group = GROUP.exec(line)?.[1];
    const task = /^\s*[-*]\s+\[[ xX]\]\s+(.*)$/.exec(line);
    const id = task ? /^(\d+(?:\.\d+)+(?:[A-Za-z]+)?)(?=\s|$)/.exec(task[1].trim())?.[1] : void 0;
    if (!id) return;
    const taskGroup = id.split(".")[0].replace(/^0+(?=\d)/, "");
    const cur = group?.replace(/^0+(?=\d)/, "");
    if (cur !== void 0 && taskGroup !== cur) {
      issues.push({ level: "WARNING", file, line: i + 1, message: `Task "${id}" is under group ${group}, but its number points to group ${id.split(".")[0]}` });
    }
    const seen = first.get(id);
    if (seen !== void 0) issues.push({ level: "WARNING", file, line: i + 1, message: `Task ID "${id}" is duplicated; first declared on line ${seen}` });
    else first.set(id, i + 1);
  });
  return issues;
}

// src/stages/spec/openspec-format.ts
function openSpecRoot(p) {
  const parts = p.split("/");
  for (let i = parts.length - 2; i >= 0; i--) {
    if (parts[i] === "openspec" && (parts[i + 1] === "specs" || parts[i + 1] === "changes")) return parts.slice(0, i + 1).join("/");
  }
  return null;
}
function slug(name) {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}
function readOpenSpecRoot(root, files, side) {
  const read = { ...emptyRead(), items: [] };
  const prefix = root ? `${root}/` : "";
  const tree = /* @__PURE__ */ new Map();
  const byRel = /* @__PURE__ */ new Map();
  for (const f of files) {
    const rel = f.path.slice(prefix.length);
    tree.set(rel, f);
    byRel.set(rel, f);
  }
  for (const [p, text] of side) if (p.startsWith(prefix)) tree.set(p.slice(prefix.length), treeFile(text));
  const items = validateOpenSpecTree(tree);
  for (const item of items) {
    read.items.push({ ...item, root });
    for (const issue of item.issues) {
      const finding = {
        ruleId: issue.level === "ERROR" ? "openspec/error" : issue.level === "WARNING" ? "openspec/warning" : "openspec/info",
        message: `${item.type} ${item.id}: ${issue.message}`,
        place: { path: `${prefix}${issue.file}`.replace(/\/$/, ""), line: issue.line ?? 1 }
      };
      read.findings.push(finding);
    }
  }
  const changes = new Set([...tree.keys()].map((k) => /^changes\/([^/]+)\//.exec(k)?.[1]).filter((c) => c !== void 0 && c !== "archive"));
  for (const c of [...changes].sort()) {
    const where = { path: `${prefix}changes/${c}`, line: 1 };
    const note = "Andon rule, stricter than openspec validate --strict";
    if (!tree.has(`changes/${c}/proposal.md`)) read.findings.push({ ruleId: "spec/missing-section", message: `OpenSpec change ${c} has no proposal.md`, place: where, note });
    if (!tree.has(`changes/${c}/tasks.md`)) read.findings.push({ ruleId: "spec/missing-section", level: "warning", message: `OpenSpec change ${c} has no tasks.md`, place: where, note });
  }
  for (const [rel, file] of byRel) {
    const main = /^specs\/(.+)\/spec\.md$/.exec(rel);
    const delta = /^changes\/(?!archive\/)[^/]+\/specs\/.+\/spec\.md$/.test(rel);
    if (main) {
      const capability = main[1];
      read.docs.push({ id: capability, format: "openspec", path: file.path });
      read.prose.push({ file, bodyStart: 0, note: "Andon rule, stricter than openspec validate --strict" });
      for (const block of mainBlocksOf(file)) {
        const line = file.lines[block.index];
        const col = line.indexOf(block.name) + 1;
        const requirement = {
          id: `${capability}#${slug(block.name)}`,
          aliases: [`${capability}/${block.name}`],
          title: block.name,
          format: "openspec",
          place: { path: file.path, line: block.index + 1, column: col, endColumn: col + block.name.length },
          normative: containsShallOrMust(block.lines.join("\n")),
          // OpenSpec's own rules already require a scenario per requirement.
          criteria: null,
          spec: capability
        };
        read.requirements.push(requirement);
      }
    } else if (delta) {
      read.prose.push({ file, bodyStart: 0, note: "Andon rule, stricter than openspec validate --strict" });
    }
  }
  return read;
}

// src/stages/spec/quality-rules.ts
import { access } from "node:fs/promises";
import path from "node:path";
function duplicateIds(requirements, docs) {
  const out = [];
  const first = /* @__PURE__ */ new Map();
  for (const r of requirements) {
    const prev = first.get(r.id);
    if (prev) {
      out.push({
        ruleId: "spec/duplicate-id",
        message: `requirement id ${r.id} is defined again (first at ${prev.place.path}:${prev.place.line})`,
        place: r.place,
        traceTo: [r.id]
      });
    } else first.set(r.id, r);
  }
  const firstDoc = /* @__PURE__ */ new Map();
  for (const d of docs) {
    if (d.format !== "andon") continue;
    const prev = firstDoc.get(d.id);
    if (prev) out.push({ ruleId: "spec/duplicate-id", message: `spec id ${d.id} is used again (first in ${prev.path})`, place: { path: d.path, line: 1 } });
    else firstDoc.set(d.id, d);
  }
  return out;
}
function brokenIdRefs(refs, requirements) {
  const known = /* @__PURE__ */ new Map();
  const add = (scope, id) => {
    let s = known.get(scope);
    if (!s) known.set(scope, s = /* @__PURE__ */ new Set());
    s.add(id);
  };
  for (const r of requirements) {
    if (r.format === "andon") add("andon", r.id);
    else if (r.format === "spec-kit") add(`spec-kit:${r.spec}`, r.aliases[0] ?? r.id);
  }
  const out = [];
  for (const ref of refs) {
    const ids = known.get(ref.scope);
    if (ref.scope.startsWith("spec-kit:") && !ids) continue;
    if (ids?.has(ref.id)) continue;
    const where = ref.scope === "andon" ? "in the spec set" : `in feature ${ref.scope.slice("spec-kit:".length)}`;
    out.push({ ruleId: "spec/broken-reference", message: `${ref.id} is referenced but not defined ${where}`, place: ref.place, traceTo: [ref.id] });
  }
  return out;
}
var LINK = /!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+["'][^)]*["'])?\s*\)/g;
async function brokenFileLinks(workspace, files) {
  const out = [];
  const exists = /* @__PURE__ */ new Map();
  const root = path.resolve(workspace);
  const link = new RegExp(LINK);
  for (const { file, bodyStart } of files) {
    const mask = maskOf(file);
    for (let i = bodyStart; i < file.lines.length; i++) {
      if (mask[i]) continue;
      const line = blankInlineCode(file.lines[i]);
      if (line.indexOf("](") === -1) continue;
      link.lastIndex = 0;
      for (let m = link.exec(line); m; m = link.exec(line)) {
        const target = m[1];
        if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("#") || target.startsWith("/")) continue;
        let rel;
        try {
          rel = decodeURIComponent(target.replace(/[#?].*$/, ""));
        } catch {
          rel = target;
        }
        if (!rel) continue;
        const abs = path.resolve(root, path.dirname(file.path), rel);
        const col = m.index + m[0].indexOf(target) + 1;
        const place = { path: file.path, line: i + 1, column: col, endColumn: col + target.length };
        if (!inside(root, abs)) {
          out.push({ ruleId: "spec/broken-reference", message: `link ${target} leads outside the workspace`, place });
          continue;
        }
        let p = exists.get(abs);
        if (!p) exists.set(abs, p = access(abs).then(() => true, () => false));
        if (!await p) out.push({ ruleId: "spec/broken-reference", message: `link ${target} points to a file that does not exist`, place });
      }
    }
  }
  return out;
}
var WORD = /[A-Za-z0-9_]/;
function escapeRe2(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function lexiconMatcher(lexicon) {
  const words = /* @__PURE__ */ new Map();
  for (const w of lexicon) {
    const t = w.trim();
    if (t && !words.has(t.toLowerCase())) words.set(t.toLowerCase(), t);
  }
  if (words.size === 0) return null;
  const alts = [...words.values()].sort((a, b) => b.length - a.length).map((w) => `${WORD.test(w[0]) ? "(?<![A-Za-z0-9_])" : ""}${escapeRe2(w)}${WORD.test(w[w.length - 1]) ? "(?![A-Za-z0-9_])" : ""}`);
  return { re: new RegExp(alts.join("|"), "gi"), words };
}
function ambiguousWording(files, lexicon) {
  const matcher = lexiconMatcher(lexicon);
  if (!matcher) return [];
  const { re, words } = matcher;
  const out = [];
  for (const { file, bodyStart, note } of files) {
    if (note?.startsWith("pointer")) continue;
    const mask = maskOf(file);
    for (let i = bodyStart; i < file.lines.length; i++) {
      if (mask[i]) continue;
      const line = blankInlineCode(file.lines[i]);
      re.lastIndex = 0;
      for (let m = re.exec(line); m; m = re.exec(line)) {
        const found = m[0];
        out.push({
          ruleId: "spec/ambiguous-wording",
          message: `"${found}" is ambiguous: say what can be measured or tested (lexicon word "${words.get(found.toLowerCase()) ?? found}")`,
          place: { path: file.path, line: i + 1, column: m.index + 1, endColumn: m.index + 1 + found.length },
          ...note ? { note } : {}
        });
      }
    }
  }
  return out;
}
function emptySections(files) {
  const out = [];
  for (const { file, bodyStart, note } of files) {
    if (note?.startsWith("pointer")) continue;
    const mask = maskOf(file);
    const hs = headings(file.lines, mask, bodyStart);
    hs.forEach((h, k) => {
      const next = hs[k + 1];
      const stop = next ? next.index : file.lines.length;
      if (next && next.level > h.level) return;
      for (let i = h.index + 1; i < stop; i++) if (file.lines[i].trim() !== "") return;
      out.push({
        ruleId: "spec/empty-section",
        message: `section "${h.text}" is empty`,
        place: { path: file.path, line: h.index + 1, column: h.column, endColumn: h.column + h.text.length },
        ...note ? { note } : {}
      });
    });
  }
  return out;
}
function missingCriteria(requirements) {
  return requirements.filter((r) => r.criteria === 0).map((r) => ({
    ruleId: "spec/no-acceptance-criteria",
    message: `${r.id} has no acceptance criteria (Given/When/Then or a bullet list)`,
    place: r.place,
    traceTo: [r.id]
  }));
}

// src/stages/spec/traceability.ts
import path2 from "node:path";
function isRegression(view, ids) {
  return ids ? ids.includes(view.id) : view.uses === "regression";
}
async function readRegressionTests(views) {
  const out = { tests: [], stages: [], problems: [] };
  for (const v of views) {
    const kept = [];
    try {
      await readTests(
        path2.join(v.dir, TESTS_FILE),
        (t) => {
          if (t.outcome === "absent" || t.traceTo.length === 0) return;
          kept.push({ stage: v.id, id: t.id, name: t.name || t.id, state: t.class === "flaky" ? "flaky" : t.outcome, traceTo: t.traceTo });
        },
        `${v.id}/${TESTS_FILE}`
      );
    } catch (e) {
      out.problems.push(`stage ${v.id}: ${errorMessage(e)}`);
      continue;
    }
    out.stages.push(v.id);
    for (const t of kept) out.tests.push(t);
  }
  return out;
}
function buildMatrix(requirements, tests) {
  const byId = /* @__PURE__ */ new Map();
  const byAlias = /* @__PURE__ */ new Map();
  requirements.forEach((r, i) => {
    if (!byId.has(r.id)) byId.set(r.id, i);
    for (const a of r.aliases) {
      const l = byAlias.get(a);
      if (l) l.push(i);
      else byAlias.set(a, [i]);
    }
  });
  const rows = requirements.map((r) => ({
    id: r.id,
    title: r.title,
    spec: r.spec,
    format: r.format,
    path: r.place.path,
    line: r.place.line,
    normative: r.normative,
    status: "uncovered",
    tests: []
  }));
  const unknown2 = [];
  for (const t of tests) {
    for (const ref of new Set(t.traceTo)) {
      let i = byId.get(ref);
      if (i === void 0) {
        const a = byAlias.get(ref);
        if (a && a.length === 1) i = a[0];
      }
      if (i === void 0) {
        unknown2.push({ test: t.id, stage: t.stage, traceTo: ref });
        continue;
      }
      rows[i].tests.push({ stage: t.stage, id: t.id, name: t.name, state: t.state });
    }
  }
  const counts = { covered: 0, uncovered: 0, failing: 0 };
  for (const row of rows) {
    if (row.tests.some((t) => t.state === "failed" || t.state === "errored")) row.status = "failing";
    else if (row.tests.some((t) => t.state === "passed" || t.state === "flaky")) row.status = "covered";
    else row.status = "uncovered";
    counts[row.status]++;
  }
  return { rows, unknown: unknown2, counts };
}
function coverageFindings(matrix, requireCoverage) {
  const out = [];
  for (const u of matrix.unknown) {
    out.push({ ruleId: "spec/unknown-trace", message: `test ${u.test} (stage ${u.stage}) traces to ${u.traceTo}, which no spec defines (or which is ambiguous without its feature)`, traceTo: [u.traceTo] });
  }
  if (requireCoverage === "none") return out;
  for (const row of matrix.rows) {
    if (requireCoverage === "must" && !row.normative) continue;
    const place = { path: row.path, line: row.line };
    if (row.status === "uncovered") {
      out.push({ ruleId: "spec/uncovered", message: `${row.id} (${row.title}) has no ${row.tests.length > 0 ? "passing or failing" : ""} test tracing to it`.replace("no  test", "no test"), place, traceTo: [row.id] });
    } else if (row.status === "failing") {
      const failed = row.tests.filter((t) => t.state === "failed" || t.state === "errored").map((t) => t.id);
      out.push({ ruleId: "spec/failing", message: `${row.id} (${row.title}) has failing tests in this run: ${failed.slice(0, 5).join(", ")}${failed.length > 5 ? ` and ${failed.length - 5} more` : ""}`, place, traceTo: [row.id] });
    }
  }
  return out;
}

// src/stages/spec/change-linkage.ts
var import_picomatch = __toESM(require_picomatch(), 1);
var GLOB_CHARS = /[*?[\]{}!]/;
function asGlob(p) {
  const clean = p.replace(/^\.\//, "").replace(/\/+$/, "");
  return GLOB_CHARS.test(clean) ? clean : `${clean}/**`;
}
function checkChangeLinkage(changes, codeGlobs, specGlobs, level) {
  if (changes.base === null) return { checked: false, note: changes.note ?? "no base commit known: change linkage not checked", codeChanged: [], specChanged: [] };
  const isCode = (0, import_picomatch.default)(codeGlobs.map((g) => g.replace(/^\.\//, "")), { dot: true });
  const isSpec = (0, import_picomatch.default)(specGlobs.map(asGlob), { dot: true });
  const all = [...changes.files.keys()].sort();
  const specChanged = all.filter((f) => isSpec(f));
  const codeChanged = changedFiles(changes).filter((f) => isCode(f) && !isSpec(f));
  const result = { checked: true, codeChanged, specChanged };
  if (codeChanged.length > 0 && specChanged.length === 0) {
    const shown = codeChanged.slice(0, 5).join(", ");
    result.finding = {
      ruleId: "spec/change-without-spec",
      level,
      message: `${codeChanged.length} changed file(s) under ${codeGlobs.join(", ")} with no spec or change file changed: ${shown}${codeChanged.length > 5 ? ", ..." : ""}`,
      place: { path: codeChanged[0], line: 1 }
    };
  }
  return result;
}

// src/stages/spec/index.ts
var MODEL_FILE = "spec-model.json";
var TRACE_FILE = "traceability.json";
var TRACE_RULES = ["spec/uncovered", "spec/failing", "spec/unknown-trace"];
var SpecModel = object({
  schema: literal("andon.spec-model/v1"),
  tracePending: boolean(),
  result: looseObject({ traceability: record(string(), unknown()).optional() }),
  counts: record(string(), unknown()),
  requirements: array(Requirement),
  /** The findings of run(): the engine replaces findings.sarif with what complete() returns, so it returns them all. */
  findings: array(Finding)
});
function detect(file, format) {
  if (format !== "auto") return format;
  if (openSpecRoot(file.path) !== null) return "openspec";
  const frontMatter = file.lines[0]?.trim() === "---";
  if (isSpecKitPath(file.path) && (!frontMatter || specKitRole(file.path) !== "other")) return "spec-kit";
  if (frontMatter) return "andon";
  return null;
}
function explicitOpenSpecRoot(p, configured) {
  const auto = openSpecRoot(p);
  if (auto !== null) return auto;
  const prefixes = configured.map((c) => c.replace(/^\.\//, "").replace(/\/+$/, "")).filter((c) => p.startsWith(`${c}/`));
  prefixes.sort((a, b) => b.length - a.length);
  return prefixes[0] ?? "";
}
async function toFindings(ctx, drafts) {
  const o = ctx.options;
  const kept = [];
  for (const d of drafts) {
    const override = o.rules[d.ruleId];
    if (override === "off") continue;
    const level = override ?? d.level ?? resolveLevel(d.ruleId, {});
    if (!level) continue;
    kept.push({
      stage: ctx.stage.id,
      ruleId: d.ruleId,
      level,
      message: d.message,
      traceTo: d.traceTo ?? [],
      ...d.place ? {
        location: {
          path: d.place.path,
          startLine: d.place.line,
          ...d.place.column ? { startColumn: d.place.column } : {},
          ...d.place.endColumn ? { endLine: d.place.line, endColumn: d.place.endColumn } : {}
        }
      } : {},
      ...d.note ? { note: d.note } : {}
    });
  }
  const prints = await fingerprintAll(kept, workspaceLineReader(ctx.workspace));
  return kept.map((f, i) => ({ ...f, fingerprint: prints[i], baseline: "new" }));
}
async function againstBaseline(ctx, findings, read) {
  const changes = await ctx.changes();
  const marked = changes.base === null ? findings : findings.map((f) => ({ ...f, inDiff: inChange(changes, "file", f.location?.path) }));
  const unjudged = new Set(read.kind === "ok" ? read.unjudged.map((u) => u.part) : []);
  const compared = judgeAgainstBaseline(ctx.stage.id, marked, read, (f) => unjudged.has(f.ruleId));
  return [...compared.findings.sort(compareFindings), ...compared.fixed];
}
async function loadBaseline(ctx) {
  const read = await readFindingBaseline(await ctx.baseline());
  return read.kind === "invalid" ? { invalid: read.why } : read;
}
function blocking(findings, o) {
  if (o.failOn === "none") return [];
  const rule = { failOn: o.failOn, newOnly: o.newOnly };
  return findings.filter((f) => blocksGate(f, rule));
}
function traceDoc(matrix, o, sources, completedAtEndOfLine, pending, note) {
  return {
    schema: "andon.traceability/v1",
    requireCoverage: o.requireCoverage,
    completedAtEndOfLine,
    pending,
    sources,
    ...note ? { note } : {},
    counts: matrix?.counts ?? null,
    requirements: matrix?.rows ?? [],
    unknownTraces: matrix?.unknown ?? []
  };
}
function unusable(ctx, collected, paths) {
  const o = ctx.options;
  if (collected.refused.length > 0) return `spec path(s) outside the workspace refused: ${collected.refused.join(", ")}`;
  if (collected.missing.length > 0) return `spec folder(s) not found: ${collected.missing.map((m) => path3.join(ctx.workspace, m)).join(", ")} (with.paths); nothing was validated`;
  if (collected.truncated) return `more than ${o.maxFiles} spec files under ${paths.join(", ")} (with.maxFiles); refusing to validate a partial set`;
  if (collected.files.length === 0 && collected.problems.length === 0) return `no Markdown spec files under ${paths.join(", ")}; nothing was validated`;
  return null;
}
function addTo(groups, key, file) {
  const list = groups.get(key) ?? [];
  list.push(file);
  groups.set(key, list);
}
function readSpecSet(ctx, collected, paths) {
  const o = ctx.options;
  const set = { read: emptyRead(), byFormat: { andon: 0, "spec-kit": 0, openspec: 0 }, ignored: [], openspecItems: [] };
  const features = /* @__PURE__ */ new Map();
  const roots = /* @__PURE__ */ new Map();
  const ids = andonIdPattern(o.idPrefixes);
  for (const file of collected.files) {
    const format = detect(file, o.format);
    if (!format) {
      set.ignored.push(file.path);
      continue;
    }
    set.byFormat[format]++;
    if (format === "andon") mergeReads(set.read, readAndonSpec(file, ids));
    else if (format === "spec-kit") addTo(features, specKitFeature(file.path), file);
    else addTo(roots, o.format === "openspec" ? explicitOpenSpecRoot(file.path, paths) : openSpecRoot(file.path), file);
  }
  const known = new Set(collected.files.map((f) => f.path));
  for (const [feature, files] of features) mergeReads(set.read, readSpecKitFeature(feature, files, { known, clarifyOverride: o.rules["spec/needs-clarification"] !== void 0 }));
  for (const [root, files] of roots) {
    const r = readOpenSpecRoot(root, files, collected.side);
    mergeReads(set.read, r);
    set.openspecItems.push(...r.items);
  }
  if (set.ignored.length > 0) ctx.logger.info(`${set.ignored.length} Markdown file(s) in no known spec format were not validated (e.g. ${set.ignored.slice(0, 3).join(", ")})`);
  return set;
}
async function sharedRuleDrafts(ctx, collected, read) {
  const o = ctx.options;
  const lexicon = [...o.lexicon ?? DEFAULT_LEXICON, ...o.lexiconAdd];
  return [
    ...collected.problems,
    ...read.findings,
    ...duplicateIds(read.requirements, read.docs),
    ...brokenIdRefs(read.refs, read.requirements),
    ...await brokenFileLinks(ctx.workspace, read.prose),
    ...ambiguousWording(read.prose, lexicon),
    ...emptySections(read.prose),
    ...missingCriteria(read.requirements)
  ];
}
async function traceEarlierTests(ctx, requirements) {
  const o = ctx.options;
  const earlierRegs = ctx.earlier.filter((v) => isRegression(v, o.regressionStages) && (v.state === "passed" || v.state === "failed"));
  if (earlierRegs.length === 0) return { matrix: null, sources: [], pending: true, drafts: [] };
  const tests = await readRegressionTests(earlierRegs);
  for (const p of tests.problems) ctx.logger.warn(p);
  const matrix = buildMatrix(requirements, tests.tests);
  return { matrix, sources: tests.stages, pending: false, drafts: coverageFindings(matrix, o.requireCoverage) };
}
async function linkChanges(ctx, paths) {
  const o = ctx.options;
  if (!o.changes) return null;
  const specGlobs = o.changes.specPaths ?? [...paths, "openspec/changes/**", "**/openspec/changes/**"];
  const linkage = checkChangeLinkage(await ctx.changes(), o.changes.paths, specGlobs, o.changes.level);
  if (linkage.note) ctx.logger.info(`change linkage: ${linkage.note}`);
  return linkage;
}
function specResult(o, set, trace, linkage) {
  const items = set.openspecItems;
  const openspec = items.length > 0 ? {
    items: items.length,
    passed: items.filter((i) => i.valid).length,
    failed: items.filter((i) => !i.valid).length,
    verdicts: items.map((i) => ({ root: i.root, id: i.id, type: i.type, valid: i.valid }))
  } : null;
  return {
    schema: "andon.spec-result/v1",
    formats: set.byFormat,
    ignored: set.ignored,
    specs: set.read.docs,
    openspec,
    traceability: {
      file: TRACE_FILE,
      requireCoverage: o.requireCoverage,
      sources: trace.sources,
      pending: trace.pending,
      completedAtEndOfLine: false,
      ...trace.pending ? { note: "no regression stage ran before this one: the matrix is completed at the end of the line" } : {}
    },
    changeLinkage: linkage ? { checked: linkage.checked, note: linkage.note, codeChanged: linkage.codeChanged, specChanged: linkage.specChanged } : null
  };
}
async function run(ctx) {
  const o = ctx.options;
  const unknown2 = unknownRuleIds(o.rules);
  if (unknown2.length > 0) {
    return { state: "errored", reason: `unknown rule id(s) in with.rules: ${unknown2.join(", ")} (known: ${RULES.map((r) => r.id).join(", ")})` };
  }
  const where = specPaths(ctx.workspace, o);
  if (!where.ok) return { state: "errored", reason: `${where.why}; nothing was validated` };
  const { paths } = where;
  if (where.discovered) ctx.logger.info(`specs read from ${paths.map((p) => `${p}/`).join(", ")} (found; with.paths not set)`);
  const collected = await collectSpecFiles(ctx.workspace, paths, { maxFileBytes: o.maxFileBytes, maxFiles: o.maxFiles });
  const refused = unusable(ctx, collected, paths);
  if (refused) return { state: "errored", reason: refused };
  const set = readSpecSet(ctx, collected, paths);
  const drafts = await sharedRuleDrafts(ctx, collected, set.read);
  const trace = await traceEarlierTests(ctx, set.read.requirements);
  drafts.push(...trace.drafts);
  const linkage = await linkChanges(ctx, paths);
  if (linkage?.finding) drafts.push(linkage.finding);
  const baseline = await loadBaseline(ctx);
  if ("invalid" in baseline) return { state: "errored", reason: baseline.invalid };
  const findings = await againstBaseline(ctx, await toFindings(ctx, drafts), baseline);
  const { read } = set;
  const counts = {
    specs: read.docs.length,
    requirements: read.requirements.length,
    covered: trace.matrix?.counts.covered ?? null,
    uncovered: trace.matrix?.counts.uncovered ?? null,
    failing: trace.matrix?.counts.failing ?? null
  };
  const result = specResult(o, set, trace, linkage);
  await writeFile(path3.join(ctx.outDir, TRACE_FILE), JSON.stringify(traceDoc(trace.matrix, o, trace.sources, false, trace.pending), null, 2));
  const model = { schema: "andon.spec-model/v1", tracePending: trace.pending, result, counts, requirements: read.requirements, findings };
  await writeFile(path3.join(ctx.outDir, MODEL_FILE), JSON.stringify(model));
  const failing = blocking(findings, o);
  const errors = findings.filter((f) => f.level === "error" && f.baseline !== "absent").length;
  const summary = `${read.docs.length} spec(s), ${read.requirements.length} requirement(s)`;
  return {
    state: failing.length > 0 ? "failed" : "passed",
    reason: failing.length > 0 ? `${failing.length} blocking finding(s) (${errors} error(s)) in ${summary}; first: ${failing[0].message}` : `${summary}, no blocking findings`,
    counts,
    findings,
    result,
    baseline: toBaselineFile(ctx.stage.id, findings)
  };
}
async function complete(ctx, line) {
  const o = ctx.options;
  const read = readStageFolderFile(ctx.outDir, MODEL_FILE);
  if (read.kind === "missing") return null;
  if (read.kind !== "ok") {
    ctx.logger.warn(`${MODEL_FILE} ${describeRefusal(read)}: the traceability matrix is not completed`);
    return null;
  }
  const model = SpecModel.parse(JSON.parse(read.bytes.toString("utf8")));
  if (!model.tracePending) return null;
  const me = line.findIndex((v) => v.id === ctx.stage.id);
  const later = line.filter((v, i) => i > me && isRegression(v, o.regressionStages));
  const ran = later.filter((v) => v.state === "passed" || v.state === "failed");
  const trace = model.result.traceability ?? {};
  if (later.length > 0 && ran.length === 0) {
    const note2 = `regression stage(s) ${later.map((v) => `${v.id} (${v.state})`).join(", ")} did not run: no test results to trace`;
    await writeFile(path3.join(ctx.outDir, TRACE_FILE), JSON.stringify(traceDoc(null, o, [], true, false, note2), null, 2));
    return { result: { ...model.result, traceability: { ...trace, pending: false, completedAtEndOfLine: true, note: note2 } } };
  }
  const tests = await readRegressionTests(ran);
  for (const p of tests.problems) ctx.logger.warn(p);
  const matrix = buildMatrix(model.requirements, tests.tests);
  const drafts = coverageFindings(matrix, o.requireCoverage);
  const earlier = model.findings.filter((f) => f.baseline !== "absent").map((f) => ({ ...f, baseline: "new" }));
  const baseline = await loadBaseline(ctx);
  if ("invalid" in baseline) return null;
  const findings = await againstBaseline(ctx, [...earlier, ...await toFindings(ctx, drafts)], baseline);
  const failing = blocking(findings, o);
  const note = ran.length === 0 ? "no regression stage in the line: every requirement is uncovered" : void 0;
  await writeFile(path3.join(ctx.outDir, TRACE_FILE), JSON.stringify(traceDoc(matrix, o, tests.stages, true, false, note), null, 2));
  const counts = { ...model.counts, ...matrix.counts };
  return {
    counts,
    result: { ...model.result, traceability: { ...trace, sources: tests.stages, pending: false, completedAtEndOfLine: true, ...note ? { note } : {} } },
    findings,
    baseline: toBaselineFile(ctx.stage.id, findings),
    ...failing.length > 0 ? { state: "failed", reason: `traceability completed at the end of the line: ${failing.length} blocking finding(s); first: ${failing[0].message}` } : {}
  };
}
async function judgeAtBase(ctx) {
  const outcome = await run(ctx);
  if (outcome.baseline === void 0) return { kind: "unjudged", why: outcome.reason };
  const why = "judged against the tests of a run, and no test runs at the base";
  return { kind: "judged", baseline: { ...outcome.baseline, unjudged: TRACE_RULES.map((part) => ({ part, why })) } };
}
var specStage = {
  name: "spec",
  description: SPEC_DESCRIPTION,
  options: SpecOptions,
  async inputs(options) {
    if (options.changes || options.requireCoverage !== "none") return null;
    return { files: specInputGlobs(options).map(asGlob), extra: { rules: RULES.map((r) => `${r.id}:${r.level}`) } };
  },
  run,
  complete,
  judgeAtBase
};
export {
  SpecOptions,
  specStage
};
