// The actions end to end: dist entries spawned like the runner does, against the strict loopback Actions services.
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RunRecord } from '../../src/core/run-record.js';
import { FsStore } from '../../src/core/store.js';
import { parseArtifactName } from '../../src/github/constants.js';
import { traceSerial } from '../../src/github/trace.js';
import { ActionsEmulator } from '../emulator/actions-emulator.js';
import { commitAll, gitIn, makeRepo, writeFiles } from '../helpers/git-repo.js';
import { makeTempDir } from '../helpers/stage-context.js';
import type { StepResult } from './action-step.js';
import { REPO, TOKEN, newJob, renderedText, run, stageJob, step, verdictJob, type World } from './github-world.js';

const CONFIG = `version: 1
line:
  - id: lint
    uses: command
    with:
      run: [node, -e, "console.log('lint ok')"]
      inputs: [lint.cfg]
  - id: unit
    uses: command
    with:
      run: [node, check.mjs]
      inputs: [check.mjs, src/**]
  - id: package
    uses: command
    with:
      run: [node, -e, "console.log('packaged')"]
      inputs: [src/**]
`;

// unit fails while check.mjs says so; the fix is a change to check.mjs alone, so lint and package keep their inputs.
const FAILING = `console.log('checking'); console.error('::warning::injected from a tool'); process.exit(1);\n`;
// A flaky unit: it fails when the runner says so, on the same commit ("Re-run failed jobs" runs the same sha).
const PASSING = `if (process.env.UNIT_FAILS === '1') { console.log('flaky failure'); process.exit(1); }\nconsole.log('checking'); console.log('all good');\n`;
const FLAKY = { UNIT_FAILS: '1' };

const emulator = new ActionsEmulator();
const savedEnv = { ...process.env };
const w = { emulator } as World;
let badSha: string;
let goodSha: string;
let mergeSha: string;

function stagesOf(r: { stages: { id: string; state: string }[] } | null | undefined): string[] {
  return (r?.stages ?? []).map((s) => `${s.id}:${s.state}`);
}

async function recordOf(res: StepResult): Promise<RunRecord> {
  return RunRecord.parse(JSON.parse(await readFile(res.outputs['record-path']!, 'utf8')));
}

function names(runId: number): string[] {
  return emulator
    .artifactsOf(runId)
    .map((a) => a.name)
    .sort();
}

function trace(serial: string, stages = false) {
  return makeTempDir('andon-e2e-dl-').then((dest) => traceSerial({ serial, repo: REPO, token: TOKEN, apiUrl: emulator.apiUrl, dest, stages }));
}

beforeAll(async () => {
  w.distDir = inject('distDir');
  await emulator.start();
  emulator.acceptedTokens.add(TOKEN);
  w.origin = await makeRepo({ 'andon.yml': CONFIG, 'lint.cfg': 'strict\n', 'check.mjs': FAILING, 'src/app.js': 'export const x = 1;\n' });
  badSha = gitIn(w.origin, 'rev-parse', 'HEAD');
  await writeFiles(w.origin, { 'check.mjs': PASSING });
  goodSha = commitAll(w.origin, 'fix the check');
  // A pull request's merge commit, as GitHub makes it under refs/pull/12/merge.
  gitIn(w.origin, 'checkout', '-q', '-b', 'pull-12-merge');
  await writeFiles(w.origin, { 'merged.txt': 'merged\n' });
  mergeSha = commitAll(w.origin, 'merge pull request 12');
  gitIn(w.origin, 'checkout', '-q', 'main');
  // In-process lookups (traceSerial) read the runner environment from process.env.
  Object.assign(process.env, { GITHUB_API_URL: emulator.apiUrl, GITHUB_SERVER_URL: emulator.serverUrl, NO_PROXY: '127.0.0.1,localhost' });
});

afterAll(async () => {
  await emulator.stop();
  for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
  Object.assign(process.env, savedEnv);
  // Append only: nothing Andon did deleted an artifact.
  expect(emulator.deleted).toEqual([]);
});

