// Entry of actions/static-analysis (dist/static-analysis.js): one static-analysis stage of andon.yml as a step.
import { enableCompileCache } from '../../compile-cache.js';
enableCompileCache();
const { runLineStep } = await import('../line-step.js');
runLineStep({ kind: 'stage', uses: 'static-analysis' });
