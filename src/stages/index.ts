// Every stage kind Andon knows, in one registry.
import { StageRegistry } from '../core/stage-kind.js';
import { commandStage } from './command/index.js';
import { staticAnalysisStage } from './static-analysis/index.js';

export function defaultRegistry(): StageRegistry {
  return new StageRegistry([commandStage, staticAnalysisStage]);
}
