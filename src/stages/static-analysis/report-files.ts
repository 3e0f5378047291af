// Finds the report files a source names by glob, inside the workspace only, and reads each with the size cap.
import path from 'node:path';
import { glob } from 'tinyglobby';
import { readBounded } from './bounded-read.js';
import { checkPattern, toWorkspacePath } from './workspace-path.js';

export type ReportFile = { path: string; text: string };

export async function readReports(
  kind: string,
  patterns: readonly string[],
  workspace: string,
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
    const read = await readBounded(path.join(workspace, rel), wp.path, maxBytes);
    if (!read.ok) return { ok: false, reason: `${kind}: ${read.reason}` };
    files.push({ path: wp.path, text: read.text });
  }
  return { ok: true, files };
}
