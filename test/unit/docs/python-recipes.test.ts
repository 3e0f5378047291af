// The README's Python walkthrough and recipes, run for real: each andon.yml on a temporary git repository with
// ruff, pytest and mypy (installed by .ci/run; missing under CI=true is a failure, not a skip).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { gitIn, makeRepo, writeFiles } from '../../helpers/git-repo.js';
import { offlineNpmEnv, packAndon } from '../../helpers/pack-andon.js';

const root = path.resolve(import.meta.dirname, '../../..');
const readme = await readFile(path.join(root, 'README.md'), 'utf8');

/** The fenced block that follows `<!-- <marker> -->` in the README. */
function block(marker: string): string {
  const m = new RegExp(`<!-- ${marker} -->\\n\`\`\`[a-z]*\\n([\\s\\S]*?)\`\`\``).exec(readme);
  if (!m) throw new Error(`README.md has no block marked <!-- ${marker} -->`);
  return m[1]!;
}

function has(cmd: string, args: string[]): boolean {
  return spawnSync(cmd, args, { encoding: 'utf8' }).status === 0;
}
const tools = { ruff: has('ruff', ['--version']), mypy: has('mypy', ['--version']), pytest: has('python3', ['-m', 'pytest', '--version']) };
const missing = Object.entries(tools).filter(([, ok]) => !ok).map(([t]) => t);
if (missing.length > 0 && process.env.CI === 'true') {
  throw new Error(`${missing.join(', ')} not on PATH: .ci/run installs ruff, pytest and mypy into .ci-venv and puts its bin on PATH`);
}

/** A small clean Python project: ruff and mypy find nothing, pytest passes. `fix = true` is the trap --no-fix avoids. */
const PROJECT: Record<string, string> = {
  'pyproject.toml': '[project]\nname = "shop"\nversion = "0.1.0"\n\n[tool.ruff]\nfix = true\n\n[tool.pytest.ini_options]\npythonpath = ["src"]\n',
  'src/shop/__init__.py': '',
  'src/shop/prices.py': 'def total(prices: list[float]) -> float:\n    return sum(prices)\n',
  'tests/test_prices.py': 'from shop.prices import total\n\n\ndef test_total() -> None:\n    assert total([1.0, 2.0]) == 3.0\n',
};

async function project(config: string, extra: Record<string, string> = {}): Promise<string> {
  return makeRepo({ ...PROJECT, ...extra, 'andon.yml': config, '.gitignore': '.andon/runs/\n.andon/cache/\nreports/\n' }, 'andon-recipe-');
}

/** A branch with the change committed on it, so the line judges it against main. */
async function change(repo: string, files: Record<string, string>): Promise<void> {
  gitIn(repo, 'checkout', '-q', '-b', 'change');
  await writeFiles(repo, files);
  gitIn(repo, 'add', '-A');
  gitIn(repo, 'commit', '-q', '-m', 'change');
}

interface Record_ {
  verdict: string;
  stages: { id: string; state: string; reason: string }[];
}

async function line(repo: string, PATH = process.env.PATH): Promise<{ code: number; record: Record_; stderr: string; serial: string }> {
  const r = await runCli(['run'], repo, { PATH });
  const serial = r.stdout.trim();
  const record = JSON.parse(await readFile(path.join(repo, '.andon/runs', serial, 'run.json'), 'utf8')) as Record_;
  return { code: r.code, record, stderr: r.stderr, serial };
}

const states = (r: Record_) => r.stages.map((s) => `${s.id}:${s.state}`);

/**
 * After a run on the change (the caller's), the line on main, where the tool writes main's report into the
 * (git-ignored) reports/ folder, then on the change again: the tool's stage is reused from the stage cache, and the
 * gate must judge the change's report, written back from that result, not main's left in the folder.
 */
async function backAndForth(repo: string): Promise<Record_> {
  gitIn(repo, 'checkout', '-q', 'main');
  const onMain = (await line(repo)).record;
  expect(onMain.stages[0]!.state).toBe('passed');
  gitIn(repo, 'checkout', '-q', 'change');
  return (await line(repo)).record;
}

async function sarifResults(repo: string, serial: string, stage: string): Promise<{ ruleId: string; line?: number; inDiff?: boolean; baselineState: string }[]> {
  const log = JSON.parse(await readFile(path.join(repo, '.andon/runs', serial, stage, 'findings.sarif'), 'utf8')) as { runs: { results: { ruleId: string; baselineState: string; properties?: { inDiff?: boolean }; locations?: { physicalLocation: { region?: { startLine?: number } } }[] }[] }[] };
  return log.runs.flatMap((run) => run.results.map((x) => ({ ruleId: x.ruleId, line: x.locations?.[0]?.physicalLocation.region?.startLine, inDiff: x.properties?.inDiff, baselineState: x.baselineState })));
}

