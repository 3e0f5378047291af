import { describe, expect, it } from 'vitest';
import { compareSerials, githubSerial, localSerial, parseSerial } from '../../../src/core/serial.js';

describe('serials', () => {
  it('are sortable by time and parse back', () => {
    const a = localSerial(new Date('2026-11-25T19:05:12.345Z'));
    const b = localSerial(new Date('2026-11-25T19:05:12.346Z'));
    expect(a).toMatch(/^20261125T190512345Z-[0-9a-f]{6}$/);
    expect([b, a].sort()).toEqual([a, b]);
    expect(parseSerial(a)).toEqual({ kind: 'local', time: new Date('2026-11-25T19:05:12.345Z') });
  });

  it('are unique within the same millisecond', () => {
    const now = new Date();
    const many = new Set(Array.from({ length: 500 }, () => localSerial(now)));
    expect(many.size).toBeGreaterThan(495);
  });

  it('lead back to a GitHub workflow run and attempt', () => {
    const s = githubSerial('12345678901', 2);
    expect(s).toBe('gh-12345678901-2');
    expect(parseSerial(s)).toEqual({ kind: 'github', runId: '12345678901', attempt: 2 });
    expect(compareSerials(githubSerial('99', 1), githubSerial('100', 1))).toBeLessThan(0);
    expect(compareSerials(githubSerial('100', 1), githubSerial('100', 2))).toBeLessThan(0);
    expect(() => githubSerial('../x', 1)).toThrow();
    expect(parseSerial('../../etc')).toBeNull();
  });
});
