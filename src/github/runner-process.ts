// The one place an action touches the Node process: environment, stdout, signals and the exit code.
import { ExitGuard } from '../core/exit-guard.js';
import { RunnerRuntime } from './action-runtime.js';

export function runnerRuntime(): RunnerRuntime {
  return new RunnerRuntime(process.env, (line) => process.stdout.write(`${line}\n`));
}

/** The runner cancels a step with SIGINT, then SIGTERM: the line stops and the record says so. */
export function cancelSignal(): AbortSignal {
  const controller = new AbortController();
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => controller.abort(sig));
  return controller.signal;
}

/** Exits explicitly: a service call abandoned at its deadline may still hold a socket open. */
export function exitWith(code: Promise<number>): void {
  code.then(
    (c) => process.exit(c),
    (e: unknown) => {
      process.stdout.write(`::error::andon: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(3);
    },
  );
}

/** A stage's code that ends the process still leaves the record finished, and the step's exit code never says passed. */
export function processExitGuard(): ExitGuard {
  const guard = new ExitGuard();
  process.on('exit', (code) => {
    const guarded = guard.onExit(code);
    if (guarded !== null) process.exitCode = guarded;
  });
  return guard;
}
