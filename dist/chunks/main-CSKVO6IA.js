import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  BASELINE_ARTIFACT,
  FsStageCache,
  STAGE_FILES,
  baselineFilePath,
  configJsonSchema,
  defaultRegistry,
  loadConfig,
  runLine
} from "./chunk-62KGRBLF.js";
import {
  isInterrupted,
  processIsAlive
} from "./chunk-O3ABPYYY.js";
import "./chunk-ZMTWOZYI.js";
import {
  stripAnsi
} from "./chunk-GLJZXTTT.js";
import "./chunk-36FUS5T6.js";
import "./chunk-ZWZRTQYX.js";
import "./chunk-3LANCK4X.js";
import "./chunk-GHGCNB5W.js";
import "./chunk-242DOQVP.js";
import "./chunk-ICOFUTHA.js";
import "./chunk-ESKMWGFS.js";
import "./chunk-WCIAZNSM.js";
import {
  FsStore,
  RunRecord,
  serializeRecord
} from "./chunk-M6DQOKU2.js";
import {
  ExitCode,
  InternalError,
  UserError,
  toJSONSchema
} from "./chunk-5C57FHY2.js";
import {
  ANDON_VERSION
} from "./chunk-AS4XOIVA.js";
import "./chunk-TZYN2FJC.js";

// src/cli/main.ts
import { parseArgs } from "node:util";

// src/core/baseline-update.ts
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
async function baselineUpdate(store, workspace, serial, stages) {
  const record = serial ? await store.loadRecord(serial) : (await store.listRuns()).find((r) => r.verdict !== "running");
  if (!record) throw new UserError("no finished run in the store to take a baseline from; run `andon run` first");
  const problems = await store.verify(record);
  const tampered = new Set(problems.filter((p) => p.problem !== "unrecorded").map((p) => p.path));
  const written = [];
  for (const stage of record.stages) {
    if (stages && !stages.includes(stage.id)) continue;
    const artifact = `${stage.id}/${BASELINE_ARTIFACT}`;
    if (!stage.artifacts.some((a) => a.path === artifact)) continue;
    if (tampered.has(artifact)) throw new UserError(`${artifact} of run ${record.serial} does not match its recorded sha256; not trusted`);
    const target = baselineFilePath(workspace, stage.id);
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(path.join(store.runDir(record.serial), artifact), target);
    written.push({ stage: stage.id, file: path.relative(workspace, target) });
  }
  if (written.length === 0) {
    throw new UserError(`run ${record.serial} has no stage that writes a baseline (regression, static-analysis and templates do)`);
  }
  return written;
}

// src/cli/workspace.ts
import path2 from "node:path";
async function openWorkspace(cwd, configPath) {
  const registry = defaultRegistry();
  const config = await loadConfig(cwd, configPath, registry);
  return { root: cwd, registry, config, store: new FsStore(path2.resolve(cwd, config.store.path)) };
}
async function openStore(cwd, configPath, storeFlag) {
  if (storeFlag) return new FsStore(path2.resolve(cwd, storeFlag));
  try {
    return (await openWorkspace(cwd, configPath)).store;
  } catch {
    return new FsStore(path2.resolve(cwd, ".andon/runs"));
  }
}

// src/cli/commands/baseline.ts
async function baselineUpdateCommand(args, io) {
  const ws = await openWorkspace(io.cwd, args.config);
  const written = await baselineUpdate(ws.store, ws.root, args.from, args.stages);
  for (const w of written) io.out(`${w.file} \u2190 ${w.stage}
`);
  io.err(`${written.length} baseline file(s) written; commit them so every run compares with them
`);
  return 0;
}

// src/cli/commands/run.ts
import path3 from "node:path";

