// Turns a tool's path or URI into a workspace-relative path, refusing anything that escapes the workspace (also via symlink).
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { realPathOf } from '../../core/inside-path.js';

export type WorkspacePath = { ok: true; path: string } | { ok: false; reason: string };

function within(root: string, abs: string): string | null {
  const rel = path.relative(root, abs);
  if (rel === '' || rel.startsWith('..' + path.sep) || rel === '..' || path.isAbsolute(rel)) return null;
  return rel.split(path.sep).join('/');
}

function realOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/** Resolves what a tool reported (absolute, relative to `base`, or a file:// URI) against the workspace. */
export function toWorkspacePath(workspace: string, reported: string, base: string = workspace, label: string = reported): WorkspacePath {
  let abs: string;
  try {
    abs = reported.startsWith('file:') ? fileURLToPath(reported) : path.resolve(base, reported);
  } catch (err) {
    return { ok: false, reason: `path ${JSON.stringify(reported)} is not a usable file path (${(err as Error).message})` };
  }
  const root = path.resolve(workspace);
  const lexical = within(root, abs) ?? within(realOrSelf(root), abs);
  if (lexical === null) return { ok: false, reason: `path ${JSON.stringify(label)} is outside the workspace` };
  const real = realPathOf(abs);
  if (within(realOrSelf(root), real) === null) {
    return { ok: false, reason: `path ${JSON.stringify(label)} leads outside the workspace through a symlink` };
  }
  return { ok: true, path: lexical };
}

/**
 * A tool's message with the workspace's absolute path written relative to it (`'/ws/src/a.ts'` → `'src/a.ts'`,
 * `'/ws'` → `'.'`), so the same finding reads, and fingerprints, alike in any checkout of the workspace.
 */
export function relativeMessage(workspace: string, message: string): string {
  return messagesRelativeTo(workspace)(message);
}

/** relativeMessage for many messages of one workspace: its real path is looked up and its patterns made once. */
export function messagesRelativeTo(workspace: string): (message: string) => string {
  const roots = [...new Set([path.resolve(workspace), realOrSelf(path.resolve(workspace))].map((r) => r.split(path.sep).join('/')))]
    .filter((r) => r !== '/')
    .sort((a, b) => b.length - a.length)
    .map((root) => {
      const at = root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return { root, inside: new RegExp(`${at}/`, 'g'), itself: new RegExp(`${at}(?![\\w.@+-])`, 'g') };
    });
  return (message) => {
    let out = message;
    for (const r of roots) if (out.includes(r.root)) out = out.replace(r.inside, '').replace(r.itself, '.');
    return out;
  };
}

/** A user-given glob or path must stay inside the workspace: no absolute paths, no `..` segments. */
export function checkPattern(pattern: string): string | null {
  const p = pattern.replace(/^!/, '');
  if (path.isAbsolute(p) || /^[A-Za-z]:[\\/]/.test(p)) return `pattern ${JSON.stringify(pattern)} is absolute; give it relative to the workspace`;
  if (p.split(/[\\/]/).includes('..')) return `pattern ${JSON.stringify(pattern)} contains ".." and could reach outside the workspace`;
  return null;
}
