// Benchmark of the templates stage: a generated 20,000-file repo with 200 units and every rule kind; a full check,
// and a PR touching 10 files (changed scope, import cache warm). Writes bench/results/templates.json.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { templatesStage } from '../src/stages/templates/index.js';
import { TemplatesOptions, type TemplatesOptionsInput } from '../src/stages/templates/options.js';
import { scanSource } from '../src/stages/templates/source-scanner.js';
import { makeStageContext } from '../test/helpers/stage-context.js';
import { median, writeResult, type Target } from './bench-kit.js';

const FILES = 20_000;
const UNITS = 200;
const RUNS = 5;

const RULES = `version: 1
rules:
  - { id: feature-unit, kind: unit, message: "A feature has an index, a service and a test", pattern: "src/features/{name}/", require: [index.ts, "{name}.service.ts", "{name}.test.ts"], allow: ["*.ts", "*.md"] }
  - { id: file-case, kind: naming, message: Files are kebab-case, files: ["src/**"], case: kebab, target: both }
  - { id: no-console, kind: content, message: Use the logger, level: warning, files: ["src/**/*.ts"], forbid: ['console\\.(log|debug)\\(', 'debugger;'] }
  - { id: license, kind: content, message: Every source file has the license header, files: ["src/**/*.ts"], header: "// SPDX-License-Identifier: MIT" }
  - { id: adr, kind: content, message: ADRs follow the template, files: ["docs/adr/*.md"], headings: ["## Context", "## Decision", "## Consequences"] }
  - id: layers
    kind: imports
    message: Layers and entry points
    files: ["src/**/*.ts"]
    cycles: true
    layers: [{ from: ["src/domain/**"], disallow: ["src/infra/**", "src/features/**"] }]
    entryPoints: [{ unit: "src/features/{name}/", entry: [index.ts] }]
  - { id: http, kind: one-way, message: One HTTP client, concern: HTTP, modules: [axios, node-fetch], through: [src/lib/http.ts] }
  - { id: feature-template, kind: template, message: Features keep the template, template: feature, pattern: "src/features/{name}/" }
`;

const HEADER = '// SPDX-License-Identifier: MIT\n';

function libFile(mod: number, k: number, perMod: number): string {
  const lines = [HEADER.trimEnd(), `import { helper } from '../../domain/model-${mod % 50}.js';`];
  if (k + 1 < perMod) lines.push(`import { value${k + 1} } from './file-${k + 1}.js';`);
  if (mod > 0 && k === 0) lines.push(`import { value0 as up } from '../mod-${mod - 1}/file-0.js';`);
  if (k === 3) lines.push(`import { createUnit${mod % UNITS}Service } from '../../features/unit-${mod % UNITS}/index.js';`);
  lines.push(
    '',
    `/** Value ${k} of module ${mod}: a comment with import x from 'nowhere' that the scanner must skip. */`,
    `export const value${k} = (n: number): number => {`,
    "  const s = `template ${n} with require('not-a-module')`;",
    `  return helper(n) + s.length + ${k};`,
    '};',
    '',
    `export function describe${k}(xs: readonly number[]): string {`,
    '  return xs.map((x) => x.toFixed(2)).join(", ");',
    '}',
  );
  if (mod % 97 === 0 && k === 5) lines.push('console.log("debug");');
  return lines.join('\n') + '\n';
}

