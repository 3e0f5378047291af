import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/findings.js';
import { templatesStage } from '../../../src/stages/templates/index.js';
import { TemplatesOptions, type TemplatesOptionsInput } from '../../../src/stages/templates/options.js';
import { makeStageContext } from '../../helpers/stage-context.js';
import { commitAll, makeRepo, writeFiles } from './fixture.js';

async function runStage(workspace: string, options: TemplatesOptionsInput = {}, extra: { baselineJson?: unknown; baseSha?: string } = {}) {
  // The seed run's baseline stands for a recorded run of the base commit, which changed scope carries from.
  const ctx = await makeStageContext({ workspace, options: TemplatesOptions.parse(options), stageId: 'templates', uses: 'templates', baselineOrigin: 'store', ...extra });
  const outcome = await templatesStage.run(ctx);
  return { outcome, findings: (outcome.findings ?? []) as Finding[], result: outcome.result as { scope: string; scopeNote: string } };
}

const summary = (fs: Finding[]) => fs.map((f) => `${f.ruleId}:${f.baseline}:${f.inDiff}:${f.location?.path}`).sort();

async function repoWithCache(): Promise<string> {
  const ws = await makeRepo();
  await writeFiles(ws, { '.gitignore': '.andon/cache/\n' });
  return ws;
}

describe('templates stage, changed scope', () => {
  it('a new file that an untouched file already imported closes a cycle: found, owned by the change, same as full', async () => {
    const ws = await repoWithCache();
    await writeFiles(ws, { 'src/lib/a.ts': "import { b } from './b.js';\nexport const a = () => b;\n" });
    const base = commitAll(ws, 'a imports a b that does not exist yet');
    const seed = await runStage(ws);
    expect(seed.outcome.state).toBe('passed');
    await writeFiles(ws, { 'src/lib/b.ts': "import { a } from './a.js';\nexport const b = () => a;\n" });
    const pr = await runStage(ws, {}, { baselineJson: seed.outcome.baseline, baseSha: base });
    expect(pr.result.scope).toBe('changed');
    expect(pr.outcome.state).toBe('failed');
    expect(summary(pr.findings)).toEqual(['layers:new:true:src/lib/a.ts']);
    expect(pr.findings[0]!.message).toContain('import cycle: src/lib/a.ts → src/lib/b.ts → src/lib/a.ts');
    const full = await runStage(ws, { scope: 'full' }, { baselineJson: seed.outcome.baseline, baseSha: base });
    expect(summary(full.findings)).toEqual(summary(pr.findings));
  });

  it('deleting a required file of a unit blocks, though the finding sits on a file the change did not touch', async () => {
    const ws = await repoWithCache();
    const base = commitAll(ws, 'base');
    const seed = await runStage(ws);
    await rm(path.join(ws, 'src/features/billing/billing.test.ts'));
    const pr = await runStage(ws, {}, { baselineJson: seed.outcome.baseline, baseSha: base });
    expect(pr.result.scope).toBe('changed');
    expect(pr.outcome.state).toBe('failed');
    expect(summary(pr.findings)).toEqual(['feature-template:new:true:src/features/billing/billing.service.ts', 'feature-unit:new:true:src/features/billing/billing.service.ts']);
    const counts = pr.outcome.counts as { drift: Record<string, number> };
    expect(counts.drift['feature-unit']).toBe(0.5);
  });

  it('a change to the rules checks the whole workspace, and says why', async () => {
    const ws = await repoWithCache();
    const base = commitAll(ws, 'base');
    const seed = await runStage(ws);
    const text = await readFile(path.join(ws, '.andon/templates.yml'), 'utf8');
    await writeFiles(ws, { '.andon/templates.yml': text.replace('Use the logger, not console', 'Use the logger') });
    const pr = await runStage(ws, {}, { baselineJson: seed.outcome.baseline, baseSha: base });
    expect(pr.result.scope).toBe('full');
    expect(pr.result.scopeNote).toContain('the rules or templates differ from the baseline');
    const noBaseline = await runStage(ws, { scope: 'changed' }, { baseSha: base });
    expect(noBaseline.result.scope).toBe('full');
  });

  it('an added line blocks in added mode, an untouched line of a touched file does not', async () => {
    const ws = await repoWithCache();
    await writeFiles(ws, { 'src/lib/log.ts': 'export function log(m: string) {\n  console.log(m);\n}\n' });
    const base = commitAll(ws, 'base');
    const seed = await runStage(ws, { failOn: 'warning' });
    await writeFiles(ws, { 'src/lib/log.ts': 'export function log(m: string) {\n  console.log(m);\n}\nexport function debug(m: string) {\n  console.log(`debug ${m}`);\n}\n' });
    const pr = await runStage(ws, { filter: 'added', failOn: 'warning' }, { baselineJson: seed.outcome.baseline, baseSha: base });
    expect(pr.result.scope).toBe('changed');
    expect(pr.findings.map((f) => `${f.baseline}:${f.inDiff}:${f.location?.startLine}`).sort()).toEqual(['new:true:5', 'unchanged:false:2']);
    expect(pr.outcome.counts).toMatchObject({ blocking: 1 });
  });
});
