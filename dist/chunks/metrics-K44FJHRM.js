import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  metricsText
} from "./chunk-5E7CGWQF.js";
import {
  computeMetrics,
  loadRuns
} from "./chunk-7MU3JFT3.js";
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
    const { remoteRuns } = await import("./remote-runs-CEJAWVK4.js");
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
