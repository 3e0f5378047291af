#!/usr/bin/env node
// Entry of the `andon` binary: wires the process (argv, streams, signals, exit code) to the CLI.
import { enableCompileCache } from '../compile-cache.js';
import { askSourceQuestions } from '../core/source-git.js';
import { ANDON_VERSION } from '../version.js';

// The version is answered before anything else loads: scripts call it often.
if (process.argv.length === 3 && ['--version', '-v'].includes(process.argv[2]!)) {
  process.stdout.write(`${ANDON_VERSION}\n`);
  process.exit(0);
}
// A run asks git about the workspace first thing: the processes answer while the rest of Andon loads.
const sourceAnswers = process.argv[2] === 'run' ? askSourceQuestions(process.cwd(), process.env) : undefined;
enableCompileCache();
const { main } = await import('./main.js');
const { makeStyle } = await import('../report/style.js');
const { streamWriter } = await import('./output-stream.js');
const { ExitGuard } = await import('../core/exit-guard.js');

// A stage's code that ends the process (process.exit in an ESLint config, an error nothing caught) still leaves the
// record finished, and the exit code never says passed.
const exitGuard = new ExitGuard();
process.on('exit', (code) => {
  const guarded = exitGuard.onExit(code);
  if (guarded !== null) process.exitCode = guarded;
});

const controller = new AbortController();
let signals = 0;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    signals++;
    if (signals > 1) process.exit(1);
    controller.abort(sig);
  });
}

const code = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  out: streamWriter(process.stdout),
  err: streamWriter(process.stderr),
  style: makeStyle(Boolean(process.stderr.isTTY), process.env),
  isTty: Boolean(process.stderr.isTTY),
  signal: controller.signal,
  ...(sourceAnswers ? { sourceAnswers } : {}),
  exitGuard,
});
process.exitCode = controller.signal.aborted && code === 0 ? 1 : code;
