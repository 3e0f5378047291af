import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configJsonSchema, loadConfig, MAX_CONFIG_BYTES, parseConfig } from '../../../src/core/config.js';
import { UserError } from '../../../src/core/errors.js';
import { defaultRegistry } from '../../../src/stages/index.js';
import { runCli } from '../../helpers/cli.js';

const registry = defaultRegistry();

function errorOf(text: string): string {
  try {
    parseConfig(text, 'andon.yml', registry);
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message;
  }
  throw new Error('expected the config to be refused');
}

describe('andon.yml', () => {
  it('parses a valid line with defaults applied', () => {
    const cfg = parseConfig(
      'version: 1\nline:\n  - id: lint\n    uses: command\n    with: { run: [echo, hi] }\n  - id: unit\n    uses: command\n    blocking: false\n    with: { run: "npm test", inputs: ["src/**"] }\n',
      'andon.yml',
      registry,
    );
    expect(cfg.line.map((s) => [s.id, s.blocking])).toEqual([
      ['lint', true],
      ['unit', false],
    ]);
    expect(cfg.line[0]!.options).toEqual({ run: ['echo', 'hi'], inputs: [], env: {} });
    expect(cfg.store.path).toBe('.andon/runs');
    expect(cfg.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('names file:line:col of an unknown key and suggests the nearest valid one', () => {
    const msg = errorOf('version: 1\nline:\n  - id: lint\n    uses: command\n    blockng: true\n    with: { run: [echo] }\n');
    expect(msg).toContain('andon.yml:5:5');
    expect(msg).toContain('unknown key "blockng"');
    expect(msg).toContain('did you mean "blocking"');
  });

  it('checks stage options with the kind schema and points into with:', () => {
    const msg = errorOf('version: 1\nline:\n  - id: lint\n    uses: command\n    with:\n      runn: [echo]\n');
    expect(msg).toContain('andon.yml:6:7');
    expect(msg).toContain('did you mean "run"');
    expect(msg).toContain('stage kind "command"');
  });

  it('refuses duplicate stage ids at the second one', () => {
    const msg = errorOf('version: 1\nline:\n  - id: a\n    uses: command\n    with: { run: [x] }\n  - id: a\n    uses: command\n    with: { run: [y] }\n');
    expect(msg).toContain('andon.yml:6:9');
    expect(msg).toContain('duplicate stage id "a"');
  });

  it('refuses an unknown stage kind with a suggestion', () => {
    const msg = errorOf('version: 1\nline:\n  - id: a\n    uses: comand\n    with: { run: [x] }\n');
    expect(msg).toContain('andon.yml:4:11');
    expect(msg).toContain('unknown stage kind "comand"');
    expect(msg).toContain('did you mean "command"');
  });

  it('refuses a bad stage id and a wrong version with their positions', () => {
    expect(errorOf('version: 1\nline:\n  - id: Bad_Id\n    uses: command\n    with: { run: [x] }\n')).toMatch(/andon\.yml:3:9: line\[0\]\.id: a stage id is lower-case/);
    expect(errorOf('version: 2\nline:\n  - id: a\n    uses: command\n    with: { run: [x] }\n')).toContain('andon.yml:1:10');
  });

  it('reports YAML syntax errors at their position', () => {
    expect(errorOf('version: 1\nline:\n  - id: a\n   uses: [\n')).toMatch(/andon\.yml:\d+:\d+: invalid YAML/);
  });

  it('refuses a YAML alias bomb', () => {
    const bomb = ['version: 1', 'a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill('*' + String.fromCharCode(97 + i)).join(',')}]`);
    const msg = errorOf(bomb.join('\n') + '\n');
    expect(msg).toMatch(/alias/i);
    expect(msg).toMatch(/refused/);
  });

  it('refuses a config file over the size cap', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'andon-cfg-'));
    await writeFile(path.join(dir, 'andon.yml'), 'version: 1\n#' + 'x'.repeat(MAX_CONFIG_BYTES) + '\n');
    await expect(loadConfig(dir, undefined, registry)).rejects.toThrow(/the limit is 1048576 bytes/);
  });

  it('says where it looked when there is no config', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'andon-cfg-'));
    await expect(loadConfig(dir, undefined, registry)).rejects.toThrow(/config file not found/);
  });

  it('generates a JSON Schema whose stages are typed by kind', () => {
    const schema = JSON.stringify(configJsonSchema(registry));
    expect(schema).toContain('"command"');
    expect(schema).toContain('timeoutSeconds');
    expect(schema).toContain('"additionalProperties":false');
  });

  it('exits 2 with the message on the command line', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'andon-cfg-'));
    await writeFile(path.join(dir, 'andon.yml'), 'version: 1\nline:\n  - id: a\n    uses: nope\n');
    const r = await runCli(['validate-config'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('andon.yml:4:11: unknown stage kind "nope"');
    const run = await runCli(['run'], dir);
    expect(run.code).toBe(2);
  });

  it.each([
    ['a duplicate stage id', 'version: 1\nline:\n  - id: a\n    uses: command\n    with: { run: [x] }\n  - id: a\n    uses: command\n    with: { run: [y] }\n', 'andon.yml:6:9: duplicate stage id "a"'],
    ['an unknown key', 'version: 1\nlines: []\n', 'andon.yml:2:1: unknown key "lines" (did you mean "line"?)'],
    ['a YAML alias bomb', `version: 1\na: &a [x,x,x,x,x,x,x,x]\n${Array.from({ length: 7 }, (_, i) => `${'bcdefgh'[i]}: &${'bcdefgh'[i]} [${Array(8).fill('*' + 'abcdefgh'[i]).join(',')}]`).join('\n')}\nline: []\n`, 'YAML aliases; more than 50 are refused'],
    ['a file over the size cap', `version: 1\n# ${'x'.repeat(MAX_CONFIG_BYTES)}\n`, 'the limit is 1048576 bytes'],
  ])('refuses %s on the command line with exit code 2', async (_what, text, message) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'andon-cfg-'));
    await writeFile(path.join(dir, 'andon.yml'), text);
    for (const args of [['validate-config'], ['run']]) {
      const r = await runCli(args, dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stdout).toBe('');
    }
  });
});