// src/cli/format.ts
var ICON = {
  pending: "\xB7",
  running: "\u25B6",
  passed: "\u2714",
  failed: "\u2718",
  errored: "!",
  skipped: "-",
  cancelled: "\u2298",
  reused: "\u21BA"
};
function stateLabel(state, style, interrupted = false) {
  const text = interrupted && state === "running" ? "interrupted" : state;
  const icon = interrupted && state === "running" ? "\u2298" : ICON[state];
  const colour = state === "passed" || state === "reused" ? style.green : state === "failed" || state === "errored" ? style.red : state === "running" ? style.cyan : style.yellow;
  return colour(`${icon} ${text}`);
}
function formatDuration(ms) {
  if (ms === null || ms === void 0) return "";
  if (ms < 1e3) return `${ms}ms`;
  if (ms < 6e4) return `${(ms / 1e3).toFixed(1)}s`;
  const m = Math.floor(ms / 6e4);
  return `${m}m${Math.round(ms % 6e4 / 1e3)}s`;
}
function formatCounts(counts) {
  const parts = [];
  for (const [k, v] of Object.entries(counts)) {
    if (k === "findings" && v && typeof v === "object") {
      const f = v;
      const total = (f.error ?? 0) + (f.warning ?? 0) + (f.note ?? 0);
      if (total > 0) parts.push(`findings ${total} (${f.new ?? 0} new)`);
    } else if (typeof v === "number" && k !== "durationMs" && k !== "exitCode" && (v !== 0 || k === "tests")) parts.push(`${k} ${v}`);
  }
  return parts.join(" \xB7 ");
}
function pad(s, n) {
  const visible = stripAnsi(s);
  return s + " ".repeat(Math.max(0, n - [...visible].length));
}
function stageTable(record, style, interrupted = false) {
  const rows = record.stages.map((s) => [
    s.id,
    s.uses,
    stateLabel(s.state, style, interrupted),
    formatDuration(s.durationMs),
    formatCounts(s.counts),
    reasonOf(s)
  ]);
  const head = ["stage", "kind", "state", "time", "counts", "reason"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => [...stripAnsi(r[i])].length)));
  const lines = [head.map((h, i) => style.dim(pad(h, widths[i]))).join("  ")];
  for (const r of rows) lines.push(r.map((c, i) => i === r.length - 1 ? c : pad(c, widths[i])).join("  ").trimEnd());
  return lines.join("\n");
}
function reasonOf(s) {
  return s.reason.length > 100 ? s.reason.slice(0, 97) + "..." : s.reason;
}
function verdictLine(record, style, interrupted = false) {
  const v = interrupted ? "interrupted" : record.verdict;
  const colour = v === "passed" ? style.green : v === "running" ? style.cyan : style.red;
  const extra = record.nonBlockingFailures.length > 0 ? style.yellow(` (non-blocking failures: ${record.nonBlockingFailures.join(", ")})`) : "";
  const parent = record.parent ? style.dim(` \xB7 resumed from ${record.parent.serial} at ${record.parent.fromStage}`) : "";
  return `${style.bold("run " + record.serial)} ${colour(v)}${extra}${parent}`;
}

// src/cli/commands/run.ts
function exitCodeOf(record) {
  return record.verdict === "passed" ? ExitCode.passed : ExitCode.gateFailed;
}
async function runCommand(args, io) {
  if (args.resume && !args.from || !args.resume && args.from) {
    throw new UserError("--resume <serial> and --from <stage-id> go together");
  }
  const ws = await openWorkspace(io.cwd, args.config);
  const s = io.style;
  const progress = !args.json && !args.quiet;
  const onEvent = (e) => {
    if (e.type === "stage-start" && progress) io.err(`${s.cyan("\u25B6")} ${s.bold(e.stage.id)} ${s.dim(`(${e.stage.uses}) ${e.index + 1}/${e.total}`)}
`);
    else if (e.type === "stage-output" && progress) io.err(`${s.dim("\u2502")} ${e.line}
`);
    else if (e.type === "stage-end" && progress) {
      const c = formatCounts(e.stage.counts);
      io.err(`${stateLabel(e.stage.state, s)} ${s.bold(e.stage.id)} ${s.dim(formatDuration(e.stage.durationMs))}${c ? " \xB7 " + c : ""} ${s.dim("\u2014 " + e.stage.reason)}
`);
    } else if (e.type === "run-start" && progress) {
      const parent = e.record.parent ? ` (resume of ${e.record.parent.serial} from ${e.record.parent.fromStage})` : "";
      io.err(`${s.bold("andon")} run ${s.bold(e.record.serial)}${parent}
`);
    }
  };
  const record = await runLine({
    workspace: ws.root,
    config: ws.config,
    registry: ws.registry,
    store: ws.store,
    env: io.env,
    signal: io.signal,
    ...args.only ? { only: args.only } : {},
    ...args.resume && args.from ? { resume: { serial: args.resume, fromStage: args.from } } : {},
    cache: args.cache && ws.config.cache.enabled ? new FsStageCache(path3.resolve(ws.root, ws.config.cache.path)) : null,
    statCacheFile: path3.resolve(ws.root, ws.config.cache.path, "file-hashes.json"),
    logger: {
      debug: () => void 0,
      info: (m) => progress && io.err(`${m}
`),
      warn: (m) => io.err(`${s.yellow("warning:")} ${m}
`),
      error: (m) => io.err(`${s.red("error:")} ${m}
`)
    },
    onEvent
  });
  if (args.json) io.out(serializeRecord(record));
  else {
    io.err("\n" + stageTable(record, s) + "\n\n" + verdictLine(record, s) + "\n");
    const stop = record.stages.find((x) => x.blocking && (x.state === "failed" || x.state === "errored"));
    if (stop) {
      io.err(`${s.dim("see")} andon show ${record.serial}   ${s.dim("then, after a fix:")} andon run --resume ${record.serial} --from ${stop.id}
`);
    }
    io.out(`${record.serial}
`);
  }
  return exitCodeOf(record);
}

