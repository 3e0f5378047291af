// Entry of actions/templates (dist/templates.js): one templates stage of andon.yml as a step.
import { enableCompileCache } from '../../compile-cache.js';
enableCompileCache();
const { runLineStep } = await import('../line-step.js');
runLineStep({ kind: 'stage', uses: 'templates' });
