// Starts the verdict action in the runner's process: REST lookups, and the artifact client when there is no token.
import { ActionsArtifactService } from './artifact-service.js';
import { exitWith, runnerRuntime } from './runner-process.js';
import { verdictAction } from './verdict-action.js';

export function runVerdictStep(): void {
  exitWith(verdictAction({ runtime: runnerRuntime(), artifacts: new ActionsArtifactService() }));
}
