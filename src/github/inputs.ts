// The action inputs, parsed once into a typed value with the same names in every action.
import { z } from 'zod';
import { UserError } from '../core/errors.js';
import { isValidSerial } from '../core/serial.js';
import type { ActionRuntime } from './action-runtime.js';
import { DEFAULT_SERVICE_DEADLINE_MS, Input, type InputName } from './constants.js';

const bool = (name: string, dflt: boolean) =>
  z
    .string()
    .transform((v, ctx) => {
      if (v === '') return dflt;
      if (/^(true|yes|1|on)$/i.test(v)) return true;
      if (/^(false|no|0|off)$/i.test(v)) return false;
      ctx.addIssue({ code: 'custom', message: `${name} must be true or false, not ${JSON.stringify(v)}` });
      return z.NEVER;
    });

const stageId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a stage id is lower-case letters, digits and dashes');

export const ActionInputs = z.object({
  config: z.string().describe('Path of andon.yml relative to the working directory.'),
  workingDirectory: z.string().describe('The repository root the line runs in, relative to GITHUB_WORKSPACE.'),
  stages: z.array(stageId).describe('Stage ids to run (one for a stage action; empty = the whole line).'),
  fromStage: stageId.nullable().describe('With resume: the stage to run again from.'),
  resume: z
    .string()
    .refine(isValidSerial, 'resume must be an Andon serial such as gh-123456789-1')
    .nullable()
    .describe('Serial of the recorded run to resume.'),
  githubToken: z.string().describe('Token for REST lookups of other runs (needs actions: read).'),
  retentionDays: z.number().int().min(1).max(400).nullable().describe('Artifact retention; empty = the repository default.'),
  upload: z.boolean(),
  cache: z.boolean(),
  annotations: z.boolean(),
  deadlineMs: z.number().int().positive(),
});
export type ActionInputs = z.infer<typeof ActionInputs>;

function optionalInt(runtime: ActionRuntime, name: InputName): number | null {
  const raw = runtime.input(name);
  if (raw === '') return null;
  if (!/^\d+$/.test(raw)) throw new UserError(`input ${name} must be a whole number, not ${JSON.stringify(raw)}`);
  return Number(raw);
}

/** Reads every input once; a bad value is the user's to fix (exit 2), named by its input. */
export function readInputs(runtime: ActionRuntime, fixedStage?: string): ActionInputs {
  const problems: string[] = [];
  const flag = (name: InputName, dflt: boolean): boolean => {
    const r = bool(name, dflt).safeParse(runtime.input(name));
    if (r.success) return r.data;
    problems.push(r.error.issues[0]?.message ?? `bad ${name}`);
    return dflt;
  };
  const list = (raw: string) =>
    raw
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean);
  let retentionDays: number | null = null;
  let deadlineSeconds: number | null = null;
  try {
    retentionDays = optionalInt(runtime, Input.retentionDays);
    deadlineSeconds = optionalInt(runtime, Input.deadlineSeconds);
  } catch (e) {
    problems.push((e as Error).message);
  }
  const raw = {
    config: runtime.input(Input.config) || 'andon.yml',
    workingDirectory: runtime.input(Input.workingDirectory) || '.',
    stages: fixedStage !== undefined ? [runtime.input(Input.stage) || fixedStage].filter(Boolean) : list(runtime.input(Input.stage)),
    fromStage: runtime.input(Input.fromStage) || null,
    resume: runtime.input(Input.resume) || null,
    githubToken: runtime.input(Input.githubToken) || runtime.env.GITHUB_TOKEN || '',
    retentionDays,
    upload: flag(Input.upload, true),
    cache: flag(Input.cache, true),
    annotations: flag(Input.annotations, true),
    deadlineMs: deadlineSeconds === null ? DEFAULT_SERVICE_DEADLINE_MS : deadlineSeconds * 1000,
  };
  const parsed = ActionInputs.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`input ${inputNameOf(String(issue.path[0]))}: ${issue.message}`);
  }
  if (raw.fromStage && !raw.resume) problems.push(`input ${Input.fromStage} needs ${Input.resume} (the serial of the run to resume)`);
  if (problems.length > 0 || !parsed.success) throw new UserError(problems.join('; '));
  return parsed.data;
}

function inputNameOf(key: string): string {
  const map: Record<string, InputName> = {
    config: Input.config,
    workingDirectory: Input.workingDirectory,
    stages: Input.stage,
    fromStage: Input.fromStage,
    resume: Input.resume,
    githubToken: Input.githubToken,
    retentionDays: Input.retentionDays,
    deadlineMs: Input.deadlineSeconds,
  };
  return map[key] ?? key;
}
