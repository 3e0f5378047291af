// Merges the test cases of several reports (shards, matrix legs, retries) into one compact record per test id: numbers in
// typed columns, found by the hash of the id, and the strings in the spill file, so memory grows by tens of bytes a test.
import { jsonString, testRowNames } from '../../core/tests-contract.js';
import { IdHasher } from './id-hash.js';
import type { JunitTestCase, TestOutcome } from './junit-stream.js';
import { ReportSets } from './report-sets.js';
import { normaliseTestFile, testId } from './test-identity.js';
import type { StackPlace } from './test-location.js';
import { SpillRecord, type Spill } from './test-spill.js';
import {
  DETAILS_REPLACED,
  DUPLICATE,
  FLAKY,
  HAS_MESSAGE,
  isFailingCode,
  legBit,
  LINE_REFUSED,
  NO_MS,
  OUTCOME_CODES,
  outcomeCode,
  PASSED,
  SKIPPED,
  COLUMN_PAGE,
  TestColumns,
  TestIndex,
  U32Column,
  ERRORED,
  FAILED,
} from './test-table.js';

/** A test case as read, its failure body already reduced to the stack places in it. */
export type CollectedCase = Omit<JunitTestCase, 'details'> & { stack?: StackPlace[] };

export function isFailing(outcome: TestOutcome | 'absent'): boolean {
  return outcome === 'failed' || outcome === 'errored';
}

/** Names a test can be traced by (TestCollector's `traceOf`). */
export interface TraceParts {
  suite: string;
  classname: string;
  name: string;
  file?: string | undefined;
}

/** What a test is called and where, decoded (message and stack as a later run may have replaced them). */
export interface TestStrings {
  id: string;
  suite: string;
  classname: string;
  name: string;
  file?: string | undefined;
  message?: string | undefined;
  /** JSON of the stack places of the failure (failing tests only). */
  stack?: string | undefined;
  traceTo: readonly string[];
}

const NO_IDS: readonly string[] = Object.freeze([]);

/**
 * A test's spill record holds its strings already encoded as they go into its row, so the tests file and the next
 * baseline are written by copying bytes: the head (`{` + tests-contract testRowHead: id, suite, classname, name, file,
 * traceTo), the message as a JSON string, and the stack places as JSON.
 */
const HEAD = 0;
const MESSAGE = 1;
const STACK = 2;
const ID_PREFIX = Buffer.from('{"id":');
/** What follows the id in a head. Inside the id's JSON every quote is escaped, so its first occurrence ends the id. */
const AFTER_ID = Buffer.from(',"suite":');

/**
 * One test as read back in a pass over the spill: its index and record, decoded only as far as it is asked. The same
 * object serves every test of a pass; what it returns is valid until the pass moves on.
 */
export class TestView {
  i = 0;
  rec: SpillRecord = new SpillRecord();
  private decodedId: string | null = null;

  constructor(private readonly tests: TestCollector) {}

  at(i: number, rec: SpillRecord): this {
    this.i = i;
    this.rec = rec;
    this.decodedId = null;
    return this;
  }

  /** The encoded start of the test's row: `{"id":…,"suite":…,…,"traceTo":[…]`. */
  head(): Buffer {
    return this.rec.bytes(HEAD);
  }

  /** The id as a JSON string, encoded. */
  idJson(): Buffer {
    const head = this.rec.bytes(HEAD);
    return head.subarray(ID_PREFIX.length, head.indexOf(AFTER_ID, ID_PREFIX.length));
  }

  id(): string {
    return (this.decodedId ??= JSON.parse(this.idJson().toString('utf8')) as string);
  }

  messageJson(): string | undefined {
    const replaced = this.tests.replacedMessage(this.i);
    return replaced !== undefined ? jsonString(replaced) : this.rec.text(MESSAGE);
  }

  /** Everything, decoded: for the few tests that get a finding or are re-run. */
  strings(): TestStrings {
    const names = JSON.parse(`${this.rec.text(HEAD)}}`) as Omit<TestStrings, 'message' | 'stack'>;
    const message = this.messageJson();
    const stack = this.tests.replacedStack(this.i) ?? this.rec.text(STACK);
    return { ...names, message: message === undefined ? undefined : (JSON.parse(message) as string), stack };
  }
}

