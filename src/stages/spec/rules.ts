// The spec stage's rule catalogue: id, default level and a one-line doc per rule; levels resolved from the options.
import type { Level } from '../../core/findings.js';
import type { RuleLevel } from './options.js';

export interface RuleDoc {
  id: string;
  level: Level;
  doc: string;
}

export const RULES: readonly RuleDoc[] = [
  { id: 'spec/unreadable', level: 'error', doc: 'A spec file is binary, not UTF-8, larger than maxFileBytes, or cannot be read.' },
  { id: 'spec/symlink', level: 'warning', doc: 'A symlink under a spec folder loops or leads outside the workspace; it is not followed.' },
  { id: 'spec/front-matter', level: 'error', doc: 'Andon front matter is not valid YAML or lacks id, title or a status of draft|ready|done.' },
  { id: 'spec/missing-section', level: 'error', doc: 'A mandatory section or file of the format is missing (spec-kit: User Scenarios & Testing, Requirements, Success Criteria).' },
  { id: 'spec/duplicate-id', level: 'error', doc: 'The same requirement or spec id is defined twice in the spec set.' },
  { id: 'spec/broken-reference', level: 'error', doc: 'A reference to a requirement id or a relative file link that does not exist.' },
  { id: 'spec/ambiguous-wording', level: 'warning', doc: 'A word from the ambiguity lexicon ("fast", "etc.", "TBD", ...) that a test cannot check.' },
  { id: 'spec/no-acceptance-criteria', level: 'warning', doc: 'A requirement or user story with no acceptance criteria (Given/When/Then, bullets or scenarios).' },
  { id: 'spec/empty-section', level: 'warning', doc: 'A heading with nothing under it.' },
  { id: 'spec/needs-clarification', level: 'warning', doc: 'A [NEEDS CLARIFICATION: ...] marker; an error when the spec is ready (or implemented/complete/done).' },
  { id: 'spec/task-id', level: 'error', doc: 'spec-kit tasks.md: a task id used twice, or a [USn] label naming a story the spec does not have.' },
  { id: 'spec/plan-missing', level: 'warning', doc: 'spec-kit feature folder with a spec.md but no plan.md.' },
  { id: 'spec/uncovered', level: 'error', doc: 'requireCoverage: a requirement in scope has no test tracing to it.' },
  { id: 'spec/failing', level: 'error', doc: 'requireCoverage: a requirement in scope has a test that failed in this run.' },
  { id: 'spec/unknown-trace', level: 'warning', doc: 'A test traces to a requirement id the spec set does not define.' },
  { id: 'spec/change-without-spec', level: 'warning', doc: 'Code under changes.paths changed with no spec or change file changed (level from changes.level).' },
  { id: 'openspec/error', level: 'error', doc: 'An ERROR of OpenSpec validate --strict (same decision as the OpenSpec CLI).' },
  { id: 'openspec/warning', level: 'error', doc: 'A WARNING of OpenSpec validate --strict, which fails the item under --strict.' },
  { id: 'openspec/info', level: 'note', doc: 'An INFO of OpenSpec validate (never fails an item).' },
];

const byId = new Map(RULES.map((r) => [r.id, r]));

export function ruleDoc(id: string): RuleDoc | undefined {
  return byId.get(id);
}

/** The level of a rule after the user's `rules:` overrides; null when turned off. */
export function resolveLevel(id: string, overrides: Readonly<Record<string, RuleLevel>>, fallback?: Level): Level | null {
  const o = overrides[id];
  if (o === 'off') return null;
  if (o) return o;
  return fallback ?? byId.get(id)?.level ?? 'warning';
}

/** Rule ids in `rules:` that do not exist, for a clear refusal instead of a silently ignored typo. */
export function unknownRuleIds(overrides: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(overrides).filter((k) => !byId.has(k));
}
