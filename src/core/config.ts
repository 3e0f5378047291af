// andon.yml: the zod schema of the public keys, per-stage option schemas, and errors that point at file:line:col.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { z } from 'zod';
import { didYouMean } from './did-you-mean.js';
import { UserError, UserErrors, type SourcePosition } from './errors.js';
import { describeRefusal, readGuarded } from './guarded-read.js';
import { isInside, realPathOf, resolveInside } from './inside-path.js';
import { isWithheldFromStages, WITHHELD_NAMES } from './stage-env.js';
import { decodeUtf8Strict, describeInvalidUtf8 } from './strict-utf8.js';
import type { AnyStageKind, StageRegistry } from './stage-kind.js';

export const DEFAULT_CONFIG_FILE = 'andon.yml';
export const MAX_CONFIG_BYTES = 1024 * 1024;
export const MAX_YAML_ALIASES = 50;

export const StageId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a stage id is lower-case letters, digits and dashes ([a-z0-9-]+), at most 63 characters');

export const StageEntry = z
  .object({
    id: StageId.describe('Unique id: names the check, the artifact and the stage folder.'),
    uses: z.string().describe('The stage kind.'),
    name: z.string().optional().describe('A human name for reports.'),
    blocking: z.boolean().default(true).describe('A failure stops the line (default true).'),
    with: z.record(z.string(), z.unknown()).default({}).describe('Options of the stage kind.'),
    outputs: z
      .array(z.string().min(1).refine((g) => outputGlobProblem(g) === null, { message: 'an output glob is relative to the workspace, without ".." and outside .git' }))
      .default([])
      .describe('Globs of the files the stage writes: kept with its result and restored into the workspace when the result is reused.'),
    passEnv: z
      .array(
        z.string().refine(isWithheldFromStages, {
          message: `passEnv names a variable stages do not get by default (${WITHHELD_NAMES}); every other variable passes anyway`,
        }),
      )
      .default([])
      .describe(`Runner credentials withheld from stages (${WITHHELD_NAMES}) that this stage needs, by name.`),
  })
  .strict();

export const ConfigFile = z
  .object({
    version: z.literal(1).describe('Config format version.'),
    base: z.string().optional().describe('Base branch the change is compared with (default: the PR base, origin HEAD, main or master).'),
    line: z.array(StageEntry).min(1, 'the line needs at least one stage').describe('Stages in order of inspection.'),
    store: z
      .object({
        path: z.string().default('.andon/runs').describe('Folder of the embedded run store.'),
        keep: z
          .number()
          .int()
          .positive()
          .optional()
          .describe(
            'Runs to keep: when set, every `andon run` ends by pruning the store to the newest N runs (with the runs their lineage needs and any still running) and the stage cache to what they use. Unset: nothing is removed until `andon runs prune`.',
          ),
      })
      .strict()
      .default({ path: '.andon/runs' }),
    cache: z
      .object({
        path: z.string().default('.andon/cache').describe('Folder of the local stage-result cache.'),
        enabled: z.boolean().default(true),
      })
      .strict()
      .default({ path: '.andon/cache', enabled: true }),
  })
  .strict();

export interface StageConfig {
  id: string;
  uses: string;
  name?: string;
  blocking: boolean;
  /** Options after validation by the kind's own schema (defaults applied). */
  options: unknown;
  /** Options as written, for digests that should not change when a default changes. */
  rawOptions: Record<string, unknown>;
  /** Withheld runner variables this stage gets all the same. */
  passEnv: string[];
  /** Globs of the files the stage writes, kept with its result and restored on reuse. */
  outputs: string[];
}

export interface LoadedConfig {
  /** Path relative to the workspace, as recorded. */
  path: string;
  absolutePath: string;
  digest: string;
  base?: string;
  line: StageConfig[];
  store: { path: string; keep?: number };
  cache: { path: string; enabled: boolean };
  /** Where a node of the config stands in its file, by its path from the top (e.g. ['line', 0, 'with', 'paths']). */
  locate?: (path: readonly (string | number)[]) => SourcePosition;
}

