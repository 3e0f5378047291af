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

/** White space collapsed and trimmed. */
export function cleanName(s: string): string {
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
  // Built as one string, without an array or a closure per test: this runs once per test case read.
  let id = '';
  let last = '';
  const suites = parts.suites;
  for (let k = -1; k <= suites.length; k++) {
    const raw = k === -1 ? parts.file : k === suites.length ? parts.classname : suites[k];
    if (raw === undefined) continue;
    const c = cleanName(raw);
    if (c === '' || c === last) continue;
    id = id === '' ? c : id + ID_SEPARATOR + c;
    last = c;
  }
  // The name is always kept, even when it repeats the classname, so a test is never named by its class alone.
  const n = cleanName(parts.name);
  return id === '' ? n : id + ID_SEPARATOR + n;
}
