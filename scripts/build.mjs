// Writes the action metadata generated from the stage registry, bundles the CLI and every action entry into
// dist/ (ESM, code split so heavy clients load lazily), then regenerates the JSON Schemas in schemas/ from the zod schemas.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { writeActionFiles } from './action-files.mjs';
import { buildReportPage } from './report-page.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const schemasOnly = process.argv.includes('--schemas-only');
// Tests build into a folder of their own (--outdir), so parallel test runs never race on dist/.
const outdirArg = process.argv.find((a) => a.startsWith('--outdir='));
const outdir = outdirArg ? path.resolve(outdirArg.slice('--outdir='.length)) : path.join(root, 'dist');

// Tests build into a folder of their own and check the generated files rather than write them.
if (!outdirArg && !schemasOnly) await writeActionFiles(root);

const entryPoints = { cli: path.join(root, 'src/cli/index.ts') };
const entriesDir = path.join(root, 'src/github/entries');
if (existsSync(entriesDir)) {
  for (const f of readdirSync(entriesDir).sort()) {
    if (f.endsWith('.ts')) entryPoints[f.slice(0, -3)] = path.join(entriesDir, f);
  }
}

// `import { z } from 'zod'` keeps all of zod (its locales too) in the bundle; the namespace form lets
// esbuild drop what is unused, which cuts start-up time.
const zodNamespace = {
  name: 'zod-namespace',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      return { contents: text.replace(/import\s*\{\s*z\s*\}\s*from\s*'zod';/g, "import * as z from 'zod';"), loader: 'ts' };
    });
  },
};

if (!schemasOnly) {
  // The report page's script and style, inlined into the (lazily loaded) report chunk: dist/ runs without node_modules.
  const page = await buildReportPage();
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    chunkNames: 'chunks/[name]-[hash]',
    legalComments: 'none',
    logLevel: 'warning',
    // Bundled CommonJS dependencies (the Azure and Actions clients) call require().
    banner: { js: "import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);" },
    define: { __ANDON_VERSION__: JSON.stringify(pkg.version), __ANDON_REPORT_SCRIPT__: JSON.stringify(page.script), __ANDON_REPORT_STYLE__: JSON.stringify(page.style) },
    plugins: [zodNamespace],
    // yaml's ES module build: scope-hoisted and tree-shaken, where its CommonJS build wraps and runs all 72 modules at start-up.
    alias: { yaml: path.join(root, 'node_modules/yaml/browser/dist/index.js') },
  });
  // The process the static-analysis stage runs ESLint and tsc in: one file of its own beside the bundle, found there at
  // run time, loading nothing but itself before the workspace's ESLint or TypeScript.
  await build({
    entryPoints: [path.join(root, 'src/stages/static-analysis/tool-child.ts')],
    outfile: path.join(outdir, 'tool-child.js'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    legalComments: 'none',
    logLevel: 'warning',
  });
}

if (outdirArg) process.exit(0);
mkdirSync(path.join(root, 'schemas'), { recursive: true });
for (const which of ['config', 'run']) {
  const json = execFileSync(process.execPath, [path.join(root, 'dist/cli.js'), 'schema', which], { encoding: 'utf8' });
  writeFileSync(path.join(root, 'schemas', which === 'config' ? 'andon.schema.json' : 'run.schema.json'), json);
}
