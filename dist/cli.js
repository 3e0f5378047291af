#!/usr/bin/env node
import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  askSourceQuestions
} from "./chunks/chunk-RBGFA5GU.js";
import {
  ANDON_VERSION
} from "./chunks/chunk-AS4XOIVA.js";
import "./chunks/chunk-X4N7ZENU.js";
import {
  enableCompileCache
} from "./chunks/chunk-S7DLDSZF.js";
import "./chunks/chunk-TZYN2FJC.js";

// src/cli/index.ts
if (process.argv.length === 3 && ["--version", "-v"].includes(process.argv[2])) {
  process.stdout.write(`${ANDON_VERSION}
`);
  process.exit(0);
}
var sourceAnswers = process.argv[2] === "run" ? askSourceQuestions(process.cwd(), process.env) : void 0;
enableCompileCache();
var { main } = await import("./chunks/main-4EG4YSXB.js");
var { makeStyle } = await import("./chunks/style-KLXKH5WJ.js");
var { streamWriter } = await import("./chunks/output-stream-4GWJEOY4.js");
var { ExitGuard } = await import("./chunks/exit-guard-EWGXLTCT.js");
var exitGuard = new ExitGuard();
process.on("exit", (code2) => {
  const guarded = exitGuard.onExit(code2);
  if (guarded !== null) process.exitCode = guarded;
});
var controller = new AbortController();
var signals = 0;
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    signals++;
    if (signals > 1) process.exit(1);
    controller.abort(sig);
  });
}
var code = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  out: streamWriter(process.stdout),
  err: streamWriter(process.stderr),
  style: makeStyle(Boolean(process.stderr.isTTY), process.env),
  isTty: Boolean(process.stderr.isTTY),
  signal: controller.signal,
  ...sourceAnswers ? { sourceAnswers } : {},
  exitGuard
});
process.exitCode = controller.signal.aborted && code === 0 ? 1 : code;
