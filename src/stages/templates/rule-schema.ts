// The schema of template rules (`.andon/templates.yml` or inline `with.rules`): six kinds, each with id, message and level.
import { z } from 'zod';
import { didYouMean } from '../../core/did-you-mean.js';
import { Level } from '../../core/findings.js';

export const RULE_KINDS = ['unit', 'naming', 'content', 'imports', 'one-way', 'template'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/** What the imports and one-way rules read by default: every JavaScript, TypeScript and Python source. */
export const SOURCE_GLOBS = ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs,py,pyi}'];

const globs = (what: string) => z.array(z.string().min(1)).min(1).describe(what);

const common = {
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'a rule id is lower-case letters, digits and dashes, e.g. "feature-unit"')
    .describe('Unique id of the rule; names its findings (ruleId) and its drift figure.'),
  message: z.string().min(1).describe('What the rule asks for, in one line; told in findings and in the agent context. May use the placeholders of the rule\'s pattern.'),
  level: Level.default('error').describe('error | warning | note; which levels block is the stage\'s failOn option.'),
  exclude: z.array(z.string().min(1)).default([]).describe('Globs of workspace paths this rule ignores.'),
};

export const UnitRule = z
  .object({
    ...common,
    kind: z.literal('unit'),
    pattern: z.string().min(1).describe('Unit folder pattern, e.g. "src/features/{name}/"; each {placeholder} binds one path segment.'),
    require: z.array(z.string().min(1)).default([]).describe('Files every unit must have, relative to the unit folder; may use the pattern\'s placeholders, e.g. "{name}.service.ts".'),
    allow: z.array(z.string().min(1)).optional().describe('Globs of other files a unit may have; when given, every file neither required nor allowed is forbidden.'),
    forbid: z.array(z.string().min(1)).default([]).describe('Globs of files a unit must not have.'),
  })
  .strict();

export const NamingRule = z
  .object({
    ...common,
    kind: z.literal('naming'),
    files: globs('Globs of the files (and, with target folders/both, their folders) whose names are checked.'),
    case: z.enum(['kebab', 'camel', 'pascal', 'snake']).describe('The case every dot-separated part of a name must be in.'),
    target: z.enum(['files', 'folders', 'both']).default('files').describe('Check file names, the folders that hold them, or both.'),
  })
  .strict();

export const UserPattern = z.union([
  z.string().min(1),
  z.object({ pattern: z.string().min(1), message: z.string().min(1).optional() }).strict(),
]);
export type UserPattern = z.infer<typeof UserPattern>;

export const ContentRule = z
  .object({
    ...common,
    kind: z.literal('content'),
    files: globs('Globs of the files whose content is checked.'),
    header: z.string().min(1).optional().describe('Text every file must start with (after a shebang line, if any).'),
    headings: z.array(z.string().min(1)).optional().describe('Markdown headings every file must have, in this order, e.g. "## Decision".'),
    forbid: z.array(UserPattern).default([]).describe('Patterns (RE2 syntax, linear time) that must not occur; each match is a finding.'),
    require: z.array(UserPattern).default([]).describe('Patterns (RE2 syntax) that must occur at least once.'),
  })
  .strict()
  .refine((r) => r.header !== undefined || (r.headings?.length ?? 0) > 0 || r.forbid.length > 0 || r.require.length > 0, {
    message: 'a content rule needs at least one of header, headings, forbid, require',
  });

export const LayerRule = z
  .object({
    from: globs('Globs of the importing files, e.g. "src/domain/**".'),
    disallow: globs('Globs of files (or bare package names) those files must not import, e.g. "src/infra/**".'),
  })
  .strict();

export const EntryPointRule = z
  .object({
    unit: z.string().min(1).describe('Unit folder pattern, e.g. "src/features/{name}/".'),
    entry: z.array(z.string().min(1)).min(1).describe('Files of the unit that code outside it may import, e.g. "index.ts".'),
  })
  .strict();

export const ImportsRule = z
  .object({
    ...common,
    kind: z.literal('imports'),
    files: z.array(z.string().min(1)).min(1).default(SOURCE_GLOBS).describe('Globs of the source files whose imports are checked.'),
    layers: z.array(LayerRule).default([]).describe('Layer rules: files matching `from` must not import what matches `disallow`.'),
    cycles: z.boolean().default(false).describe('true: import cycles among the files are violations.'),
    entryPoints: z.array(EntryPointRule).default([]).describe('Units whose files outside code may import only through their entry files.'),
  })
  .strict()
  .refine((r) => r.layers.length > 0 || r.cycles || r.entryPoints.length > 0, {
    message: 'an imports rule needs at least one of layers, cycles: true, entryPoints',
  });

export const OneWayRule = z
  .object({
    ...common,
    kind: z.literal('one-way'),
    concern: z.string().min(1).describe('The concern, e.g. "HTTP" or "dates".'),
    modules: z.array(z.string().min(1)).min(1).describe('Packages or modules that serve the concern, e.g. ["axios", "node-fetch"]; only `through` may import them.'),
    through: globs('The files that are the one way, e.g. ["src/lib/http.ts"].'),
    files: z.array(z.string().min(1)).min(1).default(SOURCE_GLOBS).describe('Globs of the source files checked.'),
  })
  .strict();

export const TemplateRule = z
  .object({
    ...common,
    kind: z.literal('template'),
    template: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a template kind is lower-case letters, digits and dashes').describe('The template folder name under the templates folder (.andon/templates/<template>/).'),
    pattern: z.string().min(1).describe('Unit folder pattern the template applies to, e.g. "src/features/{name}/".'),
  })
  .strict();

export const Rule = z.discriminatedUnion('kind', [UnitRule, NamingRule, ContentRule, ImportsRule, OneWayRule, TemplateRule], {
  error: (iss) => {
    if (iss.code !== 'invalid_union') return undefined;
    const input = iss.input as { kind?: unknown } | undefined;
    const kind = input && typeof input === 'object' ? input.kind : undefined;
    if (typeof kind !== 'string') return `a rule needs a kind: one of ${RULE_KINDS.join(', ')}`;
    return `unknown rule kind "${kind}"${didYouMean(kind, RULE_KINDS)}; kinds are ${RULE_KINDS.join(', ')}`;
  },
});
export type Rule = z.infer<typeof Rule>;
export type UnitRule = z.infer<typeof UnitRule>;
export type NamingRule = z.infer<typeof NamingRule>;
export type ContentRule = z.infer<typeof ContentRule>;
export type ImportsRule = z.infer<typeof ImportsRule>;
export type OneWayRule = z.infer<typeof OneWayRule>;
export type TemplateRule = z.infer<typeof TemplateRule>;

export const RulesFile = z
  .object({
    version: z.literal(1).default(1).describe('Format version of the rules file.'),
    exclude: z.array(z.string().min(1)).default([]).describe('Globs every rule ignores (node_modules and .git always are).'),
    rules: z.array(Rule).describe('The rules.'),
  })
  .strict();
export type RulesFile = z.infer<typeof RulesFile>;
