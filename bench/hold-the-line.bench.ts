// Benchmark of holding the line against the base commit: on a generated 2,000-file TypeScript repo linted by ESLint,
// `andon run` (the bundled CLI, as a user runs it) on a pull request whose base has no recorded run, so the base is
// judged in a temporary worktree — cold (nothing cached) against a plain full run, and warm (the judgement cached)
// against a plain run of the changed scope (the base's findings read from a recorded run). Writes
// bench/results/hold-the-line.json.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import type { RunRecord } from '../src/core/run-record.js';
import { median, repoRoot, writeResult } from './bench-kit.js';

const FILES = 2000;
const CHANGED = 10;
const RUNS = Number(process.env.ANDON_BENCH_RUNS ?? 3);
const CLI = path.join(repoRoot, 'dist/cli.js');
const ESLINT = path.join(repoRoot, 'node_modules/eslint/bin/eslint.js');

/** One module: a few exports, one problem in every fourth (an unused local), so the base has known findings. */
function moduleText(i: number, edit = ''): string {
  return [
    `import type { Kind${i % 7} } from '../kinds.js';`,
    `export interface Row${i} { id: number; label: string; kind?: Kind${i % 7} }`,
    `export function build${i}(id: number, label: string): Row${i} {`,
    i % 4 === 0 ? `  const spare${i} = id + 1;` : '  const parts: string[] = [];',
    i % 4 === 0 ? '  const parts: string[] = [];' : '  parts.push(label);',
    '  for (let k = 0; k < id % 3; k++) parts.push(`${label}:${k}`);',
    '  return { id, label: parts.join(",") || label };',
    '}',
    `export const sum${i} = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);`,
    `export class Cache${i} {`,
    '  private readonly seen = new Map<number, string>();',
    '  put(id: number, v: string): void {',
    '    this.seen.set(id, v);',
    '  }',
    '  size(): number {',
    '    return this.seen.size;',
    '  }',
    '}',
    edit,
  ].join('\n');
}

const ESLINT_CONFIG = `import js from '@eslint/js';
import tseslint from 'typescript-eslint';
export default [
  { ignores: ['node_modules/**'] },
  { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser, sourceType: 'module' }, rules: { ...js.configs.recommended.rules, 'no-undef': 'off', 'no-unused-vars': 'error' } },
];
`;

const ANDON = 'version: 1\nline:\n  - id: lint\n    uses: static-analysis\n    with: { eslint: true }\n';

function git(ws: string, ...args: string[]): string {
  const env = { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b', GIT_CONFIG_GLOBAL: '/dev/null' };
  return execFileSync('git', args, { cwd: ws, env, encoding: 'utf8' }).trim();
}

async function generate(): Promise<string> {
  const ws = path.join(await mkdtemp(path.join(tmpdir(), 'andon-bench-htl-')), 'ws');
  await mkdir(path.join(ws, 'src'), { recursive: true });
  await writeFile(path.join(ws, 'package.json'), JSON.stringify({ name: 'bench-htl', private: true, type: 'module' }));
  await writeFile(path.join(ws, 'eslint.config.js'), ESLINT_CONFIG);
  await writeFile(path.join(ws, 'andon.yml'), ANDON);
  await writeFile(path.join(ws, '.gitignore'), 'node_modules\n.andon/runs/\n.andon/cache/\n');
  await writeFile(path.join(ws, 'src/kinds.ts'), Array.from({ length: 7 }, (_, k) => `export type Kind${k} = 'k${k}';`).join('\n') + '\n');
  for (let i = 0; i < FILES; i++) {
    const dir = path.join(ws, 'src', `part${Math.floor(i / 100)}`);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, `m${i}.ts`), moduleText(i));
  }
  await symlink(path.join(repoRoot, 'node_modules'), path.join(ws, 'node_modules'), 'dir');
  git(ws, 'init', '-q', '-b', 'main');
  git(ws, 'add', '-A');
  git(ws, 'commit', '-q', '-m', 'base');
  return ws;
}

/** CPU time of every waited-for descendant (the CLI and the git and tool processes it ran), from /proc/self/stat. */
function childrenCpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  // After "pid (comm) ": state is field 3, cutime and cstime are fields 16 and 17 (1-based), in clock ticks of 10 ms.
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

interface Timed {
  ms: number;
  cpuMs: number;
}

function timed(argv: string[], ws: string): Timed & { stdout: string; status: number | null } {
  const cpu0 = childrenCpuMs();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, argv, { cwd: ws, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, cpuMs: childrenCpuMs() - cpu0, stdout: r.stdout, status: r.status };
}

/** `andon run`; returns the lint stage of its record, to check the run judged what it should. */
function andon(ws: string, ...args: string[]): Timed & { lint: RunRecord['stages'][number]; record: RunRecord } {
  const t = timed([CLI, 'run', '--quiet', ...args], ws);
  const serial = t.stdout.trim().split('\n').pop()!;
  const record = JSON.parse(readFileSync(path.join(ws, '.andon/runs', serial, 'run.json'), 'utf8')) as RunRecord;
  return { ...t, record, lint: record.stages.find((s) => s.id === 'lint')! };
}

function expectThat(ok: boolean, what: string): void {
  if (!ok) throw new Error(`bench precondition failed: ${what}`);
}

