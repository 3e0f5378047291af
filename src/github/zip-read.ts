// Reads the zip of an artifact downloaded through REST: stored and deflated entries, with limits, and no path leaving the folder.
import { mkdir, realpath, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';

export interface ZipLimits {
  maxEntries: number;
  /** Total uncompressed bytes, so a zip bomb is refused rather than inflated. */
  maxBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 10_000, maxBytes: 1024 * 1024 * 1024 };

export interface ZipEntry {
  name: string;
  data: Buffer;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function fail(why: string): never {
  throw new Error(`not a zip Andon can read: ${why}`);
}

/** A relative path with no `..`, no root, no drive and no backslash. */
export function safeEntryName(name: string): boolean {
  if (!name || name.startsWith('/') || name.includes('\\') || /^[A-Za-z]:/.test(name) || name.includes('\0')) return false;
  return name.split('/').every((seg) => seg !== '..');
}

export function readZip(buf: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntry[] {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) fail('no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) fail('zip64 is not supported');
  if (count > limits.maxEntries) fail(`${count} entries, over the limit of ${limits.maxEntries}`);
  const out: ZipEntry[] = [];
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) fail('broken central directory');
    const method = buf.readUInt16LE(p + 10);
    const compSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const mode = buf.readUInt32LE(p + 38) >>> 16;
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith('/')) continue;
    if (!safeEntryName(name)) fail(`entry ${JSON.stringify(name)} would leave the folder`);
    if ((mode & 0o170000) === 0o120000) fail(`entry ${JSON.stringify(name)} is a symbolic link`);
    total += size;
    if (total > limits.maxBytes) fail(`more than ${limits.maxBytes} bytes uncompressed`);
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL) fail(`broken local header of ${name}`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + compSize);
    if (raw.length !== compSize) fail(`${name} is cut short`);
    let data: Buffer;
    if (method === 0) data = Buffer.from(raw);
    else if (method === 8) data = inflateRawSync(raw, { maxOutputLength: Math.max(size, 1) });
    else fail(`${name} uses compression method ${method}`);
    if (data.length !== size) fail(`${name} inflates to ${data.length} bytes, not ${size}`);
    out.push({ name, data });
  }
  return out;
}

/**
 * Writes the entries under `dest`, each checked to stay inside it: never through a link already in the folder (a
 * folder on the way that resolves elsewhere is refused), never over a file or a link that is there (two entries of
 * one name included). Bytes written are only ever read back through the guarded reader.
 */
export async function extractZip(buf: Buffer, dest: string, limits?: ZipLimits): Promise<string[]> {
  const root = path.resolve(dest);
  await mkdir(root, { recursive: true });
  const realRoot = await realpath(root);
  const written: string[] = [];
  for (const e of readZip(buf, limits)) {
    const file = path.resolve(root, e.name);
    if (!file.startsWith(root + path.sep)) fail(`entry ${JSON.stringify(e.name)} would leave the folder`);
    const dir = path.dirname(file);
    await mkdir(dir, { recursive: true });
    if ((await realpath(dir)) !== path.join(realRoot, path.relative(root, dir))) fail(`entry ${JSON.stringify(e.name)} would be written through a symlink`);
    try {
      // O_CREAT | O_EXCL: an existing file or link (even a dangling one) is never written through or over.
      await writeFile(file, e.data, { flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') fail(`entry ${JSON.stringify(e.name)} is already there (named twice, or a file or link of the folder)`);
      throw err;
    }
    written.push(e.name);
  }
  return written;
}
