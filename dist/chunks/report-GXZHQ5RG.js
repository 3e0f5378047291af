import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  isInterrupted
} from "./chunk-W3Q7MH2B.js";
import {
  openStore
} from "./chunk-2JXGRC5I.js";
import {
  REPORT_FILE,
  writeRunReport
} from "./chunk-GTE6O2DB.js";
import {
  computeMetrics,
  loadRuns
} from "./chunk-XLOL2ALQ.js";
import {
  processIsAlive
} from "./chunk-ZXK4LA3K.js";
import "./chunk-ESYEZROU.js";
import "./chunk-C5Q5Z252.js";
import "./chunk-GJWDVC35.js";
import "./chunk-OMBUU4W3.js";
import "./chunk-5DYSZA5E.js";
import "./chunk-GLWWKHJR.js";
import "./chunk-GHGCNB5W.js";
import "./chunk-STW6M52M.js";
import "./chunk-KRD3GCFI.js";
import "./chunk-SXCHTFJF.js";
import "./chunk-72QCYA4B.js";
import "./chunk-27MWIXIK.js";
import {
  UserError
} from "./chunk-37LQLRZV.js";
import "./chunk-AS4XOIVA.js";
import "./chunk-TZYN2FJC.js";

// src/cli/commands/report.ts
import { stat } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
async function isDirectory(p) {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}
async function reportCommand(args, io) {
  const store = await openStore(io.cwd, args.config, args.store);
  const runDir = store.runDir(args.serial);
  const runs = await loadRuns(store);
  if (runs.runs.length === 0 && !await store.hasRun(args.serial)) {
    throw new UserError(`no run ${args.serial} in ${store.root}: that store holds no runs yet (\`andon run\` records one; --store names another)`);
  }
  let file = args.out ? path.resolve(io.cwd, args.out) : path.join(runDir, REPORT_FILE);
  if (args.out && await isDirectory(file)) file = path.join(file, `andon-${args.serial}.html`);
  const factory = computeMetrics(runs.runs, { source: store.root, skipped: runs.skipped, ...args.last ? { last: args.last } : {} });
  const size = await writeRunReport({ store, serial: args.serial, factory, now: /* @__PURE__ */ new Date(), isInterrupted: (r) => isInterrupted(r, processIsAlive, hostname()) }, file);
  io.out(`${file}
`);
  io.err(io.style.dim(`report of ${args.serial}: ${(size / 1024).toFixed(0)} KiB, opens offline (file://)
`));
  return 0;
}
export {
  reportCommand
};
