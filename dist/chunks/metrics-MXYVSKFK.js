import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  metricsText
} from "./chunk-5E7CGWQF.js";
import {
  computeMetrics,
  loadRuns
} from "./chunk-HQUQ24RQ.js";
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

// src/cli/commands/metrics.ts
function parsePeriod(by) {
  if (by === void 0) return void 0;
  if (by === "day" || by === "week") return by;
  throw new UserError(`--by takes day or week, not "${by}"`);
}
async function metricsCommand(args, io) {
  const period = parsePeriod(args.by);
  const opts = { ...args.last ? { last: args.last } : {}, ...period ? { period } : {} };
  let m;
  if (args.repo) {
    const { remoteRuns } = await import("./remote-runs-QKZRRYOZ.js");
    const got = await remoteRuns({ repo: args.repo, token: args.token || io.env.GITHUB_TOKEN || io.env.GH_TOKEN || "", apiUrl: io.env.GITHUB_API_URL, last: args.last ?? 100 });
    m = computeMetrics(got.runs, { source: args.repo, skipped: got.skipped, ...opts });
  } else {
    const store = await openStore(io.cwd, args.config, args.store);
    const got = await loadRuns(store);
    m = computeMetrics(got.runs, { source: store.root, skipped: got.skipped, ...opts });
  }
  io.out(args.json ? `${JSON.stringify(m, null, 2)}
` : metricsText(m));
  return 0;
}
export {
  metricsCommand,
  parsePeriod
};
