// What every rule checker shares during one conformance check: the files to check, scans and resolutions made
// once per file, and the one place violations and per-rule tallies are recorded.
import type { CompiledRule, RuleSet } from './rule-set.js';
import type { ImportGraph, NodeProblem, SourceIndex } from './import-graph.js';
import { createResolver, type Resolution, type TsPaths } from './module-resolver.js';
import type { ImportRef, ScanResult } from './source-scanner.js';
import type { FileListing, ReadResult } from './workspace-files.js';
import { PARSE_RULE, UNREADABLE_RULE, type Tally, type Violation } from './violation.js';

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

/** A violation as a checker reports it: the rule's id and level are added by the session. */
export type Draft = Omit<Violation, 'ruleId' | 'level'>;
export type Report = (v: Draft) => void;

export interface CheckSession {
  input: ConformanceInput;
  /** Every file of the workspace, sorted. */
  files: readonly string[];
  /** The files to check: all of them, or in changed scope the touched ones and their importers. */
  targets: readonly string[];
  violations: Violation[];
  tallies: Map<string, Tally>;
  /** In changed scope: per unit or template rule, the unit folders checked again. */
  recheckedUnits: Map<string, Set<string>>;
  tally(ruleId: string): Tally;
  /** Records a violation of `rule` and marks `unit` (a file or a folder) as not conforming. */
  fail(rule: CompiledRule, unit: string, v: Draft): void;
  /** A file that could not be read: a finding of its own, once per file, never skipped in silence. */
  unreadable(file: string, why: string): void;
  /** The file's imports and exports (cached by blob id); null when it cannot be read. */
  scanned(file: string): ScanResult | null;
  /** The resolution of each import of the file, aligned with `imports`, computed once per file. */
  resolvedOf(file: string, imports: readonly ImportRef[]): Resolution[];
  /** Reports what the graph found wrong with a node (unreadable, unparsable), once per file. */
  graphProblem(file: string, p: NodeProblem | undefined): void;
}

export function openSession(input: ConformanceInput, targets: readonly string[]): CheckSession {
  const resolve = createResolver(new Set(input.listing.files), input.tsPaths);
  const violations: Violation[] = [];
  const tallies = new Map<string, Tally>();
  const reported = new Set<string>();
  const resolutions = new Map<string, Resolution[]>();
  const tally = (id: string): Tally => {
    let t = tallies.get(id);
    if (!t) tallies.set(id, (t = { checked: new Set(), failing: new Set() }));
    return t;
  };
  const unreadable = (file: string, why: string): void => {
    if (reported.has(file)) return;
    reported.add(file);
    violations.push({ ruleId: UNREADABLE_RULE, level: 'warning', message: `${file} was not checked: ${why}`, path: file });
  };
  const unparsable = (file: string, p: { message: string; line: number; column: number }): void => {
    if (reported.has(`parse:${file}`)) return;
    reported.add(`parse:${file}`);
    violations.push({ ruleId: PARSE_RULE, level: 'error', message: `${file} cannot be parsed: ${p.message}; its imports and exports may be incomplete`, path: file, line: p.line, column: p.column });
  };
  return {
    input,
    files: input.listing.files,
    targets,
    violations,
    tallies,
    recheckedUnits: new Map(),
    tally,
    fail(rule, unit, v) {
      violations.push({ ruleId: rule.id, level: rule.level, ...v });
      tally(rule.id).failing.add(unit);
    },
    unreadable,
    scanned(file) {
      const s = input.index.scan(file);
      if (!s.ok) {
        if (!s.missing) unreadable(file, s.why);
        return null;
      }
      const p = s.scan.problems[0];
      if (p) unparsable(file, p);
      return s.scan;
    },
    resolvedOf(file, imports) {
      let r = resolutions.get(file);
      if (!r) resolutions.set(file, (r = imports.map((i) => resolve(i.specifier, file))));
      return r;
    },
    graphProblem(file, p) {
      if (!p) return;
      if (p.kind === 'unreadable') unreadable(file, p.why);
      else unparsable(file, p);
    },
  };
}
