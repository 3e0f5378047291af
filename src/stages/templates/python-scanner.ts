// A small scanner of Python sources: the modules a file imports (`import a.b`, `from . import x`, `from ..core
// import y`; those under `if TYPE_CHECKING:` as type-only) and the names it defines at the top level, skipping
// comments and strings. Linear in the file; no Python needed.
import { lineStarts, positionOf } from '../../core/text-position.js';
import type { ImportRef, ScanProblem, ScanResult } from './source-scanner.js';

export const PYTHON_FILE = /\.pyi?$/;

export function isPythonFile(file: string): boolean {
  return PYTHON_FILE.test(file);
}

type PyTok = { t: 'id' | 'p' | 'str'; v: string; at: number };

/** One logical line: its indentation (of its first physical line) and its tokens. */
interface LogicalLine {
  indent: number;
  toks: PyTok[];
}

const isIdStart = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c > 127;
const isIdPart = (c: number): boolean => isIdStart(c) || (c >= 48 && c <= 57);
const STRING_PREFIX = /^(?:[rRbBuUfFtT]|[rR][bBfFtT]|[bBfFtT][rR])$/;
// Headers of compound statements: what follows their `:` on the same line is a statement of its own.
const COMPOUND = new Set(['if', 'elif', 'else', 'try', 'except', 'finally', 'with', 'for', 'while', 'def', 'class', 'async', 'match', 'case']);

function logicalLines(src: string, problems: ScanProblem[], at: (offset: number) => { line: number; column: number }): LogicalLine[] {
  const lines: LogicalLine[] = [];
  const n = src.length;
  let toks: PyTok[] = [];
  let depth = 0;
  let indent = 0;
  let lineStart = true;
  let i = 0;
  const end = (): void => {
    if (toks.length > 0) lines.push({ indent, toks });
    toks = [];
  };
  // i is on the opening quote; returns the offset after the closing one.
  const skipString = (start: number): number => {
    const q = src.charCodeAt(start);
    const triple = src.charCodeAt(start + 1) === q && src.charCodeAt(start + 2) === q;
    let j = start + (triple ? 3 : 1);
    while (j < n) {
      const c = src.charCodeAt(j);
      if (c === 92) j += 2;
      else if (c === q && (!triple || (src.charCodeAt(j + 1) === q && src.charCodeAt(j + 2) === q))) return j + (triple ? 3 : 1);
      else if (!triple && (c === 10 || c === 13)) break;
      else j++;
    }
    problems.push({ message: triple ? 'unterminated triple-quoted string' : 'unterminated string literal', ...at(start) });
    return triple ? n : j;
  };
  while (i < n) {
    const c = src.charCodeAt(i);
    if (lineStart) {
      let col = 0;
      while (i < n) {
        const w = src.charCodeAt(i);
        if (w === 32) col++;
        else if (w === 9) col = col - (col % 8) + 8;
        else if (w !== 12) break;
        i++;
      }
      lineStart = false;
      if (toks.length === 0) indent = col;
      continue;
    }
    if (c === 10 || c === 13) {
      i += c === 13 && src.charCodeAt(i + 1) === 10 ? 2 : 1;
      if (depth === 0) {
        end();
        lineStart = true;
      }
      continue;
    }
    if (c === 32 || c === 9 || c === 12) i++;
    else if (c === 35) {
      while (i < n && src.charCodeAt(i) !== 10 && src.charCodeAt(i) !== 13) i++;
    } else if (c === 92) {
      // An explicit line joining: the next physical line goes on this logical one.
      i++;
      if (src.charCodeAt(i) === 13) i++;
      if (src.charCodeAt(i) === 10) i++;
    } else if (c === 39 || c === 34) {
      toks.push({ t: 'str', v: '', at: i });
      i = skipString(i);
    } else if (isIdStart(c)) {
      const s = i;
      while (i < n && isIdPart(src.charCodeAt(i))) i++;
      const q = src.charCodeAt(i);
      if ((q === 39 || q === 34) && STRING_PREFIX.test(src.slice(s, i))) {
        toks.push({ t: 'str', v: '', at: s });
        i = skipString(i);
      } else toks.push({ t: 'id', v: src.slice(s, i), at: s });
    } else if (c >= 48 && c <= 57) {
      while (i < n && (isIdPart(src.charCodeAt(i)) || src.charCodeAt(i) === 46)) i++;
    } else {
      if (c === 40 || c === 91 || c === 123) depth++;
      else if (c === 41 || c === 93 || c === 125) depth = Math.max(0, depth - 1);
      toks.push({ t: 'p', v: src[i]!, at: i });
      i++;
    }
  }
  end();
  return lines;
}

/** `if TYPE_CHECKING:` or `if typing.TYPE_CHECKING:` (any module alias), up to its colon. */
function isTypeCheckingIf(toks: readonly PyTok[]): boolean {
  if (toks[0]?.v !== 'if') return false;
  let k = 1;
  while (toks[k]?.t === 'id' && toks[k + 1]?.v === '.') k += 2;
  return toks[k]?.v === 'TYPE_CHECKING' && toks[k + 1]?.v === ':';
}

