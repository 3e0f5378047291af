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

describe('scanSource: the TypeScript forms that decide whether an import exists at run time', () => {
  const scan = (src: string, file = 'a.ts') => scanSource(src, file).imports.map((i) => `${i.specifier} ${i.kind} ${String(i.typeOnly)}`);

  it('reads type-only re-exports and namespace re-exports', () => {
    expect(scan("export type * from './types';\nexport type * as T from './more';\nexport * as ns from './ns';\nexport type { A } from './a';")).toEqual([
      './types export true',
      './more export true',
      './ns export false',
      './a export true',
    ]);
    // A type-only star export names nothing of its own.
    expect(scanSource("export type * from './types';", 'a.ts').exports).toEqual([]);
    expect(scanSource("export * as ns from './ns';", 'a.ts').exports).toEqual(['ns']);
  });

  it('tells inline type names from values: every name typed is erased unless verbatimModuleSyntax', () => {
    expect(scan([
      "import { type A, type B } from './types';",
      "import { type A, B } from './mixed';",
      "import D, { type E } from './default';",
      "import * as ns from './ns';",
      "import type from './named-type';",
      "import type, { x } from './named-type-too';",
      "import type { T } from './plain-type';",
      "export { type X, type Y } from './reexported-types';",
    ].join('\n'))).toEqual([
      './types import inline',
      './mixed import false',
      './default import false',
      './ns import false',
      './named-type import false',
      './named-type-too import false',
      './plain-type import true',
      './reexported-types export inline',
    ]);
  });

  it('reads import-equals, dynamic imports with a literal, and imports in type positions as types', () => {
    expect(scan([
      "import fs = require('./fs-like');",
      "import type Cfg = require('./config');",
      'const lazy = import(`./lazy`);',
      "const opts = import('./with-options', { with: { type: 'json' } });",
      "let shape: import('./shapes').Shape;",
      "type Mod = typeof import('./module');",
      "import('./then').then((m) => m);",
      'const computed = import(`./${name}`);',
      "const req = require(`./tpl-require`);",
    ].join('\n'))).toEqual([
      './fs-like require false',
      './config require true',
      './lazy dynamic false',
      './with-options dynamic false',
      './shapes dynamic true',
      './module dynamic true',
      './then dynamic false',
      './tpl-require require false',
    ]);
  });

  it('reads triple-slash path references as compile-time (type-only) dependencies', () => {
    expect(scan('/// <reference path="./globals.d.ts" />\n/// <reference types="node" />\n// /// <reference path="./not-this.ts" />\nexport const x = 1;\n')).toEqual(['./globals.d.ts import true']);
  });
});
