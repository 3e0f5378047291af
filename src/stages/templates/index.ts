// The templates stage kind and its functions for `andon context` and `andon new`.
export { templatesStage, CONTEXT_RULE } from './templates-stage.js';
export { TemplatesOptions } from './options.js';
export { RulesFile, Rule, RULE_KINDS } from './rule-schema.js';
export { renderContext, checkContext, writeContext, CONTEXT_START, CONTEXT_END, KNOWN_CONTEXT_FILES, type ContextOptions, type ContextCheck } from './agent-context.js';
export { scaffoldUnit, type ScaffoldOptions, type ScaffoldResult } from './scaffold.js';
export { loadRuleSet, type RulesSource } from './load-rules.js';
