import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  resolveInside
} from "./chunk-TXGCBDM3.js";
import {
  UserError
} from "./chunk-HUTQD67Y.js";

// src/core/stage-validation.ts
import { statSync } from "node:fs";
function optionLabel(p) {
  return p.map((k) => typeof k === "number" ? `[${k}]` : `.${k}`).join("");
}
function written(raw, p) {
  let node = raw;
  for (const k of p) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, k)) return false;
    node = node[k];
  }
  return node !== void 0;
}
async function validateStages(config, registry, workspace) {
  const errors = [];
  for (const [i, stage] of config.line.entries()) {
    const kind = registry.get(stage.uses);
    if (!kind?.validate) continue;
    const at = (p) => config.locate?.(["line", i, "with", ...p]) ?? { file: config.path };
    const env = {
      workspace,
      at,
      given: (p) => written(stage.rawOptions, p),
      problem: (p, message) => new UserError(`stage ${stage.id} (${stage.uses}): with${optionLabel(p)}: ${message}`, at(p))
    };
    errors.push(...await kind.validate(stage.options, env));
  }
  return errors;
}
function resolvePath(workspace, given, wanted) {
  const inside = resolveInside(workspace, given, { allowRoot: wanted !== "file" });
  if (!inside.ok) return inside;
  let st;
  try {
    st = statSync(inside.abs);
  } catch {
    return { ok: false, reason: `"${given}" does not exist in the workspace` };
  }
  if (wanted === "file" && !st.isFile()) return { ok: false, reason: `"${given}" is not a file` };
  if (wanted === "folder" && !st.isDirectory()) return { ok: false, reason: `"${given}" is not a folder` };
  if (wanted === "file or folder" && !st.isFile() && !st.isDirectory()) return { ok: false, reason: `"${given}" is neither a file nor a folder` };
  return inside;
}
function pathProblem(workspace, given, wanted) {
  const r = resolvePath(workspace, given, wanted);
  return r.ok ? null : r.reason;
}
function givenPathProblems(options, env, paths) {
  const out = [];
  for (const { path: p, wanted } of paths) {
    if (!env.given(p)) continue;
    let value = options;
    for (const k of p) value = value?.[k];
    if (typeof value !== "string") continue;
    const why = pathProblem(env.workspace, value, wanted);
    if (why) out.push(env.problem(p, why));
  }
  return out;
}

export {
  validateStages,
  resolvePath,
  pathProblem,
  givenPathProblems
};
