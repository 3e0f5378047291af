import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  RULES,
  specPathProblem,
  specPaths,
  unknownRuleIds
} from "./chunk-ORA6SIEN.js";
import "./chunk-UE6GT5FO.js";
import "./chunk-UACYHNGC.js";
import "./chunk-HAB4HTVZ.js";
import "./chunk-K4VEHVI3.js";
import "./chunk-GKY6TSAU.js";
import "./chunk-QTHYIHUL.js";
import "./chunk-TXGCBDM3.js";
import "./chunk-HUTQD67Y.js";
import "./chunk-TZYN2FJC.js";

// src/stages/spec/validate-options.ts
async function validateSpec(o, env) {
  const out = unknownRuleIds(o.rules).map((id) => env.problem(["rules", id], `unknown rule id "${id}"; known: ${RULES.map((r) => r.id).join(", ")}`));
  if (!o.paths) {
    const where = specPaths(env.workspace, o);
    if (!where.ok) out.push(env.problem([], where.why));
    return out;
  }
  for (const [i, p] of o.paths.entries()) {
    const why = await specPathProblem(env.workspace, p);
    if (why) out.push(env.problem(["paths", i], why));
  }
  return out;
}
export {
  validateSpec
};
