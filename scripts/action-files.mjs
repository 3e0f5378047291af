// Writes the generated action metadata (action.yml, actions/<kind>/action.yml, src/github/entries/<kind>.ts)
// from src/github/action-metadata.ts and the stage registry; an entry of a kind no longer registered is removed.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

/** Entries that are not stage kinds: the line, its post step, the trace lookup and the verdict check. */
const OWN_ENTRIES = new Set(['line.ts', 'post.ts', 'trace.ts', 'verdict.ts']);

export async function writeActionFiles(root) {
  const here = pathToFileURL(path.join(root, 'scripts', 'action-files.mjs')).href;
  const { actionFiles } = await tsImport('../src/github/action-metadata.ts', here);
  const { defaultRegistry } = await tsImport('../src/stages/index.ts', here);
  const files = actionFiles(defaultRegistry());
  const changed = [];
  for (const [rel, text] of files) {
    const abs = path.join(root, rel);
    if (existsSync(abs) && readFileSync(abs, 'utf8') === text) continue;
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    changed.push(rel);
  }
  const entries = path.join(root, 'src/github/entries');
  for (const f of readdirSync(entries)) {
    if (!OWN_ENTRIES.has(f) && !files.has(`src/github/entries/${f}`)) {
      rmSync(path.join(entries, f));
      changed.push(`src/github/entries/${f} (removed)`);
    }
  }
  if (changed.length > 0) console.log(`action metadata written: ${changed.join(', ')}`);
}
