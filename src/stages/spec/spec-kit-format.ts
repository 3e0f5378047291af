// The spec-kit format: feature specs (stories, FR/SC ids, clarification markers), tasks.md ids and story labels, plan.md presence.
import type { Requirement, SpecFile } from './model.js';
import { emptyRead, NORMATIVE, type FormatRead } from './format-result.js';
import { blankInlineCode, headings, maskOf, readFrontMatter, sectionEnd } from './markdown.js';

export type SpecKitRole = 'spec' | 'tasks' | 'plan' | 'other';

/** Statuses under which an open clarification is an error: the spec claims to be settled. */
const SETTLED = new Set(['ready', 'approved', 'accepted', 'implemented', 'complete', 'completed', 'done', 'final']);

const FEATURE_DIR = /(?:^|\/)(\d{3,}-[^/]+)\/[^/]+$/;
const FEATURE_FILE = /(?:^|\/)(\d{3,}-[^/]+)\.md$/;

export function specKitRole(p: string): SpecKitRole {
  const base = p.slice(p.lastIndexOf('/') + 1);
  if (base === 'spec.md' || base === 'spec-template.md' || FEATURE_FILE.test(p)) return 'spec';
  if (base === 'tasks.md' || base === 'tasks-template.md') return 'tasks';
  if (base === 'plan.md' || base === 'plan-template.md') return 'plan';
  return 'other';
}

/** The feature a file belongs to: its NNN-name folder, the NNN-name of a top-level spec, else its folder. */
export function specKitFeature(p: string): string {
  const f = FEATURE_FILE.exec(p);
  if (f && !p.endsWith('/spec.md')) return f[1]!;
  const d = FEATURE_DIR.exec(p);
  if (d) return d[1]!;
  const dir = p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '.';
  return dir.slice(dir.lastIndexOf('/') + 1) || '.';
}

export function isSpecKitPath(p: string): boolean {
  return FEATURE_DIR.test(p) || (FEATURE_FILE.test(p) && /(?:^|\/)specs\/[^/]+$/.test(p));
}

function statusOf(lines: readonly string[]): { status?: string; line?: number } {
  const fm = readFrontMatter(lines);
  if (fm.kind === 'ok' && typeof fm.data.status === 'string') return { status: fm.data.status.toLowerCase(), line: fm.keyLines.get('status') };
  for (let i = 0; i < Math.min(lines.length, 40); i++) {
    const m = /^\s*(?:>\s*)?(?:\*\*)?Status(?:\*\*)?\s*:\s*(?:\*\*)?\s*([A-Za-z-]+)/.exec(lines[i]!);
    if (m) return { status: m[1]!.toLowerCase(), line: i + 1 };
  }
  return {};
}

