import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  traceSerial
} from "./chunk-PGB5LSRY.js";
import "./chunk-6WTWHWPA.js";
import "./chunk-GBDQJ4VV.js";
import {
  formatRemoteTrace
} from "./chunk-O3ZMAAQJ.js";
import "./chunk-SHD52V4E.js";
import "./chunk-WCIAZNSM.js";
import "./chunk-OLMCVOXU.js";
import "./chunk-2BZLSEN6.js";
import "./chunk-JBUSEVB6.js";
import "./chunk-MGRT4P43.js";
import "./chunk-O4JUAHO6.js";
import "./chunk-YKR6NAYJ.js";
import "./chunk-M4BUQAOK.js";
import "./chunk-5W5UWLHK.js";
import "./chunk-VXCLKI4Z.js";
import {
  UserError
} from "./chunk-6JA6VXJX.js";
import "./chunk-AS4XOIVA.js";
import "./chunk-AHBW6X22.js";
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
