// Turns validated rules into checkable ones: globs and unit patterns compiled, user patterns on re2js, templates read,
// and what zod cannot see refused up front: placeholders never bound, invalid patterns, conflicting rules.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import { UserError } from '../../core/errors.js';
import { globMatcher, type Matcher } from './glob-match.js';
import type { Level } from '../../core/findings.js';
import { placeholdersIn, render, unboundIn, type Binding } from './placeholders.js';
import type { Locator, PathKey } from './rules-file.js';
import type { ContentRule, ImportsRule, NamingRule, OneWayRule, Rule, TemplateRule, UnitRule, UserPattern } from './rule-schema.js';
import type { CompiledPattern } from './user-pattern.js';
import { compilePattern } from './user-pattern.js';
import { compileUnitPattern, type UnitPattern } from './unit-pattern.js';
import { createFileReader, resolveInside } from './workspace-files.js';

export type { Matcher } from './glob-match.js';

export interface TemplateFile {
  /** Path inside the unit, with placeholders, e.g. `{name}.service.ts`. */
  path: string;
  text: string;
}

interface Base {
  id: string;
  message: string;
  level: Level;
  /** Files this rule looks at (after every exclusion). */
  scope: Matcher;
}

export type CompiledRule =
  | (Base & { kind: 'unit'; rule: UnitRule; pattern: UnitPattern; forbid: string[] })
  | (Base & { kind: 'naming'; rule: NamingRule })
  | (Base & { kind: 'content'; rule: ContentRule; forbid: CompiledPattern[]; require: CompiledPattern[] })
  | (Base & { kind: 'imports'; rule: ImportsRule; layers: { from: Matcher; disallow: Matcher; disallowText: string }[]; entryPoints: { pattern: UnitPattern; entry: string[] }[] })
  | (Base & { kind: 'one-way'; rule: OneWayRule; modules: Set<string>; through: Matcher })
  | (Base & { kind: 'template'; rule: TemplateRule; pattern: UnitPattern; files: TemplateFile[] });

export interface RuleSet {
  rules: CompiledRule[];
  /** Where the rules came from, e.g. `.andon/templates.yml`. */
  origin: string;
}

export const MAX_TEMPLATE_FILES = 200;
export const MAX_TEMPLATE_BYTES = 256 * 1024;

const matcher = (globs: readonly string[], exclude: readonly string[]): Matcher => {
  const inc = globMatcher(globs);
  if (exclude.length === 0) return inc;
  const exc = globMatcher(exclude);
  return (p) => inc(p) && !exc(p);
};

const patternSource = (p: UserPattern): { pattern: string; message?: string | undefined } => (typeof p === 'string' ? { pattern: p } : p);

export interface CompileOptions {
  workspace: string;
  templatesDir: string;
  /** Exclusions of the stage and the rules file, applied to every rule. */
  exclude: readonly string[];
  locate: Locator;
  label: string;
}

