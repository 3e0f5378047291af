// What `andon validate-config` checks beyond the config's schema: each stage kind's own `validate` (the rules file
// it reads, the paths that must exist), every problem of every stage at once, each at its file:line:col.
import { statSync } from 'node:fs';
import type { LoadedConfig } from './config.js';
import { UserError } from './errors.js';
import { resolveInside, type InsidePath } from './inside-path.js';
import type { OptionPath, StageRegistry, ValidateEnv } from './stage-kind.js';

function optionLabel(p: OptionPath): string {
  return p.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('');
}

function written(raw: unknown, p: OptionPath): boolean {
  let node = raw;
  for (const k of p) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, k)) return false;
    node = (node as Record<string | number, unknown>)[k];
  }
  return node !== undefined;
}

/** The problems the stage kinds find in a parsed config; none when every stage's options are usable as written. */
export async function validateStages(config: LoadedConfig, registry: StageRegistry, workspace: string): Promise<UserError[]> {
  const errors: UserError[] = [];
  for (const [i, stage] of config.line.entries()) {
    const kind = registry.get(stage.uses);
    if (!kind?.validate) continue;
    const at = (p: OptionPath) => config.locate?.(['line', i, 'with', ...p]) ?? { file: config.path };
    const env: ValidateEnv = {
      workspace,
      at,
      given: (p) => written(stage.rawOptions, p),
      problem: (p, message) => new UserError(`stage ${stage.id} (${stage.uses}): with${optionLabel(p)}: ${message}`, at(p)),
    };
    errors.push(...(await kind.validate(stage.options, env)));
  }
  return errors;
}

export type PathWanted = 'file' | 'folder' | 'file or folder';

/**
 * A path an option names, resolved, when it can be used; else why not: it must stay inside the workspace (links
 * resolved) and be there, as a file or a folder as wanted. Only its type is looked at; nothing is opened. Checked
 * again when a stage runs (a folder an earlier stage was to make), so a missing cwd is not blamed on the program.
 */
export function resolvePath(workspace: string, given: string, wanted: PathWanted): InsidePath {
  const inside = resolveInside(workspace, given, { allowRoot: wanted !== 'file' });
  if (!inside.ok) return inside;
  let st;
  try {
    st = statSync(inside.abs);
  } catch {
    return { ok: false, reason: `"${given}" does not exist in the workspace` };
  }
  if (wanted === 'file' && !st.isFile()) return { ok: false, reason: `"${given}" is not a file` };
  if (wanted === 'folder' && !st.isDirectory()) return { ok: false, reason: `"${given}" is not a folder` };
  if (wanted === 'file or folder' && !st.isFile() && !st.isDirectory()) return { ok: false, reason: `"${given}" is neither a file nor a folder` };
  return inside;
}

/** Why a path an option names cannot be used (see resolvePath), or null. */
export function pathProblem(workspace: string, given: string, wanted: PathWanted): string | null {
  const r = resolvePath(workspace, given, wanted);
  return r.ok ? null : r.reason;
}

/** The problems of path options that must exist when they are written (a default is the kind's own business). */
export function givenPathProblems(options: Record<string, unknown>, env: ValidateEnv, paths: readonly { path: OptionPath; wanted: PathWanted }[]): UserError[] {
  const out: UserError[] = [];
  for (const { path: p, wanted } of paths) {
    if (!env.given(p)) continue;
    let value: unknown = options;
    for (const k of p) value = (value as Record<string | number, unknown> | undefined)?.[k];
    if (typeof value !== 'string') continue;
    const why = pathProblem(env.workspace, value, wanted);
    if (why) out.push(env.problem(p, why));
  }
  return out;
}
