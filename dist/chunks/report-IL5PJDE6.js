import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  isInterrupted
} from "./chunk-DW5FPF2Y.js";
import {
  openStore
} from "./chunk-DK5XE7NC.js";
import {
  REPORT_FILE,
  writeRunReport
} from "./chunk-ONC7NA6I.js";
import {
  computeMetrics,
  loadRuns
} from "./chunk-KNHUDFBM.js";
import {
  processIsAlive
} from "./chunk-ZXK4LA3K.js";
import "./chunk-KA4CD6AC.js";
import "./chunk-AWN5K7BZ.js";
import "./chunk-2LI2QN4U.js";
import "./chunk-OMBUU4W3.js";
import "./chunk-H6GXFC3S.js";
import "./chunk-USKHO7VV.js";
import "./chunk-UACYHNGC.js";
import "./chunk-T2IUQJD2.js";
import "./chunk-OR7ZM5VY.js";
import "./chunk-UPAB3UWU.js";
import "./chunk-PRTBBS7V.js";
import "./chunk-NCAAVBHJ.js";
import {
  UserError
} from "./chunk-4FVKWYBG.js";
import "./chunk-3PXQC2NJ.js";
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
