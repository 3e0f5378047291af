// Entry of actions/regression (dist/regression.js): one regression stage of andon.yml as a step.
import { runLineStep } from '../line-step.js';
runLineStep({ kind: 'stage', uses: 'regression' });