/** Compiles every rule, collecting every problem before refusing, so one run shows them all. */
export async function compileRules(rules: readonly Rule[], o: CompileOptions): Promise<{ set: RuleSet; errors: UserError[] }> {
  const errors: UserError[] = [];
  const fail = (at: readonly PathKey[], message: string): void => {
    const loc = o.locate(at);
    errors.push(new UserError(`${o.label}: ${loc.where ? `${loc.where}: ` : ''}${message}`, loc.position));
  };
  const compiled: CompiledRule[] = [];
  const ids = new Map<string, number>();
  for (const [i, rule] of rules.entries()) {
    const at = (...k: PathKey[]): PathKey[] => ['rules', i, ...k];
    const first = ids.get(rule.id);
    if (first !== undefined) fail(at('id'), `conflicting rules: id "${rule.id}" is also the id of rules[${first}]; ids must be unique`);
    else ids.set(rule.id, i);
    let bound = new Set<string>();
    let pattern: UnitPattern | undefined;
    if (rule.kind === 'unit' || rule.kind === 'template') {
      try {
        pattern = compileUnitPattern(rule.pattern);
        bound = new Set(pattern.names);
      } catch (err) {
        fail(at('pattern'), (err as Error).message);
      }
    }
    const checkBound = (text: string, where: PathKey[]): void => {
      for (const bad of unboundIn(text, bound)) fail(where, `placeholder ${bad} in "${text}"`);
    };
    checkBound(rule.message, at('message'));
    const exclude = [...o.exclude, ...rule.exclude];
    const base = { id: rule.id, message: rule.message, level: rule.level };
    switch (rule.kind) {
      case 'unit': {
        rule.require.forEach((r, k) => checkBound(r, at('require', k)));
        (rule.allow ?? []).forEach((r, k) => checkBound(r, at('allow', k)));
        rule.forbid.forEach((r, k) => checkBound(r, at('forbid', k)));
        if (pattern) compiled.push({ ...base, kind: 'unit', rule, pattern, forbid: rule.forbid, scope: matcher(['**'], exclude) });
        break;
      }
      case 'naming':
        compiled.push({ ...base, kind: 'naming', rule, scope: matcher(rule.files, exclude) });
        break;
      case 'content': {
        if (rule.header) checkBound(rule.header, at('header'));
        (rule.headings ?? []).forEach((h, k) => checkBound(h, at('headings', k)));
        const compile = (list: UserPattern[], key: 'forbid' | 'require'): CompiledPattern[] =>
          list.flatMap((p, k) => {
            const { pattern: src, message } = patternSource(p);
            const r = compilePattern(src);
            if (!r.ok) {
              fail(typeof p === 'string' ? at(key, k) : at(key, k, 'pattern'), r.why);
              return [];
            }
            return [{ source: src, re: r.re, message }];
          });
        const forbid = compile(rule.forbid, 'forbid');
        const require = compile(rule.require, 'require');
        const both = rule.forbid.map((p) => patternSource(p).pattern).filter((p) => rule.require.some((q) => patternSource(q).pattern === p));
        for (const p of both) fail(at(), `conflicting rule: pattern /${p}/ is both required and forbidden`);
        compiled.push({ ...base, kind: 'content', rule, forbid, require, scope: matcher(rule.files, exclude) });
        break;
      }
      case 'imports': {
        const entryPoints: { pattern: UnitPattern; entry: string[] }[] = [];
        rule.entryPoints.forEach((e, k) => {
          try {
            const p = compileUnitPattern(e.unit);
            const b = new Set(p.names);
            e.entry.forEach((x, m) => {
              for (const bad of unboundIn(x, b)) fail(at('entryPoints', k, 'entry', m), `placeholder ${bad} in "${x}"`);
            });
            entryPoints.push({ pattern: p, entry: e.entry });
          } catch (err) {
            fail(at('entryPoints', k, 'unit'), (err as Error).message);
          }
        });
        const layers = rule.layers.map((l) => ({ from: matcher(l.from, []), disallow: matcher(l.disallow, []), disallowText: l.disallow.join(', ') }));
        rule.layers.forEach((l, k) => {
          const self = l.from.filter((f) => l.disallow.includes(f));
          if (self.length) fail(at('layers', k), `conflicting layer rule: ${self.join(', ')} may not import itself`);
        });
        compiled.push({ ...base, kind: 'imports', rule, layers, entryPoints, scope: matcher(rule.files, exclude) });
        break;
      }
      case 'one-way':
        compiled.push({ ...base, kind: 'one-way', rule, modules: new Set(rule.modules), through: matcher(rule.through, []), scope: matcher(rule.files, exclude) });
        break;
      case 'template': {
        const files = await loadTemplate(o.workspace, o.templatesDir, rule.template).catch((err: unknown) => {
          fail(at('template'), (err as Error).message);
          return null;
        });
        if (files && pattern) {
          for (const f of files) {
            for (const bad of unboundIn(f.path, bound)) fail(at('template'), `template file ${o.templatesDir}/${rule.template}/${f.path}: placeholder ${bad} in its name`);
            for (const bad of unboundIn(f.text, bound)) fail(at('template'), `template file ${o.templatesDir}/${rule.template}/${f.path}: placeholder ${bad} in its content`);
          }
          compiled.push({ ...base, kind: 'template', rule, pattern, files, scope: matcher(['**'], exclude) });
        }
        break;
      }
    }
  }
  const pendingTemplates: PendingTemplateConflict[] = [];
  conflicts(rules, fail, pendingTemplates);
  for (const p of pendingTemplates) {
    const t = compiled.find((c) => c.kind === 'template' && c.rule.template === p.template);
    if (!t || t.kind !== 'template') continue;
    const sample = samples(t.rule.pattern);
    for (const f of t.files) {
      if (p.check(render(f.path, sample))) fail(['rules', p.i, 'template'], `conflicting rules: template file ${f.path} is forbidden in the same units by rule "${p.unitId}" (rules[${p.unitIndex}])`);
    }
  }
  return { set: { rules: compiled, origin: o.label }, errors };
}

