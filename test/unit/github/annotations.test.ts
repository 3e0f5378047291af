// Annotations stay within GitHub's per-step caps, most important first, and say where the rest are.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/findings.js';
import { planAnnotations } from '../../../src/github/annotations.js';

function finding(i: number, level: Finding['level'], baseline: Finding['baseline'] = 'new', message = `m${i}`): Finding {
  return { stage: 'lint', ruleId: `r${i}`, level, message, location: { path: `src/f${i}.ts`, startLine: i + 1, startColumn: 2 }, fingerprint: `f${i}`, baseline, traceTo: [] };
}

describe('planAnnotations', () => {
  it('caps each level at 10, keeps new findings first, and points to the rest in the last notice slot', () => {
    const findings = [
      ...Array.from({ length: 25 }, (_, i) => finding(i, 'error', i < 5 ? 'unchanged' : 'new')),
      ...Array.from({ length: 3 }, (_, i) => finding(100 + i, 'warning')),
      ...Array.from({ length: 15 }, (_, i) => finding(200 + i, 'note')),
    ];
    const plan = planAnnotations(findings, 'the job summary');
    const by = (l: string) => plan.annotations.filter((a) => a.level === l);
    expect(by('error')).toHaveLength(10);
    expect(by('warning')).toHaveLength(3);
    expect(by('notice')).toHaveLength(10);
    expect(by('error').every((a) => a.title?.endsWith('(new)'))).toBe(true);
    expect(plan.left).toEqual({ error: 15, warning: 0, note: 6 });
    const pointer = by('notice').at(-1)!;
    expect(pointer.message).toBe('21 more finding(s) without an annotation (15 errors, 0 warnings, 6 notes): see the job summary');
    expect(pointer.file).toBeUndefined();
    expect(by('error')[0]).toMatchObject({ file: 'src/f10.ts', line: 11, col: 2 });
  });

  it('uses all 10 notice slots when nothing is left out, and clips long messages to 4096 characters', () => {
    const findings = [...Array.from({ length: 10 }, (_, i) => finding(i, 'note')), finding(50, 'error', 'new', 'x'.repeat(10_000))];
    const plan = planAnnotations(findings, 'x');
    expect(plan.annotations.filter((a) => a.level === 'notice')).toHaveLength(10);
    expect(plan.annotations.some((a) => a.title === 'andon: more findings')).toBe(false);
    expect(plan.annotations.find((a) => a.level === 'error')!.message).toHaveLength(4096);
  });
});
