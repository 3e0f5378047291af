// `andon schema [config|run]` and `andon validate-config`: the JSON Schemas from the zod schemas, and a config check.
import { z } from 'zod';
import { configJsonSchema } from '../../core/config.js';
import { RunRecord } from '../../core/run-record.js';
import { UserError, UserErrors } from '../../core/errors.js';
import { validateStages } from '../../core/stage-validation.js';
import { defaultRegistry } from '../../stages/index.js';
import type { CliIo } from '../io.js';
import { openWorkspace } from '../workspace.js';

export function runJsonSchema(): Record<string, unknown> {
  const json = z.toJSONSchema(RunRecord, { io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
  return { $id: 'https://andon.dev/schemas/run.schema.json', title: 'andon.run/v1 run record', ...json };
}

export function schemaCommand(which: string | undefined, io: CliIo): number {
  const name = which ?? 'config';
  if (name === 'config') io.out(JSON.stringify(configJsonSchema(defaultRegistry()), null, 2) + '\n');
  else if (name === 'run') io.out(JSON.stringify(runJsonSchema(), null, 2) + '\n');
  else throw new UserError(`andon schema: unknown schema "${name}"; use config or run`);
  return 0;
}

/** Checks andon.yml against its schema, then what each stage kind owns (rules files, paths): every problem at once, exit 2. */
export async function validateConfigCommand(configPath: string | undefined, json: boolean, io: CliIo): Promise<number> {
  const ws = await openWorkspace(io.cwd, configPath, io.env);
  const problems = await validateStages(ws.config, ws.registry, ws.root);
  if (problems.length === 1) throw problems[0]!;
  if (problems.length > 1) throw new UserErrors(problems);
  if (json) io.out(JSON.stringify({ path: ws.config.path, digest: ws.config.digest, stages: ws.config.line.map((s) => ({ id: s.id, uses: s.uses, blocking: s.blocking })) }, null, 2) + '\n');
  else io.out(`${ws.config.path} is valid: ${ws.config.line.map((s) => `${s.id} (${s.uses})`).join(' → ')}\n`);
  return 0;
}
