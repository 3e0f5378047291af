import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  CachedStageEntry
} from "./chunk-XHSFKW56.js";
import {
  isInterrupted
} from "./chunk-UMT6C33E.js";
import {
  processIsAlive
} from "./chunk-ZXK4LA3K.js";
import {
  openWorkspace
} from "./chunk-6XIAA4RZ.js";
import "./chunk-5OCHSZKT.js";
import "./chunk-5BSIPENY.js";
import {
  FsStore
} from "./chunk-SPBR4F3X.js";
import "./chunk-EM73ES6I.js";
import "./chunk-QZDB3VMJ.js";
import "./chunk-H2VICYEQ.js";
import "./chunk-PE5NFLL3.js";
import "./chunk-JBUSEVB6.js";
import "./chunk-MGRT4P43.js";
import "./chunk-R2DVGQ2Z.js";
import "./chunk-UE6GT5FO.js";
import "./chunk-JYNWK4DA.js";
import "./chunk-NLHABGJB.js";
import "./chunk-UACYHNGC.js";
import "./chunk-GKY6TSAU.js";
import {
  formatBytes,
  readGuarded
} from "./chunk-QTHYIHUL.js";
import "./chunk-TXGCBDM3.js";
import {
  UserError,
  errorMessage
} from "./chunk-HUTQD67Y.js";
import "./chunk-TZYN2FJC.js";

// src/cli/commands/runs-prune.ts
import { hostname } from "node:os";
import path2 from "node:path";

