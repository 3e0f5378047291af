import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  traceSerial
} from "./chunk-2G7SFDYQ.js";
import {
  formatRemoteTrace
} from "./chunk-K7SJVYSE.js";
import "./chunk-VRP6IBBV.js";
import "./chunk-VA36WLMY.js";
import "./chunk-ATDWAW5U.js";
import "./chunk-WCIAZNSM.js";
import "./chunk-UPAB3UWU.js";
import "./chunk-PRTBBS7V.js";
import "./chunk-NCAAVBHJ.js";
import {
  UserError
} from "./chunk-4FVKWYBG.js";
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
