// Entry of the post step every action shares (dist/post.js): closes and uploads the run record.
import { enableCompileCache } from '../../compile-cache.js';
enableCompileCache();
const { runPostStep } = await import('../post-step.js');
runPostStep();
