// Turns classified tests into findings: one per test that failed, was flaky, quarantined while failing, or removed, at
// its file:line, up to a cap per class; past the cap the record keeps the counts and the SARIF a note of what was left out.
import { createHash } from 'node:crypto';
import type { Finding, Level } from '../../core/findings.js';
import { TESTS_FILE, type TestClass, type TestOutcome } from '../../core/tests-contract.js';
import type { BaselineOutcome } from './baseline-file.js';
import { locateTest, type Locatable, type SourceFiles } from './test-location.js';

const FINDING_LEVEL: Partial<Record<TestClass, Level>> = {
  regression: 'error',
  'new-failure': 'error',
  'known-failure': 'error',
  flaky: 'warning',
  quarantined: 'note',
  removed: 'warning',
};

/** Findings kept per class. A broken build failing 20,000 tests still gives a SARIF file code scanning takes in. */
export const MAX_FINDINGS_PER_CLASS = 1000;

/** Fingerprint of a test: its id alone, so a finding keeps its identity when the test moves or its class changes. */
export function testFingerprint(id: string, kind = 'regression'): string {
  return `${createHash('sha256').update(`${kind}\0${id}`).digest('hex').slice(0, 16)}:1`;
}

/** A classified test, as much of it as a finding needs. */
export interface FindingSubject {
  id: string;
  class: TestClass;
  gating: boolean;
  traceTo: readonly string[];
  baselineOutcome?: BaselineOutcome | undefined;
  baselineFlaky: boolean;
  /** Absent for a removed test, which did not run. */
  test?: Locatable & {
    name: string;
    outcome: TestOutcome;
    flaky: boolean;
    message?: string | undefined;
    /** Where it failed and where it passed, for a test whose legs disagree. */
    legs?: { failedIn: readonly string[]; passedIn: readonly string[] } | undefined;
    /** Why part of what the report said about the test was not used. */
    note?: string | undefined;
  };
}

/** Whether a test of this class gets a finding at all (a quarantined test that passed, or a removed one that does not gate, does not). */
export function findingDue(c: TestClass, gating: boolean, outcome: TestOutcome, flaky: boolean): boolean {
  if (!FINDING_LEVEL[c]) return false;
  if (c === 'quarantined' && outcome === 'passed' && !flaky) return false;
  return c !== 'removed' || gating;
}

/** Where a test whose legs disagree failed and where it passed. */
export function describeLegs(legs: { failedIn: readonly string[]; passedIn: readonly string[] }): string {
  return `failed in ${legs.failedIn.join(', ')}, passed in ${legs.passedIn.join(', ')}`;
}

function describe(s: FindingSubject): string {
  const t = s.test;
  if (!t) return `test removed since the baseline (was ${s.baselineOutcome ?? 'present'}): ${s.id}`;
  const first = t.message ?? (t.outcome === 'errored' ? 'test errored (no message)' : 'test failed (no message)');
  const what = s.class === 'flaky' ? 'flaky: failed, then passed on a rerun: ' : s.class === 'quarantined' ? 'quarantined: ' : '';
  return `${what}${first} (test ${t.name}${t.legs ? `; ${describeLegs(t.legs)}` : ''})`;
}

/** The findings of one stage run, the first MAX_FINDINGS_PER_CLASS of each class in test order; the rest counted. */
export class CappedFindings {
  readonly list: Finding[] = [];
  private readonly due = new Map<TestClass, number>();

  constructor(
    private readonly stage: string,
    private readonly sources: SourceFiles,
    private readonly perClass = MAX_FINDINGS_PER_CLASS,
  ) {}

  /** Counts one finding of class `c`; whether it is within the cap (then build it with `add`). */
  admit(c: TestClass): boolean {
    const n = (this.due.get(c) ?? 0) + 1;
    this.due.set(c, n);
    return n <= this.perClass;
  }

  add(s: FindingSubject, mask: (text: string) => string): void {
    const level = FINDING_LEVEL[s.class] as Level;
    const f: Finding = {
      stage: this.stage,
      ruleId: `regression/${s.class}`,
      level,
      message: mask(describe(s)),
      fingerprint: testFingerprint(s.id),
      baseline: s.class === 'known-failure' || s.class === 'quarantined' || (s.class === 'flaky' && s.baselineFlaky) ? 'unchanged' : 'new',
      traceTo: [...s.traceTo],
    };
    if (s.test) {
      const loc = locateTest(s.test, this.sources);
      if (loc) f.location = loc;
      if (s.test.note) f.note = s.test.note;
    }
    this.list.push(f);
  }

  /** Classes over the cap: how many findings each had and how many were kept. */
  cut(): { class: TestClass; total: number; kept: number }[] {
    return [...this.due].filter(([, n]) => n > this.perClass).map(([c, n]) => ({ class: c, total: n, kept: this.perClass }));
  }

  /** The kept findings and, per class over the cap, a note saying how many more there are and where they are. */
  findings(): Finding[] {
    const notes: Finding[] = this.cut().map((c) => ({
      stage: this.stage,
      ruleId: 'regression/findings-cut',
      level: 'note',
      message: `${c.total - c.kept} more ${c.class} tests have no finding here: the first ${c.kept} of ${c.total} are listed; ${TESTS_FILE} in the stage folder has every test and its class`,
      fingerprint: testFingerprint(c.class, 'findings-cut'),
      // As new as the findings it stands for: known failures and quarantined tests are not news.
      baseline: c.class === 'known-failure' || c.class === 'quarantined' ? 'unchanged' : 'new',
      traceTo: [],
    }));
    return [...this.list, ...notes];
  }
}
