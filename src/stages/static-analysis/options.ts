// The `with:` options of the static-analysis stage: which sources to read, the diff filter and the gate.
import { z } from 'zod';
import { TimeoutSeconds } from '../../core/stage-deadline.js';

/** The largest SARIF or checkstyle file read by default: a bigger one is refused, not loaded. */
export const DEFAULT_MAX_REPORT_BYTES = 128 * 1024 * 1024;

export const STATIC_ANALYSIS_DESCRIPTION = 'ESLint, tsc, any SARIF or checkstyle report as findings; diff-aware, baseline-aware gate on new problems.';

const globs = (what: string) =>
  z
    .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
    .transform((v) => (typeof v === 'string' ? [v] : v))
    .describe(`${what}: a glob or a list of globs relative to the workspace`);

export const EslintOptions = z
  .object({
    patterns: z
      .array(z.string().min(1))
      .default(['.'])
      .describe('files, folders or globs to lint, relative to `cwd` (like the arguments of `eslint`)'),
    cwd: z.string().min(1).default('.').describe('folder ESLint runs in, relative to the workspace (where its config is looked up)'),
    config: z.string().min(1).optional().describe('config file to use instead of the one ESLint finds (`eslint -c`)'),
    configType: z
      .enum(['auto', 'flat', 'legacy'])
      .default('auto')
      .describe('flat (eslint.config.*) or legacy (.eslintrc*); auto follows ESLINT_USE_FLAT_CONFIG and ESLint\'s own default'),
  })
  .strict();
export type EslintOptions = z.infer<typeof EslintOptions>;

export const TscOptions = z
  .object({
    project: z.string().min(1).default('tsconfig.json').describe('the tsconfig to check (`tsc -p`), relative to the workspace'),
  })
  .strict();
export type TscOptions = z.infer<typeof TscOptions>;

const Eslint = z
  .union([z.literal(true), EslintOptions])
  .transform((v) => (v === true ? EslintOptions.parse({}) : v))
  .describe('run the ESLint installed in the workspace with its own config: `true` or options');
const Tsc = z
  .union([z.literal(true), TscOptions])
  .transform((v) => (v === true ? TscOptions.parse({}) : v))
  .describe('type-check with the workspace\'s TypeScript: `true` or { project }');

export const StaticAnalysisOptions = z
  .object({
    eslint: Eslint.optional(),
    tsc: Tsc.optional(),
    sarif: globs('SARIF 2.1.0 files written by any tool (CodeQL, Semgrep, Ruff, Trivy, ...)').optional(),
    checkstyle: globs('checkstyle XML reports').optional(),
    filter: z
      .enum(['added', 'diff_context', 'file', 'nofilter'])
      .default('added')
      .describe('which findings count: on lines the change added, near them (diff_context), in files it touched, or all (nofilter)'),
    failOn: z.enum(['error', 'warning', 'note']).default('error').describe('lowest level of a finding that fails the gate'),
    newOnly: z
      .boolean()
      .optional()
      .describe('block only findings not in the baseline; defaults to true when a baseline exists'),
    maxReportBytes: z
      .number()
      .int()
      .positive()
      .default(DEFAULT_MAX_REPORT_BYTES)
      .describe('largest report read (a SARIF or checkstyle file, or what ESLint or tsc report); a bigger one is refused'),
    timeoutSeconds: TimeoutSeconds,
  })
  .strict()
  .refine((o) => o.eslint || o.tsc || o.sarif || o.checkstyle, {
    message: 'name at least one source: eslint, tsc, sarif or checkstyle',
  });
export type StaticAnalysisOptions = z.infer<typeof StaticAnalysisOptions>;

export type SourceName = 'eslint' | 'tsc' | 'sarif' | 'checkstyle';

/** The sources the options name, in the order they are gathered. */
export function configuredSources(o: StaticAnalysisOptions): SourceName[] {
  return (['eslint', 'tsc', 'sarif', 'checkstyle'] as const).filter((n) => o[n] !== undefined);
}

/** Reports written by another step: only a recorded run of the base has them, they cannot be made again there. */
export const INGESTED: readonly SourceName[] = ['sarif', 'checkstyle'];
export const NOT_AT_BASE = 'an ingested report cannot be made again at the base; only a recorded run of the base commit has its findings';

/** Why these options leave nothing to judge at the base (only ingested reports), or null: known before the stage's code loads. */
export function notJudgedAtBase(o: StaticAnalysisOptions): string | null {
  return configuredSources(o).every((n) => INGESTED.includes(n)) ? NOT_AT_BASE : null;
}