// src/cli/commands/runs.ts
import { hostname } from "node:os";
async function runsCommand(args, io) {
  const store = await openStore(io.cwd, args.config, args.store);
  const runs = (await store.listRuns()).slice(0, args.limit);
  if (args.json) {
    io.out(
      JSON.stringify(
        runs.map((r) => ({
          serial: r.serial,
          verdict: isInterrupted(r, processIsAlive, hostname()) ? "interrupted" : r.verdict,
          createdAt: r.createdAt,
          finishedAt: r.finishedAt,
          parent: r.parent,
          sha: r.source.sha,
          ref: r.source.ref,
          stages: r.stages.map((s2) => ({ id: s2.id, state: s2.state }))
        })),
        null,
        2
      ) + "\n"
    );
    return 0;
  }
  if (runs.length === 0) {
    io.out(`no runs in ${store.root}
`);
    return 0;
  }
  const s = io.style;
  for (const r of runs) {
    const interrupted = isInterrupted(r, processIsAlive, hostname());
    const v = interrupted ? "interrupted" : r.verdict;
    const colour = v === "passed" ? s.green : v === "running" ? s.cyan : s.red;
    const took = r.finishedAt ? formatDuration(Date.parse(r.finishedAt) - Date.parse(r.createdAt)) : "";
    const stop = r.stages.find((x) => x.state === "failed" || x.state === "errored");
    const parent = r.parent ? s.dim(` \u2190 ${r.parent.serial}@${r.parent.fromStage}`) : "";
    io.out(`${r.serial}  ${colour(v.padEnd(11))} ${(r.source.sha ?? "").slice(0, 7).padEnd(7)} ${took.padEnd(6)} ${stop ? `stopped at ${stop.id}` : ""}${parent}
`);
  }
  return 0;
}

// src/cli/commands/schema.ts
function runJsonSchema() {
  const json = toJSONSchema(RunRecord, { io: "output", unrepresentable: "any" });
  return { $id: "https://andon.dev/schemas/run.schema.json", title: "andon.run/v1 run record", ...json };
}
function schemaCommand(which, io) {
  const name = which ?? "config";
  if (name === "config") io.out(JSON.stringify(configJsonSchema(defaultRegistry()), null, 2) + "\n");
  else if (name === "run") io.out(JSON.stringify(runJsonSchema(), null, 2) + "\n");
  else throw new UserError(`andon schema: unknown schema "${name}"; use config or run`);
  return 0;
}
async function validateConfigCommand(configPath, json, io) {
  const ws = await openWorkspace(io.cwd, configPath);
  if (json) io.out(JSON.stringify({ path: ws.config.path, digest: ws.config.digest, stages: ws.config.line.map((s) => ({ id: s.id, uses: s.uses, blocking: s.blocking })) }, null, 2) + "\n");
  else io.out(`${ws.config.path} is valid: ${ws.config.line.map((s) => `${s.id} (${s.uses})`).join(" \u2192 ")}
`);
  return 0;
}

