// A small GitHub for the e2e tests: the loopback emulator, an origin repository, fresh runners, and steps spawned as the runner does.
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { RunRecord } from '../../src/core/run-record.js';
import { traceSerial, type TraceResult } from '../../src/github/trace.js';
import { ActionsEmulator, type EmulatedRun } from '../emulator/actions-emulator.js';
import { commitAll, gitIn, makeRepo, writeFiles } from '../helpers/git-repo.js';
import { makeTempDir } from '../helpers/stage-context.js';
import { runStep, type StepOptions, type StepResult } from './action-step.js';

export const TOKEN = 'ghs_e2eTokenValue1234';
export const REPO = 'acme/widget';

export interface World {
  emulator: ActionsEmulator;
  distDir: string;
  origin: string;
  /** Where the runners' RUNNER_TEMP folders live (made on first use). */
  runnersRoot?: string;
}

export function run(id: number, attempt: number, sha: string, extra: Partial<EmulatedRun> = {}): EmulatedRun {
  return { id, attempt, repo: REPO, headSha: sha, headBranch: 'main', workflowPath: '.github/workflows/andon.yml', ...extra };
}

/**
 * A fresh job on a fresh runner: a new clone checked out at `sha`, an empty RUNNER_TEMP; nothing local survives
 * between jobs. RUNNER_TEMP is the same path for every job of a runner slot, as on GitHub's images (the cache
 * version hashes it); jobs that run at the same time take different slots.
 */
export async function newJob(w: World, sha: string, slot = 0): Promise<{ ws: string; runnerTemp: string }> {
  const ws = await makeTempDir('andon-e2e-ws-');
  gitIn(ws, 'clone', '-q', w.origin, '.');
  gitIn(ws, 'checkout', '-q', sha);
  w.runnersRoot ??= await makeTempDir('andon-e2e-runners-');
  const runnerTemp = path.join(w.runnersRoot, `runner-${slot}`, '_temp');
  await rm(runnerTemp, { recursive: true, force: true });
  await mkdir(runnerTemp, { recursive: true });
  return { ws, runnerTemp };
}

export interface StepSpec {
  inputs?: Record<string, string>;
  state?: Record<string, string>;
  env?: Record<string, string>;
  cancel?: StepOptions['cancel'];
  timeoutMs?: number;
  /** The runner slot of a job that runs at the same time as another. */
  slot?: number;
}

/** One step of a job of `r`, spawned from the built bundle with the run's environment and event. */
export function step(w: World, entry: string, r: EmulatedRun, job: { ws: string; runnerTemp: string }, s: StepSpec = {}): Promise<StepResult> {
  return runStep({
    ...(s.cancel ? { cancel: s.cancel } : {}),
    distDir: w.distDir,
    entry,
    env: { ...w.emulator.stepEnv(r), GITHUB_WORKSPACE: job.ws, RUNNER_TEMP: job.runnerTemp, GITHUB_TOKEN: '', ...s.env },
    inputs: { config: 'andon.yml', 'github-token': TOKEN, ...s.inputs },
    ...(s.state ? { state: s.state } : {}),
    event: ActionsEmulator.eventOf(r),
    timeoutMs: s.timeoutMs ?? 90_000,
  });
}

/** A job that runs one stage action: main step, then its post step (as the runner always does). */
export async function stageJob(w: World, r: EmulatedRun, sha: string, stage: string, s: StepSpec = {}): Promise<{ main: StepResult; post: StepResult }> {
  const job = await newJob(w, sha, s.slot);
  const main = await step(w, 'command', r, job, { ...s, inputs: { stage, ...s.inputs } });
  const post = await step(w, 'post', r, job, { ...s, state: main.state });
  return { main, post };
}

/** The verdict job: no checkout, the needs of the caller as JSON. */
export async function verdictJob(w: World, r: EmulatedRun, needs: Record<string, string>, s: StepSpec = {}): Promise<StepResult> {
  const ws = await makeTempDir('andon-e2e-empty-');
  w.runnersRoot ??= await makeTempDir('andon-e2e-runners-');
  const runnerTemp = path.join(w.runnersRoot, `runner-${s.slot ?? 0}`, '_temp');
  await rm(runnerTemp, { recursive: true, force: true });
  await mkdir(runnerTemp, { recursive: true });
  const json = JSON.stringify(Object.fromEntries(Object.entries(needs).map(([k, v]) => [k, { result: v, outputs: {} }])));
  return step(w, 'verdict', r, { ws, runnerTemp }, { ...s, inputs: { needs: json, ...s.inputs } });
}

