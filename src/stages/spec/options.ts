// The `with:` options of the spec stage, validated once at the edge.
import { z } from 'zod';
import { TimeoutSeconds } from '../../core/stage-deadline.js';

export const SPEC_DESCRIPTION =
  'Validates specs (Andon, spec-kit, OpenSpec), traces requirements to the tests of this run and flags code changed without its spec.';

export const RuleLevel = z.enum(['off', 'note', 'warning', 'error']);
export type RuleLevel = z.infer<typeof RuleLevel>;

export const DEFAULT_LEXICON = [
  'fast', 'quick', 'quickly', 'user-friendly', 'easy', 'easily', 'simple', 'intuitive', 'etc.', 'as appropriate',
  'as needed', 'if possible', 'where possible', 'TBD', 'robust', 'efficient', 'flexible', 'seamless', 'seamlessly',
  'reasonable', 'adequate', 'appropriate', 'approximately', 'and/or', 'state-of-the-art', 'minimal', 'optimal',
] as const;

export const SpecOptions = z
  .object({
    format: z
      .enum(['auto', 'andon', 'spec-kit', 'openspec'])
      .default('auto')
      .describe('Spec format: auto (detected per file and folder), andon, spec-kit or openspec.'),
    paths: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe('Folders or globs (relative to the workspace) holding the specs; a folder that does not exist is an error. Default: those of openspec/, specs/ and .specify/specs/ that exist (of the configured format\'s), an error naming them when none does.'),
    idPrefixes: z
      .array(z.string().regex(/^[A-Z][A-Z0-9]*$/, 'an id prefix is upper-case letters and digits, e.g. REQ'))
      .min(1)
      .default(['REQ'])
      .describe('Prefixes of requirement ids in the Andon format: REQ makes REQ-12 an id.'),
    rules: z
      .record(z.string(), RuleLevel)
      .default({})
      .describe('Level per rule id, e.g. { "spec/ambiguous-wording": "error" }; "off" disables a rule.'),
    lexicon: z
      .array(z.string().min(1))
      .optional()
      .describe('Ambiguous words and phrases to flag; replaces the default lexicon.'),
    lexiconAdd: z.array(z.string().min(1)).default([]).describe('Words and phrases added to the (default or given) lexicon.'),
    requireCoverage: z
      .enum(['must', 'all', 'none'])
      .default('none')
      .describe('Gate on traceability: must = requirements with MUST/SHALL and P1 stories need passing tests; all = every requirement; none = report only.'),
    regressionStages: z
      .array(z.string())
      .optional()
      .describe('Ids of the regression stages whose tests trace to requirements; default every stage with uses: regression.'),
    changes: z
      .object({
        paths: z.array(z.string().min(1)).min(1).describe('Globs of code that must not change without a spec or change file changing too.'),
        specPaths: z
          .array(z.string().min(1))
          .optional()
          .describe('Globs whose change counts as a spec change; default the spec paths and openspec/changes/**.'),
        level: z.enum(['note', 'warning', 'error']).default('warning').describe('Level of the finding.'),
      })
      .strict()
      .optional()
      .describe('Change linkage: code changed under `paths` with no spec or change file changed is a finding.'),
    failOn: z
      .enum(['error', 'warning', 'none'])
      .default('error')
      .describe('Lowest finding level that fails the stage.'),
    newOnly: z.boolean().default(false).describe('Fail only on findings that are not in the baseline.'),
    maxFileBytes: z
      .number()
      .int()
      .positive()
      .default(4 * 1024 * 1024)
      .describe('Spec files larger than this are refused with a finding instead of read.'),
    maxFiles: z.number().int().positive().default(20_000).describe('Refuse to walk more spec files than this.'),
    timeoutSeconds: TimeoutSeconds,
  })
  .strict();

export type SpecOptions = z.infer<typeof SpecOptions>;
