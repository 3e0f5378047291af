// Classifies every test against the baseline (passed, fixed, regression, known-failure, new-failure, …) and decides the gate.
import type { BaselineEntry } from './baseline-file.js';
import type { GateClass } from './options.js';
import type { TestClass } from './result.js';
import { isFailing, type TestRecord } from './test-collector.js';

export interface Classified {
  test: TestRecord | null;
  /** Set for removed tests, which exist only in the baseline. */
  id: string;
  class: TestClass;
  /** The test's baseline entry: [id, outcome, ms, flaky?]. */
  baseline?: BaselineEntry;
  gating: boolean;
}

export interface Classification {
  items: Classified[];
  classes: Record<TestClass, number>;
  gating: number;
}

export function emptyClassCounts(): Record<TestClass, number> {
  return {
    passed: 0,
    fixed: 0,
    regression: 0,
    'known-failure': 0,
    'new-failure': 0,
    'new-passing': 0,
    flaky: 0,
    quarantined: 0,
    removed: 0,
    skipped: 0,
  };
}

export function classOf(t: TestRecord, b: BaselineEntry | undefined, hasBaseline: boolean, quarantined: boolean): TestClass {
  if (quarantined) return 'quarantined';
  if (t.flaky) return 'flaky';
  if (t.outcome === 'skipped') return 'skipped';
  const failing = isFailing(t.outcome);
  if (!hasBaseline) return failing ? 'new-failure' : 'passed';
  if (!b) return failing ? 'new-failure' : 'new-passing';
  const wasFailing = b[1] === 'failed' || b[1] === 'errored';
  if (failing) return wasFailing ? 'known-failure' : b[1] === 'passed' ? 'regression' : 'new-failure';
  return wasFailing ? 'fixed' : 'passed';
}

/**
 * Without a baseline every failure gates, whatever `failOn` says: nothing tells a known failure from
 * a new one, and a gate that cannot tell must not let failures through.
 *
 * The baseline is matched by walking its entries against the tests' own map (one lookup per entry, no
 * second map of 200k ids); each test's entry is left on `TestRecord.base` for later steps (slowdowns).
 */
export function classify(
  tests: ReadonlyMap<string, TestRecord>,
  baseline: readonly BaselineEntry[] | null,
  failOn: readonly GateClass[],
  isQuarantined: (id: string) => boolean,
): Classification {
  const gate = new Set<TestClass>(failOn);
  if (!baseline) gate.add('new-failure');
  const classes = emptyClassCounts();
  const items: Classified[] = [];
  let gating = 0;
  for (const t of tests.values()) t.base = undefined;
  const removed: BaselineEntry[] = [];
  if (baseline) {
    for (const e of baseline) {
      const t = tests.get(e[0]);
      if (t) t.base = e;
      else removed.push(e);
    }
  }
  for (const t of tests.values()) {
    const b = t.base;
    const c = classOf(t, b, baseline !== null, isQuarantined(t.id));
    classes[c]++;
    const g = gate.has(c);
    if (g) gating++;
    const item: Classified = { test: t, id: t.id, class: c, gating: g };
    if (b) item.baseline = b;
    items.push(item);
  }
  const g = gate.has('removed');
  for (const e of removed) {
    classes.removed++;
    if (g) gating++;
    items.push({ test: null, id: e[0], class: 'removed', gating: g, baseline: e });
  }
  return { items, classes, gating };
}
