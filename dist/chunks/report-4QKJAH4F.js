import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  REPORT_FILE,
  writeRunReport
} from "./chunk-BYCZ55WP.js";
import {
  computeMetrics,
  loadRuns
} from "./chunk-7MU3JFT3.js";
import {
  processIsAlive
} from "./chunk-ZXK4LA3K.js";
import {
  isInterrupted
} from "./chunk-XMAXQW2A.js";
import {
  openStore
} from "./chunk-JHI2SD33.js";
import "./chunk-OQFFQKPS.js";
import "./chunk-QBLW3TNU.js";
import "./chunk-OLMCVOXU.js";
import "./chunk-NW5BJ42D.js";
import "./chunk-X5YYSJ4P.js";
import "./chunk-XHCTWASW.js";
import "./chunk-2BZLSEN6.js";
import "./chunk-QHXM2DMB.js";
import "./chunk-JBUSEVB6.js";
import "./chunk-MGRT4P43.js";
import "./chunk-O4JUAHO6.js";
import "./chunk-YKR6NAYJ.js";
import "./chunk-ELIMH3I4.js";
import "./chunk-72M2R3CJ.js";
import "./chunk-M4BUQAOK.js";
import "./chunk-UACYHNGC.js";
import "./chunk-GVHEA4QO.js";
import "./chunk-5W5UWLHK.js";
import "./chunk-VXCLKI4Z.js";
import {
  UserError
} from "./chunk-6JA6VXJX.js";
import "./chunk-AS4XOIVA.js";
import "./chunk-AHBW6X22.js";
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
