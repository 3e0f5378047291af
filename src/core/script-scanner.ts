// A small hand-written scanner of JS/TS sources: the module specifiers a file imports and the names it exports,
// skipping comments, strings, template literals and regex literals. Linear in the file; no TypeScript dependency.
// The templates stage reads a codebase's imports with it, the static-analysis stage an ESLint config's.
import { lineStarts, positionOf } from './text-position.js';

export interface ImportRef {
  specifier: string;
  /** 1-based position of the specifier string. */
  line: number;
  column: number;
  kind: 'import' | 'export' | 'dynamic' | 'require';
  /**
   * true: erased at run time in every setting (`import type`, `export type`, `typeof import()`, Python's
   * `if TYPE_CHECKING:`). 'inline': every name carries an inline `type` modifier (`import { type A }`), so the
   * import is erased unless the project sets verbatimModuleSyntax, which keeps the module loaded.
   */
  typeOnly: boolean | 'inline';
}

export interface ScanProblem {
  message: string;
  line: number;
  column: number;
}

export interface ScanResult {
  imports: ImportRef[];
  exports: string[];
  problems: ScanProblem[];
}

/** `lit`: the text of a template literal without substitutions, which names a module as well as a string does. */
type Tok = { t: 'id' | 'str' | 'p' | 'num' | 'tpl'; v: string; at: number; lit?: string };

const REGEX_AFTER_KEYWORD = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await', 'extends']);
const isIdStart = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || c > 127;
const isIdPart = (c: number): boolean => isIdStart(c) || (c >= 48 && c <= 57);