/** The JSON Schema of andon.yml, generated from the same zod schemas, with `with:` typed per stage kind. */
export function configJsonSchema(registry: StageRegistry): Record<string, unknown> {
  const entries = registry.all().map((k) =>
    StageEntry.extend({ uses: z.literal(k.name).describe(k.description), with: (k.options as z.ZodType).optional() }),
  );
  const schema =
    entries.length === 0 ? ConfigFile : ConfigFile.extend({ line: z.array(z.union(entries as unknown as [z.ZodType, z.ZodType])).min(1) });
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { $id: 'https://andon.dev/schemas/andon.schema.json', title: 'andon.yml', ...json };
}

/** Where a config is read: the repository it belongs to, and the environment (RUNNER_TEMP may hold the store). */
export interface ConfigPlace {
  workspace?: string;
  env?: Readonly<Record<string, string | undefined>>;
}

export async function loadConfig(
  workspace: string,
  configPath: string | undefined,
  registry: StageRegistry,
  env: Readonly<Record<string, string | undefined>> = {},
): Promise<LoadedConfig> {
  const rel = configPath ?? DEFAULT_CONFIG_FILE;
  const abs = path.resolve(workspace, rel);
  const file = path.relative(workspace, abs) || rel;
  // A config inside the repository stays inside it through its links; one named elsewhere is the caller's choice.
  const inRepo = isInside(path.resolve(workspace), abs);
  const read = readGuarded(abs, { maxBytes: MAX_CONFIG_BYTES, ...(inRepo ? { within: workspace } : {}) });
  if (read.kind === 'missing') {
    throw new UserError(`config file not found (looked for ${abs}); create ${DEFAULT_CONFIG_FILE} or pass --config`, { file: rel });
  }
  if (read.kind === 'too-large') throw new UserError(`config file is ${read.size} bytes; the limit is ${MAX_CONFIG_BYTES} bytes`, { file: rel });
  if (read.kind !== 'ok') throw new UserError(`the config ${describeRefusal(read)}`, { file: rel });
  const decoded = decodeUtf8Strict(read.bytes);
  if (!decoded.ok) {
    throw new UserError(`${describeInvalidUtf8(decoded)}; the config must be UTF-8 text`, {
      file,
      line: decoded.line,
      column: decoded.column,
    });
  }
  return parseConfig(decoded.text, file, registry, abs, { workspace, env });
}

export function parseConfig(text: string, file: string, registry: StageRegistry, absolutePath = file, place: ConfigPlace = {}): LoadedConfig {
  if (Buffer.byteLength(text) > MAX_CONFIG_BYTES) {
    throw new UserError(`config file is larger than ${MAX_CONFIG_BYTES} bytes`, { file });
  }
  const lineCounter = new LineCounter();
  // Plain YAML 1.2 whatever the file's %YAML directive says: no 1.1 merge keys, sets, binaries or timestamps.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, version: '1.2', schema: 'core', merge: false });
  const at = (offset: number): SourcePosition => {
    const p = lineCounter.linePos(offset);
    return { file, line: p.line, column: p.col };
  };
  // Warnings (an unresolved tag, a key that cannot be a JS key) are mistakes in a config, refused like errors.
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) {
    throw new UserErrors(problems.map((e) => new UserError(`invalid YAML: ${e.message.split('\n')[0]}`, at(e.pos[0]))));
  }
  const scan = scanDocument(doc);
  if (scan.protoKeys.length > 0) {
    throw new UserErrors(scan.protoKeys.map((o) => new UserError('the key "__proto__" is refused: it would set an object\'s prototype, not a key', at(o))));
  }
  const aliases = scan.aliases;
  if (aliases.length > MAX_YAML_ALIASES) {
    throw new UserError(`${aliases.length} YAML aliases; more than ${MAX_YAML_ALIASES} are refused (a YAML alias bomb?)`, at(aliases[MAX_YAML_ALIASES]!));
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (e) {
    throw new UserError(`refused: ${(e as Error).message}`, { file, line: 1, column: 1 });
  }
  const parsed = ConfigFile.safeParse(data);
  if (!parsed.success) throw issuesToError(parsed.error.issues, doc, at, file, ConfigFile, registry);

  const cfg = parsed.data;
  const errors: UserError[] = [];
  const seen = new Map<string, number>();
  const line: StageConfig[] = [];
  cfg.line.forEach((entry, i) => {
    const first = seen.get(entry.id);
    if (first !== undefined) {
      errors.push(new UserError(`duplicate stage id "${entry.id}" (first used by stage ${first + 1})`, positionOf(doc, ['line', i, 'id'], at, file)));
      return;
    }
    seen.set(entry.id, i);
    const kind = registry.get(entry.uses);
    if (!kind) {
      errors.push(
        new UserError(
          `unknown stage kind "${entry.uses}"${didYouMean(entry.uses, registry.names())}; known kinds: ${registry.names().join(', ')}`,
          positionOf(doc, ['line', i, 'uses'], at, file),
        ),
      );
      return;
    }
    const opts = (kind.options as z.ZodType).safeParse(entry.with);
    if (!opts.success) {
      const err = issuesToError(opts.error.issues, doc, at, file, kind.options as z.ZodType, registry, ['line', i, 'with'], kind);
      errors.push(...(err instanceof UserErrors ? err.errors : [err]));
      return;
    }
    line.push({
      id: entry.id,
      uses: entry.uses,
      ...(entry.name ? { name: entry.name } : {}),
      blocking: entry.blocking,
      options: opts.data,
      rawOptions: entry.with,
      passEnv: entry.passEnv,
      outputs: entry.outputs,
    });
  });
  for (const key of ['store', 'cache'] as const) {
    const why = folderProblem(cfg[key].path, place);
    if (why) errors.push(new UserError(`${key}.path: ${why}`, positionOf(doc, [key, 'path'], at, file)));
  }
  if (errors.length === 1) throw errors[0]!;
  if (errors.length > 1) throw new UserErrors(errors);
  return {
    path: file,
    absolutePath,
    digest: `sha256:${createHash('sha256').update(text).digest('hex')}`,
    ...(cfg.base ? { base: cfg.base } : {}),
    line,
    store: cfg.store,
    cache: cfg.cache,
    locate: (p) => positionOf(doc, p, at, file),
  };
}

