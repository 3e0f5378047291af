// The shape of a regression stage's result.json: every test's class and traceTo, read by the spec stage and the report.
import { z } from 'zod';
import { GateClass } from './options.js';

/** What happened to a test in this run, against the baseline. `skipped` did not run; `removed` is in the baseline only. */
export const TestClass = z.enum([
  'passed',
  'fixed',
  'regression',
  'known-failure',
  'new-failure',
  'new-passing',
  'flaky',
  'quarantined',
  'removed',
  'skipped',
]);
export type TestClass = z.infer<typeof TestClass>;

export const TestOutcome = z.enum(['passed', 'failed', 'errored', 'skipped', 'absent']);

export const RegressionTest = z.object({
  /** Stable id: `file › suite › classname › name` without empty or repeated parts. */
  id: z.string(),
  suite: z.string(),
  classname: z.string(),
  name: z.string(),
  file: z.string().optional(),
  line: z.number().int().positive().optional(),
  /** Merged outcome of every run (a flaky test's is `passed`); `absent` for a removed test. */
  outcome: TestOutcome,
  class: TestClass,
  /** The outcome in the baseline, when the test is in it. */
  baselineOutcome: z.enum(['passed', 'failed', 'errored', 'skipped']).optional(),
  traceTo: z.array(z.string()),
  durationMs: z.number().nonnegative().optional(),
  runs: z.number().int().nonnegative(),
  message: z.string().optional(),
  /** Whether this test's class fails the gate under `failOn`. */
  gating: z.boolean(),
  reports: z.array(z.string()),
});
export type RegressionTest = z.infer<typeof RegressionTest>;

export const RegressionCounts = z.object({
  tests: z.number().int(),
  passed: z.number().int(),
  failed: z.number().int(),
  errors: z.number().int(),
  skipped: z.number().int(),
  flaky: z.number().int(),
  regressions: z.number().int(),
});
export type RegressionCounts = z.infer<typeof RegressionCounts>;

export const ReportRead = z.object({
  path: z.string(),
  bytes: z.number().int().optional(),
  suites: z.number().int().optional(),
  testcases: z.number().int().optional(),
  /** file:line:col and what is wrong, when the report could not be read. */
  error: z.string().optional(),
});

export const RegressionResult = z.object({
  schema: z.literal('andon.regression-result/v1'),
  stage: z.string(),
  baseline: z.object({ origin: z.string(), description: z.string(), serial: z.string().optional() }).nullable(),
  failOn: z.array(GateClass),
  counts: RegressionCounts,
  classes: z.record(TestClass, z.number().int()),
  tests: z.array(RegressionTest),
  duplicates: z.array(z.object({ id: z.string(), reports: z.array(z.string()) })),
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
    }),
  ),
  quarantine: z.object({ active: z.array(z.string()), expired: z.array(z.object({ test: z.string(), until: z.string() })) }),
  slow: z.array(z.object({ id: z.string(), ms: z.number(), baselineMs: z.number(), factor: z.number() })),
});
export type RegressionResult = z.infer<typeof RegressionResult>;
