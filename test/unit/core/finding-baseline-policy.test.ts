// One policy for findings baselines, in a real line on a real repository: every kind with findings
// (static-analysis, templates, spec) compares with a readable baseline and errors on one it cannot read.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { baselineUpdate } from '../../../src/core/baseline-update.js';
import { parseConfig } from '../../../src/core/config.js';
import { readFindingBaseline } from '../../../src/core/finding-baseline.js';
import { runLine } from '../../../src/core/line.js';
import type { RunRecord } from '../../../src/core/run-record.js';
import { FsStore } from '../../../src/core/store.js';
import { defaultRegistry } from '../../../src/stages/index.js';
import { makeRepo, writeFiles } from '../../helpers/git-repo.js';
import { goodAndonSpec } from '../spec/helpers.js';
import { thisProcess } from '../../../src/this-process.js';

const sarif = JSON.stringify({
  $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
  version: '2.1.0',
  runs: [{ tool: { driver: { name: 'lint', rules: [] } }, results: [{ ruleId: 'no-x', level: 'error', message: { text: 'x is bad' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'src/a.ts' }, region: { startLine: 1 } } }] }] }],
});

const rules = 'version: 1\nrules:\n  - { id: file-case, kind: naming, message: Source files are kebab-case, files: ["src/**/*.ts"], case: kebab }\n';

// Every stage non-blocking, so each reaches its own verdict; filter nofilter, so every finding is the change's.
const yml = `version: 1
line:
  - id: lint
    uses: static-analysis
    blocking: false
    with: { sarif: ["r.sarif"], filter: nofilter }
  - id: rules
    uses: templates
    blocking: false
    with: { filter: nofilter, cache: false }
  - id: spec
    uses: spec
    blocking: false
    with: { lexiconAdd: [quickly], failOn: warning, newOnly: true }
`;

async function setup() {
  const ws = await makeRepo({
    'andon.yml': yml,
    'r.sarif': sarif,
    'src/a.ts': 'export const a = 1;\n',
    'src/BadName.ts': 'export const b = 1;\n',
    '.andon/templates.yml': rules,
    'specs/login.md': goodAndonSpec.replace('sign in with', 'quickly sign in with'),
  });
  const registry = defaultRegistry();
  const store = new FsStore(path.join(ws, '.andon/runs'));
  const run = () => runLine({ workspace: ws, config: parseConfig(yml, 'andon.yml', registry), registry, store, env: { PATH: process.env.PATH, HOME: process.env.HOME }, writer: thisProcess() });
  return { ws, store, run };
}

const states = (r: RunRecord) => Object.fromEntries(r.stages.map((s) => [s.id, s.state]));

describe('findings baselines, one policy for every kind', () => {
  it('known findings do not block once committed as the baseline; a baseline that cannot be read errors the stage, naming it and the fix', async () => {
    const { ws, store, run } = await setup();
    const first = await run();
    expect(states(first)).toEqual({ lint: 'failed', rules: 'failed', spec: 'failed' });

    expect((await baselineUpdate(store, ws, { from: first.serial, config: { path: 'andon.yml', digest: '' } })).written.map((w) => w.file).sort()).toEqual(['.andon/baselines/lint.json', '.andon/baselines/rules.json', '.andon/baselines/spec.json']);
    const known = await run();
    expect(states(known)).toEqual({ lint: 'passed', rules: 'passed', spec: 'passed' });

    // Not JSON, and JSON that is not a findings baseline: the same error for each kind.
    await writeFiles(ws, { '.andon/baselines/lint.json': '{"schema": "andon.findings-baseline/v1",', '.andon/baselines/rules.json': '{"entries": 3}', '.andon/baselines/spec.json': '[]' });
    const broken = await run();
    expect(states(broken)).toEqual({ lint: 'errored', rules: 'errored', spec: 'errored' });
    for (const s of broken.stages) {
      expect(s.reason).toContain(`the baseline from .andon/baselines/${s.id}.json is not`);
      expect(s.reason).toContain('andon baseline update');
    }
    expect(broken.stages.find((s) => s.id === 'lint')!.reason).toContain('not valid JSON');
    expect(broken.stages.find((s) => s.id === 'rules')!.reason).toMatch(/not an andon\.findings-baseline\/v1 file \(\/schema: /);
  }, 60_000);

  it('a baseline from a run names the run and says to leave a readable one', async () => {
    const ref = { origin: 'store', description: 'run 20261125T190512345Z-3fa2c1 on main (abc1234)', read: async () => Buffer.from('nope') };
    const read = await readFindingBaseline(ref);
    expect(read.kind).toBe('invalid');
    expect(read.kind === 'invalid' && read.why).toMatch(/^the baseline from run 20261125T190512345Z-3fa2c1 on main \(abc1234\) is not valid JSON .*run the line on the base branch again/);
    expect(await readFindingBaseline(null)).toEqual({ kind: 'none' });
    expect(await readFindingBaseline({ ...ref, read: async () => null })).toEqual({ kind: 'none' });
  });
});
