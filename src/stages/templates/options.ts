// The `with:` options of the templates stage.
import { z } from 'zod';
import { Level } from '../../core/findings.js';
import { TimeoutSeconds } from '../../core/stage-deadline.js';
import { Rule } from './rule-schema.js';

export const TEMPLATES_DESCRIPTION =
  'Checks the codebase against its own rules (units, naming, content, imports, one way per concern, templates), gates what a change introduced, and keeps the agent context in AGENTS.md fresh.';

export const TemplatesOptions = z
  .object({
    rulesFile: z.string().min(1).default('.andon/templates.yml').describe('Rules file relative to the workspace; ignored when `rules` is given inline.'),
    rules: z.array(Rule).optional().describe('Rules inline, instead of the rules file.'),
    templatesDir: z.string().min(1).default('.andon/templates').describe('Folder of the template kinds: <templatesDir>/<kind>/ holds the files of one unit with {name} placeholders.'),
    exclude: z.array(z.string().min(1)).default([]).describe('Globs of workspace paths no rule checks (node_modules and .git never are).'),
    filter: z.enum(['added', 'diff_context', 'file', 'nofilter']).default('file').describe('Which findings a change owns: on touched lines (added, diff_context), in touched files (file) or all (nofilter).'),
    newOnly: z.boolean().default(true).describe('Block only on findings new against the baseline.'),
    failOn: Level.default('error').describe('The lowest level that blocks: error, warning or note.'),
    scope: z
      .enum(['auto', 'full', 'changed'])
      .default('auto')
      .describe('What is checked: full = the whole workspace; changed = touched files, what imports them and their units, the rest carried from the baseline; auto = changed when a base commit and a baseline are known and filter is file or added.'),
    context: z.enum(['off', 'check']).default('off').describe('check: the stage fails when the agent context block in contextFiles is stale (run `andon context`).'),
    contextFiles: z.array(z.string().min(1)).min(1).default(['AGENTS.md']).describe('Files holding the agent context block, e.g. AGENTS.md, CLAUDE.md, .github/copilot-instructions.md.'),
    cache: z.union([z.string().min(1), z.literal(false)]).default('.andon/cache/templates').describe('Folder for the import graph cache (keyed by each file\'s content id); false turns it off.'),
    allowEmpty: z.boolean().default(false).describe('true: a run where no rule matches any file passes (a repository not grown into its rules yet); otherwise it is errored, since the stage judged nothing.'),
    maxFileBytes: z.number().int().positive().default(1024 * 1024).describe('Files bigger than this are not read; each is reported as a finding.'),
    timeoutSeconds: TimeoutSeconds,
  })
  .strict();
export type TemplatesOptions = z.infer<typeof TemplatesOptions>;
export type TemplatesOptionsInput = z.input<typeof TemplatesOptions>;
