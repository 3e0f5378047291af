// The real test runners the regression tests drive: pytest (from .ci/run's venv, or the machine's) and this checkout's
// vitest. Under CI=true a missing pytest fails the suite instead of skipping its tests.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const hasPytest = spawnSync('python3', ['-m', 'pytest', '--version'], { stdio: 'ignore' }).status === 0;
if (!hasPytest && process.env.CI === 'true') {
  throw new Error('pytest is not on PATH: .ci/run installs it into .ci-venv and puts its bin on PATH');
}

/** This checkout's vitest, run with node (no npx, no network). */
export const vitestBin = path.resolve(import.meta.dirname, '../../../node_modules/vitest/vitest.mjs');

/** What a stage's command needs from the environment to find python and pytest. */
export const runnerEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
