// One pass over every test, read back from the spill: its class against the baseline, its row in tests.ndjson.gz, its
// entry in the next baseline.json, its finding (capped per class) and its slowdown. Nothing per test outlives its turn.
import path from 'node:path';
import { BASELINE_ARTIFACT } from '../../core/baselines.js';
import type { Finding } from '../../core/findings.js';
import { TESTS_FILE, TestsWriter, type TestCounts, type TestOutcome, type TestRow } from '../../core/tests-contract.js';
import { BaselineWriter } from './baseline-file.js';
import { classOf, ClassTally, type BaselineMatch } from './classify.js';
import type { RegressionOptions } from './options.js';
import type { RegressionResult } from './result.js';
import type { TestCollector, TestStrings } from './test-collector.js';
import { CappedFindings, findingDue, testFingerprint, type FindingSubject } from './test-findings.js';
import { idMatcher } from './test-identity.js';
import type { SourceFiles, StackPlace } from './test-location.js';
import { DUPLICATE, FLAKY, NO_MS } from './test-table.js';

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
  firstGating: { id: string; message?: string | undefined } | null;
  duplicates: RegressionResult['duplicates'];
  duplicatesTotal: number;
  quarantined: { ids: string[]; total: number };
  slow: RegressionResult['slow'];
  slowTotal: number;
  rows: number;
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
  /** False for a stage that errored: a partial baseline would make the tests it did not read look removed. */
  writeBaseline: boolean;
}

type SlowCandidate = RegressionResult['slow'][number] & { finding: Finding };

