// Checks a workspace against a rule set, over the whole tree or only what a change touched: picks the files to
// check, then hands each rule to the checker of its kind.
import { checkContent } from './check-content.js';
import { checkImports, checkOneWay } from './check-imports.js';
import { checkNaming } from './check-naming.js';
import { openSession, type CheckSession, type ConformanceInput } from './check-session.js';
import { checkUnits } from './check-units.js';
import type { CompiledRule } from './rule-set.js';
import type { Tally, Violation } from './violation.js';

export type { ConformanceInput } from './check-session.js';

export interface ConformanceResult {
  violations: Violation[];
  tallies: Map<string, Tally>;
  /** In changed scope: files whose file-level findings were checked again. */
  rechecked: Set<string> | null;
  /** In changed scope: per unit or template rule, the unit folders checked again. */
  recheckedUnits: Map<string, Set<string>>;
}

type Checker<K extends CompiledRule['kind']> = (rule: Extract<CompiledRule, { kind: K }>, s: CheckSession) => void;
const CHECKERS: { [K in CompiledRule['kind']]: Checker<K> } = {
  naming: checkNaming,
  content: checkContent,
  imports: checkImports,
  'one-way': checkOneWay,
  unit: checkUnits,
  template: checkUnits,
};

/** In changed scope: the touched files that still exist, and the files (under an import rule) that import one of them. */
function changedTargets(input: ConformanceInput, touched: ReadonlySet<string>): Set<string> {
  const fileSet = new Set(input.listing.files);
  const t = new Set([...touched].filter((p) => fileSet.has(p)));
  const graph = input.graph;
  const importRules = input.set.rules.filter((r) => r.kind === 'imports' || r.kind === 'one-way');
  if (importRules.length === 0 || !graph) return t;
  const hit = new Uint8Array(graph.files.length);
  for (const p of touched) {
    const n = graph.index.get(p);
    if (n !== undefined) hit[n] = 1;
  }
  for (let n = 0; n < graph.files.length; n++) {
    let imports = false;
    for (let e = graph.offsets[n]!; e < graph.offsets[n + 1]! && !imports; e++) imports = hit[graph.targets[e]!] === 1;
    const f = graph.files[n]!;
    if (imports && importRules.some((r) => r.scope(f))) t.add(f);
  }
  return t;
}

export function checkConformance(input: ConformanceInput): ConformanceResult {
  let mark = performance.now();
  const lap = (name: string): void => {
    const now = performance.now();
    if (input.timings) input.timings[name] = Math.round(now - mark);
    mark = now;
  };
  const rechecked = input.touched ? changedTargets(input, input.touched) : null;
  const s = openSession(input, rechecked ? input.listing.files.filter((f) => rechecked.has(f)) : input.listing.files);
  lap('importers');
  for (const rule of input.set.rules) {
    s.tally(rule.id);
    (CHECKERS[rule.kind] as Checker<CompiledRule['kind']>)(rule, s);
    lap(`rule:${rule.id}`);
  }
  return { violations: s.violations, tallies: s.tallies, rechecked, recheckedUnits: s.recheckedUnits };
}
