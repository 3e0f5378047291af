// The `naming` rule: file and folder names in one case, judged on the part of the name the language leaves free.
import path from 'node:path';
import picomatch from 'picomatch';
import { isInCase, nameToJudge } from './case-style.js';
import type { CheckSession } from './check-session.js';
import { globMatcher } from './glob-match.js';
import type { CompiledRule } from './rule-set.js';

type NamingRule = Extract<CompiledRule, { kind: 'naming' }>;

/** One name a naming rule judges along a file's path. */
export interface JudgedName {
  /** The file's base name, or one folder's name. */
  name: string;
  what: 'file' | 'folder';
  /** For a folder: its path from the workspace root, with a trailing slash. */
  folder?: string;
}

/** The names along one file's path that a naming rule judges: the file, and the folders below the glob's base. */
export function namingJudge(rule: NamingRule): (file: string) => JudgedName[] {
  const bases = rule.rule.files.map((g) => ({ match: globMatcher([g]), base: picomatch.scan(g).base }));
  return (file) => {
    const out: JudgedName[] = [];
    if (rule.rule.target !== 'folders') out.push({ name: path.posix.basename(file), what: 'file' });
    if (rule.rule.target !== 'files') {
      const base = bases.find((b) => b.match(file))?.base ?? '';
      const dirs = path.posix.dirname(file).split('/');
      const skip = base ? base.split('/').length : 0;
      for (let k = skip; k < dirs.length; k++) {
        const folder = `${dirs.slice(0, k + 1).join('/')}/`;
        if (folder !== './') out.push({ name: dirs[k]!, what: 'folder', folder });
      }
    }
    return out;
  };
}

/** Whether a name is in the rule's case, after the conventions its language fixes are taken off. */
export function nameConforms(name: string, what: 'file' | 'folder', rule: NamingRule): boolean {
  const judged = nameToJudge(name, what);
  return judged === null || isInCase(judged, rule.rule.case);
}

export function checkNaming(rule: NamingRule, s: CheckSession): void {
  const tl = s.tally(rule.id);
  const judge = namingJudge(rule);
  for (const f of s.targets) {
    if (!rule.scope(f)) continue;
    for (const n of judge(f)) {
      if (n.what === 'file') {
        tl.checked.add(f);
        if (!nameConforms(n.name, 'file', rule)) s.fail(rule, f, { path: f, message: `${rule.message}: "${n.name}" is not ${rule.rule.case} case` });
        continue;
      }
      if (tl.checked.has(n.folder!)) continue;
      tl.checked.add(n.folder!);
      if (!nameConforms(n.name, 'folder', rule)) s.fail(rule, n.folder!, { path: f, owners: [f], message: `${rule.message}: folder "${n.folder}" is not ${rule.rule.case} case` });
    }
  }
}