// src/cli/commands/show.ts
import { readFile } from "node:fs/promises";
import { hostname as hostname2 } from "node:os";
import path4 from "node:path";
async function readFindings(store, serial, stage, max) {
  const file = path4.join(store.stageDir(serial, stage.id), STAGE_FILES.sarif);
  let log;
  try {
    log = JSON.parse(await readFile(file, "utf8"));
  } catch {
    return { shown: [], total: 0 };
  }
  const results = (log.runs ?? []).flatMap((r) => r.results ?? []).filter((r) => r.baselineState !== "absent");
  const rank = (r) => (r.baselineState === "new" ? 0 : 10) + (r.level === "error" ? 0 : r.level === "warning" ? 1 : 2);
  results.sort((a, b) => rank(a) - rank(b));
  const shown = results.slice(0, max).map((r) => {
    const loc = r.locations?.[0]?.physicalLocation;
    const where = loc?.artifactLocation?.uri ? `${decodeURIComponent(loc.artifactLocation.uri)}${loc.region?.startLine ? `:${loc.region.startLine}` : ""}${loc.region?.startColumn ? `:${loc.region.startColumn}` : ""}` : "";
    const tag = r.baselineState === "unchanged" ? " (known)" : "";
    return `${r.level ?? "warning"} ${r.ruleId ?? ""}${tag}: ${(r.message?.text ?? "").split("\n")[0]}${where ? `  ${where}` : ""}`;
  });
  return { shown, total: results.length };
}
async function logTail(store, serial, stageId, lines) {
  try {
    const text = await readFile(path4.join(store.stageDir(serial, stageId), STAGE_FILES.log), "utf8");
    return text.trimEnd().split("\n").slice(-lines);
  } catch {
    return [];
  }
}
async function loadShownRun(store, serial) {
  const record = await store.loadRecord(serial);
  const interrupted = isInterrupted(record, processIsAlive, hostname2());
  const problems = await store.verify(record);
  return { record, interrupted, problems };
}
async function showCommand(args, io) {
  const store = await openStore(io.cwd, args.config, args.store);
  const { record, interrupted, problems } = await loadShownRun(store, args.serial);
  if (args.json) {
    io.out(serializeRecord(record));
    return problems.some((p) => p.problem !== "unrecorded") ? 1 : 0;
  }
  const s = io.style;
  const out = [];
  out.push(verdictLine(record, s, interrupted));
  const src = record.source;
  out.push(
    s.dim(
      `${src.repo ?? "local"} ${src.ref ?? ""} ${src.sha ? src.sha.slice(0, 12) : "no commit"}${src.dirty ? " (dirty)" : ""} \xB7 config ${record.config.path} ${record.config.digest.slice(0, 19)} \xB7 andon ${record.tool.version} \xB7 ${record.createdAt}`
    )
  );
  if (record.host.url) out.push(s.dim(record.host.url));
  out.push("", stageTable(record, s, interrupted), "");
  if (interrupted) out.push(s.yellow(`This run was interrupted: the process that wrote it (pid ${record.host.pid}) is gone.`), "");
  const focus = record.stages.filter((x) => x.state === "failed" || x.state === "errored" || interrupted && x.state === "running");
  for (const st of focus) {
    out.push(`${s.bold(st.id)} ${s.red(interrupted && st.state === "running" ? "interrupted" : st.state)}: ${st.reason}`);
    const f = await readFindings(store, record.serial, st, args.findings);
    if (f.total > 0) {
      out.push(s.dim(`findings (${f.total}, new first):`));
      for (const line of f.shown) out.push(`  ${line}`);
      if (f.total > f.shown.length) out.push(s.dim(`  \u2026 ${f.total - f.shown.length} more in ${path4.join(store.stageDir(record.serial, st.id), STAGE_FILES.sarif)}`));
    }
    const tail = await logTail(store, record.serial, st.id, args.logLines);
    if (tail.length > 0) {
      out.push(s.dim(`log (last ${tail.length} lines of ${path4.join(store.stageDir(record.serial, st.id), STAGE_FILES.log)}):`));
      for (const line of tail) out.push(`  ${s.dim("\u2502")} ${line}`);
    }
    out.push("");
  }
  if (problems.length > 0) {
    out.push(s.red(`artifacts do not match the record (${problems.length}):`));
    for (const p of problems) {
      out.push(`  ${p.problem}: ${p.path}${p.expected ? ` (recorded sha256 ${p.expected.slice(0, 12)}${p.actual ? `, now ${p.actual.slice(0, 12)}` : ""})` : ""}`);
    }
    out.push(s.red("These artifacts are not trusted."), "");
  }
  const stop = record.stages.find((x) => x.blocking && (x.state === "failed" || x.state === "errored" || interrupted && x.state === "running"));
  if (stop) out.push(s.dim(`rerun from here: andon run --resume ${record.serial} --from ${stop.id}`));
  io.out(out.join("\n") + "\n");
  return problems.some((p) => p.problem !== "unrecorded") ? 1 : 0;
}