/** A job summary as a reader sees it: rendered as GitHub Flavored Markdown, tags dropped, entities decoded. */
export function renderedText(markdown: string): string {
  const html = micromark(markdown, { extensions: [gfm()], htmlExtensions: [gfmHtml()] });
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

const CONFIG = `version: 1
line:
  - id: lint
    uses: command
    with:
      run: [node, -e, "console.log('lint ok')"]
      inputs: [lint.cfg]
  - id: unit
    uses: command
    with:
      run: [node, check.mjs]
      inputs: [check.mjs, src/**]
  - id: package
    uses: command
    with:
      run: [node, -e, "console.log('packaged')"]
      inputs: [src/**]
`;

// unit fails while check.mjs says so; the fix is a change to check.mjs alone, so lint and package keep their inputs.
const FAILING = `console.log('checking'); console.error('::warning::injected from a tool'); process.exit(1);\n`;
// A flaky unit: it fails when the runner says so, on the same commit ("Re-run failed jobs" runs the same sha).
const PASSING = `if (process.env.UNIT_FAILS === '1') { console.log('flaky failure'); process.exit(1); }\nconsole.log('checking'); console.log('all good');\n`;
export const FLAKY = { UNIT_FAILS: '1' };

export interface Line3World extends World {
  /** unit fails (check.mjs says so). */
  badSha: string;
  /** unit passes unless UNIT_FAILS=1. */
  goodSha: string;
  /** A pull request's merge commit on top of goodSha, as GitHub makes it under refs/pull/12/merge. */
  mergeSha: string;
}

/** A world with the three-stage line (lint, unit, package) and its commits, set up and torn down with the test file. */
export function useLine3World(): Line3World {
  const w = { emulator: new ActionsEmulator() } as Line3World;
  const saved = { ...process.env };
  beforeAll(async () => {
    w.distDir = inject('distDir');
    await w.emulator.start();
    w.emulator.acceptedTokens.add(TOKEN);
    w.origin = await makeRepo({ 'andon.yml': CONFIG, 'lint.cfg': 'strict\n', 'check.mjs': FAILING, 'src/app.js': 'export const x = 1;\n' });
    w.badSha = gitIn(w.origin, 'rev-parse', 'HEAD');
    await writeFiles(w.origin, { 'check.mjs': PASSING });
    w.goodSha = commitAll(w.origin, 'fix the check');
    gitIn(w.origin, 'checkout', '-q', '-b', 'pull-12-merge');
    await writeFiles(w.origin, { 'merged.txt': 'merged\n' });
    w.mergeSha = commitAll(w.origin, 'merge pull request 12');
    gitIn(w.origin, 'checkout', '-q', 'main');
    // In-process lookups (traceSerial) read the runner environment from process.env.
    Object.assign(process.env, { GITHUB_API_URL: w.emulator.apiUrl, GITHUB_SERVER_URL: w.emulator.serverUrl, NO_PROXY: '127.0.0.1,localhost' });
  });
  afterAll(async () => {
    await w.emulator.stop();
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
    // Append only: nothing Andon did deleted an artifact.
    expect(w.emulator.deleted).toEqual([]);
  });
  return w;
}

export function stagesOf(r: { stages: { id: string; state: string }[] } | null | undefined): string[] {
  return (r?.stages ?? []).map((s) => `${s.id}:${s.state}`);
}

export async function recordOf(res: StepResult): Promise<RunRecord> {
  return RunRecord.parse(JSON.parse(await readFile(res.outputs['record-path']!, 'utf8')));
}

export function artifactNames(w: World, runId: number): string[] {
  return w.emulator
    .artifactsOf(runId)
    .map((a) => a.name)
    .sort();
}

/** The serial looked up through REST, as `andon trace --repo` and actions/trace do. */
export async function traceOf(w: World, serial: string, stages = false): Promise<TraceResult> {
  const dest = await makeTempDir('andon-e2e-dl-');
  return traceSerial({ serial, repo: REPO, token: TOKEN, apiUrl: w.emulator.apiUrl, dest, stages });
}
