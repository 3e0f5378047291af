#!/usr/bin/env node
// Entry of the `andon` binary: wires the process (argv, streams, signals, exit code) to the CLI.
import { enableCompileCache } from '../compile-cache.js';
import { ANDON_VERSION } from '../version.js';

// The version is answered before anything else loads: scripts call it often.
if (process.argv.length === 3 && ['--version', '-v'].includes(process.argv[2]!)) {
  process.stdout.write(`${ANDON_VERSION}\n`);
  process.exit(0);
}
enableCompileCache();
const { main } = await import('./main.js');
const { makeStyle } = await import('../report/style.js');
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
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  style: makeStyle(Boolean(process.stderr.isTTY), process.env),
  isTty: Boolean(process.stderr.isTTY),
  signal: controller.signal,
  exitGuard,
});
process.exitCode = controller.signal.aborted && code === 0 ? 1 : code;
