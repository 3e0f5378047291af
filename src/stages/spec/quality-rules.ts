// Rules every format shares: duplicate ids, broken id and file references, ambiguous wording, missing criteria, empty sections.
import { access } from 'node:fs/promises';
import path from 'node:path';
import type { DraftFinding, Requirement, SpecDocument, SpecFile } from './model.js';
import type { IdRef } from './format-result.js';
import { blankInlineCode, headings, maskOf } from './markdown.js';
import { inside } from './spec-files.js';

export function duplicateIds(requirements: readonly Requirement[], docs: readonly SpecDocument[]): DraftFinding[] {
  const out: DraftFinding[] = [];
  const first = new Map<string, Requirement>();
  for (const r of requirements) {
    const prev = first.get(r.id);
    if (prev) {
      out.push({
        ruleId: 'spec/duplicate-id',
        message: `requirement id ${r.id} is defined again (first at ${prev.place.path}:${prev.place.line})`,
        place: r.place,
        traceTo: [r.id],
      });
    } else first.set(r.id, r);
  }
  const firstDoc = new Map<string, SpecDocument>();
  for (const d of docs) {
    if (d.format !== 'andon') continue;
    const prev = firstDoc.get(d.id);
    if (prev) out.push({ ruleId: 'spec/duplicate-id', message: `spec id ${d.id} is used again (first in ${prev.path})`, place: { path: d.path, line: 1 } });
    else firstDoc.set(d.id, d);
  }
  return out;
}

export function brokenIdRefs(refs: readonly IdRef[], requirements: readonly Requirement[]): DraftFinding[] {
  const known = new Map<string, Set<string>>();
  const add = (scope: string, id: string): void => {
    let s = known.get(scope);
    if (!s) known.set(scope, (s = new Set()));
    s.add(id);
  };
  for (const r of requirements) {
    if (r.format === 'andon') add('andon', r.id);
    else if (r.format === 'spec-kit') add(`spec-kit:${r.spec}`, r.aliases[0] ?? r.id);
  }
  const out: DraftFinding[] = [];
  for (const ref of refs) {
    const ids = known.get(ref.scope);
    // A spec-kit feature whose spec defines no ids at all (a template, tasks only) has nothing to check against.
    if (ref.scope.startsWith('spec-kit:') && !ids) continue;
    if (ids?.has(ref.id)) continue;
    const where = ref.scope === 'andon' ? 'in the spec set' : `in feature ${ref.scope.slice('spec-kit:'.length)}`;
    out.push({ ruleId: 'spec/broken-reference', message: `${ref.id} is referenced but not defined ${where}`, place: ref.place, traceTo: [ref.id] });
  }
  return out;
}

