import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  metricsText
} from "./chunk-5E7CGWQF.js";
import {
  openStore
} from "./chunk-DK5XE7NC.js";
import {
  computeMetrics,
  loadRuns
} from "./chunk-KNHUDFBM.js";
import "./chunk-KA4CD6AC.js";
import "./chunk-AWN5K7BZ.js";
import "./chunk-2LI2QN4U.js";
import "./chunk-OMBUU4W3.js";
import "./chunk-H6GXFC3S.js";
import "./chunk-USKHO7VV.js";
import "./chunk-UACYHNGC.js";
import "./chunk-T2IUQJD2.js";
import "./chunk-OR7ZM5VY.js";
import "./chunk-UPAB3UWU.js";
import "./chunk-PRTBBS7V.js";
import "./chunk-NCAAVBHJ.js";
import {
  UserError
} from "./chunk-4FVKWYBG.js";
import "./chunk-3PXQC2NJ.js";
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
    const { remoteRuns } = await import("./remote-runs-2INZ6H5I.js");
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
