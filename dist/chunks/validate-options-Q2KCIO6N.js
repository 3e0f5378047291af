import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  RULES,
  specPathProblem,
  specPaths,
  unknownRuleIds
} from "./chunk-RJBZH6OI.js";
import "./chunk-ELIMH3I4.js";
import "./chunk-HAB4HTVZ.js";
import "./chunk-UACYHNGC.js";
import "./chunk-GVHEA4QO.js";
import "./chunk-5W5UWLHK.js";
import "./chunk-VXCLKI4Z.js";
import "./chunk-6JA6VXJX.js";
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
