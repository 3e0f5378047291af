// Whether actions/checkout left the job's token in git's config (persist-credentials, its default): every process of
// the job, code under test among them, can read it there with `git config`. Andon cannot take it back; it says so.
import { gitOut, type GitEnv } from '../core/git.js';

/** The git config keys (never their values) that hold an Authorization header, through includes (checkout v6 keeps it in an included file). */
export async function persistedCredentials(workspace: string, env: GitEnv): Promise<string[]> {
  const out = await gitOut(workspace, ['config', '--includes', '--get-regexp', '^http\\..*\\.extraheader$'], env);
  if (!out) return [];
  const keys = new Set<string>();
  for (const line of out.split('\n')) {
    const space = line.indexOf(' ');
    if (space > 0 && /^authorization:/i.test(line.slice(space + 1).trim())) keys.add(line.slice(0, space));
  }
  return [...keys];
}

export function persistedCredentialsNote(keys: readonly string[]): string {
  return `actions/checkout left the job's token in git's config (${keys.join(', ')}), where the code under test can read it with \`git config\`: set \`persist-credentials: false\` on actions/checkout (Andon needs no token there)`;
}
