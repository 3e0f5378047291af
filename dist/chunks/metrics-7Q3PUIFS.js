import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  metricsText
} from "./chunk-5E7CGWQF.js";
import {
  openStore
} from "./chunk-2JXGRC5I.js";
import {
  computeMetrics,
  loadRuns
} from "./chunk-XLOL2ALQ.js";
import "./chunk-ESYEZROU.js";
import "./chunk-C5Q5Z252.js";
import "./chunk-GJWDVC35.js";
import "./chunk-OMBUU4W3.js";
import "./chunk-5DYSZA5E.js";
import "./chunk-GLWWKHJR.js";
import "./chunk-GHGCNB5W.js";
import "./chunk-STW6M52M.js";
import "./chunk-KRD3GCFI.js";
import "./chunk-SXCHTFJF.js";
import "./chunk-72QCYA4B.js";
import "./chunk-27MWIXIK.js";
import {
  UserError
} from "./chunk-37LQLRZV.js";
import "./chunk-AS4XOIVA.js";
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
    const { remoteRuns } = await import("./remote-runs-TW4G3LWK.js");
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
