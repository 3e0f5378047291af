// Resolves import specifiers to workspace files the way TypeScript and Node do for source trees:
// relative paths with TS/JS extensions and index files, and tsconfig `baseUrl`/`paths`.
import path from 'node:path';
import { UserError } from '../../core/errors.js';
import type { ReadResult } from './workspace-files.js';

export type Resolution = { kind: 'file'; path: string } | { kind: 'package'; name: string } | { kind: 'unresolved' };

interface PathMapping {
  prefix: string;
  suffix: string;
  wildcard: boolean;
  targets: string[];
}

export interface TsPaths {
  baseUrl: string | undefined;
  mappings: PathMapping[];
}

const EXTENSIONS = ['.ts', '.tsx', '.d.ts', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.json'];
// TypeScript lets `./a.js` name `./a.ts` (NodeNext style).
const JS_TO_TS: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };

/** Strips comments and trailing commas of a tsconfig (JSONC), leaving strings alone. */
export function parseJsonc(text: string): unknown {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const e = text.indexOf('*/', i + 2);
      i = e === -1 ? text.length : e + 2;
    } else {
      out += c;
      i++;
    }
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1'));
}

/** Reads `compilerOptions.baseUrl` and `paths` of tsconfig.json (following relative `extends`); none when absent. */
export function readTsPaths(readFile: (rel: string) => ReadResult, tsconfig = 'tsconfig.json'): TsPaths {
  let baseUrl: string | undefined;
  let paths: Record<string, string[]> | undefined;
  let pathsDir = '';
  const seen = new Set<string>();
  // Nearest definition wins, so walk from the leaf and keep the first found.
  for (let file: string | undefined = tsconfig; file && !seen.has(file) && seen.size < 10; ) {
    seen.add(file);
    const r = readFile(file);
    if (!r.ok) {
      if (r.missing && file === tsconfig) return { baseUrl: undefined, mappings: [] };
      throw new UserError(r.why, { file });
    }
    let json: { extends?: unknown; compilerOptions?: { baseUrl?: unknown; paths?: unknown } };
    try {
      json = parseJsonc(r.text) as typeof json;
    } catch (err) {
      throw new UserError(`not valid JSON: ${err instanceof Error ? err.message : String(err)}`, { file });
    }
    const dir = path.posix.dirname(file);
    const co = json.compilerOptions ?? {};
    if (baseUrl === undefined && typeof co.baseUrl === 'string') baseUrl = path.posix.normalize(path.posix.join(dir, co.baseUrl));
    if (paths === undefined && co.paths && typeof co.paths === 'object') {
      paths = co.paths as Record<string, string[]>;
      pathsDir = dir;
    }
    file = typeof json.extends === 'string' && json.extends.startsWith('.') ? path.posix.normalize(path.posix.join(dir, json.extends.endsWith('.json') ? json.extends : `${json.extends}.json`)) : undefined;
  }
  const mappings: PathMapping[] = [];
  for (const [key, targets] of Object.entries(paths ?? {})) {
    if (!Array.isArray(targets)) continue;
    const star = key.indexOf('*');
    mappings.push({
      prefix: star === -1 ? key : key.slice(0, star),
      suffix: star === -1 ? '' : key.slice(star + 1),
      wildcard: star !== -1,
      // Targets are relative to baseUrl when set, else to the tsconfig that declares `paths`.
      targets: targets.filter((t): t is string => typeof t === 'string').map((t) => path.posix.normalize(path.posix.join(baseUrl ?? pathsDir, t))),
    });
  }
  // Longest prefix first, as TypeScript picks the most specific pattern.
  mappings.sort((a, b) => b.prefix.length - a.prefix.length);
  return { baseUrl, mappings };
}

export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** `dir` joined with a relative specifier, without `..` escaping the workspace; null when it escapes. */
function joinRelative(dir: string, spec: string): string | null {
  const out = dir === '.' || dir === '' ? [] : dir.split('/');
  for (const seg of spec.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length === 0) return null;
      out.pop();
    } else out.push(seg);
  }
  return out.join('/');
}

export function createResolver(files: ReadonlySet<string>, ts: TsPaths): (specifier: string, from: string) => Resolution {
  // Files of one folder import the same specifiers over and over: resolve each (folder, specifier) once.
  const memo = new Map<string, Resolution>();
  const tryFile = (p: string, normalised = false): string | undefined => {
    const norm = normalised ? p : path.posix.normalize(p);
    if (norm.startsWith('..') || norm.startsWith('/')) return undefined;
    if (files.has(norm)) return norm;
    const ext = path.posix.extname(norm);
    for (const alt of JS_TO_TS[ext] ?? []) {
      const c = norm.slice(0, -ext.length) + alt;
      if (files.has(c)) return c;
    }
    for (const e of EXTENSIONS) if (files.has(norm + e)) return norm + e;
    for (const e of EXTENSIONS) if (files.has(`${norm}/index${e}`)) return `${norm}/index${e}`;
    return undefined;
  };
  const UNRESOLVED: Resolution = { kind: 'unresolved' };
  return (specifier, from) => {
    if (specifier.startsWith('node:')) return { kind: 'package', name: specifier };
    if (specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..') {
      const slash = from.lastIndexOf('/');
      const dir = slash === -1 ? '' : from.slice(0, slash);
      const key = `${dir}\0${specifier}`;
      let r = memo.get(key);
      if (!r) {
        const joined = joinRelative(dir, specifier);
        const hit = joined === null || joined === '' ? undefined : tryFile(joined, true);
        r = hit ? { kind: 'file', path: hit } : UNRESOLVED;
        memo.set(key, r);
      }
      return r;
    }
    if (specifier.startsWith('/')) return { kind: 'unresolved' };
    for (const m of ts.mappings) {
      if (m.wildcard ? specifier.startsWith(m.prefix) && specifier.endsWith(m.suffix) && specifier.length >= m.prefix.length + m.suffix.length : specifier === m.prefix) {
        const star = m.wildcard ? specifier.slice(m.prefix.length, specifier.length - m.suffix.length) : '';
        for (const t of m.targets) {
          const hit = tryFile(t.replace('*', star));
          if (hit) return { kind: 'file', path: hit };
        }
      }
    }
    if (ts.baseUrl !== undefined) {
      const hit = tryFile(path.posix.join(ts.baseUrl, specifier));
      if (hit) return { kind: 'file', path: hit };
    }
    return { kind: 'package', name: packageName(specifier) };
  };
}
