import { readFile, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/findings.js';
import { templatesStage } from '../../../src/stages/templates/index.js';
import { TemplatesOptions, type TemplatesOptionsInput } from '../../../src/stages/templates/options.js';
import { makeStageContext, makeTempDir } from '../../helpers/stage-context.js';
import { commitAll, makeRepo, writeFiles } from './fixture.js';

async function runStage(workspace: string, options: TemplatesOptionsInput = {}, extra: { baselineJson?: unknown; baseSha?: string } = {}) {
  const ctx = await makeStageContext({ workspace, options: TemplatesOptions.parse(options), stageId: 'templates', uses: 'templates', baselineOrigin: 'store', ...extra });
  const outcome = await templatesStage.run(ctx);
  return { outcome, ctx, findings: (outcome.findings ?? []) as Finding[] };
}

const brief = (f: Finding) => `${f.ruleId} ${f.location?.path}${f.location?.startLine ? `:${f.location.startLine}` : ''}${f.location?.startColumn ? `:${f.location.startColumn}` : ''}`;

describe('templates stage', () => {
  it('passes a conforming repository and measures full drift', async () => {
    const ws = await makeRepo();
    const { outcome } = await runStage(ws);
    expect(outcome.reason).toContain('no new violation');
    expect(outcome.state).toBe('passed');
    expect(outcome.counts).toMatchObject({ rules: 7, violations: 0, blocking: 0 });
    const counts = outcome.counts as { units: number; conforming: number; drift: Record<string, number> };
    expect(counts.units).toBe(counts.conforming);
    expect(counts.units).toBeGreaterThan(10);
    expect(counts.drift).toEqual({ 'feature-unit': 1, 'file-case': 1, 'no-console': 1, adr: 1, layers: 1, http: 1, 'feature-template': 1 });
    const result = outcome.result as { drift: Record<string, { units: number }>; scope: string };
    expect(result.scope).toBe('full');
    expect(result.drift['feature-unit']!.units).toBe(2);
  });

  it('finds a violation of every rule kind, with locations', async () => {
    const ws = await makeRepo();
    await writeFiles(ws, {
      'tsconfig.json': '{ // paths\n "compilerOptions": { "baseUrl": ".", "paths": { "@infra/*": ["src/infra/*"] }, } }\n',
      'src/features/orders/index.ts': 'export {};\n',
      'src/features/orders/notes.txt': 'x\n',
      'src/lib/HttpClient.ts': 'export const c = 1;\n',
      'src/lib/log.ts': 'export function log(m: string) {\n  // fine\n  console.log(m);\n}\n',
      'docs/adr/0002-next.md': '# Next\n\n## Context\n\n## Consequences\n',
      'src/domain/bad.ts': "import { save } from '../infra/db.js';\nexport const s = save;\n",
      'src/domain/alias.ts': "import { save } from '@infra/db';\nexport const t = save;\n",
      'src/lib/a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
      'src/lib/b.ts': "import { a } from './a.js';\nexport const b = () => a;\n",
      'src/lib/c.ts': "import { createBillingService } from '../features/billing/billing.service.js';\nexport const c = createBillingService;\n",
      'src/features/billing/billing.service.ts': "import fetch from 'node-fetch';\nexport function createBilling() {\n  return fetch;\n}\n",
      'src/lib/broken.ts': "import x from './a.js';\n/* never closed\n",
      'src/lib/big.ts': `export const big = '${'x'.repeat(3000)}';\n`,
    });
    const { outcome, findings } = await runStage(ws, { maxFileBytes: 2048 });
    expect(outcome.state).toBe('failed');
    const got = findings.map(brief).sort();
    expect(got).toEqual(
      [
        'adr docs/adr/0002-next.md',
        'feature-template src/features/billing/billing.service.ts',
        'feature-template src/features/orders/index.ts',
        'feature-template src/features/orders/index.ts',
        'feature-template src/features/orders/index.ts',
        'feature-unit src/features/orders/index.ts',
        'feature-unit src/features/orders/index.ts',
        'feature-unit src/features/orders/notes.txt',
        'file-case src/lib/HttpClient.ts',
        'http src/features/billing/billing.service.ts:1:19',
        'layers src/domain/alias.ts:1:22',
        'layers src/domain/bad.ts:1:22',
        'layers src/lib/a.ts:1:19',
        'layers src/lib/c.ts:1:38',
        'no-console src/lib/log.ts:3:3',
        'templates.parse src/lib/broken.ts:2:1',
        'templates.unreadable src/lib/big.ts',
      ].sort(),
    );
    const msg = (id: string, p: string) => findings.filter((f) => f.ruleId === id && f.location?.path === p).map((f) => f.message);
    expect(msg('feature-unit', 'src/features/orders/index.ts')).toEqual([
      'A feature orders has an index, a service and a test: src/features/orders/ is missing orders.service.ts',
      'A feature orders has an index, a service and a test: src/features/orders/ is missing orders.test.ts',
    ]);
    expect(msg('layers', 'src/lib/a.ts')[0]).toMatch(/^import cycle: src\/lib\/a\.ts → src\/lib\/b\.ts → src\/lib\/a\.ts/);
    expect(msg('layers', 'src/lib/c.ts')[0]).toContain('may import it only through src/features/billing/index.ts');
    expect(msg('layers', 'src/domain/alias.ts')[0]).toContain('imports "@infra/db" (src/infra/db.ts), which matches src/infra/**');
    expect(msg('feature-template', 'src/features/billing/billing.service.ts')[0]).toContain('does not export createBillingService as template feature does');
    expect(msg('adr', 'docs/adr/0002-next.md')[0]).toContain('lacks the heading "## Decision"');
    expect(msg('templates.unreadable', 'src/lib/big.ts')[0]).toContain('over the limit of 2048 (maxFileBytes)');
    expect(findings.find((f) => f.ruleId === 'no-console')!.level).toBe('warning');
    const counts = outcome.counts as { drift: Record<string, number>; violations: number; units: number; conforming: number };
    expect(counts.violations).toBe(17);
    expect(counts.drift['feature-unit']).toBeCloseTo(2 / 3, 3);
    expect(counts.units - counts.conforming).toBeGreaterThan(0);
    // Every finding has a fingerprint, stable across runs.
    const again = await runStage(ws, { maxFileBytes: 2048 });
    expect(again.findings.map((f) => f.fingerprint).sort()).toEqual(findings.map((f) => f.fingerprint).sort());
  });

  it('on a PR blocks only what the change introduced; known ones are carried with their trend, in changed scope and in full', async () => {
    const ws = await makeRepo();
    await writeFiles(ws, { 'src/lib/log.ts': 'export function log(m: string) {\n  console.log(m);\n}\n', 'src/lib/Legacy.ts': 'export const l = 1;\n' });
    const base = commitAll(ws, 'known violations');
    const first = await runStage(ws);
    expect(first.outcome.counts).toMatchObject({ violations: 2 });
    const baselineJson = first.outcome.baseline;
    expect(baselineJson).toMatchObject({ schema: 'andon.findings-baseline/v1', templates: { schema: 'andon.templates-baseline/v1' } });

    // The change: one new layer violation, the legacy file renamed right, and a touched file.
    await writeFiles(ws, { 'src/domain/bad.ts': "import { save } from '../infra/db.js';\nexport const s = save;\n", 'src/infra/db.ts': "import type { Order } from '../domain/order.js';\nexport const save = (o: Order) => o;\n// touched\n" });
    await rm(path.join(ws, 'src/lib/Legacy.ts'));
    await writeFiles(ws, { 'src/lib/legacy.ts': 'export const l = 1;\n' });
    commitAll(ws, 'change');

    const pr = await runStage(ws, {}, { baselineJson, baseSha: base });
    const result = pr.outcome.result as { scope: string; trend: { baseline: number; now: number; new: number; fixed: number }; drift: Record<string, { trend?: string }> };
    expect(result.scope).toBe('changed');
    expect(pr.outcome.state).toBe('failed');
    expect(pr.outcome.reason).toContain('1 new violation; first: src/domain/bad.ts:1');
    const byRule = (fs: Finding[]) => fs.map((f) => `${f.ruleId}:${f.baseline}:${f.inDiff}`).sort();
    expect(byRule(pr.findings)).toEqual(['file-case:absent:undefined', 'layers:new:true', 'no-console:unchanged:false']);
    expect(result.trend).toMatchObject({ baseline: 2, now: 2, new: 1, fixed: 1 });
    expect(result.drift['file-case']!.trend).toBe('converging');
    expect(result.drift.layers!.trend).toBe('diverging');

    // The whole-workspace check of the same change agrees with the changed-scope one.
    const full = await runStage(ws, { scope: 'full' }, { baselineJson, baseSha: base });
    expect((full.outcome.result as { scope: string }).scope).toBe('full');
    expect(byRule(full.findings)).toEqual(byRule(pr.findings));
    expect(full.outcome.counts).toEqual(pr.outcome.counts);

    // Without newOnly every open violation at failOn blocks, the known warning in an untouched file too: the filter
    // only says what is shown first, never what blocks.
    const all = await runStage(ws, { newOnly: false, failOn: 'warning' }, { baselineJson, baseSha: base });
    expect(all.outcome.counts).toMatchObject({ blocking: 2 });
  });

  it('a new file in an existing unit that breaks the unit blocks; the import cache is used on the second run', async () => {
    const ws = await makeRepo();
    await writeFiles(ws, { '.gitignore': '.andon/cache/\n' });
    const base = commitAll(ws, 'base');
    const first = await runStage(ws);
    const scans = await readFile(path.join(ws, '.andon/cache/templates/scans.txt'), 'utf8');
    expect(scans.split('\n').filter((l) => /^[0-9a-f]{40}\t/.test(l)).length).toBeGreaterThan(5);
    const graph = JSON.parse(await readFile(path.join(ws, '.andon/cache/templates/graph.json'), 'utf8')) as { files: string[] };
    expect(graph.files).toContain('src/features/billing/index.ts');
    // A warm full run scans only what it needs, and keeps the entries of every blob still present.
    const countScans = (t: string) => t.split('\n').filter((l) => /^[0-9a-f]{40}\t/.test(l)).length;
    await runStage(ws);
    expect(countScans(await readFile(path.join(ws, '.andon/cache/templates/scans.txt'), 'utf8'))).toBe(countScans(scans));
    await writeFiles(ws, { 'src/features/billing/Extra.md': 'x\n' });
    const pr = await runStage(ws, {}, { baselineJson: first.outcome.baseline, baseSha: base });
    expect(pr.outcome.state).toBe('failed');
    expect(pr.findings.filter((f) => f.baseline === 'new').map(brief)).toEqual(['feature-unit src/features/billing/Extra.md']);
    const r = pr.outcome.result as { scope: string; importCache: { hits: number; misses: number; graph: { nodes: number; reused: number; rebuilt: number } } };
    expect(r.scope).toBe('changed');
    expect(r.importCache.misses).toBe(0);
    expect(r.importCache.hits).toBeGreaterThan(0);
    expect(r.importCache.graph).toEqual({ nodes: 12, reused: 12, rebuilt: 0 });
  });

  it('reads no file through a symlink that leaves the workspace', async () => {
    const ws = await makeRepo();
    const outside = await makeTempDir('andon-outside-');
    await writeFiles(outside, { 'secret.ts': 'console.log("secret");\n' });
    await symlink(path.join(outside, 'secret.ts'), path.join(ws, 'src/lib/leak.ts'));
    const { findings } = await runStage(ws);
    const leak = findings.filter((f) => f.location?.path === 'src/lib/leak.ts');
    expect(leak.map((f) => f.ruleId)).toEqual(['templates.unreadable']);
    expect(leak[0]!.message).toContain('a symlink leading outside the workspace: not read');
    expect(JSON.stringify(findings)).not.toContain('secret');
  });

  it('errors with the position when the rules are bad, and takes inline rules', async () => {
    const ws = await makeRepo();
    await writeFiles(ws, { '.andon/templates.yml': 'rules:\n  - id: x\n    kind: layer\n    message: m\n' });
    const bad = await runStage(ws);
    expect(bad.outcome.state).toBe('errored');
    expect(bad.outcome.reason).toContain('.andon/templates.yml:3:11');
    const inline = await runStage(ws, { rules: [{ id: 'k', kind: 'naming', message: 'kebab', files: ['src/**/*.ts'], case: 'pascal' }] });
    expect(inline.outcome.state).toBe('failed');
    expect((inline.outcome.result as { rules: { origin: string } }).rules.origin).toBe('with.rules');
  });

  it('refuses an inline rule with a never-bound placeholder, naming where in with:', async () => {
    const ws = await makeRepo();
    const r = await runStage(ws, { rules: [{ id: 'u', kind: 'unit', message: 'm', pattern: 'src/{name}/', require: ['{other}.ts'] }] });
    expect(r.outcome.state).toBe('errored');
    expect(r.outcome.reason).toContain('with.rules[0].require[0]: placeholder {other} (not bound');
  });
});

describe('templates stage, what it leaves alone', () => {
  it('never checks the template files themselves, even under a rule for every file', async () => {
    const ws = await makeRepo();
    const r = await runStage(ws, { rules: [{ id: 'k', kind: 'naming', message: 'kebab', files: ['**/*.ts'], case: 'kebab' }, { id: 't', kind: 'template', message: 'm', template: 'feature', pattern: 'src/features/{name}/' }] });
    expect(r.outcome.state).toBe('passed');
    expect(r.findings).toEqual([]);
  });
});

describe('templates stage outside git', () => {
  it('lists files itself and checks them, without any cache', async () => {
    const ws = await makeTempDir('andon-templates-plain-');
    await writeFiles(ws, {
      'src/GoodName.ts': 'export const x = 1;\n',
      'node_modules/dep/BadName.ts': 'export const y = 1;\n',
    });
    const r = await runStage(ws, { rules: [{ id: 'k', kind: 'naming', message: 'kebab', files: ['**/*.ts'], case: 'kebab' }] });
    expect(r.findings.map(brief)).toEqual(['k src/GoodName.ts']);
    expect((r.outcome.result as { importCache: unknown }).importCache).toBeNull();
  });
});
