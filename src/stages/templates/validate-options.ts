// What `andon validate-config` checks of a templates stage: its rules (the rules file or `with.rules`) loaded and
// compiled as a run would, every problem at its file:line:col.
import { UserError, UserErrors } from '../../core/errors.js';
import type { ValidateEnv } from '../../core/stage-kind.js';
import { loadRuleSet } from './load-rules.js';
import type { TemplatesOptions } from './options.js';
import { MissingRulesFile, pathText } from './rules-file.js';

export async function validateTemplates(o: TemplatesOptions, env: ValidateEnv): Promise<UserError[]> {
  try {
    await loadRuleSet({
      workspace: env.workspace,
      rulesFile: o.rulesFile,
      templatesDir: o.templatesDir,
      exclude: o.exclude,
      ...(o.rules ? { rules: o.rules, inlineLocate: (p: readonly (string | number)[]) => ({ position: env.at(p), where: `with.${pathText(p)}` }) } : {}),
    });
    return [];
  } catch (e) {
    if (e instanceof MissingRulesFile) return [env.problem(['rulesFile'], e.reason)];
    if (e instanceof UserErrors) return e.errors;
    if (e instanceof UserError) return [e];
    throw e;
  }
}
