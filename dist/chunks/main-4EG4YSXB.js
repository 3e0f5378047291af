import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  ExitCode,
  InternalError,
  UserError
} from "./chunk-HUTQD67Y.js";
import {
  ANDON_VERSION
} from "./chunk-AS4XOIVA.js";
import "./chunk-TZYN2FJC.js";

// src/cli/main.ts
import { parseArgs } from "node:util";
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
    case "run": {
      const { runCommand } = await import("./run-TAI5ZCK4.js");
      return runCommand({ config, only: list(v.only), resume: v.resume, from: v.from, json: v.json, cache: !v["no-cache"], quiet: v.quiet }, io);
    }
    case "runs": {
      if (rest[0] === "prune") {
        const { runsPruneCommand } = await import("./runs-prune-VDMHELU4.js");
        return runsPruneCommand({ keep: optionalPositiveInt(v.keep, "keep"), older: v.older, dryRun: v["dry-run"], json: v.json, config, store: v.store }, io);
      }
      if (rest[0] !== void 0) throw new UserError(`unknown runs command "${rest[0]}"; usage: andon runs [--json] [--limit n] | andon runs prune --keep n | --older age`);
      const { runsCommand } = await import("./runs-EG2MYMGX.js");
      return runsCommand({ json: v.json, config, store: v.store, limit: positiveInt(v.limit, "limit", 50) }, io);
    }
    case "show": {
      const { showCommand } = await import("./show-YBAPUDBL.js");
      return showCommand({ serial: need("a serial"), json: v.json, config, store: v.store, logLines: positiveInt(v.lines, "lines", 20), findings: 10 }, io);
    }
    case "trace": {
      const serial = need("a serial");
      if (v.repo) {
        const { remoteTraceCommand } = await import("./remote-trace-7L4TQGC5.js");
        return remoteTraceCommand({ serial, repo: v.repo, token: v.token, json: v.json }, io);
      }
      const { traceCommand } = await import("./trace-AJGSFN46.js");
      return traceCommand({ serial, json: v.json, config, store: v.store }, io);
    }
    case "baseline": {
      if (rest[0] !== "update") throw new UserError("usage: andon baseline update [--from serial] [--stage id]");
      const { baselineUpdateCommand } = await import("./baseline-5VTQFSE5.js");
      return baselineUpdateCommand({ from: v.from, config, stages: list(v.stage) }, io);
    }
    case "schema": {
      const { schemaCommand } = await import("./schema-SB3PIHAJ.js");
      return schemaCommand(rest[0], io);
    }
    case "validate-config": {
      const { validateConfigCommand } = await import("./schema-SB3PIHAJ.js");
      return validateConfigCommand(config, v.json, io);
    }
    case "context": {
      const { contextCommand } = await import("./context-37RSLVCM.js");
      return contextCommand({ check: v.check, targets: list(v.target), rulesFile: v.rules }, io);
    }
    case "new": {
      if (rest.length !== 2) throw new UserError("usage: andon new <kind> <name> [--dry-run]");
      const { newCommand } = await import("./context-37RSLVCM.js");
      return newCommand({ kind: rest[0], name: rest[1], dryRun: v["dry-run"], rulesFile: v.rules }, io);
    }
    case "report": {
      const { reportCommand } = await import("./report-KHJUUXTT.js");
      return reportCommand({ serial: need("a serial"), out: v.out, config, store: v.store, last: optionalPositiveInt(v.last, "last") }, io);
    }
    case "metrics": {
      const { metricsCommand } = await import("./metrics-MXYVSKFK.js");
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
