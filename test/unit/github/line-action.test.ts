// The line action's logic without a runner: a memory runtime, a real git workspace, real processes.
import { symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryRuntime } from '../../../src/github/action-runtime.js';
import type { ArtifactService } from '../../../src/github/artifact-service.js';
import { lineAction } from '../../../src/github/line-action.js';
import { defaultRegistry } from '../../../src/stages/index.js';
import { thisProcess } from '../../../src/this-process.js';
import { gitIn, makeRepo } from '../../helpers/git-repo.js';
import { makeTempDir } from '../../helpers/stage-context.js';

/** Fails the test if the action touches the artifact service when there is nothing to upload. */
const untouchable: ArtifactService = new Proxy({} as ArtifactService, {
  get: (_t, prop) => () => {
    throw new Error(`artifact service used: ${String(prop)}`);
  },
});

async function act(files: Record<string, string>, inputs: Record<string, string> = {}, uses?: string) {
  const ws = await makeRepo(files);
  const env = { GITHUB_WORKSPACE: ws, GITHUB_RUN_ID: '77', GITHUB_RUN_ATTEMPT: '1', GITHUB_REPOSITORY: 'acme/w', RUNNER_TEMP: await makeTempDir('andon-rt-'), PATH: process.env.PATH, HOME: process.env.HOME };
  const rt = new MemoryRuntime(env, inputs);
  const code = await lineAction(
    { runtime: rt, registry: defaultRegistry(), writer: thisProcess(), artifacts: untouchable, cache: () => { throw new Error('cache used'); } },
    uses ? { kind: 'stage', uses } : { kind: 'line' },
  );
  return { code, rt, ws };
}

describe('lineAction', () => {
  it('runs the line without the Actions services: exit 0, outputs, state for the post step, a note, no artifact client', async () => {
    const { code, rt, ws } = await act({ 'andon.yml': 'version: 1\nline:\n  - id: hello\n    uses: command\n    with: { run: [node, -e, "console.log(1)"] }\n' });
    expect(code, rt.text()).toBe(0);
    expect(rt.outputs.get('serial')).toBe('gh-77-1');
    expect(rt.outputs.get('verdict')).toBe('passed');
    expect(rt.outputs.get('record-path')).toBe(path.join(ws, '.andon/runs/gh-77-1/run.json'));
    expect(JSON.parse(rt.outputs.get('stages')!)).toMatchObject([{ id: 'hello', state: 'passed' }]);
    expect(rt.state('andon-serial')).toBe('gh-77-1');
    expect(JSON.parse(rt.state('andon-settings'))).toMatchObject({ mode: 'line', stages: null, upload: true });
    expect(rt.summary).toContain('no Actions results service in this environment');
    expect(rt.text()).toContain('andon ■ hello: passed');
  });

  it('warns, in the log and the summary, when actions/checkout left the token in git config (plain or included), never printing it', async () => {
    const cfg = { 'andon.yml': 'version: 1\nline:\n  - id: hello\n    uses: command\n    with: { run: [node, -e, "0"] }\n' };
    const clean = await act(cfg);
    expect(clean.rt.text()).not.toContain('persist-credentials');
    const token = Buffer.from('x-access-token:ghs_persistedpersistedpersisted01').toString('base64');
    for (const where of ['config', 'include'] as const) {
      const ws = await makeRepo(cfg);
      if (where === 'config') gitIn(ws, 'config', 'http.https://github.com/.extraheader', `AUTHORIZATION: basic ${token}`);
      else {
        // As actions/checkout v6 keeps it: in a file of its own that the repository's config includes.
        const file = path.join(await makeTempDir('andon-cred-'), 'git-credentials.config');
        await writeFile(file, `[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic ${token}\n`);
        gitIn(ws, 'config', 'include.path', file);
      }
      const rt = new MemoryRuntime({ GITHUB_WORKSPACE: ws, GITHUB_RUN_ID: '79', RUNNER_TEMP: await makeTempDir('andon-rt-'), PATH: process.env.PATH, HOME: process.env.HOME }, {});
      const code = await lineAction({ runtime: rt, registry: defaultRegistry(), writer: thisProcess(), artifacts: untouchable, cache: () => { throw new Error('cache used'); } }, { kind: 'line' });
      expect(code, rt.text()).toBe(0);
      const note = "actions/checkout left the job's token in git's config (http.https://github.com/.extraheader), where the code under test can read it";
      expect(rt.text()).toContain(note);
      // The summary escapes Markdown: read without its escapes.
      expect(rt.summary.replace(/\\/g, '')).toContain('set `persist-credentials: false` on actions/checkout');
      expect(rt.text() + rt.summary).not.toContain(token);
    }
  });

  it('a config mistake is exit 2, annotated at its file and line, and said in the summary', async () => {
    const { code, rt } = await act({ 'andon.yml': 'version: 1\nline:\n  - id: x\n    uses: comand\n' });
    expect(code).toBe(2);
    const a = rt.annotations.find((x) => x.level === 'error');
    expect(a?.file).toBe('andon.yml');
    expect(a?.line).toBe(4);
    expect(a?.message).toMatch(/comand/);
    expect(rt.summary).toContain('## Andon could not start the line');
  });

  it('refuses a working-directory that leaves the workspace through a symlink', async () => {
    const outside = await makeTempDir('andon-outside-');
    const ws = await makeRepo({ 'andon.yml': 'version: 1\nline:\n  - id: x\n    uses: command\n    with: { run: [node, -e, "0"] }\n' });
    await symlink(outside, path.join(ws, 'escape'));
    const rt = new MemoryRuntime({ GITHUB_WORKSPACE: ws, GITHUB_RUN_ID: '78', RUNNER_TEMP: outside }, { 'working-directory': 'escape' });
    const code = await lineAction({ runtime: rt, registry: defaultRegistry(), writer: thisProcess(), artifacts: untouchable, cache: () => { throw new Error('cache used'); } }, { kind: 'line' });
    expect(code).toBe(2);
    expect(rt.annotations[0]?.message).toContain('leads outside GITHUB_WORKSPACE');
  });

  it('a stage action names its stage when the config has several of its kind', async () => {
    const cfg = 'version: 1\nline:\n  - id: a\n    uses: command\n    with: { run: [node, -e, "0"] }\n  - id: b\n    uses: command\n    with: { run: [node, -e, "0"] }\n';
    const several = await act({ 'andon.yml': cfg }, {}, 'command');
    expect(several.code).toBe(2);
    expect(several.rt.annotations[0]?.message).toContain('has 2 stages with uses: command (a, b); name one with the input `stage`');
    const one = await act({ 'andon.yml': cfg }, { stage: 'b' }, 'command');
    expect(one.code, one.rt.text()).toBe(0);
    expect(JSON.parse(one.rt.outputs.get('stages')!).map((s: { state: string }) => s.state)).toEqual(['pending', 'passed']);
  });
});
