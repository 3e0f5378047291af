// The workspace files an ESLint config's code is made of: the config files and what they import through relative
// specifiers (static imports, re-exports, import() and require() with a literal), followed transitively. Packages
// (bare specifiers, anything under node_modules) are keyed by the lockfiles instead; an import() of a computed
// specifier cannot be followed.
import path from 'node:path';
import { readGuarded, type GuardedRead } from '../../core/guarded-read.js';
import { scanScript } from '../../core/script-scanner.js';

/** The most files a config's code is followed to; a config made of more is not keyed (its results are not kept). */
export const MAX_CONFIG_FILES = 500;
/** Larger than any config or local rule; a bigger file is keyed by its refusal, not read. */
const MAX_FILE_BYTES = 16 * 1024 * 1024;
const SCRIPT = /\.[cm]?[jt]sx?$/;
const EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.json'];

/** The files a relative specifier can name, in the order Node and TypeScript-aware loaders try them. */
function candidates(from: string, specifier: string): string[] {
  const base = path.resolve(path.dirname(from), specifier.replace(/[?#].*$/, ''));
  const out = [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => path.join(base, `index${e}`))];
  // A TypeScript config names `./rule.js` for the `./rule.ts` it is compiled from.
  const js = /\.([cm]?)js$/.exec(base);
  if (js) out.push(`${base.slice(0, -js[0].length)}.${js[1]}ts`);
  return out;
}

function isPackageFile(workspace: string, abs: string): boolean {
  const rel = path.relative(workspace, abs);
  return rel.startsWith('..') || path.isAbsolute(rel) || rel.split(path.sep).includes('node_modules');
}

/**
 * Every file the roots' code is made of, each with what reading it found (the roots too, also when missing), in a
 * fixed order; null when there are more than MAX_CONFIG_FILES.
 */
export function configCode(workspace: string, roots: readonly string[]): Map<string, GuardedRead> | null {
  const read = (f: string) => readGuarded(f, { maxBytes: MAX_FILE_BYTES, within: workspace });
  const found = new Map<string, GuardedRead>(roots.map((r) => [r, read(r)]));
  const queue = [...roots];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const got = found.get(next)!;
    if (got.kind !== 'ok' || !SCRIPT.test(next)) continue;
    for (const { specifier } of scanScript(got.bytes.toString('utf8'), next).imports) {
      if (!specifier.startsWith('./') && !specifier.startsWith('../')) continue;
      for (const c of candidates(next, specifier)) {
        if (isPackageFile(workspace, c)) break;
        if (found.has(c)) break;
        const r = read(c);
        if (r.kind === 'missing' || r.kind === 'not-a-file') continue;
        found.set(c, r);
        if (found.size > MAX_CONFIG_FILES) return null;
        queue.push(c);
        break;
      }
    }
  }
  return found;
}
