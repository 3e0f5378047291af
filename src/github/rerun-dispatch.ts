// Starts the rerun workflow for a serial through REST (workflow_dispatch), as the summary's `gh workflow run` command does.
import { UserError } from '../core/errors.js';
import { parseSerial } from '../core/serial.js';
import { GitHubRest } from './rest-client.js';

export interface RerunDispatch {
  repo: string;
  token: string;
  apiUrl?: string;
  serial: string;
  fromStage: string;
  /** The branch or tag the rerun workflow runs from. */
  ref: string;
  /** File name of the workflow_dispatch workflow (default andon-rerun.yml). */
  workflow?: string;
}

export async function dispatchRerun(o: RerunDispatch): Promise<{ workflow: string; inputs: Record<string, string> }> {
  if (parseSerial(o.serial)?.kind !== 'github') throw new UserError(`${o.serial} is not the serial of a GitHub run (gh-<run id>-<attempt>)`);
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(o.fromStage)) throw new UserError(`"${o.fromStage}" is not a stage id`);
  const workflow = o.workflow ?? 'andon-rerun.yml';
  const inputs = { serial: o.serial, 'from-stage': o.fromStage };
  await new GitHubRest({ apiUrl: o.apiUrl ?? 'https://api.github.com', token: o.token }).dispatchWorkflow(o.repo, workflow, o.ref, inputs);
  return { workflow, inputs };
}
