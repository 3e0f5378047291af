// The `with:` options of the regression stage, validated once at the edge.
import { z } from 'zod';

/** The largest JUnit report read, unless `maxReportBytes` says otherwise. */
export const DEFAULT_MAX_REPORT_BYTES = 2 * 1024 * 1024 * 1024;

export const REGRESSION_DESCRIPTION =
  'Runs the tests or reads JUnit reports; gates on regressions and new failures against the baseline, tells flaky tests and known failures apart.';

/**
 * Requirement ids a test name may carry (RE2 syntax): FR-012, REQ-3, SC-001, US2, a spec-kit id qualified by its feature
 * (002-alerts/FR-001), and the forms Python names allow (fr_003, FR003, test_fr_003_login). A match glued to a letter or
 * digit on either side is not an id; ids are normalised (fr_003 → FR-003, us-2 → US2).
 */
export const DEFAULT_TRACE_PATTERN = '(?i)(?:\\d{3,}-[a-z0-9][a-z0-9._-]*/)?(?:fr|nfr|req|sc|us)[-_]?\\d+';

export const GateClass = z.enum(['regression', 'new-failure', 'known-failure', 'flaky', 'removed']);
export type GateClass = z.infer<typeof GateClass>;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'not a valid date');

export const QuarantineEntry = z
  .object({
    test: z
      .string()
      .min(1)
      .describe('Test id as in tests.ndjson.gz or as the runner prints it (pytest node id tests/test_x.py::TestC::test_y, dotted tests.test_x.TestC.test_y, vitest\'s a.test.ts > block > test), or its trailing parts (e.g. "MyClass › does a thing").'),
    until: isoDate.describe('Last day (UTC) the quarantine holds; after it the entry is ignored and a warning names it.'),
    reason: z.string().optional().describe('Why the test is quarantined (an issue link).'),
  })
  .strict();
export type QuarantineEntry = z.infer<typeof QuarantineEntry>;

const relativeGlob = z
  .string()
  .min(1)
  .refine((g) => !g.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(g) && !g.split(/[\\/]/).includes('..'), {
    message: 'report globs are relative to the workspace and may not contain ".." or start with "/"',
  });

export const RegressionOptions = z
  .object({
    command: z
      .union([z.array(z.string()).min(1, 'command needs at least the program'), z.string().min(1)])
      .optional()
      .describe('Test command: argv array (no shell), or a string run through an explicit `bash -c` (recorded as such). Omit to only read reports.'),
    reports: z
      .array(relativeGlob)
      .default([])
      .describe('Globs of JUnit XML reports, relative to the workspace. Required unless the command names its report (pytest --junitxml=…, vitest --outputFile=…).'),
    retries: z
      .number()
      .int()
      .min(0)
      .max(5)
      .default(0)
      .describe('Re-run failed tests up to this many times (only the failed ones for vitest, jest, pytest, go test and mocha; the whole command otherwise), writing their reports apart from the command\'s. A test that then passes is flaky.'),
    retryKnownFailures: z.boolean().default(false).describe('Also re-run failing tests the baseline knows as failing (by default they are not retried).'),
    allowEmpty: z.boolean().default(false).describe('Pass when the reports hold no test at all, or only skipped ones (otherwise that is errored: a test stage that ran nothing must not pass).'),
    failOn: z.array(GateClass).min(1).default(['regression', 'new-failure']).describe('Test classes that fail the gate.'),
    maxDropped: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe('Largest share of the tests that ran in the baseline that may be skipped or gone now before the gate fails (a left-over `.only`, a filter, a conftest that skips or drops tests); 1 turns the check off.'),
    quarantine: z.array(QuarantineEntry).default([]).describe('Tests whose failures do not gate until a date.'),
    baseline: z
      .enum(['auto', 'required', 'none'])
      .default('auto')
      .describe('auto: compare with the baseline when there is one; required: errored without one; none: ignore it and gate on every failure.'),
    slowdown: z
      .object({
        factor: z.number().gt(1).default(2).describe('Report a test whose duration grew past this factor of its baseline duration.'),
        minMs: z.number().min(0).default(100).describe('Ignore tests faster than this (noise).'),
      })
      .strict()
      .optional()
      .describe('Report tests that got slower than their baseline (warnings; they do not gate).'),
    traceIds: z
      .object({
        pattern: z.string().min(1).max(500).default(DEFAULT_TRACE_PATTERN).describe('RE2 pattern of requirement ids in test names; a match glued to a letter or digit is not an id, and ids are normalised (fr_003 → FR-003).'),
        specTag: z.string().min(1).max(40).default('@spec').describe('Tag in a test file followed by requirement ids, e.g. "@spec FR-012".'),
      })
      .strict()
      .default({ pattern: DEFAULT_TRACE_PATTERN, specTag: '@spec' })
      .describe('How tests name the requirements they cover.'),
    maxReportBytes: z.number().int().positive().default(DEFAULT_MAX_REPORT_BYTES).describe('Refuse a report larger than this many bytes (default 2 GiB).'),
    timeoutSeconds: z.number().positive().max(24 * 3600).optional().describe('Kill the test command after this many seconds (errored).'),
    env: z.record(z.string(), z.string()).default({}).describe('Extra environment variables for the command.'),
    cwd: z.string().optional().describe('Working directory of the command, relative to the workspace.'),
    inputs: z.array(z.string()).default([]).describe('Globs of the files the result depends on; with a command and without them the stage is never reused.'),
  })
  .strict()
  .refine((o) => o.command !== undefined || o.reports.length > 0, {
    message: 'give `reports` (globs of JUnit XML) or a `command` that writes them',
    path: ['reports'],
  });
export type RegressionOptions = z.infer<typeof RegressionOptions>;
