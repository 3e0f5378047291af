// Entry of actions/spec (dist/spec.js): one spec stage of andon.yml as a step.
import { runLineStep } from '../line-step.js';
runLineStep({ kind: 'stage', uses: 'spec' });
