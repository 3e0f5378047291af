// Entry of actions/templates (dist/templates.js): one templates stage of andon.yml as a step.
import { runLineStep } from '../line-step.js';
runLineStep({ kind: 'stage', uses: 'templates' });
