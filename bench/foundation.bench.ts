// Foundation figures: command-stage overhead against the bare command (in-process line and the whole `andon run`
// process), CLI cold start, inputs digests of a 20k-file repo.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfig } from '../src/core/config.js';
import { InputsDigester } from '../src/core/inputs-digest.js';
import { runLine } from '../src/core/line.js';
import { nodeProcessRunner } from '../src/core/process-runner.js';
import { FsStore } from '../src/core/store.js';
import { defaultRegistry } from '../src/stages/index.js';
import { measureProcess, median, repoRoot, samples, writeResult, type Measured, type Target } from './bench-kit.js';
import { thisProcess } from '../src/this-process.js';

const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'gc.auto=0', ...args], { cwd, stdio: 'ignore' });
const cli = path.join(repoRoot, 'dist/cli.js');
const env = { PATH: process.env.PATH, HOME: process.env.HOME };

function makeRepo(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'andon-bench-'));
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, '-c', 'user.email=b@b', '-c', 'user.name=b', 'commit', '-q', '--allow-empty', '-m', 'init');
  return dir;
}

// 1. A 50 ms command, bare and as a stage: a line of 10 such stages in-process, and the whole CLI with one.
const SLEEP = ['sleep', '0.05'];
const STAGES = 10;
const ws = makeRepo();
const yml = `version: 1\nline:\n${Array.from({ length: STAGES }, (_, i) => `  - id: s${i}\n    uses: command\n    with: { run: ${JSON.stringify(SLEEP)} }\n`).join('')}`;
writeFileSync(path.join(ws, 'andon.yml'), yml);
writeFileSync(path.join(ws, 'one.yml'), `version: 1\nline:\n  - id: s\n    uses: command\n    with: { run: ${JSON.stringify(SLEEP)} }\n`);
const registry = defaultRegistry();
const config = parseConfig(yml, 'andon.yml', registry);
const store = new FsStore(path.join(ws, '.andon/runs'));

const bareLine: number[] = [];
const andonLine: number[] = [];
for (let round = 0; round < 5; round++) {
  // Side by side in each round, so machine load hits both alike.
  bareLine.push(
    ...(await samples(1, async () => {
      for (let i = 0; i < STAGES; i++) await nodeProcessRunner.run(SLEEP, { cwd: ws });
    })),
  );
  andonLine.push(...(await samples(1, () => runLine({ workspace: ws, config, registry, store, env, writer: thisProcess() }))));
}
const perStageBare = median(bareLine) / STAGES;
const perStageAndon = median(andonLine) / STAGES;

// Whole processes side by side, alternating which goes first: wall time and the CPU of each process tree.
const bareCli: Measured[] = [];
const andonCli: Measured[] = [];
const andonRun = () => measureProcess([process.execPath, cli, 'run', '--config', 'one.yml', '--quiet', '--no-cache'], { cwd: ws, env });
const bareRun = () => measureProcess(SLEEP, { cwd: ws, env });
andonRun();
for (let i = 0; i < 15; i++) {
  if (i % 2 === 0) {
    bareCli.push(bareRun());
    andonCli.push(andonRun());
  } else {
    andonCli.push(andonRun());
    bareCli.push(bareRun());
  }
}
if (andonCli.some((m) => m.status !== 0)) throw new Error(`andon run failed: ${andonCli.find((m) => m.status !== 0)!.stderr}`);

// 2. CLI cold start against bare node, side by side.
const nodeStart: number[] = [];
const cliStart: number[] = [];
for (let i = 0; i < 15; i++) {
  nodeStart.push(...(await samples(1, () => spawnSync(process.execPath, ['-e', '0']))));
  cliStart.push(...(await samples(1, () => spawnSync(process.execPath, [cli, '--version']))));
}
const helpStart = median(await samples(7, () => spawnSync(process.execPath, [cli, 'runs'], { cwd: ws })));