/** Where each alias (*name) of the document stands, in document order, and every `__proto__` key. */
function scanDocument(doc: Document): { aliases: number[]; protoKeys: number[] } {
  const aliases: number[] = [];
  const protoKeys: number[] = [];
  const walk = (node: unknown, depth: number): void => {
    if (depth > 200) return;
    if (isAlias(node)) aliases.push(node.range?.[0] ?? 0);
    if (isMap(node) || isSeq(node)) for (const item of node.items) walk(item, depth + 1);
    else if (isPair(node)) {
      if (isScalar(node.key) && String(node.key.value) === '__proto__') protoKeys.push(node.key.range?.[0] ?? 0);
      walk(node.key, depth + 1);
      walk(node.value, depth + 1);
    }
  };
  walk(doc.contents, 0);
  return { aliases, protoKeys };
}

/**
 * Why a store or cache folder is refused, or null: it must be a folder inside the repository (not its root,
 * not in .git), also once links are resolved, or under RUNNER_TEMP when that is set.
 */
function folderProblem(given: string, place: ConfigPlace): string | null {
  if (given.trim() === '') return 'is empty; name a folder inside the repository';
  const runnerTemp = place.env?.RUNNER_TEMP;
  if (path.isAbsolute(given) || /^[A-Za-z]:[\\/]/.test(given)) {
    if (runnerTemp && path.isAbsolute(runnerTemp) && resolveInside(runnerTemp, given, { rootName: 'RUNNER_TEMP' }).ok) return null;
    return `"${given}" is an absolute path; name a folder inside the repository${runnerTemp ? ' or under RUNNER_TEMP' : ''}`;
  }
  const norm = path.posix.normalize(given.replace(/\\/g, '/')).replace(/\/+$/, '');
  if (norm === '.' || norm === '') return `"${given}" is the repository itself; name a folder inside it`;
  if (norm === '..' || norm.startsWith('../')) return `"${given}" leads outside the repository`;
  if (place.workspace === undefined) return inGit(norm) ? `"${given}" is inside .git` : null;
  const inside = resolveInside(place.workspace, given, { rootName: 'the repository' });
  if (!inside.ok) return inside.reason;
  return inGit(path.relative(realPathOf(path.resolve(place.workspace)), realPathOf(inside.abs)).split(path.sep).join('/')) ? `"${given}" is inside .git` : null;
}

