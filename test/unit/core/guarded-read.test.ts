import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeRefusal, readGuarded } from '../../../src/core/guarded-read.js';
import { resolveInside } from '../../../src/core/inside-path.js';
import { decodeUtf8Strict, firstInvalidUtf8 } from '../../../src/core/strict-utf8.js';
import { makeTempDir } from '../../helpers/stage-context.js';

const mkfifo = (p: string) => execFileSync('mkfifo', [p]);

describe('the guarded reader', () => {
  it('reads a regular file, and a link whose target stays inside the folder', async () => {
    const ws = await makeTempDir();
    await writeFile(path.join(ws, 'a.txt'), 'hello');
    await symlink('a.txt', path.join(ws, 'link.txt'));
    for (const f of ['a.txt', 'link.txt']) {
      const r = readGuarded(path.join(ws, f), { maxBytes: 100, within: ws });
      expect(r).toMatchObject({ kind: 'ok' });
      expect(r.kind === 'ok' && r.bytes.toString()).toBe('hello');
    }
  });

  it('refuses a FIFO without blocking, a device, a directory and a socket by their type', async () => {
    const ws = await makeTempDir();
    mkfifo(path.join(ws, 'fifo.xml'));
    await mkdir(path.join(ws, 'dir'));
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(path.join(ws, 'sock'), resolve));
    try {
      // No writer ever opens the FIFO: a blocking open would never return.
      expect(readGuarded(path.join(ws, 'fifo.xml'), { maxBytes: 100 })).toEqual({ kind: 'not-a-file', type: 'FIFO' });
      expect(readGuarded('/dev/zero', { maxBytes: 100 })).toEqual({ kind: 'not-a-file', type: 'character device' });
      expect(readGuarded(path.join(ws, 'dir'), { maxBytes: 100 })).toEqual({ kind: 'not-a-file', type: 'directory' });
      expect(readGuarded(path.join(ws, 'sock'), { maxBytes: 100 })).toEqual({ kind: 'not-a-file', type: 'socket' });
    } finally {
      server.close();
    }
  });

  it('refuses links leading outside the folder (to /dev/zero, to /etc) and, when asked, every link', async () => {
    const ws = await makeTempDir();
    await symlink('/dev/zero', path.join(ws, 'zero.xml'));
    await symlink('/etc', path.join(ws, 'etc'));
    await writeFile(path.join(ws, 'plain'), 'x');
    await symlink('plain', path.join(ws, 'inside-link'));
    expect(readGuarded(path.join(ws, 'zero.xml'), { maxBytes: 100, within: ws })).toEqual({ kind: 'outside', target: '/dev/zero' });
    expect(readGuarded(path.join(ws, 'etc/hostname'), { maxBytes: 1e6, within: ws }).kind).toBe('outside');
    expect(readGuarded(path.join(ws, 'inside-link'), { maxBytes: 100, links: 'refuse' })).toEqual({ kind: 'link' });
    // Without a folder to stay in, a link to a device is still refused by the device's type.
    expect(readGuarded(path.join(ws, 'zero.xml'), { maxBytes: 100 })).toEqual({ kind: 'not-a-file', type: 'character device' });
  });

  it('refuses a file over the cap before reading it, and says so in one line', async () => {
    const ws = await makeTempDir();
    await writeFile(path.join(ws, 'big'), 'x'.repeat(2048));
    const r = readGuarded(path.join(ws, 'big'), { maxBytes: 1024 });
    expect(r).toEqual({ kind: 'too-large', size: 2048, max: 1024 });
    expect(r.kind !== 'ok' && `big ${describeRefusal(r)}`).toBe('big is 2.0 KiB, over the 1.0 KiB limit; not read');
    expect(readGuarded(path.join(ws, 'nope'), { maxBytes: 1 })).toEqual({ kind: 'missing' });
  });
});

describe('paths kept inside a folder', () => {
  it('refuses a folder that is a symlink to /etc, and `..`, and accepts the folder itself when asked', async () => {
    const ws = await makeTempDir();
    await symlink('/etc', path.join(ws, 'etc-link'));
    await mkdir(path.join(ws, 'sub'));
    expect(resolveInside(ws, 'etc-link')).toMatchObject({ ok: false, reason: expect.stringContaining('through a symlink') });
    expect(resolveInside(ws, 'etc-link/new/deeper')).toMatchObject({ ok: false });
    expect(resolveInside(ws, '../x')).toMatchObject({ ok: false, reason: '"../x" is outside the workspace' });
    expect(resolveInside(ws, 'sub')).toEqual({ ok: true, abs: path.join(ws, 'sub') });
    expect(resolveInside(ws, 'not/made/yet')).toEqual({ ok: true, abs: path.join(ws, 'not/made/yet') });
    expect(resolveInside(ws, '.').ok).toBe(false);
    expect(resolveInside(ws, '.', { allowRoot: true }).ok).toBe(true);
  });
});

describe('strict UTF-8', () => {
  it('decodes valid text and drops a byte order mark', () => {
    expect(decodeUtf8Strict(Buffer.from('\uFEFFhé ✓ 𝄞'))).toEqual({ ok: true, text: 'hé ✓ 𝄞' });
  });

  it('refuses an invalid byte with its line and column, where a lenient decoder would write U+FFFD', () => {
    const bytes = Buffer.concat([Buffer.from('line one\nrun: [ech'), Buffer.from([0xff]), Buffer.from(']\n')]);
    expect(bytes.toString('utf8')).toContain('\uFFFD');
    expect(decodeUtf8Strict(bytes)).toEqual({ ok: false, offset: 18, line: 2, column: 10, byte: 0xff });
    // Columns count characters, not bytes.
    expect(decodeUtf8Strict(Buffer.concat([Buffer.from('éé'), Buffer.from([0xc3])]))).toMatchObject({ line: 1, column: 3 });
  });

  it('agrees with a fatal TextDecoder on overlongs, surrogates, truncations and values above U+10FFFF', () => {
    const cases = [[0xc0, 0x80], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0x80], [0xf8], [0x61, 0xe2, 0x82, 0xac]];
    for (const c of cases) {
      const bytes = Uint8Array.from(c);
      let valid = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        valid = false;
      }
      expect(firstInvalidUtf8(bytes) === -1, String(c)).toBe(valid);
    }
  });
});
