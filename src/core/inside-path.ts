// Whether a path stays inside a folder once its symlinks are resolved: a stage cwd, a store or a cache folder.
import { realpathSync } from 'node:fs';
import path from 'node:path';

/** Whether `abs` is strictly inside `root` (both absolute). */
export function isInside(root: string, abs: string): boolean {
  const rel = path.relative(root, abs);
  return rel !== '' && rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel);
}

/** The real path of the nearest existing ancestor plus the rest, so a folder that does not exist yet still resolves. */
export function realPathOf(abs: string): string {
  let head = abs;
  const tail: string[] = [];
  for (;;) {
    try {
      return path.join(realpathSync(head), ...tail);
    } catch {
      const parent = path.dirname(head);
      if (parent === head) return abs;
      tail.unshift(path.basename(head));
      head = parent;
    }
  }
}

export type InsidePath = { ok: true; abs: string } | { ok: false; reason: string };

/**
 * Resolves `given` (relative to `root`) and checks that it stays inside `root` both as written and after
 * resolving links, so a folder that is a symlink to /etc is refused. `allowRoot` accepts `root` itself.
 */
export function resolveInside(root: string, given: string, opts: { allowRoot?: boolean; rootName?: string } = {}): InsidePath {
  const name = opts.rootName ?? 'the workspace';
  const base = path.resolve(root);
  const abs = path.resolve(base, given);
  const ok = (r: string, p: string) => (opts.allowRoot && p === r) || isInside(r, p);
  if (!ok(base, abs)) return { ok: false, reason: `"${given}" is outside ${name}` };
  const realRoot = realPathOf(base);
  const real = realPathOf(abs);
  if (!ok(realRoot, real)) return { ok: false, reason: `"${given}" leads outside ${name} through a symlink (to ${real})` };
  return { ok: true, abs };
}
