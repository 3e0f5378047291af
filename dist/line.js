import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  runLineStep
} from "./chunks/chunk-MTESAS7A.js";
import "./chunks/chunk-NJIFZSTW.js";
import "./chunks/chunk-IBJ5B3RI.js";
import "./chunks/chunk-HAOTEBEF.js";
import "./chunks/chunk-GLJZXTTT.js";
import "./chunks/chunk-36FUS5T6.js";
import "./chunks/chunk-ZWZRTQYX.js";
import "./chunks/chunk-3LANCK4X.js";
import "./chunks/chunk-GHGCNB5W.js";
import "./chunks/chunk-242DOQVP.js";
import "./chunks/chunk-ICOFUTHA.js";
import "./chunks/chunk-ESKMWGFS.js";
import "./chunks/chunk-WCIAZNSM.js";
import "./chunks/chunk-AS4XOIVA.js";
import "./chunks/chunk-3AJJ6AEP.js";
import "./chunks/chunk-RULR5KOT.js";
import "./chunks/chunk-QXRBFGU3.js";
import "./chunks/chunk-ZMTWOZYI.js";
import "./chunks/chunk-CN6H5EGJ.js";
import "./chunks/chunk-5C57FHY2.js";
import "./chunks/chunk-TZYN2FJC.js";

// src/github/entries/line.ts
runLineStep({ kind: "line" });
