import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprintAll, workspaceLineReader, type Fingerprintable, type LineReader } from '../../../src/core/fingerprint.js';
import { makeTempDir } from '../../helpers/stage-context.js';

const linesOf = (files: Record<string, string>): LineReader => async (p) => files[p]?.split('\n') ?? null;
const at = (path: string, startLine: number, ruleId = 'no-eval', message = 'eval is evil'): Fingerprintable => ({ ruleId, message, location: { path, startLine } });

describe('fingerprintAll', () => {
  const before = 'import x from "y";\n\nfunction f() {\n  eval(code);\n}\n';
  const after = 'import x from "y";\nimport z from "w";\n// new comment\n\n\nfunction f() {\n  eval(code);\n}\n';

  it('is stable when unrelated lines are inserted above', async () => {
    const [a] = await fingerprintAll([at('a.js', 4)], linesOf({ 'a.js': before }));
    const [b] = await fingerprintAll([at('a.js', 7)], linesOf({ 'a.js': after }));
    expect(a).toMatch(/^[0-9a-f]{16}:1$/);
    expect(b).toBe(a);
  });

  it('ignores whitespace-only edits of the flagged line', async () => {
    const [a] = await fingerprintAll([at('a.js', 4)], linesOf({ 'a.js': before }));
    const [b] = await fingerprintAll([at('a.js', 4)], linesOf({ 'a.js': before.replace('  eval(code);', '\teval( code );') }));
    expect(b).toBe(a);
  });

  it('changes when the flagged line changes, or the rule', async () => {
    const [a] = await fingerprintAll([at('a.js', 4)], linesOf({ 'a.js': before }));
    const [b] = await fingerprintAll([at('a.js', 4)], linesOf({ 'a.js': before.replace('eval(code)', 'eval(other)') }));
    const [c] = await fingerprintAll([at('a.js', 4, 'no-implied-eval')], linesOf({ 'a.js': before }));
    expect(b).not.toBe(a);
    expect(c).not.toBe(a);
  });

  it('numbers identical findings in one file by occurrence, and restarts per file', async () => {
    const text = 'eval(code);\neval(code);\n';
    // Same line text twice with the same neighbours is only possible with blank surroundings: use one line twice.
    const prints = await fingerprintAll([at('a.js', 1), at('a.js', 1), at('b.js', 1)], linesOf({ 'a.js': text, 'b.js': text }));
    expect(prints[0]!.split(':')[1]).toBe('1');
    expect(prints[1]!.split(':')[1]).toBe('2');
    expect(prints[1]!.split(':')[0]).toBe(prints[0]!.split(':')[0]);
    expect(prints[2]).toBe(prints[0]);
  });

  it('falls back to the message with numbers stripped when there is no line text', async () => {
    const [a] = await fingerprintAll([{ ruleId: 'r', message: 'too many lines (312)', location: { path: 'gone.js' } }], linesOf({}));
    const [b] = await fingerprintAll([{ ruleId: 'r', message: 'too many lines (340)', location: { path: 'gone.js' } }], linesOf({}));
    expect(b).toBe(a);
  });
});

describe('fingerprintAll line sources', () => {
  it('gives the same prints from a whole text (CRLF or LF) as from an array of lines', async () => {
    const text = 'a\n  b(x);\nc\nd\n';
    const items = [at('f.js', 1), at('f.js', 2), at('f.js', 4), at('f.js', 5)];
    const fromLines = await fingerprintAll(items, linesOf({ 'f.js': text }));
    const fromText = await fingerprintAll(items, async () => text);
    const fromCrlf = await fingerprintAll(items, async () => text.replace(/\n/g, '\r\n'));
    expect(fromText).toEqual(fromLines);
    expect(fromCrlf).toEqual(fromLines);
  });
});

describe('workspaceLineReader', () => {
  it('reads workspace files and refuses paths escaping it, also through a symlink', async () => {
    const root = await makeTempDir();
    const ws = path.join(root, 'ws');
    await mkdir(ws);
    await writeFile(path.join(ws, 'a.js'), 'one\ntwo\n');
    await writeFile(path.join(root, 'secret.txt'), 'secret\n');
    await symlink(path.join(root, 'secret.txt'), path.join(ws, 'link.txt'));
    await symlink(path.join(ws, 'a.js'), path.join(ws, 'inner-link.js'));
    await mkdir(path.join(root, 'outdir'));
    await writeFile(path.join(root, 'outdir', 'x.js'), 'outside\n');
    await symlink(path.join(root, 'outdir'), path.join(ws, 'dirlink'));
    const read = workspaceLineReader(ws);
    expect(await read('a.js')).toBe('one\ntwo\n');
    expect(await read('inner-link.js')).toBe('one\ntwo\n');
    expect(await read('../secret.txt')).toBeNull();
    expect(await read('link.txt')).toBeNull();
    expect(await read('dirlink/x.js')).toBeNull();
    expect(await read('missing.js')).toBeNull();
    expect(await read('.')).toBeNull();
    expect(await workspaceLineReader(ws, 4)('a.js')).toBeNull();
  });
});
