// The Andon spec format: YAML front matter (id, title, status) and requirements as headings or bold ids with acceptance criteria.
import { z } from 'zod';
import type { Requirement, SpecFile } from './model.js';
import { emptyRead, BULLET, GWT, NORMATIVE, type FormatRead } from './format-result.js';
import { blankInlineCode, headings, maskOf, readFrontMatter, sectionEnd } from './markdown.js';

export const AndonFrontMatter = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  status: z.enum(['draft', 'ready', 'done']),
});

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface AndonIdPattern {
  /** Matches an id anywhere (global). */
  any: RegExp;
  heading: RegExp;
  bold: RegExp;
}

export function andonIdPattern(prefixes: readonly string[]): AndonIdPattern {
  const alt = prefixes.map(escapeRe).join('|');
  return {
    any: new RegExp(`\\b(?:${alt})-\\d+\\b`, 'g'),
    heading: new RegExp(`^((?:${alt})-\\d+)\\b[\\s:.\\-–—]*(.*)$`),
    bold: new RegExp(`^(\\s*(?:[-*+]\\s+)?)\\*\\*((?:${alt})-\\d+)\\*\\*[\\s:.\\-–—]*(.*)$`),
  };
}

export function readAndonSpec(file: SpecFile, ids: AndonIdPattern): FormatRead {
  const read = emptyRead();
  const { lines, path } = file;
  const fm = readFrontMatter(lines);
  let bodyStart = 0;
  let specId = path;
  let status: string | undefined;
  if (fm.kind === 'invalid') {
    read.findings.push({ ruleId: 'spec/front-matter', message: `${path}:${fm.line}:${fm.column}: ${fm.message}`, place: { path, line: fm.line, column: fm.column } });
    return read;
  }
  if (fm.kind === 'none') {
    read.findings.push({ ruleId: 'spec/front-matter', message: `${path}:1:1: an Andon spec starts with YAML front matter (--- id, title, status ---)`, place: { path, line: 1, column: 1 } });
  } else {
    bodyStart = fm.bodyStart;
    const parsed = AndonFrontMatter.safeParse(fm.data);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? '');
        const line = fm.keyLines.get(key) ?? 1;
        const what = issue.code === 'invalid_value' ? `must be one of draft, ready, done` : issue.message.toLowerCase();
        read.findings.push({ ruleId: 'spec/front-matter', message: `${path}:${line}:1: front matter "${key}" ${fm.keyLines.has(key) ? what : 'is missing'}`, place: { path, line, column: 1 } });
      }
    }
    const data = fm.data;
    if (typeof data.id === 'string' && data.id) specId = data.id;
    if (typeof data.status === 'string') status = data.status;
  }
  read.docs.push({ id: specId, format: 'andon', path, ...(status ? { status } : {}) });
  read.prose.push({ file, bodyStart });

  const mask = maskOf(file);
  const hs = headings(lines, mask, bodyStart);
  // Requirement starts: headings whose text begins with an id, and bold ids opening a line or list item.
  const starts: { index: number; id: string; title: string; column: number; end: number; kind: 'heading' | 'bold' }[] = [];
  hs.forEach((h, k) => {
    const m = ids.heading.exec(h.text);
    if (m) starts.push({ index: h.index, id: m[1]!, title: m[2]!.trim() || m[1]!, column: h.column, end: sectionEnd(hs, k, lines.length), kind: 'heading' });
  });
  for (let i = bodyStart; i < lines.length; i++) {
    if (mask[i]) continue;
    const m = ids.bold.exec(lines[i]!);
    if (m) starts.push({ index: i, id: m[2]!, title: m[3]!.trim() || m[2]!, column: m[1]!.length + 3, end: lines.length, kind: 'bold' });
  }
  starts.sort((a, b) => a.index - b.index);
  const headingAt = new Set(hs.map((h) => h.index));
  starts.forEach((s, k) => {
    let end = s.end;
    const next = starts[k + 1];
    if (next && next.index < end) end = next.index;
    if (s.kind === 'bold') {
      for (let i = s.index + 1; i < end; i++) if (headingAt.has(i)) { end = i; break; }
    }
    let criteria = 0;
    let normative = NORMATIVE.test(s.title);
    for (let i = s.index + 1; i < end; i++) {
      if (mask[i] || headingAt.has(i)) continue;
      const l = lines[i]!;
      if (GWT.test(l) || BULLET.test(l)) criteria++;
      if (!normative && NORMATIVE.test(l)) normative = true;
    }
    const req: Requirement = {
      id: s.id,
      aliases: [],
      title: s.title,
      format: 'andon',
      place: { path, line: s.index + 1, column: s.column, endColumn: s.column + s.id.length },
      normative,
      criteria,
      spec: specId,
    };
    read.requirements.push(req);
  });
  const defined = new Set(starts.map((s) => `${s.index}:${s.id}`));
  for (let i = bodyStart; i < lines.length; i++) {
    if (mask[i]) continue;
    const line = blankInlineCode(lines[i]!);
    ids.any.lastIndex = 0;
    for (let m = ids.any.exec(line); m; m = ids.any.exec(line)) {
      if (defined.has(`${i}:${m[0]}`) && line.indexOf(m[0]) === m.index) continue;
      read.refs.push({ id: m[0], scope: 'andon', place: { path, line: i + 1, column: m.index + 1, endColumn: m.index + 1 + m[0].length } });
    }
  }
  return read;
}
