import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  buildTrace
} from "./chunk-A5WO7DY5.js";
import {
  renderTrace
} from "./chunk-6NKPC6Y6.js";
import "./chunk-OXGU7SJ6.js";
import "./chunk-NWRU5D3X.js";
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
import "./chunk-JBUSEVB6.js";
import "./chunk-MGRT4P43.js";
import "./chunk-R2DVGQ2Z.js";
import "./chunk-UE6GT5FO.js";
import "./chunk-JYNWK4DA.js";
import "./chunk-NLHABGJB.js";
import "./chunk-UACYHNGC.js";
import "./chunk-GKY6TSAU.js";
import "./chunk-QTHYIHUL.js";
import "./chunk-TXGCBDM3.js";
import "./chunk-HUTQD67Y.js";
import "./chunk-TZYN2FJC.js";

// src/cli/commands/trace.ts
async function traceCommand(args, io) {
  const store = await openStore(io.cwd, args.config, args.store, io.env);
  const trace = await buildTrace(store, args.serial);
  if (args.json) {
    io.out(JSON.stringify(trace, null, 2) + "\n");
    return 0;
  }
  io.out(renderTrace(trace, (await store.loadRecord(args.serial)).stages, io.style));
  return 0;
}
export {
  traceCommand
};
