import { describe, expect, it } from 'vitest';
import { InternalError } from '../../../src/core/errors.js';
import { assertTransition, canTransition, STAGE_STATES, verdictOf } from '../../../src/core/line-machine.js';

describe('stage state machine', () => {
  it('allows exactly the transitions of the design', () => {
    const allowed = STAGE_STATES.flatMap((from) => STAGE_STATES.filter((to) => canTransition(from, to)).map((to) => `${from}->${to}`));
    expect(allowed.sort()).toEqual(
      [
        'pending->running',
        'pending->skipped',
        'pending->cancelled',
        'pending->reused',
        'running->passed',
        'running->failed',
        'running->errored',
        'running->cancelled',
      ].sort(),
    );
  });

  it('throws an internal error on an illegal transition', () => {
    expect(() => assertTransition('unit', 'passed', 'running')).toThrow(InternalError);
    expect(() => assertTransition('unit', 'pending', 'passed')).toThrow(/illegal transition of stage "unit": pending -> passed/);
    expect(() => assertTransition('unit', 'passed', 'failed')).toThrow(InternalError);
    expect(() => assertTransition('unit', 'passed', 'failed', true)).not.toThrow();
    expect(() => assertTransition('unit', 'failed', 'passed', true)).toThrow(InternalError);
  });

  it('derives the verdict from the stages', () => {
    expect(verdictOf([{ state: 'passed', blocking: true }, { state: 'reused', blocking: true }])).toBe('passed');
    expect(verdictOf([{ state: 'failed', blocking: false }, { state: 'passed', blocking: true }])).toBe('passed');
    expect(verdictOf([{ state: 'failed', blocking: true }, { state: 'skipped', blocking: true }])).toBe('failed');
    expect(verdictOf([{ state: 'errored', blocking: true }, { state: 'skipped', blocking: true }])).toBe('errored');
    expect(verdictOf([{ state: 'passed', blocking: true }, { state: 'cancelled', blocking: true }])).toBe('cancelled');
    expect(verdictOf([{ state: 'running', blocking: true }])).toBe('running');
  });
});
