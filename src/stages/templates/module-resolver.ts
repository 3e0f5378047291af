// Resolves import specifiers to workspace files the way TypeScript and Node do for source trees (relative paths
// with TS/JS extensions and index files, tsconfig `baseUrl`/`paths`) and Python does for packages (dotted names
// against the package roots, leading dots from the importing file's package).
import path from 'node:path';
import { UserError } from '../../core/errors.js';
import { isPythonFile } from './python-scanner.js';
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
  /** Under verbatimModuleSyntax `import { type A } from './m'` still loads ./m, so it is a run-time edge. */
  verbatimModuleSyntax?: boolean;
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

interface TsOptions {
  baseUrl?: string;
  paths?: Record<string, string[]>;
  pathsDir?: string;
  verbatimModuleSyntax?: boolean;
}

/** The configs a tsconfig extends: relative files, or a package's config under node_modules (skipped when not installed). */
function extendedConfigs(ext: unknown, dir: string): { file: string; optional: boolean }[] {
  const list = Array.isArray(ext) ? ext : ext === undefined ? [] : [ext];
  const out: { file: string; optional: boolean }[] = [];
  for (const e of list) {
    if (typeof e !== 'string' || e === '') continue;
    const json = e.endsWith('.json') ? e : e.startsWith('.') ? `${e}.json` : `${e}/tsconfig.json`;
    if (e.startsWith('.')) out.push({ file: path.posix.normalize(path.posix.join(dir, json)), optional: false });
    else if (!path.posix.isAbsolute(e)) out.push({ file: path.posix.join('node_modules', json), optional: true });
  }
  return out;
}

/**
 * Reads `compilerOptions.baseUrl`, `paths` and `verbatimModuleSyntax` of tsconfig.json, following `extends`
 * (relative files, arrays, packages' configs under node_modules) with the nearest definition winning; none when absent.
 */
export function readTsPaths(readFile: (rel: string) => ReadResult, tsconfig = 'tsconfig.json'): TsPaths {
  const seen = new Set<string>();
  const load = (file: string, optional: boolean): TsOptions => {
    if (seen.has(file) || seen.size >= 10) return {};
    seen.add(file);
    const r = readFile(file);
    if (!r.ok) {
      if (r.missing && (optional || file === tsconfig)) return {};
      throw new UserError(r.why, { file });
    }
    let json: { extends?: unknown; compilerOptions?: { baseUrl?: unknown; paths?: unknown; verbatimModuleSyntax?: unknown } };
    try {
      json = parseJsonc(r.text) as typeof json;
    } catch (err) {
      throw new UserError(`not valid JSON: ${err instanceof Error ? err.message : String(err)}`, { file });
    }
    const dir = path.posix.dirname(file);
    const merged: TsOptions = {};
    for (const ext of extendedConfigs(json.extends, dir)) Object.assign(merged, load(ext.file, ext.optional));
    const co = json.compilerOptions ?? {};
    if (typeof co.baseUrl === 'string') merged.baseUrl = path.posix.normalize(path.posix.join(dir, co.baseUrl));
    if (co.paths && typeof co.paths === 'object') {
      merged.paths = co.paths as Record<string, string[]>;
      merged.pathsDir = dir;
    }
    if (typeof co.verbatimModuleSyntax === 'boolean') merged.verbatimModuleSyntax = co.verbatimModuleSyntax;
    return merged;
  };
  const { baseUrl, paths, pathsDir = '', verbatimModuleSyntax = false } = load(tsconfig, false);
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
  return { baseUrl, mappings, verbatimModuleSyntax };
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
  let python: ((specifier: string, from: string) => Resolution) | undefined;
  return (specifier, from) => {
    if (isPythonFile(from)) return (python ??= createPythonResolver(files))(specifier, from);
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

/**
 * The folders Python finds top-level modules in: the workspace root, `src/` (the src layout), the folder above
 * every top-level package (a folder with `__init__.py` whose parent has none), most specific first.
 */
export function pythonRoots(files: Iterable<string>): string[] {
  const packages = new Set<string>();
  let srcLayout = false;
  for (const f of files) {
    if (f.endsWith('/__init__.py') || f.endsWith('/__init__.pyi')) packages.add(f.slice(0, f.lastIndexOf('/')));
    else if (!srcLayout && f.startsWith('src/') && isPythonFile(f)) srcLayout = true;
  }
  const roots = new Set<string>();
  for (const p of packages) {
    const slash = p.lastIndexOf('/');
    const parent = slash === -1 ? '' : p.slice(0, slash);
    if (!packages.has(parent)) roots.add(parent);
  }
  if (srcLayout) roots.add('src');
  roots.delete('');
  return [...[...roots].sort((a, b) => b.split('/').length - a.split('/').length || (a < b ? -1 : 1)), ''];
}

const PY_MODULE = ['.py', '.pyi', '/__init__.py', '/__init__.pyi'];

/**
 * Resolves dotted Python names. `M.a` (from `from M import a`) is the submodule a when there is one, else M,
 * where a is a name M defines. Absolute names try each package root, then (for a script outside any package)
 * the importing file's own folder; what none has is a package. Relative names never leave the workspace.
 */
function createPythonResolver(files: ReadonlySet<string>): (specifier: string, from: string) => Resolution {
  const roots = pythonRoots(files);
  const memo = new Map<string, Resolution>();
  const moduleAt = (base: string, parts: readonly string[], least: number): string | undefined => {
    for (let len = parts.length; len >= least; len--) {
      const stem = [base, ...parts.slice(0, len)].filter(Boolean).join('/');
      for (const ext of PY_MODULE) {
        // The package itself (from . import x, where x is a name): only its __init__ stands for it.
        if (stem === '' || (len === 0 && !ext.startsWith('/'))) continue;
        const file = stem + ext;
        if (files.has(file)) return file;
      }
    }
    return undefined;
  };
  return (specifier, from) => {
    const slash = from.lastIndexOf('/');
    const dir = slash === -1 ? '' : from.slice(0, slash);
    const key = `${dir}\0${specifier}`;
    const hit = memo.get(key);
    if (hit) return hit;
    let r: Resolution;
    const dots = /^\.*/.exec(specifier)![0].length;
    const parts = specifier.slice(dots).split('.').filter(Boolean);
    if (dots > 0) {
      // One dot is the importing file's package (its folder); each more goes up one.
      const up = dir.split('/').filter(Boolean);
      const base = dots - 1 > up.length ? null : up.slice(0, up.length - (dots - 1)).join('/');
      const file = base === null ? undefined : moduleAt(base, parts, 0);
      r = file ? { kind: 'file', path: file } : { kind: 'unresolved' };
    } else {
      let file: string | undefined;
      for (const root of roots) if ((file = moduleAt(root, parts, 1))) break;
      const inPackage = files.has(`${dir}/__init__.py`) || files.has(`${dir}/__init__.pyi`);
      if (!file && dir !== '' && !inPackage) file = moduleAt(dir, parts, 1);
      r = file ? { kind: 'file', path: file } : { kind: 'package', name: parts[0] ?? specifier };
    }
    memo.set(key, r);
    return r;
  };
}
