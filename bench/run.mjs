// Runs every bench/*.bench.ts in its own process (so peak memory is its own), then prints the targets met.
// `npm run bench -- regression` runs only the benches whose name contains "regression".
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const filter = process.argv.slice(2);
mkdirSync(path.join(here, 'results'), { recursive: true });

// Benches that spawn the CLI or the action entries measure the committed bundles: build them first.
spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });

const benches = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)))
  .sort();
let failed = 0;
for (const f of benches) {
  console.log(`\n=== ${f} ===`);
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(here, f)], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) {
    console.log(`${f} exited with ${r.status}`);
    failed++;
  }
}

console.log('\n=== targets ===');
for (const f of benches) {
  const file = path.join(here, 'results', f.replace(/\.bench\.ts$/, '.json'));
  if (!existsSync(file)) continue;
  const result = JSON.parse(readFileSync(file, 'utf8'));
  for (const t of Array.isArray(result.targets) ? result.targets : []) {
    console.log(`${t.pass ? 'met ' : 'MISS'}  ${result.name}: ${t.name}: ${t.actual} (target ${t.target})`);
    if (!t.pass) failed++;
  }
}
process.exitCode = failed > 0 ? 1 : 0;
