// The regression stage's baseline.json: every test's outcome and duration, what later runs classify against.
import { z } from 'zod';
import type { TestRecord } from './test-collector.js';

export const BaselineOutcome = z.enum(['passed', 'failed', 'errored', 'skipped']);

/** One test as stored: [id, outcome, duration in ms or null, true when it was flaky]. Tuples keep 200k tests small and fast to read. */
export const BaselineEntry = z.union([
  z.tuple([z.string(), BaselineOutcome, z.number().nonnegative().nullable()]),
  z.tuple([z.string(), BaselineOutcome, z.number().nonnegative().nullable(), z.literal(true)]),
]);
export type BaselineEntry = z.infer<typeof BaselineEntry>;

export const RegressionBaselineFile = z
  .object({
    schema: z.literal('andon.regression-baseline/v1'),
    stage: z.string(),
    tests: z.array(BaselineEntry),
  })
  .strict();
export type RegressionBaselineFile = z.infer<typeof RegressionBaselineFile>;

export function toBaselineFile(stage: string, tests: Iterable<TestRecord>): RegressionBaselineFile {
  const out: BaselineEntry[] = [];
  for (const t of tests) out.push(t.flaky ? [t.id, t.outcome, t.durationMs ?? null, true] : [t.id, t.outcome, t.durationMs ?? null]);
  return { schema: 'andon.regression-baseline/v1', stage, tests: out };
}

/**
 * Reads baseline.json bytes. The envelope goes through zod; the entries through a plain loop that checks
 * the same as BaselineEntry (zod per entry is several times slower on 200k tests), and zod again only to
 * word the message about the first bad entry. The entries are returned as stored: no copy per test.
 */
export function parseBaselineFile(bytes: Buffer): { ok: true; stage: string; entries: BaselineEntry[] } | { ok: false; why: string } {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    return { ok: false, why: `not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const envelope = z.object({ schema: z.literal('andon.regression-baseline/v1'), stage: z.string(), tests: z.array(z.unknown()) }).strict().safeParse(json);
  if (!envelope.success) return { ok: false, why: envelope.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') };
  const entries = envelope.data.tests;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    const ok =
      Array.isArray(e) && (e.length === 3 || (e.length === 4 && e[3] === true)) &&
      typeof e[0] === 'string' &&
      (e[1] === 'passed' || e[1] === 'failed' || e[1] === 'errored' || e[1] === 'skipped') &&
      (e[2] === null || (typeof e[2] === 'number' && e[2] >= 0));
    if (!ok) {
      const detail = BaselineEntry.safeParse(e);
      const named = Array.isArray(e) && typeof e[0] === 'string' ? ` ("${e[0]}")` : '';
      return { ok: false, why: `tests[${i}]${named}: ${detail.success ? 'invalid entry' : detail.error.issues.map((x) => `${x.path.join('.') || '(entry)'}: ${x.message}`).join('; ')}` };
    }
  }
  return { ok: true, stage: envelope.data.stage, entries: entries as BaselineEntry[] };
}