// src/cli/commands/trace.ts
async function buildTrace(store, serial) {
  const lineage = [];
  const records = /* @__PURE__ */ new Map();
  let current = serial;
  const seen = /* @__PURE__ */ new Set();
  while (current && !seen.has(current)) {
    seen.add(current);
    let rec;
    try {
      rec = await store.loadRecord(current);
    } catch {
      lineage.push({ serial: current, verdict: "unknown", sha: null, fromStage: null, createdAt: null, missing: true });
      break;
    }
    records.set(current, rec);
    lineage.push({ serial: rec.serial, verdict: rec.verdict, sha: rec.source.sha, fromStage: rec.parent?.fromStage ?? null, createdAt: rec.createdAt });
    current = rec.parent?.serial ?? null;
  }
  const head = records.get(serial);
  const stages = head.stages.map((s) => {
    const via = [];
    let producedBy = serial;
    if (s.state === "reused" && s.reusedFrom) {
      producedBy = s.reusedFrom;
      for (const l of lineage.slice(1)) {
        via.push(l.serial);
        if (l.serial === s.reusedFrom) break;
      }
    }
    return { id: s.id, state: s.state, producedBy, via };
  });
  return { serial, lineage, stages };
}
async function traceCommand(args, io) {
  const store = await openStore(io.cwd, args.config, args.store);
  const trace = await buildTrace(store, args.serial);
  if (args.json) {
    io.out(JSON.stringify(trace, null, 2) + "\n");
    return 0;
  }
  const s = io.style;
  const out = [s.bold(`lineage of ${args.serial}`)];
  trace.lineage.forEach((l, i) => {
    const arrow = i === 0 ? "\u25CF" : "\u2191";
    const detail = l.missing ? s.yellow("not in this store") : `${l.verdict}  ${(l.sha ?? "").slice(0, 7)}  ${l.createdAt ?? ""}`;
    out.push(`  ${arrow} ${l.serial}  ${detail}${l.fromStage ? s.dim(`  (resumed its parent from ${l.fromStage})`) : ""}`);
  });
  out.push("", s.bold("where each stage result comes from"));
  const head = (await store.loadRecord(args.serial)).stages;
  for (const st of trace.stages) {
    const rec = head.find((h) => h.id === st.id);
    const origin = st.producedBy === args.serial ? "this run" : `run ${st.producedBy}${st.via.length > 1 ? s.dim(` via ${st.via.slice(0, -1).join(" \u2192 ")}`) : ""}`;
    out.push(`  ${st.id.padEnd(18)} ${stateLabel(rec.state, s)}  ${origin}${rec.inputsDigest ? s.dim(`  inputs ${rec.inputsDigest.slice(0, 19)}`) : ""}`);
  }
  io.out(out.join("\n") + "\n");
  return 0;
}

// src/cli/commands/context.ts
async function contextCommand(args, io) {
  const { checkContext, writeContext, KNOWN_CONTEXT_FILES } = await import("./templates-WYMPRBR5.js");
  for (const t of args.targets ?? []) {
    if (!KNOWN_CONTEXT_FILES.includes(t) && !t.endsWith(".md")) throw new UserError(`--target ${t}: a context file is Markdown (${KNOWN_CONTEXT_FILES.join(", ")})`);
  }
  const o = { workspace: io.cwd, ...args.rulesFile ? { rulesFile: args.rulesFile } : {}, ...args.targets?.length ? { files: args.targets } : {} };
  if (args.check) {
    const r2 = await checkContext(o);
    for (const s of r2.stale) io.err(`${io.style.red("stale:")} ${s.why}
`);
    if (r2.ok) io.out("the andon context block is up to date\n");
    return r2.ok ? 0 : 1;
  }
  const r = await writeContext(o);
  for (const f of r.written) io.out(`${f}: andon context block written
`);
  for (const f of r.unchanged) io.out(`${f}: already up to date
`);
  return 0;
}
async function newCommand(args, io) {
  const { scaffoldUnit } = await import("./templates-WYMPRBR5.js");
  const r = await scaffoldUnit(io.cwd, args.kind, args.name, { dryRun: args.dryRun, ...args.rulesFile ? { rulesFile: args.rulesFile } : {} });
  io.out(`${args.dryRun ? "would create" : "created"} ${r.folder}
${r.files.map((f) => `  ${f}
`).join("")}`);
  return 0;
}

