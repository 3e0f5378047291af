// Full-scope ESLint after a one-file change, warm: the whole `andon run` of one static-analysis stage (eslint,
// nofilter) against the whole `eslint --cache .`, on a copy of Andon's own repository, alternating in the same run.
// Each round adds an unused variable to one file, so both sides lint it and report it. Writes
// bench/results/static-analysis-reuse.json.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, appendFileSync, readdirSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { measureProcess, median, repoRoot, writeResult, type Measured } from './bench-kit.js';

const ROUNDS = Number(process.env.ANDON_BENCH_RUNS ?? 7);
const CHANGED = 'src/core/clock.ts';
const cli = path.join(repoRoot, 'dist/cli.js');
const eslintBin = path.join(repoRoot, 'node_modules/eslint/bin/eslint.js');
const env = { PATH: process.env.PATH, HOME: process.env.HOME, GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' };

/** A copy of the repository's tracked files, committed, with its node_modules linked in and a one-stage line. */
function copyOfThisRepo(): { root: string; ws: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'andon-bench-reuse-'));
  const ws = path.join(root, 'andon');
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: repoRoot, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const f of files) {
    mkdirSync(path.dirname(path.join(ws, f)), { recursive: true });
    try {
      copyFileSync(path.join(repoRoot, f), path.join(ws, f));
    } catch {
      // A tracked file deleted in the working tree is simply not copied.
    }
  }
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(ws, 'node_modules'), 'dir');
  writeFileSync(path.join(ws, 'andon.yml'), 'version: 1\nline:\n  - id: lint\n    uses: static-analysis\n    with: { eslint: true, filter: nofilter }\n');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ws, env, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'copy');
  return { root, ws };
}

function lastRecordDir(ws: string): string {
  const runs = path.join(ws, '.andon/runs');
  const serial = readdirSync(runs).filter((n) => !n.startsWith('.')).sort().pop()!;
  return path.join(runs, serial);
}

/** The findings of the last run as rule, place and fingerprint: what must be the same warm or cold. */
function findingsOf(ws: string): string[] {
  const sarif = JSON.parse(readFileSync(path.join(lastRecordDir(ws), 'lint/findings.sarif'), 'utf8')) as {
    runs: { results: { ruleId: string; locations?: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number; startColumn?: number } } }[]; partialFingerprints?: Record<string, string> }[] }[];
  };
  return sarif.runs.flatMap((r) =>
    r.results.map((x) => {
      const loc = x.locations?.[0]?.physicalLocation;
      return `${x.ruleId} ${loc?.artifactLocation.uri}:${loc?.region?.startLine}:${loc?.region?.startColumn} ${JSON.stringify(x.partialFingerprints ?? {})}`;
    }),
  ).sort();
}

function andonRun(ws: string, extra: string[] = []): Measured {
  const m = measureProcess([process.execPath, cli, 'run', '--quiet', ...extra], { cwd: ws, env });
  if (m.status !== 0 && m.status !== 1) throw new Error(`andon run exited ${m.status}: ${m.stderr}`);
  return m;
}

function eslintCached(ws: string, cacheFile: string): Measured {
  const m = measureProcess([process.execPath, eslintBin, '--cache', '--cache-location', cacheFile, '.'], { cwd: ws, env });
  if (m.status !== 0 && m.status !== 1) throw new Error(`eslint exited ${m.status}: ${m.stderr}`);
  return m;
}

const { root, ws } = copyOfThisRepo();
const eslintCache = path.join(root, 'eslintcache');
// Warm both sides once.
andonRun(ws);
eslintCached(ws, eslintCache);

const andon: Measured[] = [];
const peer: Measured[] = [];
for (let r = 0; r < ROUNDS; r++) {
  appendFileSync(path.join(ws, CHANGED), `const benchUnused${r} = ${r};\n`);
  // Alternating which side goes first, so drift in the machine's load hits both alike.
  if (r % 2 === 0) {
    peer.push(eslintCached(ws, eslintCache));
    andon.push(andonRun(ws));
  } else {
    andon.push(andonRun(ws));
    peer.push(eslintCached(ws, eslintCache));
  }
}
const warmFindings = findingsOf(ws);
const peerFound = peer[peer.length - 1]!.stdout.match(/(\d+) problems?/)?.[1];
// The same tree, cold: no stage cache, no kept ESLint results.
const cold = andonRun(ws, ['--no-cache']);
const coldFindings = findingsOf(ws);
rmSync(root, { recursive: true, force: true });

const r2 = (x: number) => Math.round(x * 100) / 100;
const wallRatio = median(andon.map((m) => m.wallMs)) / median(peer.map((m) => m.wallMs));
const cpuRatio = median(andon.map((m) => m.cpuMs)) / median(peer.map((m) => m.cpuMs));
const figures = {
  repo: 'a copy of this repository (git ls-files), node_modules linked',
  rounds: ROUNDS,
  changedFile: CHANGED,
  andonWarmWallMs: Math.round(median(andon.map((m) => m.wallMs))),
  eslintCacheWallMs: Math.round(median(peer.map((m) => m.wallMs))),
  wallRatio: r2(wallRatio),
  andonWarmCpuMs: Math.round(median(andon.map((m) => m.cpuMs))),
  eslintCacheCpuMs: Math.round(median(peer.map((m) => m.cpuMs))),
  cpuRatio: r2(cpuRatio),
  andonColdWallMs: Math.round(cold.wallMs),
  andonColdCpuMs: Math.round(cold.cpuMs),
  findingsWarm: warmFindings.length,
  findingsCold: coldFindings.length,
  eslintProblems: peerFound ? Number(peerFound) : 0,
  samples: {
    andonWall: andon.map((m) => Math.round(m.wallMs)),
    eslintWall: peer.map((m) => Math.round(m.wallMs)),
    andonCpu: andon.map((m) => Math.round(m.cpuMs)),
    eslintCpu: peer.map((m) => Math.round(m.cpuMs)),
  },
  loadAverage: loadavg().map((x) => r2(x)),
  cpus: cpus().length,
};
const identical = JSON.stringify(warmFindings) === JSON.stringify(coldFindings) && warmFindings.length === ROUNDS;
writeResult('static-analysis-reuse', figures, [
  { name: 'full-scope ESLint after a one-file change, warm, vs eslint --cache (median wall, whole processes)', actual: `${figures.wallRatio}× (${figures.andonWarmWallMs} vs ${figures.eslintCacheWallMs} ms; CPU ${figures.cpuRatio}×)`, target: '≤ 1.0×', pass: wallRatio <= 1.0 },
  { name: 'warm findings and fingerprints identical to a cold run', actual: `${warmFindings.length} warm, ${coldFindings.length} cold, ${identical ? 'identical' : 'DIFFERENT'}`, target: 'identical', pass: identical },
]);