/** Pairs of rules that cannot both hold: the user must decide which one is meant. */
interface PendingTemplateConflict {
  i: number;
  template: string;
  unitId: string;
  unitIndex: number;
  /** Whether the unit rule forbids a template file (placeholders bound to sample values). */
  check: (file: string) => boolean;
}

function conflicts(rules: readonly Rule[], fail: (at: readonly PathKey[], message: string) => void, pendingTemplates: PendingTemplateConflict[]): void {
  const naming = new Map<string, { i: number; rule: NamingRule }>();
  const oneWay = new Map<string, { i: number; through: string }>();
  const units = new Map<string, { i: number; rule: UnitRule }>();
  rules.forEach((rule, i) => {
    if (rule.kind === 'naming') {
      for (const g of rule.files) {
        const other = naming.get(`${g}\0${rule.target}`);
        if (other && other.rule.case !== rule.case) fail(['rules', i, 'case'], `conflicting rules: "${rule.id}" wants ${rule.case} case for ${g}, "${other.rule.id}" (rules[${other.i}]) wants ${other.rule.case}`);
        else naming.set(`${g}\0${rule.target}`, { i, rule });
      }
    } else if (rule.kind === 'one-way') {
      const through = [...rule.through].sort().join(', ');
      for (const m of rule.modules) {
        const other = oneWay.get(m);
        if (other && other.through !== through) fail(['rules', i, 'modules'], `conflicting rules: ${m} may only be imported through ${through} here, but through ${other.through} by rules[${other.i}]`);
        else oneWay.set(m, { i, through });
      }
    } else if (rule.kind === 'unit') {
      const key = rule.pattern.replace(/\/+$/, '');
      units.set(key, { i, rule });
      const sample = samples(rule.pattern);
      for (const [k, r] of rule.require.entries()) {
        const forbidden = rule.forbid.find((f) => picomatch(render(f, sample), { dot: true })(render(r, sample)));
        if (forbidden) fail(['rules', i, 'require', k], `conflicting rule: "${r}" is required and forbidden (by "${forbidden}")`);
      }
    }
  });
  // A template whose files a unit rule on the same folders forbids can never be kept: say so now.
  rules.forEach((rule, i) => {
    if (rule.kind !== 'template') return;
    const unit = units.get(rule.pattern.replace(/\/+$/, ''));
    if (!unit) return;
    const sample = samples(rule.pattern);
    const required = new Set(unit.rule.require.map((r) => render(r, sample)));
    const allow = unit.rule.allow ? picomatch(unit.rule.allow.map((a) => render(a, sample)), { dot: true }) : () => true;
    const forbid = unit.rule.forbid.length ? picomatch(unit.rule.forbid.map((a) => render(a, sample)), { dot: true }) : () => false;
    pendingTemplates.push({ i, template: rule.template, check: (file) => !required.has(file) && (forbid(file) || !allow(file)), unitId: unit.rule.id, unitIndex: unit.i });
  });
}

function samples(pattern: string): Binding {
  const b: Record<string, string> = {};
  for (const p of placeholdersIn(pattern)) b[p.name] = `sample-${p.name.toLowerCase()}`;
  return b;
}

/** Reads `<templatesDir>/<kind>/` (capped), refusing a folder outside the workspace. */
export async function loadTemplate(workspace: string, templatesDir: string, kind: string): Promise<TemplateFile[]> {
  const rel = `${templatesDir.replace(/\/+$/, '')}/${kind}`;
  const abs = await resolveInside(workspace, rel, 'template folder');
  const entries = await readdir(abs, { recursive: true, withFileTypes: true }).catch(() => null);
  if (!entries) throw new Error(`template folder ${rel}/ not found: create it with the files of one unit, using {name} placeholders`);
  const read = createFileReader(workspace, MAX_TEMPLATE_BYTES);
  const files: TemplateFile[] = [];
  for (const e of entries) {
    if (!e.isFile() && !e.isSymbolicLink()) continue;
    if (files.length >= MAX_TEMPLATE_FILES) throw new Error(`template folder ${rel}/ has over ${MAX_TEMPLATE_FILES} files: refused`);
    const inside = path.relative(abs, path.join(e.parentPath, e.name)).split(path.sep).join('/');
    const r = read(`${rel}/${inside}`);
    if (!r.ok) throw new Error(`template file ${rel}/${inside}: ${r.why}`);
    files.push({ path: inside, text: r.text });
  }
  if (files.length === 0) throw new Error(`template folder ${rel}/ is empty`);
  files.sort((a, b) => (a.path < b.path ? -1 : 1));
  return files;
}
