// One pass over every test, read back from the spill: its class against the baseline, its row in tests.ndjson.gz, its
// entry in the next baseline.json, its finding (capped per class) and its slowdown. Nothing per test outlives its turn.
import path from 'node:path';
import { STAGE_FILES } from '../../core/stage-folder.js';
import type { Finding } from '../../core/findings.js';
import { jsonStrings, TESTS_FILE, testRowNames, testRowTail, TestsWriter, type TestClass, type TestCounts, type TestRow } from '../../core/tests-contract.js';
import { BaselineWriter, type BaselineOutcome } from './baseline-file.js';
import { classOf, ClassTally, type BaselineMatch, type RemovedTest } from './classify.js';
import type { RegressionOptions } from './options.js';
import type { RegressionResult } from './result.js';
import type { TestCollector, TestView } from './test-collector.js';
import { CappedFindings, findingDue, testFingerprint } from './test-findings.js';
import type { SourceFiles, StackPlace } from './test-location.js';
import { TestNameMatcher } from './test-names.js';
import { DUPLICATE, LINE_REFUSED, NO_MS } from './test-table.js';
import { MAX_POSITION } from '../../core/findings.js';

/** Examples kept in result.json of lists that can be as long as the tests (the tests file has them all). */
const MAX_LISTED = 100;
/** Slowest tests kept (and given a finding). */
const MAX_SLOW = 1000;

export interface TestsPass {
  counts: TestCounts;
  tally: ClassTally;
  findings: Finding[];
  findingsCut: RegressionResult['findingsCut'];
  /** The first gating test, for the stage's reason. */
  firstGating: { id: string; message?: string | undefined; legs?: LegSplit | undefined } | null;
  duplicates: RegressionResult['duplicates'];
  duplicatesTotal: number;
  /** Tests that failed in some legs and passed in others: the first MAX_LISTED, and how many. */
  legSplits: NonNullable<RegressionResult['legSplits']>;
  legSplitsTotal: number;
  quarantined: { ids: string[]; total: number };
  /** Quarantine entries in force that named no test. */
  quarantineUnmatched: string[];
  slow: RegressionResult['slow'];
  slowTotal: number;
  rows: number;
  /** Tests that ran in the baseline and did not run now (skipped or gone), of all that ran there; null without a baseline. */
  dropped: { count: number; of: number; first?: string } | null;
}

export interface TestsPassInput {
  stage: string;
  outDir: string;
  tests: TestCollector;
  baseline: BaselineMatch | null;
  options: Pick<RegressionOptions, 'failOn' | 'slowdown'>;
  /** Quarantine entries in force today. */
  quarantine: readonly string[];
  sources: SourceFiles;
  mask: (text: string) => string;
  /** Whether `mask` has secrets to take out (every line then goes through it). */
  masking: boolean;
  /** False for a stage that errored: a partial baseline would make the tests it did not read look removed. */
  writeBaseline: boolean;
}

type Slow = RegressionResult['slow'][number] & { finding: Finding };
type LegSplit = { failedIn: string[]; passedIn: string[] };

/** A removed test did not run: it has its id and nothing else. */
const REMOVED_NAMES = testRowNames({ suite: '', classname: '', name: '', traceTo: [] });

/** The state of the pass: the files being written and what is counted and kept along the way. */
class Pass {
  readonly rows: TestsWriter;
  readonly next: BaselineWriter | null;
  readonly tally: ClassTally;
  readonly findings: CappedFindings;
  readonly quarantine: TestNameMatcher;
  readonly counts: TestCounts;
  readonly out: Pick<TestsPass, 'firstGating' | 'duplicates' | 'duplicatesTotal' | 'legSplits' | 'legSplitsTotal' | 'quarantined' | 'slowTotal'> = {
    firstGating: null,
    duplicates: [],
    duplicatesTotal: 0,
    legSplits: [],
    legSplitsTotal: 0,
    quarantined: { ids: [], total: 0 },
    slowTotal: 0,
  };
  slow: Slow[] = [];
  private readonly dropped: TestsPass['dropped'];
  private readonly quarantining: boolean;
  private readonly reportSets = new Map<number, string>();

