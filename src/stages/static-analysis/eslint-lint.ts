// Inside the tool process: loads the workspace's own ESLint (8.57+, 9, 10; flat or legacy config) and lints with it.
// Everything that runs the user's config and plugins happens here, where a deadline or a signal can stop it.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { errorMessage } from '../../core/errors.js';
import { FLAT_CONFIG_FILES } from './tool-config-files.js';
import type { EslintMessage, EslintReport, EslintRequest } from './tool-report.js';

interface LintResult {
  filePath: string;
  messages: EslintMessage[];
}
interface EslintInstance {
  lintFiles(patterns: string[]): Promise<LintResult[]>;
  isPathIgnored(filePath: string): Promise<boolean>;
  calculateConfigForFile(filePath: string): Promise<unknown>;
  getRulesMetaForResults?(results: LintResult[]): Record<string, { docs?: { url?: string } } | undefined>;
}
type EslintClass = new (options: Record<string, unknown>) => EslintInstance;
interface EslintModule {
  loadESLint?: (o: { useFlatConfig?: boolean; cwd?: string }) => Promise<EslintClass>;
  ESLint?: EslintClass & { version?: string };
  FlatESLint?: EslintClass;
  LegacyESLint?: EslintClass;
}

export function versionAtLeast(v: string, major: number, minor: number): boolean {
  const [ma = 0, mi = 0] = v.split('.').map((x) => Number.parseInt(x, 10));
  return ma > major || (ma === major && mi >= minor);
}

async function loadModule(workspace: string): Promise<EslintModule> {
  const main = createRequire(path.join(workspace, 'package.json')).resolve('eslint');
  const imported = (await import(pathToFileURL(main).href)) as EslintModule & { default?: EslintModule };
  return imported.loadESLint || imported.ESLint ? imported : (imported.default ?? imported);
}

async function pickClass(mod: EslintModule, flat: boolean, version: string): Promise<EslintClass | string> {
  if (!flat && versionAtLeast(version, 10, 0)) return `ESLint ${version} no longer reads legacy .eslintrc configs: use an eslint.config.js (or configType: flat)`;
  if (mod.loadESLint) return mod.loadESLint({ useFlatConfig: flat });
  if (flat && mod.FlatESLint) return mod.FlatESLint;
  if (!flat && mod.ESLint) return mod.ESLint;
  return `ESLint ${version} exposes no ${flat ? 'flat' : 'legacy'} config API`;
}

/**
 * Where a flat config that does not parse is wrong, as file:line:col: message. Node's SyntaxError from importing it
 * names no place, so the config is parsed again with ESLint's own parser (espree, beside the workspace's ESLint).
 * Null when the error is not a syntax error of the config, or the config is TypeScript (espree reads JavaScript).
 */
function configSyntaxError(req: EslintRequest, err: unknown): string | null {
  if (!(err instanceof SyntaxError) && (err as { name?: unknown } | null)?.name !== 'SyntaxError') return null;
  const file = req.configFile ?? FLAT_CONFIG_FILES.map((f) => path.join(req.cwd, f)).find((f) => existsSync(f));
  if (!file || !/\.[cm]?js$/.test(file)) return null;
  try {
    const fromEslint = createRequire(createRequire(path.join(req.workspace, 'package.json')).resolve('eslint'));
    const espree = fromEslint('espree') as { parse(text: string, o: Record<string, unknown>): unknown };
    espree.parse(readFileSync(file, 'utf8'), { ecmaVersion: 'latest', sourceType: file.endsWith('.cjs') ? 'commonjs' : 'module', range: false, loc: false });
    return null;
  } catch (e) {
    const p = e as { lineNumber?: unknown; column?: unknown; message?: unknown };
    if (typeof p.lineNumber !== 'number') return null;
    const rel = path.relative(req.workspace, file).split(path.sep).join('/');
    return `${rel}:${p.lineNumber}:${typeof p.column === 'number' ? p.column : 1}: ${String(p.message ?? errorMessage(err))}`;
  }
}

/** Whether a config lints with type information, so one file's findings can change when another file changes. */
function readsTypes(config: unknown): boolean {
  const c = config as { languageOptions?: { parserOptions?: Record<string, unknown> }; parserOptions?: Record<string, unknown> } | undefined;
  const po = c?.languageOptions?.parserOptions ?? c?.parserOptions;
  return Boolean(po && (po.project || po.projectService || po.programs || po.EXPERIMENTAL_useProjectService));
}

/** ESLint's cache refuses configs it cannot serialize (a parser or processor without `meta`): lint without it then. */
function isCacheRefusal(err: unknown): boolean {
  return /Could not serialize|Cannot serialize key/.test(errorMessage(err));
}

/** A pattern ESLint's own CLI refuses (exit 2) because it linted nothing, in words; null for any other error. */
function unmatchedWhy(err: unknown): { pattern: string; why: string } | null {
  const e = err as { messageTemplate?: unknown; messageData?: { pattern?: unknown } } | null;
  const pattern = e?.messageData?.pattern;
  if (typeof pattern !== 'string') return null;
  if (e!.messageTemplate === 'file-not-found') return { pattern, why: `no file matches '${pattern}'` };
  if (e!.messageTemplate === 'all-matched-files-ignored') return { pattern, why: `every file '${pattern}' matches is ignored by the config` };
  return null;
}

/**
 * Lints the patterns, ESLint failing on one that lints nothing; such a pattern is set aside and the rest linted
 * again (ESLint names one per throw, the glob searches are cheap), so every pattern that judged nothing is named.
 */