async function generate(root: string): Promise<{ touchable: string[] }> {
  const files: Record<string, string> = {
    '.andon/templates.yml': RULES,
    '.andon/templates/feature/index.ts': `${HEADER}export { create{name:pascal}Service } from './{name}.service.js';\n`,
    '.andon/templates/feature/{name}.service.ts': `${HEADER}export function create{name:pascal}Service() {\n  return {};\n}\n`,
    '.andon/templates/feature/{name}.test.ts': `${HEADER}import { create{name:pascal}Service } from './{name}.service.js';\nvoid create{name:pascal}Service;\n`,
    '.andon/templates/feature/README.md': '# {name}\n\n## Purpose\n\n## Owners\n',
    'src/lib/http.ts': `${HEADER}import axios from 'axios';\nexport const get = axios.get;\n`,
    'tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@lib/*": ["src/lib/*"] } } }\n',
  };
  for (let u = 0; u < UNITS; u++) {
    const name = `unit-${u}`;
    const pascal = `Unit${u}`;
    const d = `src/features/${name}`;
    files[`${d}/index.ts`] = `${HEADER}export { create${pascal}Service } from './${name}.service.js';\n`;
    files[`${d}/${name}.service.ts`] = `${HEADER}import { get } from '@lib/http';\n${u % 50 === 0 ? "import fetch from 'node-fetch';\n" : ''}export function create${pascal}Service() {\n  return { get };\n}\n`;
    if (u % 40 !== 7) files[`${d}/${name}.test.ts`] = `${HEADER}import { create${pascal}Service } from './${name}.service.js';\nvoid create${pascal}Service;\n`;
    files[`${d}/README.md`] = `# ${name}\n\n## Purpose\n\n${u % 25 === 0 ? '' : '## Owners\n'}`;
  }
  for (let m = 0; m < 50; m++) {
    files[`src/domain/model-${m}.ts`] = `${HEADER}${m === 13 ? "import { x } from '../infra/db.js';\n" : ''}export const helper = (n: number): number => n * ${m};\n`;
  }
  files['src/infra/db.ts'] = `${HEADER}export const x = 1;\n`;
  for (let a = 0; a < 100; a++) files[`docs/adr/${String(a).padStart(4, '0')}-decision.md`] = `# ADR ${a}\n\n## Context\n\nc\n\n## Decision\n\nd\n\n${a % 30 === 0 ? '' : '## Consequences\n\ne\n'}`;
  // A cycle, and a few names in the wrong case.
  files['src/lib/cycle-a.ts'] = `${HEADER}import { b } from './cycle-b.js';\nexport const a = () => b;\n`;
  files['src/lib/cycle-b.ts'] = `${HEADER}import { a } from './cycle-a.js';\nexport const b = () => a;\n`;
  for (let k = 0; k < 5; k++) files[`src/lib/BadName${k}.ts`] = `${HEADER}export const bad${k} = ${k};\n`;
  const rest = FILES - Object.keys(files).length;
  const perMod = 20;
  const mods = Math.ceil(rest / perMod);
  let made = 0;
  for (let m = 0; m < mods && made < rest; m++) {
    for (let k = 0; k < perMod && made < rest; k++, made++) files[`src/modules/mod-${m}/file-${k}.ts`] = libFile(m, k, perMod);
  }
  const dirs = new Set(Object.keys(files).map((f) => path.dirname(path.join(root, f))));
  for (const d of dirs) await mkdir(d, { recursive: true });
  for (const [f, t] of Object.entries(files)) writeFileSync(path.join(root, f), t);
  return { touchable: Object.keys(files).filter((f) => f.startsWith('src/modules/')) };
}

function git(root: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' } }).trim();
}

/** One stage run: wall and CPU (this process) time; the change set is computed inside, as the engine's first stage would. */
async function runOnce(root: string, options: TemplatesOptionsInput, extra: { baselineJson?: unknown; baseSha?: string } = {}, prefetchChanges = false) {
  const ctx = await makeStageContext({ workspace: root, options: TemplatesOptions.parse(options), stageId: 'templates', uses: 'templates', ...extra });
  // The engine computes the change set once per run for every stage; prefetching it measures the stage alone.
  if (prefetchChanges) await ctx.changes();
  const t = performance.now();
  const c = process.cpuUsage();
  const outcome = await templatesStage.run(ctx);
  const u = process.cpuUsage(c);
  return { ms: performance.now() - t, cpuMs: (u.user + u.system) / 1000, outcome };
}