describe('the whole line in one job: a failed run, looked up and resumed from the failed stage', () => {
  let first: StepResult;
  let firstJob: { ws: string; runnerTemp: string };

  it('run 1 fails at unit: exit 1, outputs, summary, annotations; stage folders uploaded', async () => {
    firstJob = await newJob(w, badSha);
    first = await step(w, 'line', run(1001, 1, badSha), firstJob);
    expect(first.code, first.stdout + first.stderr).toBe(1);
    expect(first.outputs.serial).toBe('gh-1001-1');
    expect(first.outputs.verdict).toBe('failed');
    expect(stagesOf({ stages: JSON.parse(first.outputs.stages ?? '[]') })).toEqual(['lint:passed', 'unit:failed', 'package:skipped']);
    expect(first.outputs['record-path']).toBe(path.join(firstJob.ws, '.andon/runs/gh-1001-1/run.json'));
    expect(JSON.parse(await readFile(first.outputs['sarif-path']!, 'utf8')).version).toBe('2.1.0');
    expect(first.summary).toContain('| unit | command | ❌ failed');
    expect(first.summary).toContain('gh workflow run andon-rerun.yml --repo acme/widget --ref main -f serial=gh-1001-1 -f from-stage=unit');
    expect(first.summary).toContain(`${emulator.serverUrl}/acme/widget/actions/workflows/andon-rerun.yml`);
    // A tool's output cannot issue workflow commands: its ::warning:: is printed inside stop-commands.
    expect(first.stdout).toContain('::warning::injected from a tool');
    expect(first.commands.some((c) => c.message === 'injected from a tool')).toBe(false);
    expect(first.commands.some((c) => c.command === 'add-mask' && c.message === TOKEN)).toBe(true);
    expect(first.stdout.replace(`::add-mask::${TOKEN}`, '')).not.toContain(TOKEN);
    expect(first.summary).not.toContain(TOKEN);
    expect(names(1001)).toEqual(['andon-gh-1001-1-lint', 'andon-gh-1001-1-unit']);
  });

  it('the post step uploads its piece of the record; every reader merges it back, hashes matching', async () => {
    const post = await step(w, 'post', run(1001, 1, badSha), firstJob, { state: first.state });
    expect(post.code, post.stdout).toBe(0);
    const piece = names(1001).filter((n) => parseArtifactName(n)?.kind === 'piece');
    expect(piece).toHaveLength(1);
    expect(piece[0]).toMatch(/^andon-gh-1001-1\.record\.[0-9a-f]{16}$/);
    const t = await trace('gh-1001-1', true);
    expect(t.record?.verdict).toBe('failed');
    expect(t.run.head_sha).toBe(badSha);
    expect(t.problems).toEqual([]);
    expect(t.record).toEqual(await recordOf(first));
    for (const st of t.record!.stages) expect(await new FsStore(path.dirname(t.dir!)).hashStage('gh-1001-1', st.id)).toEqual(st.artifacts);
  });

  it('run 2 looks the serial up, resumes from unit with the fix, reuses lint and links its parent', async () => {
    const job = await newJob(w, goodSha);
    const r2 = run(1002, 1, goodSha, { workflowPath: '.github/workflows/andon-rerun.yml', event: 'workflow_dispatch' });
    const cached = emulator.caches.filter((c) => c.key.startsWith('andon-stage-')).length;
    const second = await step(w, 'line', r2, job, { inputs: { resume: 'gh-1001-1', 'from-stage': 'unit' } });
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(second.outputs['parent-serial']).toBe('gh-1001-1');
    const rec = await recordOf(second);
    expect(rec.parent).toEqual({ serial: 'gh-1001-1', fromStage: 'unit' });
    expect(stagesOf(rec)).toEqual(['lint:reused', 'unit:passed', 'package:passed']);
    expect(rec.stages[0]?.reusedFrom).toBe('gh-1001-1');
    expect(second.summary).toContain(`\`gh-1002-1\` ← [\`gh-1001-1\`](${emulator.serverUrl}/acme/widget/actions/runs/1001) (resumed from \`unit\`)`);
    // A resume never writes the stage cache.
    expect(emulator.caches.filter((c) => c.key.startsWith('andon-stage-'))).toHaveLength(cached);
    expect((await step(w, 'post', r2, job, { state: second.state })).code).toBe(0);
  });

  it('"Re-run failed jobs" on the same commit: attempt 2 resumes attempt 1, reuses what passed there, never collides with it', async () => {
    const r1 = run(1101, 1, goodSha);
    const j1 = await newJob(w, goodSha);
    const a1 = await step(w, 'line', r1, j1, { env: FLAKY });
    expect(a1.code).toBe(1);
    expect((await step(w, 'post', r1, j1, { state: a1.state })).code).toBe(0);
    const r2 = run(1101, 2, goodSha);
    const j2 = await newJob(w, goodSha);
    const a2 = await step(w, 'line', r2, j2);
    expect(a2.code, a2.stdout).toBe(0);
    expect(a2.outputs.serial).toBe('gh-1101-2');
    const rec = await recordOf(a2);
    expect(rec.parent).toEqual({ serial: 'gh-1101-1', fromStage: 'unit' });
    expect(stagesOf(rec)).toEqual(['lint:reused', 'unit:passed', 'package:passed']);
    expect(rec.stages[0]).toMatchObject({ reusedFrom: 'gh-1101-1', reason: expect.stringContaining('inputs unchanged') });
    expect((await step(w, 'post', r2, j2, { state: a2.state })).code).toBe(0);
    const all = names(1101);
    expect(all.filter((n) => n.startsWith('andon-gh-1101-1'))).toHaveLength(3);
    expect(all.filter((n) => n.startsWith('andon-gh-1101-2'))).toHaveLength(4);
    expect(stagesOf((await trace('gh-1101-2')).record)).toEqual(['lint:reused', 'unit:passed', 'package:passed']);
  });
});

