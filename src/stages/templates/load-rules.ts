// One way to get a compiled rule set from a workspace: the rules file or inline rules, every problem reported at once.
import { createHash } from 'node:crypto';
import { UserErrors } from '../../core/errors.js';
import { compileRules, type RuleSet } from './rule-set.js';
import { inlineLocator, loadRulesFile, type LoadedRules, type Locator } from './rules-file.js';
import type { Rule } from './rule-schema.js';

export interface RulesSource {
  workspace: string;
  /** Rules file relative to the workspace (default `.andon/templates.yml`). */
  rulesFile?: string;
  /** Inline rules (already validated by the options schema); used instead of the file when given. */
  rules?: Rule[];
  /** Default `.andon/templates`. */
  templatesDir?: string;
  exclude?: readonly string[];
  /** Where inline rules are written, for errors at their file:line:col (`andon validate-config`); `with.…` otherwise. */
  inlineLocate?: Locator;
}

export interface LoadedRuleSet {
  set: RuleSet;
  rules: Rule[];
  /** `.andon/templates.yml` or `with.rules`. */
  origin: string;
  templatesDir: string;
  /** Digest of the rules and templates: a baseline made under other rules cannot be carried over. */
  digest: string;
}

export async function loadRuleSet(src: RulesSource): Promise<LoadedRuleSet> {
  const templatesDir = (src.templatesDir ?? '.andon/templates').replace(/\/+$/, '');
  let loaded: LoadedRules;
  let origin: string;
  if (src.rules) {
    origin = 'with.rules';
    loaded = { rules: { version: 1, exclude: [], rules: src.rules }, locate: src.inlineLocate ?? inlineLocator('with'), text: JSON.stringify(src.rules) };
  } else {
    origin = src.rulesFile ?? '.andon/templates.yml';
    loaded = await loadRulesFile(src.workspace, origin);
  }
  const { set, errors } = await compileRules(loaded.rules.rules, {
    workspace: src.workspace,
    templatesDir,
    // The templates hold `{name}` placeholders: they are models of units, not units, so no rule checks them.
    exclude: [...(src.exclude ?? []), ...loaded.rules.exclude, `${templatesDir}/**`],
    locate: loaded.locate,
    label: src.rules ? 'templates rules (with.rules)' : 'templates rules',
  });
  if (errors.length) throw errors.length === 1 ? errors[0]! : new UserErrors(errors);
  const h = createHash('sha256').update(loaded.text).update('\0').update(JSON.stringify(src.exclude ?? []));
  for (const r of set.rules) if (r.kind === 'template') for (const f of r.files) h.update(`\0${r.rule.template}/${f.path}\0${f.text}`);
  return { set, rules: loaded.rules.rules, origin, templatesDir, digest: `sha256:${h.digest('hex')}` };
}

