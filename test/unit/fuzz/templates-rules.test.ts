// Fuzzing the templates rules reader: any rules file gives a compiled rule set or a UserError at file:line:col.
import fc from 'fast-check';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { UserError } from '../../../src/core/errors.js';
import { loadRuleSet } from '../../../src/stages/templates/load-rules.js';
import { makeTempDir } from '../../helpers/stage-context.js';
import { FILE_RUNS, hostileString, hostileValue, mutated, withBadBytes } from './arbitraries.js';

const mostly = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<unknown> = hostileValue) => fc.oneof({ weight: 5, arbitrary: good }, { weight: 1, arbitrary: bad });
const glob = mostly(fc.constantFrom('src/**', '**/*.ts', 'src/{name}/', 'src/features/{name}/', '{a,b}/**', '!x'), hostileString);
const pattern = mostly(fc.constantFrom('TODO', '^import .* from "axios"', '(a+)+$', '\\bconsole\\.log\\(', '[', '(?<n>x)\\k<n>', 'a{1000000}'), hostileString);

const rule = fc.oneof(
  fc.record({ id: mostly(fc.constant('unit-rule')), kind: fc.constant('unit'), message: fc.constant('m'), pattern: glob, require: fc.array(glob, { maxLength: 2 }) }),
  fc.record({ id: mostly(fc.constant('naming')), kind: fc.constant('naming'), message: fc.constant('m'), files: fc.array(glob, { minLength: 1, maxLength: 2 }), case: mostly(fc.constantFrom('kebab', 'camel')) }),
  fc.record({ id: mostly(fc.constant('content')), kind: fc.constant('content'), message: fc.constant('m'), files: fc.array(glob, { minLength: 1, maxLength: 2 }), forbid: fc.array(pattern, { minLength: 1, maxLength: 2 }) }),
  fc.record({ id: mostly(fc.constant('layers')), kind: fc.constant('imports'), message: fc.constant('m'), layers: fc.array(fc.record({ from: fc.array(glob, { minLength: 1, maxLength: 1 }), disallow: fc.array(glob, { minLength: 1, maxLength: 1 }) }), { minLength: 1, maxLength: 2 }) }),
  fc.record({ id: mostly(fc.constant('tpl')), kind: fc.constant('template'), message: fc.constant('m'), template: mostly(fc.constant('feature'), hostileString), pattern: glob }),
  fc.dictionary(hostileString, hostileValue, { maxKeys: 4 }),
);
const rulesFile = fc.record({ version: mostly(fc.constant(1)), rules: fc.array(rule, { maxLength: 3 }) }).map((r) => stringify(r));

async function load(ws: string, bytes: Buffer): Promise<void> {
  await writeFile(path.join(ws, '.andon/templates.yml'), bytes);
  try {
    const set = await loadRuleSet({ workspace: ws });
    expect(set.origin).toBe('.andon/templates.yml');
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    expect(e.message).toMatch(/^\.andon\/templates\.yml(:\d+:\d+)?: /m);
  }
}

describe('fuzzing the templates rules reader', () => {
  it('near-valid rules files, mutated', async () => {
    const ws = await makeTempDir();
    await mkdir(path.join(ws, '.andon/templates/feature'), { recursive: true });
    await writeFile(path.join(ws, '.andon/templates/feature/index.ts'), 'export {};\n');
    await fc.assert(fc.asyncProperty(fc.oneof(rulesFile, mutated(rulesFile)), (text) => load(ws, Buffer.from(text))), { numRuns: FILE_RUNS });
  });

  it('any text, and bytes that are not UTF-8', async () => {
    const ws = await makeTempDir();
    await mkdir(path.join(ws, '.andon'), { recursive: true });
    await fc.assert(fc.asyncProperty(fc.oneof(withBadBytes(rulesFile), fc.string({ maxLength: 200 }).map((s) => Buffer.from(s))), (bytes) => load(ws, bytes)), { numRuns: FILE_RUNS });
  });
});
