// OpenSpec's own verdicts (`openspec validate --all --strict`), re-derived from its documented rules: main specs and active changes.
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { fenceMask, maskOf, splitLines } from './markdown.js';

export type OpenSpecLevel = 'ERROR' | 'WARNING' | 'INFO';

export interface OpenSpecIssue {
  level: OpenSpecLevel;
  /** Path relative to the openspec root (e.g. specs/cli-init/spec.md), for locating the finding. */
  file: string;
  line?: number;
  message: string;
}

export interface OpenSpecItem {
  id: string;
  type: 'spec' | 'change';
  /** Under --strict: no ERROR and no WARNING. */
  valid: boolean;
  issues: OpenSpecIssue[];
}

/** One file of the tree; lines, mask and requirement blocks are computed once and kept on it. */
export interface TreeFile {
  text: string;
  lines: string[];
  mask?: boolean[];
  blocks?: RequirementBlock[];
}

/** Files of one openspec/ folder, keyed by path relative to it (specs/x/spec.md, changes/y/tasks.md, changes/y/.openspec.yaml). */
export type OpenSpecTree = ReadonlyMap<string, TreeFile>;

export function treeFile(text: string): TreeFile {
  return { text, lines: splitLines(text) };
}

/** The `### Requirement:` blocks of a main spec, read once per file. */
export function mainBlocksOf(file: TreeFile): RequirementBlock[] {
  return (file.blocks ??= mainRequirementBlocks(file.lines, maskOf(file)));
}

const MIN_PURPOSE_LENGTH = 50;
const MAX_REQUIREMENT_TEXT_LENGTH = 500;
const REQUIREMENT_HEADER = /^###\s*Requirement:\s*(.+)\s*$/i;
const SCENARIO_HEADER = /^####\s+/;
const HEADER_LINE = /^#{1,6}\s/;
const METADATA_LINE = /^\*\*[^*]+\*\*:/;

export function containsShallOrMust(text: string): boolean {
  return /\b(SHALL|MUST)\b/.test(text);
}

export function validateOpenSpecTree(tree: OpenSpecTree): OpenSpecItem[] {
  const specIds = new Set<string>();
  const changeIds = new Set<string>();
  for (const p of tree.keys()) {
    if (p.startsWith('specs/') && p.endsWith('/spec.md')) specIds.add(p.slice('specs/'.length, -'/spec.md'.length));
    const m = /^changes\/([^/]+)\/./.exec(p);
    if (m && m[1] !== 'archive') changeIds.add(m[1]!);
  }
  const items: OpenSpecItem[] = [];
  for (const id of [...changeIds].sort()) items.push(report(id, 'change', validateChange(tree, id)));
  for (const id of [...specIds].sort()) {
    const file = `specs/${id}/spec.md`;
    items.push(report(id, 'spec', validateMainSpec(tree.get(file)!, file)));
  }
  return items;
}

function report(id: string, type: 'spec' | 'change', issues: OpenSpecIssue[]): OpenSpecItem {
  return { id, type, valid: !issues.some((i) => i.level !== 'INFO'), issues };
}

interface Section {
  level: number;
  title: string;
  /** 0-based line of the header. */
  index: number;
  /** One past the section's last line: the next header of the same or a higher level. */
  end: number;
  children: Section[];
}

