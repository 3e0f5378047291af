// Entry of actions/regression (dist/regression.js): one regression stage of andon.yml as a step.
import { enableCompileCache } from '../../compile-cache.js';
enableCompileCache();
const { runLineStep } = await import('../line-step.js');
runLineStep({ kind: 'stage', uses: 'regression' });
