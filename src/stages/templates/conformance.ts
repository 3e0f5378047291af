// Checks a workspace against a rule set: every rule kind, over the whole tree or only what a change touched.
import path from 'node:path';
import picomatch from 'picomatch';
import type { CompiledRule, RuleSet } from './rule-set.js';
import type { SourceIndex } from './import-graph.js';
import { SOURCE_FILE, cyclePath, findCycles, type ImportGraph, type NodeProblem } from './import-graph.js';
import { createResolver, type Resolution, type TsPaths } from './module-resolver.js';
import { render, type Binding } from './placeholders.js';
import { isInCase, stemOf } from './case-style.js';
import { globMatcher } from './glob-match.js';
import { scanSource, type ImportRef } from './source-scanner.js';
import { lineStarts } from '../../core/text-position.js';
import { findAll, matches } from './user-pattern.js';
import { unitsOf, matchUnit } from './unit-pattern.js';
import type { FileListing, ReadResult } from './workspace-files.js';
import { CYCLE_PREFIX, PARSE_RULE, UNREADABLE_RULE, type Tally, type Violation } from './violation.js';

export interface ConformanceInput {
  set: RuleSet;
  listing: FileListing;
  read: (rel: string) => ReadResult;
  index: SourceIndex;
  tsPaths: TsPaths;
  /** null: check everything. Otherwise the paths a change touched (deleted ones too): check those, what imports them and their units. */
  touched: ReadonlySet<string> | null;
  /** The import graph of every source file; needed for cycles, and for importers in changed scope. */
  graph: ImportGraph | null;
  /** Filled with milliseconds per rule id (and `importers`), when given. */
  timings?: Record<string, number>;
}

export interface ConformanceResult {
  violations: Violation[];
  tallies: Map<string, Tally>;
  /** In changed scope: files whose file-level findings were checked again. */
  rechecked: Set<string> | null;
  /** In changed scope: per unit or template rule, the unit folders checked again. */
  recheckedUnits: Map<string, Set<string>>;
}

const MARKDOWN = /\.(?:md|mdx|markdown)$/i;

