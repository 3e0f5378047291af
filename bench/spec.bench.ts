// Spec stage figures: 1,000 generated specs (mixed formats) validated in-process, the same 1,000 OpenSpec specs
// against the OpenSpec CLI's own `validate --all --strict` (wall, fresh processes, same run), and corpus parity.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { makeStageContext } from '../test/helpers/stage-context.js';
import { SpecOptions, specStage } from '../src/stages/spec/index.js';
import { treeFile, validateOpenSpecTree, type TreeFile } from '../src/stages/spec/openspec-validate.js';
import { median, repoRoot, samples, writeResult, type Target } from './bench-kit.js';

const FILES = 1000;
const root = mkdtempSync(path.join(tmpdir(), 'andon-spec-bench-'));

function put(base: string, rel: string, text: string): void {
  const abs = path.join(base, rel);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, text);
}

/** An OpenSpec main spec; every 20th one carries a defect OpenSpec's strict mode rejects. */
function openSpecMain(i: number): string {
  const defect = i % 20;
  const purpose = defect === 7 ? 'Too short.' : `Capability ${i} lets operators manage widget ${i} across every environment, with audit and rollback.`;
  const reqs: string[] = [];
  for (let r = 0; r < 4; r++) {
    const keyword = defect === 3 && r === 2 ? 'does' : 'SHALL';
    const scenarios = defect === 11 && r === 1 ? '' : `#### Scenario: Happy path ${r}\n- **WHEN** the operator asks for widget ${i}.${r}\n- **THEN** the system returns it within 200 ms\n\n#### Scenario: Missing ${r}\n- **WHEN** widget ${i}.${r} does not exist\n- **THEN** the system answers 404\n`;
    reqs.push(`### Requirement: Widget ${i} operation ${r}\nThe system ${keyword} perform operation ${r} on widget ${i} and record it in the audit log.\n\n${scenarios}`);
  }
  return `# cap-${i} Specification\n\n## Purpose\n${purpose}\n\n## Requirements\n${reqs.join('\n')}`;
}

function andonSpec(i: number): string {
  return `---\nid: andon-${i}\ntitle: Feature ${i}\nstatus: ${i % 3 === 0 ? 'ready' : 'draft'}\n---\n# Feature ${i}\n\n## REQ-${i * 10 + 1}: Create\n\nThe system MUST create item ${i}.\n\n- Given a user\n- When they create item ${i}\n- Then it is stored\n\n## REQ-${i * 10 + 2}: Delete\n\nThe system SHALL delete item ${i}; see REQ-${i * 10 + 1}.\n\n- Given item ${i}\n- When it is deleted\n- Then it is gone\n`;
}

function specKitSpec(i: number): string {
  return `# Feature Specification: F${i}\n\n**Status**: Draft\n\n## User Scenarios & Testing *(mandatory)*\n\n### User Story 1 - Use it (Priority: P1)\n\nA user uses F${i}.\n\n1. **Given** a user, **When** they open F${i}, **Then** it opens\n\n## Requirements *(mandatory)*\n\n- **FR-001**: System MUST open F${i}\n- **FR-002**: System MUST close F${i}\n\n## Success Criteria *(mandatory)*\n\n- **SC-001**: F${i} opens in under 1 second\n`;
}

// 1. A mixed set of exactly 1,000 files: 600 OpenSpec (500 specs + 50 changes of proposal and delta), 150 spec-kit
//    files (50 features of spec, plan, tasks), 250 Andon specs.
const mixed = path.join(root, 'mixed');
for (let i = 0; i < 500; i++) put(mixed, `openspec/specs/cap-${i}/spec.md`, openSpecMain(i));
for (let c = 0; c < 50; c++) {
  put(mixed, `openspec/changes/change-${c}/proposal.md`, `## Why\nChange ${c} is needed.\n\n## What Changes\n- cap-${c}\n`);
  put(mixed, `openspec/changes/change-${c}/specs/cap-${c}/spec.md`, `## ADDED Requirements\n### Requirement: Extra ${c}\nThe system SHALL do extra ${c}.\n\n#### Scenario: Extra\n- **WHEN** x\n- **THEN** y\n`);
}
for (let f = 0; f < 50; f++) {
  const dir = `specs/${String(f + 1).padStart(3, '0')}-feature-${f}`;
  put(mixed, `${dir}/spec.md`, specKitSpec(f));
  put(mixed, `${dir}/plan.md`, `# Plan ${f}\n\nBuild it.\n`);
  put(mixed, `${dir}/tasks.md`, `# Tasks\n\n- [ ] T001 [US1] Build F${f}\n- [ ] T002 [P] [US1] Test F${f}\n`);
}
for (let i = 0; i < 250; i++) put(mixed, `specs/andon/feature-${i}.md`, andonSpec(i));
const countFiles = (d: string): number => readdirSync(d).reduce((n, e) => n + (statSync(path.join(d, e)).isDirectory() ? countFiles(path.join(d, e)) : 1), 0);
const mixedFiles = countFiles(mixed);