  constructor(private readonly input: TestsPassInput) {
    // Lines go through the mask only when there are secrets to mask: otherwise their encoded bytes are copied.
    const mask = input.masking ? input.mask : undefined;
    this.rows = new TestsWriter(path.join(input.outDir, TESTS_FILE), input.stage, mask ? { mask } : {});
    this.next = input.writeBaseline ? new BaselineWriter(path.join(input.outDir, STAGE_FILES.baseline), input.stage, mask) : null;
    this.quarantining = input.quarantine.length > 0;
    this.dropped = input.baseline ? { count: 0, of: 0 } : null;
    this.tally = new ClassTally(input.options.failOn, input.baseline !== null);
    this.findings = new CappedFindings(input.stage, input.sources);
    this.quarantine = new TestNameMatcher(input.quarantine);
    this.counts = { tests: input.tests.size, passed: 0, failed: 0, errors: 0, skipped: 0, flaky: 0, regressions: 0 };
  }

  /** One test of the collector: counted, classified, written. Returns false when the files ask to wait (drain). */
  test(t: TestView): boolean {
    const { tests, baseline } = this.input;
    const c = tests.cols;
    const i = t.i;
    const outcome = tests.outcome(i);
    const flags = c.flags.get(i);
    const flaky = tests.isFlaky(i);
    const quarantined = this.quarantining && this.quarantine.matches(t.strings());
    const base = baseline?.baseOutcome(i);
    const cls = classOf(outcome, flaky, base, baseline !== null, quarantined);
    const gating = this.tally.count(cls);
    if (base !== undefined && base !== 'skipped') this.ranInBaseline(outcome === 'skipped', t);
    this.countOutcome(outcome, flaky);
    if (quarantined && ++this.out.quarantined.total <= MAX_LISTED) this.out.quarantined.ids.push(t.id());
    const set = c.reportSet.get(i);
    const several = (flags & DUPLICATE) !== 0;
    if (several && ++this.out.duplicatesTotal <= MAX_LISTED) this.out.duplicates.push({ id: t.id(), reports: [...tests.reports.names(set)] });
    // Where a test that ran in several legs failed, and where it passed: the record says both.
    const ran = several ? tests.legOutcomes(i) : null;
    const legs = ran !== null && ran.failedIn.length > 0 ? ran : null;
    const split = legs !== null && legs.passedIn.length > 0 ? legs : undefined;
    if (split && ++this.out.legSplitsTotal <= MAX_LISTED) this.out.legSplits.push({ id: t.id(), ...split });
    const ms = c.ms.get(i);
    const line = c.line.get(i);
    const failing = outcome === 'failed' || outcome === 'errored';
    const messageJson = failing || flaky || outcome === 'skipped' ? t.messageJson() : undefined;
    if (gating && !this.out.firstGating) this.out.firstGating = { id: t.id(), message: messageJson === undefined ? undefined : (JSON.parse(messageJson) as string), legs: split };

    const tail = testRowTail(
      {
        outcome,
        class: cls,
        runs: c.runs.get(i),
        gating,
        ...(line !== 0 ? { line } : {}),
        ...(ms !== NO_MS ? { durationMs: ms } : {}),
        ...(base !== undefined ? { baselineOutcome: base } : {}),
        ...(legs ? { failedIn: legs.failedIn, ...(split ? { passedIn: split.passedIn } : {}) } : {}),
      },
      messageJson,
      this.reportsJson(set),
    );
    let ok = this.rows.writeEncoded(t.head(), tail);
    if (this.next) ok = this.next.addEncoded(t.idJson(), outcome as BaselineOutcome, ms === NO_MS ? null : ms, flaky) && ok;

    if (findingDue(cls, gating, outcome, flaky) && this.findings.admit(cls)) {
      const s = t.strings();
      const stack = s.stack === undefined ? undefined : (JSON.parse(s.stack) as StackPlace[]);
      const note = (flags & LINE_REFUSED) !== 0 ? refusedLineNote(tests.refusedLine(i)) : undefined;
      const test = { file: s.file, line: line === 0 ? undefined : line, classname: s.classname, suite: s.suite, stack, name: s.name, outcome, flaky, message: s.message, legs: split, note };
      this.findings.add({ id: s.id, class: cls, gating, traceTo: s.traceTo, baselineOutcome: base, baselineFlaky: baseline?.baseFlaky(i) ?? false, test }, this.input.mask);
    }
    if (ms !== NO_MS) this.slowdown(t, ms, line);
    return ok;
  }

