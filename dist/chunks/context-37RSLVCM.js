import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  UserError
} from "./chunk-HUTQD67Y.js";
import "./chunk-TZYN2FJC.js";

// src/cli/commands/context.ts
async function contextCommand(args, io) {
  const { checkContext, writeContext, KNOWN_CONTEXT_FILES } = await import("./templates-LHWG3RXC.js");
  for (const t of args.targets ?? []) {
    if (!KNOWN_CONTEXT_FILES.includes(t) && !t.endsWith(".md")) throw new UserError(`--target ${t}: a context file is Markdown (${KNOWN_CONTEXT_FILES.join(", ")})`);
  }
  const o = { workspace: io.cwd, ...args.rulesFile ? { rulesFile: args.rulesFile } : {}, ...args.targets?.length ? { files: args.targets } : {} };
  if (args.check) {
    const r2 = await checkContext(o);
    for (const s of r2.stale) io.err(`${io.style.red("stale:")} ${s.why}
`);
    if (r2.ok) io.out("the andon context block is up to date\n");
    return r2.ok ? 0 : 1;
  }
  const r = await writeContext(o);
  for (const f of r.written) io.out(`${f}: andon context block written
`);
  for (const f of r.unchanged) io.out(`${f}: already up to date
`);
  return 0;
}
async function newCommand(args, io) {
  const { scaffoldUnit } = await import("./templates-LHWG3RXC.js");
  const r = await scaffoldUnit(io.cwd, args.kind, args.name, { dryRun: args.dryRun, ...args.rulesFile ? { rulesFile: args.rulesFile } : {} });
  for (const n of r.renamed ?? []) io.out(`{${n.placeholder}} = ${n.to} (given ${n.from}): rule ${n.rule} wants ${n.case} case
`);
  io.out(`${args.dryRun ? "would create" : "created"} ${r.folder}
${r.files.map((f) => `  ${f}
`).join("")}`);
  return 0;
}
export {
  contextCommand,
  newCommand
};
