// The regression stage as a user pays for it: `andon run` of one regression stage as a whole process, beside xml2js
// and saxes parsing the same report in the same run; a 1.8 M-test report classified against a baseline of the same
// tests; a run where 20,000 tests fail, whose stage folder must stay smaller than the report it read.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchDir, median, repoRoot, writeResult, type Target } from './bench-kit.js';
import { generateJunit, type GeneratedReport, type ReportShape } from './junit-generator.js';

/** The issue's report: the generator's 178,545 test cases (about 61 MiB). */
const MID_TESTS = Number(process.env.ANDON_BENCH_STAGE_TESTS ?? 178_545);
const BIG_TESTS = Number(process.env.ANDON_BENCH_STAGE_BIG_TESTS ?? 1_800_000);
const ROUNDS = Number(process.env.ANDON_BENCH_STAGE_ROUNDS ?? 3);
const cli = path.join(repoRoot, 'dist/cli.js');
const probe = pathToFileURL(path.join(benchDir, 'regression-rss-probe.mjs')).href;
const env = { PATH: process.env.PATH, HOME: process.env.HOME };
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

interface Measured {
  ms: number;
  rssMB: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one process to its end; its wall time and its own peak RSS (written by the preloaded probe). */
function measure(argv: string[], cwd: string): Measured {
  const rssFile = path.join(tmpdir(), `andon-bench-rss-${process.pid}-${Date.now()}`);
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--import', probe, ...argv], {
    cwd,
    env: { ...env, ANDON_BENCH_RSS_FILE: rssFile },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 30 * 60_000,
  });
  const ms = performance.now() - t;
  let rssMB = NaN;
  try {
    rssMB = Number(readFileSync(rssFile, 'utf8'));
    rmSync(rssFile);
  } catch {
    // Killed before it could say: NaN says so.
  }
  return { ms, rssMB, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function makeRepo(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'andon-bench-stage-'));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'gc.auto=0', '-c', 'user.email=b@b', '-c', 'user.name=b', ...args], { cwd: dir, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  writeFileSync(path.join(dir, 'andon.yml'), 'version: 1\nline:\n  - id: unit\n    uses: regression\n    with:\n      reports: ["reports/*.xml"]\n');
  writeFileSync(path.join(dir, '.gitignore'), '.andon/runs/\n.andon/cache/\nreports/\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'init');
  mkdirSync(path.join(dir, 'reports'));
  return dir;
}

function dirBytes(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) n += e.isDirectory() ? dirBytes(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).size;
  return n;
}

interface StageRun extends Measured {
  counts: Record<string, unknown>;
  state: string;
  reason: string;
  folderBytes: number;
  files: Record<string, number>;
}

/** `andon run` in `ws` (the store emptied first, so no earlier run serves as its baseline); its stage and folder size. */
function andonRun(ws: string): StageRun {
  const runs = path.join(ws, '.andon/runs');
  rmSync(runs, { recursive: true, force: true });
  const m = measure([cli, 'run', '--quiet', '--no-cache'], ws);
  const serial = readdirSync(runs).filter((d) => statSync(path.join(runs, d)).isDirectory()).sort().pop() ?? '';
  const record = JSON.parse(readFileSync(path.join(runs, serial, 'run.json'), 'utf8')) as { stages: { state: string; reason: string; counts: Record<string, unknown> }[] };
  const stage = record.stages[0]!;
  const folder = path.join(runs, serial, 'unit');
  const files = Object.fromEntries(readdirSync(folder).map((f) => [f, statSync(path.join(folder, f)).size]));
  return { ...m, counts: stage.counts, state: stage.state, reason: stage.reason, folderBytes: dirBytes(folder), files };
}

async function report(ws: string, shape: ReportShape): Promise<GeneratedReport & { file: string }> {
  const file = path.join(ws, 'reports', 'junit.xml');
  return { ...(await generateJunit(file, shape)), file };
}

const countsRight = (r: StageRun, g: GeneratedReport) => r.counts.tests === g.tests && r.counts.failed === g.failed && r.counts.skipped === g.skipped;
const show = (label: string, m: Measured, bytes: number) =>
  console.log(`${label}: ${round(m.ms / 1000, 2)} s (${round(bytes / 2 ** 20 / (m.ms / 1000))} MB/s), ${round(m.rssMB)} MB peak RSS${m.status ? ` exit ${m.status}` : ''}`);