describe('one job per stage, and the verdict job to require', () => {
  it('attempt 1: unit fails, package is skipped by needs, the verdict fails and says why', async () => {
    const r = run(2101, 1, goodSha);
    const lint = await stageJob(w, r, goodSha, 'lint');
    expect(lint.main.code, lint.main.stdout).toBe(0);
    expect(lint.main.outputs.verdict).toBe('running');
    // A new runner: the unit job picks up lint from the record piece the lint job uploaded.
    const unit = await stageJob(w, r, goodSha, 'unit', { env: FLAKY });
    expect(unit.main.code).toBe(1);
    expect(stagesOf(await recordOf(unit.main))).toEqual(['lint:passed', 'unit:failed', 'package:pending']);
    const verdict = await verdictJob(w, r, { lint: 'success', unit: 'failure', package: 'skipped' });
    expect(verdict.code, verdict.stdout).toBe(1);
    expect(verdict.outputs.verdict).toBe('failed');
    const why = renderedText(verdict.summary);
    expect(why).toContain('job unit: failure');
    expect(why).toContain('job package: skipped');
    expect(why).toContain('stage unit: failed');
    expect(why).toContain('stage package: pending');
    expect(names(2101).filter((n) => parseArtifactName(n)?.kind === 'piece')).toHaveLength(2);
  });

  it('the verdict fails on the record alone too: a stage that never ran is not a pass, whatever needs says', async () => {
    const verdict = await verdictJob(w, run(2101, 1, goodSha), { lint: 'success', unit: 'success' });
    expect(verdict.code).toBe(1);
    expect(renderedText(verdict.summary)).toContain('stage package: pending');
  });

  it('attempt 2 ("Re-run failed jobs", same sha): unit and package run again, lint is carried forward, the verdict passes', async () => {
    const r = run(2101, 2, goodSha);
    const unit = await stageJob(w, r, goodSha, 'unit');
    expect(unit.main.code, unit.main.stdout).toBe(0);
    const afterUnit = await recordOf(unit.main);
    expect(stagesOf(afterUnit)).toEqual(['lint:reused', 'unit:passed', 'package:pending']);
    expect(afterUnit.stages[0]).toMatchObject({ reusedFrom: 'gh-2101-1', reason: expect.stringContaining('carried forward from attempt 1 (gh-2101-1)') });
    const pkg = await stageJob(w, r, goodSha, 'package');
    expect(pkg.main.code, pkg.main.stdout).toBe(0);
    expect(pkg.main.outputs.verdict).toBe('passed');
    const verdict = await verdictJob(w, r, { lint: 'success', unit: 'success', package: 'success' });
    expect(verdict.code, verdict.stdout).toBe(0);
    expect(verdict.outputs.verdict).toBe('passed');
    // Every reader sees the whole record of attempt 2: REST trace, with lint's folder still in attempt 1.
    const t = await trace('gh-2101-2', true);
    expect(stagesOf(t.record)).toEqual(['lint:reused', 'unit:passed', 'package:passed']);
    expect(t.record?.verdict).toBe('passed');
    expect(t.problems).toEqual([]);
    // Attempt 1 kept its artifacts; attempt 2 added its own under other names.
    expect(names(2101).filter((n) => n.startsWith('andon-gh-2101-1-'))).toEqual(['andon-gh-2101-1-lint', 'andon-gh-2101-1-unit']);
    expect(names(2101).filter((n) => n.startsWith('andon-gh-2101-2-'))).toEqual(['andon-gh-2101-2-package', 'andon-gh-2101-2-unit']);
  });

  it('parallel stage jobs of one attempt each add their stage: none is lost', async () => {
    const r = run(2201, 1, goodSha);
    expect((await stageJob(w, r, goodSha, 'lint')).main.code).toBe(0);
    const [unit, pkg] = await Promise.all([stageJob(w, r, goodSha, 'unit'), stageJob(w, r, goodSha, 'package')]);
    expect(unit.main.code).toBe(0);
    expect(pkg.main.code).toBe(0);
    // Each saw only what was there when it started...
    expect(stagesOf(await recordOf(unit.main))).toEqual(['lint:passed', 'unit:passed', 'package:pending']);
    expect(stagesOf(await recordOf(pkg.main))).toEqual(['lint:passed', 'unit:pending', 'package:passed']);
    // ...and the merged record holds both.
    const verdict = await verdictJob(w, r, { lint: 'success', unit: 'success', package: 'success' });
    expect(verdict.code, verdict.stdout).toBe(0);
    expect(stagesOf((await trace('gh-2201-1')).record)).toEqual(['lint:passed', 'unit:passed', 'package:passed']);
    expect(names(2201).filter((n) => parseArtifactName(n)?.kind === 'piece')).toHaveLength(3);
  });

  it('per-stage check runs: none concludes skipped or neutral for a stopped stage; silently off without checks: write', async () => {
    const r = run(2301, 1, goodSha);
    expect((await stageJob(w, r, goodSha, 'lint')).main.code).toBe(0);
    expect((await stageJob(w, r, goodSha, 'unit', { env: FLAKY })).main.code).toBe(1);
    const before = emulator.checkRuns.length;
    const verdict = await verdictJob(w, r, { lint: 'success', unit: 'failure', package: 'skipped' });
    expect(verdict.code).toBe(1);
    const runs = emulator.checkRuns.slice(before);
    expect(runs.map((c) => `${c.name}:${c.conclusion}`)).toEqual(['andon: lint:success', 'andon: unit:failure', 'andon: package:failure']);
    expect(runs.every((c) => c.head_sha === goodSha)).toBe(true);
    emulator.permissions.set('ghs_readOnly', { actions: 'read', checks: 'none', contents: 'read' });
    emulator.acceptedTokens.add('ghs_readOnly');
    const quiet = await verdictJob(w, r, { lint: 'success', unit: 'failure' }, { inputs: { 'github-token': 'ghs_readOnly' } });
    expect(quiet.code).toBe(1);
    expect(emulator.checkRuns.length).toBe(before + 3);
    expect(quiet.commands.filter((c) => c.command === 'warning')).toEqual([]);
    expect(quiet.stdout).toContain('per-stage check runs are off');
  });
});

