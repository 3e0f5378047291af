// Unit patterns such as `src/features/{name}/`: which folders are units and what their placeholders bind.
import type { Binding } from './placeholders.js';
import { placeholdersIn } from './placeholders.js';

export interface UnitPattern {
  source: string;
  /** Placeholder names the pattern binds, in order. */
  names: string[];
  /** Matches the start of a workspace-relative file path; group i binds names[i]. */
  regex: RegExp;
  /** Number of path segments of a unit folder. */
  depth: number;
}

export interface UnitMatch {
  /** The unit folder with a trailing slash, e.g. `src/features/billing/`. */
  folder: string;
  binding: Binding;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Compiles a unit pattern; throws an Error whose message says what is wrong with it. */
export function compileUnitPattern(source: string): UnitPattern {
  const trimmed = source.replace(/^\.\//, '').replace(/\/+$/, '');
  if (!trimmed) throw new Error(`unit pattern "${source}" is empty`);
  if (trimmed.startsWith('/') || trimmed.split('/').includes('..')) throw new Error(`unit pattern "${source}" must be relative to the workspace and stay inside it`);
  if (trimmed.includes('**')) throw new Error(`unit pattern "${source}" may not use "**": a unit is a folder at a fixed depth`);
  const names: string[] = [];
  const parts: string[] = [];
  for (const segment of trimmed.split('/')) {
    if (!segment) throw new Error(`unit pattern "${source}" has an empty path segment`);
    const uses = placeholdersIn(segment);
    let re = '';
    let at = 0;
    for (const u of uses) {
      if (u.index === at && at > 0 && re.endsWith(')')) throw new Error(`unit pattern "${source}": placeholders must be separated by literal text in "${segment}"`);
      re += literal(segment.slice(at, u.index));
      if (u.form !== undefined) throw new Error(`unit pattern "${source}": a pattern binds ${u.raw.replace(/:.*\}/, '}')}, it cannot take a case form`);
      if (names.includes(u.name)) throw new Error(`unit pattern "${source}" binds {${u.name}} twice`);
      names.push(u.name);
      re += '([^/]+)';
      at = u.index + u.raw.length;
    }
    re += literal(segment.slice(at));
    parts.push(re);
  }
  return { source, names, regex: new RegExp(`^${parts.join('/')}/`), depth: parts.length };
}

function literal(text: string): string {
  // A `*` in a unit pattern is one unbound segment part.
  return text.split('*').map(escape).join('[^/]+');
}

export function matchUnit(pattern: UnitPattern, file: string): UnitMatch | null {
  const m = pattern.regex.exec(file);
  if (!m) return null;
  const binding: Record<string, string> = {};
  pattern.names.forEach((n, i) => {
    binding[n] = m[i + 1]!;
  });
  return { folder: m[0], binding };
}

/** Groups files into the units of a pattern: folder → binding and the files relative to the folder. */
export function unitsOf(pattern: UnitPattern, files: readonly string[]): Map<string, { binding: Binding; files: string[] }> {
  const units = new Map<string, { binding: Binding; files: string[] }>();
  for (const f of files) {
    const m = matchUnit(pattern, f);
    if (!m) continue;
    let u = units.get(m.folder);
    if (!u) units.set(m.folder, (u = { binding: m.binding, files: [] }));
    u.files.push(f.slice(m.folder.length));
  }
  return units;
}

/** The folder a pattern gives for a binding, e.g. `{name}` = billing → `src/features/billing/`. */
export function folderFor(pattern: UnitPattern, binding: Binding): string {
  const body = pattern.source.replace(/^\.\//, '').replace(/\/+$/, '');
  return `${body.replace(/\{([A-Za-z][A-Za-z0-9_]*)\}/g, (raw, n: string) => binding[n] ?? raw)}/`;
}