// 2. The same 1,000 OpenSpec specs for both tools, each in fresh processes, interleaved so machine load hits both alike.
const osWs = path.join(root, 'openspec-only');
for (let i = 0; i < FILES; i++) put(osWs, `openspec/specs/cap-${i}/spec.md`, openSpecMain(i));
put(osWs, 'openspec/config.yaml', 'schema: spec-driven\n');
const runner = path.join(root, 'runner.ts');
writeFileSync(
  runner,
  `import { makeStageContext } from ${JSON.stringify(path.join(repoRoot, 'test/helpers/stage-context.ts'))};
import { SpecOptions, specStage } from ${JSON.stringify(path.join(repoRoot, 'src/stages/spec/index.ts'))};
const ctx = await makeStageContext({ workspace: process.argv[2], options: SpecOptions.parse(JSON.parse(process.argv[3])), stageId: 'spec', uses: 'spec' });
const t = performance.now();
const c = process.cpuUsage();
const o = await specStage.run(ctx);
const ms = performance.now() - t;
const cpu = process.cpuUsage(c);
process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, counts: o.counts, verdicts: o.result.openspec?.verdicts ?? [] }));
`,
);
const bundle = path.join(root, 'runner.mjs');
await build({ entryPoints: [runner], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: bundle, logLevel: 'error', banner: { js: "import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);" } });

