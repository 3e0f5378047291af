// TypeScript import forms that decide what the graph holds: type-only re-exports count for layers, inline type
// names make no cycle unless verbatimModuleSyntax keeps the module loaded, and a cycle names every member.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/findings.js';
import { buildSarif } from '../../../src/core/sarif.js';
import { templatesStage } from '../../../src/stages/templates/index.js';
import { TemplatesOptions } from '../../../src/stages/templates/options.js';
import { makeStageContext, makeTempDir } from '../../helpers/stage-context.js';
import { commitAll, git, writeFiles } from './fixture.js';

const RULES = `rules:
  - id: layers
    kind: imports
    message: The domain does not know the infrastructure
    files: ["src/**/*.ts"]
    layers: [{ from: ["src/domain/**"], disallow: ["src/infra/**"] }]
    cycles: true
`;

async function repo(files: Record<string, string>): Promise<string> {
  const root = await makeTempDir('andon-forms-');
  git(root, 'init', '-q', '-b', 'main');
  await writeFiles(root, { '.andon/templates.yml': RULES, ...files });
  commitAll(root, 'init');
  return root;
}

async function findings(ws: string): Promise<Finding[]> {
  const ctx = await makeStageContext({ workspace: ws, options: TemplatesOptions.parse({}), stageId: 'templates', uses: 'templates' });
  return ((await templatesStage.run(ctx)).findings ?? []) as Finding[];
}

const brief = (f: Finding) => `${f.location?.path}:${f.location?.startLine} ${f.message.split(':')[0]}`;

describe('import forms in the templates graph', () => {
  it('a type-only star re-export of the infrastructure is a layer violation', async () => {
    const ws = await repo({
      'src/domain/types.ts': "export type * from '../infra/db-types.js';\nexport * as infra from '../infra/db.js';\n",
      'src/infra/db-types.ts': 'export interface Row { id: string }\n',
      'src/infra/db.ts': 'export const save = 1;\n',
    });
    expect((await findings(ws)).map(brief)).toEqual(['src/domain/types.ts:1 The domain does not know the infrastructure', 'src/domain/types.ts:2 The domain does not know the infrastructure']);
  });

  it('inline type names make no cycle, unless verbatimModuleSyntax keeps the module loaded (extended tsconfig)', async () => {
    const ws = await repo({
      'src/a.ts': "import { type B, type C } from './b.js';\nexport const a = (b: B, c: C) => [b, c];\n",
      'src/b.ts': "import { a } from './a.js';\nexport type B = typeof a;\nexport type C = string;\n",
      'src/c.ts': "import type { D } from './d.js';\nexport type C2 = D;\n",
      'src/d.ts': "import { type C2 } from './c.js';\nlet x: import('./c.js').C2;\nexport type D = typeof x;\n",
    });
    expect((await findings(ws)).map(brief)).toEqual([]);
    await writeFiles(ws, { 'tsconfig.json': '{ "extends": "./tsconfig.base.json" }\n', 'tsconfig.base.json': '{ "compilerOptions": { "verbatimModuleSyntax": true } }\n' });
    // Only the a ↔ b pair is a run-time cycle: `import type` and a type position stay erased.
    expect((await findings(ws)).map(brief)).toEqual(['src/a.ts:1 import cycle']);
  });

  it('a cycle finding names every member of its component, also as SARIF related locations', async () => {
    const ws = await repo({
      'src/a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
      'src/b.ts': "import { c } from './c.js';\nimport { d } from './d.js';\nexport const b = () => [c, d];\n",
      'src/c.ts': "import { a } from './a.js';\nexport const c = () => a;\n",
      'src/d.ts': "import { b } from './b.js';\nexport const d = () => b;\n",
    });
    const all = await findings(ws);
    expect(all).toHaveLength(1);
    const cycle = all[0]!;
    expect(cycle.message).toBe('import cycle: src/a.ts → src/b.ts → src/c.ts → src/a.ts; 4 files in the cycle: src/a.ts, src/b.ts, src/c.ts, src/d.ts. The domain does not know the infrastructure');
    expect(cycle.related?.map((r) => `${r.path}:${r.startLine}:${r.startColumn} ${r.message}`)).toEqual([
      'src/a.ts:1:19 src/a.ts imports src/b.ts',
      'src/b.ts:1:19 src/b.ts imports src/c.ts',
      'src/c.ts:1:19 src/c.ts imports src/a.ts',
      'src/d.ts:1:19 src/d.ts imports src/b.ts',
    ]);
    const result = buildSarif(all, { category: 'templates', defaultTool: { name: 'andon' } }).log.runs[0]!.results[0]!;
    expect(result.relatedLocations).toEqual([
      { id: 0, physicalLocation: { artifactLocation: { uri: 'src/a.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: 19 } }, message: { text: 'src/a.ts imports src/b.ts' } },
      { id: 1, physicalLocation: { artifactLocation: { uri: 'src/b.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: 19 } }, message: { text: 'src/b.ts imports src/c.ts' } },
      { id: 2, physicalLocation: { artifactLocation: { uri: 'src/c.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: 19 } }, message: { text: 'src/c.ts imports src/a.ts' } },
      { id: 3, physicalLocation: { artifactLocation: { uri: 'src/d.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: 19 } }, message: { text: 'src/d.ts imports src/b.ts' } },
    ]);
  });
});