const LINK = /!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+["'][^)]*["'])?\s*\)/g;

export async function brokenFileLinks(workspace: string, files: readonly { file: SpecFile; bodyStart: number }[]): Promise<DraftFinding[]> {
  const out: DraftFinding[] = [];
  const exists = new Map<string, Promise<boolean>>();
  const root = path.resolve(workspace);
  // A pattern of this call's own: a global regex carries lastIndex, so none is shared between calls.
  const link = new RegExp(LINK);
  for (const { file, bodyStart } of files) {
    const mask = maskOf(file);
    for (let i = bodyStart; i < file.lines.length; i++) {
      if (mask[i]) continue;
      const line = blankInlineCode(file.lines[i]!);
      if (line.indexOf('](') === -1) continue;
      link.lastIndex = 0;
      for (let m = link.exec(line); m; m = link.exec(line)) {
        const target = m[1]!;
        if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#') || target.startsWith('/')) continue;
        let rel: string;
        try {
          rel = decodeURIComponent(target.replace(/[#?].*$/, ''));
        } catch {
          rel = target;
        }
        if (!rel) continue;
        const abs = path.resolve(root, path.dirname(file.path), rel);
        const col = m.index + m[0].indexOf(target) + 1;
        const place = { path: file.path, line: i + 1, column: col, endColumn: col + target.length };
        if (!inside(root, abs)) {
          out.push({ ruleId: 'spec/broken-reference', message: `link ${target} leads outside the workspace`, place });
          continue;
        }
        let p = exists.get(abs);
        if (!p) exists.set(abs, (p = access(abs).then(() => true, () => false)));
        if (!(await p)) out.push({ ruleId: 'spec/broken-reference', message: `link ${target} points to a file that does not exist`, place });
      }
    }
  }
  return out;
}

const WORD = /[A-Za-z0-9_]/;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * One case-insensitive alternation of the lexicon's words, each escaped to a literal and word-bounded where it
 * starts or ends with a word character. Literals only: no user text ever becomes a pattern, so no backtracking trap.
 */
export function lexiconMatcher(lexicon: readonly string[]): { re: RegExp; words: Map<string, string> } | null {
  const words = new Map<string, string>();
  for (const w of lexicon) {
    const t = w.trim();
    if (t && !words.has(t.toLowerCase())) words.set(t.toLowerCase(), t);
  }
  if (words.size === 0) return null;
  // Longest first, so "as needed" wins over a shorter word it contains.
  const alts = [...words.values()]
    .sort((a, b) => b.length - a.length)
    .map((w) => `${WORD.test(w[0]!) ? '(?<![A-Za-z0-9_])' : ''}${escapeRe(w)}${WORD.test(w[w.length - 1]!) ? '(?![A-Za-z0-9_])' : ''}`);
  return { re: new RegExp(alts.join('|'), 'gi'), words };
}

export function ambiguousWording(files: readonly { file: SpecFile; bodyStart: number; note?: string }[], lexicon: readonly string[]): DraftFinding[] {
  const matcher = lexiconMatcher(lexicon);
  if (!matcher) return [];
  const { re, words } = matcher;
  const out: DraftFinding[] = [];
  for (const { file, bodyStart, note } of files) {
    if (note?.startsWith('pointer')) continue;
    const mask = maskOf(file);
    for (let i = bodyStart; i < file.lines.length; i++) {
      if (mask[i]) continue;
      const line = blankInlineCode(file.lines[i]!);
      re.lastIndex = 0;
      for (let m = re.exec(line); m; m = re.exec(line)) {
        const found = m[0];
        out.push({
          ruleId: 'spec/ambiguous-wording',
          message: `"${found}" is ambiguous: say what can be measured or tested (lexicon word "${words.get(found.toLowerCase()) ?? found}")`,
          place: { path: file.path, line: i + 1, column: m.index + 1, endColumn: m.index + 1 + found.length },
          ...(note ? { note } : {}),
        });
      }
    }
  }
  return out;
}

export function emptySections(files: readonly { file: SpecFile; bodyStart: number; note?: string }[]): DraftFinding[] {
  const out: DraftFinding[] = [];
  for (const { file, bodyStart, note } of files) {
    if (note?.startsWith('pointer')) continue;
    const mask = maskOf(file);
    const hs = headings(file.lines, mask, bodyStart);
    hs.forEach((h, k) => {
      const next = hs[k + 1];
      const stop = next ? next.index : file.lines.length;
      if (next && next.level > h.level) return;
      for (let i = h.index + 1; i < stop; i++) if (file.lines[i]!.trim() !== '') return;
      out.push({
        ruleId: 'spec/empty-section',
        message: `section "${h.text}" is empty`,
        place: { path: file.path, line: h.index + 1, column: h.column, endColumn: h.column + h.text.length },
        ...(note ? { note } : {}),
      });
    });
  }
  return out;
}

export function missingCriteria(requirements: readonly Requirement[]): DraftFinding[] {
  return requirements
    .filter((r) => r.criteria === 0)
    .map((r) => ({
      ruleId: 'spec/no-acceptance-criteria',
      message: `${r.id} has no acceptance criteria (Given/When/Then or a bullet list)`,
      place: r.place,
      traceTo: [r.id],
    }));
}
