import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  openWorkspace
} from "./chunk-6XIAA4RZ.js";
import {
  configJsonSchema,
  defaultRegistry
} from "./chunk-5OCHSZKT.js";
import "./chunk-5BSIPENY.js";
import "./chunk-SPBR4F3X.js";
import "./chunk-EM73ES6I.js";
import "./chunk-QZDB3VMJ.js";
import "./chunk-H2VICYEQ.js";
import "./chunk-PE5NFLL3.js";
import "./chunk-JBUSEVB6.js";
import "./chunk-MGRT4P43.js";
import {
  RunRecord
} from "./chunk-R2DVGQ2Z.js";
import {
  validateStages
} from "./chunk-UE6GT5FO.js";
import "./chunk-JYNWK4DA.js";
import "./chunk-NLHABGJB.js";
import "./chunk-UACYHNGC.js";
import "./chunk-GKY6TSAU.js";
import {
  toJSONSchema
} from "./chunk-QTHYIHUL.js";
import "./chunk-TXGCBDM3.js";
import {
  UserError,
  UserErrors
} from "./chunk-HUTQD67Y.js";
import "./chunk-TZYN2FJC.js";

// src/cli/commands/schema.ts
function runJsonSchema() {
  const json = toJSONSchema(RunRecord, { io: "output", unrepresentable: "any" });
  return { $id: "https://andon.dev/schemas/run.schema.json", title: "andon.run/v1 run record", ...json };
}
function schemaCommand(which, io) {
  const name = which ?? "config";
  if (name === "config") io.out(JSON.stringify(configJsonSchema(defaultRegistry()), null, 2) + "\n");
  else if (name === "run") io.out(JSON.stringify(runJsonSchema(), null, 2) + "\n");
  else throw new UserError(`andon schema: unknown schema "${name}"; use config or run`);
  return 0;
}
async function validateConfigCommand(configPath, json, io) {
  const ws = await openWorkspace(io.cwd, configPath, io.env);
  const problems = await validateStages(ws.config, ws.registry, ws.root);
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1) throw new UserErrors(problems);
  if (json) io.out(JSON.stringify({ path: ws.config.path, digest: ws.config.digest, stages: ws.config.line.map((s) => ({ id: s.id, uses: s.uses, blocking: s.blocking })) }, null, 2) + "\n");
  else io.out(`${ws.config.path} is valid: ${ws.config.line.map((s) => `${s.id} (${s.uses})`).join(" \u2192 ")}
`);
  return 0;
}
export {
  runJsonSchema,
  schemaCommand,
  validateConfigCommand
};
