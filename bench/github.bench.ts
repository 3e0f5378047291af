// GitHub entries: cold start of each dist/ entry when nothing is uploaded (target ≤ 200 ms), and bundle size per entry,
// with the artifact and cache clients kept out of every entry's static imports (loaded lazily).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { median, repoRoot, writeResult, type Target } from './bench-kit.js';

const dist = process.env.ANDON_DIST ?? path.join(repoRoot, 'dist');
const ENTRIES = ['line', 'post', 'trace', 'command', 'regression', 'static-analysis', 'spec', 'templates'];
const ROUNDS = 11;
const TARGET_MS = 200;

/** Chunks an entry imports statically (what Node loads before the first line runs), and those it loads lazily. */
function closure(entry: string): { staticFiles: string[]; lazyFiles: string[] } {
  const seen = new Set<string>();
  const lazy = new Set<string>();
  const visit = (file: string) => {
    // Bundled code holds strings that look like imports; only real files of the bundle count.
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:^|\n)\s*import\s*(?:[^'"]*?from\s*)?["'](\.[^"']+)["']/g)) visit(path.resolve(path.dirname(file), m[1]!));
    for (const m of text.matchAll(/import\(\s*["'](\.[^"']+)["']\s*\)/g)) {
      const f = path.resolve(path.dirname(file), m[1]!);
      if (existsSync(f)) lazy.add(f);
    }
  };
  visit(path.join(dist, `${entry}.js`));
  return { staticFiles: [...seen], lazyFiles: [...lazy].filter((f) => !seen.has(f)) };
}

const bytes = (files: string[]) => files.reduce((n, f) => n + statSync(f).size, 0);

// A workspace with a one-stage line whose command costs ~nothing, and a runner environment without the
// Actions results service: the step runs the line, writes outputs and summary, and uploads nothing.
const ws = mkdtempSync(path.join(tmpdir(), 'andon-bench-gh-'));
const git = (...args: string[]) => execFileSync('git', args, { cwd: ws, stdio: 'ignore' });
git('init', '-q', '-b', 'main');
writeFileSync(path.join(ws, 'andon.yml'), 'version: 1\nline:\n  - id: noop\n    uses: command\n    with: { run: ["true"] }\n');
git('-c', 'user.email=b@b', '-c', 'user.name=b', 'add', '-A');
git('-c', 'user.email=b@b', '-c', 'user.name=b', 'commit', '-q', '-m', 'init');
const files = mkdtempSync(path.join(tmpdir(), 'andon-bench-gh-files-'));
let runId = 1_000;

function stepEnv(extra: Record<string, string>): Record<string, string> {
  const f = (n: string) => {
    const p = path.join(files, `${n}-${runId}`);
    writeFileSync(p, '');
    return p;
  };
  runId++;
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? ws,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: ws,
    GITHUB_RUN_ID: String(runId),
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_REPOSITORY: 'acme/bench',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REF_NAME: 'main',
    RUNNER_TEMP: files,
    GITHUB_OUTPUT: f('out'),
    GITHUB_STATE: f('state'),
    GITHUB_STEP_SUMMARY: f('summary'),
    ...extra,
  };
}

/** What each entry does when nothing is uploaded. */
function scenario(entry: string): { env: () => Record<string, string>; expect: number } {
  if (entry === 'line') return { env: () => stepEnv({}), expect: 0 };
  if (entry === 'command') return { env: () => stepEnv({ INPUT_STAGE: 'noop' }), expect: 0 };
  if (entry === 'post') return { env: () => stepEnv({}), expect: 0 }; // no saved state: nothing to close
  if (entry === 'trace') return { env: () => stepEnv({}), expect: 2 }; // no serial given: a usage error, before any request
  return { env: () => stepEnv({ INPUT_STAGE: 'noop' }), expect: 2 }; // a stage of another kind: refused after loading the config
}

const bare: number[] = [];
const perEntry: Record<
  string,
  { coldStartMs: number; minMs: number; cpuMs: number | null; overBareNodeMs: number; runs: number[]; staticBytes: number; lazyBytes: number; lazyChunks: string[]; exit: number | null }
> = {};
for (const entry of ENTRIES) {
  const { staticFiles, lazyFiles } = closure(entry);
  const s = scenario(entry);
  const runs: number[] = [];
  const cpuRuns: number[] = [];
  const bareHere: number[] = [];
  let exit: number | null = null;
  for (let i = 0; i < ROUNDS; i++) {
    // Bare node side by side with the entry, so machine load hits both alike.
    const t0 = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    bareHere.push(performance.now() - t0);
    const t1 = performance.now();
    // /usr/bin/time gives the child's CPU time too, which a loaded machine disturbs far less than wall time.
    const r = spawnSync('/usr/bin/time', ['-f', 'ANDON_CPU %U %S', process.execPath, path.join(dist, `${entry}.js`)], { cwd: ws, env: s.env(), encoding: 'utf8' });
    runs.push(performance.now() - t1);
    const cpu = /ANDON_CPU ([\d.]+) ([\d.]+)/.exec(r.stderr);
    if (cpu) cpuRuns.push((Number(cpu[1]) + Number(cpu[2])) * 1000);
    exit = r.status;
    if (r.status !== s.expect) throw new Error(`${entry} exited ${r.status}, expected ${s.expect}\n${r.stdout}\n${r.stderr}`);
  }
  bare.push(...bareHere);
  perEntry[entry] = {
    coldStartMs: Math.round(median(runs)),
    minMs: Math.round(Math.min(...runs)),
    cpuMs: cpuRuns.length ? Math.round(median(cpuRuns)) : null,
    overBareNodeMs: Math.round(median(runs) - median(bareHere)),
    runs: runs.map(Math.round),
    staticBytes: bytes(staticFiles),
    lazyBytes: bytes(lazyFiles),
    lazyChunks: lazyFiles.map((f) => path.basename(f)),
    exit,
  };
}

const lazyOk = ENTRIES.every((e) => {
  const { staticFiles } = closure(e);
  return !staticFiles.some((f) => /\/(artifact|cache)-[A-Z0-9]+\.js$/.test(f));
});
const allChunks = readdirSync(path.join(dist, 'chunks'));
const targets: Target[] = ENTRIES.map((e) => ({
  name: `cold start of dist/${e}.js, nothing uploaded`,
  actual: `${perEntry[e]!.coldStartMs} ms median, ${perEntry[e]!.minMs} ms min, ${perEntry[e]!.cpuMs ?? '?'} ms CPU (bare node ${Math.round(median(bare))} ms)`,
  target: `≤ ${TARGET_MS} ms`,
  pass: perEntry[e]!.coldStartMs <= TARGET_MS,
}));
targets.push({ name: 'artifact and cache clients out of every entry\'s static imports', actual: lazyOk ? 'lazy' : 'loaded eagerly', target: 'lazy', pass: lazyOk });

console.log(`\nbare node ${Math.round(median(bare))} ms`);
console.log('entry             median    min    cpu  over bare  static KiB  lazy KiB');
for (const e of ENTRIES) {
  const p = perEntry[e]!;
  console.log(
    `${e.padEnd(17)} ${String(p.coldStartMs).padStart(6)} ${String(p.minMs).padStart(6)} ${String(p.cpuMs ?? '-').padStart(6)} ${String(p.overBareNodeMs).padStart(10)} ${String(Math.round(p.staticBytes / 1024)).padStart(11)} ${String(Math.round(p.lazyBytes / 1024)).padStart(9)}`,
  );
}
writeResult(
  'github',
  { bareNodeMs: Math.round(median(bare)), rounds: ROUNDS, entries: perEntry, chunks: allChunks.length, machine: { node: process.version } },
  targets,
);