/** OpenSpec's section tree: every header owns the lines up to the next header of its level or above. */
function parseSections(lines: string[], mask: boolean[]): Section[] {
  const heads: Section[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (mask[i] || lines[i]!.charCodeAt(0) !== 35) continue;
    const m = /^(#{1,6})\s+(.+)$/.exec(lines[i]!);
    if (m) heads.push({ level: m[1]!.length, title: m[2]!.trim(), index: i, end: lines.length, children: [] });
  }
  const roots: Section[] = [];
  const stack: Section[] = [];
  for (const s of heads) {
    while (stack.length > 0 && stack[stack.length - 1]!.level >= s.level) stack.pop()!.end = s.index;
    if (stack.length === 0) roots.push(s);
    else stack[stack.length - 1]!.children.push(s);
    stack.push(s);
  }
  return roots;
}

/** The section's text as OpenSpec reads it: every line under the header, trimmed. */
function contentOf(lines: string[], s: Section): string {
  return lines.slice(s.index + 1, s.end).join('\n').trim();
}

function hasContent(lines: string[], s: Section): boolean {
  for (let i = s.index + 1; i < s.end; i++) if (lines[i]!.trim() !== '') return true;
  return false;
}

function findSection(sections: Section[], title: string): Section | undefined {
  const t = title.toLowerCase();
  for (const s of sections) {
    if (s.title.toLowerCase() === t) return s;
    const c = findSection(s.children, title);
    if (c) return c;
  }
  return undefined;
}

/** Body text of a requirement block: lines up to its first header, fences, blanks and `**meta**:` lines aside. */
function requirementBody(block: RequirementBlock): string {
  const { lines: bodyLines, mask } = block;
  const captured: string[] = [];
  const metadata: string[] = [];
  for (let i = 1; i < bodyLines.length; i++) {
    if (mask[i]) continue;
    const line = bodyLines[i]!;
    if (HEADER_LINE.test(line)) break;
    const t = line.trim();
    if (!t) continue;
    if (METADATA_LINE.test(t)) metadata.push(t);
    else captured.push(t);
  }
  return captured.length > 0 ? captured.join('\n') : metadata.join('\n');
}

function countScenarios(block: RequirementBlock): number {
  const { lines: bodyLines, mask } = block;
  let n = 0;
  for (let i = 0; i < bodyLines.length; i++) if (!mask[i] && SCENARIO_HEADER.test(bodyLines[i]!)) n++;
  return n;
}

export interface RequirementBlock {
  name: string;
  /** 0-based line of the header in the file. */
  index: number;
  lines: string[];
  /** Fence mask of the block's lines: a block starts at an unfenced header, so the file's mask applies as is. */
  mask: boolean[];
}

/** A line that can be a `### Requirement:` header: starts with # and is not a level-4 (scenario) header. */
const isHash = (line: string): boolean => line.charCodeAt(0) === 35 && line.charCodeAt(3) !== 35;

function blocksIn(lines: string[], mask: boolean[], start: number, end: number): RequirementBlock[] {
  const blocks: RequirementBlock[] = [];
  const isReq = (i: number): boolean => !mask[i] && isHash(lines[i]!) && REQUIREMENT_HEADER.test(lines[i]!);
  let i = start;
  while (i < end) {
    while (i < end && !isReq(i)) i++;
    if (i >= end) break;
    const name = REQUIREMENT_HEADER.exec(lines[i]!)![1]!.trim();
    const header = i;
    const buf = [lines[i]!];
    i++;
    while (i < end && (mask[i] || !isHash(lines[i]!) || (!REQUIREMENT_HEADER.test(lines[i]!) && !/^##\s+/.test(lines[i]!)))) buf.push(lines[i++]!);
    while (buf.length > 1 && buf[buf.length - 1]!.trim() === '') buf.pop();
    blocks.push({ name, index: header, lines: buf, mask: mask.slice(header, header + buf.length) });
  }
  return blocks;
}

/** The `### Requirement:` blocks of a main spec's `## Requirements` section. */
export function mainRequirementBlocks(lines: string[], mask: boolean[]): RequirementBlock[] {
  const at = lines.findIndex((l, i) => !mask[i] && l.charCodeAt(0) === 35 && /^##\s+Requirements\s*$/i.test(l));
  if (at === -1) return [];
  let end = lines.length;
  for (let i = at + 1; i < lines.length; i++) {
    if (!mask[i] && /^##\s+/.test(lines[i]!)) {
      end = i;
      break;
    }
  }
  return blocksIn(lines, mask, at + 1, end);
}

export function scenarioNames(block: RequirementBlock): string[] {
  const mask = block.mask;
  const names: string[] = [];
  for (let i = 0; i < block.lines.length; i++) {
    if (mask[i] || !SCENARIO_HEADER.test(block.lines[i]!)) continue;
    names.push(
      block.lines[i]!
        .replace(SCENARIO_HEADER, '')
        .replace(/[ \t]+#+[ \t]*$/, '')
        .replace(/^Scenario:\s*/i, '')
        .trim(),
    );
  }
  return names;
}

function purposeIsPlaceholder(purpose: string): boolean {
  if (!/^\s*(?:`|~|t)/i.test(purpose) && purpose.indexOf('created by archiving change') === -1) return false;
  const lines = splitLines(purpose);
  const mask = fenceMask(lines);
  const prose = lines.filter((_, i) => !mask[i]).join('\n').trim();
  if (/^(?:TBD|TODO)(?![\p{L}\p{N}\p{M}_])(?=[ \t]*(?:$|\n|[:\-–—.,;()[\]{}]))/iu.test(prose)) return true;
  const suffix = prose.indexOf('Update Purpose after archive.');
  return suffix !== -1 && prose.lastIndexOf('created by archiving change', suffix) !== -1;
}

export function validateMainSpec(tf: TreeFile, file: string): OpenSpecIssue[] {
  const lines = tf.lines;
  const mask = maskOf(tf);
  const sections = parseSections(lines, mask);
  const purpose = findSection(sections, 'Purpose');
  const reqs = findSection(sections, 'Requirements');
  const guide = 'Missing required sections. Expected headers: "## Purpose" and "## Requirements".';
  const purposeText = purpose ? contentOf(lines, purpose) : '';
  if (!purpose || !purposeText) return [{ level: 'ERROR', file, line: 1, message: `Spec must have a Purpose section. ${guide}` }];
  if (!reqs) return [{ level: 'ERROR', file, line: 1, message: `Spec must have a Requirements section. ${guide}` }];
  const issues: OpenSpecIssue[] = [];
  if (reqs.children.length === 0) issues.push({ level: 'ERROR', file, line: reqs.index + 1, message: 'Spec must have at least one requirement' });
  reqs.children.forEach((child) => {
    const scenarios = child.children.filter((c) => hasContent(lines, c));
    if (scenarios.length === 0) {
      issues.push({ level: 'ERROR', file, line: child.index + 1, message: `Requirement "${child.title}" must have at least one scenario` });
      issues.push({ level: 'WARNING', file, line: child.index + 1, message: `Requirement "${child.title}" has no scenario. Scenarios must use level-4 headers (#### Scenario: ...)` });
    }
    let text = child.title;
    for (let i = child.index + 1; i < child.end; i++) {
      const t = lines[i]!.trim();
      if (t.startsWith('#')) break;
      if (t) {
        text = t;
        break;
      }
    }
    if (text.length > MAX_REQUIREMENT_TEXT_LENGTH) {
      issues.push({ level: 'INFO', file, line: child.index + 1, message: 'Requirement text is very long (>500 characters). Consider breaking it down.' });
    }
  });
  // Structure: delta headers and requirements outside ## Requirements are invisible to OpenSpec's parser.
  const reqAt = lines.findIndex((l, i) => !mask[i] && l.charCodeAt(0) === 35 && /^##\s+Requirements\s*$/i.test(l));
  let reqEnd = lines.length;
  if (reqAt !== -1) {
    for (let i = reqAt + 1; i < lines.length; i++) {
      if (!mask[i] && /^##\s+/.test(lines[i]!)) {
        reqEnd = i;
        break;
      }
    }
  }
  for (let i = 0; i < lines.length; i++) {
    if (mask[i] || lines[i]!.charCodeAt(0) !== 35) continue;
    const l = lines[i]!;
    if (/^##\s+(ADDED|MODIFIED|REMOVED|RENAMED)\s+Requirements\s*$/i.test(l)) {
      issues.push({ level: 'ERROR', file, line: i + 1, message: `Main spec contains delta header "${l.trim()}"; delta headers belong in openspec/changes/<name>/specs/<capability>/spec.md` });
    } else if (/^###\s+Requirement:\s*(.+)\s*$/.test(l) && !(reqAt !== -1 && i > reqAt && i < reqEnd)) {
      issues.push({ level: 'ERROR', file, line: i + 1, message: `Requirement header "${l.trim()}" appears outside the ## Requirements section and is invisible to validate, list and archive` });
    }
  }
  if (purposeIsPlaceholder(purposeText)) {
    issues.push({ level: 'WARNING', file, line: purpose.index + 2, message: 'Purpose is still a placeholder (TBD/TODO); write what the capability is for' });
  } else if (purposeText.length < MIN_PURPOSE_LENGTH) {
    issues.push({ level: 'WARNING', file, line: purpose.index + 1, message: `Purpose section is too brief (less than ${MIN_PURPOSE_LENGTH} characters)` });
  }
  for (const block of mainBlocksOf(tf)) {
    const body = requirementBody(block);
    if (!body) issues.push({ level: 'ERROR', file, line: block.index + 1, message: `Requirement "${block.name}" has no requirement text; it must state what the system SHALL or MUST do` });
    else if (!containsShallOrMust(body)) issues.push({ level: 'WARNING', file, line: block.index + 1, message: `Requirement "${block.name}" should contain SHALL or MUST` });
  }
  return issues;
}

export interface DeltaPlan {
  added: RequirementBlock[];
  modified: RequirementBlock[];
  removed: { name: string; index: number }[];
  renamed: { from: string; to: string; index: number }[];
  present: { added: boolean; modified: boolean; removed: boolean; renamed: boolean };
  skipped: { header: string; section: string; index: number }[];
}

export function parseDelta(lines: string[], mask: boolean[]): DeltaPlan {
  const tops: { title: string; index: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (mask[i] || lines[i]!.charCodeAt(0) !== 35) continue;
    const m = /^##\s+(.+)$/.exec(lines[i]!);
    if (m) tops.push({ title: m[1]!.trim(), index: i });
  }
  const section = (name: string): { start: number; end: number; title: string } | null => {
    // The last section of a title wins, as a keyed lookup over all sections does.
    let found: { start: number; end: number; title: string } | null = null;
    tops.forEach((t, k) => {
      if (t.title.toLowerCase() === name.toLowerCase()) found = { start: t.index + 1, end: tops[k + 1]?.index ?? lines.length, title: t.title };
    });
    return found;
  };
  const plan: DeltaPlan = { added: [], modified: [], removed: [], renamed: [], present: { added: false, modified: false, removed: false, renamed: false }, skipped: [] };
  const a = section('ADDED Requirements');
  const mo = section('MODIFIED Requirements');
  const r = section('REMOVED Requirements');
  const rn = section('RENAMED Requirements');
  const skippedIn = (s: { start: number; end: number; title: string }): void => {
    for (let i = s.start; i < s.end; i++) {
      if (mask[i]) continue;
      const h3 = /^###\s+(.+?)\s*$/.exec(lines[i]!);
      if (h3 && !REQUIREMENT_HEADER.test(lines[i]!)) plan.skipped.push({ header: h3[1]!.trim(), section: s.title, index: i });
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
      const m = REQUIREMENT_HEADER.exec(lines[i]!) ?? /^\s*-\s*`?###\s*Requirement:\s*(.+?)`?\s*$/.exec(lines[i]!);
      if (m) plan.removed.push({ name: m[1]!.trim(), index: i });
    }
  }
  if (rn) {
    plan.present.renamed = true;
    let from: { name: string; index: number } | undefined;
    for (let i = rn.start; i < rn.end; i++) {
      if (mask[i]) continue;
      const f = /^\s*-?\s*FROM:\s*`?###\s*Requirement:\s*(.+?)`?\s*$/.exec(lines[i]!);
      const t = /^\s*-?\s*TO:\s*`?###\s*Requirement:\s*(.+?)`?\s*$/.exec(lines[i]!);
      if (f) from = { name: f[1]!.trim(), index: i };
      else if (t && from) {
        plan.renamed.push({ from: from.name, to: t[1]!.trim(), index: from.index });
        from = undefined;
      }
    }
  }
  return plan;
}

function validateChange(tree: OpenSpecTree, id: string): OpenSpecIssue[] {
  const base = `changes/${id}/`;
  const issues: OpenSpecIssue[] = [];
  let totalDeltas = 0;
  const specFiles = [...tree.keys()].filter((p) => p.startsWith(`${base}specs/`) && p.endsWith('/spec.md')).sort();
  const anySpecsFile = [...tree.keys()].some((p) => p.startsWith(`${base}specs/`));
  const rootSpec = tree.has(`${base}specs/spec.md`);
  if (rootSpec) {
    issues.push({ level: 'ERROR', file: `${base}specs/spec.md`, line: 1, message: 'Delta spec found at specs/spec.md; delta specs must live under a capability path (specs/<capability>/spec.md)' });
  }
  for (const file of specFiles) {
    if (file === `${base}specs/spec.md`) continue;
    const capability = file.slice(`${base}specs/`.length, -'/spec.md'.length);
    const entry = `${capability}/spec.md`;
    const tf = tree.get(file)!;
    const lines = tf.lines;
    const mask = maskOf(tf);
    const plan = parseDelta(lines, mask);
    for (const s of plan.skipped) {
      issues.push({ level: 'INFO', file, line: s.index + 1, message: `${entry}: header "### ${s.header}" in ${s.section} is not a "### Requirement:" header and is ignored` });
    }
    const entries = plan.added.length + plan.modified.length + plan.removed.length + plan.renamed.length;
    if (entries === 0) {
      const present = Object.values(plan.present).some(Boolean);
      issues.push({
        level: 'ERROR',
        file,
        line: 1,
        message: present
          ? `${entry}: delta sections were found, but no requirement entries parsed; each section needs at least one "### Requirement:" block`
          : `${entry}: no delta sections found; add headers such as "## ADDED Requirements"`,
      });
    }
    const added = new Set<string>();
    const modified = new Set<string>();
    const removed = new Set<string>();
    const renamedFrom = new Set<string>();
    const renamedTo = new Set<string>();
    const checkBlock = (op: 'ADDED' | 'MODIFIED', block: RequirementBlock, seen: Set<string>): void => {
      totalDeltas++;
      const line = block.index + 1;
      if (seen.has(block.name)) issues.push({ level: 'ERROR', file, line, message: `${entry}: duplicate requirement in ${op}: "${block.name}"` });
      seen.add(block.name);
      const body = requirementBody(block);
      if (!body) issues.push({ level: 'ERROR', file, line, message: `${entry}: ${op} "${block.name}" is missing requirement text` });
      else if (!containsShallOrMust(body)) issues.push({ level: 'WARNING', file, line, message: `${entry}: ${op} "${block.name}" should contain SHALL or MUST` });
      if (countScenarios(block) < 1) issues.push({ level: 'ERROR', file, line, message: `${entry}: ${op} "${block.name}" must include at least one scenario` });
    };
    for (const b of plan.added) checkBlock('ADDED', b, added);
    for (const b of plan.modified) checkBlock('MODIFIED', b, modified);
    if (plan.modified.length > 0) issues.push(...scenarioLoss(tree, capability, plan, file, entry));
    for (const r of plan.removed) {
      totalDeltas++;
      if (removed.has(r.name)) issues.push({ level: 'ERROR', file, line: r.index + 1, message: `${entry}: duplicate requirement in REMOVED: "${r.name}"` });
      removed.add(r.name);
    }
    for (const r of plan.renamed) {
      totalDeltas++;
      if (renamedFrom.has(r.from)) issues.push({ level: 'ERROR', file, line: r.index + 1, message: `${entry}: duplicate FROM in RENAMED: "${r.from}"` });
      if (renamedTo.has(r.to)) issues.push({ level: 'ERROR', file, line: r.index + 1, message: `${entry}: duplicate TO in RENAMED: "${r.to}"` });
      renamedFrom.add(r.from);
      renamedTo.add(r.to);
    }
    for (const n of modified) {
      if (removed.has(n)) issues.push({ level: 'ERROR', file, line: 1, message: `${entry}: requirement present in both MODIFIED and REMOVED: "${n}"` });
      if (added.has(n)) issues.push({ level: 'ERROR', file, line: 1, message: `${entry}: requirement present in both MODIFIED and ADDED: "${n}"` });
    }
    for (const n of added) if (removed.has(n)) issues.push({ level: 'ERROR', file, line: 1, message: `${entry}: requirement present in both ADDED and REMOVED: "${n}"` });
    const fold = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, ' ');
    for (const r of plan.renamed) {
      if (modified.has(r.from)) issues.push({ level: 'ERROR', file, line: r.index + 1, message: `${entry}: MODIFIED references old name from RENAMED; use the new header "${r.to}"` });
      if (added.has(r.to)) issues.push({ level: 'ERROR', file, line: r.index + 1, message: `${entry}: RENAMED TO collides with ADDED for "${r.to}"` });
      if ([...removed].some((x) => fold(x) === fold(r.from))) issues.push({ level: 'ERROR', file, line: r.index + 1, message: `${entry}: requirement present in both RENAMED and REMOVED: "${r.from}"` });
    }
  }
  const meta = readChangeMeta(tree.get(`${base}.openspec.yaml`)?.text);
  if (meta.skipSpecs && anySpecsFile) {
    issues.push({ level: 'ERROR', file: `${base}.openspec.yaml`, line: 1, message: 'The change declares skip_specs but has files under specs/; remove one or the other' });
  }
  if (totalDeltas === 0 && !rootSpec && !meta.skipSpecs) {
    issues.push({
      level: 'ERROR',
      file: tree.has(`${base}proposal.md`) ? `${base}proposal.md` : base,
      line: 1,
      message: 'Change must have at least one delta. No deltas found: add specs/<capability>/spec.md with ## ADDED/MODIFIED/REMOVED/RENAMED Requirements, each requirement with at least one "#### Scenario:"',
    });
  }
  if (meta.schema === 'spec-driven' || meta.schema === undefined) {
    const tasks = tree.get(`${base}tasks.md`);
    if (tasks !== undefined) issues.push(...taskNumbering(tasks.text, `${base}tasks.md`));
  }
  return issues;
}

/** The keys of a change's .openspec.yaml that validation reads; anything else in them is ignored, as OpenSpec does. */
const ChangeMeta = z.object({ schema: z.string().optional().catch(undefined), skip_specs: z.boolean().optional().catch(undefined) });

function readChangeMeta(text: string | undefined): { schema?: string; skipSpecs: boolean } {
  if (text === undefined) return { skipSpecs: false };
  try {
    const meta = ChangeMeta.safeParse(parseYaml(text, { maxAliasCount: 50 }));
    if (!meta.success) return { skipSpecs: false };
    return { schema: meta.data.schema, skipSpecs: meta.data.skip_specs === true && meta.data.schema !== undefined };
  } catch {
    return { skipSpecs: false };
  }
}

/** What archive refuses: a MODIFIED block that drops a scenario the current main spec still has. */
function scenarioLoss(tree: OpenSpecTree, capability: string, plan: DeltaPlan, file: string, entry: string): OpenSpecIssue[] {
  const main = tree.get(`specs/${capability}/spec.md`);
  if (main === undefined) return [];
  const current = new Map<string, RequirementBlock>();
  for (const b of mainBlocksOf(main)) current.set(b.name, b);
  const renamedFrom = new Map(plan.renamed.map((r) => [r.to, r.from]));
  const renamedAway = new Set(plan.renamed.map((r) => r.from));
  const issues: OpenSpecIssue[] = [];
  // Archive stops at the first header it cannot find, so only that one is worth saying.
  let notFoundSaid = false;
  for (const block of plan.modified) {
    if (renamedAway.has(block.name)) continue;
    let key: string | undefined = block.name;
    const visited = new Set<string>();
    let cur: RequirementBlock | undefined;
    while (key !== undefined && !visited.has(key)) {
      cur = current.get(key);
      if (cur) break;
      visited.add(key);
      key = renamedFrom.get(key);
    }
    if (!cur) {
      if (notFoundSaid) continue;
      notFoundSaid = true;
      issues.push({ level: 'INFO', file, line: block.index + 1, message: `${entry}: archive would refuse this delta: MODIFIED header "### Requirement: ${block.name}" not found in specs/${capability}/spec.md` });
      continue;
    }
    const incoming = new Map<string, number>();
    const mine = scenarioNames(block);
    for (const n of mine) incoming.set(n, (incoming.get(n) ?? 0) + 1);
    const theirs = scenarioNames(cur);
    const missing: string[] = [];
    for (const n of theirs) {
      const left = incoming.get(n) ?? 0;
      if (left > 0) incoming.set(n, left - 1);
      else missing.push(n);
    }
    if (missing.length === 0) continue;
    issues.push({
      level: 'ERROR',
      file,
      line: block.index + 1,
      message:
        `${entry}: MODIFIED "${block.name}" omits scenario(s) the current spec still has: ${missing.map((n) => `"${n}"`).join(', ')}. ` +
        `The modified block has ${mine.length}, the current spec ${theirs.length}. A MODIFIED requirement replaces the whole block, so archive refuses to drop them.`,
    });
  }
  return issues;
}

function taskNumbering(content: string, file: string): OpenSpecIssue[] {
  const lines = content.split('\n');
  const GROUP = /^ {0,3}##[ \t]+(\d+)\.(?:[ \t]|\r?$)/;
  const H2 = /^ {0,3}##(?!#)(?:[ \t]+|[ \t]*\r?$)/;
  if (!lines.some((l) => GROUP.test(l))) return [];
  const issues: OpenSpecIssue[] = [];
  const first = new Map<string, number>();
  let group: string | undefined;
  lines.forEach((line, i) => {
    if (H2.test(line)) group = GROUP.exec(line)?.[1];
    const task = /^\s*[-*]\s+\[[ xX]\]\s+(.*)$/.exec(line);
    const id = task ? /^(\d+(?:\.\d+)+(?:[A-Za-z]+)?)(?=\s|$)/.exec(task[1]!.trim())?.[1] : undefined;
    if (!id) return;
    const taskGroup = id.split('.')[0]!.replace(/^0+(?=\d)/, '');
    const cur = group?.replace(/^0+(?=\d)/, '');
    if (cur !== undefined && taskGroup !== cur) {
      issues.push({ level: 'WARNING', file, line: i + 1, message: `Task "${id}" is under group ${group}, but its number points to group ${id.split('.')[0]}` });
    }
    const seen = first.get(id);
    if (seen !== undefined) issues.push({ level: 'WARNING', file, line: i + 1, message: `Task ID "${id}" is duplicated; first declared on line ${seen}` });
    else first.set(id, i + 1);
  });
  return issues;
}
