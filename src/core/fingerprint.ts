// Finding fingerprints that survive unrelated edits and line moves: rule + whitespace-free text of the
// flagged line and its neighbours + occurrence index, in the spirit of code scanning's primaryLocationLineHash.
import { createHash } from 'node:crypto';
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';

export interface Fingerprintable {
  ruleId: string;
  message: string;
  location?: { path: string; startLine?: number } | undefined;
}

const NEIGHBOURS = 1;

function normalise(line: string | undefined): string {
  return (line ?? '').replace(/\s+/g, '');
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** Message with volatile parts (numbers, quoted line refs) removed, for findings that have no line text. */
function stableMessage(message: string): string {
  return message.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
}

export type LineReader = (relPath: string) => Promise<string[] | null>;

/** Reads workspace files once each, refusing paths that escape the workspace, also through a symlink. */
export function workspaceLineReader(workspace: string, maxBytes = 16 * 1024 * 1024): LineReader {
  const cache = new Map<string, Promise<string[] | null>>();
  const root = path.resolve(workspace);
  const inside = (r: string, abs: string) => abs !== r && abs.startsWith(r + path.sep);
  let realRoot: Promise<string> | undefined;
  const read = async (abs: string): Promise<string[] | null> => {
    if (!inside(root, abs)) return null;
    try {
      const real = await realpath(abs);
      if (!inside(await (realRoot ??= realpath(root).catch(() => root)), real)) return null;
      const b = await readFile(real);
      return b.length > maxBytes ? null : b.toString('utf8').split(/\r?\n/);
    } catch {
      return null;
    }
  };
  return (rel) => {
    let hit = cache.get(rel);
    if (!hit) {
      hit = read(path.resolve(root, rel));
      cache.set(rel, hit);
    }
    return hit;
  };
}

/** Fingerprints in the same order as the items: `<16 hex>:<occurrence>`. */
export async function fingerprintAll(items: readonly Fingerprintable[], readLines: LineReader): Promise<string[]> {
  const seen = new Map<string, number>();
  const out: string[] = [];
  for (const item of items) {
    const loc = item.location;
    let body: string;
    if (loc?.startLine !== undefined) {
      const lines = await readLines(loc.path);
      if (lines) {
        const i = loc.startLine - 1;
        const parts: string[] = [];
        for (let k = i - NEIGHBOURS; k <= i + NEIGHBOURS; k++) parts.push(normalise(lines[k]));
        body = `${item.ruleId}\0${parts.join('\n')}`;
      } else {
        body = `${item.ruleId}\0${stableMessage(item.message)}`;
      }
    } else {
      body = `${item.ruleId}\0${stableMessage(item.message)}`;
    }
    const hash = digest(body);
    const key = `${loc?.path ?? ''}\0${hash}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    out.push(`${hash}:${n + 1}`);
  }
  return out;
}
