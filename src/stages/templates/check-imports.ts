// The `imports` rule (layers, entry points, cycles with every member named) and the `one-way` rule (a concern's
// modules imported only through its one way), over JavaScript, TypeScript and Python imports alike.
import type { CheckSession, Draft, Report } from './check-session.js';
import { SOURCE_FILE, cyclePath, findCycles, type ImportGraph } from './import-graph.js';
import type { Resolution } from './module-resolver.js';
import { render } from './placeholders.js';
import { isPythonFile } from './python-scanner.js';
import type { CompiledRule } from './rule-set.js';
import type { ImportRef } from './source-scanner.js';
import { matchUnit } from './unit-pattern.js';
import { CYCLE_PREFIX, type RelatedPlace } from './violation.js';

type ImportsRule = Extract<CompiledRule, { kind: 'imports' }>;
type OneWayRule = Extract<CompiledRule, { kind: 'one-way' }>;

/** Cycle messages name the members up to this many; the related locations name them all. */
const MEMBERS_IN_MESSAGE = 20;

/**
 * The imports of a file with their resolutions, one per statement and target: Python's `from m import a, b`
 * gives one import per name, and two names of one module make one dependency, not two findings.
 */
function* importsOf(s: CheckSession, file: string): Generator<{ imp: ImportRef; r: Resolution }> {
  const scan = s.scanned(file);
  if (!scan) return;
  const res = s.resolvedOf(file, scan.imports);
  let last = '';
  for (let k = 0; k < scan.imports.length; k++) {
    const imp = scan.imports[k]!;
    const r = res[k]!;
    const key = `${imp.line}:${imp.column}:${r.kind === 'file' ? r.path : r.kind === 'package' ? r.name : imp.specifier}`;
    if (key === last) continue;
    last = key;
    yield { imp, r };
  }
}

export function checkImports(rule: ImportsRule, s: CheckSession): void {
  const tl = s.tally(rule.id);
  const graph = s.input.graph;
  for (const f of s.targets) {
    if (!rule.scope(f) || !SOURCE_FILE.test(f)) continue;
    tl.checked.add(f);
    const node = graph?.index.get(f);
    if (graph && node !== undefined) s.graphProblem(f, graph.problems.get(node));
    const layers = rule.layers.filter((l) => l.from(f));
    const report: Report = (v) => s.fail(rule, f, v);
    // Entry points need only the resolved file edges, which the graph has; layers may name packages, so scan.
    if (layers.length === 0 && (rule.entryPoints.length === 0 || (graph && node !== undefined))) {
      if (graph && node !== undefined) for (let e = graph.offsets[node]!; e < graph.offsets[node + 1]!; e++) checkEntry(rule, f, graph.files[graph.targets[e]!]!, graph.lines[e]!, graph.columns[e]!, report);
      continue;
    }
    for (const { imp, r } of importsOf(s, f)) {
      const target = r.kind === 'file' ? r.path : r.kind === 'package' ? r.name : imp.specifier;
      for (const layer of layers) {
        if (layer.disallow(target) || (r.kind === 'package' && layer.disallow(imp.specifier))) {
          report({ path: f, line: imp.line, column: imp.column, message: `${rule.message}: ${f} imports "${imp.specifier}"${r.kind === 'file' ? ` (${r.path})` : ''}, which matches ${layer.disallowText}` });
        }
      }
      if (r.kind === 'file') checkEntry(rule, f, r.path, imp.line, imp.column, report);
    }
  }
  if (rule.rule.cycles && graph) checkCycles(rule, graph, s);
}

function checkEntry(rule: ImportsRule, from: string, target: string, line: number, column: number, report: Report): void {
  for (const ep of rule.entryPoints) {
    const m = matchUnit(ep.pattern, target);
    if (!m || from.startsWith(m.folder)) continue;
    const inside = target.slice(m.folder.length);
    if (ep.entry.some((e) => render(e, m.binding) === inside)) continue;
    const entries = ep.entry.map((e) => m.folder + render(e, m.binding));
    report({ path: from, line, column, message: `${rule.message}: ${from} imports ${target}; code outside ${m.folder} may import it only through ${entries.join(' or ')}` });
  }
}

/**
 * Import cycles among the rule's files: one finding per strongly connected component, its message one concrete
 * cycle, its related locations every member at the import that keeps it in the cycle.
 */
