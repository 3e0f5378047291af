// A fault after every service call: the service carries out one call of a stage job and the answer is lost, call by
// call; whichever it is, the record read back afterwards holds every stage, with folders matching their hashes.
// In-process (the real @actions/artifact and @actions/cache clients, the action functions the bundles call) to stay fast.
import { thisProcess } from '../../src/this-process.js';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunnerRuntime } from '../../src/github/action-runtime.js';
import { ActionsArtifactService } from '../../src/github/artifact-service.js';
import { ActionsCacheService } from '../../src/github/cache-service.js';
import { lineAction } from '../../src/github/line-action.js';
import { postAction } from '../../src/github/post-action.js';
import { traceSerial } from '../../src/github/trace.js';
import { defaultRegistry } from '../../src/stages/index.js';
import { ActionsEmulator, type EmulatedRun } from '../emulator/actions-emulator.js';
import { makeRepo } from '../helpers/git-repo.js';
import { makeTempDir } from '../helpers/stage-context.js';
import { parseFileCommands } from './action-step.js';
import { REPO, TOKEN, newJob, run, type World } from './github-world.js';

const CONFIG = `version: 1
line:
  - id: lint
    uses: command
    with:
      run: [node, -e, "0"]
      inputs: [andon.yml]
  - id: unit
    uses: command
    with:
      run: [node, -e, "0"]
      inputs: [andon.yml]
`;

const emulator = new ActionsEmulator();
const w = { emulator } as World;
const saved = { ...process.env };
let sha: string;

/** Runs a stage job's main and post steps in this process, with the runner's files and the run's environment. */
async function job(r: EmulatedRun, stage: string, cache = true): Promise<{ code: number; log: string }> {
  const { ws, runnerTemp } = await newJob(w, sha);
  const files = { GITHUB_OUTPUT: path.join(runnerTemp, 'out'), GITHUB_STATE: path.join(runnerTemp, 'state'), GITHUB_STEP_SUMMARY: path.join(runnerTemp, 'summary'), GITHUB_EVENT_PATH: path.join(runnerTemp, 'event.json') };
  for (const f of Object.values(files)) await writeFile(f, f.endsWith('.json') ? '{}' : '');
  const env: Record<string, string> = {
    ...emulator.stepEnv(r),
    ...files,
    GITHUB_WORKSPACE: ws,
    RUNNER_TEMP: runnerTemp,
    GITHUB_EVENT_NAME: 'push',
    INPUT_CONFIG: 'andon.yml',
    INPUT_STAGE: stage,
    'INPUT_GITHUB-TOKEN': TOKEN,
    'INPUT_SERVICE-DEADLINE-SECONDS': '10',
    INPUT_CACHE: String(cache),
  };
  const lines: string[] = [];
  // The clients read the runner's environment from process.env and log to stdout: give them this step's, quietly.
  const write = process.stdout.write;
  Object.assign(process.env, env);
  process.stdout.write = ((chunk: string | Uint8Array) => (lines.push(String(chunk)), true)) as typeof process.stdout.write;
  try {
    const rt = new RunnerRuntime(env, (l) => lines.push(l));
    const code = await lineAction(
      { runtime: rt, registry: defaultRegistry(), artifacts: new ActionsArtifactService(), cache: (ms) => new ActionsCacheService(ms, rt.logger), writer: thisProcess() },
      { kind: 'stage', uses: 'command' },
    );
    const state = parseFileCommands(await readFile(files.GITHUB_STATE, 'utf8'));
    const postEnv = { ...env, ...Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v])) };
    await postAction({ runtime: new RunnerRuntime(postEnv, (l) => lines.push(l)), artifacts: new ActionsArtifactService() });
    return { code, log: lines.join('\n') };
  } finally {
    process.stdout.write = write;
    for (const k of Object.keys(env)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}

async function recordAfter(serial: string) {
  const dest = await makeTempDir('andon-sweep-dl-');
  return traceSerial({ serial, repo: REPO, token: TOKEN, apiUrl: emulator.apiUrl, dest, stages: true });
}

beforeAll(async () => {
  await emulator.start();
  w.origin = await makeRepo({ 'andon.yml': CONFIG });
  sha = (await import('../helpers/git-repo.js')).gitIn(w.origin, 'rev-parse', 'HEAD');
});

afterAll(async () => {
  await emulator.stop();
  expect(emulator.deleted).toEqual([]);
});

describe('a fault after every service call of a stage job', () => {
  it('whichever call loses its answer, both stages are in the record and their folders match', async () => {
    // A healthy run first, to count the calls the second job makes.
    // Each run on a branch of its own: no run reads another's cache entries (the default branch, main, has none).
    const healthy = run(3000, 1, sha, { headBranch: 'sweep-base' });
    expect((await job(healthy, 'lint')).code).toBe(0);
    const before = emulator.requests.length;
    expect((await job(healthy, 'unit')).code).toBe(0);
    const calls = emulator.requests.slice(before);
    expect(calls.length).toBeGreaterThan(10);
    const t0 = await recordAfter('gh-3000-1');
    expect(t0.record?.stages.map((s) => `${s.id}:${s.state}`)).toEqual(['lint:passed', 'unit:passed']);

    const failures: string[] = [];
    for (let k = 0; k < calls.length; k++) {
      const r = run(3001 + k, 1, sha, { headBranch: `sweep-${k}` });
      // The first job only sets the scene (its calls are not swept): without the cache, it is quicker.
      expect((await job(r, 'lint', false)).code).toBe(0);
      emulator.dropAfter(k);
      const second = await job(r, 'unit');
      const dropped = emulator.requests.find((q) => q.fault === 'drop-after' && !q.path.startsWith('#seen'));
      emulator.clearFaults();
      const what = dropped ? `${dropped.method} ${dropped.path}` : '(none)';
      if (dropped) dropped.path = `#seen ${dropped.path}`;
      const t = await recordAfter(`gh-${r.id}-1`);
      const states = t.record?.stages.map((s) => `${s.id}:${s.state}`);
      if (second.code !== 0 || JSON.stringify(states) !== JSON.stringify(['lint:passed', 'unit:passed']) || t.problems.length > 0) {
        failures.push(`call ${k} (${what}): exit ${second.code}, stages ${JSON.stringify(states)}, problems ${JSON.stringify(t.problems)}, ${t.recordError ?? ''}`);
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
