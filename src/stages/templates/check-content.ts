// The `content` rule: headers, Markdown headings in order, patterns forbidden or required in a file's text.
import { lineStarts } from '../../core/text-position.js';
import type { CheckSession, Report } from './check-session.js';
import type { CompiledRule } from './rule-set.js';
import { findAll, matches } from './user-pattern.js';

type ContentRule = Extract<CompiledRule, { kind: 'content' }>;

export function checkContent(rule: ContentRule, s: CheckSession): void {
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

/** Markdown ATX headings outside fenced code, normalised: `##  Decision ` → `## Decision`. */
export function headingsOf(text: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  let fence: string | null = null;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!.replace(/\r$/, '');
    const f = /^\s{0,3}(`{3,}|~{3,})/.exec(l);
    if (f) {
      if (fence === null) fence = f[1]![0]!;
      else if (f[1]![0] === fence) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const h = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(l);
    if (h) out.push({ text: `${h[1]} ${h[2]!.replace(/\s+/g, ' ')}`, line: i + 1 });
  }
  return out;
}

function normaliseHeading(h: string): string {
  const m = /^\s*(#{1,6})\s+(.*?)\s*$/.exec(h);
  return m ? `${m[1]} ${m[2]!.replace(/\s+/g, ' ')}` : h.trim();
}

function checkText(rule: ContentRule, file: string, raw: string, report: Report): void {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  let starts: number[] | undefined;
  const getStarts = (): number[] => (starts ??= lineStarts(text));
  if (rule.rule.header !== undefined) {
    const body = text.startsWith('#!') ? text.slice(text.indexOf('\n') + 1) : text;
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
      report({ path: file, line: m.line, column: m.column, message: `${p.message ?? rule.message}: /${p.source}/ matches "${m.text.split('\n')[0]}"` });
    }
  }
  for (const p of rule.require) {
    if (!matches(p, text)) report({ path: file, message: `${p.message ?? rule.message}: ${file} has nothing matching /${p.source}/` });
  }
}