/** Message and stack of a later run that replaced those of the first (a flaky test's failure, a failure after a skip). */
interface Details {
  message?: string;
  stack?: string;
}

/** Replaced details kept at most: past this a test keeps the details of its first failing run (said in the log). */
const MAX_REPLACED_DETAILS = 100_000;

/** What a report changed, so a report that turns out broken half-way can be taken back out. */
interface Journal {
  generation: number;
  /** Tests from this index on were created by the report. */
  start: number;
  spillAt: number;
  /** Snapshots of the tests it changed that existed before it: their index, and their columns as they were. */
  touched: U32Column;
  before: TestColumns;
  count: number;
  details: Map<number, Details | undefined>;
}

export class TestCollector {
  readonly cols = new TestColumns();
  readonly index = new TestIndex();
  readonly hasher = new IdHasher();
  readonly reports = new ReportSets();
  /** Details replaced by later runs, by test index. */
  private readonly replaced = new Map<number, Details>();
  /** Replacements that did not fit under MAX_REPLACED_DETAILS. */
  detailsDropped = 0;
  /** Line attributes out of range (LINE_REFUSED), by test index, as the report wrote them. */
  private readonly refusedLines = new Map<number, string>();
  private journal: Journal | null = null;
  private generation = 0;
  private readonly touchedIn = new U32Column();
  // Values that repeat across thousands of tests are computed once.
  private readonly files = new Map<string, string | undefined>();
  private lastFile: [string, string | undefined] = ['', undefined];
  private lastSuites: readonly string[] | null = null;
  private lastSuite = '';

  constructor(
    private readonly workspace: string,
    private readonly spill: Spill,
    private readonly traceOf: (t: TraceParts) => readonly string[] = () => NO_IDS,
  ) {}

  get size(): number {
    return this.index.size;
  }

  /** Bytes held per test in memory (columns and index), for the bench and the growth tests. */
  get bytes(): number {
    return this.cols.bytes + this.index.bytes + this.touchedIn.bytes;
  }

  /** A test's outcome over every leg it ran in: failed when it failed in any (a failure outranks an error), else errored, else passed, else skipped. */
  outcome(i: number): TestOutcome {
    return OUTCOME_CODES[this.outcomeCode(i)] as TestOutcome;
  }

  outcomeCode(i: number): number {
    const c = this.cols;
    const current = c.outcome.get(i);
    const settled = c.settled.get(i);
    if (settled === 0) return current;
    const all = settled | legBit(current);
    if (all & legBit(FAILED)) return FAILED;
    if (all & legBit(ERRORED)) return ERRORED;
    return all & legBit(PASSED) ? PASSED : SKIPPED;
  }

  /** Flaky: it failed and then passed on a retry in the same leg, and failed in no leg. */
  isFlaky(i: number): boolean {
    return (this.cols.flags.get(i) & FLAKY) !== 0 && this.outcomeCode(i) === PASSED;
  }

  /** Starts recording changes; `rollback` undoes everything since, `commit` keeps it. */
  begin(): void {
    this.generation++;
    this.journal = { generation: this.generation, start: this.size, spillAt: this.spill.bytes, touched: new U32Column(), before: new TestColumns(), count: 0, details: new Map() };
  }

  commit(): void {
    this.journal = null;
  }

  rollback(): void {
    const j = this.journal;
    this.journal = null;
    if (!j) return;
    for (let k = 0; k < j.count; k++) this.cols.copy(j.before, k, j.touched.get(k));
    for (const [i, d] of j.details) {
      if (d) this.replaced.set(i, d);
      else this.replaced.delete(i);
    }
    for (const i of this.replaced.keys()) if (i >= j.start) this.replaced.delete(i);
    for (const i of this.refusedLines.keys()) if (i >= j.start) this.refusedLines.delete(i);
    this.index.truncate(j.start);
    this.spill.truncate(j.spillAt);
  }