/** 1.8 M tests: a first run, `andon baseline update`, then the same report classified against that baseline. */
async function bigRun(ws: string): Promise<{ figures: Record<string, unknown>; targets: Target[] }> {
  const big = await report(ws, { tests: BIG_TESTS });
  console.log(`${round(big.bytes / 2 ** 20)} MiB report: ${big.tests} test cases, ${big.failed} failed`);
  const first = andonRun(ws);
  show('andon run (no baseline)', first, big.bytes);
  const update = spawnSync(process.execPath, [cli, 'baseline', 'update'], { cwd: ws, env, encoding: 'utf8' });
  if (update.status !== 0) console.log(`baseline update failed: ${update.stderr}`);
  const baselineFile = path.join(ws, '.andon/baselines/unit.json');
  const baselineBytes = update.status === 0 ? statSync(baselineFile).size : NaN;
  const second = andonRun(ws);
  show('andon run (against a baseline of the same tests)', second, big.bytes);
  const rss = Math.max(first.rssMB, second.rssMB);
  const folder = Math.max(first.folderBytes, second.folderBytes);
  return {
    figures: {
      reportBytes: big.bytes,
      tests: big.tests,
      failed: big.failed,
      baselineBytes,
      first: { ms: round(first.ms), peakRssMB: round(first.rssMB), counts: first.counts, state: first.state, folderBytes: first.folderBytes, files: first.files },
      againstBaseline: { ms: round(second.ms), peakRssMB: round(second.rssMB), counts: second.counts, state: second.state, reason: second.reason, folderBytes: second.folderBytes, files: second.files },
    },
    targets: [
      { name: `${big.tests} tests: counts right, first run and against a baseline of the same tests`, actual: `${first.counts.tests}, ${second.counts.tests} (regressions ${second.counts.regressions}; ${second.reason})`, target: `${big.tests}, 0 regressions`, pass: countsRight(first, big) && countsRight(second, big) && second.counts.regressions === 0 && second.reason.includes('known-failure') },
      { name: `${big.tests} tests: peak RSS, the larger of the two runs`, actual: `${round(rss)} MB`, target: '≤ 400 MB', pass: rss <= 400 },
      { name: `${big.tests} tests: stage folder vs the report`, actual: `${folder} B vs ${big.bytes} B`, target: '≤ report', pass: folder <= big.bytes },
    ],
  };
}

