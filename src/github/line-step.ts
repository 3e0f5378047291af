// Starts the main step of the line action or of a stage action in the runner's process.
import { defaultRegistry } from '../stages/index.js';
import { processIsAlive, thisProcess } from '../this-process.js';
import { ActionsArtifactService } from './artifact-service.js';
import { ActionsCacheService } from './cache-service.js';
import { lineAction, type ActionMode } from './line-action.js';
import { cancelSignal, exitWith, processExitGuard, runnerRuntime } from './runner-process.js';

export function runLineStep(mode: ActionMode): void {
  const runtime = runnerRuntime();
  exitWith(
    lineAction(
      {
        runtime,
        registry: defaultRegistry(),
        writer: thisProcess(),
        isAlive: processIsAlive,
        artifacts: new ActionsArtifactService(),
        cache: (deadlineMs) => new ActionsCacheService(deadlineMs, runtime.logger),
        signal: cancelSignal(),
        exitGuard: processExitGuard(),
      },
      mode,
    ),
  );
}
