// The REST artifact zips are read without the artifact client: real zips made by the system's zip tools, and hostile ones refused.
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractZip, readZip, safeEntryName } from '../../../src/github/zip-read.js';
import { makeTempDir } from '../../helpers/stage-context.js';
import { zipOf } from '../../helpers/zip-writer.js';

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
