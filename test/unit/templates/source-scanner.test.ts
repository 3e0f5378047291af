import { describe, expect, it } from 'vitest';
import { scanSource } from '../../../src/stages/templates/source-scanner.js';

describe('scanSource', () => {
  it('finds ES imports, re-exports, dynamic imports and require, with positions', () => {
    const src = [
      "import a from 'a';",
      "import { b, c as d } from \"b\";",
      "import type { T } from './types.js';",
      "import './side-effect.js';",
      "export * from './all.js';",
      "export { x as y } from './x.js';",
      "const m = await import('./lazy.js');",
      "const r = require('cjs-mod');",
      "import fs = require('node:fs');",
    ].join('\n');
    const { imports, problems } = scanSource(src, 'a.ts');
    expect(problems).toEqual([]);
    expect(imports.map((i) => [i.specifier, i.kind, i.typeOnly, i.line])).toEqual([
      ['a', 'import', false, 1],
      ['b', 'import', false, 2],
      ['./types.js', 'import', true, 3],
      ['./side-effect.js', 'import', false, 4],
      ['./all.js', 'export', false, 5],
      ['./x.js', 'export', false, 6],
      ['./lazy.js', 'dynamic', false, 7],
      ['cjs-mod', 'require', false, 8],
      ['node:fs', 'require', false, 9],
    ]);
    expect(imports[1]!.column).toBe(27);
  });

  it('ignores imports inside comments, strings, template literals and regex literals', () => {
    const src = [
      "// import x from 'comment-line';",
      "/* require('comment-block') */",
      "const s = \"import y from 'in-string'\";",
      "const t = `require('in-template') ${ f(`nested ${'import z from \"deep\"'}`) }`;",
      "const re = /import q from 'in-regex'/g;",
      "const div = a / b; import real from 'real';",
    ].join('\n');
    expect(scanSource(src, 'a.ts').imports.map((i) => i.specifier)).toEqual(['real']);
  });

  it('collects exported names', () => {
    const src = [
      'export function createThing() {}',
      'export async function load() {}',
      'export class Store {}',
      'export const a = 1, b = 2;',
      'export interface Shape {}',
      'export type Id = string;',
      'export default 42;',
      'const p = 1; const q = 2;',
      'export { p, q as renamed };',
    ].join('\n');
    expect(scanSource(src).exports.sort()).toEqual(['Id', 'Shape', 'Store', 'a', 'createThing', 'default', 'load', 'p', 'renamed'].sort());
  });

  it('reports what cannot be parsed, with a position', () => {
    expect(scanSource("import a from 'a';\n/* never closed\nimport b from 'b';", 'x.ts').problems).toEqual([{ message: 'unterminated block comment', line: 2, column: 1 }]);
    expect(scanSource("import a from 'a;\n", 'x.ts').problems[0]).toMatchObject({ message: 'unterminated string literal', line: 1, column: 15 });
    expect(scanSource('export const t = `open ${x}', 'x.ts').problems[0]!.message).toBe('unterminated template literal');
  });

  it('does not take a lone quote in JSX text for a broken string', () => {
    const r = scanSource("import React from 'react';\nexport const A = () => <p>don't stop</p>;\n", 'a.tsx');
    expect(r.problems).toEqual([]);
    expect(r.imports.map((i) => i.specifier)).toEqual(['react']);
  });
});
