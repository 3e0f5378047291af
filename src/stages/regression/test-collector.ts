// Merges the test cases of several reports (shards, matrix legs, retries) into one record per test id.
import type { JunitTestCase, TestOutcome } from './junit-stream.js';
import { normaliseTestFile, testId } from './test-identity.js';
import type { BaselineEntry } from './baseline-file.js';
import type { StackPlace } from './test-location.js';

/** A test case as read, its failure body already reduced to the stack places in it. */
export type CollectedCase = Omit<JunitTestCase, 'details'> & { stack?: StackPlace[] };

/** One test after merging every run of it that the reports hold. */
export interface TestRecord {
  id: string;
  suite: string;
  classname: string;
  name: string;
  /** Workspace-relative file the report named, when it named one inside the workspace. */
  file?: string;
  line?: number;
  outcome: TestOutcome;
  /** Failed (or errored) at least once and passed at least once: counted as passed. */
  flaky: boolean;
  runs: number;
  failedRuns: number;
  durationMs?: number;
  message?: string;
  /** `path:line` places from the failure's stack trace, first first; resolved against the workspace later. */
  stack?: StackPlace[];
  /** Report files the test appears in, workspace-relative (at most 8). */
  reports: string[];
  /** Bookkeeping of the collector: the report last read for this id, and how many invocations it had there. */
  seenIn?: string;
  invocations?: number;
  /** The journal generation that created the record (see TestCollector.begin). */
  gen?: number;
  /** This test's baseline entry, set by classify. */
  base?: BaselineEntry;
}

export interface Duplicate {
  id: string;
  reports: string[];
}

const FAILING = new Set<TestOutcome>(['failed', 'errored']);

export function isFailing(outcome: TestOutcome): boolean {
  return FAILING.has(outcome);
}

/** What a report changed, so a report that turns out broken half-way can be taken back out. */
interface Journal {
  created: string[];
  changed: Map<string, TestRecord>;
  duplicates: string[];
}

export class TestCollector {
  readonly tests = new Map<string, TestRecord>();
  private readonly duplicateIds = new Set<string>();
  private journal: Journal | null = null;
  private generation = 0;
  // Values that repeat across thousands of tests are computed once and shared (time and memory).
  private readonly files = new Map<string, string | undefined>();
  private readonly reportLists = new Map<string, string[]>();
  private lastSuites: readonly string[] | null = null;
  private lastSuite = '';

  constructor(private readonly workspace: string) {}

  /** Starts recording changes; `rollback` undoes everything since, `commit` keeps it. */
  begin(): void {
    this.generation++;
    this.journal = { created: [], changed: new Map(), duplicates: [] };
  }

  commit(): void {
    this.journal = null;
  }

  rollback(): void {
    const j = this.journal;
    this.journal = null;
    if (!j) return;
    for (const id of j.created) this.tests.delete(id);
    for (const [id, before] of j.changed) this.tests.set(id, before);
    for (const id of j.duplicates) this.duplicateIds.delete(id);
  }

  /** Snapshot of a record before its first change in this journal (records created in it need none). */
  private touch(rec: TestRecord): void {
    const j = this.journal;
    if (!j || rec.gen === this.generation || j.changed.has(rec.id)) return;
    j.changed.set(rec.id, { ...rec, reports: [...rec.reports] });
  }

  /**
   * Adds one run of a test from `report`. The same id repeated within one report is a retry when the runs
   * mix failures with passes or failures (Gradle's test-retry, mikepenz's fixtures), and a separate
   * invocation otherwise (TestNG data providers write one testcase per row: `id [#2]`). A testcase without
   * a name is always its own test. During a retry, only tests that are still failing take the new run.
   */
  add(tc: CollectedCase, report: string, retry = false): void {
    const file = tc.file === undefined ? undefined : this.fileOf(tc.file);
    const baseId = testId({ suites: tc.suites, classname: tc.classname, name: tc.name, file });
    const base = this.tests.get(baseId);
    if (retry) {
      if (base && isFailing(base.outcome)) {
        this.touch(base);
        this.mergeRun(base, tc);
      }
      return;
    }
    if (!base) {
      this.tests.set(baseId, this.create(baseId, tc, file, report));
      return;
    }
    if (base.seenIn !== report) {
      // The same test in another report: a shard or matrix overlap, reported, merged as one more run.
      this.touch(base);
      base.seenIn = report;
      base.invocations = 1;
      this.noteDuplicate(base, report);
      this.mergeRun(base, tc);
      return;
    }
    const n = base.invocations ?? 1;
    const latest = n === 1 ? base : this.tests.get(`${baseId} [#${n}]`);
    const retryOfLatest =
      tc.name.trim() !== '' && latest !== undefined && latest.outcome !== 'skipped' && tc.outcome !== 'skipped' && (latest.failedRuns > 0 || isFailing(tc.outcome));
    if (retryOfLatest && latest) {
      this.touch(latest);
      this.mergeRun(latest, tc);
      return;
    }
    this.touch(base);
    base.invocations = n + 1;
    const id = `${baseId} [#${n + 1}]`;
    const prev = this.tests.get(id);
    if (prev) {
      this.touch(prev);
      this.noteDuplicate(prev, report);
      this.mergeRun(prev, tc);
    } else {
      this.tests.set(id, this.create(id, tc, file, report));
    }
  }

