import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES } from '../../../src/stages/spec/rules.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('spec stage rules', () => {
  it('documents every rule with its default level in docs/spec-format.md', async () => {
    const doc = await readFile(path.join(repoRoot, 'docs/spec-format.md'), 'utf8');
    const missing = RULES.filter((r) => !new RegExp(`\\| \`${r.id}\` \\| (${r.level}|\`changes\\.level\`) \\|`).test(doc)).map((r) => r.id);
    expect(missing).toEqual([]);
  });
});
