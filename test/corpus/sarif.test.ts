// SARIF conformance: our output validates against the official 2.1.0 schema, the corpus verdicts hold with the same
// validator setup, and every schema-valid sample is ingested by the static-analysis `sarif` source.
import { existsSync, readFileSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import Ajv04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/findings.js';
import { buildSarif, SARIF_LIMITS, type SarifLog } from '../../src/core/sarif.js';
import { mergeSarif } from '../../src/report/sarif-merge.js';
import { staticAnalysisStage } from '../../src/stages/static-analysis/index.js';
import { StaticAnalysisOptions } from '../../src/stages/static-analysis/options.js';
import { makeStageContext, makeTempDir } from '../helpers/stage-context.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = path.resolve(repoRoot, '../shared/corpus/sarif');
const present = existsSync(path.join(corpus, 'manifest.json'));

if (!present && process.env.CI === 'true') {
  throw new Error(`SARIF corpus missing at ${corpus}: the corpus tests must run in CI`);
}

// Both are CommonJS with a `default` property; under NodeNext the default import is module.exports.
const Ajv04 = ((Ajv04Module as unknown as { default?: typeof Ajv04Module }).default ?? Ajv04Module) as unknown as typeof Ajv04Module.default;
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as typeof addFormatsModule.default;

interface Sample {
  file: string;
  sarif_version: string;
  expected_valid: boolean;
  expected_valid_without_format_checks: boolean;
}

const compiled = new Map<boolean, ReturnType<typeof compile>>();

/** Compiling the SARIF schema takes seconds on a busy machine: once per setting. */
function validator(validateFormats = true): ReturnType<typeof compile> {
  let v = compiled.get(validateFormats);
  if (!v) compiled.set(validateFormats, (v = compile(validateFormats)));
  return v;
}

function compile(validateFormats: boolean) {
  const schema = JSON.parse(readFileSync(path.join(corpus, 'sarif-schema-2.1.0.json'), 'utf8')) as object;
  const ajv = new Ajv04({ allErrors: true, strict: false, validateFormats });
  addFormats(ajv);
  return ajv.compile(schema);
}

function expectValid(log: SarifLog, validate: ReturnType<typeof compile>): void {
  const ok = validate(JSON.parse(JSON.stringify(log)));
  expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 5))).toEqual([]);
  expect(ok).toBe(true);
}

const finding = (over: Partial<Finding>): Finding => ({
  stage: 'lint', ruleId: 'no-unused-vars', level: 'error', message: 'x is unused', fingerprint: '0123456789abcdef:1', baseline: 'new', traceTo: [], ...over,
});