  private fileOf(raw: string): string | undefined {
    if (this.files.has(raw)) return this.files.get(raw);
    const f = normaliseTestFile(raw, this.workspace);
    if (this.files.size > 100_000) this.files.clear();
    this.files.set(raw, f);
    return f;
  }

  private suiteOf(suites: readonly string[]): string {
    // The reader hands the same array to every test of a suite.
    if (suites !== this.lastSuites) {
      this.lastSuites = suites;
      this.lastSuite = suites.join(' › ');
    }
    return this.lastSuite;
  }

  private reportList(report: string): string[] {
    let list = this.reportLists.get(report);
    if (!list) {
      list = [report];
      this.reportLists.set(report, list);
    }
    return list;
  }

  private create(id: string, tc: CollectedCase, file: string | undefined, report: string): TestRecord {
    const rec: TestRecord = {
      id,
      suite: this.suiteOf(tc.suites),
      classname: tc.classname.trim(),
      name: tc.name.trim(),
      outcome: tc.outcome,
      flaky: tc.flaky,
      runs: 1 + tc.reruns,
      failedRuns: (isFailing(tc.outcome) ? 1 : 0) + tc.reruns + (tc.flaky ? 1 : 0),
      // Shared by every test of the report until one turns up in a second report (copied then).
      reports: this.reportList(report),
      seenIn: report,
      gen: this.generation,
    };
    if (file !== undefined) rec.file = file;
    if (tc.line !== undefined) rec.line = tc.line;
    if (tc.time !== undefined) rec.durationMs = Math.round(tc.time * 1000);
    this.setFailureDetails(rec, tc);
    this.journal?.created.push(id);
    return rec;
  }

  private noteDuplicate(rec: TestRecord, report: string): void {
    if (rec.reports.includes(report)) return;
    if (rec.reports.length < 8) rec.reports = [...rec.reports, report];
    if (!this.duplicateIds.has(rec.id)) {
      this.duplicateIds.add(rec.id);
      this.journal?.duplicates.push(rec.id);
    }
  }

  private mergeRun(rec: TestRecord, tc: CollectedCase): void {
    rec.runs += 1 + tc.reruns;
    const nowFailing = isFailing(tc.outcome);
    if (nowFailing || tc.flaky) rec.failedRuns += 1 + tc.reruns;
    const wasFailing = isFailing(rec.outcome);
    if (tc.outcome === 'passed') {
      if (wasFailing || tc.flaky) rec.flaky = true;
      rec.outcome = 'passed';
    } else if (nowFailing) {
      if (rec.outcome === 'passed') {
        rec.flaky = true;
        if (rec.message === undefined) this.setFailureDetails(rec, tc);
      } else if (rec.outcome === 'skipped') {
        rec.outcome = tc.outcome;
        this.setFailureDetails(rec, tc);
      } else if (rec.outcome === 'errored' && tc.outcome === 'failed') {
        // A <failure> outranks an <error>, as within one testcase.
        rec.outcome = 'failed';
        this.setFailureDetails(rec, tc);
      }
    }
    if (tc.time !== undefined) rec.durationMs = Math.max(rec.durationMs ?? 0, Math.round(tc.time * 1000));
    if (rec.line === undefined && tc.line !== undefined) rec.line = tc.line;
  }

  private setFailureDetails(rec: TestRecord, tc: CollectedCase): void {
    if (tc.message !== undefined) rec.message = tc.message;
    if (tc.stack !== undefined && tc.stack.length > 0 && isFailing(tc.outcome)) rec.stack = tc.stack;
  }

  duplicates(): Duplicate[] {
    const out: Duplicate[] = [];
    for (const id of this.duplicateIds) {
      const rec = this.tests.get(id);
      if (rec) out.push({ id, reports: [...rec.reports] });
    }
    return out;
  }

  failingIds(): string[] {
    const out: string[] = [];
    for (const t of this.tests.values()) if (isFailing(t.outcome)) out.push(t.id);
    return out;
  }
}