/** A feature-folder spec.md that only points at the canonical top-level spec file (a pointer stub). */
function pointerTarget(file: SpecFile, known: ReadonlySet<string>): string | null {
  if (!file.path.endsWith('/spec.md')) return null;
  if (file.lines.some((l) => /^##\s/.test(l))) return null;
  const dir = file.path.slice(0, file.path.lastIndexOf('/'));
  const parent = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '';
  const canonical = `${parent ? `${parent}/` : ''}${dir.slice(dir.lastIndexOf('/') + 1)}.md`;
  return known.has(canonical) && file.text.includes(canonical.slice(canonical.lastIndexOf('/') + 1)) ? canonical : null;
}

const MANDATORY = ['User Scenarios & Testing', 'Requirements', 'Success Criteria'];
const STORY = /^(?:User Story\s+(\d+)|US-?(\d+))\b\s*[-:–—]?\s*(.*)$/i;
const ID_DEF_BOLD = /^\s*(?:[-*+]\s+)?\*\*((?:FR|SC)-\d+)\*\*\s*:?\s*(.*)$/;
const ID_DEF_TABLE = /^\s*\|\s*\**((?:FR|SC)-\d+)\**\s*\|(.*)$/;
const ID_ANY = /\b(?:FR|SC)-\d+\b/g;
const CLARIFY = /\[NEEDS CLARIFICATION:[^\]]*\]/g;

export interface SpecKitContext {
  /** Every collected path, to find plan.md and canonical specs. */
  known: ReadonlySet<string>;
  /** Rule override for needs-clarification, when the user set one. */
  clarifyOverride: boolean;
}

/** Reads one feature (all its files) so tasks can be checked against the stories of its spec. */
export function readSpecKitFeature(feature: string, files: readonly SpecFile[], ctx: SpecKitContext): FormatRead {
  const read = emptyRead();
  const stories = new Set<string>();
  let specSeen = false;
  for (const file of files.filter((f) => specKitRole(f.path) === 'spec')) {
    const target = pointerTarget(file, ctx.known);
    if (target) {
      read.prose.push({ file, bodyStart: 0, note: `pointer to ${target}` });
      continue;
    }
    specSeen = true;
    readSpec(feature, file, ctx, read, stories);
  }
  for (const file of files.filter((f) => specKitRole(f.path) === 'tasks')) readTasks(feature, file, read, specSeen ? stories : null);
  for (const file of files.filter((f) => specKitRole(f.path) !== 'spec')) collectRefs(feature, file, read);
  const specFile = files.find((f) => specKitRole(f.path) === 'spec' && !f.path.endsWith('-template.md'));
  if (specFile) {
    const dir = specFile.path.endsWith('/spec.md') ? specFile.path.slice(0, specFile.path.lastIndexOf('/')) : specFile.path.slice(0, -'.md'.length);
    if (!ctx.known.has(`${dir}/plan.md`)) {
      read.findings.push({ ruleId: 'spec/plan-missing', message: `spec-kit feature ${feature} has no plan.md (expected ${dir}/plan.md)`, place: { path: specFile.path, line: 1 } });
    }
  }
  return read;
}

function readSpec(feature: string, file: SpecFile, ctx: SpecKitContext, read: FormatRead, stories: Set<string>): void {
  const { lines, path } = file;
  const fm = readFrontMatter(lines);
  const bodyStart = fm.kind === 'ok' ? fm.bodyStart : 0;
  const mask = maskOf(file);
  const hs = headings(lines, mask, bodyStart);
  const { status } = statusOf(lines);
  const clarify = new RegExp(CLARIFY);
  read.docs.push({ id: feature, format: 'spec-kit', path, ...(status ? { status } : {}) });
  read.prose.push({ file, bodyStart });

  const h2 = hs.filter((h) => h.level === 2).map((h) => h.text.replace(/\*\([^)]*\)\*/g, '').trim().toLowerCase());
  for (const name of MANDATORY) {
    if (!h2.some((t) => t.startsWith(name.toLowerCase()))) {
      read.findings.push({ ruleId: 'spec/missing-section', message: `spec-kit spec ${path} has no "## ${name}" section (mandatory)`, place: { path, line: 1 } });
    }
  }
  hs.forEach((h, k) => {
    const m = STORY.exec(h.text);
    if (!m || h.level < 3) return;
    const n = m[1] ?? m[2]!;
    const id = `US${Number(n)}`;
    const end = sectionEnd(hs, k, lines.length);
    const pr = /\((?:Priority:\s*)?(P\d)\)/i.exec(h.text)?.[1]?.toUpperCase();
    let criteria = 0;
    for (let i = h.index + 1; i < end; i++) if (!mask[i] && /^\s*(?:[-*+]\s+|\d+\.\s+)?(?:\*\*|__)?Given\b/i.test(lines[i]!)) criteria++;
    stories.add(id);
    read.requirements.push(req(feature, id, m[3]!.replace(/\((?:Priority:\s*)?P\d\)/i, '').trim() || id, path, h.index + 1, h.column, pr === 'P0' || pr === 'P1', criteria));
  });
  for (let i = bodyStart; i < lines.length; i++) {
    if (mask[i]) continue;
    const line = lines[i]!;
    const def = ID_DEF_BOLD.exec(line) ?? ID_DEF_TABLE.exec(line);
    if (def) {
      const id = def[1]!;
      const rest = def[2]!;
      const col = line.indexOf(id) + 1;
      read.requirements.push(req(feature, id, rest.replace(/\|.*$/, '').trim() || id, path, i + 1, col, NORMATIVE.test(rest) || /\|\s*P[01]\s*\|?\s*$/.test(line), null));
    }
    clarify.lastIndex = 0;
    for (let m = clarify.exec(line); m; m = clarify.exec(line)) {
      const settled = status !== undefined && SETTLED.has(status);
      read.findings.push({
        ruleId: 'spec/needs-clarification',
        message: `unresolved ${m[0].length > 80 ? `${m[0].slice(0, 77)}...` : m[0]}${settled ? ` in a spec whose status is ${status}` : ''}`,
        place: { path, line: i + 1, column: m.index + 1, endColumn: m.index + 1 + m[0].length },
        ...(settled && !ctx.clarifyOverride ? { level: 'error' as const } : {}),
      });
    }
  }
  collectRefs(feature, file, read);
}

function req(feature: string, id: string, title: string, path: string, line: number, column: number, normative: boolean, criteria: number | null): Requirement {
  // Tests name stories either way: US1 (tasks.md labels) or US-1 (the regression stage's default trace pattern).
  const story = /^US(\d+)$/.exec(id);
  return {
    id: `${feature}/${id}`,
    aliases: story ? [id, `US-${story[1]}`] : [id],
    title,
    format: 'spec-kit',
    place: { path, line, column, endColumn: column + id.length },
    normative,
    criteria,
    spec: feature,
  };
}

function collectRefs(feature: string, file: SpecFile, read: FormatRead): void {
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

const TASK = /^\s*[-*]\s+\[[ xX]\]\s+(T\d+)\b(.*)$/;

function readTasks(feature: string, file: SpecFile, read: FormatRead, stories: ReadonlySet<string> | null): void {
  const mask = maskOf(file);
  const first = new Map<string, number>();
  file.lines.forEach((line, i) => {
    if (mask[i]) return;
    const m = TASK.exec(line);
    if (!m) return;
    const id = m[1]!;
    const col = line.indexOf(id) + 1;
    const seen = first.get(id);
    if (seen !== undefined) {
      read.findings.push({ ruleId: 'spec/task-id', message: `task ${id} is declared twice in ${file.path} (first on line ${seen})`, place: { path: file.path, line: i + 1, column: col, endColumn: col + id.length } });
    } else first.set(id, i + 1);
    if (!stories || stories.size === 0) return;
    for (const s of m[2]!.matchAll(/\[(US-?\d+)\]/g)) {
      const sid = `US${Number(s[1]!.replace(/^US-?/, ''))}`;
      if (!stories.has(sid)) {
        const c = line.indexOf(s[0]) + 1;
        read.findings.push({ ruleId: 'spec/task-id', message: `task ${id} names story ${s[1]}, which the spec of ${feature} does not define`, place: { path: file.path, line: i + 1, column: c, endColumn: c + s[0].length } });
      }
    }
  });
}
