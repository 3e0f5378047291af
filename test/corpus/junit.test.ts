// JUnit conformance: the regression stage over every report in ../shared/corpus/junit/manifest.json gives the expected
// totals; the decisions where upstream projects disagree with a plain count are documented in docs/junit.md.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { escapePath } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { regressionStage } from '../../src/stages/regression/index.js';
import { RegressionOptions } from '../../src/stages/regression/options.js';
import { RegressionResult } from '../../src/stages/regression/result.js';
import { makeStageContext } from '../helpers/stage-context.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = path.resolve(repoRoot, '../shared/corpus/junit');
const present = existsSync(path.join(corpus, 'manifest.json'));

if (!present && process.env.CI === 'true') {
  throw new Error(`JUnit corpus missing at ${corpus}: the corpus tests must run in CI`);
}

type Totals = Partial<Record<'tests' | 'passed' | 'failed' | 'errors' | 'skipped' | 'suites', number>>;

interface Entry {
  file: string;
  expected: Totals;
  expected_unique_tests?: Totals;
  failed_includes_errors: boolean;
  expected_parse_error?: boolean;
  computed: Totals & { parse_error?: string };
  note: string;
}

const manifest: Entry[] = present ? (JSON.parse(readFileSync(path.join(corpus, 'manifest.json'), 'utf8')) as Entry[]) : [];

/** Files upstream reads leniently that a strict XML reader must refuse (docs/junit.md, decision 3). */
const STRICT_REFUSALS: Record<string, RegExp> = {
  'mikepenz-action-junit-report/test_results/junit-web-test/expected.xml': /:9:59: '<' is not allowed in the value of attribute time of <testcase>/,
};

/** The totals are what is compared: a report of no test is read like any other (allowEmpty); the gate is checked apart. */
async function runOn(file: string, allowEmpty = true) {
  const ctx = await makeStageContext({
    workspace: corpus,
    options: RegressionOptions.parse({ reports: [escapePath(file)], baseline: 'none', allowEmpty }),
    stageId: 'corpus',
    uses: 'regression',
  });
  const outcome = await regressionStage.run(ctx);
  return { outcome, result: outcome.result === undefined ? undefined : RegressionResult.parse(outcome.result) };
}

describe.skipIf(!present)('JUnit corpus', () => {
  if (!present) it.skip(`corpus not found at ${corpus} (set CI=true to make this a failure)`, () => {});

  it('has entries', () => {
    expect(manifest.length).toBeGreaterThan(50);
  });

  for (const entry of manifest) {
    it(entry.file, async () => {
      const { outcome, result } = await runOn(entry.file);
      const strict = STRICT_REFUSALS[entry.file];
      if (entry.expected_parse_error || strict) {
        expect(outcome.state).toBe('errored');
        expect(outcome.reason).toMatch(/could not be read: .+:\d+:\d+: /);
        if (strict) expect(outcome.reason).toMatch(strict);
        expect(outcome.counts).toMatchObject({ tests: 0, passed: 0, failed: 0, errors: 0, skipped: 0 });
        return;
      }
      expect(outcome.state, outcome.reason).not.toBe('errored');
      const c = outcome.counts as Record<'tests' | 'passed' | 'failed' | 'errors' | 'skipped', number>;
      // EnricoMi counts runs and unique tests; Andon merges runs of one test id, so unique tests are what compare.
      const expected = entry.expected_unique_tests ?? entry.expected;
      for (const [key, want] of Object.entries(expected)) {
        if (key === 'suites') continue;
        if (key === 'failed' && entry.failed_includes_errors) {
          expect(c.failed + c.errors, `failed (with errors, as upstream counts) — ${entry.note}`).toBe(want);
        } else {
          expect(c[key as keyof typeof c], `${key} — ${entry.note}`).toBe(want);
        }
      }
      if (entry.expected.suites !== undefined) expect(result?.reports[0]?.suites).toBe(entry.expected.suites);
      // Where upstream and a plain count agree, Andon agrees with both on every total it was not told otherwise about.
      if (!entry.note.includes('DISAGREEMENT') && entry.computed.tests !== undefined) {
        expect(c.tests).toBe(entry.computed.tests);
        expect(c.errors).toBe(entry.computed.errors);
      }
      // A report of no test: read as such, and a stage gating on it errs unless it says allowEmpty.
      if (c.tests === 0) {
        const gated = await runOn(entry.file, false);
        expect(gated.outcome.state).toBe('errored');
        expect(gated.outcome.reason).toContain('the reports hold no test');
      }
    });
  }
});
