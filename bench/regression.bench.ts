// Regression stage bench: JUnit throughput and peak RSS of Andon's streaming reader vs the peers' parsers, and
// classification of 200k tests against a 200k-test baseline. Every measurement runs in its own child process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { benchDir, repoRoot, writeResult, type Target } from './bench-kit.js';
import { generate } from './junit-generator.js';

const SMALL_MB = Number(process.env.ANDON_BENCH_JUNIT_SMALL_MB ?? 200);
const BIG_MB = Number(process.env.ANDON_BENCH_JUNIT_BIG_MB ?? 1024);
const CLASSIFY_N = 200_000;

interface WorkerResult {
  mode: string;
  ms: number;
  cpuMs: number;
  maxRssMB: number;
  testcases: number;
  extra?: Record<string, number>;
  error?: string;
}

function runWorker(mode: string, arg: string): WorkerResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(benchDir, 'regression-worker.ts'), mode, arg], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 10 * 60_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as WorkerResult;
  } catch {
    const why = (r.stderr || r.error?.message || `exit ${r.status}`).trim().split('\n').filter((l) => /Error|error|heap|Invalid|Cannot/.test(l)).slice(0, 2).join(' | ');
    return { mode, ms: NaN, cpuMs: NaN, maxRssMB: NaN, testcases: 0, error: why || `exit ${r.status} signal ${r.signal}` };
  }
}

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

