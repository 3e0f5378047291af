// ESLint's per-file results kept in the stage's tool cache: a run after a one-file change lints that file only, and
// its findings and fingerprints are those of a cold run. A probe rule records every file ESLint really lints.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/core/config.js';
import { runLine } from '../../../src/core/line.js';
import { FsStageCache } from '../../../src/core/stage-cache.js';
import { FsStore } from '../../../src/core/store.js';
import { defaultRegistry } from '../../../src/stages/index.js';
import { staticAnalysisStage } from '../../../src/stages/static-analysis/index.js';
import { StaticAnalysisOptions } from '../../../src/stages/static-analysis/options.js';
import { thisProcess } from '../../../src/this-process.js';
import { makeStageContext, makeTempDir } from '../../helpers/stage-context.js';
import { commitBase, flatConfig, makeWorkspace } from './fixture-repo.js';

/** A flat config whose probe rule appends each linted file to $LINT_LOG (outside the workspace). */
const probeConfig = (extra = '') => `import { appendFileSync } from 'node:fs';
const probe = { meta: { name: 'probe', version: '1.0.0' }, rules: { seen: { meta: { type: 'problem', schema: [] }, create(context) {
  appendFileSync(process.env.LINT_LOG, context.filename + '\\n');
  return {};
} } } };
export default [{
  files: ['**/*.js'],
  languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { console: 'readonly' } },
  plugins: { probe },
  rules: { 'probe/seen': 'error', 'no-unused-vars': 'error', 'no-console': 'warn' },
}];
${extra}`;

const files = {
  'src/a.js': 'const unusedA = 1;\nconsole.log("a");\n',
  'src/b.js': 'export const b = 2;\n',
  'src/c.js': 'const unusedC = 3;\n',
  'lib/d.js': 'export function d() {\n  const unusedD = 4;\n  return 1;\n}\n',
};

async function probe() {
  const log = path.join(await mkdtemp(path.join(tmpdir(), 'andon-lintlog-')), 'linted.txt');
  return {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LINT_LOG: log },
    /** Workspace-relative files linted since the last call. */
    async linted(ws: string): Promise<string[]> {
      const text = await readFile(log, 'utf8').catch(() => '');
      await rm(log, { force: true });
      return text.split('\n').filter(Boolean).map((f) => path.relative(ws, f)).sort();
    },
  };
}

async function lint(ws: string, env: Record<string, string | undefined>, toolCache: string | null, options: Record<string, unknown> = {}) {
  const ctx = await makeStageContext({ workspace: ws, options: StaticAnalysisOptions.parse({ eslint: true, filter: 'nofilter', ...options }), stageId: 'lint', uses: 'static-analysis', env, toolCache });
  const outcome = await staticAnalysisStage.run(ctx);
  return { outcome, log: ctx.logger.text() };
}

