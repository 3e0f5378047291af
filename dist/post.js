import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  enableCompileCache
} from "./chunks/chunk-S7DLDSZF.js";
import "./chunks/chunk-TZYN2FJC.js";

// src/github/entries/post.ts
enableCompileCache();
var { runPostStep } = await import("./chunks/post-step-K6VCIL3I.js");
runPostStep();
