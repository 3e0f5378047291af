import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  metricsText
} from "./chunk-5E7CGWQF.js";
import {
  openStore
} from "./chunk-LNH2KQQY.js";
import {
  computeMetrics,
  loadRuns
} from "./chunk-ZD2QTIMK.js";
import "./chunk-7SEAT7C5.js";
import "./chunk-BM3Z33RB.js";
import "./chunk-LRSVY7NY.js";
import "./chunk-M7CYQEWJ.js";
import "./chunk-NZNPXT3C.js";
import "./chunk-GHGCNB5W.js";
import "./chunk-Z4NBIC2I.js";
import "./chunk-ESKMWGFS.js";
import "./chunk-GS5XCBM6.js";
import "./chunk-SXCHTFJF.js";
import "./chunk-KUREX46B.js";
import "./chunk-V5USY6ZM.js";
import {
  UserError
} from "./chunk-EXVQH3W4.js";
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
    const { remoteRuns } = await import("./remote-runs-D57YRABB.js");
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