export async function writeTests(input: TestsPassInput): Promise<TestsPass> {
  const { tests, baseline, mask } = input;
  const rows = new TestsWriter(path.join(input.outDir, TESTS_FILE), input.stage, { mask });
  const next = input.writeBaseline ? new BaselineWriter(path.join(input.outDir, BASELINE_ARTIFACT), input.stage, mask) : null;
  const tally = new ClassTally(input.options.failOn, baseline !== null);
  const findings = new CappedFindings(input.stage, input.sources);
  const quarantined = idMatcher(input.quarantine);
  const counts: TestCounts = { tests: tests.size, passed: 0, failed: 0, errors: 0, skipped: 0, flaky: 0, regressions: 0 };
  const out: Omit<TestsPass, 'counts' | 'tally' | 'findings' | 'findingsCut' | 'rows' | 'slow'> = {
    firstGating: null,
    duplicates: [],
    duplicatesTotal: 0,
    quarantined: { ids: [], total: 0 },
    slowTotal: 0,
  };
  let slow: SlowCandidate[] = [];
  const c = tests.cols;
  try {
    for (const { i, rec } of tests.tests()) {
      const outcome = tests.outcome(i);
      const flags = c.flags.get(i);
      const flaky = (flags & FLAKY) !== 0;
      const isQuarantined = quarantined(rec.id);
      const base = baseline?.baseOutcome(i);
      const cls = classOf(outcome, flaky, base, baseline !== null, isQuarantined);
      const gating = tally.count(cls);
      if (outcome === 'passed') counts.passed++;
      else if (outcome === 'failed') counts.failed++;
      else if (outcome === 'errored') counts.errors++;
      else counts.skipped++;
      if (flaky) counts.flaky++;
      if (isQuarantined && ++out.quarantined.total <= MAX_LISTED) out.quarantined.ids.push(rec.id);
      const reports = tests.reports.paths(c.reportSet.get(i));
      if ((flags & DUPLICATE) !== 0 && ++out.duplicatesTotal <= MAX_LISTED) out.duplicates.push({ id: rec.id, reports: [...reports] });
      const ms = c.ms.get(i);
      const line = c.line.get(i);
      const failing = outcome === 'failed' || outcome === 'errored';
      const message = rec.message !== undefined && (failing || flaky || outcome === 'skipped') ? rec.message : undefined;
      if (gating && !out.firstGating) out.firstGating = { id: rec.id, message };

      const row: TestRow = { id: rec.id, suite: rec.suite, classname: rec.classname, name: rec.name, outcome, class: cls, traceTo: [...rec.traceTo], runs: c.runs.get(i), gating, reports: [...reports] };
      if (rec.file !== undefined) row.file = rec.file;
      if (line !== 0) row.line = line;
      if (ms !== NO_MS) row.durationMs = ms;
      if (message !== undefined) row.message = message;
      if (base !== undefined) row.baselineOutcome = base;
      let ok = rows.write(row);
      if (next) ok = next.add(rec.id, outcome as Exclude<TestOutcome, 'absent'>, ms === NO_MS ? null : ms, flaky) && ok;

      const subject = (): FindingSubject => ({
        id: rec.id,
        class: cls,
        gating,
        traceTo: rec.traceTo,
        baselineOutcome: base,
        baselineFlaky: baseline?.baseFlaky(i) ?? false,
        test: { ...locatable(rec, line), name: rec.name, outcome, flaky, message },
      });
      if (findingDue({ class: cls, gating, test: { outcome, flaky } as FindingSubject['test'] }) && findings.admit(cls)) findings.add(subject(), mask);

      const baseMs = baseline?.baseMs(i);
      if (input.options.slowdown && baseMs && ms !== NO_MS && ms >= input.options.slowdown.minMs && ms / baseMs >= input.options.slowdown.factor) {
        out.slowTotal++;
        slow.push({ id: rec.id, ms, baselineMs: baseMs, factor: Math.round((ms / baseMs) * 100) / 100, finding: slowFinding(input.stage, rec, line, ms, baseMs) });
        if (slow.length >= 2 * MAX_SLOW) slow = slowest(slow);
      }
      if (!ok) await Promise.all([rows.drain(), next?.drain()]);
    }
    if (baseline) {
      for (const r of baseline.removedTests()) {
        const gating = tally.count('removed');
        if (gating && !out.firstGating) out.firstGating = { id: r.id };
        const ok = rows.write({ id: r.id, suite: '', classname: '', name: '', outcome: 'absent', class: 'removed', baselineOutcome: r.outcome, traceTo: [], runs: 0, gating, reports: [] });
        if (findingDue({ class: 'removed', gating }) && findings.admit('removed')) {
          findings.add({ id: r.id, class: 'removed', gating, traceTo: [], baselineOutcome: r.outcome, baselineFlaky: r.flaky }, mask);
        }
        if (!ok) await rows.drain();
      }
    }
    await rows.close();
    await next?.close();
  } catch (e) {
    next?.destroy();
    throw e;
  }
  counts.regressions = tally.classes.regression;
  slow = slowest(slow);
  return {
    ...out,
    counts,
    tally,
    findings: [...findings.findings(), ...slow.map((s) => s.finding)],
    findingsCut: findings.cut(),
    slow: slow.map(({ finding: _f, ...s }) => s),
    rows: rows.rows,
  };
}

function slowest(list: SlowCandidate[]): SlowCandidate[] {
  return list.sort((a, b) => b.factor - a.factor).slice(0, MAX_SLOW);
}

function locatable(rec: TestStrings, line: number): FindingSubject['test'] & object {
  return {
    file: rec.file,
    line: line === 0 ? undefined : line,
    classname: rec.classname,
    suite: rec.suite,
    stack: rec.stack === undefined ? undefined : (JSON.parse(rec.stack) as StackPlace[]),
  } as FindingSubject['test'] & object;
}

function slowFinding(stage: string, rec: TestStrings, line: number, ms: number, baseMs: number): Finding {
  const factor = Math.round((ms / baseMs) * 100) / 100;
  return {
    stage,
    ruleId: 'regression/slowdown',
    level: 'warning',
    message: `${factor}× slower than the baseline: ${ms} ms, was ${baseMs} ms (test ${rec.name || rec.id})`,
    fingerprint: testFingerprint(rec.id, 'slowdown'),
    baseline: 'new',
    traceTo: [...rec.traceTo],
    ...(rec.file ? { location: { path: rec.file, ...(line !== 0 ? { startLine: line } : {}) } } : {}),
  };
}
