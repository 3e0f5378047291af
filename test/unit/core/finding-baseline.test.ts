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

  it('keeps a known problem known when an edit next to it moved its fingerprint: same file, rule and message, nearest line', () => {
    const same = (fingerprint: string, line: number): Finding => ({ ...f(fingerprint, 'x.js', line), message: 'x is unused' });
    const base = toBaselineFile('s', [same('old:1', 10), same('far:1', 90)]);
    // The line next to line 10 was edited (new fingerprint), and a second problem of the same kind appeared at 50.
    const r = compareWithBaseline('s', [same('edited:1', 11), same('another:1', 50), same('far:1', 90)], base.entries);
    expect(r.findings.map((x) => `${x.location?.startLine}:${x.baseline}`)).toEqual(['11:unchanged', '50:new', '90:unchanged']);
    expect(r.fixed).toEqual([]);
    // Another message or another file is never taken for it.
    const other = compareWithBaseline('s', [{ ...same('edited:1', 11), message: 'y is unused' }, { ...same('e:1', 10), location: { path: 'y.js', startLine: 10 } }], toBaselineFile('s', [same('old:1', 10)]).entries);
    expect(other.findings.map((x) => x.baseline)).toEqual(['new', 'new']);
    expect(other.fixed).toHaveLength(1);
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

  it('matches many entries sharing one fingerprint by path first (bucket split), then any left', () => {
    const paths = Array.from({ length: 20 }, (_, i) => `p${i}.js`);
    const base = toBaselineFile('s', paths.map((p) => f('same:1', p)));
    const current = [...paths].reverse().map((p) => f('same:1', p));
    current.push(f('same:1', 'elsewhere.js'));
    const r = compareWithBaseline('s', current, base.entries);
    expect(r.findings.slice(0, 20).every((x) => x.baseline === 'unchanged')).toBe(true);
    expect(r.findings[20]!.baseline).toBe('new');
    expect(r.fixed).toEqual([]);
    const fewer = compareWithBaseline('s', [f('same:1', 'moved.js')], base.entries);
    expect(fewer.findings[0]!.baseline).toBe('unchanged');
    expect(fewer.fixed).toHaveLength(19);
  });
});
