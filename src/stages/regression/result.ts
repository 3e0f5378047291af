// The shape of a regression stage's result.json: a small summary (counts, classes, duplicates, the baseline used); every
// test's row is in the tests file beside it (core/tests-contract.ts), which the spec stage and the reports read.
import { z } from 'zod';
import { TESTS_FILE, TESTS_SCHEMA, TestClass, TestCounts } from '../../core/tests-contract.js';
import { GateClass } from './options.js';

export const ReportRead = z.object({
  path: z.string(),
  bytes: z.number().int().optional(),
  suites: z.number().int().optional(),
  testcases: z.number().int().optional(),
  /** file:line:col and what is wrong, when the report could not be read. */
  error: z.string().optional(),
});

export const RegressionResult = z.object({
  schema: z.literal('andon.regression-result/v2'),
  stage: z.string(),
  baseline: z.object({ origin: z.string(), description: z.string(), serial: z.string().optional(), tests: z.number().int() }).nullable(),
  failOn: z.array(GateClass),
  counts: TestCounts,
  classes: z.record(TestClass, z.number().int()),
  /** Where every test is: one row per test, `andon.tests/v1`. */
  tests: z.object({ file: z.literal(TESTS_FILE), schema: z.literal(TESTS_SCHEMA), rows: z.number().int() }),
  /** Tests found in more than one leg (report file, or host of a merged report): the first 100, and how many in all. */
  duplicates: z.array(z.object({ id: z.string(), reports: z.array(z.string()) })),
  duplicatesTotal: z.number().int(),
  /**
   * Tests that failed in some legs and passed in others: failed (a failure anywhere fails the test), never flaky. The
   * first 100 with where they failed and passed, and how many in all. Absent in results of earlier versions.
   */
  legSplits: z.array(z.object({ id: z.string(), failedIn: z.array(z.string()), passedIn: z.array(z.string()) })).optional(),
  legSplitsTotal: z.number().int().optional(),
  reports: z.array(ReportRead),
  command: z
    .object({ argv: z.array(z.string()), shell: z.boolean(), exitCode: z.number().nullable(), durationMs: z.number() })
    .nullable(),
  retries: z.array(
    z.object({
      attempt: z.number().int(),
      argv: z.array(z.string()),
      mode: z.enum(['failed-only', 'whole-command']),
      why: z.string(),
      rerun: z.number().int(),
      nowPassing: z.number().int(),
      /** How many of the re-run tests the retry's reports hold (the rest did not run again and keep their failure). */
      ran: z.number().int().optional(),
      /** The retry's own reports, read beside the command's (which stay as the command wrote them). */
      reports: z.array(z.string()).optional(),
    }),
  ),
  /** Failing tests the baseline already knew as failing, not retried (retryKnownFailures: false). */
  knownNotRetried: z.number().int().optional(),
  /** Quarantined tests: the first 100 ids, how many in all, the entries that expired, and those in force that named no test. */
  quarantine: z.object({
    active: z.array(z.string()),
    activeTotal: z.number().int(),
    expired: z.array(z.object({ test: z.string(), until: z.string() })),
    unmatched: z.array(z.string()).optional(),
  }),
  /** Tests slower than their baseline: the 1,000 slowest by factor, and how many in all. */
  slow: z.array(z.object({ id: z.string(), ms: z.number(), baselineMs: z.number(), factor: z.number() })),
  slowTotal: z.number().int(),
  /**
   * Tests that ran in the baseline (passed or failed there) and did not run now (skipped, or gone): how many, of how
   * many, and the first. Absent without a baseline and in results of earlier versions.
   */
  dropped: z.object({ count: z.number().int(), of: z.number().int(), first: z.string().optional() }).optional(),
  /** Classes with more findings than findings.sarif keeps: how many there were and how many were kept. */
  findingsCut: z.array(z.object({ class: TestClass, total: z.number().int(), kept: z.number().int() })),
});
export type RegressionResult = z.infer<typeof RegressionResult>;
