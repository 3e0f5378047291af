// The verdict job writes what other jobs recorded (their stage reasons, findings) to the summary, the outputs, the
// log and per-stage check runs: whatever this job knows to be secret is masked there, whatever those jobs knew.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { encodedForms } from '../../src/core/mask.js';
import { ActionsEmulator } from '../emulator/actions-emulator.js';
import { gitIn, makeRepo } from '../helpers/git-repo.js';
import { TOKEN, newJob, renderedText, run, step, verdictJob, type World } from './github-world.js';

/** A space, a slash and a double quote. */
const SECRET = 'dep loy/k"ey-7Hq2';
const CONFIG = `version: 1
line:
  - id: deploy
    uses: command
    with: { run: [node, -e, "console.log('deploying with ' + process.env.DEPLOY_KEY); process.exit(1)"] }
`;

describe('the verdict job masks what it writes', () => {
  const w = { emulator: new ActionsEmulator() } as World;
  let sha: string;
  const saved = { ...process.env };
  beforeAll(async () => {
    w.distDir = inject('distDir');
    await w.emulator.start();
    w.emulator.acceptedTokens.add(TOKEN);
    w.origin = await makeRepo({ 'andon.yml': CONFIG });
    sha = gitIn(w.origin, 'rev-parse', 'HEAD');
  });
  afterAll(async () => {
    await w.emulator.stop();
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  });

  it('a stage reason holding a secret of the verdict job reaches no summary, output, log line or check run', async () => {
    const r = run(3101, 1, sha);
    // The stage job has the value under a name that does not say secret, so its record holds it as it was printed.
    const job = await newJob(w, sha);
    const main = await step(w, 'command', r, job, { inputs: { stage: 'deploy' }, env: { DEPLOY_KEY: SECRET } });
    expect(main.code).toBe(1);
    await step(w, 'post', r, job, { state: main.state });

    const verdict = await verdictJob(w, r, { deploy: 'failure' }, { env: { DEPLOY_API_TOKEN: SECRET } });
    expect(verdict.code).toBe(1);
    const checks = w.emulator.checkRuns.filter((c) => c.head_sha === sha);
    expect(checks.map((c) => c.output?.title)).toEqual(['failed: node exited with code 1: deploying with ***']);
    const shown = [verdict.stdout, verdict.summary, JSON.stringify(verdict.outputs), JSON.stringify(checks)].join('\n');
    expect(renderedText(verdict.summary)).toContain('deploying with ***');
    expect(JSON.parse(verdict.outputs.stages!)).toEqual([expect.objectContaining({ id: 'deploy', reason: 'node exited with code 1: deploying with ***' })]);
    for (const form of encodedForms(SECRET)) expect(shown.includes(form), form).toBe(false);
  });
});