/** Why a declared output glob is refused, or null: outputs are restored into the workspace, never outside it nor into .git. */
function outputGlobProblem(glob: string): string | null {
  const p = glob.replace(/\\/g, '/');
  if (p.startsWith('!')) return 'negated';
  if (path.posix.isAbsolute(p) || /^[A-Za-z]:\//.test(p)) return 'absolute';
  const segments = p.split('/');
  if (segments.includes('..')) return 'leads outside';
  return segments[0] === '.git' ? 'inside .git' : null;
}

function inGit(rel: string): boolean {
  return rel === '.git' || rel.startsWith('.git/');
}

type PathKey = string | number;

/** The position of the deepest YAML node along a zod issue path. */
function positionOf(doc: Document, p: readonly PathKey[], at: (o: number) => SourcePosition, file: string, keyOf?: string): SourcePosition {
  let node: unknown = doc.contents;
  let best: Node | undefined = (doc.contents as Node | null) ?? undefined;
  for (const key of p) {
    if (isMap(node)) {
      const pair = node.items.find((it) => isScalar(it.key) && it.key.value === key);
      if (!pair) break;
      node = pair.value;
      best = (pair.value as Node | null) ?? (pair.key as Node);
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
      if (!node) break;
      best = node as Node;
    } else break;
  }
  if (keyOf !== undefined && isMap(node)) {
    const pair = node.items.find((it) => isScalar(it.key) && it.key.value === keyOf);
    if (pair && isScalar(pair.key) && pair.key.range) return at(pair.key.range[0]);
  }
  if (best?.range) return at(best.range[0]);
  return { file, line: 1, column: 1 };
}

/** Known keys of the object schema found along a path, for "did you mean". */
function keysAt(schema: z.ZodType, p: readonly PathKey[]): string[] {
  let s: unknown = schema;
  const unwrap = (x: unknown): unknown => {
    for (let i = 0; i < 20; i++) {
      const def = (x as { _zod?: { def?: Record<string, unknown> } })?._zod?.def;
      if (!def) return x;
      if (['optional', 'default', 'nullable', 'prefault', 'readonly', 'catch', 'nonoptional'].includes(def.type as string)) x = def.innerType;
      else if (def.type === 'pipe') x = def.in;
      else return x;
    }
    return x;
  };
  s = unwrap(s);
  for (const key of p) {
    const def = (s as { _zod?: { def?: Record<string, unknown> } })?._zod?.def;
    if (!def) return [];
    if (def.type === 'object' && typeof key === 'string') s = unwrap((def.shape as Record<string, unknown>)[key]);
    else if (def.type === 'array') s = unwrap(def.element);
    else if (def.type === 'record') s = unwrap(def.valueType);
    else return [];
  }
  const def = (s as { _zod?: { def?: Record<string, unknown> } })?._zod?.def;
  return def?.type === 'object' ? Object.keys(def.shape as Record<string, unknown>) : [];
}

function issuesToError(
  issues: readonly z.core.$ZodIssue[],
  doc: Document,
  at: (o: number) => SourcePosition,
  file: string,
  schema: z.ZodType,
  registry: StageRegistry,
  prefix: PathKey[] = [],
  kind?: AnyStageKind,
): UserError {
  const errors: UserError[] = [];
  for (const issue of issues) {
    const p = [...prefix, ...(issue.path as PathKey[])];
    const where = kind ? ` in the options of stage kind "${kind.name}"` : '';
    if (issue.code === 'unrecognized_keys') {
      const known = keysAt(schema, issue.path as PathKey[]);
      for (const key of issue.keys) {
        errors.push(
          new UserError(
            `unknown key "${key}"${where}${didYouMean(key, known)}${known.length ? `; valid keys: ${known.join(', ')}` : ''}`,
            positionOf(doc, p, at, file, key),
          ),
        );
      }
      continue;
    }
    const label = p.length ? p.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('').replace(/^\./, '') : 'document';
    let message = issue.message;
    if (issue.code === 'invalid_value' && p[p.length - 1] === 'uses') {
      message += `${didYouMean(String(readAt(doc, p)), registry.names())}`;
    }
    if (issue.code === 'invalid_type' && readAt(doc, p) === undefined) message = `missing required key "${String(p[p.length - 1])}"`;
    errors.push(new UserError(`${label}: ${message}${where}`, positionOf(doc, p, at, file)));
  }
  return errors.length === 1 ? errors[0]! : new UserErrors(errors);
}

function readAt(doc: Document, p: readonly PathKey[]): unknown {
  const node = doc.getIn(p as PathKey[], true);
  return isScalar(node) ? node.value : node === undefined ? undefined : node;
}