  /** Snapshot of a test before its first change in this journal (tests created in it need none). */
  private touch(i: number): void {
    const j = this.journal;
    if (!j || i >= j.start || this.touchedIn.get(i) === j.generation) return;
    this.touchedIn.set(i, j.generation);
    const k = j.count++;
    j.touched.ensure(j.count);
    j.before.ensure(j.count);
    j.touched.set(k, i);
    j.before.copy(this.cols, i, k);
    if (this.replaced.has(i)) j.details.set(i, { ...this.replaced.get(i) });
    else j.details.set(i, undefined);
  }

  find(id: string): number {
    this.hasher.hash(id);
    return this.index.find(this.hasher.lo, this.hasher.hi);
  }

  /**
   * Adds one run of a test from `reportPath`. Runs in different legs (report files, or hosts of one merged file) are
   * separate runs of the test, and a failure in any of them fails it: two legs disagreeing is not flakiness. The same
   * id repeated within one leg is a retry when the runs mix failures with passes or failures (Gradle's test-retry,
   * mikepenz's fixtures), and a separate invocation otherwise (TestNG data providers write one testcase per row:
   * `id [#2]`). A testcase without a name is always its own test. A retry of Andon's (`retry`) re-ran the tests that
   * were failing in this job: only those take the new run, and one that passes is flaky.
   */
  add(tc: CollectedCase, reportPath: string, retry = false): void {
    const file = tc.file === undefined ? undefined : this.fileOf(tc.file);
    const baseId = testId({ suites: tc.suites, classname: tc.classname, name: tc.name, file });
    const base = this.find(baseId);
    if (retry) {
      if (base >= 0 && isFailingCode(this.outcomeCode(base))) {
        this.touch(base);
        this.retryRun(base, tc);
      }
      return;
    }
    const leg = this.reports.leg(reportPath, tc.host);
    if (base < 0) {
      this.create(baseId, tc, file, leg);
      return;
    }
    const c = this.cols;
    if (c.seenIn.get(base) !== leg) {
      // The same test in another leg (a shard or matrix overlap): reported, and its outcome kept beside the others.
      this.touch(base);
      c.invocations.set(base, 1);
      this.nextLeg(base, tc, leg);
      return;
    }
    const n = c.invocations.get(base) || 1;
    const latest = n === 1 ? base : this.find(`${baseId} [#${n}]`);
    const retryOfLatest =
      tc.name.trim() !== '' && latest >= 0 && c.outcome.get(latest) !== SKIPPED && tc.outcome !== 'skipped' && (c.failedRuns.get(latest) > 0 || isFailing(tc.outcome));
    if (retryOfLatest) {
      this.touch(latest);
      this.mergeRun(latest, tc);
      return;
    }
    this.touch(base);
    c.invocations.set(base, n + 1);
    const id = `${baseId} [#${n + 1}]`;
    const prev = this.find(id);
    if (prev >= 0) {
      this.touch(prev);
      if (c.seenIn.get(prev) !== leg) this.nextLeg(prev, tc, leg);
      else this.mergeRun(prev, tc);
    } else {
      this.create(id, tc, file, leg);
    }
  }

