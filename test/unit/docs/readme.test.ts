// The README's examples and the shipped configs are real: every andon.yml parses, and the templates rules load.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/core/config.js';
import { defaultRegistry } from '../../../src/stages/index.js';
import { loadRuleSet } from '../../../src/stages/templates/index.js';
import { makeTempDir } from '../../helpers/stage-context.js';

const root = path.resolve(import.meta.dirname, '../../..');

async function yamlBlocks(): Promise<string[]> {
  const md = await readFile(path.join(root, 'README.md'), 'utf8');
  return [...md.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

/** Every whole andon.yml the README gives: the yaml blocks, and the one a shell walkthrough writes with a heredoc. */
async function configBlocks(): Promise<string[]> {
  const md = await readFile(path.join(root, 'README.md'), 'utf8');
  const heredocs = [...md.matchAll(/<<'YAML'\n([\s\S]*?)\nYAML\n/g)].map((m) => m[1]!);
  return [...(await yamlBlocks()), ...heredocs].filter((b) => /^version: 1/m.test(b));
}

describe('README examples', () => {
  it('a command stage that writes a report a later stage reads declares it in outputs, and never hides its own failure', async () => {
    const registry = defaultRegistry();
    let checked = 0;
    for (const block of await configBlocks()) {
      const line = parseConfig(block, 'README.md', registry).line;
      for (const [i, stage] of line.entries()) {
        if (stage.uses === 'command') expect(JSON.stringify(stage.options), `${stage.id}: a failing tool must fail its stage`).not.toMatch(/\|\|\s*true/);
        if (stage.uses !== 'static-analysis') continue;
        const o = stage.options as { sarif?: string[]; checkstyle?: string[] };
        const reads = picomatch([...(o.sarif ?? []), ...(o.checkstyle ?? [])]);
        for (const earlier of line.slice(0, i).filter((s) => s.uses === 'command')) {
          const { run } = earlier.options as { run: string | string[] };
          const declared = earlier.outputs.length > 0 ? picomatch(earlier.outputs) : () => false;
          for (const written of (typeof run === 'string' ? run.split(/\s+/) : run).filter((w) => reads(w))) {
            expect(declared(written), `${earlier.id} writes ${written}, which ${stage.id} reads: it must be in ${earlier.id}'s outputs\n${block}`).toBe(true);
            checked++;
          }
        }
      }
    }
    // The walkthrough, ruff, mypy-sarif and mixed.
    expect(checked).toBeGreaterThanOrEqual(4);
  });

  it('every andon.yml and stage snippet is a valid config', async () => {
    const registry = defaultRegistry();
    const blocks = await yamlBlocks();
    let checked = 0;
    for (const block of blocks) {
      if (/^version: 1/m.test(block)) {
        expect(() => parseConfig(block, 'README.md', registry), block).not.toThrow();
        checked++;
      } else if (/^ {2}- id: /.test(block)) {
        expect(() => parseConfig(`version: 1\nline:\n${block}`, 'README.md', registry), block).not.toThrow();
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(3);
  });

  it("this repository's own andon.yml and the demo's are valid", async () => {
    const registry = defaultRegistry();
    for (const f of ['andon.yml', 'examples/demo/repo/andon.yml']) {
      const cfg = parseConfig(await readFile(path.join(root, f), 'utf8'), f, registry);
      expect(cfg.line.length, f).toBeGreaterThanOrEqual(3);
    }
  });

  it('the templates rules example loads', async () => {
    const block = (await yamlBlocks()).find((b) => b.startsWith('# .andon/templates.yml'));
    expect(block).toBeDefined();
    const ws = await makeTempDir();
    await mkdir(path.join(ws, '.andon/templates/feature'), { recursive: true });
    await writeFile(path.join(ws, '.andon/templates.yml'), block!);
    await writeFile(path.join(ws, '.andon/templates/feature/index.ts'), 'export {};\n');
    const loaded = await loadRuleSet({ workspace: ws });
    expect(loaded.set.rules.map((r) => r.kind).sort()).toEqual(['content', 'imports', 'naming', 'one-way', 'template', 'unit']);
  });
});
