// Entry of actions/spec (dist/spec.js): one spec stage of andon.yml as a step.
import { enableCompileCache } from '../../compile-cache.js';
enableCompileCache();
const { runLineStep } = await import('../line-step.js');
runLineStep({ kind: 'stage', uses: 'spec' });