describe('a pull request from a fork', () => {
  const fork = () => run(4101, 1, goodSha, { headBranch: 'contributor-branch', event: 'pull_request', pr: { number: 12, base: 'main', mergeSha, headRepo: 'contributor/widget' } });

  it('runs on the merge commit with a read-only cache, records both commits, and hints a rerun from the base branch', async () => {
    const r = fork();
    const cachesBefore = emulator.caches.length;
    const job = await newJob(w, mergeSha);
    const main = await step(w, 'line', r, job, { env: FLAKY });
    expect(main.code, main.stdout).toBe(1);
    expect(renderedText(main.summary)).toContain('a pull request from a fork: the cache is read, never written');
    expect(main.summary).toContain('gh workflow run andon-rerun.yml --repo acme/widget --ref main -f serial=gh-4101-1 -f from-stage=unit');
    expect(main.summary).toContain('`refs/pull/12/head`');
    expect(main.summary).not.toContain('contributor-branch -f');
    expect((await step(w, 'post', r, job, { state: main.state })).code).toBe(0);
    // Artifacts upload (fork runs may), the cache is never written.
    expect(names(4101)).toContain('andon-gh-4101-1-unit');
    expect(emulator.caches.length).toBe(cachesBefore);
    const t = await trace('gh-4101-1');
    expect(t.github).toMatchObject({ fork: true, sha: mergeSha, headSha: goodSha, pr: 12, baseRef: 'main' });
    expect(t.checkout).toEqual({ sha: goodSha, ref: 'refs/pull/12/head', event: 'pull_request', fork: true, pr: 12 });
  });

  it('actions/trace hands on what GitHub says (the PR head, a ref of the base repository), and its rerun never writes the cache', async () => {
    const job = await newJob(w, goodSha);
    const rerun = run(4102, 1, goodSha, { workflowPath: '.github/workflows/andon-rerun.yml', event: 'workflow_dispatch' });
    const t = await step(w, 'trace', rerun, job, { inputs: { serial: 'gh-4101-1', repo: REPO } });
    expect(t.code, t.stdout).toBe(0);
    expect(t.outputs).toMatchObject({ sha: goodSha, ref: 'refs/pull/12/head', event: 'pull_request', fork: 'true', pr: '12' });
    const cachesBefore = emulator.caches.length;
    const resumed = await step(w, 'line', rerun, job, { inputs: { resume: 'gh-4101-1' } });
    expect(resumed.code, resumed.stdout).toBe(0);
    expect(renderedText(resumed.summary)).toContain("gh-4101-1 ran a fork's code: it is resumed without the cache");
    expect(emulator.caches.length).toBe(cachesBefore);
  });

  it('a record that disagrees with GitHub is refused; a commit that is gone is a clear error', async () => {
    // A tampered piece: the job's own code rewrote the record's facts before the post step uploaded it.
    const job = await newJob(w, goodSha);
    const r = run(4201, 1, goodSha);
    const main = await step(w, 'line', r, job, { inputs: { cache: 'false' } });
    expect(main.code).toBe(0);
    const post = await step(w, 'post', r, job, { state: main.state, env: { GITHUB_SHA: badSha } });
    expect(post.code).toBe(0);
    const refused = await step(w, 'trace', run(4202, 1, goodSha), job, { inputs: { serial: 'gh-4201-1', repo: REPO } });
    expect(refused.code).toBe(2);
    expect(refused.commands.find((c) => c.command === 'error')?.message).toContain(`the record of gh-4201-1 disagrees with GitHub (commit ${badSha}, GitHub ran ${goodSha})`);
    emulator.dropCommit(REPO, goodSha);
    try {
      const gone = await step(w, 'trace', run(4203, 1, badSha), job, { inputs: { serial: 'gh-1002-1', repo: REPO } });
      expect(gone.code).toBe(2);
      expect(gone.commands.find((c) => c.command === 'error')?.message).toContain(`commit ${goodSha} of gh-1002-1 is no longer in acme/widget`);
    } finally {
      emulator.commits.get(REPO)?.add(goodSha);
    }
  });
});

