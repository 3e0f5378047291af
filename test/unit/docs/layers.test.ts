// The layering of DESIGN.md is enforced by the project's real ESLint config: each forbidden edge is an error.
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: root });

/** The messages ESLint gives a file of this content at this place in src/ (the file need not exist). */
async function lint(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

const importing = (spec: string) => `import { x } from '${spec}';\nexport const y = x;\n`;

describe('the layers, as lint enforces them', () => {
  it('core imports no stage, renderer, GitHub or CLI module', async () => {
    for (const spec of ['../stages/index.js', '../report/run-text.js', '../github/constants.js', '../cli/io.js', '../this-process.js']) {
      expect(await lint('src/core/probe.ts', importing(spec)), spec).toEqual([expect.stringMatching(/^andon\/layers: core may not import .*the engine is the bottom layer/)]);
    }
    expect(await lint('src/core/probe.ts', importing('./findings.js'))).toEqual([]);
    expect(await lint('src/core/probe.ts', importing('../version.js'))).toEqual([]);
  });

  it('a stage imports only core and its own folder, never a sibling stage or the registry', async () => {
    expect(await lint('src/stages/spec/probe.ts', importing('../regression/result.js'))).toEqual([expect.stringContaining('stage:spec may not import stage:regression')]);
    expect(await lint('src/stages/spec/probe.ts', importing('../index.js'))).toEqual([expect.stringContaining('stage:spec may not import registry')]);
    expect(await lint('src/stages/spec/probe.ts', importing('../../report/run-text.js'))).toEqual([expect.stringContaining('a stage imports only src/core and its own folder')]);
    expect(await lint('src/stages/spec/probe.ts', importing('./model.js'))).toEqual([]);
    expect(await lint('src/stages/spec/deeper/probe.ts', importing('../model.js'))).toEqual([]);
    expect(await lint('src/stages/spec/probe.ts', importing('../../core/findings.js'))).toEqual([]);
  });

  it('only src/github imports @actions/*, and GitHub code never imports the CLI', async () => {
    expect(await lint('src/report/probe.ts', importing('@actions/core'))).toEqual([expect.stringContaining('only src/github imports @actions/*')]);
    expect(await lint('src/cli/probe.ts', importing('@actions/core'))).toEqual([expect.stringContaining('only src/github imports @actions/*')]);
    expect(await lint('src/github/probe.ts', importing('@actions/core'))).toEqual([]);
    expect(await lint('src/github/probe.ts', importing('../cli/io.js'))).toEqual([expect.stringContaining('github may not import cli')]);
  });

  it('the CLI reaches src/github only for the REST trace, and renderers sit below both', async () => {
    expect(await lint('src/cli/commands/probe.ts', importing('../../github/trace.js'))).toEqual([]);
    expect(await lint('src/cli/commands/probe.ts', importing('../../github/line-action.js'))).toEqual([expect.stringContaining('cli may not import github')]);
    expect(await lint('src/report/probe.ts', importing('../github/constants.js'))).toEqual([expect.stringContaining('report may not import github')]);
    expect(await lint('src/report/probe.ts', importing('../cli/io.js'))).toEqual([expect.stringContaining('report may not import cli')]);
  });

  it('the engine does not read `process`, and its functions stay short enough to read as their steps', async () => {
    expect(await lint('src/core/probe.ts', 'export const home = process.env.HOME;\n')).toEqual([expect.stringMatching(/^no-restricted-globals: /)]);
    const long = `export function long(): number {\n  let n = 0;\n${'  n++;\n'.repeat(125)}  return n;\n}\n`;
    expect(await lint('src/core/probe.ts', long)).toEqual([expect.stringMatching(/^max-lines-per-function: /)]);
    expect(await lint('src/stages/regression/probe.ts', long)).toEqual([]);
  });
});
