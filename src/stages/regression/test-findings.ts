// Turns classified tests into findings (one per failing test, at its file:line) and computes every test's traceTo.
import { createHash } from 'node:crypto';
import type { Finding, Level } from '../../core/findings.js';
import type { Classified } from './classify.js';
import type { TestClass } from './result.js';
import type { TestRecord } from './test-collector.js';
import { locateTest, testFileCandidates, type WorkspaceFiles } from './test-location.js';
import type { IdFinder, SpecTagReader } from './trace-ids.js';

const FINDING_LEVEL: Partial<Record<TestClass, Level>> = {
  regression: 'error',
  'new-failure': 'error',
  'known-failure': 'error',
  flaky: 'warning',
  quarantined: 'note',
  removed: 'warning',
};

/** Fingerprint of a test: its id alone, so a finding keeps its identity when the test moves or its class changes. */
export function testFingerprint(id: string, kind = 'regression'): string {
  return `${createHash('sha256').update(`${kind}\0${id}`).digest('hex').slice(0, 16)}:1`;
}

export async function traceOf(t: TestRecord, find: IdFinder, files: WorkspaceFiles, specTags: SpecTagReader): Promise<string[]> {
  const ids = new Set<string>(find(`${t.suite}\n${t.classname}\n${t.name}`));
  for (const c of testFileCandidates(t)) {
    const rel = await files.resolve(c);
    if (!rel) continue;
    for (const id of await specTags.idsIn(rel)) ids.add(id);
    break;
  }
  return [...ids].sort();
}

function describe(c: Classified): string {
  const t = c.test;
  if (!t) return `test removed since the baseline (was ${c.baseline?.[1] ?? 'present'}): ${c.id}`;
  const first = t.message ?? (t.outcome === 'errored' ? 'test errored (no message)' : 'test failed (no message)');
  const what = c.class === 'flaky' ? 'flaky: failed, then passed on a rerun: ' : c.class === 'quarantined' ? 'quarantined: ' : '';
  return `${what}${first} (test ${t.name})`;
}

/**
 * One finding per test that failed (regression, new or known failure), was flaky, was quarantined while
 * failing, or was removed; the level says how much it matters and `baseline` whether it is new.
 */
export async function testFindings(
  stage: string,
  items: readonly Classified[],
  traceTo: ReadonlyMap<string, string[]>,
  files: WorkspaceFiles,
): Promise<Finding[]> {
  const out: Finding[] = [];
  for (const c of items) {
    const level = FINDING_LEVEL[c.class];
    if (!level) continue;
    const t = c.test;
    if (c.class === 'quarantined' && t && t.outcome === 'passed' && !t.flaky) continue;
    if (c.class === 'removed' && !c.gating) continue;
    const f: Finding = {
      stage,
      ruleId: `regression/${c.class}`,
      level,
      message: describe(c),
      fingerprint: testFingerprint(c.id),
      baseline: c.class === 'known-failure' || c.class === 'quarantined' || (c.class === 'flaky' && c.baseline?.[3] === true) ? 'unchanged' : 'new',
      traceTo: traceTo.get(c.id) ?? [],
    };
    if (t) {
      const loc = await locateTest(t, files);
      if (loc) f.location = loc;
    }
    out.push(f);
  }
  return out;
}
