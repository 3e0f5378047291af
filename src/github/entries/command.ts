// Entry of actions/command (dist/command.js): one command stage of andon.yml as a step.
import { enableCompileCache } from '../../compile-cache.js';
enableCompileCache();
const { runLineStep } = await import('../line-step.js');
runLineStep({ kind: 'stage', uses: 'command' });
