// Andon's own deadline on a service call: a hang is given up, a failure is reported, never thrown.
import { describe, expect, it } from 'vitest';
import { describeMiss, withDeadline } from '../../../src/github/deadline.js';

describe('withDeadline', () => {
  it('returns the value of a call that answers in time', async () => {
    expect(await withDeadline(1000, async () => 42)).toEqual({ kind: 'done', value: 42 });
  });

  it('turns a thrown error into a failure', async () => {
    const r = await withDeadline(1000, async () => {
      throw new Error('boom');
    });
    expect(r).toEqual({ kind: 'failed', error: 'boom' });
    if (r.kind !== 'done') expect(describeMiss('upload of x', r)).toBe('upload of x failed: boom');
  });

  it('gives a call that never answers up at the deadline and aborts its signal', async () => {
    let signal: AbortSignal | undefined;
    const started = performance.now();
    const r = await withDeadline(150, (s) => {
      signal = s;
      return new Promise<never>(() => undefined);
    });
    const took = performance.now() - started;
    expect(r).toEqual({ kind: 'timed-out', afterMs: 150 });
    expect(took).toBeGreaterThanOrEqual(140);
    expect(took).toBeLessThan(1000);
    expect(signal?.aborted).toBe(true);
    if (r.kind !== 'done') expect(describeMiss('cache save', r)).toBe('cache save did not answer within 150 ms');
  });
});
