// Entry of the root action (dist/line.js): the whole line as one step.
import { enableCompileCache } from '../../compile-cache.js';
enableCompileCache();
const { runLineStep } = await import('../line-step.js');
runLineStep({ kind: 'line' });