export function checkConformance(input: ConformanceInput): ConformanceResult {
  const { set, listing, read, index } = input;
  const files = listing.files;
  const fileSet = new Set(files);
  const resolve = createResolver(fileSet, input.tsPaths);
  const violations: Violation[] = [];
  const tallies = new Map<string, Tally>();
  const recheckedUnits = new Map<string, Set<string>>();
  const reported = new Set<string>();
  const tally = (id: string): Tally => {
    let t = tallies.get(id);
    if (!t) tallies.set(id, (t = { checked: new Set(), failing: new Set() }));
    return t;
  };
  const fail = (rule: CompiledRule, unit: string, v: Omit<Violation, 'ruleId' | 'level'>): void => {
    violations.push({ ruleId: rule.id, level: rule.level, ...v });
    tally(rule.id).failing.add(unit);
  };
  // Files that cannot be read or parsed are findings of their own, once per file, never skipped in silence.
  const unreadable = (file: string, why: string): void => {
    if (reported.has(file)) return;
    reported.add(file);
    violations.push({ ruleId: UNREADABLE_RULE, level: 'warning', message: `${file} was not checked: ${why}`, path: file });
  };
  const scanned = (file: string) => {
    const s = index.scan(file);
    if (!s.ok) {
      if (!s.missing) unreadable(file, s.why);
      return null;
    }
    const p = s.scan.problems[0];
    if (p && !reported.has(`parse:${file}`)) {
      reported.add(`parse:${file}`);
      violations.push({ ruleId: PARSE_RULE, level: 'error', message: `${file} cannot be parsed: ${p.message}; its imports and exports may be incomplete`, path: file, line: p.line, column: p.column });
    }
    return s.scan;
  };

  const importRules = set.rules.filter((r) => r.kind === 'imports' || r.kind === 'one-way');
  // Resolved once per file, aligned with its imports: the same file is looked at by several rules.
  const resolutions = new Map<string, Resolution[]>();
  const resolvedOf = (file: string, imports: readonly ImportRef[]): Resolution[] => {
    let r = resolutions.get(file);
    if (!r) resolutions.set(file, (r = imports.map((i) => resolve(i.specifier, file))));
    return r;
  };

  const graphProblem = (file: string, p: NodeProblem | undefined): void => {
    if (!p) return;
    if (p.kind === 'unreadable') unreadable(file, p.why);
    else if (!reported.has(`parse:${file}`)) {
      reported.add(`parse:${file}`);
      violations.push({ ruleId: PARSE_RULE, level: 'error', message: `${file} cannot be parsed: ${p.message}; its imports and exports may be incomplete`, path: file, line: p.line, column: p.column });
    }
  };
  const needles = new Map<string, string[]>();
  for (const r of set.rules) {
    if (r.kind === 'one-way') needles.set(r.id, [...r.modules].map((m) => m.split('/').pop()!.replace(/^node:/, '').replace(/\.[cm]?[jt]sx?$/, '')));
  }

  // What to check: everything, or (changed scope) the touched files and the files that import them.
  let targets: string[] = files;
  let rechecked: Set<string> | null = null;
  if (input.touched) {
    const t = new Set([...input.touched].filter((p) => fileSet.has(p)));
    const graph = input.graph;
    if (importRules.length > 0 && graph) {
      const hit = new Uint8Array(graph.files.length);
      for (const p of input.touched) {
        const n = graph.index.get(p);
        if (n !== undefined) hit[n] = 1;
      }
      for (let n = 0; n < graph.files.length; n++) {
        let imports = false;
        for (let e = graph.offsets[n]!; e < graph.offsets[n + 1]! && !imports; e++) imports = hit[graph.targets[e]!] === 1;
        const f = graph.files[n]!;
        if (imports && importRules.some((r) => r.scope(f))) t.add(f);
      }
    }
    rechecked = t;
    targets = files.filter((f) => t.has(f));
  }

  let mark = performance.now();
  const lap = (name: string): void => {
    const now = performance.now();
    if (input.timings) input.timings[name] = Math.round(now - mark);
    mark = now;
  };
  lap('importers');
  for (const rule of set.rules) {
    const tl = tally(rule.id);
    switch (rule.kind) {
      case 'naming': {
        const bases = rule.rule.files.map((g) => ({ match: globMatcher([g]), base: picomatch.scan(g).base }));
        for (const f of targets) {
          if (!rule.scope(f)) continue;
          if (rule.rule.target !== 'folders') {
            tl.checked.add(f);
            const stem = stemOf(path.posix.basename(f));
            if (stem !== null && !isInCase(stem, rule.rule.case)) fail(rule, f, { path: f, message: `${rule.message}: "${path.posix.basename(f)}" is not ${rule.rule.case} case` });
          }
          if (rule.rule.target !== 'files') {
            const base = bases.find((b) => b.match(f))?.base ?? '';
            const dirs = path.posix.dirname(f).split('/');
            const skip = base ? base.split('/').length : 0;
            for (let k = skip; k < dirs.length; k++) {
              const folder = `${dirs.slice(0, k + 1).join('/')}/`;
              if (folder === './' || tl.checked.has(folder)) continue;
              tl.checked.add(folder);
              if (!isInCase(dirs[k]!, rule.rule.case)) fail(rule, folder, { path: f, owners: [f], message: `${rule.message}: folder "${folder}" is not ${rule.rule.case} case` });
            }
          }
        }
        break;
      }
      case 'content': {
        for (const f of targets) {
          if (!rule.scope(f)) continue;
          tl.checked.add(f);
          const r = read(f);
          if (!r.ok) {
            if (!r.missing) unreadable(f, r.why);
            continue;
          }
          checkContent(rule, f, r.text, (v) => fail(rule, f, v));
        }
        break;
      }
      case 'imports': {
        const graph = input.graph;
        for (const f of targets) {
          if (!rule.scope(f) || !SOURCE_FILE.test(f)) continue;
          tl.checked.add(f);
          const node = graph?.index.get(f);
          if (graph && node !== undefined) graphProblem(f, graph.problems.get(node));
          const layers = rule.layers.filter((l) => l.from(f));
          // Entry points need only the resolved file edges, which the graph has; layers may name packages, so scan.
          const viaGraph = graph !== null && node !== undefined;
          if (layers.length === 0 && (rule.entryPoints.length === 0 || viaGraph)) {
            if (viaGraph) for (let e = graph.offsets[node]!; e < graph.offsets[node + 1]!; e++) checkEntry(rule, f, graph.files[graph.targets[e]!]!, graph.lines[e]!, graph.columns[e]!, fail);
            continue;
          }
          const scan = scanned(f);
          if (!scan) continue;
          const res = resolvedOf(f, scan.imports);
          for (let k = 0; k < scan.imports.length; k++) {
            const imp = scan.imports[k]!;
            const r = res[k]!;
            if (layers.length) {
              const target = r.kind === 'file' ? r.path : r.kind === 'package' ? r.name : imp.specifier;
              for (const layer of layers) {
                if (layer.disallow(target) || (r.kind === 'package' && layer.disallow(imp.specifier))) {
                  fail(rule, f, { path: f, line: imp.line, column: imp.column, message: `${rule.message}: ${f} imports "${imp.specifier}"${r.kind === 'file' ? ` (${r.path})` : ''}, which matches ${layer.disallowText}` });
                }
              }
            }
            if (r.kind === 'file') checkEntry(rule, f, r.path, imp.line, imp.column, fail);
          }
        }
        if (rule.rule.cycles && input.graph) checkCycles(rule, input.graph, fail, (unit) => tl.failing.add(unit));
        break;
      }
      case 'one-way': {
        for (const f of targets) {
          if (!rule.scope(f) || !SOURCE_FILE.test(f)) continue;
          tl.checked.add(f);
          if (rule.through(f)) continue;
          const node = input.graph?.index.get(f);
          if (input.graph && node !== undefined) graphProblem(f, input.graph.problems.get(node));
          // An import of a module names it: a file that does not mention any is skipped unscanned.
          const text = read(f);
          if (text.ok && !needles.get(rule.id)!.some((n) => text.text.includes(n))) continue;
          const scan = scanned(f);
          if (!scan) continue;
          const res = resolvedOf(f, scan.imports);
          for (let k = 0; k < scan.imports.length; k++) {
            const imp = scan.imports[k]!;
            const r = res[k]!;
            const name = r.kind === 'package' ? r.name.replace(/^node:/, '') : null;
            const hit = (name !== null && rule.modules.has(name)) || rule.modules.has(imp.specifier) || (r.kind === 'file' && rule.modules.has(r.path));
            if (hit) {
              fail(rule, f, { path: f, line: imp.line, column: imp.column, message: `${rule.message}: ${rule.rule.concern} goes through ${rule.rule.through.join(', ')}; "${imp.specifier}" is imported here instead` });
            }
          }
        }
        break;
      }
      case 'unit':
      case 'template': {
        const units = unitsOf(rule.pattern, files.filter((f) => rule.scope(f)));
        let folders = [...units.keys()];
        if (input.touched) {
          const touchedFolders = new Set<string>();
          for (const p of input.touched) {
            const m = matchUnit(rule.pattern, p);
            if (m) touchedFolders.add(m.folder);
          }
          folders = folders.filter((f) => touchedFolders.has(f));
          recheckedUnits.set(rule.id, touchedFolders);
        }
        for (const folder of folders) {
          const unit = units.get(folder)!;
          tl.checked.add(folder);
          const present = new Set(unit.files);
          const owners = unit.files.map((f) => folder + f);
          if (input.touched) for (const p of input.touched) if (p.startsWith(folder) && !present.has(p.slice(folder.length))) owners.push(p);
          const at = folder + [...unit.files].sort()[0]!;
          const msg = render(rule.message, unit.binding);
          if (rule.kind === 'unit') checkUnit(rule, folder, unit.binding, unit.files, present, msg, at, owners, (v) => fail(rule, folder, v));
          else checkTemplate(rule, folder, unit.binding, present, msg, at, owners, read, scanned, (v) => fail(rule, folder, v));
        }
        break;
      }
    }
    lap(`rule:${rule.id}`);
  }
  return { violations, tallies, rechecked, recheckedUnits };
}

