// `andon context [--check] [--target file]` and `andon new <kind> <name>`: the templates stage's rules for agents and people.
import { UserError } from '../../core/errors.js';
import type { CliIo } from '../io.js';

export interface ContextArgs {
  check: boolean;
  targets?: string[];
  rulesFile?: string;
}

export async function contextCommand(args: ContextArgs, io: CliIo): Promise<number> {
  const { checkContext, writeContext, KNOWN_CONTEXT_FILES } = await import('../../stages/templates/index.js');
  for (const t of args.targets ?? []) {
    if (!KNOWN_CONTEXT_FILES.includes(t) && !t.endsWith('.md')) throw new UserError(`--target ${t}: a context file is Markdown (${KNOWN_CONTEXT_FILES.join(', ')})`);
  }
  const o = { workspace: io.cwd, ...(args.rulesFile ? { rulesFile: args.rulesFile } : {}), ...(args.targets?.length ? { files: args.targets } : {}) };
  if (args.check) {
    const r = await checkContext(o);
    for (const s of r.stale) io.err(`${io.style.red('stale:')} ${s.why}\n`);
    if (r.ok) io.out('the andon context block is up to date\n');
    return r.ok ? 0 : 1;
  }
  const r = await writeContext(o);
  for (const f of r.written) io.out(`${f}: andon context block written\n`);
  for (const f of r.unchanged) io.out(`${f}: already up to date\n`);
  return 0;
}

export interface NewArgs {
  kind: string;
  name: string;
  dryRun: boolean;
  rulesFile?: string;
}

export async function newCommand(args: NewArgs, io: CliIo): Promise<number> {
  const { scaffoldUnit } = await import('../../stages/templates/index.js');
  const r = await scaffoldUnit(io.cwd, args.kind, args.name, { dryRun: args.dryRun, ...(args.rulesFile ? { rulesFile: args.rulesFile } : {}) });
  for (const n of r.renamed ?? []) io.out(`{${n.placeholder}} = ${n.to} (given ${n.from}): rule ${n.rule} wants ${n.case} case\n`);
  io.out(`${args.dryRun ? 'would create' : 'created'} ${r.folder}\n${r.files.map((f) => `  ${f}\n`).join('')}`);
  return 0;
}