function checkCycles(rule: ImportsRule, graph: ImportGraph, s: CheckSession): void {
  const nodes = graph.files;
  const inScope = new Uint8Array(nodes.length);
  for (let n = 0; n < nodes.length; n++) if (rule.scope(nodes[n]!)) inScope[n] = 1;
  // Type-only imports vanish at run time, so they make no cycle. Edges from out-of-scope nodes are never walked.
  const use = (e: number): boolean => graph.typeOnly[e] === 0 && inScope[graph.targets[e]!] === 1;
  const tl = s.tally(rule.id);
  for (const comp of findCycles(graph, use)) {
    if (!inScope[comp[0]!]) continue;
    const members = new Set(comp);
    const names = comp.map((c) => nodes[c]!).sort();
    const cycle = cyclePath(graph, graph.index.get(names[0]!)!, members, use);
    const listed = names.length > MEMBERS_IN_MESSAGE ? `${names.slice(0, MEMBERS_IN_MESSAGE).join(', ')} and ${names.length - MEMBERS_IN_MESSAGE} more` : names.join(', ');
    const more = comp.length > cycle.nodes.length - 1 ? `; ${comp.length} files in the cycle: ${listed}` : '';
    const v: Draft = {
      path: names[0]!,
      owners: names,
      message: `${CYCLE_PREFIX}: ${cycle.nodes.map((c) => nodes[c]!).join(' → ')}${more}. ${rule.message}`,
      related: names.map((name) => memberPlace(graph, graph.index.get(name)!, members, use)),
    };
    if (cycle.firstEdge !== -1) {
      v.line = graph.lines[cycle.firstEdge]!;
      v.column = graph.columns[cycle.firstEdge]!;
    }
    s.fail(rule, names[0]!, v);
    for (const m of names) tl.failing.add(m);
  }
}

/** A member of a cycle at its first import of another member. */
function memberPlace(graph: ImportGraph, node: number, members: ReadonlySet<number>, use: (edge: number) => boolean): RelatedPlace {
  const path = graph.files[node]!;
  for (let e = graph.offsets[node]!; e < graph.offsets[node + 1]!; e++) {
    const to = graph.targets[e]!;
    if (use(e) && members.has(to)) return { path, line: graph.lines[e]!, column: graph.columns[e]!, message: `${path} imports ${graph.files[to]!}` };
  }
  return { path, message: `${path} is in the cycle` };
}

/** The names a one-way rule's modules go by in an import: a Python import names a module by any dotted prefix. */
function namesOf(imp: ImportRef, r: Resolution, python: boolean): string[] {
  const names = [imp.specifier];
  if (r.kind === 'package') names.push(r.name.replace(/^node:/, ''));
  if (r.kind === 'file') names.push(r.path);
  if (python) for (let d = imp.specifier.indexOf('.', 1); d !== -1; d = imp.specifier.indexOf('.', d + 1)) names.push(imp.specifier.slice(0, d));
  return names;
}

/** Words an import of one of the rule's modules must contain: a file mentioning none is skipped unscanned. */
export function oneWayNeedles(rule: OneWayRule): string[] {
  return [...rule.modules].map((m) => m.split('/').pop()!.replace(/^node:/, '').replace(/\.[cm]?[jt]sx?$/, '').split('.')[0]!).filter(Boolean);
}

export function checkOneWay(rule: OneWayRule, s: CheckSession): void {
  const tl = s.tally(rule.id);
  const graph = s.input.graph;
  const needles = oneWayNeedles(rule);
  for (const f of s.targets) {
    if (!rule.scope(f) || !SOURCE_FILE.test(f)) continue;
    tl.checked.add(f);
    if (rule.through(f)) continue;
    const node = graph?.index.get(f);
    if (graph && node !== undefined) s.graphProblem(f, graph.problems.get(node));
    const text = s.input.read(f);
    if (text.ok && !needles.some((n) => text.text.includes(n))) continue;
    const python = isPythonFile(f);
    for (const { imp, r } of importsOf(s, f)) {
      if (!namesOf(imp, r, python).some((n) => rule.modules.has(n))) continue;
      s.fail(rule, f, { path: f, line: imp.line, column: imp.column, message: `${rule.message}: ${rule.rule.concern} goes through ${rule.rule.through.join(', ')}; "${imp.specifier}" is imported here instead` });
    }
  }
}
