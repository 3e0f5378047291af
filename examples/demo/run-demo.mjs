// The demo: copy the shop to a temp git repo, run its line (a stage fails), show the failure, apply the
// fix, resume from the failed stage (earlier stages are reused), and trace where each result came from.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const cli = path.join(root, 'dist/cli.js');
const ws = mkdtempSync(path.join(tmpdir(), 'andon-demo-'));
const bold = (s) => (process.stdout.isTTY && !process.env.NO_COLOR ? `\u001b[1m${s}\u001b[22m` : s);

function step(title) {
  console.log(`\n${bold(`── ${title} ──`)}`);
}
function git(...args) {
  execFileSync('git', args, { cwd: ws, stdio: 'ignore' });
}
function andon(args, { capture = false } = {}) {
  console.log(`$ andon ${args.join(' ')}`);
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: ws, stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'], encoding: 'utf8' });
  if (capture) process.stdout.write(r.stdout);
  return { code: r.status, stdout: r.stdout ?? '' };
}

step(`a copy of examples/demo/repo as a git repository in ${ws}`);
cpSync(path.join(here, 'repo'), ws, { recursive: true });
// The shop uses the tools of this checkout (TypeScript, Vitest, ESLint) as if it had installed them.
symlinkSync(path.join(root, 'node_modules'), path.join(ws, 'node_modules'), 'dir');
// main holds the shop as it was; a branch changes the discount rule and gets it wrong at the boundary. Every gate
// judges the branch against main (the merge-base), as on a pull request.
const buggy = readFileSync(path.join(ws, 'src/cart.ts'));
cpSync(path.join(here, 'fix'), ws, { recursive: true });
git('init', '-q', '-b', 'main');
git('-c', 'user.email=demo@andon.dev', '-c', 'user.name=Andon Demo', 'add', '-A');
git('-c', 'user.email=demo@andon.dev', '-c', 'user.name=Andon Demo', 'commit', '-q', '-m', 'demo shop');
git('checkout', '-q', '-b', 'discount');
writeFileSync(path.join(ws, 'src/cart.ts'), buggy);
git('-c', 'user.email=demo@andon.dev', '-c', 'user.name=Andon Demo', 'commit', '-qam', 'discount: 10% off orders over 100.00');

step('1. run the line: a stage fails and the line stops there');
const first = andon(['run'], { capture: true });
const serial = first.stdout.trim().split('\n').pop();
if (first.code !== 1) {
  console.error(`expected the first run to fail (exit 1), got ${first.code}`);
  process.exit(1);
}

step('2. look the serial up: what failed and why');
andon(['show', serial]);

step('3. fix the discount boundary (>= instead of >) and commit');
cpSync(path.join(here, 'fix'), ws, { recursive: true });
git('-c', 'user.email=demo@andon.dev', '-c', 'user.name=Andon Demo', 'commit', '-qam', 'fix: discount from 100.00 inclusive');
console.log('src/cart.ts: sum > 10_000  →  sum >= 10_000');

step('4. resume from the failed stage: stages whose inputs did not change are reused');
const failedStage = JSON.parse(spawnSync(process.execPath, [cli, 'show', serial, '--json'], { cwd: ws, encoding: 'utf8' }).stdout).stages.find(
  (s) => s.state === 'failed' || s.state === 'errored',
).id;
const second = andon(['run', '--resume', serial, '--from', failedStage], { capture: true });
const child = second.stdout.trim().split('\n').pop();

step('5. trace the new run: its lineage and where each stage result came from');
andon(['trace', child]);

console.log(`\nThe records are in ${path.join(ws, '.andon/runs')}; try: cd ${ws} && npx andon runs`);
process.exit(second.code === 0 ? 0 : 1);
