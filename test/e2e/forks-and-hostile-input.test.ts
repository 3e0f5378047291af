// Pull requests from forks, expired parents, records that disagree with GitHub, and hostile report text.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { FLAKY, REPO, TOKEN, artifactNames, newJob, recordOf, renderedText, run, stagesOf, step, traceOf, useLine3World } from './github-world.js';

const w = useLine3World();
const emulator = w.emulator;
const names = (runId: number) => artifactNames(w, runId);
const trace = (serial: string, stages = false) => traceOf(w, serial, stages);

describe('a pull request from a fork', () => {
  const fork = () => run(4101, 1, w.goodSha, { headBranch: 'contributor-branch', event: 'pull_request', pr: { number: 12, base: 'main', mergeSha: w.mergeSha, headRepo: 'contributor/widget' } });

  it('runs on the merge commit with a read-only cache, records both commits, and hints a rerun from the base branch', async () => {
    const r = fork();
    const cachesBefore = emulator.caches.length;
    const job = await newJob(w, w.mergeSha);
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
    expect(t.github).toMatchObject({ fork: true, sha: w.mergeSha, headSha: w.goodSha, pr: 12, baseRef: 'main' });
    expect(t.checkout).toEqual({ sha: w.goodSha, ref: 'refs/pull/12/head', event: 'pull_request', fork: true, pr: 12 });
  });

  it('actions/trace hands on what GitHub says (the PR head, a ref of the base repository), and its rerun never writes the cache', async () => {
    const job = await newJob(w, w.goodSha);
    const rerun = run(4102, 1, w.goodSha, { workflowPath: '.github/workflows/andon-rerun.yml', event: 'workflow_dispatch' });
    const t = await step(w, 'trace', rerun, job, { inputs: { serial: 'gh-4101-1', repo: REPO } });
    expect(t.code, t.stdout).toBe(0);
    expect(t.outputs).toMatchObject({ sha: w.goodSha, ref: 'refs/pull/12/head', event: 'pull_request', fork: 'true', pr: '12' });
    const cachesBefore = emulator.caches.length;
    const resumed = await step(w, 'line', rerun, job, { inputs: { resume: 'gh-4101-1' } });
    expect(resumed.code, resumed.stdout).toBe(0);
    expect(renderedText(resumed.summary)).toContain("gh-4101-1 ran a fork's code: it is resumed without the cache");
    expect(emulator.caches.length).toBe(cachesBefore);
  });

  it('a record that disagrees with GitHub is refused; a commit that is gone is a clear error', async () => {
    // A tampered piece: the job's own code rewrote the record's facts before the post step uploaded it.
    const job = await newJob(w, w.goodSha);
    const r = run(4201, 1, w.goodSha);
    const main = await step(w, 'line', r, job, { inputs: { cache: 'false' } });
    expect(main.code).toBe(0);
    const post = await step(w, 'post', r, job, { state: main.state, env: { GITHUB_SHA: w.badSha } });
    expect(post.code).toBe(0);
    const refused = await step(w, 'trace', run(4202, 1, w.goodSha), job, { inputs: { serial: 'gh-4201-1', repo: REPO } });
    expect(refused.code).toBe(2);
    expect(refused.commands.find((c) => c.command === 'error')?.message).toContain(`the record of gh-4201-1 disagrees with GitHub (commit ${w.badSha}, GitHub ran ${w.goodSha})`);
    emulator.dropCommit(REPO, w.goodSha);
    try {
      const gone = await step(w, 'trace', run(4203, 1, w.badSha), job, { inputs: { serial: 'gh-4101-1', repo: REPO } });
      expect(gone.code).toBe(2);
      expect(gone.commands.find((c) => c.command === 'error')?.message).toContain(`commit ${w.goodSha} of gh-4101-1 is no longer in acme/widget`);
    } finally {
      emulator.commits.get(REPO)?.add(w.goodSha);
    }
  });
});

describe('an expired parent', () => {
  it('a stage folder past retention is not reused: that stage runs again, and the summary says why', async () => {
    const r1 = run(5101, 1, w.goodSha);
    const j1 = await newJob(w, w.goodSha);
    const a = await step(w, 'line', r1, j1, { env: FLAKY, inputs: { cache: 'false' } });
    expect((await step(w, 'post', r1, j1, { state: a.state })).code).toBe(0);
    expect(emulator.expire((x) => x.name === 'andon-gh-5101-1-lint')).toBe(1);
    const j2 = await newJob(w, w.goodSha);
    const b = await step(w, 'line', run(5102, 1, w.goodSha), j2, { inputs: { resume: 'gh-5101-1', cache: 'false' } });
    expect(b.code, b.stdout).toBe(0);
    expect(stagesOf(await recordOf(b))).toEqual(['lint:passed', 'unit:passed', 'package:passed']);
    expect(renderedText(b.summary)).toContain('parent stage folders missing (lint)');
  });

  it('a parent whose record expired is a clear usage error, not a crash', async () => {
    expect(emulator.expire((x) => x.runId === 5101)).toBeGreaterThan(0);
    const j = await newJob(w, w.goodSha);
    const b = await step(w, 'line', run(5103, 1, w.goodSha), j, { inputs: { resume: 'gh-5101-1' } });
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
    const job = await newJob(w, w.goodSha);
    await mkdir(path.join(job.ws, 'reports'), { recursive: true });
    await writeFile(path.join(job.ws, 'reports/evil.sarif'), JSON.stringify(sarif));
    await writeFile(path.join(job.ws, 'evil.yml'), config);
    const res = await step(w, 'line', run(6101, 1, w.goodSha), job, { inputs: { config: 'evil.yml', cache: 'false' } });
    expect(res.code, `${res.stdout}\n${res.summary}`).toBe(1);
    expect(res.outputs.verdict).toBe('failed');
    // What the runner obeys in the step log: no output set, no legacy command, and nothing masked but the token and
    // what the artifact client masks itself (the emulator's signed-URL signature, "emulated").
    const obeyed = res.commands.map((c) => c.command);
    expect(obeyed.filter((c) => !['group', 'endgroup', 'error', 'warning', 'notice', 'debug', 'add-mask'].includes(c))).toEqual([]);
    expect([...new Set(res.commands.filter((c) => c.command === 'add-mask').map((c) => c.message))].sort()).toEqual([TOKEN, 'emulated'].sort());
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