/** Runs a child; with /usr/bin/time also its CPU (user + sys), which machine load does not inflate the way it does wall time. */
const TIME = '/usr/bin/time';
const haveTime = existsSync(TIME);
function timed(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv }): { stdout: string; status: number | null; stderr: string; cpuMs: number | null } {
  const r = haveTime
    ? spawnSync(TIME, ['-f', 'ANDON_CPU %U %S', cmd, ...args], { ...opts, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    : spawnSync(cmd, args, { ...opts, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const m = /ANDON_CPU ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  return { stdout: r.stdout, status: r.status, stderr: r.stderr, cpuMs: m ? Math.round((Number(m[1]) + Number(m[2])) * 1000) : null };
}

const osBin = path.join(repoRoot, 'node_modules/.bin/openspec');
const haveOs = existsSync(osBin);
const osEnv = { ...process.env, DO_NOT_TRACK: '1', OPENSPEC_TELEMETRY: '0', OPENSPEC_NO_COMPLETIONS: '1', CI: 'true' };
const andonWall: number[] = [];
const osWall: number[] = [];
const andonCpu: number[] = [];
const osCpu: number[] = [];
const nodeWall: number[] = [];
let andonVerdicts: { id: string; valid: boolean }[] = [];
let osVerdicts: { id: string; valid: boolean }[] = [];
for (let round = 0; round < 5; round++) {
  nodeWall.push(...(await samples(1, () => spawnSync(process.execPath, ['-e', '0']))));
  andonWall.push(
    ...(await samples(1, () => {
      const r = timed(process.execPath, [bundle, osWs, JSON.stringify({ format: 'openspec', paths: ['openspec'] })], {});
      if (r.status !== 0) throw new Error(`andon runner failed: ${r.stderr}`);
      if (r.cpuMs !== null) andonCpu.push(r.cpuMs);
      andonVerdicts = (JSON.parse(r.stdout) as { verdicts: { id: string; valid: boolean }[] }).verdicts;
    })),
  );
  if (haveOs) {
    osWall.push(
      ...(await samples(1, () => {
        const r = timed(osBin, ['validate', '--all', '--strict', '--json', '--no-interactive'], { cwd: osWs, env: osEnv });
        if (r.cpuMs !== null) osCpu.push(r.cpuMs);
        osVerdicts = (JSON.parse(r.stdout) as { items: { id: string; valid: boolean }[] }).items;
      })),
    );
  }
}
const generatedAgree = osVerdicts.filter((e) => andonVerdicts.find((a) => a.id === e.id)?.valid === e.valid).length;

// 3. Parity over the stored corpus against the OpenSpec CLI's recorded verdicts.
const corpus = path.resolve(repoRoot, '../shared/corpus/spec/openspec');
let corpusParity: { agree: number; total: number } | null = null;
if (existsSync(path.join(corpus, 'expected-validate-strict.json'))) {
  const tree = new Map<string, TreeFile>();
  const treeRoot = path.join(corpus, 'Fission-AI-OpenSpec/openspec');
  const walk = (d: string): void => {
    for (const e of readdirSync(d)) {
      const p = path.join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.md') || p.endsWith('.openspec.yaml')) tree.set(path.relative(treeRoot, p).split(path.sep).join('/'), treeFile(readFileSync(p, 'utf8')));
    }
  };
  walk(treeRoot);
  const mine = validateOpenSpecTree(tree);
  const expected = JSON.parse(readFileSync(path.join(corpus, 'expected-validate-strict.json'), 'utf8')) as { items: { id: string; type: string; valid: boolean }[] };
  corpusParity = { agree: expected.items.filter((e) => mine.find((m) => m.id === e.id && m.type === e.type)?.valid === e.valid).length, total: expected.items.length };
}

const andonMed = median(andonWall);
// 1b. The mixed set: the stage's own time in fresh processes (cold: nothing compiled or cached yet), then warm in-process.
const cold: number[] = [];
const coldCpu: number[] = [];
const coldWall: number[] = [];
let counts = { specs: 0, requirements: 0 };
for (let i = 0; i < 3; i++) {
  coldWall.push(
    ...(await samples(1, () => {
      const r = spawnSync(process.execPath, [bundle, mixed, JSON.stringify({ paths: ['openspec', 'specs'] })], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      if (r.status !== 0) throw new Error(`andon runner failed: ${r.stderr}`);
      const out = JSON.parse(r.stdout) as { ms: number; cpuMs: number; counts: { specs: number; requirements: number } };
      cold.push(out.ms);
      coldCpu.push(out.cpuMs);
      counts = out.counts;
    })),
  );
}
const coldMs = median(cold);
const options = SpecOptions.parse({ paths: ['openspec', 'specs'] });
const runMixed = async () => specStage.run(await makeStageContext({ workspace: mixed, options, stageId: 'spec', uses: 'spec' }));
await runMixed();
const warm = await samples(5, runMixed);

const osMed = haveOs ? median(osWall) : null;
const figures = {
  mixedFiles,
  specs: counts.specs,
  requirements: counts.requirements,
  stageColdMedianMs: Math.round(coldMs),
  stageColdSamplesMs: cold.map((x) => Math.round(x)),
  stageColdCpuMedianMs: Math.round(median(coldCpu)),
  processWallMedianMs: Math.round(median(coldWall)),
  stageWarmMedianMs: Math.round(median(warm)),
  loadAverage1m: loadavg()[0],
  openspec1000: {
    specs: FILES,
    andonWallMedianMs: Math.round(andonMed),
    openspecWallMedianMs: osMed === null ? null : Math.round(osMed),
    bareNodeMedianMs: Math.round(median(nodeWall)),
    ratio: osMed === null ? null : Number((andonMed / osMed).toFixed(3)),
    andonCpuMedianMs: andonCpu.length ? median(andonCpu) : null,
    openspecCpuMedianMs: osCpu.length ? median(osCpu) : null,
    cpuRatio: andonCpu.length && osCpu.length ? Number((median(andonCpu) / median(osCpu)).toFixed(3)) : null,
    designFigureOpenspecMs: 640,
    verdictsAgree: haveOs ? `${generatedAgree}/${osVerdicts.length}` : null,
    invalidByOpenspec: osVerdicts.filter((v) => !v.valid).length,
  },
  corpusParity: corpusParity ? `${corpusParity.agree}/${corpusParity.total}` : 'corpus missing',
};
const targets: Target[] = [
  { name: '1,000 spec files (mixed formats) validated, stage time in a fresh process (median of 3)', actual: `${Math.round(coldMs)} ms`, target: '≤ 1000 ms', pass: coldMs <= 1000 },
  {
    name: '1,000 OpenSpec specs, fresh process wall vs openspec validate --all --strict',
    actual: osMed === null ? `${Math.round(andonMed)} ms (peer not installed)` : `${Math.round(andonMed)} ms vs ${Math.round(osMed)} ms`,
    target: '≤ half of the peer',
    pass: osMed !== null && andonMed <= osMed / 2,
  },
  { name: 'verdict parity with the OpenSpec CLI on the generated specs', actual: figures.openspec1000.verdictsAgree ?? 'peer not installed', target: 'all agree', pass: haveOs && generatedAgree === osVerdicts.length && osVerdicts.length === FILES },
  { name: 'verdict parity over the stored OpenSpec corpus', actual: figures.corpusParity, target: 'all agree', pass: corpusParity !== null && corpusParity.agree === corpusParity.total },
];
writeResult('spec', figures, targets);
if (process.env.ANDON_BENCH_KEEP) console.log(`kept ${root}`);
else rmSync(root, { recursive: true, force: true });
