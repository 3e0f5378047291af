// The stage and run state machines of DESIGN.md; an illegal transition is a bug and throws.
import { ExitCode, InternalError } from './errors.js';

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

// The vocabulary of line outcomes: every reader of a record (engine, post step, CLI, actions) asks these,
// so "what stops the line" and "what the verdict is" are written once.

type Judged = { readonly state: StageState; readonly blocking: boolean };

/** The stage could not pass: the gate said no (failed) or the stage could not do its job (errored). */
export function isFailure(state: StageState): boolean {
  return state === 'failed' || state === 'errored';
}

/** A blocking stage that failed or errored: the line stops there. */
export function stopsLine(stage: Judged): boolean {
  return stage.blocking && isFailure(stage.state);
}

/** The stage that stopped the line, if one did. */
export function stopOf<S extends Judged>(stages: readonly S[]): S | undefined {
  return stages.find(stopsLine);
}

/** Stages that failed without blocking: the line went on, the verdict lists them apart. */
export function nonBlockingFailures(stages: readonly (Judged & { readonly id: string })[]): string[] {
  return stages.filter((s) => !s.blocking && isFailure(s.state)).map((s) => s.id);
}

/**
 * The run's verdict from its stages: cancelled if any stage was cancelled, else errored/failed by the
 * first stage that stopped the line, else passed (non-blocking failures are listed apart).
 */
export function verdictOf(stages: readonly Judged[]): RunVerdict {
  if (stages.some((s) => s.state === 'running' || s.state === 'pending')) return 'running';
  if (stages.some((s) => s.state === 'cancelled')) return 'cancelled';
  const stop = stopOf(stages);
  if (stop) return stop.state === 'errored' ? 'errored' : 'failed';
  return 'passed';
}

/**
 * The verdict of a record several steps share: stages still pending belong to later steps, so what ran so
 * far is judged, and a good start with stages still to come is still running.
 */
export function joinedVerdictOf(stages: readonly Judged[]): RunVerdict {
  const ran = stages.filter((s) => s.state !== 'pending');
  const v = verdictOf(ran);
  return v === 'passed' && ran.length < stages.length ? 'running' : v;
}

/** The exit code (DESIGN.md) of a step or command that ran these stages: 1 when one stopped the line or was cancelled. */
export function exitCodeOf(stages: readonly Judged[]): ExitCode {
  return stages.some((s) => s.state === 'cancelled' || stopsLine(s)) ? ExitCode.gateFailed : ExitCode.passed;
}
