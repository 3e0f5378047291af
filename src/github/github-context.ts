// The facts of the workflow run a step runs in, read once from the runner's environment.
import { realpath } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UserError } from '../core/errors.js';
import { githubSerial } from '../core/serial.js';

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
}

export function readGitHubContext(env: Readonly<Record<string, string | undefined>>): GitHubContext {
  const runId = env.GITHUB_RUN_ID ?? '';
  if (!/^\d+$/.test(runId)) throw new UserError('GITHUB_RUN_ID is not set: this action runs as a step of a GitHub Actions workflow (use `npx andon run` elsewhere)');
  const attempt = Number(env.GITHUB_RUN_ATTEMPT ?? '1') || 1;
  return {
    workspaceRoot: path.resolve(env.GITHUB_WORKSPACE ?? '.'),
    runId,
    attempt,
    serial: githubSerial(runId, attempt),
    repo: env.GITHUB_REPOSITORY ?? '',
    serverUrl: env.GITHUB_SERVER_URL ?? 'https://github.com',
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    runnerTemp: env.RUNNER_TEMP ?? tmpdir(),
    eventName: env.GITHUB_EVENT_NAME ?? '',
    refName: env.GITHUB_REF_NAME ?? '',
    baseRef: env.GITHUB_BASE_REF ?? '',
    hasResultsService: Boolean(env.ACTIONS_RUNTIME_TOKEN && env.ACTIONS_RESULTS_URL),
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
