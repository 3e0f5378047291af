import { describe, expect, it } from 'vitest';
import { createResolver, parseJsonc, readTsPaths } from '../../../src/stages/templates/module-resolver.js';
import type { ReadResult } from '../../../src/stages/templates/workspace-files.js';

const reader = (files: Record<string, string>) => (rel: string): ReadResult => (rel in files ? { ok: true, text: files[rel]! } : { ok: false, missing: true, why: 'missing' });

describe('module resolution', () => {
  const files = new Set(['src/a.ts', 'src/b/index.ts', 'src/c.tsx', 'src/lib/http.ts', 'src/shared/util.ts', 'legacy/old.js', 'src/m.mts']);

  it('resolves relative specifiers the way TypeScript does', () => {
    const r = createResolver(files, { baseUrl: undefined, mappings: [] });
    expect(r('./a.js', 'src/x.ts')).toEqual({ kind: 'file', path: 'src/a.ts' });
    expect(r('./a', 'src/x.ts')).toEqual({ kind: 'file', path: 'src/a.ts' });
    expect(r('./b', 'src/x.ts')).toEqual({ kind: 'file', path: 'src/b/index.ts' });
    expect(r('./c.js', 'src/x.ts')).toEqual({ kind: 'file', path: 'src/c.tsx' });
    expect(r('./m.mjs', 'src/x.ts')).toEqual({ kind: 'file', path: 'src/m.mts' });
    expect(r('../legacy/old.js', 'src/x.ts')).toEqual({ kind: 'file', path: 'legacy/old.js' });
    expect(r('./missing.js', 'src/x.ts')).toEqual({ kind: 'unresolved' });
    expect(r('../../../etc/passwd', 'src/x.ts')).toEqual({ kind: 'unresolved' });
    expect(r('@scope/pkg/sub', 'src/x.ts')).toEqual({ kind: 'package', name: '@scope/pkg' });
    expect(r('lodash/fp', 'src/x.ts')).toEqual({ kind: 'package', name: 'lodash' });
  });

  it('reads tsconfig paths and baseUrl through extends, comments and trailing commas', () => {
    const ts = readTsPaths(
      reader({
        'tsconfig.json': '{\n  // the app\n  "extends": "./tsconfig.base.json",\n  "compilerOptions": { "strict": true, },\n}\n',
        'tsconfig.base.json': '{ "compilerOptions": { "baseUrl": "src", "paths": { "@lib/*": ["lib/*"], "@util": ["shared/util.ts"] } } }',
      }),
    );
    const r = createResolver(files, ts);
    expect(r('@lib/http', 'src/x.ts')).toEqual({ kind: 'file', path: 'src/lib/http.ts' });
    expect(r('@util', 'src/x.ts')).toEqual({ kind: 'file', path: 'src/shared/util.ts' });
    expect(r('a', 'src/x.ts')).toEqual({ kind: 'file', path: 'src/a.ts' });
    expect(r('react', 'src/x.ts')).toEqual({ kind: 'package', name: 'react' });
  });

  it('refuses a tsconfig that is not JSON, naming it', () => {
    expect(() => readTsPaths(reader({ 'tsconfig.json': '{ "compilerOptions": ' }))).toThrow(/^tsconfig\.json: not valid JSON/);
    expect(parseJsonc('{ "a": "// not a comment", /* c */ "b": [1,], }')).toEqual({ a: '// not a comment', b: [1] });
  });
});
