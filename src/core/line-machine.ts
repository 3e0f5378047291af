// The stage and run state machines of DESIGN.md; an illegal transition is a bug and throws.
import { InternalError } from './errors.js';

export const STAGE_STATES = ['pending', 'running', 'passed', 'failed', 'errored', 'skipped', 'cancelled', 'reused'] as const;
export type StageState = (typeof STAGE_STATES)[number];

export const RUN_VERDICTS = ['running', 'passed', 'failed', 'errored', 'cancelled'] as const;
export type RunVerdict = (typeof RUN_VERDICTS)[number];

const STAGE_TRANSITIONS: Readonly<Record<StageState, readonly StageState[]>> = {
  pending: ['running', 'skipped', 'cancelled', 'reused'],
  running: ['passed', 'failed', 'errored', 'cancelled'],
  passed: [],
  failed: [],
  errored: [],
  skipped: [],
  cancelled: [],
  reused: [],
};

export function isTerminal(state: StageState): boolean {
  return STAGE_TRANSITIONS[state].length === 0;
}

export function canTransition(from: StageState, to: StageState): boolean {
  return STAGE_TRANSITIONS[from].includes(to);
}

/**
 * The one transition out of a final state: a stage whose gate depends on later stages (the spec stage's
 * coverage of tests that ran after it) may turn from passed to failed when the line completes.
 */
export function canCompleteAs(from: StageState, to: StageState): boolean {
  return from === 'passed' && to === 'failed';
}

export function assertTransition(stage: string, from: StageState, to: StageState, completion = false): void {
  if (!(completion ? canCompleteAs(from, to) : canTransition(from, to))) {
    throw new InternalError(`illegal transition of stage "${stage}": ${from} -> ${to}`);
  }
}

/** States after which the line goes on. */
export function letsLineContinue(state: StageState, blocking: boolean): boolean {
  if (state === 'passed' || state === 'reused' || state === 'skipped') return true;
  if (state === 'failed' || state === 'errored') return !blocking;
  return false;
}

/**
 * The run's verdict from its stages: cancelled if any stage was cancelled, else errored/failed by the
 * first blocking stage that errored/failed, else passed (non-blocking failures are listed apart).
 */
export function verdictOf(stages: readonly { state: StageState; blocking: boolean }[]): RunVerdict {
  if (stages.some((s) => s.state === 'running' || s.state === 'pending')) return 'running';
  if (stages.some((s) => s.state === 'cancelled')) return 'cancelled';
  const stop = stages.find((s) => s.blocking && (s.state === 'failed' || s.state === 'errored'));
  if (stop) return stop.state === 'errored' ? 'errored' : 'failed';
  return 'passed';
}
