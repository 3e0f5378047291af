// The environment a stage runs with: the runner's own credentials are withheld from code under test.
// A plain `run:` step never sees ACTIONS_* (runtime token, results and cache URLs, OIDC request token) nor the
// INPUT_* of an action (its github-token among them); a stage must not either, unless it names one in `passEnv`.
// Nor the GitHub tokens a job hands to its steps by name (GITHUB_TOKEN and GH_TOKEN for the gh CLI, their
// Enterprise forms) and the registry token actions/setup-node writes for npm (NODE_AUTH_TOKEN): a test reading its
// environment must not find a token that can push to the repository or publish a package.

const WITHHELD = /^(?:(?:ACTIONS|INPUT)_.*|(?:GITHUB|GH)(?:_ENTERPRISE)?_TOKEN|NODE_AUTH_TOKEN)$/i;
/** The withheld variables as the user reads them (config messages, docs). */
export const WITHHELD_NAMES = 'ACTIONS_*, INPUT_*, GITHUB_TOKEN, GH_TOKEN, GITHUB_ENTERPRISE_TOKEN, GH_ENTERPRISE_TOKEN, NODE_AUTH_TOKEN';

/** Whether a variable is withheld from stages by default. */
export function isWithheldFromStages(name: string): boolean {
  return WITHHELD.test(name);
}

export type Env = Readonly<Record<string, string | undefined>>;

/** The environment of one stage: everything but the withheld variables, plus those the stage names in `passEnv`. */
export function stageEnv(env: Env, passEnv: readonly string[] = []): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(env)) {
    if (!isWithheldFromStages(name) || passEnv.includes(name)) out[name] = value;
  }
  return out;
}
