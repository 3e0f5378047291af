// Files Andon reads back from what it downloaded (artifact zips, cache entries restored from tar): a plain file of
// the folder it came in, never through a link, never a FIFO or a device, capped, and parsed with its schema.
import type { z } from 'zod';
import { describeRefusal } from '../core/guarded-read.js';
import { readStageFolderFile } from '../core/stage-folder.js';

/** Far more than a record piece, a cache entry or a baseline note needs. */
export const MAX_DOWNLOADED_JSON_BYTES = 64 * 1024 * 1024;

export type DownloadedJson<T> = { ok: true; value: T } | { ok: false; missing: boolean; why: string };

/** `<dir>/<name>` as JSON of a schema; why not, in words, otherwise. */
export function readDownloadedJson<T>(dir: string, name: string, schema: z.ZodType<T>, maxBytes = MAX_DOWNLOADED_JSON_BYTES): DownloadedJson<T> {
  const read = readStageFolderFile(dir, name, { maxBytes });
  if (read.kind !== 'ok') return { ok: false, missing: read.kind === 'missing', why: `${name} ${describeRefusal(read)}` };
  let json: unknown;
  try {
    json = JSON.parse(read.bytes.toString('utf8'));
  } catch (e) {
    return { ok: false, missing: false, why: `${name} is not JSON (${(e as Error).message})` };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, missing: false, why: `${name}: ${issue ? `${issue.path.join('.') || 'document'}: ${issue.message}` : 'invalid'}` };
}
