import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  REPORT_FILE,
  writeRunReport
} from "./chunk-APG3ZAGW.js";
import {
  computeMetrics,
  loadRuns
} from "./chunk-HQUQ24RQ.js";
import {
  isInterrupted
} from "./chunk-UMT6C33E.js";
import {
  processIsAlive
} from "./chunk-ZXK4LA3K.js";
import {
  openStore
} from "./chunk-6XIAA4RZ.js";
import "./chunk-5OCHSZKT.js";
import "./chunk-5BSIPENY.js";
import "./chunk-SPBR4F3X.js";
import "./chunk-EM73ES6I.js";
import "./chunk-QZDB3VMJ.js";
import "./chunk-H2VICYEQ.js";
import "./chunk-UVUI3JLA.js";
import "./chunk-PE5NFLL3.js";
import "./chunk-4PTP22Z7.js";
import "./chunk-JBUSEVB6.js";
import "./chunk-MGRT4P43.js";
import "./chunk-R2DVGQ2Z.js";
import "./chunk-UE6GT5FO.js";
import "./chunk-JYNWK4DA.js";
import "./chunk-NLHABGJB.js";
import "./chunk-UACYHNGC.js";
import "./chunk-K4VEHVI3.js";
import "./chunk-GKY6TSAU.js";
import "./chunk-QTHYIHUL.js";
import "./chunk-TXGCBDM3.js";
import {
  UserError
} from "./chunk-HUTQD67Y.js";
import "./chunk-AS4XOIVA.js";
import "./chunk-X4N7ZENU.js";
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
