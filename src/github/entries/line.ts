// Entry of the root action (dist/line.js): the whole line as one step.
import { runLineStep } from '../line-step.js';
runLineStep({ kind: 'line' });