describe('ESLint results reused across runs', () => {
  it('after a one-file change only that file is linted, and the findings and fingerprints are a cold run\'s', async () => {
    const ws = await makeWorkspace({ 'eslint.config.js': probeConfig(), ...files });
    const p = await probe();
    const tools = await makeTempDir('andon-tools-');
    const first = await lint(ws, p.env, tools);
    expect(await p.linted(ws)).toEqual(['eslint.config.js', 'lib/d.js', 'src/a.js', 'src/b.js', 'src/c.js']);
    expect(first.log).toContain('per-file results kept for the next run');

    await writeFile(path.join(ws, 'src/b.js'), 'export const b = 2;\nconst unusedB = 5;\n');
    const warm = await lint(ws, p.env, tools);
    expect(await p.linted(ws)).toEqual(['src/b.js']);
    const cold = await lint(ws, p.env, null);
    expect(await p.linted(ws)).toHaveLength(5);
    expect(warm.outcome.findings).toEqual(cold.outcome.findings);
    expect(warm.outcome.findings!.map((f) => `${f.location?.path}:${f.location?.startLine} ${f.ruleId} ${f.fingerprint}`)).toHaveLength(5);
    expect(warm.outcome.state).toBe(cold.outcome.state);
    expect(warm.outcome.counts).toEqual(cold.outcome.counts);

    // Nothing changed: nothing linted, the same findings again.
    const again = await lint(ws, p.env, tools);
    expect(await p.linted(ws)).toEqual([]);
    expect(again.outcome.findings).toEqual(cold.outcome.findings);
  });

  it('a change to the config file, a rule option or the installed packages lints every file again', async () => {
    const ws = await makeWorkspace({ 'eslint.config.js': probeConfig(), 'package-lock.json': '{"lockfileVersion":3}', ...files });
    const p = await probe();
    const tools = await makeTempDir('andon-tools-');
    await lint(ws, p.env, tools);
    await p.linted(ws);

    await writeFile(path.join(ws, 'eslint.config.js'), probeConfig('// a local rule changed its code\n'));
    await lint(ws, p.env, tools);
    expect(await p.linted(ws)).toHaveLength(5);
    await lint(ws, p.env, tools);
    expect(await p.linted(ws)).toEqual([]);

    await writeFile(path.join(ws, 'package-lock.json'), '{"lockfileVersion":3,"packages":{"node_modules/eslint-plugin-x":{"version":"2.0.0"}}}');
    await lint(ws, p.env, tools);
    expect(await p.linted(ws)).toHaveLength(5);
    // Only the entry of the current config and packages is kept.
    expect((await readdir(tools)).filter((n) => n.startsWith('eslint-'))).toHaveLength(1);

    await writeFile(path.join(ws, 'eslint.config.js'), probeConfig().replace("'no-console': 'warn'", "'no-console': 'error'"));
    const stricter = await lint(ws, p.env, tools);
    expect(await p.linted(ws)).toHaveLength(5);
    expect(stricter.outcome.findings!.find((f) => f.ruleId === 'no-console')?.level).toBe('error');
  });

  it('a local rule the config imports (through re-exports, import() and require()) gives the same findings warm as cold after an edit', async () => {
    const ws = await makeWorkspace({
      'eslint.config.mjs': `import local from './eslint-local/plugin.mjs';
export default [{ files: ['**/*.js'], languageOptions: { ecmaVersion: 2022, sourceType: 'module' }, plugins: { local }, rules: { 'local/no-name': 'error' } }];
`,
      'eslint-local/plugin.mjs': "import { rules } from './rules/index.mjs';\nexport default { meta: { name: 'local', version: '1.0.0' }, rules };\n",
      'eslint-local/rules/index.mjs': "export { rules } from './no-name.mjs';\n",
      'eslint-local/rules/no-name.mjs': `import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { forbidden } = require('./forbidden.cjs');
const { prefix } = await import('./words.mjs');
export const rules = { 'no-name': { meta: { type: 'problem', schema: [] }, create(context) {
  return { Identifier(node) { if (node.name === forbidden) context.report({ node, message: prefix + node.name }); } };
} } };
`,
      'eslint-local/rules/forbidden.cjs': "module.exports = { forbidden: 'alpha' };\n",
      'eslint-local/rules/words.mjs': "export const prefix = 'do not name a thing ';\n",
      'src/a.js': 'export const alpha = 1;\nexport const beta = 2;\n',
      'src/b.js': 'export const beta = 3;\n',
    });
    const tools = await makeTempDir('andon-tools-');
    const env = { PATH: process.env.PATH, HOME: process.env.HOME };
    const seen = async (toolCache: string | null) => (await lint(ws, env, toolCache)).outcome.findings!.map((f) => `${f.location?.path}:${f.location?.startLine} ${f.message}`);
    expect(await seen(tools)).toEqual(['src/a.js:1 do not name a thing alpha']);

    // The rule's data two imports deep changes (required), then its words (imported dynamically).
    await writeFile(path.join(ws, 'eslint-local/rules/forbidden.cjs'), "module.exports = { forbidden: 'beta' };\n");
    const warm = await seen(tools);
    expect(warm).toEqual(await seen(null));
    expect(warm).toEqual(['src/a.js:2 do not name a thing beta', 'src/b.js:1 do not name a thing beta']);
    await writeFile(path.join(ws, 'eslint-local/rules/words.mjs'), "export const prefix = 'avoid ';\n");
    expect(await seen(tools)).toEqual(['src/a.js:2 avoid beta', 'src/b.js:1 avoid beta']);
  });

  it('a config whose code is more files than the walk follows keeps no results, rather than keying part of them', async () => {
    const chain = Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`cfg/f${i}.mjs`, i < 500 ? `import './f${i + 1}.mjs';\n` : 'export {};\n']));
    const ws = await makeWorkspace({ 'eslint.config.mjs': `import './cfg/f0.mjs';\n${flatConfig}`, 'src/a.js': 'export const a = 1;\n', ...chain });
    const tools = await makeTempDir('andon-tools-');
    const { outcome, log } = await lint(ws, { PATH: process.env.PATH, HOME: process.env.HOME }, tools);
    expect(outcome.state).toBe('passed');
    expect(log).toContain("eslint: the config's code is more than 500 workspace files, so results are not reused per file");
    expect(await readdir(tools)).toEqual([]);
  });

  it('a config that lints with type information is not reused per file', async () => {
    const tsConfig = `import { appendFileSync } from 'node:fs';
import tseslint from 'typescript-eslint';
const probe = { meta: { name: 'probe', version: '1.0.0' }, rules: { seen: { meta: { type: 'problem', schema: [] }, create(context) {
  appendFileSync(process.env.LINT_LOG, context.filename + '\\n');
  return {};
} } } };
export default [{
  files: ['**/*.ts'],
  languageOptions: { parser: tseslint.parser, parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname } },
  plugins: { probe, '@typescript-eslint': tseslint.plugin },
  rules: { 'probe/seen': 'error', '@typescript-eslint/no-unnecessary-type-assertion': 'error' },
}];
`;
    const ws = await makeWorkspace({
      'eslint.config.js': tsConfig,
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, types: [] }, include: ['src'] }),
      'src/one.ts': 'export const one: number = 1;\n',
      'src/two.ts': 'import { one } from "./one.js";\nexport const two = one as number;\n',
    });
    const p = await probe();
    const tools = await makeTempDir('andon-tools-');
    const first = await lint(ws, p.env, tools);
    expect(first.outcome.findings?.map((f) => f.ruleId)).toEqual(['@typescript-eslint/no-unnecessary-type-assertion']);
    await p.linted(ws);
    // one.ts changes its type: two.ts, unchanged, has no finding any more.
    await writeFile(path.join(ws, 'src/one.ts'), 'export const one: number | string = 1;\n');
    const second = await lint(ws, p.env, tools);
    expect(await p.linted(ws)).toEqual(['src/one.ts', 'src/two.ts']);
    expect(second.outcome.findings).toEqual([]);
    expect(second.log).toContain('lints with type information, so results are not reused per file');
  });

  it('the line keeps the results in the stage cache folder between runs; --no-cache lints everything', async () => {
    const yml = 'version: 1\nline:\n  - id: lint\n    uses: static-analysis\n    with: { eslint: true, filter: nofilter }\n';
    const ws = await makeWorkspace({ 'eslint.config.js': probeConfig(), 'andon.yml': yml, ...files });
    commitBase(ws);
    const p = await probe();
    const registry = defaultRegistry();
    const config = parseConfig(yml, 'andon.yml', registry);
    const store = new FsStore(path.join(ws, '.andon/runs'));
    const run = (cache: FsStageCache | null) => runLine({ workspace: ws, config, registry, store, env: p.env, writer: thisProcess(), cache });
    const cache = new FsStageCache(path.join(ws, '.andon/cache'));

    const first = await run(cache);
    expect(first.stages[0]!.state).toBe('failed');
    expect(await p.linted(ws)).toHaveLength(5);
    expect((await readdir(path.join(ws, '.andon/cache/tools/lint'))).some((n) => /^eslint-[0-9a-f]{16}\.cache$/.test(n))).toBe(true);

    await writeFile(path.join(ws, 'lib/d.js'), 'export function d() {\n  return 1;\n}\n');
    const second = await run(cache);
    expect(await p.linted(ws)).toEqual(['lib/d.js']);
    // The files not linted again keep their findings: 3 in all (d.js's is gone), every one new on the first commit.
    expect(second.stages[0]!.counts).toMatchObject({ findings: { error: 2, warning: 1, new: 3 }, blocking: 2 });

    await writeFile(path.join(ws, 'src/c.js'), 'export const c = 3;\n');
    await run(null);
    expect(await p.linted(ws)).toHaveLength(5);
  });
});
