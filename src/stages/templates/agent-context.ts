// The agent context: the rules and templates rendered as a concise Markdown block between markers in AGENTS.md
// (and CLAUDE.md, .github/copilot-instructions.md when asked), written, or checked for staleness.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../../core/errors.js';
import { describeRefusal, readGuarded } from '../../core/guarded-read.js';
import { decodeUtf8File } from '../../core/strict-utf8.js';
import { loadRuleSet, type LoadedRuleSet, type RulesSource } from './load-rules.js';
import type { CompiledRule } from './rule-set.js';
import { placeholdersIn } from './placeholders.js';
import { scanSource } from './source-scanner.js';
import { resolveInside } from './workspace-files.js';

export const CONTEXT_START = '<!-- andon:context:start -->';
export const CONTEXT_END = '<!-- andon:context:end -->';
export const DEFAULT_CONTEXT_FILES = ['AGENTS.md'];
export const KNOWN_CONTEXT_FILES = ['AGENTS.md', 'CLAUDE.md', '.github/copilot-instructions.md'];

export interface ContextOptions extends RulesSource {
  /** Files that hold the block, relative to the workspace; default AGENTS.md. */
  files?: readonly string[];
}

const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;
const list = (xs: readonly string[]): string => xs.map(code).join(', ');

function describe(r: CompiledRule, templatesDir: string): string {
  const head = `- **${r.id}** (${r.kind}${r.level === 'error' ? '' : `, ${r.level}`}): ${r.message.replace(/\s+/g, ' ').trim()}`;
  const parts: string[] = [];
  switch (r.kind) {
    case 'unit':
      parts.push(`units are ${code(r.rule.pattern)}`);
      if (r.rule.require.length) parts.push(`each has ${list(r.rule.require)}`);
      if (r.rule.allow) parts.push(`may also have ${list(r.rule.allow)}, nothing else`);
      if (r.rule.forbid.length) parts.push(`must not have ${list(r.rule.forbid)}`);
      break;
    case 'naming':
      parts.push(`${r.rule.target === 'both' ? 'files and folders' : r.rule.target} matching ${list(r.rule.files)} are named in ${r.rule.case} case`);
      break;
    case 'content':
      parts.push(`applies to ${list(r.rule.files)}`);
      if (r.rule.header) parts.push(`start with ${code(r.rule.header.split('\n')[0]!)}${r.rule.header.includes('\n') ? ' (and the lines after it)' : ''}`);
      if (r.rule.headings?.length) parts.push(`headings, in order: ${list(r.rule.headings)}`);
      for (const p of r.forbid) parts.push(`never ${code(`/${p.source}/`)}${p.message ? ` (${p.message})` : ''}`);
      for (const p of r.require) parts.push(`always ${code(`/${p.source}/`)}${p.message ? ` (${p.message})` : ''}`);
      break;
    case 'imports':
      for (const l of r.rule.layers) parts.push(`${list(l.from)} must not import ${list(l.disallow)}`);
      if (r.rule.cycles) parts.push(`no import cycles among ${list(r.rule.files)}`);
      for (const e of r.rule.entryPoints) parts.push(`code outside ${code(e.unit)} imports it only through ${list(e.entry)}`);
      break;
    case 'one-way':
      parts.push(`${r.rule.concern} only through ${list(r.rule.through)}; ${list(r.rule.modules)} are imported nowhere else`);
      break;
    case 'template': {
      const files = r.files.map((f) => {
        const ex = /\.(?:[cm]?[jt]sx?)$/.test(f.path) ? templateExports(f.text, f.path) : [];
        return ex.length ? `${code(f.path)} (exports ${list(ex)})` : code(f.path);
      });
      parts.push(`units ${code(r.rule.pattern)} keep the structure of ${code(`${templatesDir}/${r.rule.template}/`)}: ${files.join(', ')}`);
      parts.push(`start one with ${code(`andon new ${r.rule.template} <name>`)}`);
      break;
    }
  }
  return parts.length ? `${head}. ${capital(parts.join('; '))}.` : head;
}