// 3. Inputs digest of a 20k-file git repo.
const big = makeRepo();
for (let d = 0; d < 200; d++) {
  mkdirSync(path.join(big, 'src', `m${d}`), { recursive: true });
  for (let f = 0; f < 100; f++) writeFileSync(path.join(big, 'src', `m${d}`, `f${f}.ts`), `export const v${f} = ${d * 100 + f};\n// ${'x'.repeat(200)}\n`);
}
const inputs = { files: ['src/**'] };
const untrackedCold = await samples(1, () => new InputsDigester(big).digest('command', {}, inputs));
git(big, 'add', '-A');
git(big, '-c', 'user.email=b@b', '-c', 'user.name=b', 'commit', '-q', '-m', 'files');
const statCache = path.join(big, '.andon/cache/file-hashes.json');
const trackedCold = await samples(3, () => new InputsDigester(big, statCache).digest('command', {}, inputs));
// Some work in progress: 200 modified and 100 new files, hashed once, then unchanged.
for (let f = 0; f < 200; f++) writeFileSync(path.join(big, 'src', `m${f % 200}`, `f${f % 100}.ts`), `export const changed = ${f};\n`);
for (let f = 0; f < 100; f++) writeFileSync(path.join(big, 'src', 'm0', `new${f}.ts`), `export const n = ${f};\n`);
const dirtyCold = await samples(1, async () => {
  const d = new InputsDigester(big, statCache);
  await d.digest('command', {}, inputs);
  await d.save();
});
const unchanged = await samples(5, () => new InputsDigester(big, statCache).digest('command', {}, inputs));
rmSync(big, { recursive: true, force: true, maxRetries: 5 });
rmSync(ws, { recursive: true, force: true });

const r = (x: number) => Math.round(x * 10) / 10;
const figures = {
  commandStage: {
    bareMsPerCommand: r(perStageBare),
    andonMsPerStage: r(perStageAndon),
    ratio: r((perStageAndon / perStageBare) * 100) / 100,
    cliBareMs: r(median(bareCli.map((m) => m.wallMs))),
    cliAndonMs: r(median(andonCli.map((m) => m.wallMs))),
    cliExtraMs: r(median(andonCli.map((m) => m.wallMs)) - median(bareCli.map((m) => m.wallMs))),
    cliBareCpuMs: r(median(bareCli.map((m) => m.cpuMs))),
    cliAndonCpuMs: r(median(andonCli.map((m) => m.cpuMs))),
    cliSamples: { bareWall: bareCli.map((m) => Math.round(m.wallMs)), andonWall: andonCli.map((m) => Math.round(m.wallMs)) },
    loadAverage: loadavg().map((x) => r(x)),
  },
  coldStart: { nodeMs: r(median(nodeStart)), andonVersionMs: r(median(cliStart)), andonRunsMs: r(helpStart), ratioToNode: r((median(cliStart) / median(nodeStart)) * 100) / 100 },
  inputsDigest20k: {
    untrackedColdMs: r(untrackedCold[0]!),
    trackedColdMs: r(median(trackedCold)),
    withChangesColdMs: r(dirtyCold[0]!),
    unchangedMs: r(median(unchanged)),
  },
};
const targets: Target[] = [
  { name: 'command stage per-stage time vs bare 50 ms command', actual: `${figures.commandStage.ratio}×`, target: '≤ 1.10×', pass: figures.commandStage.ratio <= 1.1 },
  { name: 'andon run (whole CLI, one 50 ms stage) on top of the bare command (median wall)', actual: `${figures.commandStage.cliExtraMs} ms (${figures.commandStage.cliAndonMs} vs ${figures.commandStage.cliBareMs} ms)`, target: '≤ 80 ms', pass: figures.commandStage.cliExtraMs <= 80 },
  { name: 'CLI cold start (andon --version) median', actual: `${figures.coldStart.andonVersionMs} ms`, target: '≤ 150 ms', pass: figures.coldStart.andonVersionMs <= 150 },
  { name: 'CLI cold start vs bare node', actual: `${figures.coldStart.ratioToNode}×`, target: '≤ 2×', pass: figures.coldStart.ratioToNode <= 2 },
  { name: 'inputs digest, 20k files, cold (nothing hashed before)', actual: `${figures.inputsDigest20k.untrackedColdMs} ms`, target: '≤ 1500 ms', pass: figures.inputsDigest20k.untrackedColdMs <= 1500 },
  { name: 'inputs digest, 20k files, unchanged since last digest', actual: `${figures.inputsDigest20k.unchangedMs} ms`, target: '≤ 300 ms', pass: figures.inputsDigest20k.unchangedMs <= 300 },
];
writeResult('foundation', figures, targets);
