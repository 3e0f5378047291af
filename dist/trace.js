import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  enableCompileCache
} from "./chunks/chunk-S7DLDSZF.js";
import "./chunks/chunk-TZYN2FJC.js";

// src/github/entries/trace.ts
enableCompileCache();
var { runTraceStep } = await import("./chunks/trace-step-JNXSHBBA.js");
runTraceStep();
