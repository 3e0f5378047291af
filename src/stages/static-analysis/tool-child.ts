// Entry of the process that runs ESLint or tsc for the static-analysis stage (dist/tool-child.js). The stage starts it
// with the stage's environment, so the user's config and plugins run without the runner's credentials, and where a
// deadline or a signal stops them. It reads the request file named by its argument and writes the report beside it
// at the very end, atomically: a process that ends early (a config that exits, a crash) leaves no report.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import { errorMessage } from '../../core/errors.js';
import { lintInProcess } from './eslint-lint.js';
import type { ToolRequest } from './tool-report.js';
import { checkInProcess } from './tsc-check.js';

try {
  // Node 22+: the compiled code of ESLint, its plugins and TypeScript is kept on disk, so later runs start faster.
  (module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
} catch {
  // A cache folder that cannot be written only costs speed.
}
const requestFile = process.argv[2];
if (!requestFile) {
  process.stderr.write('usage: tool-child <request.json>\n');
  process.exit(2);
}
const request = JSON.parse(readFileSync(requestFile, 'utf8')) as ToolRequest;
let report: unknown;
try {
  report = request.tool === 'eslint' ? await lintInProcess(request) : checkInProcess(request);
} catch (err) {
  report = { ok: false, reason: `${request.tool === 'eslint' ? 'ESLint' : 'tsc'}: ${errorMessage(err)}` };
}
const tmp = `${request.reportFile}.tmp`;
writeFileSync(tmp, JSON.stringify(report));
renameSync(tmp, request.reportFile);
// Handles a plugin left open (a watcher, a timer) must not keep the stage waiting once the report is written.
process.exit(0);
