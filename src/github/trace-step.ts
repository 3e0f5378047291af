// Starts the trace action in the runner's process; lookups go through REST alone, no artifact client.
import { exitWith, runnerRuntime } from './runner-process.js';
import { traceAction } from './trace-action.js';

export function runTraceStep(): void {
  exitWith(traceAction({ runtime: runnerRuntime() }));
}