describe.skipIf(missing.length > 0)('README recipes for Python, with the real tools', () => {
  it('ruff: a new finding in the change blocks, a known one outside it does not, and fix = true never edits the source', async () => {
    const known = 'import os\n\n\ndef total(prices: list[float]) -> float:\n    return sum(prices)\n';
    const repo = await project(block('recipe: ruff'), { 'src/shop/prices.py': known });
    const added = `${known}\n\ndef discount(price: float) -> float:\n    unused = 0.1\n    return price\n`;
    await change(repo, { 'src/shop/prices.py': added });
    const r = await line(repo);
    expect(states(r.record)).toEqual(['ruff:passed', 'lint:failed']);
    expect(r.code).toBe(1);
    const found = await sarifResults(repo, r.serial, 'lint');
    expect(found.map((f) => `${f.ruleId}:${f.line}:${f.inDiff}`).sort()).toEqual(['F401:1:false', 'F841:9:true']);
    expect(await readFile(path.join(repo, 'src/shop/prices.py'), 'utf8')).toBe(added);
    // Reused, the ruff stage writes its report back: the new F841 still blocks.
    const again = await backAndForth(repo);
    expect(states(again)).toEqual(['ruff:reused', 'lint:failed']);
    expect(again.stages[0]!.reason).toContain('outputs restored: 1 written');
    expect(again.stages[1]!.reason).toContain('F841');
  });

  it('pytest: passing tests pass the gate, a failing test stops the line naming it', async () => {
    const repo = await project(block('recipe: pytest'));
    const ok = await line(repo);
    expect(states(ok.record)).toEqual(['tests:passed']);
    await change(repo, { 'src/shop/prices.py': 'def total(prices: list[float]) -> float:\n    return sum(prices) + 1\n' });
    const bad = await line(repo);
    expect(bad.code).toBe(1);
    expect(states(bad.record)).toEqual(['tests:failed']);
    expect(bad.record.stages[0]!.reason).toContain('test_total');
  });

  it('mypy as a command gate: a type error stops the line', async () => {
    const repo = await project(block('recipe: mypy'));
    expect(states((await line(repo)).record)).toEqual(['types:passed']);
    await change(repo, { 'src/shop/prices.py': 'def total(prices: list[float]) -> str:\n    return sum(prices)\n' });
    const bad = await line(repo);
    expect(bad.code).toBe(1);
    expect(states(bad.record)).toEqual(['types:failed']);
  });

  it('mypy through the documented SARIF conversion: only the type error the change adds blocks', async () => {
    const known = 'def total(prices: list[float]) -> str:\n    return sum(prices)\n';
    const repo = await project(block('recipe: mypy-sarif'), { 'tools/mypy_sarif.py': block('recipe-file: tools/mypy_sarif.py'), 'src/shop/prices.py': known });
    await change(repo, { 'src/shop/cart.py': 'def count(items: list[str]) -> int:\n    return ",".join(items)\n' });
    const r = await line(repo);
    expect(states(r.record)).toEqual(['mypy:passed', 'types:failed']);
    const found = await sarifResults(repo, r.serial, 'types');
    expect(found.map((f) => `${f.ruleId}:${f.line}:${f.inDiff}`).sort()).toEqual(['return-value:2:false', 'return-value:2:true']);
    expect(r.record.stages[1]!.reason).toContain('src/shop/cart.py');
    const again = await backAndForth(repo);
    expect(states(again)).toEqual(['mypy:reused', 'types:failed']);
    expect(again.stages[0]!.reason).toContain('outputs restored: 1 written');
    expect(again.stages[1]!.reason).toContain('src/shop/cart.py');
  });

  it('mypy through the SARIF conversion: a missing mypy, or one that cannot check, fails the line instead of passing an empty report', async () => {
    const repo = await project(block('recipe: mypy-sarif'), { 'tools/mypy_sarif.py': block('recipe-file: tools/mypy_sarif.py') });
    // The PATH without the folders that hold mypy: python3 and the shell's tools are still found.
    const noMypy = (process.env.PATH ?? '').split(path.delimiter).filter((d) => d && !existsSync(path.join(d, 'mypy'))).join(path.delimiter);
    expect(spawnSync('bash', ['-c', 'command -v mypy'], { env: { PATH: noMypy } }).status).not.toBe(0);
    const missing = await line(repo, noMypy);
    expect(missing.code).toBe(1);
    expect(states(missing.record)).toEqual(['mypy:failed', 'types:skipped']);
    expect(missing.record.stages[0]!.reason).toContain('code 127');
    // mypy crashes (exit 2) on a plugin it cannot load.
    await writeFile(path.join(repo, 'pyproject.toml'), `${PROJECT['pyproject.toml']}\n[tool.mypy]\nplugins = ["no_such_plugin"]\n`);
    const crashed = await line(repo);
    expect(states(crashed.record)).toEqual(['mypy:failed', 'types:skipped']);
    expect(crashed.record.stages[0]!.reason).toContain('code 2');
  });

  it('the Python files the README gives pass ruff (with E501 at 88 columns) and mypy --strict', async () => {
    const files = [...readme.matchAll(/<!-- recipe-file: (\S+\.py) -->/g)].map((m) => m[1]!);
    expect(files).toContain('tools/mypy_sarif.py');
    const repo = await makeRepo(Object.fromEntries(files.map((f) => [f, block(`recipe-file: ${f}`)])), 'andon-recipe-files-');
    const ruff = spawnSync('ruff', ['check', '--isolated', '--no-cache', '--extend-select', 'E501', ...files], { cwd: repo, encoding: 'utf8' });
    expect(ruff.status, ruff.stdout).toBe(0);
    const mypy = spawnSync('mypy', ['--strict', '--no-incremental', ...files], { cwd: repo, encoding: 'utf8' });
    expect(mypy.status, mypy.stdout).toBe(0);
  });

  it('a mixed Python and TypeScript repository: every stage passes, then a layer broken across languages stops the line', async () => {
    const repo = await makeRepo(
      {
        'andon.yml': block('recipe: mixed'),
        '.gitignore': '.andon/runs/\n.andon/cache/\nreports/\nnode_modules\n',
        'pyproject.toml': '[project]\nname = "api"\nversion = "0.1.0"\n\n[tool.pytest.ini_options]\npythonpath = ["."]\n',
        'api/__init__.py': '',
        // A type-only import of the CLI from the core would already break the layer (types couple layers too): the core
        // starts clean, so the first run holds nothing against it.
        'api/core/__init__.py': 'def price(options: object | None = None) -> int:\n    return 3\n',
        'api/cli/__init__.py': '',
        'api/cli/main.py': 'from api.core import price\n\n\nclass Options:\n    pass\n\n\ndef run() -> int:\n    return price()\n',
        'api/test_core.py': 'from api.core import price\n\n\ndef test_price() -> None:\n    assert price() == 3\n',
        'web/tsconfig.json': '{ "compilerOptions": { "strict": true, "noEmit": true, "module": "nodenext", "target": "es2022" }, "include": ["*.ts"] }\n',
        'web/cart-view.ts': "import { format } from './money-format.js';\nexport const view = (n: number): string => format(n);\n",
        'web/money-format.ts': 'export const format = (n: number): string => n.toFixed(2);\n',
      },
      'andon-mixed-',
    );
    // The workspace's own TypeScript, as the static-analysis stage expects: this checkout's.
    await symlink(path.join(root, 'node_modules'), path.join(repo, 'node_modules'));
    const ok = await line(repo);
    expect(states(ok.record), ok.record.stages.map((s) => s.reason).join('\n')).toEqual(['conventions:passed', 'ruff:passed', 'lint:passed', 'api-tests:passed']);
    await change(repo, { 'api/core/__init__.py': 'from api.cli.main import Options\n\n\ndef price(options: Options | None = None) -> int:\n    return 3\n' });
    const bad = await line(repo);
    expect(bad.code).toBe(1);
    expect(states(bad.record)).toEqual(['conventions:failed', 'ruff:skipped', 'lint:skipped', 'api-tests:skipped']);
    expect(bad.record.stages[0]!.reason).toContain('2 new violations; first: api/cli/main.py:1 import cycle: api/cli/main.py → api/core/__init__.py → api/cli/main.py');
    const log = await readFile(path.join(repo, '.andon/runs', bad.serial, 'conventions/findings.sarif'), 'utf8');
    expect(log).toContain('api/core/__init__.py imports \\"api.cli.main.Options\\" (api/cli/main.py), which matches api/cli/**, web/**');
  });
});

