import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  enableCompileCache
} from "./chunks/chunk-S7DLDSZF.js";
import "./chunks/chunk-TZYN2FJC.js";

// src/github/entries/verdict.ts
enableCompileCache();
var { runVerdictStep } = await import("./chunks/verdict-step-5NXHI22M.js");
runVerdictStep();
