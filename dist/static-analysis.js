import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  enableCompileCache
} from "./chunks/chunk-S7DLDSZF.js";
import "./chunks/chunk-TZYN2FJC.js";

// src/github/entries/static-analysis.ts
enableCompileCache();
var { runLineStep } = await import("./chunks/line-step-67J4KDQT.js");
runLineStep({ kind: "stage", uses: "static-analysis" });
