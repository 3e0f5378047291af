import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseConfig } from '../../../src/core/config.js';
import { runLine } from '../../../src/core/line.js';
import { thisProcess } from '../../../src/this-process.js';
import { stageEnv } from '../../../src/core/stage-env.js';
import type { StageKind } from '../../../src/core/stage-kind.js';
import { FsStore } from '../../../src/core/store.js';
import { defaultRegistry } from '../../../src/stages/index.js';
import { makeRepo } from '../../helpers/git-repo.js';

// What a JavaScript action's process holds on a runner (values shaped like the real ones).
const githubEnv = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  GITHUB_ACTIONS: 'true',
  GITHUB_REPOSITORY: 'acme/shop',
  ACTIONS_RUNTIME_TOKEN: 'eyJhbGciOiJSUzI1NiJ9.runtime.token',
  ACTIONS_RESULTS_URL: 'https://results-receiver.actions.githubusercontent.com/',
  ACTIONS_CACHE_URL: 'https://artifactcache.actions.githubusercontent.com/abc/',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-request-token',
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://pipelines.actions.githubusercontent.com/oidc',
  'INPUT_GITHUB-TOKEN': 'ghs_actiontokenactiontokenactiontoken01',
  INPUT_STAGE: 'unit',
  // What a job commonly hands its steps by name: the job's token for the gh CLI, and setup-node's registry token.
  GITHUB_TOKEN: 'ghs_jobtokenjobtokenjobtokenjobtoken0001',
  GH_TOKEN: 'ghs_jobtokenjobtokenjobtokenjobtoken0001',
  GH_ENTERPRISE_TOKEN: 'ghs_enterprisetokenenterprisetoken0001',
  NODE_AUTH_TOKEN: 'npm_registrytokenregistrytoken000001',
  NPM_TOKEN: 'npm_usersownsecretusersownsecret0001',
};
const withheld = ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RESULTS_URL', 'ACTIONS_CACHE_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST_URL', 'INPUT_GITHUB-TOKEN', 'INPUT_STAGE', 'GITHUB_TOKEN', 'GH_TOKEN', 'GH_ENTERPRISE_TOKEN', 'NODE_AUTH_TOKEN'];

// A stage that writes the environment it was given to a file of the workspace (read raw: logs are masked).
const dumpEnv = (file: string) => `[${JSON.stringify(process.execPath)}, "-e", ${JSON.stringify(`require('fs').writeFileSync(${JSON.stringify(file)}, JSON.stringify(process.env))`)}]`;

async function envSeenBy(yml: string, registry = defaultRegistry()) {
  const ws = await makeRepo({ 'andon.yml': yml });
  const config = parseConfig(yml, 'andon.yml', registry);
  const record = await runLine({ workspace: ws, config, registry, store: new FsStore(path.join(ws, '.andon/runs')), env: githubEnv, writer: thisProcess() });
  const read = async (f: string) => JSON.parse(await readFile(path.join(ws, f), 'utf8')) as Record<string, string>;
  return { record, read };
}

