// `andon new <kind> <name>`: a new unit from the template folder, with its placeholders bound; never overwrites.
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { didYouMean } from '../../core/did-you-mean.js';
import { UserError } from '../../core/errors.js';
import { loadRuleSet, type RulesSource } from './load-rules.js';
import { render } from './placeholders.js';
import { folderFor } from './unit-pattern.js';
import { resolveInside } from './workspace-files.js';

export interface ScaffoldOptions extends Omit<RulesSource, 'workspace'> {
  /** Values of other placeholders the unit pattern binds, e.g. { area: 'billing' } for `src/{area}/{name}/`. */
  bindings?: Record<string, string>;
  /** Say what would be written without writing. */
  dryRun?: boolean;
}

export interface ScaffoldResult {
  /** The new unit folder, relative to the workspace, with a trailing slash. */
  folder: string;
  /** Files written (or that would be), relative to the workspace. */
  files: string[];
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export async function scaffoldUnit(workspace: string, kind: string, name: string, o: ScaffoldOptions = {}): Promise<ScaffoldResult> {
  const binding: Record<string, string> = { ...o.bindings, name };
  for (const [k, v] of Object.entries(binding)) {
    if (!NAME.test(v) || v.includes('..')) throw new UserError(`andon new: {${k}} = "${v}" is not a valid name (letters, digits, ".", "_", "-"; no slashes)`);
  }
  const loaded = await loadRuleSet({ ...o, workspace });
  const templates = loaded.set.rules.filter((r) => r.kind === 'template');
  const rule = templates.find((r) => r.rule.template === kind);
  if (!rule || rule.kind !== 'template') {
    const kinds = templates.map((r) => (r.kind === 'template' ? r.rule.template : ''));
    throw new UserError(`andon new: no template rule for kind "${kind}"${didYouMean(kind, kinds)}; ${kinds.length ? `kinds: ${kinds.join(', ')}` : `add a rule { kind: template, template: ${kind}, pattern: ... } to ${loaded.origin}`}`);
  }
  const missing = rule.pattern.names.filter((n) => binding[n] === undefined);
  if (missing.length) throw new UserError(`andon new: the pattern ${rule.rule.pattern} also binds ${missing.map((m) => `{${m}}`).join(', ')}; give ${missing.length > 1 ? 'them' : 'it'} a value`);
  const folder = folderFor(rule.pattern, binding);
  const planned = rule.files.map((f) => ({ rel: folder + render(f.path, binding), text: render(f.text, binding) }));
  const existing: string[] = [];
  const abs: string[] = [];
  for (const p of planned) {
    const a = await resolveInside(workspace, p.rel, 'new file');
    abs.push(a);
    if (await stat(a).then(() => true, () => false)) existing.push(p.rel);
  }
  if (existing.length) throw new UserError(`andon new: ${existing.join(', ')} already exist${existing.length > 1 ? '' : 's'}; nothing was written`);
  if (!o.dryRun) {
    for (const [i, p] of planned.entries()) {
      await mkdir(path.dirname(abs[i]!), { recursive: true });
      await writeFile(abs[i]!, p.text, { flag: 'wx' });
    }
  }
  return { folder, files: planned.map((p) => p.rel) };
}