describe.skipIf(missing.length > 0)("the README's Python walkthrough", () => {
  it('runs as written, through npx --package with the packed tarball, in a repository with no package.json', async () => {
    const tgz = await packAndon();
    const repo = await project('version: 1\nline: []\n');
    gitIn(repo, 'rm', '-q', 'andon.yml', '.gitignore');
    gitIn(repo, 'commit', '-q', '-m', 'no andon yet');
    const script = block('test: python-walkthrough').replaceAll('npx --yes --package=andon andon', `npx --yes --package=${tgz} andon`);
    expect(script).toContain(tgz);
    const r = spawnSync('bash', ['-euo', 'pipefail', '-c', script], { cwd: repo, env: await offlineNpmEnv(), encoding: 'utf8' });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    const serial = r.stdout.split('\n')[0]!.trim();
    const record = JSON.parse(await readFile(path.join(repo, '.andon/runs', serial, 'run.json'), 'utf8')) as Record_;
    expect(states(record)).toEqual(['ruff:passed', 'lint:passed', 'tests:passed']);
    expect(r.stdout).toContain(serial);
    const left = await readdir(repo);
    expect(left).not.toContain('package.json');
    expect(left).not.toContain('node_modules');
    // What the runs wrote is ignored: only the line's own files are there to commit.
    const untracked = execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: repo, encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(untracked).toContain('?? andon.yml');
    expect(untracked.filter((l) => l.includes('.andon/') || l.includes('reports/'))).toEqual([]);
  });
});
