// A stage's deadline, honoured by the engine for every kind: `timeoutSeconds` in the stage's options. At the
// deadline (or when the line is cancelled) the stage's signal aborts: its processes are stopped (TERM, then KILL)
// and in-process kinds stop between steps. A kind that has not returned within a grace after that is left behind,
// so one stuck stage never holds the line.
import { z } from 'zod';
import { KILL_GRACE_MS } from './process-runner.js';

/** The `timeoutSeconds` option every stage kind accepts. */
export const TimeoutSeconds = z
  .number()
  .positive()
  .max(24 * 3600)
  .optional()
  .describe('Stop the stage after this many seconds: it is errored ("timed out") and the line goes on as after any error.');

/** How long a stopped stage gets to wind down (its processes get TERM, then KILL) before the line goes on without it. */
export const STOP_GRACE_MS = KILL_GRACE_MS + 1000;

/** The validated `timeoutSeconds` of a stage's options, when it has one. */
export function timeoutSecondsOf(options: unknown): number | undefined {
  const t = (options as { timeoutSeconds?: unknown } | null)?.timeoutSeconds;
  return typeof t === 'number' && t > 0 ? t : undefined;
}

export type Settled<T> = { kind: 'done'; value: T } | { kind: 'left'; why: 'deadline' | 'cancelled' };

export class StageDeadline {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private passed = false;

  constructor(
    line: AbortSignal,
    readonly seconds: number | undefined,
  ) {
    // Linked for the stage's whole life: an end-of-line completion still stops when the line is cancelled.
    if (line.aborted) this.controller.abort(line.reason);
    else line.addEventListener('abort', () => this.controller.abort(line.reason), { once: true });
    if (seconds !== undefined) {
      this.timer = setTimeout(() => {
        this.passed = true;
        this.controller.abort('timeout');
      }, seconds * 1000);
    }
  }

  /** The stage's signal: aborted at the deadline or when the line is cancelled. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Whether the deadline passed before the stage returned. */
  get timedOut(): boolean {
    return this.passed;
  }

  /** The stage's work, or `left` when it did not return within the grace once its signal aborted. */
  async settle<T>(work: Promise<T>): Promise<Settled<T>> {
    const done = work.then((value): Settled<T> => ({ kind: 'done', value }));
    const stopped = new Promise<void>((resolve) => {
      if (this.signal.aborted) resolve();
      else this.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    let grace: NodeJS.Timeout | undefined;
    let over = false;
    const left = stopped.then(
      () =>
        new Promise<Settled<T>>((resolve) => {
          if (!over) grace = setTimeout(() => resolve({ kind: 'left', why: this.passed ? 'deadline' : 'cancelled' }), STOP_GRACE_MS);
        }),
    );
    try {
      const first = await Promise.race([done, left]);
      // Work left behind may still fail later: that must not end the process.
      if (first.kind === 'left') done.catch(() => undefined);
      return first;
    } finally {
      over = true;
      clearTimeout(grace);
      clearTimeout(this.timer);
    }
  }
}
