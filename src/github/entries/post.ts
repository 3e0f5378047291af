// Entry of the post step every action shares (dist/post.js): closes and uploads the run record.
import { runPostStep } from '../post-step.js';
runPostStep();