/** Tokens that matter for imports and exports; strings carry their value. */
function tokenize(src: string, jsx: boolean, problems: ScanProblem[], at: (offset: number) => { line: number; column: number }): Tok[] {
  const toks: Tok[] = [];
  const n = src.length;
  // Brace depths at which a template literal's `${` was opened: a `}` at that depth resumes the template.
  const tplStack: number[] = [];
  let depth = 0;
  let i = 0;
  const problem = (message: string, offset: number): void => {
    problems.push({ message, ...at(offset) });
  };
  const scanTemplate = (start: number): void => {
    // i is just after ` or }
    while (i < n) {
      const c = src.charCodeAt(i);
      if (c === 92) i += 2;
      else if (c === 96) {
        i++;
        return;
      } else if (c === 36 && src.charCodeAt(i + 1) === 123) {
        i += 2;
        tplStack.push(depth);
        depth++;
        return;
      } else i++;
    }
    problem('unterminated template literal', start);
  };
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    if (c === 47) {
      const d = src.charCodeAt(i + 1);
      if (d === 47) {
        const e = src.indexOf('\n', i);
        i = e === -1 ? n : e;
        continue;
      }
      if (d === 42) {
        const e = src.indexOf('*/', i + 2);
        if (e === -1) {
          problem('unterminated block comment', i);
          i = n;
        } else i = e + 2;
        continue;
      }
      const prev = toks[toks.length - 1];
      const division = prev !== undefined && (prev.t === 'num' || prev.t === 'str' || prev.t === 'tpl' || (prev.t === 'id' && !REGEX_AFTER_KEYWORD.has(prev.v)) || prev.v === ')' || prev.v === ']' || prev.v === '}');
      if (!division) {
        // A regex literal ends on this line; if it does not, it was not one (e.g. JSX `</a>`): carry on.
        let j = i + 1;
        let inClass = false;
        let closed = false;
        while (j < n) {
          const r = src.charCodeAt(j);
          if (r === 10 || r === 13) break;
          if (r === 92) j += 2;
          else {
            if (r === 91) inClass = true;
            else if (r === 93) inClass = false;
            else if (r === 47 && !inClass) {
              closed = true;
              break;
            }
            j++;
          }
        }
        if (closed) {
          i = j + 1;
          while (i < n && isIdPart(src.charCodeAt(i))) i++;
          toks.push({ t: 'num', v: 're', at: i });
          continue;
        }
      }
      toks.push({ t: 'p', v: '/', at: i });
      i++;
      continue;
    }
    if (c === 39 || c === 34) {
      const start = i;
      let j = i + 1;
      let value = '';
      let ok = false;
      let seg = j;
      while (j < n) {
        const r = src.charCodeAt(j);
        if (r === c) {
          value += src.slice(seg, j);
          ok = true;
          break;
        }
        if (r === 10 || r === 13) break;
        if (r === 92) {
          value += src.slice(seg, j);
          const esc = src[j + 1] ?? '';
          value += esc === 'n' ? '\n' : esc === 't' ? '\t' : esc === '\n' ? '' : esc;
          j += 2;
          seg = j;
          continue;
        }
        j++;
      }
      if (!ok) {
        // JSX text may hold a lone quote ("don't"): not a string there, so no problem to report.
        if (!jsx) problem(`unterminated string literal`, start);
        i = start + 1;
        continue;
      }
      toks.push({ t: 'str', v: value, at: start });
      i = j + 1;
      continue;
    }
    if (c === 96) {
      const start = i;
      const open = tplStack.length;
      i++;
      scanTemplate(start);
      const closed = tplStack.length === open && src.charCodeAt(i - 1) === 96 && i - 1 > start;
      toks.push(closed ? { t: 'tpl', v: '`', at: start, lit: src.slice(start + 1, i - 1) } : { t: 'tpl', v: '`', at: start });
      continue;
    }
    if (isIdStart(c)) {
      const s = i;
      i++;
      while (i < n && isIdPart(src.charCodeAt(i))) i++;
      toks.push({ t: 'id', v: src.slice(s, i), at: s });
      continue;
    }
    if (c >= 48 && c <= 57) {
      const s = i;
      while (i < n && (isIdPart(src.charCodeAt(i)) || src.charCodeAt(i) === 46)) i++;
      toks.push({ t: 'num', v: src.slice(s, i), at: s });
      continue;
    }
    if (c === 123) depth++;
    else if (c === 125) {
      if (tplStack.length > 0 && tplStack[tplStack.length - 1] === depth - 1) {
        tplStack.pop();
        depth--;
        const start = i;
        i++;
        scanTemplate(start);
        continue;
      }
      depth = Math.max(0, depth - 1);
    }
    toks.push({ t: 'p', v: src[i]!, at: i });
    i++;
  }
  return toks;
}

const DECL = new Set(['function', 'class', 'const', 'let', 'var', 'interface', 'type', 'enum', 'namespace', 'module']);
// On a promise only these may follow `import(...)`: any other member makes it a type (`import('./x').Shape`).
const PROMISE_MEMBERS = new Set(['then', 'catch', 'finally']);

/** A string literal, or a template literal without substitutions, as a token carrying its text. */
function literal(tok: Tok | undefined): Tok | null {
  if (!tok) return null;
  if (tok.t === 'str') return tok;
  return tok.t === 'tpl' && tok.lit !== undefined ? { ...tok, v: tok.lit } : null;
}

/** Index of the `)` closing the `(` at `open`, or -1 within a short window. */
function closing(toks: readonly Tok[], open: number): number {
  let depth = 0;
  for (let m = open; m < Math.min(toks.length, open + 200); m++) {
    const v = toks[m]!.v;
    if (v === '(') depth++;
    else if (v === ')' && --depth === 0) return m;
  }
  return -1;
}

/**
 * What the names of an import or export clause say about erasure, from the token after `import`/`export` up to
 * `from`: a default or namespace binding is a value; a `{ ... }` list whose every name has an inline `type`
 * modifier is 'inline'; an empty or mixed list is a value.
 */
