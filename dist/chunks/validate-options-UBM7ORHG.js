import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  givenPathProblems,
  pathProblem
} from "./chunk-UE6GT5FO.js";
import "./chunk-TXGCBDM3.js";
import "./chunk-HUTQD67Y.js";
import "./chunk-TZYN2FJC.js";

// src/stages/static-analysis/validate-options.ts
async function validateStaticAnalysis(o, env) {
  const out = givenPathProblems(o, env, [
    { path: ["eslint", "cwd"], wanted: "folder" },
    { path: ["eslint", "config"], wanted: "file" }
  ]);
  if (o.tsc) {
    const why = pathProblem(env.workspace, o.tsc.project, "file");
    if (why) out.push(env.problem(["tsc", "project"], env.given(["tsc", "project"]) ? why : `${why} (the default; name the tsconfig with tsc.project)`));
  }
  return out;
}
export {
  validateStaticAnalysis
};
