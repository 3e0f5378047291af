import { describe, expect, it } from 'vitest';
import { InternalError } from '../../../src/core/errors.js';
import { assertTransition, canTransition, exitCodeOf, joinedVerdictOf, nonBlockingFailures, STAGE_STATES, stopOf, stopsLine, verdictOf } from '../../../src/core/line-machine.js';

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

describe('line outcomes', () => {
  const st = (id: string, state: (typeof STAGE_STATES)[number], blocking = true) => ({ id, state, blocking });

  it('a blocking stage that failed or errored stops the line; nothing else does', () => {
    const stopping = STAGE_STATES.flatMap((state) => [true, false].filter((blocking) => stopsLine({ state, blocking })).map((blocking) => `${state}${blocking ? '' : ' (non-blocking)'}`));
    expect(stopping).toEqual(['failed', 'errored']);
    expect(stopOf([st('a', 'failed', false), st('b', 'errored'), st('c', 'skipped')])?.id).toBe('b');
    expect(nonBlockingFailures([st('a', 'failed', false), st('b', 'errored', false), st('c', 'failed'), st('d', 'passed', false)])).toEqual(['a', 'b']);
  });

  it('judges a shared record by what ran so far: still running while later steps have stages to run', () => {
    expect(joinedVerdictOf([st('a', 'passed'), st('b', 'pending')])).toBe('running');
    expect(joinedVerdictOf([st('a', 'failed'), st('b', 'pending')])).toBe('failed');
    expect(joinedVerdictOf([st('a', 'pending'), st('b', 'passed')])).toBe('running');
    expect(joinedVerdictOf([st('a', 'passed'), st('b', 'reused')])).toBe('passed');
  });

  it('exit code 1 when a stage stopped the line or was cancelled, else 0 (a non-blocking failure still passes)', () => {
    expect(exitCodeOf([st('a', 'passed'), st('b', 'failed', false), st('c', 'skipped')])).toBe(0);
    expect(exitCodeOf([st('a', 'errored'), st('b', 'skipped')])).toBe(1);
    expect(exitCodeOf([st('a', 'passed'), st('b', 'cancelled')])).toBe(1);
    expect(exitCodeOf([])).toBe(0);
  });
});