function clauseTypes(toks: readonly Tok[], from: number, to: number): false | 'inline' {
  let names = 0;
  let typed = 0;
  let inBraces = false;
  for (let m = from; m < to; m++) {
    const t = toks[m]!;
    if (t.v === '{') inBraces = true;
    else if (t.v === '}') inBraces = false;
    else if (!inBraces && (t.v === '*' || t.t === 'id')) return false; // default or namespace binding
    else if (inBraces && (t.t === 'id' || t.t === 'str')) {
      // One specifier: [type] name [as alias], ended by `,` or `}`.
      names++;
      const next = toks[m + 1];
      if (t.v === 'type' && next && (next.t === 'id' || next.t === 'str') && !(next.v === 'as' && (toks[m + 2]?.v === ',' || toks[m + 2]?.v === '}'))) typed++;
      while (m + 1 < to && toks[m + 1]!.v !== ',' && toks[m + 1]!.v !== '}') m++;
    }
  }
  return names > 0 && typed === names ? 'inline' : false;
}

type AddImport = (tok: Tok, kind: ImportRef['kind'], typeOnly: ImportRef['typeOnly']) => void;

/** One `import` at token k (a declaration, import-equals or dynamic import); returns the token to go on after. */
function readImport(toks: readonly Tok[], k: number, add: AddImport): number {
  const prev = toks[k - 1];
  const next = toks[k + 1];
  if (!next || next.v === '.') return k; // import.meta
  if (next.v === '(') {
    const spec = literal(toks[k + 2]);
    if (!spec || (toks[k + 3]?.v !== ')' && toks[k + 3]?.v !== ',')) return k;
    // `typeof import('./x')` and `import('./x').Shape` are types; `import('./x').then(...)` is a value.
    const close = closing(toks, k + 1);
    const member = close === -1 ? undefined : toks[close + 2];
    const inType = prev?.v === 'typeof' || (close !== -1 && toks[close + 1]?.v === '.' && member?.t === 'id' && !PROMISE_MEMBERS.has(member.v));
    add(spec, 'dynamic', inType);
    return k;
  }
  if (next.t === 'str') {
    add(next, 'import', false);
    return k + 1;
  }
  // `import type X from`, but `import type from 'm'`, `import type, {...}` and `import type = ...` bind a name "type".
  const after = toks[k + 2]?.v;
  const typeKeyword = next.t === 'id' && next.v === 'type' && after !== 'from' && after !== ',' && after !== '=';
  const j = typeKeyword ? k + 2 : k + 1;
  // import x = require('m') / import type x = require('m')
  if (toks[j]?.t === 'id' && toks[j + 1]?.v === '=') {
    const spec = toks[j + 2]?.v === 'require' && toks[j + 3]?.v === '(' ? literal(toks[j + 4]) : null;
    if (!spec) return k;
    add(spec, 'require', typeKeyword);
    return j + 4;
  }
  // import x, { a as b } from 'm': find `from <str>` before the statement ends.
  for (let m = j; m < Math.min(toks.length, k + 400); m++) {
    const t = toks[m]!;
    if (t.t === 'id' && t.v === 'from' && toks[m + 1]?.t === 'str') {
      add(toks[m + 1]!, 'import', typeKeyword || clauseTypes(toks, j, m));
      return m + 1;
    }
    if (t.v === ';' || t.v === '(' || (t.t === 'id' && (t.v === 'import' || t.v === 'export') && m > k + 1)) break;
  }
  return k;
}

/** The names of an `export { a, b as c }` list opening at `open`, and the index of its `}`. */
function exportList(toks: readonly Tok[], open: number, names: string[]): number {
  let m = open + 1;
  for (; m < toks.length && toks[m]!.v !== '}'; m++) {
    const t = toks[m]!;
    if (t.t !== 'id' && t.t !== 'str') continue;
    if (t.v === 'type' && toks[m + 1]?.t === 'id' && toks[m + 1]!.v !== 'as') continue;
    if (toks[m + 1]?.v === 'as') {
      m++; // `a as b` exports b
      continue;
    }
    names.push(t.v);
  }
  return m;
}