const workspaces: string[] = [];
try {
  // 1. The issue's report: throughput of the whole run against the peers' parse alone, interleaved.
  const ws = makeRepo();
  workspaces.push(ws);
  const mid = await report(ws, { tests: MID_TESTS });
  console.log(`${round(mid.bytes / 2 ** 20)} MiB report: ${mid.tests} test cases, ${mid.failed} failed, ${mid.skipped} skipped`);
  const andonRuns: StageRun[] = [];
  const xml2jsRuns: Measured[] = [];
  const saxesRuns: Measured[] = [];
  for (let k = 0; k < ROUNDS; k++) {
    const a = andonRun(ws);
    show('andon run', a, mid.bytes);
    andonRuns.push(a);
    const x = measure([path.join(benchDir, 'regression-peer.mjs'), 'xml2js', mid.file], repoRoot);
    show('xml2js', x, mid.bytes);
    xml2jsRuns.push(x);
    const s = measure([path.join(benchDir, 'regression-peer.mjs'), 'saxes', mid.file], repoRoot);
    show('saxes', s, mid.bytes);
    saxesRuns.push(s);
  }
  const peerCount = (m: Measured) => (JSON.parse(m.stdout.trim().split('\n').pop() || '{}') as { testcases?: number }).testcases;
  const andonMs = median(andonRuns.map((r) => r.ms));
  const xml2jsMs = median(xml2jsRuns.map((r) => r.ms));
  const saxesMs = median(saxesRuns.map((r) => r.ms));
  const andonRss = Math.max(...andonRuns.map((r) => r.rssMB));
  const last = andonRuns[andonRuns.length - 1]!;
  const midFigures = {
    reportBytes: mid.bytes,
    tests: mid.tests,
    failed: mid.failed,
    andon: { medianMs: round(andonMs), mbPerS: round(mid.bytes / 2 ** 20 / (andonMs / 1000)), peakRssMB: round(andonRss), counts: last.counts, state: last.state, folderBytes: last.folderBytes, files: last.files },
    xml2js: { medianMs: round(xml2jsMs), mbPerS: round(mid.bytes / 2 ** 20 / (xml2jsMs / 1000)), peakRssMB: round(Math.max(...xml2jsRuns.map((r) => r.rssMB))), testcases: peerCount(xml2jsRuns[0]!) },
    saxes: { medianMs: round(saxesMs), mbPerS: round(mid.bytes / 2 ** 20 / (saxesMs / 1000)), peakRssMB: round(Math.max(...saxesRuns.map((r) => r.rssMB))), testcases: peerCount(saxesRuns[0]!) },
  };
  rmSync(mid.file);

  // 2. A broken build: 20,000 of 100,000 tests fail with short messages, so findings weigh most against the report.
  const broken = await report(ws, { tests: 100_000, failEvery: 5, failureBody: 'short' });
  const b = andonRun(ws);
  show(`andon run, ${broken.failed} failing`, b, broken.bytes);
  const brokenFigures = { reportBytes: broken.bytes, tests: broken.tests, failed: broken.failed, folderBytes: b.folderBytes, files: b.files, counts: b.counts, ms: round(b.ms), peakRssMB: round(b.rssMB) };
  rmSync(broken.file);

  // What any run costs before the stage reads a byte (start-up, git, the record): a one-test report, beside the rest.
  const one = await report(ws, { tests: 1 });
  const fixed = [andonRun(ws), andonRun(ws), andonRun(ws)].map((r) => r.ms);
  const fixedMs = median(fixed);
  console.log(`andon run of a one-test report (fixed cost): ${round(fixedMs)} ms`);
  rmSync(one.file);

  // 3. 1.8 M tests: a first run, its baseline committed, then the same report classified against it.
  const big = BIG_TESTS > 0 ? await bigRun(ws) : null;

  const vsXml2js = round(xml2jsMs / andonMs, 2);
  const stageVsXml2js = round(xml2jsMs / (andonMs - fixedMs), 2);
  const targets: Target[] = [
    { name: `andon run (${round(mid.bytes / 2 ** 20, 0)} MiB report) throughput vs xml2js parse alone, wall, median of ${ROUNDS}`, actual: `${vsXml2js}×`, target: '≥ 4×', pass: vsXml2js >= 4 },
    { name: 'the same, without the fixed cost of any andon run (a one-test report, measured beside it)', actual: `${stageVsXml2js}× (fixed ${round(fixedMs)} ms)`, target: '≥ 4×', pass: stageVsXml2js >= 4 },
    { name: 'andon run counts equal the generated report (and the peers)', actual: `${last.counts.tests}/${last.counts.failed} vs ${mid.tests}/${mid.failed}; xml2js ${midFigures.xml2js.testcases}, saxes ${midFigures.saxes.testcases}`, target: 'equal', pass: countsRight(last, mid) && midFigures.xml2js.testcases === mid.tests && midFigures.saxes.testcases === mid.tests },
    { name: `andon run peak RSS, ${round(mid.bytes / 2 ** 20, 0)} MiB report`, actual: `${round(andonRss)} MB`, target: '≤ 200 MB', pass: andonRss <= 200 },
    { name: `stage folder of a run where ${broken.failed} tests fail vs the report`, actual: `${brokenFigures.folderBytes} B vs ${broken.bytes} B`, target: '≤ report', pass: brokenFigures.folderBytes <= broken.bytes && countsRight(b, broken) },
    ...(big?.targets ?? []),
  ];
  writeResult('regression-stage', { mid: midFigures, broken: brokenFigures, fixedCostMs: round(fixedMs), big: big?.figures ?? null, cpus: os.cpus().length, loadavg: os.loadavg() }, targets);
} finally {
  for (const w of workspaces) rmSync(w, { recursive: true, force: true });
}
