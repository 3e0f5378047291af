// Entry of actions/trace (dist/trace.js): looks a serial up.
import { enableCompileCache } from '../../compile-cache.js';
enableCompileCache();
const { runTraceStep } = await import('../trace-step.js');
runTraceStep();
