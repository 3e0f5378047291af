// `andon new <kind> <name>`: a new unit from the template folder, with its placeholders bound in the case the
// naming rules want for the names they make; never overwrites.
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { didYouMean } from '../../core/did-you-mean.js';
import { UserError } from '../../core/errors.js';
import { nameConforms, namingJudge } from './check-naming.js';
import { loadRuleSet, type RulesSource } from './load-rules.js';
import { inCase, placeholdersIn, render, type Binding } from './placeholders.js';
import type { CompiledRule } from './rule-set.js';
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
  /** Placeholder values put in the case a naming rule wants for the names they make, e.g. NuShell → nu-shell. */
  renamed?: { placeholder: string; from: string; to: string; rule: string; case: string }[];
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
  const naming = loaded.set.rules.filter((r): r is Extract<CompiledRule, { kind: 'naming' }> => r.kind === 'naming');
  const fitted = fitNames(rule.rule.pattern, rule.files.map((f) => f.path), binding, naming);
  const bound = fitted.binding;
  const folder = folderFor(rule.pattern, bound);
  const planned = rule.files.map((f) => ({ rel: folder + render(f.path, bound), text: render(f.text, bound) }));
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
  return { folder, files: planned.map((p) => p.rel), ...(fitted.renamed.length ? { renamed: fitted.renamed } : {}) };
}

type NamingRule = Extract<CompiledRule, { kind: 'naming' }>;

/** The names a naming rule finds out of case among the paths a binding makes: each with the segment it sits in. */
function misses(templates: readonly string[], binding: Binding, naming: readonly NamingRule[]): { rule: NamingRule; template: string; name: string }[] {
  const out: { rule: NamingRule; template: string; name: string }[] = [];
  for (const t of templates) {
    const segments = t.split('/');
    const made = render(t, binding);
    for (const rule of naming) {
      if (!rule.scope(made)) continue;
      for (const n of namingJudge(rule)(made)) {
        if (nameConforms(n.name, n.what, rule)) continue;
        const at = n.what === 'file' ? segments.length - 1 : n.folder!.split('/').length - 2;
        out.push({ rule, template: segments[at]!, name: n.name });
      }
    }
  }
  return out;
}

/**
 * Binds each placeholder that a naming rule judges (used as written, without a case form, in a name the rule
 * checks) in that rule's case, so `andon new` makes names its own rules accept. Refuses what no binding can fix.
 */
function fitNames(pattern: string, files: readonly string[], binding: Binding, naming: readonly NamingRule[]): { binding: Binding; renamed: NonNullable<ScaffoldResult['renamed']> } {
  const folder = `${pattern.replace(/^\.\//, '').replace(/\/+$/, '')}/`;
  const templates = files.map((f) => folder + f);
  const wanted = new Map<string, { case: NamingRule['rule']['case']; rule: string }>();
  for (const m of misses(templates, binding, naming)) {
    for (const p of placeholdersIn(m.template)) {
      if (p.form) continue;
      const other = wanted.get(p.name);
      if (other && other.case !== m.rule.rule.case) throw new UserError(`andon new: {${p.name}} is wanted in ${other.case} case by rule ${other.rule} and in ${m.rule.rule.case} case by rule ${m.rule.id}; nothing was written`);
      wanted.set(p.name, { case: m.rule.rule.case, rule: m.rule.id });
    }
  }
  const fitted: Record<string, string> = { ...binding };
  const renamed: NonNullable<ScaffoldResult['renamed']> = [];
  for (const [name, w] of wanted) {
    const to = inCase(binding[name]!, w.case);
    if (to === binding[name]) continue;
    fitted[name] = to;
    renamed.push({ placeholder: name, from: binding[name]!, to, rule: w.rule, case: w.case });
  }
  const left = misses(templates, fitted, naming);
  if (left.length > 0) {
    const m = left[0]!;
    throw new UserError(`andon new: the template makes "${m.name}", which rule ${m.rule.id} wants in ${m.rule.rule.case} case whatever the name given; fix the template (${m.template}); nothing was written`);
  }
  return { binding: fitted, renamed };
}
