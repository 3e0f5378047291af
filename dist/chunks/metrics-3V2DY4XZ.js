import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  metricsText
} from "./chunk-5E7CGWQF.js";
import {
  openStore
} from "./chunk-OHQTSGOB.js";
import {
  computeMetrics,
  loadRuns
} from "./chunk-2NUEMB5Q.js";
import "./chunk-LH7NP43P.js";
import "./chunk-AWN5K7BZ.js";
import "./chunk-EDP2NOEG.js";
import "./chunk-OMBUU4W3.js";
import "./chunk-CKN5SDT7.js";
import "./chunk-LVATMH4S.js";
import "./chunk-GHGCNB5W.js";
import "./chunk-FPG2H2E6.js";
import "./chunk-UPAB3UWU.js";
import "./chunk-SXCHTFJF.js";
import "./chunk-PRTBBS7V.js";
import "./chunk-5M64TCSF.js";
import {
  UserError
} from "./chunk-4FVKWYBG.js";
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
    const { remoteRuns } = await import("./remote-runs-Q6J34MA3.js");
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
