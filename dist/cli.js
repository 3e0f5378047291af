#!/usr/bin/env node
import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  ANDON_VERSION
} from "./chunks/chunk-AS4XOIVA.js";
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
enableCompileCache();
var { main } = await import("./chunks/main-HS6Y5ZUQ.js");
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
  signal: controller.signal
});
process.exitCode = controller.signal.aborted && code === 0 ? 1 : code;
