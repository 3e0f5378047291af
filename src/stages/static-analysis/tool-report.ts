// The contract between the static-analysis stage and the process that runs ESLint or tsc for it: the request the
// stage writes, and the report the process writes back (validated here, since code under test runs in that process).
import { z } from 'zod';

export interface EslintRequest {
  tool: 'eslint';
  workspace: string;
  /** Absolute folder ESLint runs in. */
  cwd: string;
  version: string;
  flat: boolean;
  patterns: string[];
  /** Absolute config file given with `config`, or null for the one ESLint finds. */
  configFile: string | null;
  /** Absolute changed files to lint when only the change is in scope; null lints `patterns`. */
  candidates: string[] | null;
  /** ESLint's own per-file result cache (content strategy); null lints every file. */
  cacheFile: string | null;
}

export interface TscRequest {
  tool: 'tsc';
  workspace: string;
  /** Absolute tsconfig. */
  project: string;
  /** The tsconfig as the options name it, for messages. */
  projectName: string;
  /** Workspace-relative changed files to report on; null reports on the whole program. */
  changedFiles: string[] | null;
}

export type ToolRequest = (EslintRequest | TscRequest) & { reportFile: string };

const Failure = z.object({ ok: z.literal(false), reason: z.string() }).strict();

const EslintMessage = z.object({
  ruleId: z.string().nullable(),
  severity: z.number(),
  message: z.string(),
  line: z.number().optional(),
  column: z.number().optional(),
  endLine: z.number().optional(),
  endColumn: z.number().optional(),
  fatal: z.boolean().optional(),
});
export type EslintMessage = z.infer<typeof EslintMessage>;

export const EslintReport = z.discriminatedUnion('ok', [
  z
    .object({
      ok: z.literal(true),
      results: z.array(z.object({ filePath: z.string(), messages: z.array(EslintMessage) })),
      /** Docs links of the rules that reported something. */
      ruleUrls: z.record(z.string(), z.string()),
      /** Absolute files handed to ESLint when only the change was in scope; null when `patterns` were linted. */
      linted: z.array(z.string()).nullable(),
      /** Some linted file's config reads type information: its findings can change when another file does. */
      typeAware: z.boolean(),
      notes: z.array(z.string()),
    })
    .strict(),
  Failure,
]);
export type EslintReport = z.infer<typeof EslintReport>;

const Position = z.object({ line: z.number(), column: z.number() }).strict();
export const TscReport = z.discriminatedUnion('ok', [
  z
    .object({
      ok: z.literal(true),
      version: z.string(),
      /** The project's own root files (its files and include), which is what was checked. */
      rootFiles: z.number(),
      /** Every file in the program: the root files, what they import, and the lib and @types declarations. */
      sourceFiles: z.number(),
      diagnostics: z.array(
        z
          .object({
            code: z.number(),
            level: z.enum(['error', 'warning', 'note']),
            message: z.string(),
            /** Absolute file the diagnostic is in; absent for a project-wide one. */
            file: z.string().optional(),
            start: Position.optional(),
            end: Position.optional(),
          })
          .strict(),
      ),
      /** Workspace-relative changed files reported on, when only the change was in scope. */
      reportedOn: z.array(z.string()).nullable(),
    })
    .strict(),
  Failure,
]);
export type TscReport = z.infer<typeof TscReport>;