describe('an expired parent', () => {
  it('a stage folder past retention is not reused: that stage runs again, and the summary says why', async () => {
    const r1 = run(5101, 1, goodSha);
    const j1 = await newJob(w, goodSha);
    const a = await step(w, 'line', r1, j1, { env: FLAKY, inputs: { cache: 'false' } });
    expect((await step(w, 'post', r1, j1, { state: a.state })).code).toBe(0);
    expect(emulator.expire((x) => x.name === 'andon-gh-5101-1-lint')).toBe(1);
    const j2 = await newJob(w, goodSha);
    const b = await step(w, 'line', run(5102, 1, goodSha), j2, { inputs: { resume: 'gh-5101-1', cache: 'false' } });
    expect(b.code, b.stdout).toBe(0);
    expect(stagesOf(await recordOf(b))).toEqual(['lint:passed', 'unit:passed', 'package:passed']);
    expect(renderedText(b.summary)).toContain('parent stage folders missing (lint)');
  });

  it('a parent whose record expired is a clear usage error, not a crash', async () => {
    expect(emulator.expire((x) => x.runId === 5101)).toBeGreaterThan(0);
    const j = await newJob(w, goodSha);
    const b = await step(w, 'line', run(5103, 1, goodSha), j, { inputs: { resume: 'gh-5101-1' } });
    expect(b.code).toBe(2);
    expect(b.commands.find((c) => c.command === 'error')?.message).toContain('no record of gh-5101-1 in workflow run 5101 of acme/widget (its record expired)');
    const t = await trace('gh-5101-1');
    expect(t.record).toBeNull();
    expect(t.recordError).toContain('its record expired');
  });
});

