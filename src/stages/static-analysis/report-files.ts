// Finds the report files a source names by glob, inside the workspace only, and reads each through the stage's
// reader (the guarded reader, recorded against the inputs digest): a regular file under the size cap, strict UTF-8,
// never a device, a FIFO or a link leading outside.
import { glob } from 'tinyglobby';
import { describeRefusal } from '../../core/guarded-read.js';
import type { StageReads } from '../../core/stage-kind.js';
import { decodeUtf8Strict } from '../../core/strict-utf8.js';
import { checkPattern, toWorkspacePath } from './workspace-path.js';

export type ReportFile = { path: string; text: string };

function mb(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(n < 1024 * 1024 ? 3 : 1)} MB`;
}

/** One report's text, or why it is not read (a sentence naming the file). */
function readReport(reads: StageReads, rel: string, maxBytes: number): { ok: true; text: string } | { ok: false; reason: string } {
  const read = reads.read(rel, { maxBytes });
  if (read.kind === 'too-large') {
    return { ok: false, reason: `${rel}: ${mb(read.size)} is over the ${mb(maxBytes)} cap for one report (raise maxReportBytes to read it)` };
  }
  if (read.kind !== 'ok') return { ok: false, reason: `${rel} ${describeRefusal(read)}` };
  const text = decodeUtf8Strict(read.bytes);
  if (!text.ok) return { ok: false, reason: `${rel}:${text.line}:${text.column}: not valid UTF-8 (byte 0x${text.byte.toString(16).padStart(2, '0')}); a report must be UTF-8 text` };
  return { ok: true, text: text.text };
}

export async function readReports(
  kind: string,
  patterns: readonly string[],
  workspace: string,
  reads: StageReads,
  maxBytes: number,
): Promise<{ ok: true; files: ReportFile[] } | { ok: false; reason: string }> {
  for (const p of patterns) {
    const bad = checkPattern(p);
    if (bad) return { ok: false, reason: `${kind}: ${bad}` };
  }
  const matched = (await glob([...patterns], { cwd: workspace, onlyFiles: true, dot: true, expandDirectories: false, ignore: ['**/node_modules/**', '**/.git/**'] })).sort();
  const files: ReportFile[] = [];
  for (const rel of matched) {
    const wp = toWorkspacePath(workspace, rel);
    if (!wp.ok) return { ok: false, reason: `${kind}: ${wp.reason}; refusing to read it` };
    const read = readReport(reads, wp.path, maxBytes);
    if (!read.ok) return { ok: false, reason: `${kind}: ${read.reason}` };
    files.push({ path: wp.path, text: read.text });
  }
  return { ok: true, files };
}