// src/cli/main.ts
var USAGE = `andon ${ANDON_VERSION} \u2014 stop the line at the first failed quality gate

usage: andon <command> [options]

commands:
  run [--config f] [--only id,...] [--resume serial --from id] [--json] [--no-cache]
                          run the line (or resume a recorded run from a stage)
  runs [--json] [--limit n]           list recorded runs, newest first
  show <serial> [--json]              stage table, the failed stage's reason, findings, log tail
  trace <serial> [--json]             lineage back to the root run; where each stage result came from
  baseline update [--from serial]     write .andon/baselines/<stage>.json from a run, to commit
  schema [config|run]                 print the JSON Schema of andon.yml or of the run record
  validate-config [--config f]        check andon.yml
  context [--check] [--target f]      write (or check) the rules block for coding agents in AGENTS.md
  new <kind> <name> [--dry-run]       scaffold a unit from .andon/templates/<kind>/
  trace <serial> --repo owner/name    look a GitHub serial up: its workflow run, artifacts and record

exit codes: 0 passed \xB7 1 a gate failed \xB7 2 usage or config error \xB7 3 internal error
`;
var OPTIONS = {
  config: { type: "string", short: "c" },
  only: { type: "string", multiple: true },
  resume: { type: "string" },
  from: { type: "string" },
  json: { type: "boolean", default: false },
  "no-cache": { type: "boolean", default: false },
  quiet: { type: "boolean", short: "q", default: false },
  store: { type: "string" },
  limit: { type: "string" },
  lines: { type: "string" },
  check: { type: "boolean", default: false },
  target: { type: "string", multiple: true },
  repo: { type: "string" },
  token: { type: "string" },
  stage: { type: "string", multiple: true },
  rules: { type: "string" },
  "dry-run": { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
  version: { type: "boolean", short: "v", default: false }
};
function parse(argv) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UserError(`${e.message}

${USAGE}`);
  }
}
function positiveInt(v, name, fallback) {
  if (v === void 0) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new UserError(`--${name} takes a positive whole number, not "${v}"`);
  return n;
}
function list(v) {
  return v?.flatMap((x) => x.split(",")).map((x) => x.trim()).filter(Boolean);
}
async function dispatch(argv, io) {
  const { values: v, positionals } = parse(argv);
  if (v.version) {
    io.out(`${ANDON_VERSION}
`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (v.help || !command) {
    io.out(USAGE);
    return command || v.help ? 0 : ExitCode.usage;
  }
  const need = (what) => {
    if (!rest[0]) throw new UserError(`andon ${command} needs ${what}`);
    return rest[0];
  };
  const config = v.config;
  switch (command) {
    case "run":
      return runCommand({ config, only: list(v.only), resume: v.resume, from: v.from, json: v.json, cache: !v["no-cache"], quiet: v.quiet }, io);
    case "runs":
      return runsCommand({ json: v.json, config, store: v.store, limit: positiveInt(v.limit, "limit", 50) }, io);
    case "show":
      return showCommand({ serial: need("a serial"), json: v.json, config, store: v.store, logLines: positiveInt(v.lines, "lines", 20), findings: 10 }, io);
    case "trace": {
      const serial = need("a serial");
      if (v.repo) {
        const { remoteTrace } = await import("./remote-trace-3S2EBHAG.js");
        return remoteTrace({ serial, repo: v.repo, token: v.token, json: v.json }, io);
      }
      return traceCommand({ serial, json: v.json, config, store: v.store }, io);
    }
    case "baseline":
      if (rest[0] !== "update") throw new UserError("usage: andon baseline update [--from serial] [--stage id]");
      return baselineUpdateCommand({ from: v.from, config, stages: list(v.stage) }, io);
    case "schema":
      return schemaCommand(rest[0], io);
    case "validate-config":
      return validateConfigCommand(config, v.json, io);
    case "context":
      return contextCommand({ check: v.check, targets: list(v.target), rulesFile: v.rules }, io);
    case "new":
      if (rest.length !== 2) throw new UserError("usage: andon new <kind> <name> [--dry-run]");
      return newCommand({ kind: rest[0], name: rest[1], dryRun: v["dry-run"], rulesFile: v.rules }, io);
    default:
      throw new UserError(`unknown command "${command}"

${USAGE}`);
  }
}
async function main(argv, io) {
  try {
    return await dispatch(argv, io);
  } catch (e) {
    if (e instanceof UserError) {
      io.err(`${io.style.red("andon:")} ${e.message}
`);
      return ExitCode.usage;
    }
    const internal = e instanceof InternalError;
    io.err(`${io.style.red("andon: internal error:")} ${e?.stack ?? String(e)}
`);
    if (!internal) io.err("This is a bug in Andon; please report it with the command you ran.\n");
    return ExitCode.internal;
  }
}
export {
  USAGE,
  dispatch,
  main
};