async function main(): Promise<void> {
  const root = await mkdtemp(path.join(tmpdir(), 'andon-bench-templates-'));
  try {
    const tg = performance.now();
    const { touchable } = await generate(root);
    await writeFile(path.join(root, '.gitignore'), '.andon/cache/\n');
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'base');
    const base = git(root, 'rev-parse', 'HEAD');
    const fileCount = Number(git(root, 'ls-files').split('\n').length);
    console.log(`generated ${fileCount} files, ${UNITS} units in ${((performance.now() - tg) / 1000).toFixed(1)} s`);

    // Full check, cold: no cache, every file read and scanned. Warm: the scan and graph caches of an earlier full run.
    const load0 = loadavg()[0]!;
    const coldRuns: { ms: number; cpuMs: number }[] = [];
    let full = await runOnce(root, { scope: 'full', cache: false });
    for (let i = 0; i < RUNS; i++) {
      full = await runOnce(root, { scope: 'full', cache: false });
      coldRuns.push(full);
    }
    const counts = full.outcome.counts as { units: number; violations: number; drift: Record<string, number> };
    // Writes the caches and the baseline a PR run compares against.
    const seed = await runOnce(root, { scope: 'full' });
    const warmRuns: { ms: number; cpuMs: number }[] = [];
    for (let i = 0; i < RUNS; i++) warmRuns.push(await runOnce(root, { scope: 'full' }));

    // Floor: reading every listed file and scanning its imports, nothing else.
    const listed = await glob(['**'], { cwd: root, ignore: ['.git/**', '.andon/**'] });
    const tf = performance.now();
    let imports = 0;
    for (const f of listed) imports += scanSource(readFileSync(path.join(root, f), 'utf8'), f).imports.length;
    const floorMs = performance.now() - tf;

    // The PR: 10 files touched, one new console.log and one new layer violation among them.
    for (const [i, f] of touchable.filter((_, k) => k % 1500 === 1).slice(0, 10).entries()) {
      const abs = path.join(root, f);
      let text = await readFile(abs, 'utf8');
      text += i === 0 ? 'console.log("new");\n' : i === 1 ? "import { x as db } from '../../infra/db.js';\nvoid db;\n" : `export const touched${i} = ${i};\n`;
      await writeFile(abs, text);
    }
    await writeFile(path.join(root, 'src/domain/model-1.ts'), `${HEADER}import { x } from '../infra/db.js';\nexport const helper = (n: number): number => n + x;\n`);
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'pr');
    const prRuns: { ms: number; cpuMs: number }[] = [];
    const prStageRuns: { ms: number; cpuMs: number }[] = [];
    let pr = await runOnce(root, {}, { baselineJson: seed.outcome.baseline, baseSha: base });
    for (let i = 0; i < RUNS; i++) {
      pr = await runOnce(root, {}, { baselineJson: seed.outcome.baseline, baseSha: base });
      prRuns.push(pr);
      prStageRuns.push(await runOnce(root, {}, { baselineJson: seed.outcome.baseline, baseSha: base }, true));
    }
    const load1 = loadavg()[0]!;
    const prResult = pr.outcome.result as { scope: string; importCache: unknown; timings: unknown };
    const prCounts = pr.outcome.counts as { blocking: number; violations: number };
    const prFull = await runOnce(root, { scope: 'full' }, { baselineJson: seed.outcome.baseline, baseSha: base });
    const prFullCounts = prFull.outcome.counts as { blocking: number; violations: number };

    const med = (xs: { ms: number; cpuMs: number }[]) => ({ wallMs: Math.round(median(xs.map((x) => x.ms))), cpuMs: Math.round(median(xs.map((x) => x.cpuMs))) });
    const cold = med(coldRuns);
    const warm = med(warmRuns);
    const prMed = med(prRuns);
    const prStage = med(prStageRuns);
    const targets: Target[] = [
      { name: `full check, ${fileCount} files, ${UNITS} units, every rule kind, no cache`, actual: `${cold.wallMs} ms wall (${cold.cpuMs} ms CPU)`, target: '≤ 2000 ms', pass: cold.wallMs <= 2000 },
      { name: 'full check with the scan and graph caches of an earlier run', actual: `${warm.wallMs} ms wall (${warm.cpuMs} ms CPU)`, target: '≤ 2000 ms', pass: warm.wallMs <= 2000 },
      { name: 'PR touching 10 files, change set included', actual: `${prMed.wallMs} ms wall (${prMed.cpuMs} ms CPU); stage alone ${prStage.wallMs} ms`, target: '≤ 300 ms', pass: prMed.wallMs <= 300 },
      { name: 'PR verdict agrees with a full check of the same change', actual: `${prCounts.blocking}/${prCounts.violations} vs ${prFullCounts.blocking}/${prFullCounts.violations} (blocking/violations)`, target: 'equal', pass: prCounts.blocking === prFullCounts.blocking && prCounts.violations === prFullCounts.violations },
    ];
    writeResult(
      'templates',
      {
        files: fileCount,
        units: UNITS,
        machine: { cpus: cpus().length, loadAverageAtStart: load0, loadAverageAtEnd: load1 },
        fullCold: { ...cold, runs: coldRuns.map((r) => Math.round(r.ms)) },
        fullWarm: { ...warm, runs: warmRuns.map((r) => Math.round(r.ms)) },
        pr: { ...prMed, runs: prRuns.map((r) => Math.round(r.ms)), stageAlone: prStage, scope: prResult.scope, importCache: prResult.importCache, timings: prResult.timings, state: pr.outcome.state, blocking: prCounts.blocking },
        prFullScopeMs: Math.round(prFull.ms),
        floorReadAndScanAllMs: Math.round(floorMs),
        floorImports: imports,
        checked: { units: counts.units, violations: counts.violations, drift: counts.drift },
        peers: 'none measured: no architecture-rule tool (dependency-cruiser, eslint-plugin-boundaries) is installed; the floor is a bare read + import scan of every file in the same process',
      },
      targets,
    );
  } finally {
    // ANDON_BENCH_KEEP=1 keeps the generated repo for profiling.
    if (process.env.ANDON_BENCH_KEEP === '1') console.log(`kept ${root}`);
    else await rm(root, { recursive: true, force: true });
  }
}

await main();
