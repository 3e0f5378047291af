// Starts the shared post step in the runner's process; it loads neither the engine nor the stages.
import { ActionsArtifactService } from './artifact-service.js';
import { postAction } from './post-action.js';
import { exitWith, runnerRuntime } from './runner-process.js';

export function runPostStep(): void {
  exitWith(postAction({ runtime: runnerRuntime(), artifacts: new ActionsArtifactService() }));
}
