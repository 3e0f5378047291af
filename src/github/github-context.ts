// The facts of the workflow run a step runs in, read once from the runner's environment.
import { readFileSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UserError } from '../core/errors.js';
import { githubSerial } from '../core/serial.js';
import type { GitHubFacts } from './record-pieces.js';

export interface GitHubContext {
  /** GITHUB_WORKSPACE, absolute. */
  workspaceRoot: string;
  runId: string;
  attempt: number;
  serial: string;
  repo: string;
  serverUrl: string;
  apiUrl: string;
  runnerTemp: string;
  eventName: string;
  refName: string;
  /** The PR's base branch; '' outside pull requests. */
  baseRef: string;
  /** Artifacts and the cache need the runtime token and the results service. */
  hasResultsService: boolean;
  /** What GitHub says about this run, as every record piece keeps it. */
  facts: GitHubFacts;
  /** ACTIONS_CACHE_MODE and the trigger together: a fork's run never writes the cache. */
  cacheMode: 'read-write' | 'read' | 'none';
}

interface PullRequestEvent {
  pull_request?: { number?: number; head?: { sha?: string; ref?: string; repo?: { full_name?: string } | null }; base?: { ref?: string } };
}

function readEvent(file: string | undefined): PullRequestEvent {
  if (!file) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PullRequestEvent;
  } catch {
    return {};
  }
}

/** The cache access a run may use: the runner's ACTIONS_CACHE_MODE, and never a write for code from a fork. */
export function cacheModeOf(env: Readonly<Record<string, string | undefined>>, fork: boolean): GitHubContext['cacheMode'] {
  const mode = (env.ACTIONS_CACHE_MODE ?? '').trim().toLowerCase();
  if (mode === 'none' || mode === 'write-only') return 'none';
  if (mode === 'read' || fork) return 'read';
  return 'read-write';
}

export function readGitHubContext(env: Readonly<Record<string, string | undefined>>): GitHubContext {
  const runId = env.GITHUB_RUN_ID ?? '';
  if (!/^\d+$/.test(runId)) throw new UserError('GITHUB_RUN_ID is not set: this action runs as a step of a GitHub Actions workflow (use `npx andon run` elsewhere)');
  const attempt = Number(env.GITHUB_RUN_ATTEMPT ?? '1') || 1;
  const repo = env.GITHUB_REPOSITORY ?? '';
  const pr = readEvent(env.GITHUB_EVENT_PATH).pull_request;
  const headRepo = pr?.head?.repo?.full_name;
  // A pull request whose head lives in another repository (or in a deleted fork, head.repo null) is a fork's.
  const fork = pr !== undefined && (pr.head?.repo === null || (headRepo !== undefined && headRepo.toLowerCase() !== repo.toLowerCase()));
  const sha = env.GITHUB_SHA ?? '';
  const facts: GitHubFacts = {
    repo,
    runId,
    attempt,
    job: env.GITHUB_JOB ?? '',
    event: env.GITHUB_EVENT_NAME ?? '',
    sha,
    headSha: pr?.head?.sha ?? sha,
    ref: env.GITHUB_REF ?? '',
    headRef: env.GITHUB_HEAD_REF ?? pr?.head?.ref ?? '',
    baseRef: env.GITHUB_BASE_REF ?? pr?.base?.ref ?? '',
    pr: typeof pr?.number === 'number' ? pr.number : null,
    fork,
  };
  return {
    workspaceRoot: path.resolve(env.GITHUB_WORKSPACE ?? '.'),
    runId,
    attempt,
    serial: githubSerial(runId, attempt),
    repo,
    serverUrl: env.GITHUB_SERVER_URL ?? 'https://github.com',
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    runnerTemp: env.RUNNER_TEMP ?? tmpdir(),
    eventName: env.GITHUB_EVENT_NAME ?? '',
    refName: env.GITHUB_REF_NAME ?? '',
    baseRef: env.GITHUB_BASE_REF ?? '',
    hasResultsService: Boolean(env.ACTIONS_RUNTIME_TOKEN && env.ACTIONS_RESULTS_URL),
    facts,
    cacheMode: cacheModeOf(env, fork),
  };
}

/** A folder inside GITHUB_WORKSPACE; a working-directory that leaves it (also through a symlink) is refused. */
export async function workspaceOf(ctx: GitHubContext, workingDirectory: string): Promise<string> {
  const inside = (root: string, p: string) => p === root || p.startsWith(root + path.sep);
  const abs = path.resolve(ctx.workspaceRoot, workingDirectory);
  const outside = () => new UserError(`working-directory ${JSON.stringify(workingDirectory)} leads outside GITHUB_WORKSPACE`);
  if (!inside(ctx.workspaceRoot, abs)) throw outside();
  let real: string;
  let root: string;
  try {
    [real, root] = await Promise.all([realpath(abs), realpath(ctx.workspaceRoot)]);
  } catch {
    throw new UserError(`working-directory ${JSON.stringify(workingDirectory)} does not exist in GITHUB_WORKSPACE`);
  }
  if (!inside(root, real)) throw outside();
  return abs;
}

/** Events whose runs may leave baselines for others: never a pull request's code. */
export function isTrustedPush(ctx: GitHubContext): boolean {
  return ctx.eventName === 'push' || ctx.eventName === 'schedule';
}

/** The URL of a workflow run, from what GitHub says, never from a record. */
export function runUrl(ctx: Pick<GitHubContext, 'serverUrl' | 'repo'>, runId: string): string {
  return `${ctx.serverUrl.replace(/\/$/, '')}/${ctx.repo}/actions/runs/${runId}`;
}