  private fileOf(raw: string): string | undefined {
    // Test cases of one file come one after the other: the last answer first, then the map.
    if (raw === this.lastFile[0]) return this.lastFile[1];
    let f: string | undefined;
    if (this.files.has(raw)) f = this.files.get(raw);
    else {
      f = normaliseTestFile(raw, this.workspace);
      if (this.files.size > 100_000) this.files.clear();
      this.files.set(raw, f);
    }
    this.lastFile = [raw, f];
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

  private create(id: string, tc: CollectedCase, file: string | undefined, leg: number): void {
    // `find` just hashed this id.
    const i = this.index.add(this.hasher.lo, this.hasher.hi);
    const c = this.cols;
    if (i % COLUMN_PAGE === 0) {
      c.ensure(this.size);
      this.touchedIn.ensure(this.size);
    }
    const failing = isFailing(tc.outcome);
    c.outcome.set(i, outcomeCode(tc.outcome));
    c.flags.set(i, (tc.flaky ? FLAKY : 0) | (tc.message !== undefined ? HAS_MESSAGE : 0) | (tc.refusedLine !== undefined ? LINE_REFUSED : 0));
    c.runs.set(i, 1 + tc.reruns);
    c.failedRuns.set(i, (failing ? 1 : 0) + tc.reruns + (tc.flaky ? 1 : 0));
    c.ms.set(i, tc.time === undefined ? NO_MS : msOf(tc.time));
    c.line.set(i, tc.line ?? 0);
    c.seenIn.set(i, leg);
    c.invocations.set(i, 0);
    c.reportSet.set(i, this.reports.only(leg));
    c.settled.set(i, 0);
    c.legs.set(i, 0);
    this.touchedIn.set(i, 0);
    if (tc.refusedLine !== undefined && this.refusedLines.size < MAX_REPLACED_DETAILS) this.refusedLines.set(i, tc.refusedLine);
    const parts = { suite: this.suiteOf(tc.suites), classname: tc.classname.trim(), name: tc.name.trim(), file, traceTo: NO_IDS };
    parts.traceTo = this.traceOf(parts);
    this.spill.append([
      `{"id":${jsonString(id)}${testRowNames(parts)}`,
      tc.message === undefined ? undefined : jsonString(tc.message),
      failing && tc.stack !== undefined && tc.stack.length > 0 ? JSON.stringify(tc.stack) : undefined,
    ]);
  }

  /**
   * A run of test `i` in a leg it has not run in yet: the leg it was in is finished (its outcome settled beside the
   * others), and this run starts the new one. The failure shown is the first one of a leg that failed.
   */
  private nextLeg(i: number, tc: CollectedCase, leg: number): void {
    const c = this.cols;
    const code = c.outcome.get(i);
    const settled = c.settled.get(i);
    const entry = (c.seenIn.get(i) << 2) | code;
    const had = c.legs.get(i);
    c.legs.set(i, 1 + (had === 0 ? this.reports.set([entry]) : this.reports.with(had - 1, entry)));
    c.settled.set(i, settled | legBit(code));
    const set = c.reportSet.get(i);
    if (!this.reports.has(set, leg)) c.reportSet.set(i, this.reports.with(set, leg));
    c.flags.set(i, c.flags.get(i) | DUPLICATE);
    c.seenIn.set(i, leg);
    c.outcome.set(i, outcomeCode(tc.outcome));
    const failing = isFailing(tc.outcome);
    c.runs.set(i, c.runs.get(i) + 1 + tc.reruns);
    if (failing || tc.flaky) c.failedRuns.set(i, c.failedRuns.get(i) + 1 + tc.reruns);
    if (tc.flaky) c.flags.set(i, c.flags.get(i) | FLAKY);
    const failedBefore = (settled | legBit(code)) & (legBit(FAILED) | legBit(ERRORED));
    if (failing && failedBefore === 0) this.replaceDetails(i, tc);
    this.mergeTime(i, tc);
  }

  /** A run of Andon's retry of a test that was failing: a pass makes it flaky, and passed wherever it had failed. */
  private retryRun(i: number, tc: CollectedCase): void {
    const c = this.cols;
    c.runs.set(i, c.runs.get(i) + 1 + tc.reruns);
    if (tc.outcome === 'passed') {
      c.outcome.set(i, PASSED);
      c.settled.set(i, c.settled.get(i) & ~(legBit(FAILED) | legBit(ERRORED)));
      c.flags.set(i, c.flags.get(i) | FLAKY);
    } else if (isFailing(tc.outcome) || tc.flaky) {
      c.failedRuns.set(i, c.failedRuns.get(i) + 1 + tc.reruns);
    }
    this.mergeTime(i, tc);
  }

  private mergeRun(i: number, tc: CollectedCase): void {
    const c = this.cols;
    c.runs.set(i, c.runs.get(i) + 1 + tc.reruns);
    const nowFailing = isFailing(tc.outcome);
    if (nowFailing || tc.flaky) c.failedRuns.set(i, c.failedRuns.get(i) + 1 + tc.reruns);
    const was = c.outcome.get(i);
    if (tc.outcome === 'passed') {
      if (isFailingCode(was) || tc.flaky) c.flags.set(i, c.flags.get(i) | FLAKY);
      c.outcome.set(i, PASSED);
    } else if (nowFailing) {
      if (was === PASSED) {
        c.flags.set(i, c.flags.get(i) | FLAKY);
        if ((c.flags.get(i) & HAS_MESSAGE) === 0) this.replaceDetails(i, tc);
      } else if (was === SKIPPED) {
        c.outcome.set(i, outcomeCode(tc.outcome));
        this.replaceDetails(i, tc);
      } else if (was === ERRORED && tc.outcome === 'failed') {
        // A <failure> outranks an <error>, as within one testcase.
        c.outcome.set(i, FAILED);
        this.replaceDetails(i, tc);
      }
    }
    this.mergeTime(i, tc);
  }

  /** The longest duration of any run, and the first line any run gave. */
  private mergeTime(i: number, tc: CollectedCase): void {
    const c = this.cols;
    if (tc.time !== undefined) {
      const ms = msOf(tc.time);
      const had = c.ms.get(i);
      c.ms.set(i, had === NO_MS ? ms : Math.max(had, ms));
    }
    if (c.line.get(i) === 0 && tc.line !== undefined) c.line.set(i, tc.line);
  }

  private replaceDetails(i: number, tc: CollectedCase): void {
    const stack = tc.stack !== undefined && tc.stack.length > 0 && isFailing(tc.outcome) ? JSON.stringify(tc.stack) : undefined;
    if (tc.message === undefined && stack === undefined) return;
    const had = this.replaced.get(i);
    if (!had && this.replaced.size >= MAX_REPLACED_DETAILS) {
      this.detailsDropped++;
      return;
    }
    const d: Details = had ?? {};
    if (tc.message !== undefined) d.message = tc.message;
    if (stack !== undefined) d.stack = stack;
    this.replaced.set(i, d);
    const c = this.cols;
    c.flags.set(i, c.flags.get(i) | DETAILS_REPLACED | (tc.message !== undefined ? HAS_MESSAGE : 0));
  }

  replacedMessage(i: number): string | undefined {
    return (this.cols.flags.get(i) & DETAILS_REPLACED) === 0 ? undefined : this.replaced.get(i)?.message;
  }

  replacedStack(i: number): string | undefined {
    return (this.cols.flags.get(i) & DETAILS_REPLACED) === 0 ? undefined : this.replaced.get(i)?.stack;
  }

  /** Every test in the order first seen, read back from the spill: one pass, one record in memory at a time. */
  *tests(): Generator<TestView> {
    const view = new TestView(this);
    let i = 0;
    for (const rec of this.spill.records()) yield view.at(i++, rec);
  }

  failingIndices(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.size; i++) if (isFailingCode(this.outcomeCode(i))) out.push(i);
    return out;
  }

  /** The report line a test's report gave out of range (LINE_REFUSED), as written. */
  refusedLine(i: number): string | undefined {
    return this.refusedLines.get(i);
  }

  /**
   * Where a test that ran in several legs failed and where it passed (its runs in one leg merged first); null for a
   * test that ran in one leg. A skipped leg is in neither list.
   */
  legOutcomes(i: number): { failedIn: string[]; passedIn: string[] } | null {
    const c = this.cols;
    const had = c.legs.get(i);
    if (had === 0) return null;
    const failedIn: string[] = [];
    const passedIn: string[] = [];
    const take = (entry: number) => {
      const code = entry & 3;
      if (isFailingCode(code)) failedIn.push(this.reports.name(entry >>> 2));
      else if (code === PASSED) passedIn.push(this.reports.name(entry >>> 2));
    };
    for (const entry of this.reports.list(had - 1)) take(entry);
    take((c.seenIn.get(i) << 2) | c.outcome.get(i));
    return { failedIn, passedIn };
  }
}

function msOf(seconds: number): number {
  return Math.min(NO_MS - 1, Math.round(seconds * 1000));
}