  /** The reports of a set as JSON, encoded once per set. */
  private reportsJson(set: number): string {
    let json = this.reportSets.get(set);
    if (json === undefined) {
      json = jsonStrings(this.input.tests.reports.paths(set));
      this.reportSets.set(set, json);
    }
    return json;
  }

  private countOutcome(outcome: TestRow['outcome'], flaky: boolean): void {
    const k = this.counts;
    if (outcome === 'passed') k.passed++;
    else if (outcome === 'failed') k.failed++;
    else if (outcome === 'errored') k.errors++;
    else k.skipped++;
    if (flaky) k.flaky++;
  }

  /** A test slower than its baseline by the set factor: kept among the slowest MAX_SLOW, counted in all. */
  private slowdown(t: TestView, ms: number, line: number): void {
    const s = this.input.options.slowdown;
    const baseMs = this.input.baseline?.baseMs(t.i);
    if (!s || !baseMs || ms < s.minMs || ms / baseMs < s.factor) return;
    this.out.slowTotal++;
    const rec = t.strings();
    const factor = Math.round((ms / baseMs) * 100) / 100;
    const finding: Finding = {
      stage: this.input.stage,
      ruleId: 'regression/slowdown',
      level: 'warning',
      message: `${factor}× slower than the baseline: ${ms} ms, was ${baseMs} ms (test ${rec.name || rec.id})`,
      fingerprint: testFingerprint(rec.id, 'slowdown'),
      baseline: 'new',
      traceTo: [...rec.traceTo],
      ...(rec.file ? { location: { path: rec.file, ...(line !== 0 ? { startLine: line } : {}) } } : {}),
    };
    this.slow.push({ id: rec.id, ms, baselineMs: baseMs, factor, finding });
    if (this.slow.length >= 2 * MAX_SLOW) this.slow = slowest(this.slow);
  }

  /** A test that ran in the baseline: whether it did not run now. */
  private ranInBaseline(notNow: boolean, t: { id(): string }): void {
    const d = this.dropped;
    if (!d) return;
    d.of++;
    if (!notNow) return;
    d.count++;
    d.first ??= t.id();
  }

  /** A test only the baseline has. */
  removed(r: RemovedTest): boolean {
    const cls: TestClass = 'removed';
    if (r.outcome !== 'skipped') this.ranInBaseline(true, r);
    const gating = this.tally.count(cls);
    if (gating && !this.out.firstGating) this.out.firstGating = { id: r.id() };
    if (findingDue(cls, gating, 'absent', false) && this.findings.admit(cls)) {
      this.findings.add({ id: r.id(), class: cls, gating, traceTo: [], baselineOutcome: r.outcome, baselineFlaky: r.flaky }, this.input.mask);
    }
    return this.rows.writeEncoded(r.head, REMOVED_NAMES + testRowTail({ outcome: 'absent', class: cls, baselineOutcome: r.outcome, runs: 0, gating }, undefined, '[]'));
  }

  async drain(): Promise<void> {
    await Promise.all([this.rows.drain(), this.next?.drain()]);
  }

  async close(): Promise<TestsPass> {
    await this.rows.close();
    await this.next?.close();
    this.counts.regressions = this.tally.classes.regression;
    const slow = slowest(this.slow);
    return {
      ...this.out,
      quarantineUnmatched: this.quarantine.unmatched(),
      counts: this.counts,
      tally: this.tally,
      findings: [...this.findings.findings(), ...slow.map((s) => s.finding)],
      findingsCut: this.findings.cut(),
      slow: slow.map(({ finding: _f, ...s }) => s),
      rows: this.rows.rows,
      dropped: this.dropped,
    };
  }

  abort(): void {
    this.rows.destroy();
    this.next?.destroy();
  }
}

function refusedLineNote(line: string | undefined): string {
  return `the report's line${line === undefined ? '' : ` "${line}"`} is out of range (1 to ${MAX_POSITION}): dropped, the test is located without it`;
}

function slowest(list: Slow[]): Slow[] {
  return list.sort((a, b) => b.factor - a.factor).slice(0, MAX_SLOW);
}

export async function writeTests(input: TestsPassInput): Promise<TestsPass> {
  const pass = new Pass(input);
  try {
    for (const t of input.tests.tests()) if (!pass.test(t)) await pass.drain();
    if (input.baseline) for (const r of input.baseline.removedTests()) if (!pass.removed(r)) await pass.drain();
    return await pass.close();
  } catch (e) {
    pass.abort();
    throw e;
  }
}