type Report = (v: Omit<Violation, 'ruleId' | 'level'>) => void;

function checkEntry(rule: Extract<CompiledRule, { kind: 'imports' }>, from: string, target: string, line: number, column: number, fail: (rule: CompiledRule, unit: string, v: Omit<Violation, 'ruleId' | 'level'>) => void): void {
  for (const ep of rule.entryPoints) {
    const m = matchUnit(ep.pattern, target);
    if (!m || from.startsWith(m.folder)) continue;
    const inside = target.slice(m.folder.length);
    if (ep.entry.some((e) => render(e, m.binding) === inside)) continue;
    const entries = ep.entry.map((e) => m.folder + render(e, m.binding));
    fail(rule, from, { path: from, line, column, message: `${rule.message}: ${from} imports ${target}; code outside ${m.folder} may import it only through ${entries.join(' or ')}` });
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
  read: (rel: string) => ReadResult,
  scanned: (file: string) => ReturnType<typeof scanSource> | null,
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
      const r = read(file);
      if (!r.ok) continue;
      const have = headingsOf(r.text);
      for (const h of headingsOf(expected)) {
        if (!have.some((x) => x.text === h.text)) report({ path: file, owners: [file], message: `${msg}: ${file} lacks the heading "${h.text}" of ${tpl}` });
      }
    } else if (SOURCE_FILE.test(rel)) {
      const want = scanSource(expected, rel).exports;
      if (want.length === 0) continue;
      const scan = scanned(file);
      if (!scan) continue;
      const have = new Set(scan.exports);
      for (const name of want) if (!have.has(name)) report({ path: file, owners: [file], message: `${msg}: ${file} does not export ${name} as ${tpl} does` });
    }
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

function checkContent(rule: Extract<CompiledRule, { kind: 'content' }>, file: string, raw: string, report: Report): void {
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

function checkCycles(
  rule: Extract<CompiledRule, { kind: 'imports' }>,
  graph: ImportGraph,
  fail: (rule: CompiledRule, unit: string, v: Omit<Violation, 'ruleId' | 'level'>) => void,
  markFailing: (unit: string) => void,
): void {
  const nodes = graph.files;
  const inScope = new Uint8Array(nodes.length);
  for (let n = 0; n < nodes.length; n++) if (rule.scope(nodes[n]!)) inScope[n] = 1;
  // Type-only imports vanish at run time, so they make no cycle. Edges from out-of-scope nodes are never walked.
  const use = (e: number): boolean => graph.typeOnly[e] === 0 && inScope[graph.targets[e]!] === 1;
  for (const comp of findCycles(graph, (e) => use(e))) {
    if (!inScope[comp[0]!]) continue;
    const members = new Set(comp);
    const names = comp.map((c) => nodes[c]!).sort();
    const startNode = graph.index.get(names[0]!)!;
    const cycle = cyclePath(graph, startNode, members, use);
    const more = comp.length > cycle.nodes.length - 1 ? ` (${comp.length} files in the cycle's component)` : '';
    const v: Omit<Violation, 'ruleId' | 'level'> = { path: names[0]!, owners: names, message: `${CYCLE_PREFIX}: ${cycle.nodes.map((c) => nodes[c]!).join(' → ')}${more}. ${rule.message}` };
    if (cycle.firstEdge !== -1) {
      v.line = graph.lines[cycle.firstEdge]!;
      v.column = graph.columns[cycle.firstEdge]!;
    }
    fail(rule, names[0]!, v);
    for (const m of names) markFailing(m);
  }
}
