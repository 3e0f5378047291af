// Builds the bundles once per test run into a private folder; tests spawn them as users and the runner do.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    distDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(path.join(tmpdir(), 'andon-dist-'));
  execFileSync(process.execPath, [path.resolve(import.meta.dirname, '../scripts/build.mjs'), `--outdir=${dir}`], { stdio: 'inherit' });
  project.provide('distDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
