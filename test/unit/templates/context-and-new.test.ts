import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTEXT_END, CONTEXT_START, checkContext, renderContext, scaffoldUnit, templatesStage, writeContext } from '../../../src/stages/templates/index.js';
import { TemplatesOptions } from '../../../src/stages/templates/options.js';
import { makeStageContext } from '../../helpers/stage-context.js';
import { makeRepo, writeFiles } from './fixture.js';

describe('andon context', () => {
  it('renders every rule and template into one concise block between markers', async () => {
    const ws = await makeRepo();
    const block = await renderContext({ workspace: ws });
    expect(block.startsWith(`${CONTEXT_START}\n`)).toBe(true);
    expect(block.endsWith(`${CONTEXT_END}\n`)).toBe(true);
    expect(block).toContain('- **feature-unit** (unit): A feature {name} has an index, a service and a test. Units are `src/features/{name}/`; each has `index.ts`, `{name}.service.ts`, `{name}.test.ts`');
    expect(block).toContain('`src/domain/**` must not import `src/infra/**`; no import cycles');
    expect(block).toContain('HTTP only through `src/lib/http.ts`; `axios`, `node-fetch` are imported nowhere else');
    expect(block).toContain('`{name}.service.ts` (exports `create{name:pascal}Service`)');
    expect(block).toContain('start one with `andon new feature <name>`');
    expect(block).toContain('never `/console\\.log\\(/`');
    expect(block.split('\n').length).toBeLessThan(20);
  });

  it('writes the block into AGENTS.md, CLAUDE.md and copilot instructions, keeping the rest; check finds staleness', async () => {
    const ws = await makeRepo();
    const files = ['AGENTS.md', 'CLAUDE.md', '.github/copilot-instructions.md'];
    await writeFiles(ws, { 'AGENTS.md': '# Agents\n\nHand-written notes.\n' });
    expect((await checkContext({ workspace: ws, files })).stale.map((s) => s.why)).toEqual([
      'AGENTS.md has no andon context block; run `andon context`',
      'CLAUDE.md does not exist; run `andon context`',
      '.github/copilot-instructions.md does not exist; run `andon context`',
    ]);
    expect(await writeContext({ workspace: ws, files })).toEqual({ written: files, unchanged: [] });
    const agents = await readFile(path.join(ws, 'AGENTS.md'), 'utf8');
    expect(agents.startsWith('# Agents\n\nHand-written notes.\n\n<!-- andon:context:start -->')).toBe(true);
    expect(await checkContext({ workspace: ws, files })).toEqual({ ok: true, stale: [] });
    expect(await writeContext({ workspace: ws, files })).toEqual({ written: [], unchanged: files });

    // A rule changes: the block is stale until written again, and the text around it survives.
    await writeFiles(ws, { 'AGENTS.md': `${agents}\n## After\n` });
    const rules = await readFile(path.join(ws, '.andon/templates.yml'), 'utf8');
    await writeFiles(ws, { '.andon/templates.yml': rules.replace('Source files are kebab-case', 'Source files are kebab-case, always') });
    const stale = await checkContext({ workspace: ws, files: ['AGENTS.md'] });
    expect(stale.stale[0]!.why).toContain('AGENTS.md: the andon context block is stale');
    await writeContext({ workspace: ws, files: ['AGENTS.md'] });
    const again = await readFile(path.join(ws, 'AGENTS.md'), 'utf8');
    expect(again).toContain('Source files are kebab-case, always');
    expect(again.startsWith('# Agents\n\nHand-written notes.\n')).toBe(true);
    expect(again.endsWith('\n## After\n')).toBe(true);
  });

  it('the stage with context: check fails while the block is stale, and passes once written', async () => {
    const ws = await makeRepo();
    const run = async () => templatesStage.run(await makeStageContext({ workspace: ws, options: TemplatesOptions.parse({ context: 'check' }), stageId: 'templates' }));
    const stale = await run();
    expect(stale.state).toBe('failed');
    expect(stale.findings?.map((f) => `${f.ruleId} ${f.location?.path}`)).toEqual(['templates.context AGENTS.md']);
    await writeContext({ workspace: ws });
    expect((await run()).state).toBe('passed');
  });

  it('refuses unbalanced markers and context files outside the workspace', async () => {
    const ws = await makeRepo();
    await writeFiles(ws, { 'AGENTS.md': `${CONTEXT_START}\nno end\n` });
    await expect(writeContext({ workspace: ws })).rejects.toThrow('markers are unbalanced');
    await expect(writeContext({ workspace: ws, files: ['../AGENTS.md'] })).rejects.toThrow('outside the workspace');
  });
});

describe('andon new', () => {
  it('scaffolds a unit from its template, and the stage finds it conforming', async () => {
    const ws = await makeRepo();
    const r = await scaffoldUnit(ws, 'feature', 'shopping-cart');
    expect(r).toEqual({
      folder: 'src/features/shopping-cart/',
      files: ['src/features/shopping-cart/index.ts', 'src/features/shopping-cart/shopping-cart.service.ts', 'src/features/shopping-cart/shopping-cart.test.ts'],
    });
    expect(await readFile(path.join(ws, 'src/features/shopping-cart/index.ts'), 'utf8')).toBe("export { createShoppingCartService } from './shopping-cart.service.js';\n");
    const outcome = await templatesStage.run(await makeStageContext({ workspace: ws, options: TemplatesOptions.parse({}), stageId: 'templates' }));
    expect(outcome.state).toBe('passed');
    expect(outcome.counts).toMatchObject({ violations: 0 });
    expect((outcome.result as { drift: Record<string, { units: number }> }).drift['feature-template']!.units).toBe(3);
  });

  it('never overwrites, refuses names with slashes, and suggests the nearest kind', async () => {
    const ws = await makeRepo();
    await expect(scaffoldUnit(ws, 'feature', 'billing')).rejects.toThrow('src/features/billing/index.ts, src/features/billing/billing.service.ts, src/features/billing/billing.test.ts already exist; nothing was written');
    await expect(scaffoldUnit(ws, 'feature', '../../etc')).rejects.toThrow('is not a valid name');
    await expect(scaffoldUnit(ws, 'featur', 'x')).rejects.toThrow('no template rule for kind "featur" (did you mean "feature"?)');
    const dry = await scaffoldUnit(ws, 'feature', 'dry', { dryRun: true });
    expect(dry.files).toHaveLength(3);
    await expect(readFile(path.join(ws, dry.files[0]!))).rejects.toThrow();
  });
});