describe('untrusted text from a report is data', () => {
  it('a SARIF rule id and a URI that decode to workflow commands set nothing, mask nothing, and render as text', async () => {
    const payload = '\n::set-output name=verdict::passed\n::add-mask::hunter2\n';
    const sarif = {
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'evil', rules: [] } },
          results: [
            {
              ruleId: `R1${payload}##[set-output name=verdict;]passed`,
              level: 'error',
              message: { text: `[click](https://evil.example) ![x](https://evil.example/p.png) <img src=x>${payload}` },
              locations: [{ physicalLocation: { artifactLocation: { uri: 'src/a%0A::set-output%20name=verdict::passed%0D::add-mask::x.js' }, region: { startLine: 1 } } }],
            },
          ],
        },
      ],
    };
    const config = `version: 1\nline:\n  - id: scan\n    uses: static-analysis\n    with:\n      sarif: [reports/evil.sarif]\n      filter: nofilter\n`;
    const job = await newJob(w, goodSha);
    await mkdir(path.join(job.ws, 'reports'), { recursive: true });
    await writeFile(path.join(job.ws, 'reports/evil.sarif'), JSON.stringify(sarif));
    await writeFile(path.join(job.ws, 'evil.yml'), config);
    const res = await step(w, 'line', run(6101, 1, goodSha), job, { inputs: { config: 'evil.yml', cache: 'false' } });
    expect(res.code, `${res.stdout}\n${res.summary}`).toBe(1);
    expect(res.outputs.verdict).toBe('failed');
    // What the runner obeys in the step log: no output set, nothing masked but the token, no legacy command.
    const obeyed = res.commands.map((c) => c.command);
    expect(obeyed.filter((c) => !['group', 'endgroup', 'error', 'warning', 'notice', 'debug', 'add-mask'].includes(c))).toEqual([]);
    expect(res.commands.filter((c) => c.command === 'add-mask').map((c) => c.message)).toEqual([TOKEN]);
    // The annotation carries the rule id and the path as data.
    const ann = res.commands.find((c) => c.command === 'error' && c.props.title?.startsWith('scan: R1'));
    expect(ann?.props.title).toContain('::set-output name=verdict::passed');
    expect(ann?.props.file).toBe('src/a\n::set-output name=verdict::passed\n::add-mask::x.js');
    // The summary renders the finding as text.
    const html = micromark(res.summary, { extensions: [gfm()], htmlExtensions: [gfmHtml()] });
    expect(html).not.toMatch(/href="https:\/\/evil|<img/);
    expect(html).toContain('[click](https://evil.example)');
  });
});

describe('one stage as a step in an existing job', () => {
  it('two stage steps share the serial and the record; each post step uploads its own piece', async () => {
    const job = await newJob(w, goodSha);
    const r = run(7001, 1, goodSha);
    const a = await step(w, 'command', r, job, { inputs: { stage: 'lint' } });
    expect(a.code, a.stdout).toBe(0);
    const b = await step(w, 'command', r, job, { inputs: { stage: 'unit' } });
    expect(b.code, b.stdout).toBe(0);
    expect(b.outputs.serial).toBe(a.outputs.serial);
    expect((await recordOf(b)).verdict).toBe('running');
    const pb = await step(w, 'post', r, job, { state: b.state });
    const pa = await step(w, 'post', r, job, { state: a.state });
    expect(pb.code).toBe(0);
    expect(pa.code).toBe(0);
    const after = await new FsStore(path.join(job.ws, '.andon/runs')).loadRecord('gh-7001-1');
    expect(after.stages.find((s) => s.id === 'package')?.state).toBe('pending');
    expect(names(7001).filter((n) => parseArtifactName(n)?.kind === 'piece')).toHaveLength(2);
    expect(stagesOf((await trace('gh-7001-1')).record).slice(2)).toEqual(['package:pending']);
  });

  it('a stage id of another kind is refused as a usage error (exit 2) naming the right action', async () => {
    const job = await newJob(w, goodSha);
    const r = await step(w, 'spec', run(7002, 1, goodSha), job, { inputs: { stage: 'lint' } });
    expect(r.code).toBe(2);
    expect(r.commands.find((c) => c.command === 'error')?.message).toContain('stage lint uses command, not spec; use actions/command');
  });
});

