import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import unicorn from 'eslint-plugin-unicorn';

const root = import.meta.dirname;

/**
 * The layers of src/ (DESIGN.md "Layout"): which layer a file belongs to. A stage kind is its own layer, so
 * stages never import each other; the registry (src/stages/index.ts) is the one file that knows them all.
 */
function layerOf(file) {
  const rel = path.relative(root, file).split(path.sep).join('/');
  if (!rel.startsWith('src/')) return null;
  const parts = rel.slice(4).split('/');
  if (parts.length === 1) return parts[0] === 'version.ts' ? 'version' : 'entry-support';
  if (parts[0] === 'stages') return parts.length === 2 ? 'registry' : `stage:${parts[1]}`;
  return parts[0];
}

/** What each layer may import, and why not the rest. `stage:*` means any stage kind. */
const ALLOWED = {
  version: [],
  core: ['core', 'version'],
  registry: ['core', 'stage:*'],
  report: ['core', 'report', 'version'],
  github: ['core', 'registry', 'stage:*', 'report', 'github', 'entry-support', 'version'],
  cli: ['core', 'registry', 'stage:*', 'report', 'cli', 'entry-support', 'version'],
  'entry-support': ['core', 'version'],
};
/** The edges from the CLI into src/github: REST lookups (a GitHub serial, a repository's recorded runs), loaded on demand. */
const CLI_INTO_GITHUB = new Set(['src/github/trace.ts', 'src/github/remote-runs.ts']);

function allowed(from, to, target) {
  if (from === to) return true;
  if (from === 'cli' && to === 'github') return CLI_INTO_GITHUB.has(target);
  const list = from.startsWith('stage:') ? ['core', 'version'] : (ALLOWED[from] ?? []);
  return list.includes(to) || (to.startsWith('stage:') && list.includes('stage:*'));
}

const layers = {
  meta: { type: 'problem', schema: [], messages: { edge: '{{from}} may not import {{to}} ({{target}}): {{why}}' } },
  create(context) {
    const from = layerOf(context.filename);
    if (!from) return {};
    const check = (source) => {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const spec = source.value;
      if (spec.startsWith('@actions/')) {
        if (from !== 'github') context.report({ node: source, messageId: 'edge', data: { from, to: '@actions/*', target: spec, why: 'only src/github imports @actions/*' } });
        return;
      }
      if (!spec.startsWith('.')) return;
      const abs = path.resolve(path.dirname(context.filename), spec).replace(/\.js$/, '.ts');
      const to = layerOf(abs);
      if (!to) return;
      const target = path.relative(root, abs).split(path.sep).join('/');
      if (allowed(from, to, target)) return;
      const why = from === 'core' ? 'the engine is the bottom layer' : from.startsWith('stage:') ? 'a stage imports only src/core and its own folder' : `${from} sits below ${to}`;
      context.report({ node: source, messageId: 'edge', data: { from, to, target, why } });
    };
    return {
      ImportDeclaration: (n) => check(n.source),
      ExportNamedDeclaration: (n) => check(n.source),
      ExportAllDeclaration: (n) => check(n.source),
      ImportExpression: (n) => check(n.source),
    };
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'examples/demo/repo/**', 'examples/demo/fix/**', 'test/fixtures/**', 'coverage/**', '.andon/**', '.ci-venv/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { unicorn },
    rules: {
      'unicorn/filename-case': ['error', { case: 'kebabCase' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // The layering of DESIGN.md, enforced: core imports no stage, report, github or cli; a stage imports only
    // core and its own folder; only src/github imports @actions/*; the CLI reaches src/github only for the REST trace.
    files: ['src/**/*.ts'],
    plugins: { andon: { rules: { layers } } },
    rules: { 'andon/layers': 'error' },
  },
  {
    files: ['src/core/**/*.ts', 'src/stages/**/*.ts', 'src/report/**/*.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-properties': ['error', { object: 'process', property: 'exit', message: 'only src/cli and the action entries exit' }],
      'no-restricted-globals': ['error', { name: 'process', message: 'the engine, the stages and the renderers are given env, clock, runner and logger; only src/cli and src/github entries read `process`' }],
    },
  },
  {
    // Functions read as their steps. Not for the two scanners, where a long loop is the fast form, nor (yet) the
    // regression and templates stages.
    files: ['src/core/**/*.ts', 'src/cli/**/*.ts', 'src/github/**/*.ts', 'src/report/**/*.ts', 'src/stages/spec/**/*.ts', 'src/stages/static-analysis/**/*.ts'],
    ignores: ['src/core/script-scanner.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 120, IIFEs: true }] },
  },
  {
    // The default process environment of child processes; passing the stage's env in is under way.
    files: ['src/core/process-runner.ts'],
    rules: { 'no-restricted-globals': 'off' },
  },
  {
    // The entry of the process that runs ESLint and tsc for the static-analysis stage: a process of its own.
    files: ['src/stages/static-analysis/tool-child.ts'],
    rules: { 'no-restricted-globals': 'off', 'no-restricted-properties': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', Buffer: 'readonly' } },
  },
);
