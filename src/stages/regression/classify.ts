// Classifies every test against the baseline (passed, fixed, regression, known-failure, new-failure, …) and decides the gate.
import { jsonString, type TestClass, type TestOutcome } from '../../core/tests-contract.js';
import { readBaseline, type BaselineOutcome } from './baseline-file.js';
import type { GateClass } from './options.js';
import { isFailing, type TestCollector } from './test-collector.js';
import { Spill } from './test-spill.js';
import { NO_MS, OUTCOME_CODES, outcomeCode, U32Column, U8Column } from './test-table.js';

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

export function classOf(outcome: TestOutcome, flaky: boolean, base: BaselineOutcome | undefined, hasBaseline: boolean, quarantined: boolean): TestClass {
  if (quarantined) return 'quarantined';
  if (flaky) return 'flaky';
  if (outcome === 'skipped') return 'skipped';
  const failing = isFailing(outcome);
  if (!hasBaseline) return failing ? 'new-failure' : 'passed';
  if (!base) return failing ? 'new-failure' : 'new-passing';
  if (failing) return isFailing(base) ? 'known-failure' : base === 'passed' ? 'regression' : 'new-failure';
  return isFailing(base) ? 'fixed' : 'passed';
}

/**
 * Counts classes and gating tests as they are classified. Without a baseline every failure gates, whatever `failOn`
 * says: nothing tells a known failure from a new one, and a gate that cannot tell must not let failures through.
 */
export class ClassTally {
  readonly classes = emptyClassCounts();
  gating = 0;
  private readonly gate: Set<TestClass>;

  constructor(failOn: readonly GateClass[], hasBaseline: boolean) {
    this.gate = new Set<TestClass>(failOn);
    if (!hasBaseline) this.gate.add('new-failure');
  }

  /** Counts one test of class `c`; whether it gates. */
  count(c: TestClass): boolean {
    this.classes[c]++;
    const g = this.gate.has(c);
    if (g) this.gating++;
    return g;
  }

  /** Classes with at least one gating test, as "2 regression, 1 new-failure". */
  gatingText(): string {
    return (Object.keys(this.classes) as TestClass[])
      .filter((k) => this.classes[k] > 0 && this.gate.has(k))
      .map((k) => `${this.classes[k]} ${k}`)
      .join(', ');
  }
}

const BASE_FLAKY = 0x10;

/** A baseline test this run does not have, as the baseline recorded it; its id comes encoded as the start of its row. */
export interface RemovedTest {
  /** `{"id":…`: the id as it opens a row of the tests file. */
  head: Buffer;
  id(): string;
  outcome: BaselineOutcome;
  flaky: boolean;
}

/**
 * The baseline matched against this run's tests in one streaming read: per test, its baseline outcome and duration
 * (columns indexed like the collector's), and the baseline's tests that are gone, in a spill file. No object per entry.
 */
export class BaselineMatch {
  /** 0 when the test is not in the baseline, else 1 + outcome code, | BASE_FLAKY. */
  private readonly outcome = new U8Column();
  private readonly ms = new U32Column(NO_MS);
  private readonly removedSpill: Spill;
  /** The stage the baseline was written by, its entries, and how many of them this run does not have. */
  stage = '';
  entries = 0;
  removed = 0;

  private constructor(size: number, spillDir: string | undefined) {
    this.outcome.ensure(size);
    this.ms.ensure(size);
    this.removedSpill = new Spill(spillDir);
  }

  /** Reads baseline.json bytes against the collector's tests; `why` when it is not a regression baseline. */
  static async read(bytes: Buffer, tests: TestCollector, spillDir?: string): Promise<{ match: BaselineMatch } | { why: string }> {
    const m = new BaselineMatch(tests.size, spillDir);
    const read = await readBaseline(bytes, (e) => {
      const i = tests.find(e[0]);
      if (i >= 0) {
        m.outcome.set(i, (1 + outcomeCode(e[1])) | (e[3] === true ? BASE_FLAKY : 0));
        if (e[2] !== null) m.ms.set(i, Math.min(NO_MS - 1, Math.round(e[2])));
      } else {
        m.removed++;
        m.removedSpill.append([`{"id":${jsonString(e[0])}`, e[1], e[3] === true ? '1' : undefined]);
      }
    });
    if (!read.ok) {
      m.close();
      return { why: read.why };
    }
    m.stage = read.stage;
    m.entries = read.entries;
    return { match: m };
  }

  baseOutcome(i: number): BaselineOutcome | undefined {
    const v = this.outcome.get(i);
    return v === 0 ? undefined : (OUTCOME_CODES[(v & 0x0f) - 1] as BaselineOutcome);
  }

  baseFlaky(i: number): boolean {
    return (this.outcome.get(i) & BASE_FLAKY) !== 0;
  }

  baseMs(i: number): number | undefined {
    const v = this.ms.get(i);
    return v === NO_MS ? undefined : v;
  }

  *removedTests(): Generator<RemovedTest> {
    for (const rec of this.removedSpill.records()) {
      const head = rec.bytes(0);
      yield { head, id: () => JSON.parse(head.toString('utf8', '{"id":'.length)) as string, outcome: rec.text(1) as BaselineOutcome, flaky: rec.has(2) };
    }
  }

  close(): void {
    this.removedSpill.close();
  }
}
