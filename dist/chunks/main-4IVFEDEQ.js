import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  FsBaseJudgementCache,
  baselineFilePath,
  buildTrace,
  readSourceFacts,
  runLine
} from "./chunk-GKMHCYYE.js";
import "./chunk-ZMTWOZYI.js";
import {
  FsStageCache
} from "./chunk-Q5KMN4FR.js";
import {
  renderTrace
} from "./chunk-O3ZMAAQJ.js";
import {
  nextStepLine,
  runStartLine,
  runsLine,
  stageEndLine,
  stageStartLine,
  stageTable,
  verdictLine
} from "./chunk-SHD52V4E.js";
import {
  processIsAlive,
  thisProcess
} from "./chunk-ZXK4LA3K.js";
import {
  isInterrupted
} from "./chunk-XMAXQW2A.js";
import "./chunk-WCIAZNSM.js";
import {
  openStore,
  openWorkspace
} from "./chunk-JHI2SD33.js";
import {
  configJsonSchema,
  defaultRegistry
} from "./chunk-OQFFQKPS.js";
import "./chunk-QBLW3TNU.js";
import "./chunk-OLMCVOXU.js";
import "./chunk-NW5BJ42D.js";
import "./chunk-X5YYSJ4P.js";
import "./chunk-XHCTWASW.js";
import "./chunk-2BZLSEN6.js";
import "./chunk-4EL3FZTD.js";
import "./chunk-QHXM2DMB.js";
import "./chunk-JBUSEVB6.js";
import "./chunk-MGRT4P43.js";
import {
  artifactPath,
  hasArtifact,
  readFindings,
  readStageFile,
  stageFile
} from "./chunk-O4JUAHO6.js";
import {
  RunRecord,
  exitCodeOf,
  isFailure,
  serializeRecord,
  stopOf
} from "./chunk-YKR6NAYJ.js";
import {
  validateStages
} from "./chunk-ELIMH3I4.js";
import "./chunk-72M2R3CJ.js";
import {
  compareFindings
} from "./chunk-M4BUQAOK.js";
import "./chunk-UACYHNGC.js";
import "./chunk-GVHEA4QO.js";
import "./chunk-5W5UWLHK.js";
import {
  toJSONSchema
} from "./chunk-VXCLKI4Z.js";
import {
  ExitCode,
  InternalError,
  UserError,
  UserErrors
} from "./chunk-6JA6VXJX.js";
import "./chunk-CQL46DRE.js";
import {
  ANDON_VERSION
} from "./chunk-AS4XOIVA.js";
import {
  gitOut
} from "./chunk-AHBW6X22.js";
import "./chunk-TZYN2FJC.js";

// src/cli/main.ts
import { parseArgs } from "node:util";

// src/core/baseline-update.ts
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
function mismatch(run, config, sha) {
  if (run.verdict === "running") return "it has not finished";
  if (run.source.sha !== sha) return `it ran on ${run.source.sha?.slice(0, 7) ?? "no commit"}`;
  if (run.config.path !== config.path) return `it ran ${run.config.path}`;
  if (run.config.digest !== config.digest) return `it ran other contents of ${config.path}`;
  return null;
}
async function pickRun(store, workspace, request, env) {
  if (request.from) return store.loadRecord(request.from);
  const sha = await gitOut(workspace, ["rev-parse", "HEAD"], env);
  if (!sha) throw new UserError("no commit checked out: name the run to take the baseline from with --from <serial>");
  const runs = await store.listRuns();
  const run = runs.find((r) => mismatch(r, request.config, sha) === null);
  if (run) return run;
  const newest = runs[0];
  const why = newest ? `; the newest run, ${newest.serial}, is not one: ${mismatch(newest, request.config, sha)}` : "";
  throw new UserError(
    `no finished run of ${request.config.path} (as it is now) on this commit ${sha.slice(0, 7)} to take a baseline from${why}. Run \`andon run\` first, or name a run with --from <serial>`
  );
}
async function baselineUpdate(store, workspace, request, env) {
  const record = await pickRun(store, workspace, request, env);
  const problems = await store.verify(record);
  const tampered = new Set(problems.filter((p) => p.problem !== "unrecorded").map((p) => p.path));
  const written = [];
  for (const stage of record.stages) {
    if (request.stages && !request.stages.includes(stage.id)) continue;
    if (!hasArtifact(stage, "baseline")) continue;
    const artifact = artifactPath(stage.id, "baseline");
    if (tampered.has(artifact)) throw new UserError(`${artifact} of run ${record.serial} does not match its recorded sha256; not trusted`);
    const target = baselineFilePath(workspace, stage.id);
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(path.join(store.runDir(record.serial), artifact), target);
    written.push({ stage: stage.id, file: path.relative(workspace, target) });
  }
  if (written.length === 0) {
    throw new UserError(`run ${record.serial} has no stage that writes a baseline (regression, static-analysis and templates do)`);
  }
  return { run: record, written };
}