/** Index of the `:` ending a compound statement's header, at bracket depth 0; -1 when there is none. */
function headerEnd(toks: readonly PyTok[]): number {
  let depth = 0;
  let lambdas = 0;
  for (let k = 1; k < toks.length; k++) {
    const v = toks[k]!.v;
    if (v === '(' || v === '[' || v === '{') depth++;
    else if (v === ')' || v === ']' || v === '}') depth--;
    else if (depth === 0 && v === 'lambda') lambdas++;
    else if (depth === 0 && v === ':') {
      if (lambdas === 0) return k;
      lambdas--;
    }
  }
  return -1;
}

/** `a.b.c` from k: the dotted name and the index after it. */
function dotted(toks: readonly PyTok[], k: number): { name: string; next: number } {
  let name = '';
  while (toks[k]?.t === 'id') {
    name += toks[k]!.v;
    if (toks[k + 1]?.v !== '.' || toks[k + 2]?.t !== 'id') return { name, next: k + 1 };
    name += '.';
    k += 2;
  }
  return { name, next: k };
}

/**
 * The imports of one simple statement. `from M import a, b` gives `M.a` and `M.b` (each may be a submodule;
 * the resolver falls back to M), positioned at M so the names of one statement land on one place.
 */
function statementImports(toks: readonly PyTok[], add: (specifier: string, at: number) => void): void {
  const head = toks[0];
  if (head?.v === 'import') {
    let k = 1;
    while (k < toks.length) {
      const d = dotted(toks, k);
      if (!d.name) return;
      add(d.name, toks[k]!.at);
      k = d.next;
      if (toks[k]?.v === 'as') k += 2;
      if (toks[k]?.v !== ',') return;
      k++;
    }
  } else if (head?.v === 'from') {
    let k = 1;
    let dots = '';
    while (toks[k]?.v === '.') {
      dots += '.';
      k++;
    }
    const d = toks[k]?.v === 'import' ? { name: '', next: k } : dotted(toks, k);
    const module = dots + d.name;
    if (!module || module === '__future__' || toks[d.next]?.v !== 'import') return;
    const at = toks[1]!.at;
    k = d.next + 1;
    if (toks[k]?.v === '*') {
      add(module, at);
      return;
    }
    if (toks[k]?.v === '(') k++;
    const sep = dots && !d.name ? '' : '.';
    while (toks[k]?.t === 'id') {
      add(`${module}${sep}${toks[k]!.v}`, at);
      k++;
      if (toks[k]?.v === 'as') k += 2;
      if (toks[k]?.v !== ',') return;
      k++;
    }
  }
}

/** Names a module defines at its top level: functions, classes and plain assignments. */
function definedName(toks: readonly PyTok[]): string | null {
  let k = 0;
  if (toks[0]?.v === 'async') k = 1;
  const first = toks[k];
  if ((first?.v === 'def' || first?.v === 'class') && toks[k + 1]?.t === 'id') return toks[k + 1]!.v;
  const op = toks[1];
  if (k === 0 && first?.t === 'id' && !COMPOUND.has(first.v) && op && ((op.v === '=' && toks[2]?.v !== '=') || op.v === ':')) return first.v;
  return null;
}

export function scanPython(src: string): ScanResult {
  const imports: ImportRef[] = [];
  const exports: string[] = [];
  const problems: ScanProblem[] = [];
  let starts: number[] | undefined;
  const at = (offset: number): { line: number; column: number } => positionOf((starts ??= lineStarts(src)), offset);
  const lines = logicalLines(src, problems, at);
  // Indentations of the open `if TYPE_CHECKING:` blocks: a line indented deeper is inside the innermost one.
  const typeBlocks: number[] = [];
  for (const line of lines) {
    while (typeBlocks.length > 0 && line.indent <= typeBlocks[typeBlocks.length - 1]!) typeBlocks.pop();
    let toks = line.toks;
    let typeOnly = typeBlocks.length > 0;
    if (line.indent === 0) {
      const name = definedName(toks);
      if (name) exports.push(name);
    }
    if (COMPOUND.has(toks[0]!.v)) {
      const colon = headerEnd(toks);
      if (colon === -1) continue;
      const checking = isTypeCheckingIf(toks);
      if (colon === toks.length - 1) {
        if (checking) typeBlocks.push(line.indent);
        continue;
      }
      // `if TYPE_CHECKING: import x` on one line.
      typeOnly ||= checking;
      toks = toks.slice(colon + 1);
    }
    const add = (specifier: string, offset: number): void => {
      imports.push({ specifier, ...at(offset), kind: 'import', typeOnly });
    };
    let from = 0;
    for (let k = 0; k <= toks.length; k++) {
      if (k < toks.length && toks[k]!.v !== ';') continue;
      if (k > from) statementImports(toks.slice(from, k), add);
      from = k + 1;
    }
  }
  return { imports, exports, problems };
}
