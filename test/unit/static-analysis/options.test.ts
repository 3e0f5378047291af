import { describe, expect, it } from 'vitest';
import { nodeProcessRunner } from '../../../src/core/process-runner.js';
import { defaultRegistry } from '../../../src/stages/index.js';
import { staticAnalysisStage } from '../../../src/stages/static-analysis/index.js';
import { StaticAnalysisOptions } from '../../../src/stages/static-analysis/options.js';
import { makeWorkspace } from './fixture-repo.js';

describe('static-analysis options', () => {
  it('is registered as uses: static-analysis', () => {
    // The registry holds the kind's schema up front and loads its code on first use.
    const kind = defaultRegistry().get('static-analysis')!;
    expect(kind.options).toBe(staticAnalysisStage.options);
    expect(kind.description).toBe(staticAnalysisStage.description);
  });

  it('fills defaults: filter added, failOn error, newOnly decided by the baseline, a 128 MB report cap', () => {
    const o = StaticAnalysisOptions.parse({ eslint: true, sarif: 'x.sarif' });
    expect(o).toMatchObject({ filter: 'added', failOn: 'error', maxReportBytes: 128 * 1024 * 1024, sarif: ['x.sarif'] });
    expect(o.newOnly).toBeUndefined();
    expect(o.eslint).toEqual({ patterns: ['.'], cwd: '.', configType: 'auto' });
    expect(StaticAnalysisOptions.parse({ tsc: true }).tsc).toEqual({ project: 'tsconfig.json' });
  });

  it('refuses unknown keys, a line without sources, and bad enum values', () => {
    expect(StaticAnalysisOptions.safeParse({ eslint: true, filtr: 'added' }).success).toBe(false);
    expect(StaticAnalysisOptions.safeParse({ eslint: { pattern: ['.'] } }).success).toBe(false);
    const none = StaticAnalysisOptions.safeParse({ filter: 'added' });
    expect(none.success).toBe(false);
    expect(none.error?.issues[0]?.message).toBe('name at least one source: eslint, tsc, sarif or checkstyle');
    expect(StaticAnalysisOptions.safeParse({ eslint: true, failOn: 'fatal' }).success).toBe(false);
  });

  it('declares inputs (files, tool versions), keyed by the base commit (what is new is judged against it)', async () => {
    const ws = await makeWorkspace({});
    const env = { workspace: ws, env: {}, runner: nodeProcessRunner, baseSha: 'a'.repeat(40) };
    const nofilter = await staticAnalysisStage.inputs(StaticAnalysisOptions.parse({ eslint: true, tsc: true, sarif: 'r/*.sarif', filter: 'nofilter' }), env);
    expect(nofilter?.tools?.eslint).toMatch(/^9\./);
    expect(nofilter?.tools?.typescript).toMatch(/^5\./);
    expect(nofilter?.files).toContain('r/*.sarif');
    expect(nofilter?.extra).toEqual({ base: 'a'.repeat(40) });
    const added = await staticAnalysisStage.inputs(StaticAnalysisOptions.parse({ eslint: true }), env);
    expect(added?.extra).toEqual({ base: 'a'.repeat(40) });
  });
});
