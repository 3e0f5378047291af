// Every stage kind Andon knows, in one registry.
import { StageRegistry } from '../core/stage-kind.js';
import { commandStage } from './command/index.js';
import { regressionStage } from './regression/index.js';
import { specStage } from './spec/index.js';
import { templatesStage } from './templates/index.js';

export function defaultRegistry(): StageRegistry {
  return new StageRegistry([commandStage, regressionStage, specStage, templatesStage]);
}
