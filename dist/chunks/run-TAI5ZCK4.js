import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  FsBaseJudgementCache,
  readSourceFacts,
  runLine
} from "./chunk-BAQI6564.js";
import "./chunk-ZMTWOZYI.js";
import {
  FsStageCache
} from "./chunk-XHSFKW56.js";
import {
  processIsAlive,
  thisProcess
} from "./chunk-ZXK4LA3K.js";
import "./chunk-WCIAZNSM.js";
import "./chunk-A5WO7DY5.js";
import {
  nextStepLine,
  runStartLine,
  stageEndLine,
  stageStartLine,
  stageTable,
  verdictLine
} from "./chunk-NWRU5D3X.js";
import "./chunk-VHDCSVYJ.js";
import {
  openWorkspace
} from "./chunk-6XIAA4RZ.js";
import "./chunk-5OCHSZKT.js";
import "./chunk-5BSIPENY.js";
import "./chunk-SPBR4F3X.js";
import "./chunk-IS7EOWNW.js";
import "./chunk-EM73ES6I.js";
import "./chunk-QJBUIJW3.js";
import "./chunk-QZDB3VMJ.js";
import "./chunk-H2VICYEQ.js";
import "./chunk-BI4FL6IB.js";
import "./chunk-PE5NFLL3.js";
import "./chunk-4PTP22Z7.js";
import "./chunk-JBUSEVB6.js";
import "./chunk-MGRT4P43.js";
import {
  exitCodeOf,
  serializeRecord,
  stopOf
} from "./chunk-R2DVGQ2Z.js";
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
import "./chunk-RBGFA5GU.js";
import "./chunk-AS4XOIVA.js";
import "./chunk-X4N7ZENU.js";
import "./chunk-TZYN2FJC.js";

// src/cli/commands/run.ts
import path from "node:path";
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
    isAlive: processIsAlive,
    signal: io.signal,
    ...io.exitGuard ? { guard: io.exitGuard } : {},
    ...args.only ? { only: args.only } : {},
    ...args.resume && args.from ? { resume: { serial: args.resume, fromStage: args.from } } : {},
    cache: args.cache && ws.config.cache.enabled ? new FsStageCache(path.resolve(ws.root, ws.config.cache.path)) : null,
    // --no-cache judges the base again too: no cached result of any kind is trusted.
    baseCache: args.cache && ws.config.cache.enabled ? new FsBaseJudgementCache(path.resolve(ws.root, ws.config.cache.path, "base-judgements")) : null,
    statCacheFile: path.resolve(ws.root, ws.config.cache.path, "file-hashes.json"),
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
  if (ws.config.store.keep !== void 0) await (await import("./runs-prune-VDMHELU4.js")).pruneAfterRun(ws, io, args.quiet || args.json);
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
export {
  runCommand
};