// src/core/store-prune.ts
import { lstatSync, readdirSync, statSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
var FRESH_MS = 60 * 60 * 1e3;
var MAX_ENTRY_BYTES = 16 * 1024 * 1024;
var UNITS = { s: 1e3, m: 6e4, h: 36e5, d: 864e5, w: 7 * 864e5 };
function parseAge(text) {
  const m = /^(\d+)\s*([smhdw])$/.exec(text.trim());
  if (!m || Number(m[1]) === 0) throw new UserError(`--older takes an age such as 30d, 12h, 90m or 2w, not "${text}"`);
  return Number(m[1]) * UNITS[m[2]];
}
function sizeOf(p) {
  let st;
  try {
    st = lstatSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.size;
  let total = 0;
  for (const name of readdirSync(p)) total += sizeOf(path.join(p, name));
  return total;
}
var useKey = (stageId, digest) => `${stageId}\0${digest}`;
function cacheEntries(cacheRoot) {
  const stagesDir = path.join(cacheRoot, "stages");
  const out = [];
  const dirs = (p) => {
    try {
      return readdirSync(p, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    } catch {
      return [];
    }
  };
  for (const stageId of dirs(stagesDir)) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(stageId)) continue;
    for (const hex of dirs(path.join(stagesDir, stageId))) {
      if (!/^[0-9a-f]{64}$/.test(hex)) continue;
      const dir = path.join(stagesDir, stageId, hex);
      const file = path.join(dir, "entry.json");
      let serial = null;
      const read = readGuarded(file, { maxBytes: MAX_ENTRY_BYTES, links: "refuse", within: dir });
      if (read.kind === "ok") {
        try {
          serial = CachedStageEntry.parse(JSON.parse(read.bytes.toString("utf8"))).serial;
        } catch {
          serial = null;
        }
      }
      let writtenAt = 0;
      try {
        writtenAt = (read.kind === "ok" ? statSync(file) : statSync(dir)).mtimeMs;
      } catch {
        writtenAt = 0;
      }
      out.push({ stageId, digest: `sha256:${hex}`, dir, serial, writtenAt });
    }
  }
  return out;
}
async function planPrune(o) {
  const { keep, olderThanMs } = o.rule;
  if (keep === void 0 && olderThanMs === void 0) throw new UserError("andon runs prune needs --keep N or --older AGE (e.g. --keep 20, --older 30d)");
  const leftAlone = [];
  const runs = await o.store.listRuns((serial, why2) => leftAlone.push({ serial, why: why2 }));
  const cutoff = olderThanMs === void 0 ? null : o.now.getTime() - olderThanMs;
  const mayGo = (r, i) => {
    const beyondNewest = keep === void 0 || i >= keep;
    const old = cutoff === null || Date.parse(r.createdAt) < cutoff;
    return beyondNewest && old;
  };
  const bySerial = new Map(runs.map((r) => [r.serial, r]));
  const kept = /* @__PURE__ */ new Set();
  const why = { byRule: 0, lineage: 0, running: 0 };
  runs.forEach((r, i) => {
    if (!mayGo(r, i)) {
      kept.add(r.serial);
      why.byRule++;
    } else if (o.isRunning(r)) {
      kept.add(r.serial);
      why.running++;
    }
  });
  for (const serial of [...kept]) {
    let parent = bySerial.get(serial)?.parent?.serial;
    while (parent && !kept.has(parent)) {
      kept.add(parent);
      why.lineage++;
      parent = bySerial.get(parent)?.parent?.serial;
    }
  }
  const gone = runs.filter((r) => !kept.has(r.serial)).map((r) => ({ serial: r.serial, verdict: r.verdict, createdAt: r.createdAt, bytes: sizeOf(o.store.runDir(r.serial)) }));
  const cache = [];
  if (o.cacheRoot) {
    const keptUses = /* @__PURE__ */ new Set();
    const lastUse = /* @__PURE__ */ new Map();
    for (const r of runs) {
      const at = Date.parse(r.createdAt);
      for (const st of r.stages) {
        if (!st.inputsDigest) continue;
        const k = useKey(st.id, st.inputsDigest);
        if (kept.has(r.serial)) keptUses.add(k);
        if (!(lastUse.get(k) >= at)) lastUse.set(k, at);
      }
    }
    for (const e of cacheEntries(o.cacheRoot)) {
      if (o.now.getTime() - e.writtenAt < FRESH_MS) continue;
      const k = useKey(e.stageId, e.digest);
      const used = Math.max(e.writtenAt, lastUse.get(k) ?? 0);
      const unneeded = keep === void 0 || !(keptUses.has(k) || e.serial !== null && kept.has(e.serial));
      const unused = cutoff === null || used < cutoff;
      if (!(unneeded && unused)) continue;
      cache.push({ stageId: e.stageId, digest: e.digest, serial: e.serial, lastUsed: used > 0 ? new Date(used).toISOString() : null, bytes: sizeOf(e.dir) });
    }
  }
  const bytes = gone.reduce((n, r) => n + r.bytes, 0) + cache.reduce((n, c) => n + c.bytes, 0);
  return { runs: gone, cache, kept: why, leftAlone, bytes };
}
async function applyPrune(store, cacheRoot, plan) {
  const failed = [];
  for (const r of plan.runs) {
    await rm(store.runDir(r.serial), { recursive: true, force: true }).catch((e) => failed.push(`${r.serial}: ${e.message}`));
  }
  if (cacheRoot) {
    for (const c of plan.cache) {
      const dir = path.join(cacheRoot, "stages", c.stageId, c.digest.replace(/^sha256:/, ""));
      await rm(dir, { recursive: true, force: true }).catch((e) => failed.push(`cache ${c.stageId}: ${e.message}`));
    }
  }
  return failed;
}

// src/cli/commands/runs-prune.ts
function stillRunning(r) {
  return r.verdict === "running" && !isInterrupted(r, processIsAlive, hostname());
}
function cacheRootOf(ws) {
  return ws.config.cache.enabled ? path2.resolve(ws.root, ws.config.cache.path) : null;
}
async function prune(store, cacheRoot, rule, dryRun) {
  const plan = await planPrune({ store, cacheRoot, rule, now: /* @__PURE__ */ new Date(), isRunning: stillRunning });
  const failed = dryRun ? [] : await applyPrune(store, cacheRoot, plan);
  return { plan, failed };
}
async function runsPruneCommand(args, io) {
  const rule = { ...args.keep !== void 0 ? { keep: args.keep } : {}, ...args.older !== void 0 ? { olderThanMs: parseAge(args.older) } : {} };
  let store;
  let cacheRoot = null;
  try {
    const ws = await openWorkspace(io.cwd, args.config, io.env);
    store = args.store ? new FsStore(path2.resolve(io.cwd, args.store)) : ws.store;
    cacheRoot = args.store ? null : cacheRootOf(ws);
  } catch (e) {
    if (!args.store) throw e;
    store = new FsStore(path2.resolve(io.cwd, args.store));
  }
  const { plan, failed } = await prune(store, cacheRoot, rule, args.dryRun);
  if (args.json) {
    io.out(`${JSON.stringify({ dryRun: args.dryRun, store: store.root, cacheRoot, ...plan, failed }, null, 2)}
`);
    return failed.length > 0 ? 1 : 0;
  }
  const verb = args.dryRun ? "would remove" : "removed";
  for (const r of plan.runs) io.out(`${verb} run ${r.serial}  ${r.verdict}  ${r.createdAt}  ${formatBytes(r.bytes)}
`);
  for (const c of plan.cache) io.out(`${verb} cache ${c.stageId}/${c.digest.slice(7, 19)}  ${c.serial ? `from ${c.serial}` : "unreadable entry"}  ${c.lastUsed ? `last used ${c.lastUsed}` : ""}  ${formatBytes(c.bytes)}
`);
  for (const f of failed) io.err(`${io.style.red("not removed:")} ${f}
`);
  for (const l of plan.leftAlone) io.err(`${io.style.yellow("left alone:")} ${l.serial}: ${l.why}
`);
  io.err(`${summary(plan, args.dryRun)}
`);
  return failed.length > 0 ? 1 : 0;
}
function summary(plan, dryRun) {
  const k = plan.kept;
  const why = [`${k.byRule} by the rule`, ...k.lineage ? [`${k.lineage} for the lineage of kept runs`] : [], ...k.running ? [`${k.running} still running`] : []];
  return `${plan.runs.length} run(s) and ${plan.cache.length} cache entr${plan.cache.length === 1 ? "y" : "ies"} ${dryRun ? "would be removed" : "removed"}, ${formatBytes(plan.bytes)} ${dryRun ? "to free" : "freed"}; ${k.byRule + k.lineage + k.running} run(s) kept (${why.join(", ")})`;
}
async function pruneAfterRun(ws, io, quiet) {
  const keep = ws.config.store.keep;
  if (keep === void 0) return;
  try {
    const { plan, failed } = await prune(ws.store, cacheRootOf(ws), { keep }, false);
    for (const f of failed) io.err(`${io.style.yellow("warning:")} store.keep: not removed: ${f}
`);
    if (!quiet && (plan.runs.length > 0 || plan.cache.length > 0)) io.err(`${io.style.dim(`store.keep ${keep}: ${summary(plan, false)}`)}
`);
  } catch (e) {
    io.err(`${io.style.yellow("warning:")} store.keep: the store was not pruned: ${errorMessage(e)}
`);
  }
}
export {
  pruneAfterRun,
  runsPruneCommand
};
