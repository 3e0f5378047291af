// Reads an input report with a size cap checked before any byte is read, so a huge file is refused, not loaded.
import { open } from 'node:fs/promises';

export const DEFAULT_MAX_REPORT_BYTES = 128 * 1024 * 1024;

export type BoundedRead = { ok: true; text: string } | { ok: false; reason: string };

function mb(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(n < 1024 * 1024 ? 3 : 1)} MB`;
}

/** `label` names the file in messages (workspace-relative). */
export async function readBounded(absPath: string, label: string, maxBytes: number): Promise<BoundedRead> {
  let handle;
  try {
    handle = await open(absPath, 'r');
  } catch (err) {
    return { ok: false, reason: `${label}: cannot be opened (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` };
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) return { ok: false, reason: `${label}: not a regular file` };
    if (st.size > maxBytes) {
      return { ok: false, reason: `${label}: ${mb(st.size)} is over the ${mb(maxBytes)} cap for one report (raise maxReportBytes to read it)` };
    }
    // Read through the handle with a cap, since the file may grow between stat and read.
    const buf = Buffer.allocUnsafe(st.size);
    let filled = 0;
    while (filled < st.size) {
      const { bytesRead } = await handle.read(buf, filled, st.size - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return { ok: true, text: buf.subarray(0, filled).toString('utf8').replace(/^\uFEFF/, '') };
  } finally {
    await handle.close();
  }
}