describe('a cancelled step', () => {
  it('SIGINT from the runner stops the line: the stage is cancelled, exit 1, and the post step uploads the record', async () => {
    const slow = `version: 1
line:
  - id: slow
    uses: command
    with:
      run: [node, -e, "console.log('started'); setTimeout(() => {}, 60000)"]
  - id: after
    uses: command
    with:
      run: [node, -e, "0"]
`;
    const job = await newJob(w, goodSha);
    await writeFiles(job.ws, { 'slow.yml': slow });
    const r = run(8001, 1, goodSha);
    const main = await step(w, 'line', r, job, { inputs: { config: 'slow.yml', cache: 'false' }, cancel: { when: (out) => out.includes('started'), signal: 'SIGINT' } });
    expect(main.code, main.stdout).toBe(1);
    expect(main.ms).toBeLessThan(30_000);
    const rec = await new FsStore(path.join(job.ws, '.andon/runs')).loadRecord('gh-8001-1');
    expect(rec.verdict).toBe('cancelled');
    expect(stagesOf(rec)).toEqual(['slow:cancelled', 'after:cancelled']);
    expect(rec.stages[0]?.reason).toContain('SIGINT');
    expect((await step(w, 'post', r, job, { state: main.state })).code).toBe(0);
    expect((await trace('gh-8001-1')).record?.verdict).toBe('cancelled');
  });
});

describe('when the Actions services fail', () => {
  async function localRecordIntact(ws: string, serial: string): Promise<RunRecord> {
    const store = new FsStore(path.join(ws, '.andon/runs'));
    const rec = await store.loadRecord(serial);
    expect(await store.verify(rec)).toEqual([]);
    return rec;
  }

  it('500s on every call: warnings, bounded retries, local record intact, verdict unchanged', async () => {
    const job = await newJob(w, badSha);
    const r = run(9001, 1, badSha);
    const before = emulator.requests.length;
    emulator.failWith(500, 10_000, 'twirp');
    try {
      const main = await step(w, 'line', r, job, { inputs: { 'service-deadline-seconds': '3' } });
      expect(main.code, main.stdout).toBe(1);
      expect(main.outputs.verdict).toBe('failed');
      expect(main.commands.filter((c) => c.command === 'warning').map((c) => c.message).join('\n')).toMatch(/did not answer within 3 s|failed/);
      const post = await step(w, 'post', r, job, { state: main.state, inputs: { 'service-deadline-seconds': '3' } });
      expect(post.code).toBe(0);
      expect((await localRecordIntact(job.ws, 'gh-9001-1')).verdict).toBe('failed');
      const faulted = emulator.requests.slice(before).filter((q) => q.fault === 'status').length;
      expect(faulted).toBeGreaterThan(0);
      expect(faulted).toBeLessThanOrEqual(40);
      expect(main.ms + post.ms).toBeLessThan(60_000);
    } finally {
      emulator.clearFaults();
    }
    expect(emulator.artifactsOf(9001)).toEqual([]);
  }, 120_000);

  it("a hung service: the step gives up at its own deadline, warns, exits with the line's code", async () => {
    const job = await newJob(w, goodSha);
    const r = run(9002, 1, goodSha);
    emulator.hang(10_000, 'any');
    try {
      const main = await step(w, 'line', r, job, { inputs: { 'service-deadline-seconds': '2', cache: 'false' } });
      expect(main.code, main.stdout).toBe(0);
      expect(main.outputs.verdict).toBe('passed');
      expect(main.commands.some((c) => c.command === 'warning' && /did not answer within 2 s/.test(c.message))).toBe(true);
      expect(main.summary).toContain('not uploaded');
      expect(main.ms).toBeLessThan(15_000);
      const post = await step(w, 'post', r, job, { state: main.state, inputs: { 'service-deadline-seconds': '2' } });
      expect(post.code).toBe(0);
      expect(post.ms).toBeLessThan(15_000);
      await localRecordIntact(job.ws, 'gh-9002-1');
    } finally {
      emulator.clearFaults();
    }
  }, 120_000);

  it('sockets closed mid-request: retried, the uploads still land', async () => {
    const job = await newJob(w, goodSha);
    const r = run(9003, 1, goodSha);
    emulator.closeSockets(2, 'blob');
    const main = await step(w, 'line', r, job, { inputs: { cache: 'false' } });
    emulator.clearFaults();
    expect(main.code, main.stdout).toBe(0);
    expect(emulator.requests.filter((q) => q.fault === 'close').length).toBe(2);
    expect(names(9003)).toEqual(['andon-gh-9003-1-lint', 'andon-gh-9003-1-package', 'andon-gh-9003-1-unit']);
  }, 120_000);
});