/** One `export` at token k: its names, and the module of a re-export; returns the token to go on after. */
function readExport(toks: readonly Tok[], k: number, add: AddImport, exports: string[]): number {
  const next = toks[k + 1];
  if (!next) return k;
  let j = k + 1;
  // export type { A } from / export type * from / export type * as ns from
  const typeOnly = next.t === 'id' && next.v === 'type' && (toks[k + 2]?.v === '{' || toks[k + 2]?.v === '*');
  if (typeOnly) j++;
  const first = toks[j];
  if (!first) return k;
  if (first.v === '*' || first.v === '{') {
    const open = j;
    if (first.v === '{') j = exportList(toks, j, exports);
    else if (toks[j + 1]?.v === 'as' && (toks[j + 2]?.t === 'id' || toks[j + 2]?.t === 'str')) exports.push(toks[j + 2]!.v);
    for (let m = j; m < Math.min(toks.length, j + 8); m++) {
      if (toks[m]!.v === 'from' && toks[m + 1]?.t === 'str') {
        add(toks[m + 1]!, 'export', typeOnly || (first.v === '{' ? clauseTypes(toks, open, m) : false));
        break;
      }
      if (toks[m]!.v === ';') break;
    }
    return k;
  }
  // export [default] [declare] [abstract] [async] function* name / class / const / ...
  while (toks[j] && (toks[j]!.v === 'declare' || toks[j]!.v === 'abstract' || toks[j]!.v === 'async')) j++;
  const d = toks[j];
  if (!d) return k;
  if (d.v === 'default') exports.push('default');
  else if (d.v === '=') exports.push('export=');
  else if (d.t === 'id' && DECL.has(d.v)) {
    let nameTok = toks[j + 1];
    if (nameTok?.v === '*') nameTok = toks[j + 2];
    if (nameTok?.t === 'id') exports.push(nameTok.v);
  }
  return k;
}

export function scanScript(src: string, fileName = ''): ScanResult {
  const imports: ImportRef[] = [];
  const exports: string[] = [];
  const problems: ScanProblem[] = [];
  // Most files are cheap to rule out: no keyword, nothing to find.
  if (!src.includes('import') && !src.includes('require') && !src.includes('export') && !src.includes('<reference')) return { imports, exports, problems };
  let starts: number[] | undefined;
  const at = (offset: number): { line: number; column: number } => positionOf((starts ??= lineStarts(src)), offset);
  const jsx = /\.[jt]sx$/.test(fileName);
  const toks = tokenize(src, jsx, problems, at);
  const add = (tok: Tok, kind: ImportRef['kind'], typeOnly: ImportRef['typeOnly']): void => {
    imports.push({ specifier: tok.v, ...at(tok.at), kind, typeOnly });
  };
  // `/// <reference path="./x.ts" />` makes a compile-time dependency; it sits in a comment the tokenizer skips.
  if (src.includes('<reference')) {
    for (const m of src.matchAll(/^[ \t]*\/\/\/[ \t]*<reference[ \t]+path[ \t]*=[ \t]*(["'])([^"'\n]+)\1/gm)) {
      imports.push({ specifier: m[2]!, ...at(m.index + m[0].length - m[2]!.length - 1), kind: 'import', typeOnly: true });
    }
  }
  for (let k = 0; k < toks.length; k++) {
    const tok = toks[k]!;
    if (tok.t !== 'id') continue;
    const prev = toks[k - 1];
    if (prev && prev.t === 'p' && prev.v === '.') continue; // x.import, x.require, obj.export
    const next = toks[k + 1];
    if (tok.v === 'require') {
      const spec = next?.v === '(' ? literal(toks[k + 2]) : null;
      if (spec && toks[k + 3]?.v === ')') {
        add(spec, 'require', false);
        k += 3;
      }
    } else if (tok.v === 'import') k = readImport(toks, k, add);
    else if (tok.v === 'export') k = readExport(toks, k, add, exports);
  }
  return { imports, exports, problems };
}
