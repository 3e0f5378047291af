// The environment a stage runs with: the runner's own credentials are withheld from code under test.
// A plain `run:` step never sees ACTIONS_* (runtime token, results and cache URLs, OIDC request token) nor the
// INPUT_* of an action (its github-token among them); a stage must not either, unless it names one in `passEnv`.

const WITHHELD = /^(ACTIONS|INPUT)_/i;

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
