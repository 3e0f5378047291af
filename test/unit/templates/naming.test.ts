// Naming rules that know each language's conventions, and `andon new` making the names its own rules accept.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/findings.js';
import { nameToJudge } from '../../../src/stages/templates/case-style.js';
import { scaffoldUnit, templatesStage } from '../../../src/stages/templates/index.js';
import { TemplatesOptions } from '../../../src/stages/templates/options.js';
import { runCli } from '../../helpers/cli.js';
import { makeStageContext, makeTempDir } from '../../helpers/stage-context.js';
import { commitAll, git, writeFiles } from './fixture.js';

describe('the name a case rule judges', () => {
  it('takes off what Python, test runners and web frameworks fix about a name', () => {
    const judged = (names: string[], what: 'file' | 'folder') => names.map((n) => nameToJudge(n, what));
    expect(judged(['__init__.py', '__main__.py', '_compat.py', 'conftest.py', 'test_models.py', 'models.pyi'], 'file')).toEqual(['init', 'main', 'compat', 'conftest', 'test_models', 'models']);
    expect(judged(['index.ts', 'types.d.ts', 'user-service.test.ts', '[id].tsx', '[...slug].tsx', '[[...all]].tsx', '_app.tsx', '+page.svelte', '$.tsx', '.eslintrc.js'], 'file')).toEqual([
      'index', 'types', 'user-service', 'id', 'slug', 'all', 'app', 'page', null, null,
    ]);
    expect(judged(['__tests__', '__pycache__', '(marketing)', '@modal', '_components', 'UserProfile'], 'folder')).toEqual(['tests', 'pycache', 'marketing', 'modal', 'components', 'UserProfile']);
  });
});

async function runRules(ws: string, rules: unknown[]): Promise<Finding[]> {
  const ctx = await makeStageContext({ workspace: ws, options: TemplatesOptions.parse({ rules }), stageId: 'templates', uses: 'templates' });
  return ((await templatesStage.run(ctx)).findings ?? []) as Finding[];
}

describe('naming rules on real trees', () => {
  it('snake case accepts the names Python gives its modules, and still flags the rest', async () => {
    const ws = await makeTempDir('andon-naming-');
    await writeFiles(ws, {
      'app/__init__.py': '',
      'app/__main__.py': '',
      'app/_compat.py': '',
      'app/_internal/__init__.py': '',
      'tests/conftest.py': '',
      'tests/__init__.py': '',
      'tests/test_api.py': '',
      'app/BadModule.py': '',
      'app/bad-name/__init__.py': '',
    });
    const found = await runRules(ws, [{ id: 'snake', kind: 'naming', message: 'snake_case modules', files: ['**/*.py'], case: 'snake', target: 'both' }]);
    expect(found.map((f) => f.message).sort()).toEqual(['snake_case modules: "BadModule.py" is not snake case', 'snake_case modules: folder "app/bad-name/" is not snake case']);
  });

  it('kebab case accepts index files, declaration and test suffixes, route segments and test folders', async () => {
    const ws = await makeTempDir('andon-naming-');
    await writeFiles(ws, {
      'src/index.ts': '',
      'src/types.d.ts': '',
      'src/user-service.test.ts': '',
      'src/__tests__/user-service.spec.ts': '',
      'src/app/[id]/page.tsx': '',
      'src/app/(shop)/[...slug].tsx': '',
      'src/pages/_app.tsx': '',
      'src/UserCard.tsx': '',
    });
    const found = await runRules(ws, [{ id: 'kebab', kind: 'naming', message: 'kebab-case', files: ['src/**'], case: 'kebab', target: 'both' }]);
    expect(found.map((f) => f.message)).toEqual(['kebab-case: "UserCard.tsx" is not kebab case']);
  });
});

describe('andon new applies the naming rules to the names it makes', () => {
  async function generatorRepo(extraRules = ''): Promise<string> {
    const ws = await makeTempDir('andon-new-');
    git(ws, 'init', '-q', '-b', 'main');
    await writeFiles(ws, {
      '.andon/templates.yml': `rules:
  - { id: file-case, kind: naming, message: Source files are kebab-case, files: ["src/**/*.ts"], case: kebab }
  - { id: generator, kind: template, message: Generators keep the template, template: generator, pattern: "src/generators/{name}/" }
${extraRules}`,
      '.andon/templates/generator/{name}-generator.ts': 'export class {name:pascal}Generator {}\n',
      '.andon/templates/generator/{name}-generator.test.ts': "import { {name:pascal}Generator } from './{name}-generator.js';\nvoid {name:pascal}Generator;\n",
    });
    commitAll(ws);
    return ws;
  }

  it('binds the name in the case the rule wants, in file names and in the text that refers to them', async () => {
    const ws = await generatorRepo();
    const r = await scaffoldUnit(ws, 'generator', 'NuShell');
    expect(r.files).toEqual(['src/generators/nu-shell/nu-shell-generator.test.ts', 'src/generators/nu-shell/nu-shell-generator.ts']);
    expect(r.renamed).toEqual([{ placeholder: 'name', from: 'NuShell', to: 'nu-shell', rule: 'file-case', case: 'kebab' }]);
    const cli = await runCli(['new', 'generator', 'PowerShell'], ws);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain('{name} = power-shell (given PowerShell): rule file-case wants kebab case');
    expect((await readdir(path.join(ws, 'src/generators'))).sort()).toEqual(['nu-shell', 'power-shell']);
    expect(await readFile(path.join(ws, 'src/generators/power-shell/power-shell-generator.test.ts'), 'utf8')).toBe("import { PowerShellGenerator } from './power-shell-generator.js';\nvoid PowerShellGenerator;\n");
    const stage = await runRules(ws, [{ id: 'file-case', kind: 'naming', message: 'kebab', files: ['src/**/*.ts'], case: 'kebab' }]);
    expect(stage).toEqual([]);
    // A name already in case is kept as given.
    expect((await scaffoldUnit(ws, 'generator', 'bash', { dryRun: true })).renamed).toBeUndefined();
  });

  it('refuses when two rules want the same name in two cases, writing nothing', async () => {
    const ws = await generatorRepo('  - { id: snake-tests, kind: naming, message: Tests are snake_case, files: ["src/**/*.test.ts"], case: snake }\n');
    await expect(scaffoldUnit(ws, 'generator', 'NuShell')).rejects.toThrow('andon new: {name} is wanted in kebab case by rule file-case and in snake case by rule snake-tests; nothing was written');
    await expect(readdir(path.join(ws, 'src'))).rejects.toThrow();
  });
});
