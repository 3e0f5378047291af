import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  baselineFilePath
} from "./chunk-VHDCSVYJ.js";
import {
  openWorkspace
} from "./chunk-6XIAA4RZ.js";
import "./chunk-5OCHSZKT.js";
import "./chunk-5BSIPENY.js";
import "./chunk-SPBR4F3X.js";
import "./chunk-EM73ES6I.js";
import "./chunk-QZDB3VMJ.js";
import "./chunk-H2VICYEQ.js";
import "./chunk-PE5NFLL3.js";
import {
  artifactPath,
  describeStageRead,
  hasArtifact,
  readRecordedStageFile
} from "./chunk-4PTP22Z7.js";
import "./chunk-JBUSEVB6.js";
import "./chunk-MGRT4P43.js";
import "./chunk-R2DVGQ2Z.js";
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
import "./chunk-AS4XOIVA.js";
import {
  gitOut
} from "./chunk-X4N7ZENU.js";
import "./chunk-TZYN2FJC.js";

// src/core/baseline-update.ts
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
function notOfACommit(run) {
  if (run.verdict === "running") return "it has not finished";
  if (run.source.dirty) return "it ran on a working tree with uncommitted changes, so its findings and tests are not those of a commit";
  return null;
}
function mismatch(run, config, sha) {
  const unfit = notOfACommit(run);
  if (unfit) return unfit;
  if (run.source.sha !== sha) return `it ran on ${run.source.sha?.slice(0, 7) ?? "no commit"}`;
  if (run.config.path !== config.path) return `it ran ${run.config.path}`;
  if (run.config.digest !== config.digest) return `it ran other contents of ${config.path}`;
  return null;
}
async function pickRun(store, workspace, request, env) {
  if (request.from) {
    const named = await store.loadRecord(request.from);
    const unfit = notOfACommit(named);
    if (unfit) throw new UserError(`run ${named.serial} cannot give a baseline to commit: ${unfit}. Commit or stash the changes, run again, and take that run`);
    return named;
  }
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
  const written = [];
  for (const stage of record.stages) {
    if (request.stages && !request.stages.includes(stage.id)) continue;
    if (!hasArtifact(stage, "baseline")) continue;
    const got = readRecordedStageFile(store.stageDir(record.serial, stage.id), stage, "baseline");
    if (got.kind !== "ok") throw new UserError(`${artifactPath(stage.id, "baseline")} of run ${record.serial} ${describeStageRead(got)}`);
    const target = baselineFilePath(workspace, stage.id);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, got.bytes);
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
export {
  baselineUpdateCommand
};
