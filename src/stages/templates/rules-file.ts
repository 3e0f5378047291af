// Reads the rules file (`.andon/templates.yml`): YAML with capped aliases and size, zod-validated, errors at file:line:col.
import { LineCounter, isMap, isNode, isPair, isScalar, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import type { z } from 'zod';
import { UserError, UserErrors, type SourcePosition } from '../../core/errors.js';
import { describeRefusal, readGuarded } from '../../core/guarded-read.js';
import { decodeUtf8File } from '../../core/strict-utf8.js';
import { RulesFile } from './rule-schema.js';
import { resolveInside } from './workspace-files.js';

export const MAX_RULES_FILE_BYTES = 1024 * 1024;
export const MAX_YAML_ALIASES = 100;

export type PathKey = string | number;
/** Where a value of the rules came from, for error messages: a position in a file, or a path in `with:`. */
export type Locator = (path: readonly PathKey[], keyOf?: string) => { position?: SourcePosition; where: string };

export interface LoadedRules {
  rules: RulesFile;
  locate: Locator;
  /** The text the rules came from, for the stage's inputs digest and the context block. */
  text: string;
}

export function pathText(path: readonly PathKey[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}

export function inlineLocator(prefix: string): Locator {
  return (path) => ({ where: `${prefix}${path.length ? '.' : ''}${pathText(path)}` });
}

function documentLocator(file: string, doc: Document, lc: LineCounter): Locator {
  return (path, keyOf) => {
    let node: unknown = doc.contents;
    let last: unknown = node;
    for (const k of path) {
      if (!isNode(node) || !('items' in node)) break;
      const next = (node as { get(k: unknown, keep: true): unknown }).get(k, true);
      if (next === undefined) break;
      last = next;
      node = next;
    }
    let range = isNode(last) ? last.range : undefined;
    if (keyOf !== undefined && isMap(last)) {
      const pair = last.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === keyOf);
      if (pair && isScalar(pair.key) && pair.key.range) range = pair.key.range;
    }
    const where = pathText(path);
    if (!range) return { position: { file }, where };
    const pos = lc.linePos(range[0]);
    return { position: { file, line: pos.line, column: pos.col }, where };
  };
}

/** Turns zod issues into user errors pointing at the offending node (or key, for unknown keys). */
export function issuesToErrors(issues: readonly z.core.$ZodIssue[], locate: Locator, label: string): UserError[] {
  const errors: UserError[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((k): k is PathKey => typeof k !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const at = locate(path, key);
        errors.push(new UserError(`${label}: unknown key "${key}" in ${at.where || 'the top level'}`, at.position));
      }
      continue;
    }
    const kindMsg = issue.message.startsWith('unknown rule kind');
    const at = kindMsg && path[path.length - 1] !== 'kind' ? locate([...path, 'kind']) : locate(path);
    errors.push(new UserError(`${label}: ${at.where ? `${at.where}: ` : ''}${issue.message}`, at.position));
  }
  return errors;
}

/** The rules file is not there: said where it was looked for (`andon validate-config` places it at `with.rulesFile`). */
export class MissingRulesFile extends UserError {
  constructor(
    readonly rel: string,
    readonly reason = `templates rules file not found: ${rel} (write it, or give the rules inline with \`with.rules\`)`,
  ) {
    super(reason, { file: rel });
  }
}

/**
 * Loads and validates the rules file, read through the guarded reader (a regular file inside the workspace, links
 * resolved, under the size cap) and decoded as strict UTF-8; every refusal is a user error at the file.
 */
export async function loadRulesFile(workspace: string, rel: string): Promise<LoadedRules> {
  const abs = await resolveInside(workspace, rel, 'rules file');
  const read = readGuarded(abs, { maxBytes: MAX_RULES_FILE_BYTES, within: workspace });
  if (read.kind === 'missing') throw new MissingRulesFile(rel);
  if (read.kind !== 'ok') throw new UserError(`templates rules file ${describeRefusal(read)}`, { file: rel });
  return parseRulesText(decodeUtf8File(read.bytes, rel, 'templates rules file'), rel);
}

export function parseRulesText(text: string, file: string): LoadedRules {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const errors: UserError[] = [];
  for (const e of doc.errors) {
    const pos = lc.linePos(e.pos[0]);
    errors.push(new UserError(`invalid YAML: ${e.message.split('\n')[0]}`, { file, line: pos.line, column: pos.col }));
  }
  if (errors.length) throw errors.length === 1 ? errors[0]! : new UserErrors(errors);
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (err) {
    // The yaml library refuses alias expansion beyond the cap: a "billion laughs" file stops here.
    throw new UserError(`refused: ${err instanceof Error ? err.message : String(err)} (aliases are capped at ${MAX_YAML_ALIASES} expansions)`, { file });
  }
  const locate = documentLocator(file, doc, lc);
  const parsed = RulesFile.safeParse(raw ?? {});
  if (!parsed.success) {
    const errs = issuesToErrors(parsed.error.issues, locate, 'templates rules');
    throw errs.length === 1 ? errs[0]! : new UserErrors(errs);
  }
  return { rules: parsed.data, locate, text };
}
