// The REST artifact zips are read without the artifact client: real zips made by the system's zip tools, and hostile ones refused.
import { execFileSync } from 'node:child_process';
import { deflateRawSync } from 'node:zlib';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractZip, readZip, safeEntryName } from '../../../src/github/zip-read.js';
import { makeTempDir } from '../../helpers/stage-context.js';

/** A minimal zip writer for hostile cases the zip tools would not make. */
function zipOf(entries: { name: string; data: Buffer; method?: 0 | 8; mode?: number; claimSize?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const body = e.method === 0 ? e.data : deflateRawSync(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(e.method ?? 8, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(e.claimSize ?? e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(e.method ?? 8, 10);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(e.claimSize ?? e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((e.mode ?? 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

describe('readZip', () => {
  it('reads a zip made by python\'s zipfile (deflated and stored entries, nested folders)', async () => {
    const dir = await makeTempDir('andon-zip-');
    await mkdir(path.join(dir, 'src', 'unit'), { recursive: true });
    await writeFile(path.join(dir, 'src', 'unit', 'result.json'), '{"x":1}'.repeat(1000));
    await writeFile(path.join(dir, 'src', 'run.json'), '{}');
    const zip = path.join(dir, 'a.zip');
    execFileSync('python3', ['-c', `import zipfile,sys
z=zipfile.ZipFile(sys.argv[1],'w')
z.write(sys.argv[2]+'/unit/result.json','unit/result.json',zipfile.ZIP_DEFLATED)
z.write(sys.argv[2]+'/run.json','run.json',zipfile.ZIP_STORED)
z.close()`, zip, path.join(dir, 'src')]);
    const out = await makeTempDir('andon-zip-out-');
    expect((await extractZip(await readFile(zip), out)).sort()).toEqual(['run.json', 'unit/result.json']);
    expect(await readFile(path.join(out, 'unit', 'result.json'), 'utf8')).toBe('{"x":1}'.repeat(1000));
  });

  it('refuses entries that leave the folder, symbolic links, and bombs past the size limit', () => {
    expect(() => readZip(zipOf([{ name: '../evil.sh', data: Buffer.from('x') }]))).toThrow(/would leave the folder/);
    expect(() => readZip(zipOf([{ name: '/etc/passwd', data: Buffer.from('x') }]))).toThrow(/would leave the folder/);
    expect(() => readZip(zipOf([{ name: 'link', data: Buffer.from('/etc'), mode: 0o120777 }]))).toThrow(/symbolic link/);
    expect(() => readZip(zipOf([{ name: 'big', data: Buffer.alloc(2_000_000) }]), { maxEntries: 10, maxBytes: 1_000_000 })).toThrow(/more than 1000000 bytes/);
    // A size that lies is caught when inflating stops at the claimed size.
    expect(() => readZip(zipOf([{ name: 'liar', data: Buffer.alloc(5000), claimSize: 10 }]))).toThrow();
    expect(() => readZip(Buffer.from('not a zip at all, just text'))).toThrow(/no end of central directory/);
    expect(safeEntryName('a/b/c.txt')).toBe(true);
    expect(safeEntryName('a\\..\\b')).toBe(false);
  });
});
