import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  formatTrace,
  traceSerial
} from "./chunk-WAJZD767.js";
import "./chunk-TA3QKD7O.js";
import "./chunk-QXRBFGU3.js";
import "./chunk-WCIAZNSM.js";
import "./chunk-M6DQOKU2.js";
import {
  UserError
} from "./chunk-5C57FHY2.js";
import "./chunk-TZYN2FJC.js";

// src/github/remote-trace.ts
import path from "node:path";
async function remoteTrace(args, io) {
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
  if (args.json) io.out(`${JSON.stringify({ serial: t.serial, run: t.run, artifacts: t.artifacts, record: t.record, recordError: t.recordError, dir: t.dir }, null, 2)}
`);
  else io.out(`${formatTrace(t)}
`);
  return 0;
}
export {
  remoteTrace
};
