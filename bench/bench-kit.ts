// Small helpers shared by the benches: timing, medians, peak memory of a child, JSON results.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(benchDir, '..');

export interface Target {
  name: string;
  actual: string;
  target: string;
  pass: boolean;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export async function timeIt(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

export async function samples(n: number, fn: () => Promise<unknown> | unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await timeIt(fn));
  return out;
}

export function writeResult(name: string, figures: Record<string, unknown>, targets: Target[]): void {
  mkdirSync(path.join(benchDir, 'results'), { recursive: true });
  const result = { name, at: new Date().toISOString(), node: process.version, figures, targets };
  writeFileSync(path.join(benchDir, 'results', `${name}.json`), JSON.stringify(result, null, 2) + '\n');
  console.log(JSON.stringify(figures, null, 2));
  for (const t of targets) console.log(`${t.pass ? 'met ' : 'MISS'} ${t.name}: ${t.actual} (target ${t.target})`);
}

/**
 * CPU time (user + system, ms) of every child process this process has waited for, whole trees included (Linux,
 * /proc/self/stat cutime + cstime): a child's own children count once it waited for them. Read before and after
 * a spawnSync, it is the CPU the spawned command cost with everything it started.
 */
export function waitedChildrenCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  // Fields after the command name (which may hold spaces) start at its closing parenthesis; cutime and cstime are 16 and 17.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / clockTicks();
}

let ticks: number | undefined;
function clockTicks(): number {
  ticks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return ticks;
}

export interface Measured {
  wallMs: number;
  /** CPU of the process and everything it started and waited for. */
  cpuMs: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end, measuring its wall time and the CPU of its whole process tree. */
export function measureProcess(argv: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Measured {
  const cpu0 = waitedChildrenCpuMs();
  const t0 = performance.now();
  const r = spawnSync(argv[0]!, argv.slice(1), { cwd: options.cwd, env: options.env ?? process.env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const wallMs = performance.now() - t0;
  return { wallMs, cpuMs: waitedChildrenCpuMs() - cpu0, status: r.status, stdout: r.stdout, stderr: r.stderr };
}