// src/cli/commands/baseline.ts
async function baselineUpdateCommand(args, io) {
  const ws = await openWorkspace(io.cwd, args.config, io.env);
  const { run, written } = await baselineUpdate(ws.store, ws.root, { from: args.from, stages: args.stages, config: { path: ws.config.path, digest: ws.config.digest } }, io.env);
  const dirty = run.source.dirty ? "; its working tree had uncommitted changes" : "";
  io.err(`baseline from run ${run.serial} (${run.verdict}, ${run.createdAt}, ${run.config.path} on ${run.source.sha?.slice(0, 7) ?? "no commit"}${dirty})
`);
  for (const w of written) io.out(`${w.file} \u2190 ${w.stage}
`);
  io.err(`${written.length} baseline file(s) written; commit them so every run compares with them
`);
  return 0;
}

// src/cli/commands/run.ts
import path2 from "node:path";
async function runCommand(args, io) {
  if (args.resume && !args.from || !args.resume && args.from) {
    throw new UserError("--resume <serial> and --from <stage-id> go together");
  }
  const ws = await openWorkspace(io.cwd, args.config, io.env);
  const s = io.style;
  const progress = !args.json && !args.quiet;
  const selected = ws.config.line.map((st) => st.id).filter((id) => !args.only || args.only.includes(id));
  const onEvent = (e) => {
    if (!progress) return;
    if (e.type === "stage-start") io.err(`${stageStartLine(e.stage, selected.indexOf(e.stage.id), selected.length, s)}
`);
    else if (e.type === "stage-output") io.err(`${s.dim("\u2502")} ${e.line}
`);
    else if (e.type === "stage-end") io.err(`${stageEndLine(e.stage, s)}
`);
    else if (e.type === "run-start") io.err(`${runStartLine(e.record, s)}
`);
  };
  const record = await runLine({
    workspace: ws.root,
    source: await readSourceFacts(ws.root, io.env, { base: ws.config.base, answers: io.sourceAnswers }),
    config: ws.config,
    registry: ws.registry,
    store: ws.store,
    env: io.env,
    writer: thisProcess(),
    signal: io.signal,
    ...io.exitGuard ? { guard: io.exitGuard } : {},
    ...args.only ? { only: args.only } : {},
    ...args.resume && args.from ? { resume: { serial: args.resume, fromStage: args.from } } : {},
    cache: args.cache && ws.config.cache.enabled ? new FsStageCache(path2.resolve(ws.root, ws.config.cache.path)) : null,
    // --no-cache judges the base again too: no cached result of any kind is trusted.
    baseCache: args.cache && ws.config.cache.enabled ? new FsBaseJudgementCache(path2.resolve(ws.root, ws.config.cache.path, "base-judgements")) : null,
    statCacheFile: path2.resolve(ws.root, ws.config.cache.path, "file-hashes.json"),
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
  if (ws.config.store.keep !== void 0) await (await import("./runs-prune-QA4IMRJ2.js")).pruneAfterRun(ws, io, args.quiet || args.json);
  if (args.json) io.out(serializeRecord(record));
  else {
    io.err("\n" + stageTable(record, s) + "\n\n" + verdictLine(record, s) + "\n");
    const stop = stopOf(record.stages);
    if (stop) io.err(`${nextStepLine(record, stop.id, s)}
`);
    io.out(`${record.serial}
`);
  }
  return exitCodeOf(record.stages);
}

// src/cli/commands/runs.ts
import { hostname } from "node:os";
async function runsCommand(args, io) {
  const store = await openStore(io.cwd, args.config, args.store, io.env);
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
    const stop = stopOf(r.stages);
    io.out(`${runsLine(r, stop?.id, isInterrupted(r, processIsAlive, hostname()), s)}
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
  const ws = await openWorkspace(io.cwd, configPath, io.env);
  const problems = await validateStages(ws.config, ws.registry, ws.root);
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1) throw new UserErrors(problems);
  if (json) io.out(JSON.stringify({ path: ws.config.path, digest: ws.config.digest, stages: ws.config.line.map((s) => ({ id: s.id, uses: s.uses, blocking: s.blocking })) }, null, 2) + "\n");
  else io.out(`${ws.config.path} is valid: ${ws.config.line.map((s) => `${s.id} (${s.uses})`).join(" \u2192 ")}
`);
  return 0;
}

// src/cli/commands/show.ts
import { hostname as hostname2 } from "node:os";

// src/report/run-details.ts
function findingLine(f) {
  const loc = f.location;
  const where = loc ? `${loc.path}${loc.startLine ? `:${loc.startLine}` : ""}${loc.startColumn ? `:${loc.startColumn}` : ""}` : "";
  const tag = f.baseline === "unchanged" ? " (known)" : "";
  return `${f.level} ${f.ruleId}${tag}: ${f.message.split("\n")[0]}${where ? `  ${where}` : ""}`;
}
function stageSection(d, interrupted, max, s) {
  const out = [];
  const st = d.stage;
  out.push(`${s.bold(st.id)} ${s.red(interrupted && st.state === "running" ? "interrupted" : st.state)}: ${st.reason}`);
  if (d.findings.length > 0) {
    const sorted = [...d.findings].sort(compareFindings);
    out.push(s.dim(`findings (${sorted.length}, new first):`));
    for (const f of sorted.slice(0, max)) out.push(`  ${findingLine(f)}`);
    if (sorted.length > max) out.push(s.dim(`  \u2026 ${sorted.length - max} more in ${d.findingsFile}`));
  }
  if (d.logTail.length > 0) {
    out.push(s.dim(`log (last ${d.logTail.length} lines of ${d.logFile}):`));
    for (const line of d.logTail) out.push(`  ${s.dim("\u2502")} ${line}`);
  }
  out.push("");
  return out;
}
function problemLines(problems, s) {
  if (problems.length === 0) return [];
  const out = [s.red(`artifacts do not match the record (${problems.length}):`)];
  for (const p of problems) {
    out.push(`  ${p.problem}: ${p.path}${p.expected ? ` (recorded sha256 ${p.expected.slice(0, 12)}${p.actual ? `, now ${p.actual.slice(0, 12)}` : ""})` : ""}`);
  }
  out.push(s.red("These artifacts are not trusted."), "");
  return out;
}
function renderRunDetails(d, s) {
  const { record, interrupted } = d;
  const src = record.source;
  const out = [verdictLine(record, s, interrupted)];
  out.push(
    s.dim(
      `${src.repo ?? "local"} ${src.ref ?? ""} ${src.sha ? src.sha.slice(0, 12) : "no commit"}${src.dirty ? " (dirty)" : ""} \xB7 config ${record.config.path} ${record.config.digest.slice(0, 19)} \xB7 andon ${record.tool.version} \xB7 ${record.createdAt}`
    )
  );
  if (record.host.url) out.push(s.dim(record.host.url));
  out.push("", stageTable(record, s, interrupted), "");
  if (interrupted) out.push(s.yellow(`This run was interrupted: the process that wrote it (pid ${record.host.pid}) is gone.`), "");
  for (const st of d.stages) out.push(...stageSection(st, interrupted, d.maxFindings, s));
  out.push(...problemLines(d.problems, s));
  if (d.stoppedAt) out.push(s.dim(`rerun from here: andon run --resume ${record.serial} --from ${d.stoppedAt}`));
  return out.join("\n") + "\n";
}

// src/cli/commands/show.ts
function logTail(dir, lines) {
  const read = readStageFile(dir, "log", { tailBytes: 256 * 1024 });
  return read.kind === "ok" ? read.bytes.toString("utf8").trimEnd().split("\n").slice(-lines) : [];
}
async function stageDetails(store, serial, stage, logLines) {
  const dir = store.stageDir(serial, stage.id);
  const read = await readFindings(dir, stage.id);
  const logFile = stageFile(dir, "log");
  return {
    stage,
    findings: read.kind === "ok" ? read.findings.filter((f) => f.baseline !== "absent") : [],
    findingsFile: stageFile(dir, "sarif"),
    logTail: logTail(dir, logLines),
    logFile
  };
}
async function loadShownRun(store, serial) {
  const record = await store.loadRecord(serial);
  const interrupted = isInterrupted(record, processIsAlive, hostname2());
  const problems = await store.verify(record);
  return { record, interrupted, problems };
}
async function showCommand(args, io) {
  const store = await openStore(io.cwd, args.config, args.store, io.env);
  const { record, interrupted, problems } = await loadShownRun(store, args.serial);
  const code = problems.some((p) => p.problem !== "unrecorded") ? 1 : 0;
  if (args.json) {
    io.out(serializeRecord(record));
    return code;
  }
  const cutShort = (x) => interrupted && x.state === "running";
  const focus = record.stages.filter((x) => isFailure(x.state) || cutShort(x));
  const stages = [];
  for (const st of focus) stages.push(await stageDetails(store, record.serial, st, args.logLines));
  const stop = stopOf(record.stages) ?? record.stages.find((x) => x.blocking && cutShort(x));
  io.out(renderRunDetails({ record, interrupted, problems, stages, stoppedAt: stop?.id, maxFindings: args.findings }, io.style));
  return code;
}

// src/cli/commands/trace.ts
async function traceCommand(args, io) {
  const store = await openStore(io.cwd, args.config, args.store, io.env);
  const trace = await buildTrace(store, args.serial);
  if (args.json) {
    io.out(JSON.stringify(trace, null, 2) + "\n");
    return 0;
  }
  io.out(renderTrace(trace, (await store.loadRecord(args.serial)).stages, io.style));
  return 0;
}

// src/cli/commands/context.ts
async function contextCommand(args, io) {
  const { checkContext, writeContext, KNOWN_CONTEXT_FILES } = await import("./templates-4JLSXPTL.js");
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
  const { scaffoldUnit } = await import("./templates-4JLSXPTL.js");
  const r = await scaffoldUnit(io.cwd, args.kind, args.name, { dryRun: args.dryRun, ...args.rulesFile ? { rulesFile: args.rulesFile } : {} });
  for (const n of r.renamed ?? []) io.out(`{${n.placeholder}} = ${n.to} (given ${n.from}): rule ${n.rule} wants ${n.case} case
`);
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
  runs prune --keep n | --older age [--dry-run] [--json]
                          remove runs beyond the newest n or older than age (30d, 12h), never one a kept
                          run's lineage needs nor one running, and the stage-cache entries no kept run uses
  show <serial> [--json]              stage table, the failed stage's reason, findings, log tail
  trace <serial> [--json]             lineage back to the root run; where each stage result came from
  baseline update [--from serial]     write .andon/baselines/<stage>.json from a run, to commit
  schema [config|run]                 print the JSON Schema of andon.yml or of the run record
  validate-config [--config f]        check andon.yml
  context [--check] [--target f]      write (or check) the rules block for coding agents in AGENTS.md
  new <kind> <name> [--dry-run]       scaffold a unit from .andon/templates/<kind>/
  trace <serial> --repo owner/name    look a GitHub serial up: its workflow run, artifacts and record
  report <serial> [--out file]        write the run's report: one HTML page that opens offline
  metrics [--json] [--last n] [--by day|week] [--repo owner/name]
                          factory metrics per stage and line: first-pass yield, stops, reuse, durations, time to green

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
  keep: { type: "string" },
  older: { type: "string" },
  lines: { type: "string" },
  check: { type: "boolean", default: false },
  target: { type: "string", multiple: true },
  repo: { type: "string" },
  token: { type: "string" },
  stage: { type: "string", multiple: true },
  rules: { type: "string" },
  "dry-run": { type: "boolean", default: false },
  out: { type: "string", short: "o" },
  last: { type: "string" },
  by: { type: "string" },
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
function optionalPositiveInt(v, name) {
  return v === void 0 ? void 0 : positiveInt(v, name, 1);
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
      if (rest[0] === "prune") {
        const { runsPruneCommand } = await import("./runs-prune-QA4IMRJ2.js");
        return runsPruneCommand({ keep: optionalPositiveInt(v.keep, "keep"), older: v.older, dryRun: v["dry-run"], json: v.json, config, store: v.store }, io);
      }
      if (rest[0] !== void 0) throw new UserError(`unknown runs command "${rest[0]}"; usage: andon runs [--json] [--limit n] | andon runs prune --keep n | --older age`);
      return runsCommand({ json: v.json, config, store: v.store, limit: positiveInt(v.limit, "limit", 50) }, io);
    case "show":
      return showCommand({ serial: need("a serial"), json: v.json, config, store: v.store, logLines: positiveInt(v.lines, "lines", 20), findings: 10 }, io);
    case "trace": {
      const serial = need("a serial");
      if (v.repo) {
        const { remoteTraceCommand } = await import("./remote-trace-4GG5TKL6.js");
        return remoteTraceCommand({ serial, repo: v.repo, token: v.token, json: v.json }, io);
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
    case "report": {
      const { reportCommand } = await import("./report-4QKJAH4F.js");
      return reportCommand({ serial: need("a serial"), out: v.out, config, store: v.store, last: optionalPositiveInt(v.last, "last") }, io);
    }
    case "metrics": {
      const { metricsCommand } = await import("./metrics-K44FJHRM.js");
      return metricsCommand({ json: v.json, last: optionalPositiveInt(v.last, "last"), by: v.by, repo: v.repo, token: v.token, config, store: v.store }, io);
    }
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