describe('the environment of a stage', () => {
  it('holds none of the runner credentials, and everything else, in a real command stage', async () => {
    const { record, read } = await envSeenBy(`version: 1\nline:\n  - id: dump\n    uses: command\n    with: { run: ${dumpEnv('env.json')} }\n`);
    expect(record.verdict).toBe('passed');
    const seen = await read('env.json');
    for (const name of withheld) expect(seen, name).not.toHaveProperty(name);
    // A user's own secret and the rest of the job's environment still reach the stage.
    expect(seen).toMatchObject({ NPM_TOKEN: githubEnv.NPM_TOKEN, GITHUB_REPOSITORY: 'acme/shop', GITHUB_ACTIONS: 'true' });
  });

  it('gives a stage the withheld variables it names in passEnv, and no others', async () => {
    const yml = `version: 1\nline:\n  - id: dump\n    uses: command\n    passEnv: [ACTIONS_ID_TOKEN_REQUEST_TOKEN, ACTIONS_ID_TOKEN_REQUEST_URL]\n    with: { run: ${dumpEnv('env.json')} }\n  - id: other\n    uses: command\n    with: { run: ${dumpEnv('other.json')} }\n`;
    const { read } = await envSeenBy(yml);
    const seen = await read('env.json');
    expect(seen.ACTIONS_ID_TOKEN_REQUEST_TOKEN).toBe('oidc-request-token');
    expect(seen.ACTIONS_ID_TOKEN_REQUEST_URL).toBe(githubEnv.ACTIONS_ID_TOKEN_REQUEST_URL);
    expect(seen).not.toHaveProperty('ACTIONS_RUNTIME_TOKEN');
    expect(seen).not.toHaveProperty('INPUT_GITHUB-TOKEN');
    expect(await read('other.json')).not.toHaveProperty('ACTIONS_ID_TOKEN_REQUEST_TOKEN');
  });

  it('is what a process gets when a stage kind passes no env of its own, and what the kind sees in ctx.env', async () => {
    let ctxEnv: Record<string, string | undefined> = {};
    const bare: StageKind<{ file: string }> = {
      name: 'bare',
      description: 'runs a process without choosing its environment',
      options: z.object({ file: z.string() }),
      inputs: async () => null,
      async run(ctx) {
        ctxEnv = { ...ctx.env };
        const res = await ctx.runner.run([process.execPath, '-e', `require('fs').writeFileSync(${JSON.stringify(ctx.options.file)}, JSON.stringify(process.env))`], { cwd: ctx.workspace });
        return { state: res.exitCode === 0 ? 'passed' : 'failed', reason: 'ran' };
      },
    };
    const registry = defaultRegistry();
    registry.register(bare);
    const { read } = await envSeenBy('version: 1\nline:\n  - id: b\n    uses: bare\n    with: { file: bare.json }\n', registry);
    const seen = await read('bare.json');
    expect(seen).not.toHaveProperty('ACTIONS_RUNTIME_TOKEN');
    expect(seen).not.toHaveProperty('INPUT_GITHUB-TOKEN');
    expect(seen.NPM_TOKEN).toBe(githubEnv.NPM_TOKEN);
    expect(ctxEnv).not.toHaveProperty('ACTIONS_RESULTS_URL');
  });

  it('is built by one function: ACTIONS_*, INPUT_* and the token variables out (whatever their case), passEnv back in', () => {
    expect(stageEnv({ A: '1', ACTIONS_X: '2', actions_y: '3', INPUT_Z: '4', INPUTS: '5' }, ['INPUT_Z'])).toEqual({ A: '1', INPUT_Z: '4', INPUTS: '5' });
    const tokens = { GITHUB_TOKEN: 't', GH_TOKEN: 't', GITHUB_ENTERPRISE_TOKEN: 't', gh_enterprise_token: 't', NODE_AUTH_TOKEN: 't' };
    // Names that only contain a withheld one are the user's own and pass.
    const own = { MY_GITHUB_TOKEN: 'u', GITHUB_TOKENS: 'u', GH_TOKEN_FILE: 'u', NODE_AUTH_TOKEN_X: 'u', GITHUB_REPOSITORY: 'u' };
    expect(stageEnv({ ...tokens, ...own })).toEqual(own);
    expect(stageEnv({ ...tokens, ...own }, ['GH_TOKEN'])).toEqual({ GH_TOKEN: 't', ...own });
  });

  it('refuses a passEnv that names a variable every stage gets anyway, naming the withheld ones', () => {
    const yml = 'version: 1\nline:\n  - id: a\n    uses: command\n    passEnv: [NPM_TOKEN]\n    with: { run: ["true"] }\n';
    expect(() => parseConfig(yml, 'andon.yml', defaultRegistry())).toThrow(/passEnv names a variable stages do not get by default \(ACTIONS_\*, INPUT_\*, GITHUB_TOKEN, GH_TOKEN, .*NODE_AUTH_TOKEN\)/);
    expect(() => parseConfig(yml.replace('NPM_TOKEN', 'GITHUB_TOKEN'), 'andon.yml', defaultRegistry())).not.toThrow();
  });
});
