// The README's examples and the shipped configs are real: every andon.yml parses, and the templates rules load.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
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

describe('README examples', () => {
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