const dir = mkdtempSync(path.join(tmpdir(), 'andon-bench-junit-'));
try {
  const small = path.join(dir, 'small.xml');
  const big = path.join(dir, 'big.xml');
  let t = performance.now();
  const smallBytes = await generate(small, SMALL_MB);
  const bigBytes = await generate(big, BIG_MB);
  console.log(`generated ${round(smallBytes / 2 ** 20)} MiB and ${round(bigBytes / 2 ** 20)} MiB in ${round((performance.now() - t) / 1000)} s`);

  const rows: Record<string, unknown>[] = [];
  type Measured = WorkerResult & { file: string; mbPerS: number; cpuMbPerS: number; casesPerS: number; runs: number; mib: number };
  const measured: Record<string, Measured> = {};
  // Two cores shared with other work make one wall-clock sample noisy: the fast parsers run `runs` times,
  // interleaved, and keep their best run; CPU-time throughput is reported beside it as the steadier figure.
  /** Runs one measurement; called again for the same key, it keeps the best (fastest wall) run. */
  const measure = (key: string, mode: string, file: string, bytes: number) => {
    t = performance.now();
    const r = runWorker(mode, file);
    console.log(`${key}: ${r.error ? `failed: ${r.error}` : `${round(bytes / 2 ** 20 / (r.ms / 1000))} MB/s (CPU ${round(bytes / 2 ** 20 / (r.cpuMs / 1000))} MB/s), ${round(r.maxRssMB)} MB peak RSS`} (${round((performance.now() - t) / 1000)} s)`);
    const prev = measured[key];
    if (prev && !prev.error && (r.error || prev.ms <= r.ms)) {
      prev.runs++;
      return;
    }
    const entry: Measured = {
      ...r,
      file: path.basename(file),
      mbPerS: r.error ? NaN : round(bytes / 2 ** 20 / (r.ms / 1000)),
      cpuMbPerS: r.error ? NaN : round(bytes / 2 ** 20 / (r.cpuMs / 1000)),
      casesPerS: r.error ? NaN : Math.round(r.testcases / (r.ms / 1000)),
      runs: (prev?.runs ?? 0) + 1,
      mib: round(bytes / 2 ** 20, 0),
    };
    measured[key] = entry;
  };
  measure('andon (1 GB)', 'andon', big, bigBytes);
  for (let k = 0; k < 3; k++) {
    // Interleaved, so both meet the same background load.
    measure('andon', 'andon', small, smallBytes);
    measure('saxes', 'saxes', small, smallBytes);
  }
  measure('andon reader + merge by test id (stage ingest)', 'andon-collect', small, smallBytes);
  measure('xml2js (dorny)', 'xml2js', small, smallBytes);
  measure('fast-xml-parser', 'fast-xml-parser', small, smallBytes);
  // A DOM parser cannot take the 1 GB file at all: a string that size is past V8's limit. Shown, not assumed.
  measure('fast-xml-parser (1 GB)', 'fast-xml-parser', big, bigBytes);

  let cls: WorkerResult | undefined;
  for (let k = 0; k < 3; k++) {
    const r = runWorker('classify', String(CLASSIFY_N));
    console.log(`classification of ${CLASSIFY_N} tests vs ${CLASSIFY_N}: parse ${round(r.extra?.parseMs ?? NaN)} ms + classify ${round(r.extra?.classifyMs ?? NaN)} ms (CPU ${round(r.extra?.totalCpuMs ?? NaN)} ms)`);
    if (!cls || (r.extra?.totalMs ?? Infinity) < (cls.extra?.totalMs ?? Infinity)) cls = r;
  }
  for (const [key, m] of Object.entries(measured)) {
    rows.push({ parser: key, file: `${m.mib} MiB`, runs: m.runs, 'MB/s': m.mbPerS, 'CPU MB/s': m.cpuMbPerS, 'cases/s': m.casesPerS, 'peak RSS MB': round(m.maxRssMB), testcases: m.testcases, error: m.error ?? '' });
  }
  console.table(rows);

  const andonBig = measured['andon (1 GB)'];
  const andon = measured.andon;
  const xml2js = measured['xml2js (dorny)'];
  const saxes = measured.saxes;
  const ratio = (a?: number, b?: number) => (a && b && Number.isFinite(a) && Number.isFinite(b) ? round(a / b, 2) : NaN);
  const vsXml2js = ratio(andon?.mbPerS, xml2js?.mbPerS);
  const vsSaxes = ratio(andon?.mbPerS, saxes?.mbPerS);
  const vsSaxesCpu = ratio(andon?.cpuMbPerS, saxes?.cpuMbPerS);
  const vsXml2jsCpu = ratio(andon?.cpuMbPerS, xml2js?.cpuMbPerS);
  const sameCount = andon?.testcases === xml2js?.testcases && andon?.testcases === saxes?.testcases;
  const clsWall = cls?.extra?.totalMs ?? Infinity;
  const clsCpu = cls?.extra?.totalCpuMs ?? Infinity;
  const targets: Target[] = [
    { name: 'JUnit throughput vs xml2js, wall (issue: ≥ 3×)', actual: `${vsXml2js}×`, target: '≥ 3×', pass: vsXml2js >= 3 },
    { name: 'JUnit throughput vs xml2js, wall (design aim: ≥ 6×)', actual: `${vsXml2js}×`, target: '≥ 6×', pass: vsXml2js >= 6 },
    { name: 'JUnit throughput vs xml2js, CPU time', actual: `${vsXml2jsCpu}×`, target: '≥ 6×', pass: vsXml2jsCpu >= 6 },
    { name: 'JUnit throughput vs saxes, wall, best of 3 each (design aim: ≥ 1.2×)', actual: `${vsSaxes}×`, target: '≥ 1.2×', pass: vsSaxes >= 1.2 },
    { name: 'JUnit throughput vs saxes, CPU time', actual: `${vsSaxesCpu}×`, target: '≥ 1.2×', pass: vsSaxesCpu >= 1.2 },
    { name: 'peak RSS reading the 1 GB JUnit file (issue: ≤ 256 MB)', actual: `${round(andonBig?.maxRssMB ?? NaN)} MB`, target: '≤ 256 MB', pass: (andonBig?.maxRssMB ?? Infinity) <= 256 },
    { name: 'peak RSS reading the 1 GB JUnit file (design aim: ≤ 150 MB)', actual: `${round(andonBig?.maxRssMB ?? NaN)} MB`, target: '≤ 150 MB', pass: (andonBig?.maxRssMB ?? Infinity) <= 150 },
    { name: 'same test case count as saxes and xml2js', actual: `${andon?.testcases} / ${saxes?.testcases} / ${xml2js?.testcases}`, target: 'equal', pass: sameCount },
    { name: `classification of ${CLASSIFY_N} vs ${CLASSIFY_N} tests (read baseline.json + classify), wall, best of 3`, actual: `${round(clsWall)} ms`, target: '≤ 1000 ms', pass: clsWall <= 1000 },
    { name: `classification of ${CLASSIFY_N} vs ${CLASSIFY_N} tests, CPU time`, actual: `${round(clsCpu)} ms`, target: '≤ 1000 ms', pass: clsCpu <= 1000 },
  ];
  const os = await import('node:os');
  writeResult('regression', { smallBytes, bigBytes, parsers: measured, classify: cls, cpus: os.cpus().length, loadavg: os.loadavg() }, targets);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
