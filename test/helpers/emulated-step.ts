// One Actions step against the loopback emulator for a test file: the emulator started, the step's environment in
// process.env (workspace and RUNNER_TEMP in a temp folder), and everything put back afterwards.
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { ActionsEmulator } from '../emulator/actions-emulator.js';
import { makeTempDir } from './stage-context.js';

export interface EmulatedStep {
  emulator: ActionsEmulator;
  /** The step's workspace (GITHUB_WORKSPACE); RUNNER_TEMP is its `runner` folder. Set once the file's tests start. */
  temp(): string;
}

export function useEmulatedStep(o: { tempPrefix: string; runId: number; headSha: string }): EmulatedStep {
  const emulator = new ActionsEmulator();
  const saved = { ...process.env };
  let temp = '';
  beforeAll(async () => {
    await emulator.start();
    temp = await makeTempDir(o.tempPrefix);
    Object.assign(process.env, emulator.stepEnv({ id: o.runId, attempt: 1, repo: 'acme/w', headSha: o.headSha, headBranch: 'main', workflowPath: '.github/workflows/x.yml' }), {
      GITHUB_WORKSPACE: temp,
      RUNNER_TEMP: path.join(temp, 'runner'),
    });
  });
  afterAll(async () => {
    await emulator.stop();
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  });
  return { emulator, temp: () => temp };
}