describe.skipIf(!present)('SARIF corpus', () => {
  it('our buildSarif output is valid against the official schema (every field we write)', () => {
    const validate = validator();
    const findings: Finding[] = [
      finding({ location: { path: 'src/a b/ü.js', startLine: 3, startColumn: 7, endLine: 3, endColumn: 9 }, tool: { name: 'ESLint', version: '9.39.5', informationUri: 'https://eslint.org' }, helpUri: 'https://eslint.org/docs/rules/no-unused-vars', inDiff: true }),
      finding({ level: 'warning', baseline: 'unchanged', location: { path: 'src/b.js' }, tool: { name: 'ESLint', version: '9.39.5' }, inDiff: false }),
      finding({ level: 'note', ruleId: 'TS6133', location: { path: 'x.ts', startLine: 1 }, tool: { name: 'tsc', version: '5.9.3' } }),
      finding({ ruleId: 'semgrep.x', note: 'path "../../etc/passwd" is outside the workspace; location refused', tool: { name: 'Semgrep', informationUri: 'not a uri' }, helpUri: 'relative/help' }),
      finding({ baseline: 'absent', location: { path: 'gone.js', startLine: 2 }, tool: { name: 'ESLint', version: '9.39.5' } }),
      finding({ ruleId: 'spec/untraced', traceTo: ['REQ-1'], message: '' }),
      finding({ ruleId: 'layers', location: { path: 'a.ts', startLine: 1, startColumn: 19 }, related: [{ path: 'a.ts', startLine: 1, startColumn: 19, message: 'a.ts imports b.ts' }, { path: 'b.ts', message: 'b.ts is in the cycle' }] }),
    ];
    const built = buildSarif(findings, { category: 'lint', defaultTool: { name: 'andon', version: '0.1.0' } });
    expect(built.cut).toEqual([]);
    expectValid(built.log, validate);
    expect(built.log.runs.map((r) => r.tool.driver.name).sort()).toEqual(['ESLint', 'Semgrep', 'andon', 'tsc']);
    const eslintRun = built.log.runs.find((r) => r.tool.driver.name === 'ESLint')!;
    expect(eslintRun.results.map((r) => r.baselineState)).toEqual(['new', 'unchanged']);
    expect(eslintRun.properties).toMatchObject({ fixedCount: 1 });
    expect(buildSarif([], { category: 'empty', defaultTool: { name: 'andon' } }).log.runs).toHaveLength(1);
    expectValid(buildSarif([], { category: 'empty', defaultTool: { name: 'andon' } }).log, validate);
  });

  it('past the results-per-run and runs-per-file limits the most severe new findings are kept, the cut said, and it stays valid', () => {
    const validate = validator();
    const many: Finding[] = [];
    for (let i = 0; i < SARIF_LIMITS.resultsPerRun + 50; i++) many.push(finding({ level: 'warning', baseline: 'unchanged', fingerprint: `${i}:1`, location: { path: `f${i % 7}.js`, startLine: 1 + (i % 90) } }));
    many.push(finding({ level: 'error', baseline: 'new', ruleId: 'the-one', location: { path: 'zzz.js', startLine: 1 } }));
    const built = buildSarif(many, { category: 'lint', defaultTool: { name: 'andon' } });
    expect(built.log.runs[0]!.results).toHaveLength(SARIF_LIMITS.resultsPerRun);
    expect(built.log.runs[0]!.results[0]!.ruleId).toBe('the-one');
    expect(built.cut[0]).toContain('51 of 25051 results cut');
    expectValid(built.log, validate);

    const logs = Array.from({ length: 25 }, (_, i) => buildSarif([finding({ level: i === 24 ? 'error' : 'note', baseline: i === 24 ? 'new' : 'unchanged', tool: { name: `tool${i}` } })], { category: `s${i}`, defaultTool: { name: 'andon' } }).log);
    const merged = mergeSarif(logs);
    expect(merged.log.runs).toHaveLength(SARIF_LIMITS.runsPerFile);
    expect(merged.log.runs.map((r) => r.tool.driver.name)).toContain('tool24');
    expect(merged.cut[0]).toContain('5 of 25 runs left out');
    expectValid(merged.log, validate);
  });

  it('keeps a file within the gzipped size limit by cutting the least important results, and says so', () => {
    const limit = 200 * 1024;
    const big: Finding[] = [];
    // Pseudo-random messages so gzip cannot squeeze them away.
    let seed = 7;
    const noise = () => {
      let t = '';
      for (let k = 0; k < 30; k++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        t += seed.toString(36);
      }
      return t;
    };
    for (let i = 0; i < 2_000; i++) big.push(finding({ level: i === 0 ? 'error' : 'note', baseline: i === 0 ? 'new' : 'unchanged', message: noise(), fingerprint: `${i}:1` }));
    const built = buildSarif(big, { category: 'big', defaultTool: { name: 'andon' }, limits: { gzippedBytesPerFile: limit } });
    expect(gzipSync(JSON.stringify(built.log)).length).toBeLessThanOrEqual(limit);
    expect(built.cut.join('\n')).toMatch(/^\d+ of 2000 results cut to stay within 0\.2 MB gzipped per file/);
    expect(built.log.runs[0]!.results[0]!.level).toBe('error');
    expectValid(built.log, validator());
    const unlimited = buildSarif(big, { category: 'big', defaultTool: { name: 'andon' } });
    const merged = mergeSarif([unlimited.log, unlimited.log], { gzippedBytesPerFile: limit });
    expect(gzipSync(JSON.stringify(merged.log)).length).toBeLessThanOrEqual(limit);
    expect(merged.cut.join('\n')).toMatch(/of 4000 results cut to stay within 0\.2 MB gzipped per file/);
  });

  const manifest = present ? (JSON.parse(readFileSync(path.join(corpus, 'manifest.json'), 'utf8')) as { samples: Sample[] }) : { samples: [] };

  it('the corpus samples get their expected_valid verdicts from the same validator setup', () => {
    expect(manifest.samples.length).toBeGreaterThan(0);
    const strict = validator(true);
    const loose = validator(false);
    for (const s of manifest.samples) {
      const doc = JSON.parse(readFileSync(path.join(corpus, s.file), 'utf8')) as unknown;
      expect(strict(doc), `${s.file} with formats`).toBe(s.expected_valid);
      expect(loose(doc), `${s.file} without formats`).toBe(s.expected_valid_without_format_checks);
    }
  });

  it('every schema-valid sample is ingested by the sarif source without error', async () => {
    const valid = manifest.samples.filter((s) => s.expected_valid_without_format_checks);
    expect(valid.length).toBeGreaterThan(0);
    for (const s of valid) {
      const ws = await makeTempDir('andon-sarif-corpus-');
      await copyFile(path.join(corpus, s.file), path.join(ws, 'in.sarif'));
      const ctx = await makeStageContext({ workspace: ws, options: StaticAnalysisOptions.parse({ sarif: 'in.sarif', filter: 'nofilter' }), stageId: 'sa', uses: 'static-analysis' });
      const outcome = await staticAnalysisStage.run(ctx);
      expect(outcome.state, `${s.file}: ${outcome.reason}`).not.toBe('errored');
      // What we ingested, we can write back out as a valid log.
      expectValid(buildSarif(outcome.findings ?? [], { category: 'sa', defaultTool: { name: 'andon' } }).log, validator());
    }
  });
});

if (!present) {
  describe('SARIF corpus', () => {
    it.skip(`skipped: corpus not found at ${corpus} (set CI=true to make this a failure)`, () => {});
  });
}