async function main(): Promise<void> {
  const ws = await generate();
  const cache = path.join(ws, '.andon/cache');
  const runs = path.join(ws, '.andon/runs');
  const samples: Record<string, Timed[]> = { bare: [], full: [], cold: [], warm: [], scope: [] };

  // Plain full run: on the first commit there is no base, so ESLint lints every file and nothing is compared.
  timed([ESLINT, '.'], ws); // warm the file cache
  for (let r = 0; r < RUNS; r++) {
    samples.bare!.push(timed([ESLINT, '.'], ws));
    const full = andon(ws, '--no-cache');
    expectThat(full.record.source.baseSha === null && full.lint.state === 'failed' && !('checked' in full.lint.counts), `a plain full run: ${full.lint.reason}`);
    samples.full!.push(full);
  }

  // The pull request: 10 files edited, one of them with a new problem.
  git(ws, 'checkout', '-q', '-b', 'feature');
  for (let k = 0; k < CHANGED; k++) {
    const i = k * 137 + 1;
    await writeFile(path.join(ws, 'src', `part${Math.floor(i / 100)}`, `m${i}.ts`), moduleText(i, k === 0 ? 'export const fresh = () => { const unusedNow = 1; };\n' : `export const edited${i} = ${k};\n`));
  }
  git(ws, 'commit', '-qam', 'the change');
  const pr = (t: ReturnType<typeof andon>, what: string) =>
    expectThat(t.lint.state === 'failed' && t.lint.counts.new === 1 && t.lint.counts.checked === CHANGED && (t.lint.counts.carried as number) > 400, `${what}: ${t.lint.reason} ${JSON.stringify(t.lint.counts)}`);

  // Cold: no recorded run of the base and nothing cached, so the base is judged in a temporary worktree.
  for (let r = 0; r < RUNS; r++) {
    await rm(cache, { recursive: true, force: true });
    await rm(runs, { recursive: true, force: true });
    const cold = andon(ws);
    pr(cold, 'a cold pull request run');
    samples.cold!.push(cold);
  }
  // Warm: the judgement at the base is cached; the stage result is not (it would be reused whole).
  for (let r = 0; r < RUNS; r++) {
    await rm(path.join(cache, 'stages'), { recursive: true, force: true });
    await rm(runs, { recursive: true, force: true });
    const warm = andon(ws);
    pr(warm, 'a warm pull request run');
    samples.warm!.push(warm);
  }
  // A plain run of the changed scope: the base's findings come from its recorded run, as before this change.
  git(ws, 'checkout', '-q', 'main');
  const baseRun = andon(ws, '--no-cache');
  git(ws, 'checkout', '-q', 'feature');
  const kept = path.join(path.dirname(ws), 'base-run');
  await rename(path.join(runs, baseRun.record.serial), kept);
  for (let r = 0; r < RUNS; r++) {
    await rm(cache, { recursive: true, force: true });
    await rm(runs, { recursive: true, force: true });
    await mkdir(runs, { recursive: true });
    execFileSync('cp', ['-r', kept, path.join(runs, baseRun.record.serial)]);
    const scope = andon(ws);
    pr(scope, 'a run of the changed scope');
    expectThat(scope.lint.reason.includes(`run ${baseRun.record.serial}`), `the changed scope compares with the recorded run: ${scope.lint.reason}`);
    samples.scope!.push(scope);
  }

  const cpu = (k: string) => median(samples[k]!.map((s) => s.cpuMs));
  const wall = (k: string) => median(samples[k]!.map((s) => s.ms));
  const ratio = (a: number, b: number) => +(a / b).toFixed(3);
  const limits = { coldVsFullMax: 2.2, warmVsScopeMax: 1.1 };
  const figures = {
    files: FILES,
    changedFiles: CHANGED,
    runs: RUNS,
    cpuMs: { bareEslint: cpu('bare'), plainFull: cpu('full'), prCold: cpu('cold'), prWarm: cpu('warm'), plainChangedScope: cpu('scope') },
    wallMs: { bareEslint: Math.round(wall('bare')), plainFull: Math.round(wall('full')), prCold: Math.round(wall('cold')), prWarm: Math.round(wall('warm')), plainChangedScope: Math.round(wall('scope')) },
    coldVsFull: { cpu: ratio(cpu('cold'), cpu('full')), wall: ratio(wall('cold'), wall('full')) },
    warmVsScope: { cpu: ratio(cpu('warm'), cpu('scope')), wall: ratio(wall('warm'), wall('scope')) },
    plainFullVsBareEslint: { cpu: ratio(cpu('full'), cpu('bare')), wall: ratio(wall('full'), wall('bare')) },
    samples: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, { wall: v.map((s) => Math.round(s.ms)), cpu: v.map((s) => s.cpuMs) }])),
    loadAverage: loadavg().map((x) => +x.toFixed(2)),
    cpus: cpus().length,
    note: 'every figure is a child process (the bundled CLI, or bare ESLint); CPU is the CPU time of the process and every process it waited for (git, ESLint), from /proc cutime+cstime; the machine is shared, so wall time is beside, not gated',
  };
  writeResult('hold-the-line', figures, [
    { name: 'PR run, base judged cold in a worktree, vs a plain full run (median CPU)', actual: `${figures.coldVsFull.cpu}× (wall ${figures.coldVsFull.wall}×)`, target: `≤ ${limits.coldVsFullMax}×`, pass: figures.coldVsFull.cpu <= limits.coldVsFullMax },
    { name: 'PR run, base judgement cached, vs a plain run of the changed scope (median CPU)', actual: `${figures.warmVsScope.cpu}× (wall ${figures.warmVsScope.wall}×)`, target: `≤ ${limits.warmVsScopeMax}×`, pass: figures.warmVsScope.cpu <= limits.warmVsScopeMax },
  ]);
  if (process.env.ANDON_BENCH_KEEP === '1') console.log(`kept: ${ws}`);
  else await rm(path.dirname(ws), { recursive: true, force: true });
}

await main();
