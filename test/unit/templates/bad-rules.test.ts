import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/core/errors.js';
import { loadRuleSet } from '../../../src/stages/templates/load-rules.js';
import { lineStarts } from '../../../src/core/text-position.js';
import { compilePattern, findAll } from '../../../src/stages/templates/user-pattern.js';
import { makeTempDir } from '../../helpers/stage-context.js';
import { writeFiles } from './fixture.js';

async function refusal(rules: string, extra: Record<string, string> = {}): Promise<string> {
  const ws = await makeTempDir('andon-templates-bad-');
  await writeFiles(ws, { '.andon/templates.yml': rules, ...extra });
  try {
    await loadRuleSet({ workspace: ws });
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return (err as Error).message;
  }
  throw new Error('the rules were accepted');
}

describe('templates rules refused with file:line:col', () => {
  it('an unknown rule kind, with did-you-mean, at the kind', async () => {
    const msg = await refusal('rules:\n  - id: a\n    kind: nameing\n    message: m\n    files: ["**"]\n    case: kebab\n');
    expect(msg).toContain('.andon/templates.yml:3:11: templates rules: rules[0].kind: unknown rule kind');
    expect(msg).toContain('unknown rule kind "nameing" (did you mean "naming"?)');
  });

  it('an unknown key, at the key', async () => {
    const msg = await refusal('rules:\n  - id: a\n    kind: naming\n    message: m\n    files: ["**"]\n    case: kebab\n    cases: camel\n');
    expect(msg).toBe('.andon/templates.yml:7:5: templates rules: unknown key "cases" in rules[0]');
  });

  it('a placeholder never bound by the pattern', async () => {
    const msg = await refusal('rules:\n  - id: u\n    kind: unit\n    message: m\n    pattern: src/features/{name}/\n    require: ["{feature}.service.ts"]\n');
    expect(msg).toContain('.andon/templates.yml:6:15');
    expect(msg).toContain('placeholder {feature} (not bound; bound here: {name})');
  });

  it('a placeholder in a rule without a pattern', async () => {
    const msg = await refusal('rules:\n  - id: c\n    kind: content\n    message: "{name} files need a header"\n    files: ["**/*.ts"]\n    header: "// x"\n');
    expect(msg).toContain(':4:14');
    expect(msg).toContain('{name} (not bound: this rule has no pattern that binds placeholders)');
  });

  it('a placeholder in a template file that the pattern does not bind', async () => {
    const msg = await refusal('rules:\n  - id: t\n    kind: template\n    message: m\n    template: feature\n    pattern: src/features/{name}/\n', {
      '.andon/templates/feature/{area}.ts': 'export const x = 1;\n',
    });
    expect(msg).toContain('template file .andon/templates/feature/{area}.ts: placeholder {area} (not bound');
  });

  it('an invalid pattern, naming the pattern and its place', async () => {
    const msg = await refusal("rules:\n  - id: c\n    kind: content\n    message: m\n    files: ['**']\n    forbid: ['foo(']\n");
    expect(msg).toContain('.andon/templates.yml:6:14');
    expect(msg).toContain('invalid pattern /foo(/');
  });

  it('backreferences and lookaround are refused: RE2 keeps every pattern linear', async () => {
    const msg = await refusal("rules:\n  - id: c\n    kind: content\n    message: m\n    files: ['**']\n    forbid: ['(a)\\1', { pattern: '(?=x)y', message: 'no' }]\n");
    expect(msg).toContain('invalid pattern /(a)\\1/');
    expect(msg).toContain('invalid pattern /(?=x)y/');
    expect(msg).toContain('no backreferences and no lookahead/lookbehind');
    expect(msg).toMatch(/templates\.yml:6:\d+: templates rules: rules\[0\]\.forbid\[1\]\.pattern/);
  });

  it('a catastrophic pattern for backtracking engines runs in linear time', () => {
    const c = compilePattern('(a+)+$');
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    const hostile = `${'a'.repeat(50_000)}!`;
    const t = performance.now();
    expect(findAll({ source: '(a+)+$', re: c.re }, hostile, () => lineStarts(hostile))).toEqual([]);
    expect(performance.now() - t).toBeLessThan(2000);
  });

  it('conflicting rules: the same id twice, two cases for the same files, required and forbidden', async () => {
    const msg = await refusal(
      [
        'rules:',
        '  - { id: a, kind: naming, message: m, files: ["src/**"], case: kebab }',
        '  - { id: a, kind: naming, message: m, files: ["src/**"], case: camel }',
        '  - { id: u, kind: unit, message: m, pattern: "src/{name}/", require: [index.ts], forbid: ["*.ts"] }',
        '  - { id: w1, kind: one-way, message: m, concern: HTTP, modules: [axios], through: [src/http.ts] }',
        '  - { id: w2, kind: one-way, message: m, concern: HTTP, modules: [axios], through: [src/net.ts] }',
        '',
      ].join('\n'),
    );
    expect(msg).toContain('id "a" is also the id of rules[0]');
    expect(msg).toContain('"a" wants camel case for src/**, "a" (rules[0]) wants kebab');
    expect(msg).toContain('"index.ts" is required and forbidden (by "*.ts")');
    expect(msg).toContain('axios may only be imported through src/net.ts here, but through src/http.ts by rules[3]');
  });

  it('a template file forbidden by the unit rule of the same folders', async () => {
    const msg = await refusal(
      'rules:\n  - { id: u, kind: unit, message: m, pattern: "src/{name}/", require: [index.ts], allow: ["*.ts"] }\n  - { id: t, kind: template, message: m, template: mod, pattern: "src/{name}/" }\n',
      { '.andon/templates/mod/index.ts': 'export {};\n', '.andon/templates/mod/README.md': '# {name}\n' },
    );
    expect(msg).toContain('template file README.md is forbidden in the same units by rule "u"');
  });

  it('a YAML alias bomb is refused', async () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 8; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)}]`);
    lines.push('rules: []');
    const msg = await refusal(lines.join('\n'));
    expect(msg).toMatch(/refused: .*alias/i);
  });

  it('a rules file missing, and a templates folder outside the workspace', async () => {
    const ws = await makeTempDir('andon-templates-bad-');
    await expect(loadRuleSet({ workspace: ws })).rejects.toThrow('templates rules file not found: .andon/templates.yml');
    await writeFiles(ws, { '.andon/templates.yml': 'rules:\n  - { id: t, kind: template, message: m, template: x, pattern: "src/{name}/" }\n' });
    await expect(loadRuleSet({ workspace: ws, templatesDir: '../elsewhere' })).rejects.toThrow('outside the workspace: refused');
  });
});
