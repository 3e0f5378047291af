import { describe, expect, it } from 'vitest';
import { compareWithBaseline, FindingBaselineFile, toBaselineFile } from '../../../src/core/finding-baseline.js';
import type { Finding } from '../../../src/core/findings.js';

const f = (fingerprint: string, path: string, line = 1, ruleId = 'r'): Finding => ({
  stage: 's', ruleId, level: 'error', message: `m ${fingerprint}`, fingerprint, baseline: 'new', traceTo: [], location: { path, startLine: line },
});

describe('compareWithBaseline', () => {
  it('without a baseline every finding is new and nothing is fixed', () => {
    const r = compareWithBaseline('s', [f('a:1', 'x.js')], null);
    expect(r.findings.map((x) => x.baseline)).toEqual(['new']);
    expect(r.fixed).toEqual([]);
  });

  it('marks known findings unchanged, others new, and reports baseline entries not found as fixed', () => {
    const base = toBaselineFile('s', [f('a:1', 'x.js', 3), f('b:1', 'x.js', 9)]);
    expect(FindingBaselineFile.parse(base)).toEqual(base);
    const r = compareWithBaseline('s', [f('a:1', 'x.js', 30), f('c:1', 'x.js', 40)], base.entries);
    expect(r.findings.map((x) => x.baseline)).toEqual(['unchanged', 'new']);
    expect(r.fixed).toHaveLength(1);
    expect(r.fixed[0]).toMatchObject({ fingerprint: 'b:1', baseline: 'absent', location: { path: 'x.js', startLine: 9 } });
  });

  it('follows a finding into a renamed file, and matches each baseline entry at most once', () => {
    const base = toBaselineFile('s', [f('a:1', 'old.js')]);
    const r = compareWithBaseline('s', [f('a:1', 'new.js'), f('a:1', 'other.js')], base.entries);
    expect(r.findings.map((x) => x.baseline)).toEqual(['unchanged', 'new']);
    expect(r.fixed).toEqual([]);
  });

  it('prefers the same path over a fingerprint-only match', () => {
    const base = toBaselineFile('s', [f('a:1', 'one.js'), f('a:1', 'two.js')]);
    const r = compareWithBaseline('s', [f('a:1', 'two.js')], base.entries);
    expect(r.findings[0]!.baseline).toBe('unchanged');
    expect(r.fixed.map((x) => x.location?.path)).toEqual(['one.js']);
  });

  it('does not write fixed (absent) findings into a new baseline file', () => {
    const r = compareWithBaseline('s', [], toBaselineFile('s', [f('a:1', 'x.js')]).entries);
    expect(toBaselineFile('s', r.fixed).entries).toEqual([]);
  });
});
