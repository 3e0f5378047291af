// The git questions behind a run's source facts that depend on the workspace alone, asked at once. Apart from
// source.ts (which loads zod), so the CLI can ask them first thing and let the processes run while it loads.
import { askGit, ASKS_IN_ONE_SHELL, gitOut, type GitEnv, type GitResult } from './git.js';

export interface SourceAnswers {
  /** `git status --porcelain=v2 --branch`: HEAD's commit and branch, and the changes. */
  status: GitResult;
  /** Local and remote branches with their commits, and origin's HEAD as the symbolic ref it is. */
  refs: string | undefined;
  /** remote.origin.url; not asked when GITHUB_REPOSITORY names the repository. */
  remoteUrl: string | undefined;
  /** HEAD's commit object (its parents name the base on a base branch); undefined when not asked yet or no HEAD. */
  headCommit: string | undefined;
}

const STATUS = ['status', '--porcelain=v2', '--branch', '--untracked-files=normal', '--', '.', ':(exclude).andon'];
const REFS = ['for-each-ref', '--format=%(refname) %(objectname) %(symref)', 'refs/heads', 'refs/remotes'];
const REMOTE_URL = ['config', '--get', 'remote.origin.url'];
const HEAD_COMMIT = ['cat-file', 'commit', 'HEAD'];

/** Each process started is on every run's start-up path: the questions go to git together (see askGit). */
export async function askSourceQuestions(workspace: string, env: GitEnv): Promise<SourceAnswers> {
  const questions = [STATUS, REFS, ...(env.GITHUB_REPOSITORY ? [] : [REMOTE_URL])];
  // HEAD's commit names the base on a base branch; asked up front only where that costs no process of its own.
  const answers = await askGit(workspace, ASKS_IN_ONE_SHELL ? [...questions, HEAD_COMMIT] : questions, env);
  const out = (r: GitResult | undefined) => (r?.ok ? r.stdout.trim() : undefined);
  const [status, refs] = answers;
  return {
    status: status!,
    refs: out(refs),
    remoteUrl: env.GITHUB_REPOSITORY ? undefined : out(answers[2]),
    headCommit: ASKS_IN_ONE_SHELL ? out(answers[questions.length]) : undefined,
  };
}

/** `git cat-file commit HEAD`, asked now (the start-up answers did not hold it). */
export function askHeadCommit(workspace: string, env: GitEnv): Promise<string | undefined> {
  return gitOut(workspace, HEAD_COMMIT, env);
}
