// Small helpers shared by the benches: timing, medians, peak memory of a child, JSON results.
import { mkdirSync, writeFileSync } from 'node:fs';
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