/** Exported names of a template file with their placeholders kept: `create{name:pascal}Service`. */
function templateExports(text: string, file: string): string[] {
  const raws: string[] = [];
  let out = '';
  let at = 0;
  for (const p of placeholdersIn(text)) {
    out += `${text.slice(at, p.index)}__andon${raws.length}__`;
    raws.push(p.raw);
    at = p.index + p.raw.length;
  }
  out += text.slice(at);
  return scanSource(out, file).exports.map((e) => e.replace(/__andon(\d+)__/g, (_, i: string) => raws[Number(i)]!));
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** The block (markers included) for loaded rules; deterministic, so check mode can compare it byte for byte. */
export function renderContextBlock(loaded: LoadedRuleSet): string {
  const lines = [
    CONTEXT_START,
    '## Codebase conventions',
    '',
    `These rules are checked on every change by Andon's templates stage (from ${code(loaded.origin)}); follow them when you write or move code. Regenerate this block with ${code('andon context')}; do not edit it by hand.`,
    '',
    ...loaded.set.rules.map((r) => describe(r, loaded.templatesDir)),
    CONTEXT_END,
  ];
  return `${lines.join('\n')}\n`;
}

export async function renderContext(o: RulesSource): Promise<string> {
  return renderContextBlock(await loadRuleSet(o));
}

interface Split {
  before: string;
  block: string | null;
  after: string;
}

function split(text: string, file: string): Split {
  const s = text.indexOf(CONTEXT_START);
  const e = text.indexOf(CONTEXT_END);
  if (s === -1 && e === -1) return { before: text, block: null, after: '' };
  if (s === -1 || e === -1 || e < s) throw new UserError(`${file}: the andon context markers are unbalanced (${CONTEXT_START} … ${CONTEXT_END}); fix or remove them`, { file });
  if (text.indexOf(CONTEXT_START, s + 1) !== -1) throw new UserError(`${file}: the andon context block appears twice; keep one`, { file });
  let end = e + CONTEXT_END.length;
  if (text[end] === '\n') end++;
  return { before: text.slice(0, s), block: text.slice(s, end), after: text.slice(end) };
}

/** The largest context file read: AGENTS.md is prose for agents, far below this. */
export const MAX_CONTEXT_FILE_BYTES = 4 * 1024 * 1024;

/**
 * A context file's text, or null when it does not exist. Read through the guarded reader (a FIFO or a device named
 * AGENTS.md is refused, never waited on; links stay inside the workspace) as strict UTF-8; a refusal is a user error.
 */
async function readContextFile(workspace: string, file: string): Promise<string | null> {
  const abs = await resolveInside(workspace, file, 'context file');
  const read = readGuarded(abs, { maxBytes: MAX_CONTEXT_FILE_BYTES, within: workspace });
  if (read.kind === 'missing') return null;
  if (read.kind !== 'ok') throw new UserError(`context file ${describeRefusal(read)}`, { file });
  return decodeUtf8File(read.bytes, file, 'context file');
}

export interface ContextCheck {
  ok: boolean;
  stale: { file: string; why: string }[];
}

/** Whether every context file holds the block as the rules render it now. */
export async function checkContext(o: ContextOptions, rendered?: string): Promise<ContextCheck> {
  const block = rendered ?? (await renderContext(o));
  const stale: { file: string; why: string }[] = [];
  for (const file of o.files ?? DEFAULT_CONTEXT_FILES) {
    const text = await readContextFile(o.workspace, file);
    if (text === null) {
      stale.push({ file, why: `${file} does not exist; run \`andon context\`` });
      continue;
    }
    const s = split(text, file);
    if (s.block === null) stale.push({ file, why: `${file} has no andon context block; run \`andon context\`` });
    else if (s.block !== block) stale.push({ file, why: `${file}: the andon context block is stale (the rules or templates changed); run \`andon context\`` });
  }
  return { ok: stale.length === 0, stale };
}

/** Writes the block into each file: replaces the old block, appends to a file without one, creates a missing file. */
export async function writeContext(o: ContextOptions): Promise<{ written: string[]; unchanged: string[] }> {
  const block = await renderContext(o);
  const written: string[] = [];
  const unchanged: string[] = [];
  for (const file of o.files ?? DEFAULT_CONTEXT_FILES) {
    const abs = await resolveInside(o.workspace, file, 'context file');
    const text = await readContextFile(o.workspace, file);
    let next: string;
    if (text === null) next = block;
    else {
      const s = split(text, file);
      next = s.block === null ? `${text}${text === '' || text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n'}${block}` : `${s.before}${block}${s.after}`;
    }
    if (next === text) {
      unchanged.push(file);
      continue;
    }
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, next);
    written.push(file);
  }
  return { written, unchanged };
}
