// Entry of actions/command (dist/command.js): one command stage of andon.yml as a step.
import { runLineStep } from '../line-step.js';
runLineStep({ kind: 'stage', uses: 'command' });
