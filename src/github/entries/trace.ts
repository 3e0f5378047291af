// Entry of actions/trace (dist/trace.js): looks a serial up.
import { runTraceStep } from '../trace-step.js';
runTraceStep();