async function lintEach(eslint: EslintInstance, patterns: readonly string[]): Promise<{ results: LintResult[]; unmatched: string[] }> {
  const unmatched: string[] = [];
  let rest = [...patterns];
  while (rest.length > 0) {
    try {
      return { results: await eslint.lintFiles(rest), unmatched };
    } catch (err) {
      const u = unmatchedWhy(err);
      if (!u || !rest.includes(u.pattern)) throw err;
      unmatched.push(u.why);
      rest = rest.filter((p) => p !== u.pattern);
    }
  }
  return { results: [], unmatched };
}

function trimmed(results: LintResult[]): LintResult[] {
  return results.map((r) => ({
    filePath: r.filePath,
    messages: r.messages.map((m) => ({
      ruleId: m.ruleId ?? null,
      severity: m.severity,
      message: String(m.message),
      ...(m.line !== undefined ? { line: m.line } : {}),
      ...(m.column !== undefined ? { column: m.column } : {}),
      ...(m.endLine !== undefined ? { endLine: m.endLine } : {}),
      ...(m.endColumn !== undefined ? { endColumn: m.endColumn } : {}),
      ...(m.fatal ? { fatal: true } : {}),
    })),
  }));
}

/** Lints as the request says; every failure the user can fix comes back as a reason, never as a crash. */
export async function lintInProcess(req: EslintRequest): Promise<EslintReport> {
  const { version, flat } = req;
  let mod: EslintModule;
  try {
    mod = await loadModule(req.workspace);
  } catch (err) {
    return { ok: false, reason: `ESLint ${version} in the workspace could not be loaded: ${errorMessage(err)}` };
  }
  const Cls = await pickClass(mod, flat, version);
  if (typeof Cls === 'string') return { ok: false, reason: Cls };

  const make = (cached: boolean): EslintInstance => {
    // Patterns linted whole must each lint a file, as with ESLint's CLI; changed files are named one by one, checked.
    const options: Record<string, unknown> = { cwd: req.cwd, errorOnUnmatchedPattern: !req.candidates };
    if (req.configFile) options.overrideConfigFile = req.configFile;
    if (cached && req.cacheFile) Object.assign(options, { cache: true, cacheLocation: req.cacheFile, cacheStrategy: 'content' });
    return new Cls(options);
  };
  let eslint: EslintInstance;
  try {
    eslint = make(true);
  } catch (err) {
    return { ok: false, reason: `ESLint ${version} refused its options: ${errorMessage(err)}` };
  }

  const notes: string[] = [];
  let patterns = req.patterns;
  let linted: string[] | null = null;
  if (req.candidates) {
    // Only the changed files the config would lint; ESLint decides, so user ignores and `files` globs hold.
    linted = [];
    try {
      for (const abs of req.candidates) {
        if (await eslint.isPathIgnored(abs)) continue;
        if (!flat && !/\.(c|m)?jsx?$/.test(abs)) continue; // legacy ESLint lints any explicit file, as JS
        linted.push(abs);
      }
    } catch (err) {
      return { ok: false, reason: `ESLint ${version} could not load its config: ${errorMessage(err)}` };
    }
    if (linted.length === 0) return { ok: true, results: [], ruleUrls: {}, linted, typeAware: false, notes };
    patterns = linted;
  }

  let results: LintResult[];
  let unmatched: string[];
  try {
    try {
      ({ results, unmatched } = await lintEach(eslint, patterns));
    } catch (err) {
      if (!req.cacheFile || !isCacheRefusal(err)) throw err;
      notes.push(`eslint: per-file results not kept (ESLint's cache refused the config: ${errorMessage(err).split('\n')[0]})`);
      eslint = make(false);
      ({ results, unmatched } = await lintEach(eslint, patterns));
    }
  } catch (err) {
    const where = flat ? configSyntaxError(req, err) : null;
    return { ok: false, reason: `ESLint ${version} failed (config or plugin error): ${where ?? errorMessage(err)}` };
  }
  if (!req.candidates && (results.length === 0 || unmatched.length > 0)) {
    // A gate that judged nothing must not read as a pass; ESLint's own CLI exits 2 here.
    const why = unmatched.length > 0 ? unmatched.join('; ') : `the patterns ${req.patterns.map((p) => `'${p}'`).join(', ')} named no file the config lints`;
    if (results.length > 0) return { ok: false, reason: `judged nothing for part of eslint.patterns (${why}), which ESLint's own CLI refuses too; fix or drop those patterns` };
    return { ok: false, reason: `judged nothing: ESLint linted no file (${why}); check eslint.patterns and the config's ignores` };
  }

  const ruleUrls: Record<string, string> = {};
  try {
    for (const [id, meta] of Object.entries(eslint.getRulesMetaForResults?.(results) ?? {})) {
      if (typeof meta?.docs?.url === 'string') ruleUrls[id] = meta.docs.url;
    }
  } catch {
    // Rule docs links are a nicety; a plugin with broken meta must not fail the lint.
  }
  let typeAware = false;
  try {
    // Asked only when results are kept: ESLint hands out one config object per distinct set of matching blocks.
    const seen = new Set<unknown>();
    for (const r of req.cacheFile ? results : []) {
      const config = await eslint.calculateConfigForFile(r.filePath);
      if (seen.has(config)) continue;
      seen.add(config);
      if ((typeAware = readsTypes(config))) break;
    }
  } catch {
    // A config that cannot be asked again is not reused per file.
    typeAware = true;
  }
  return { ok: true, results: trimmed(results), ruleUrls, linted, typeAware, notes };
}
