// Stable test ids from suite, classname, name and file, normalised so shards, reruns and machines agree.
import path from 'node:path';

export interface IdentityParts {
  suites: readonly string[];
  classname: string;
  name: string;
  file?: string | undefined;
}

export const ID_SEPARATOR = ' › ';

const MESSY_SPACE = /\s\s|[\t\n\r\f\v\u00a0]|^\s|\s$/;

function clean(s: string): string {
  // Most names are already clean: test before building a new string.
  return MESSY_SPACE.test(s) ? s.replace(/\s+/g, ' ').trim() : s;
}

/**
 * A report's file attribute as a workspace-relative POSIX path, or undefined when it cannot be one
 * (an absolute path from another machine's checkout says nothing stable about the test).
 */
export function normaliseTestFile(file: string | undefined, workspace: string): string | undefined {
  if (file === undefined) return undefined;
  let f = file.trim().replace(/\\/g, '/');
  if (f === '') return undefined;
  if (f.startsWith('file://')) f = f.slice('file://'.length);
  const ws = workspace.replace(/\\/g, '/').replace(/\/+$/, '');
  if (f.startsWith(ws + '/')) f = f.slice(ws.length + 1);
  else if (path.posix.isAbsolute(f) || /^[A-Za-z]:\//.test(f)) return undefined;
  f = path.posix.normalize(f);
  if (f.startsWith('../') || f === '..') return undefined;
  return f.replace(/^\.\//, '');
}

/**
 * `file › suite › classname › name`, leaving out empty parts and parts that repeat the previous one
 * (surefire repeats the class as suite, vitest repeats the file as classname).
 */
export function testId(parts: IdentityParts): string {
  const out: string[] = [];
  const push = (s: string | undefined) => {
    if (s === undefined) return;
    const c = clean(s);
    if (c === '' || out[out.length - 1] === c) return;
    out.push(c);
  };
  push(parts.file);
  for (const s of parts.suites) push(s);
  push(parts.classname);
  // The name is always kept, even when it repeats the classname, so a test is never named by its class alone.
  const n = clean(parts.name);
  out.push(n);
  return out.join(ID_SEPARATOR);
}

/** Whether a quarantine or filter entry names this test: the whole id, or its trailing parts. */
export function idMatches(id: string, entry: string): boolean {
  return idMatcher([entry])(id);
}

/**
 * `idMatches` against many entries at once: a set of the entries, and a test's id checked whole and from each separator
 * on, so the cost per test does not grow with the number of entries.
 */
export function idMatcher(entries: readonly string[]): (id: string) => boolean {
  const set = new Set(entries.map((e) => e.split(ID_SEPARATOR).map(clean).join(ID_SEPARATOR)));
  if (set.size === 0) return () => false;
  return (id) => {
    if (set.has(id)) return true;
    for (let at = id.indexOf(ID_SEPARATOR); at !== -1; at = id.indexOf(ID_SEPARATOR, at + 1)) {
      if (set.has(id.slice(at + ID_SEPARATOR.length))) return true;
    }
    return false;
  };
}
