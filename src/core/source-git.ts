// The git questions behind a run's source facts that depend on the workspace alone, asked at once. Apart from
// source.ts (which loads zod), so the CLI can ask them first thing and let the processes run while it loads.
import { git, gitOut, type GitEnv, type GitResult } from './git.js';

export interface SourceAnswers {
  /** `git status --porcelain=v2 --branch`: HEAD's commit and branch, and the changes. */
  status: GitResult;
  /** Local and remote branches with their commits, and origin's HEAD as the symbolic ref it is. */
  refs: string | undefined;
  /** remote.origin.url; not asked when GITHUB_REPOSITORY names the repository. */
  remoteUrl: string | undefined;
}

/** Each process started is on every run's start-up path: one git command answers several questions where it can. */
export async function askSourceQuestions(workspace: string, env: GitEnv): Promise<SourceAnswers> {
  const [status, refs, remoteUrl] = await Promise.all([
    git(workspace, ['status', '--porcelain=v2', '--branch', '--untracked-files=normal', '--', '.', ':(exclude).andon'], env),
    gitOut(workspace, ['for-each-ref', '--format=%(refname) %(objectname) %(symref)', 'refs/heads', 'refs/remotes'], env),
    env.GITHUB_REPOSITORY ? Promise.resolve(undefined) : gitOut(workspace, ['config', '--get', 'remote.origin.url'], env),
  ]);
  return { status, refs, remoteUrl };
}
