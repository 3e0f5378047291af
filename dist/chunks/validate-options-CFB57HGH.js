import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  MissingRulesFile,
  loadRuleSet,
  pathText
} from "./chunk-AOL7J5C3.js";
import "./chunk-JYNWK4DA.js";
import "./chunk-JNAGLRNT.js";
import "./chunk-NLHABGJB.js";
import "./chunk-UACYHNGC.js";
import "./chunk-HAB4HTVZ.js";
import "./chunk-K4VEHVI3.js";
import "./chunk-GKY6TSAU.js";
import "./chunk-QTHYIHUL.js";
import "./chunk-TXGCBDM3.js";
import {
  UserError,
  UserErrors
} from "./chunk-HUTQD67Y.js";
import "./chunk-X4N7ZENU.js";
import "./chunk-TZYN2FJC.js";

// src/stages/templates/validate-options.ts
async function validateTemplates(o, env) {
  try {
    await loadRuleSet({
      workspace: env.workspace,
      rulesFile: o.rulesFile,
      templatesDir: o.templatesDir,
      exclude: o.exclude,
      ...o.rules ? { rules: o.rules, inlineLocate: (p) => ({ position: env.at(p), where: `with.${pathText(p)}` }) } : {}
    });
    return [];
  } catch (e) {
    if (e instanceof MissingRulesFile) return [env.problem(["rulesFile"], e.reason)];
    if (e instanceof UserErrors) return e.errors;
    if (e instanceof UserError) return [e];
    throw e;
  }
}
export {
  validateTemplates
};
