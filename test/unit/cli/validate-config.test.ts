// `andon validate-config` checks what each stage kind owns beyond the schema: rules files, paths that must exist.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { makeRepo } from '../../helpers/git-repo.js';

const RULES_OK = `version: 1
rules:
  - id: kebab-files
    kind: naming
    message: file names are kebab-case
    files: ["src/**"]
    case: kebab
`;

describe('andon validate-config', () => {
  it('accepts a config whose stages can read what they name', async () => {
    const ws = await makeRepo({
      'andon.yml': `version: 1
line:
  - id: docs
    uses: spec
    with: { paths: [specs, "notes/**/*.md"] }
  - id: conventions
    uses: templates
  - id: lint
    uses: static-analysis
    with: { eslint: { config: eslint.config.js, cwd: src }, tsc: true }
  - id: unit
    uses: regression
    with: { command: [npm, test], reports: ["r/*.xml"], cwd: src }
  - id: build
    uses: command
    with: { run: [make], cwd: src }
`,
      'specs/a.md': '# A\n',
      'notes/x/y.md': '# Y\n',
      '.andon/templates.yml': RULES_OK,
      'eslint.config.js': 'export default [];\n',
      'tsconfig.json': '{}\n',
      'src/a.ts': '',
    });
    const r = await runCli(['validate-config'], ws);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('andon.yml is valid: docs (spec) → conventions (templates) → lint (static-analysis) → unit (regression) → build (command)');
  });

  it('reports a rules file with an unknown kind at its line and column, and spec paths that do not exist, all at once', async () => {
    const ws = await makeRepo({
      'andon.yml': `version: 1
line:
  - id: docs
    uses: spec
    with:
      paths: [specs, "notes/**/*.md"]
      rules: { spec/ambigous-wording: error }
  - id: conventions
    uses: templates
  - id: lint
    uses: static-analysis
    with:
      eslint: { config: .eslintrc.missing.js, cwd: nowhere }
      tsc: { project: tsconfig.build.json }
  - id: unit
    uses: regression
    with: { command: [npm, test], reports: ["r/*.xml"], cwd: tests }
  - id: build
    uses: command
    with: { run: [make], cwd: build/out }
`,
      '.andon/templates.yml': `version: 1
rules:
  - id: kebab-files
    kind: namng
    message: file names are kebab-case
    files: ["src/**"]
    case: kebab
`,
    });
    const r = await runCli(['validate-config'], ws);
    expect(r.code).toBe(2);
    const lines = r.stderr.split('\n').filter(Boolean);
    const expected = [
      /andon\.yml:6:15: stage docs \(spec\): with\.paths\[0\]: "specs" does not exist in the workspace/,
      /andon\.yml:6:22: stage docs \(spec\): with\.paths\[1\]: "notes\/\*\*\/\*\.md" matches no Markdown file/,
      /andon\.yml:7:39: stage docs \(spec\): with\.rules\.spec\/ambigous-wording: unknown rule id "spec\/ambigous-wording"/,
      /\.andon\/templates\.yml:4:11: templates rules: rules\[0\]\.kind: .*namng/,
      /andon\.yml:13:52: stage lint \(static-analysis\): with\.eslint\.cwd: "nowhere" does not exist/,
      /andon\.yml:13:25: stage lint \(static-analysis\): with\.eslint\.config: "\.eslintrc\.missing\.js" does not exist/,
      /andon\.yml:14:23: stage lint \(static-analysis\): with\.tsc\.project: "tsconfig\.build\.json" does not exist/,
      /andon\.yml:17:62: stage unit \(regression\): with\.cwd: "tests" does not exist/,
      /andon\.yml:20:31: stage build \(command\): with\.cwd: "build\/out" does not exist/,
    ];
    for (const re of expected) expect(lines.some((l) => re.test(l)), `${re}\n${r.stderr}`).toBe(true);
    expect(lines).toHaveLength(expected.length);
  });

  it('places inline rules problems in andon.yml, a missing rules file at with.rulesFile, and a rules file that is not UTF-8 at its byte', async () => {
    const ws = await makeRepo({
      'andon.yml': `version: 1
line:
  - id: inline
    uses: templates
    with:
      rules:
        - id: no-todo
          kind: content
          message: no TODO
          files: ["src/**"]
          forbid: ["TODO("]
  - id: named
    uses: templates
    with: { rulesFile: conventions.yml }
  - id: latin1
    uses: templates
    with: { rulesFile: latin1.yml }
`,
    });
    const { writeFile } = await import('node:fs/promises');
    await writeFile(`${ws}/latin1.yml`, Buffer.concat([Buffer.from('version: 1\nrules: []\n# caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    const r = await runCli(['validate-config'], ws);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/andon\.yml:11:20: templates rules \(with\.rules\): with\.rules\[0\]\.forbid\[0\]: /);
    expect(r.stderr).toMatch(/andon\.yml:14:24: stage named \(templates\): with\.rulesFile: templates rules file not found: conventions\.yml/);
    expect(r.stderr).toMatch(/latin1\.yml:3:6: templates rules file is not valid UTF-8 \(byte 0xe9 at offset 26\)/);
  });

  it('without spec paths, a missing spec folder is said at the stage, naming where it looked', async () => {
    const ws = await makeRepo({ 'andon.yml': 'version: 1\nline:\n  - id: docs\n    uses: spec\n' });
    const r = await runCli(['validate-config'], ws);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/andon\.yml:3:\d+: stage docs \(spec\): with: no spec folder found: looked for openspec\/ \(OpenSpec\), specs\//);
  });
});