describe('the post step after a cancelled main step', () => {
  it('finalises running and pending stages as cancelled with a reason and uploads the record', async () => {
    const job = await newJob(w, goodSha);
    const store = new FsStore(path.join(job.ws, '.andon/runs'));
    await store.reserve('gh-9101-1');
    const now = new Date().toISOString();
    const stage = (id: string, state: 'running' | 'pending' | 'passed') => ({
      id, uses: 'command', blocking: true, state, reason: state, startedAt: state === 'pending' ? null : now, finishedAt: null, durationMs: null,
      inputsDigest: null, reusedFrom: null, counts: {}, artifacts: [], tools: {},
    });
    await store.writeRecord({
      schema: 'andon.run/v1', serial: 'gh-9101-1', parent: null, createdAt: now, finishedAt: null, verdict: 'running', nonBlockingFailures: [],
      source: { repo: REPO, sha: goodSha, ref: 'main', baseSha: null, pr: null, dirty: false },
      host: { kind: 'github', runId: '9101', runAttempt: 1, workflow: 'ci', job: 'andon', url: null },
      config: { path: 'andon.yml', digest: 'sha256:x' }, tool: { name: 'andon', version: 'test', node: process.version },
      stages: [{ ...stage('lint', 'passed'), state: 'passed' }, stage('unit', 'running'), stage('package', 'pending')], transitions: [],
    });
    const post = await step(w, 'post', run(9101, 1, goodSha), job, {
      state: {
        'andon-serial': 'gh-9101-1',
        'andon-store': store.root,
        'andon-settings': JSON.stringify({ mode: 'line', stages: null, upload: true, retentionDays: 5, deadlineMs: 10_000 }),
      },
    });
    expect(post.code, post.stdout).toBe(0);
    const rec = await store.loadRecord('gh-9101-1');
    expect(rec.verdict).toBe('cancelled');
    expect(stagesOf(rec)).toEqual(['lint:passed', 'unit:cancelled', 'package:cancelled']);
    expect(rec.stages[1]?.reason).toMatch(/^interrupted: the job ended/);
    expect(rec.stages[2]?.reason).toMatch(/^never ran: the job ended/);
    const pieces = emulator.artifactsOf(9101);
    expect(pieces).toHaveLength(1);
    expect(parseArtifactName(pieces[0]!.name)?.kind).toBe('piece');
    expect(pieces[0]?.expiresAt).toBeTruthy();
  });
});

describe('dist entries', () => {
  const ENTRIES = ['line', 'post', 'command', 'regression', 'static-analysis', 'spec', 'templates', 'trace', 'verdict'];

  it('every action entry exists', async () => {
    const files = await readdir(w.distDir);
    for (const e of ENTRIES) expect(files).toContain(`${e}.js`);
  });

  it('no entry imports the artifact or cache client statically: they load only when something is uploaded or cached', async () => {
    const staticClosure = async (file: string, seen = new Set<string>()): Promise<Set<string>> => {
      if (seen.has(file)) return seen;
      seen.add(file);
      const text = await readFile(file, 'utf8');
      for (const m of text.matchAll(/^import\s*(?:[^'"]*?from\s*)?["'](\.\/[^"']+)["'];?$/gm)) await staticClosure(path.resolve(path.dirname(file), m[1]!), seen);
      return seen;
    };
    const lazy = (await readdir(path.join(w.distDir, 'chunks'))).filter((f) => /^(artifact|cache)-/.test(f));
    expect(lazy.length).toBe(2);
    for (const e of ENTRIES) {
      const files = [...(await staticClosure(path.join(w.distDir, `${e}.js`)))].map((f) => path.basename(f));
      expect(files.length, e).toBeGreaterThan(1);
      for (const l of lazy) expect(files, e).not.toContain(l);
    }
  });
});
