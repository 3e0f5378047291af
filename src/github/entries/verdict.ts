// Entry of actions/verdict (dist/verdict.js): the one check to require, after every stage job.
import { enableCompileCache } from '../../compile-cache.js';
enableCompileCache();
const { runVerdictStep } = await import('../verdict-step.js');
runVerdictStep();
