// What `andon validate-config` checks of a spec stage: the rule ids it overrides and the spec paths it reads.
import type { UserError } from '../../core/errors.js';
import type { ValidateEnv } from '../../core/stage-kind.js';
import type { SpecOptions } from './options.js';
import { RULES, unknownRuleIds } from './rules.js';
import { specPathProblem, specPaths } from './spec-files.js';

export async function validateSpec(o: SpecOptions, env: ValidateEnv): Promise<UserError[]> {
  const out = unknownRuleIds(o.rules).map((id) => env.problem(['rules', id], `unknown rule id "${id}"; known: ${RULES.map((r) => r.id).join(', ')}`));
  if (!o.paths) {
    const where = specPaths(env.workspace, o);
    if (!where.ok) out.push(env.problem([], where.why));
    return out;
  }
  for (const [i, p] of o.paths.entries()) {
    const why = await specPathProblem(env.workspace, p);
    if (why) out.push(env.problem(['paths', i], why));
  }
  return out;
}
