import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  traceSerial
} from "./chunk-HAUN2SSN.js";
import "./chunk-VHGE7LZA.js";
import "./chunk-UPPQ2J5F.js";
import "./chunk-WCIAZNSM.js";
import {
  formatRemoteTrace
} from "./chunk-6NKPC6Y6.js";
import "./chunk-OXGU7SJ6.js";
import "./chunk-NWRU5D3X.js";
import "./chunk-SPBR4F3X.js";
import "./chunk-UVUI3JLA.js";
import "./chunk-4PTP22Z7.js";
import "./chunk-JBUSEVB6.js";
import "./chunk-MGRT4P43.js";
import "./chunk-R2DVGQ2Z.js";
import "./chunk-NLHABGJB.js";
import "./chunk-K4VEHVI3.js";
import "./chunk-QTHYIHUL.js";
import "./chunk-TXGCBDM3.js";
import {
  UserError
} from "./chunk-HUTQD67Y.js";
import "./chunk-AS4XOIVA.js";
import "./chunk-X4N7ZENU.js";
import "./chunk-TZYN2FJC.js";

// src/cli/commands/remote-trace.ts
import path from "node:path";
async function remoteTraceCommand(args, io) {
  const token = args.token || io.env.GITHUB_TOKEN || io.env.GH_TOKEN || "";
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(args.repo)) throw new UserError(`--repo ${JSON.stringify(args.repo)}: expected owner/name`);
  const t = await traceSerial({
    serial: args.serial,
    repo: args.repo,
    token,
    apiUrl: io.env.GITHUB_API_URL || "https://api.github.com",
    // Kept next to the local store so `andon show` can read it afterwards.
    dest: path.join(io.cwd, ".andon", "remote")
  });
  if (args.json) {
    const { serial, run, artifacts, record, recordError, github, checkout, dir, notes } = t;
    io.out(`${JSON.stringify({ serial, run, artifacts, record, recordError, github, checkout, dir, notes }, null, 2)}
`);
  } else io.out(`${formatRemoteTrace(t)}
`);
  return 0;
}
export {
  remoteTraceCommand
};
