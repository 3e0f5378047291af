// Change linkage: code changed under the configured paths with no spec or change file changed is work that bypassed the spec.
import picomatch from 'picomatch';
import { changedFiles, type ChangeSet } from '../../core/diff.js';
import type { DraftFinding } from './model.js';

export interface LinkageResult {
  checked: boolean;
  note?: string;
  codeChanged: string[];
  specChanged: string[];
  finding?: DraftFinding;
}

const GLOB_CHARS = /[*?[\]{}!]/;

/** A configured spec path as a glob: a folder means everything under it. */
export function asGlob(p: string): string {
  const clean = p.replace(/^\.\//, '').replace(/\/+$/, '');
  return GLOB_CHARS.test(clean) ? clean : `${clean}/**`;
}

export function checkChangeLinkage(changes: ChangeSet, codeGlobs: readonly string[], specGlobs: readonly string[], level: 'note' | 'warning' | 'error'): LinkageResult {
  if (changes.base === null) return { checked: false, note: changes.note ?? 'no base commit known: change linkage not checked', codeChanged: [], specChanged: [] };
  const isCode = picomatch(codeGlobs.map((g) => g.replace(/^\.\//, '')), { dot: true });
  const isSpec = picomatch(specGlobs.map(asGlob), { dot: true });
  // A deleted spec file is a spec change too: the spec moved with the code.
  const all = [...changes.files.keys()].sort();
  const specChanged = all.filter((f) => isSpec(f));
  const codeChanged = changedFiles(changes).filter((f) => isCode(f) && !isSpec(f));
  const result: LinkageResult = { checked: true, codeChanged, specChanged };
  if (codeChanged.length > 0 && specChanged.length === 0) {
    const shown = codeChanged.slice(0, 5).join(', ');
    result.finding = {
      ruleId: 'spec/change-without-spec',
      level,
      message: `${codeChanged.length} changed file(s) under ${codeGlobs.join(', ')} with no spec or change file changed: ${shown}${codeChanged.length > 5 ? ', ...' : ''}`,
      place: { path: codeChanged[0]!, line: 1 },
    };
  }
  return result;
}
