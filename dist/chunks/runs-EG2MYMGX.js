import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  isInterrupted
} from "./chunk-UMT6C33E.js";
import {
  processIsAlive
} from "./chunk-ZXK4LA3K.js";
import {
  runsLine
} from "./chunk-NWRU5D3X.js";
import {
  openStore
} from "./chunk-6XIAA4RZ.js";
import "./chunk-5OCHSZKT.js";
import "./chunk-5BSIPENY.js";
import "./chunk-SPBR4F3X.js";
import "./chunk-EM73ES6I.js";
import "./chunk-QZDB3VMJ.js";
import "./chunk-H2VICYEQ.js";
import "./chunk-PE5NFLL3.js";
import "./chunk-JBUSEVB6.js";
import "./chunk-MGRT4P43.js";
import {
  stopOf
} from "./chunk-R2DVGQ2Z.js";
import "./chunk-UE6GT5FO.js";
import "./chunk-JYNWK4DA.js";
import "./chunk-NLHABGJB.js";
import "./chunk-UACYHNGC.js";
import "./chunk-GKY6TSAU.js";
import "./chunk-QTHYIHUL.js";
import "./chunk-TXGCBDM3.js";
import "./chunk-HUTQD67Y.js";
import "./chunk-TZYN2FJC.js";

// src/cli/commands/runs.ts
import { hostname } from "node:os";
async function runsCommand(args, io) {
  const store = await openStore(io.cwd, args.config, args.store, io.env);
  const runs = (await store.listRuns()).slice(0, args.limit);
  if (args.json) {
    io.out(
      JSON.stringify(
        runs.map((r) => ({
          serial: r.serial,
          verdict: isInterrupted(r, processIsAlive, hostname()) ? "interrupted" : r.verdict,
          createdAt: r.createdAt,
          finishedAt: r.finishedAt,
          parent: r.parent,
          sha: r.source.sha,
          ref: r.source.ref,
          stages: r.stages.map((s2) => ({ id: s2.id, state: s2.state }))
        })),
        null,
        2
      ) + "\n"
    );
    return 0;
  }
  if (runs.length === 0) {
    io.out(`no runs in ${store.root}
`);
    return 0;
  }
  const s = io.style;
  for (const r of runs) {
    const stop = stopOf(r.stages);
    io.out(`${runsLine(r, stop?.id, isInterrupted(r, processIsAlive, hostname()), s)}
`);
  }
  return 0;
}
export {
  runsCommand
};
