// The `unit` and `template` rules: each unit folder has the files its rule requires and no others, and keeps the
// headings and exports of its template.
import { SOURCE_FILE } from './import-graph.js';
import type { CheckSession, Report } from './check-session.js';
import { headingsOf } from './check-content.js';
import { globMatcher } from './glob-match.js';
import { render, type Binding } from './placeholders.js';
import type { CompiledRule } from './rule-set.js';
import { scanSource } from './source-scanner.js';
import { matchUnit, unitsOf } from './unit-pattern.js';

const MARKDOWN = /\.(?:md|mdx|markdown)$/i;

export function checkUnits(rule: Extract<CompiledRule, { kind: 'unit' | 'template' }>, s: CheckSession): void {
  const tl = s.tally(rule.id);
  const touched = s.input.touched;
  const units = unitsOf(rule.pattern, s.files.filter((f) => rule.scope(f)));
  let folders = [...units.keys()];
  if (touched) {
    const touchedFolders = new Set<string>();
    for (const p of touched) {
      const m = matchUnit(rule.pattern, p);
      if (m) touchedFolders.add(m.folder);
    }
    folders = folders.filter((f) => touchedFolders.has(f));
    s.recheckedUnits.set(rule.id, touchedFolders);
  }
  for (const folder of folders) {
    const unit = units.get(folder)!;
    tl.checked.add(folder);
    const present = new Set(unit.files);
    const owners = unit.files.map((f) => folder + f);
    if (touched) for (const p of touched) if (p.startsWith(folder) && !present.has(p.slice(folder.length))) owners.push(p);
    const at = folder + [...unit.files].sort()[0]!;
    const msg = render(rule.message, unit.binding);
    const report: Report = (v) => s.fail(rule, folder, v);
    if (rule.kind === 'unit') checkUnit(rule, folder, unit.binding, unit.files, present, msg, at, owners, report);
    else checkTemplate(rule, folder, unit.binding, present, msg, at, owners, s, report);
  }
}

function checkUnit(rule: Extract<CompiledRule, { kind: 'unit' }>, folder: string, binding: Binding, files: readonly string[], present: ReadonlySet<string>, msg: string, at: string, owners: string[], report: Report): void {
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

function checkTemplate(
  rule: Extract<CompiledRule, { kind: 'template' }>,
  folder: string,
  binding: Binding,
  present: ReadonlySet<string>,
  msg: string,
  at: string,
  owners: string[],
  s: CheckSession,
  report: Report,
): void {
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
