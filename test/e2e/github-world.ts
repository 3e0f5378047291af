// A small GitHub for the e2e tests: the loopback emulator, an origin repository, fresh runners, and steps spawned as the runner does.
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { ActionsEmulator, type EmulatedRun } from '../emulator/actions-emulator.js';
import { gitIn } from '../helpers/git-repo.js';
import { makeTempDir } from '../helpers/stage-context.js';
import { runStep, type StepOptions, type StepResult } from './action-step.js';

export const TOKEN = 'ghs_e2eTokenValue1234';
export const REPO = 'acme/widget';

export interface World {
  emulator: ActionsEmulator;
  distDir: string;
  origin: string;
}

export function run(id: number, attempt: number, sha: string, extra: Partial<EmulatedRun> = {}): EmulatedRun {
  return { id, attempt, repo: REPO, headSha: sha, headBranch: 'main', workflowPath: '.github/workflows/andon.yml', ...extra };
}

/** A fresh job on a fresh runner: a new clone checked out at `sha`, an empty RUNNER_TEMP; nothing local survives between jobs. */
export async function newJob(w: World, sha: string): Promise<{ ws: string; runnerTemp: string }> {
  const ws = await makeTempDir('andon-e2e-ws-');
  gitIn(ws, 'clone', '-q', w.origin, '.');
  gitIn(ws, 'checkout', '-q', sha);
  const runnerTemp = path.join(await makeTempDir('andon-e2e-runner-'), '_temp');
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
  const job = await newJob(w, sha);
  const main = await step(w, 'command', r, job, { ...s, inputs: { stage, ...s.inputs } });
  const post = await step(w, 'post', r, job, { ...s, state: main.state });
  return { main, post };
}

/** The verdict job: no checkout, the needs of the caller as JSON. */
export async function verdictJob(w: World, r: EmulatedRun, needs: Record<string, string>, s: StepSpec = {}): Promise<StepResult> {
  const runnerTemp = path.join(await makeTempDir('andon-e2e-runner-'), '_temp');
  await mkdir(runnerTemp, { recursive: true });
  const ws = await makeTempDir('andon-e2e-empty-');
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
