#!/usr/bin/env node
import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  askSourceQuestions
} from "./chunks/chunk-KYJVETIR.js";
import {
  ANDON_VERSION
} from "./chunks/chunk-3PXQC2NJ.js";
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
var { main } = await import("./chunks/main-NZJU4UKB.js");
var { makeStyle } = await import("./chunks/style-KLXKH5WJ.js");
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
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  style: makeStyle(Boolean(process.stderr.isTTY), process.env),
  isTty: Boolean(process.stderr.isTTY),
  signal: controller.signal,
  ...sourceAnswers ? { sourceAnswers } : {}
});
process.exitCode = controller.signal.aborted && code === 0 ? 1 : code;
