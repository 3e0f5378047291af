// Hold the line against the base commit, through the CLI on real repositories with the real tools (ESLint, tsc,
// vitest, a SARIF writer): known problems never block, new ones always do, and no run can bless its own failures.
import { existsSync, readdirSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../src/core/run-record.js';
import { runCli } from '../../helpers/cli.js';
import { goodAndonSpec } from '../spec/helpers.js';
import { flatConfig, git, makeWorkspace, writeFiles } from '../static-analysis/fixture-repo.js';

const IGNORE = 'node_modules\n.andon/runs/\n.andon/cache/\nreports/\n.vite-cache/\n';

async function repo(files: Record<string, string>): Promise<string> {
  const ws = await makeWorkspace({ '.gitignore': IGNORE, ...files });
  git(ws, 'init', '-q', '-b', 'main');
  git(ws, 'config', 'commit.gpgsign', 'false');
  commit(ws, 'base');
  return ws;
}

function commit(ws: string, message: string): string {
  git(ws, 'add', '-A');
  git(ws, 'commit', '-q', '-m', message);
  return git(ws, 'rev-parse', 'HEAD');
}

/** `andon run` as a user runs it: progress on stderr, the serial on stdout; the record read from the store. */
async function run(ws: string, ...args: string[]): Promise<{ code: number; record: RunRecord; stderr: string }> {
  const r = await runCli(['run', ...args], ws);
  const serial = r.stdout.trim();
  if (!/^\S+$/.test(serial)) throw new Error(`andon run printed no serial (exit ${r.code}): ${r.stderr}`);
  const record = JSON.parse(await readFile(path.join(ws, '.andon/runs', serial, 'run.json'), 'utf8')) as RunRecord;
  return { code: r.code, record, stderr: r.stderr };
}

const stage = (r: RunRecord, id: string) => r.stages.find((s) => s.id === id)!;

async function sarifStates(ws: string, serial: string, id: string): Promise<string[]> {
  const log = JSON.parse(await readFile(path.join(ws, '.andon/runs', serial, id, 'findings.sarif'), 'utf8')) as {
    runs: { results: { ruleId: string; baselineState?: string; properties?: { age?: string; inDiff?: boolean }; locations?: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
  };
  return log.runs
    .flatMap((x) => x.results)
    .map((x) => `${x.locations?.[0]?.physicalLocation.artifactLocation.uri}:${x.ruleId}:${x.baselineState ?? x.properties?.age}`)
    .sort();
}

function worktreeCount(ws: string): number {
  return git(ws, 'worktree', 'list', '--porcelain').split('\n').filter((l) => l.startsWith('worktree ')).length;
}

const LINT = `version: 1
line:
  - id: lint
    uses: static-analysis
    with: { eslint: true }
  - id: rules
    uses: templates
`;
const RULES = `version: 1
rules:
  - { id: file-case, kind: naming, message: Source files are kebab-case, files: ["src/**/*.js"], case: kebab }
`;

describe('hold the line against the base commit', () => {
  it('the first pull request after adopting Andon is honest: what the base already had is known, judged at the merge-base', async () => {
    const ws = await repo({ 'andon.yml': LINT, '.andon/templates.yml': RULES, 'eslint.config.js': flatConfig, 'src/old.js': 'const oldUnused = 1;\n', 'src/ok.js': 'export const ok = 1;\n', 'src/BadName.js': 'export const b = 1;\n' });
    const base = git(ws, 'rev-parse', 'HEAD');
    git(ws, 'checkout', '-q', '-b', 'feature');
    await writeFile(path.join(ws, 'src/ok.js'), 'export const ok = 2;\n');
    commit(ws, 'a clean change');

    const first = await run(ws);
    expect(first.code, first.stderr).toBe(0);
    expect(first.record.source.baseSha).toBe(base);
    // The console says from the start which commit "new" is measured against, and how it was found.
    expect(first.stderr).toContain(`run ${first.record.serial} · base ${base.slice(0, 7)} (merge-base of main and HEAD)`);
    expect(stage(first.record, 'lint').reason).toContain(`new against static-analysis judged at the base ${base.slice(0, 7)}`);
    expect(stage(first.record, 'lint').counts).toMatchObject({ unchanged: 1, new: 0 });
    expect(stage(first.record, 'rules').reason).toMatch(/^no new violation; 1 known/);
    expect(first.stderr).toContain(`[lint] baseline: static-analysis at the base ${base.slice(0, 7)}, judged in a temporary worktree`);
    expect(await sarifStates(ws, first.record.serial, 'lint')).toEqual(['src/old.js:no-unused-vars:unchanged']);
    // The worktree is gone: not registered, not in the workspace, not in the store.
    expect(worktreeCount(ws)).toBe(1);
    expect(git(ws, 'status', '--porcelain')).toBe('');
    expect(readdirSync(path.join(ws, '.andon/runs', first.record.serial)).sort()).toEqual(['lint', 'rules', 'run.json']);

    // The next run at the same base takes the judgement from the cache; --no-cache judges the base again.
    await writeFile(path.join(ws, 'src/ok.js'), 'export const ok = 3;\n');
    commit(ws, 'another clean change');
    const cached = await run(ws);
    expect(cached.code).toBe(0);
    expect(cached.stderr).toContain(`[lint] baseline: static-analysis at the base ${base.slice(0, 7)}, judged before (cached)`);
    const fresh = await run(ws, '--no-cache');
    expect(fresh.stderr).toContain('[lint] baseline: static-analysis at the base');
    expect(fresh.stderr).toContain('judged in a temporary worktree');

    // A new problem blocks, named.
    await writeFile(path.join(ws, 'src/ok.js'), 'const introduced = 1;\nexport const ok = 3;\n');
    const broken = await run(ws);
    expect(broken.code).toBe(1);
    expect(stage(broken.record, 'lint').reason).toMatch(/^1 blocking finding\(s\) .*first: src\/ok\.js:1:7 error no-unused-vars/);
    expect(worktreeCount(ws)).toBe(1);
  }, 120_000);

  it('tsc: a change that breaks callers in files it did not touch fails, though the filter is added', async () => {
    const ws = await repo({
      'andon.yml': 'version: 1\nline:\n  - id: types\n    uses: static-analysis\n    with: { tsc: true }\n',
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, noEmit: true, types: [] }, include: ['src'] }),
      'src/lib.ts': 'export function price(net: number): number {\n  return net * 1.2;\n}\n',
      'src/cart.ts': "import { price } from './lib.js';\nexport const total = price(10);\n",
      'src/checkout.ts': "import { price } from './lib.js';\nexport const due = price(20);\n",
    });
    git(ws, 'checkout', '-q', '-b', 'feature');
    await writeFile(path.join(ws, 'src/lib.ts'), 'export function price(net: number, rate: number): number {\n  return net * rate;\n}\n');
    commit(ws, 'price takes a rate');
    const { code, record } = await run(ws);
    expect(code).toBe(1);
    const types = stage(record, 'types');
    expect(types.state).toBe('failed');
    expect(types.reason).toMatch(/^2 blocking finding\(s\) \(failOn error, new only; new against static-analysis judged at the base [0-9a-f]{7}\); first: src\/cart\.ts:2:\d+ error TS2554/);
    expect(types.counts).toMatchObject({ new: 2, outsideDiff: 2 });
    expect(await sarifStates(ws, record.serial, 'types')).toEqual(['src/cart.ts:TS2554:new', 'src/checkout.ts:TS2554:new']);
  }, 120_000);

  it('a base where the tool cannot run makes what is outside the change of unknown age, and says so', async () => {
    const ws = await repo({
      'andon.yml': 'version: 1\nline:\n  - id: types\n    uses: static-analysis\n    with: { tsc: true }\n',
      'src/legacy.ts': 'export const n: number = "not a number";\n',
    });
    git(ws, 'checkout', '-q', '-b', 'adopt-typescript');
    // The change brings the tsconfig: the base has none, so tsc cannot judge it.
    await writeFiles(ws, { 'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, noEmit: true, types: [] }, include: ['src'] }), 'src/fresh.ts': 'export const s: string = 1;\n' });
    commit(ws, 'adopt tsc');
    const { code, record } = await run(ws);
    expect(code).toBe(1);
    const types = stage(record, 'types');
    expect(types.reason).toContain('the base could not be judged (tsc: tsconfig.json does not exist in the workspace): findings outside the change are of unknown age');
    expect(types.reason).toContain('first: src/fresh.ts:1');
    expect(types.counts).toMatchObject({ blocking: 1, unknownAge: 1 });
    expect(await sarifStates(ws, record.serial, 'types')).toEqual(['src/fresh.ts:TS2322:new', 'src/legacy.ts:TS2322:unknown']);
  }, 120_000);

  it('an ingested report: a recorded run of the base tells known from new; without one, the change blocks and the rest is of unknown age', async () => {
    const writer = `// A SARIF writer: every TODO line of src/*.txt is a result.
import { readdirSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
const results = [];
for (const f of readdirSync('src').filter((n) => n.endsWith('.txt')).sort()) {
  readFileSync('src/' + f, 'utf8').split('\\n').forEach((line, i) => {
    if (line.includes('TODO')) results.push({ ruleId: 'todo', level: 'error', message: { text: line.trim() }, locations: [{ physicalLocation: { artifactLocation: { uri: 'src/' + f }, region: { startLine: i + 1 } } }] });
  });
}
mkdirSync('reports', { recursive: true });
writeFileSync('reports/todo.sarif', JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'todo-finder', version: '1.0.0', rules: [{ id: 'todo' }] } }, results }] }));
`;
    const yml = 'version: 1\nline:\n  - id: todo\n    uses: command\n    with: { run: [node, tools/todo.mjs] }\n  - id: lint\n    uses: static-analysis\n    with: { sarif: reports/todo.sarif }\n';
    const ws = await repo({ 'andon.yml': yml, 'tools/todo.mjs': writer, 'src/a.txt': 'one\nTODO old debt\n', 'src/b.txt': 'b\n' });
    git(ws, 'checkout', '-q', '-b', 'feature');
    await writeFile(path.join(ws, 'src/b.txt'), 'b\nTODO new debt\n');
    commit(ws, 'more debt');

    const unknown = await run(ws);
    expect(unknown.code).toBe(1);
    const lint = stage(unknown.record, 'lint');
    expect(lint.reason).toContain('the base could not be judged (an ingested report cannot be made again at the base; only a recorded run of the base commit has its findings)');
    // Said without checking the base out: an ingested report leaves nothing to judge there.
    expect(unknown.stderr).toContain('[lint] baseline: static-analysis cannot be judged at the base');
    expect(unknown.stderr).not.toContain('temporary worktree');
    expect(lint.reason).toContain('first: src/b.txt:2 error todo: TODO new debt');
    expect(lint.counts).toMatchObject({ blocking: 1, unknownAge: 1 });
    expect(await sarifStates(ws, unknown.record.serial, 'lint')).toEqual(['src/a.txt:todo:unknown', 'src/b.txt:todo:new']);

    // A run of the base commit is recorded: the old debt is known now, the new one still blocks.
    git(ws, 'checkout', '-q', 'main');
    expect((await run(ws)).record.source.sha).toBe(git(ws, 'rev-parse', 'HEAD'));
    git(ws, 'checkout', '-q', 'feature');
    const known = await run(ws);
    expect(known.code).toBe(1);
    expect(stage(known.record, 'lint').reason).toMatch(/new against run \S+ of the base [0-9a-f]{7} on main/);
    expect(await sarifStates(ws, known.record.serial, 'lint')).toEqual(['src/a.txt:todo:unchanged', 'src/b.txt:todo:new']);
  }, 120_000);

  it('spec newOnly: what the base had is known; rules the base could not judge (no tests ran there) are of unknown age outside the change', async () => {
    const yml = 'version: 1\nline:\n  - id: spec\n    uses: spec\n    with: { paths: [specs], lexiconAdd: [quickly], failOn: warning, newOnly: true, requireCoverage: all }\n';
    const login = goodAndonSpec.replace('sign in with', 'quickly sign in with');
    const ws = await repo({ 'andon.yml': yml, 'specs/login.md': login });
    git(ws, 'checkout', '-q', '-b', 'feature');
    await writeFile(path.join(ws, 'specs/signup.md'), goodAndonSpec.replace('id: login', 'id: signup').replace('title: Login', 'title: Signup').replace('REQ-1', 'REQ-3').replace('REQ-2', 'REQ-4').replace('sign in with', 'quickly sign up with'));
    commit(ws, 'a signup spec');
    const { code, record } = await run(ws);
    expect(code).toBe(1);
    const states = await sarifStates(ws, record.serial, 'spec');
    // The ambiguity the base had is known; the new one, and the signup requirements nothing covers, are new.
    expect(states.filter((x) => x.includes('ambiguous'))).toEqual(['specs/login.md:spec/ambiguous-wording:unchanged', 'specs/signup.md:spec/ambiguous-wording:new']);
    expect(states.filter((x) => x.includes('uncovered'))).toEqual([
      'specs/login.md:spec/uncovered:unknown',
      'specs/login.md:spec/uncovered:unknown',
      'specs/signup.md:spec/uncovered:new',
      'specs/signup.md:spec/uncovered:new',
    ]);
  }, 120_000);

  it('the line run twice on a commit that broke something fails both times: a regression and an ESLint problem', async () => {
    const yml = `version: 1
line:
  - id: lint
    uses: static-analysis
    blocking: false
    with: { eslint: true }
  - id: unit
    uses: regression
    with:
      command: [node_modules/.bin/vitest, run, --reporter=junit, --outputFile=reports/junit.xml]
      reports: [reports/junit.xml]
`;
    const ws = await repo({
      'andon.yml': yml,
      'eslint.config.js': flatConfig,
      'vitest.config.mjs': "export default { cacheDir: '.vite-cache', test: { include: ['test/**/*.test.js'] } };\n",
      'src/price.js': 'export function price(net) {\n  return net * 2;\n}\n',
      'test/price.test.js': "import { expect, it } from 'vitest';\nimport { price } from '../src/price.js';\nit('doubles', () => expect(price(2)).toBe(4));\n",
    });
    // The base passes and is recorded.
    const good = await run(ws);
    expect(good.code, good.stderr).toBe(0);
    // On main, a commit breaks the test and leaves an unused variable (F841-style).
    await writeFile(path.join(ws, 'src/price.js'), 'export function price(net) {\n  const rate = 3;\n  return net * 3;\n}\n');
    const broken = commit(ws, 'break it');
    for (const args of [[], ['--no-cache'], []]) {
      const again = await run(ws, ...args);
      expect(again.record.source).toMatchObject({ sha: broken, baseSha: good.record.source.sha });
      expect(again.code).toBe(1);
      expect(stage(again.record, 'lint')).toMatchObject({ state: 'failed', reason: expect.stringMatching(/^1 blocking finding\(s\) .*first: src\/price\.js:2:9 error no-unused-vars/) });
      expect(stage(again.record, 'unit')).toMatchObject({ state: 'failed', reason: expect.stringMatching(/^1 regression; first: .*doubles/) });
    }
  }, 180_000);

  it('with no recorded run of the base, a failing test gates as it always did, however often the line runs', async () => {
    const yml = 'version: 1\nline:\n  - id: unit\n    uses: regression\n    with: { command: [node, test.mjs], reports: [reports/junit.xml] }\n';
    const test = "import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';\nconst ok = readFileSync('value.txt', 'utf8').trim() === 'good';\nmkdirSync('reports', { recursive: true });\nwriteFileSync('reports/junit.xml', `<testsuite name=\"s\"><testcase classname=\"c\" name=\"value\">${ok ? '' : '<failure message=\"bad\"/>'}</testcase></testsuite>`);\n";
    const ws = await repo({ 'andon.yml': yml, 'test.mjs': test, 'value.txt': 'good\n' });
    await writeFile(path.join(ws, 'value.txt'), 'bad\n');
    commit(ws, 'break it');
    await rm(path.join(ws, '.andon/runs'), { recursive: true, force: true });
    for (let i = 0; i < 2; i++) {
      const again = await run(ws, '--no-cache');
      expect(again.code).toBe(1);
      expect(stage(again.record, 'unit').state).toBe('failed');
    }
    expect(existsSync(path.join(ws, '.andon/baselines'))).toBe(false);
  }, 120_000);
});
