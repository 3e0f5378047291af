// Runs the workspace's own ESLint in-process (8.57+, 9, 10; flat or legacy config) and maps its messages to findings.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import picomatch from 'picomatch';
import { isDynamicPattern } from 'tinyglobby';
import { errorMessage } from '../../core/errors.js';
import { workspacePackageVersion } from './package-version.js';
import type { EslintOptions } from './options.js';
import type { RawFinding, SourceContext, SourceOutcome } from './source.js';
import { checkPattern, toWorkspacePath } from './workspace-path.js';

interface LintMessage {
  ruleId: string | null;
  severity: number;
  message: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  fatal?: boolean;
}
interface LintResult {
  filePath: string;
  messages: LintMessage[];
}
interface EslintInstance {
  lintFiles(patterns: string[]): Promise<LintResult[]>;
  isPathIgnored(filePath: string): Promise<boolean>;
  getRulesMetaForResults?(results: LintResult[]): Record<string, { docs?: { url?: string } } | undefined>;
}
type EslintClass = new (options: Record<string, unknown>) => EslintInstance;
interface EslintModule {
  loadESLint?: (o: { useFlatConfig?: boolean; cwd?: string }) => Promise<EslintClass>;
  ESLint?: EslintClass & { version?: string };
  FlatESLint?: EslintClass;
  LegacyESLint?: EslintClass;
}

const FLAT_CONFIG_FILES = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts', 'eslint.config.cts'];

export interface LoadedEslint {
  version: string;
  module: EslintModule;
}

function versionAtLeast(v: string, major: number, minor: number): boolean {
  const [ma = 0, mi = 0] = v.split('.').map((x) => Number.parseInt(x, 10));
  return ma > major || (ma === major && mi >= minor);
}

/** Resolves ESLint the way the workspace's own `npx eslint` would, never Andon's copy. */
export async function loadWorkspaceEslint(workspace: string): Promise<{ ok: true; eslint: LoadedEslint } | { ok: false; reason: string }> {
  const req = createRequire(path.join(workspace, 'package.json'));
  let main: string;
  const version = workspacePackageVersion(workspace, 'eslint');
  try {
    main = req.resolve('eslint');
  } catch {
    return { ok: false, reason: `ESLint is not installed in the workspace (${workspace}): install it there with \`npm i -D eslint\`` };
  }
  if (version === undefined) return { ok: false, reason: `ESLint in the workspace (${workspace}) has no readable version in eslint/package.json` };
  if (!versionAtLeast(version, 8, 57)) {
    return { ok: false, reason: `ESLint ${version} in the workspace is too old: Andon needs ESLint 8.57 or later (\`npm i -D eslint@latest\`)` };
  }
  try {
    const imported = (await import(pathToFileURL(main).href)) as EslintModule & { default?: EslintModule };
    const module = imported.loadESLint || imported.ESLint ? imported : (imported.default ?? imported);
    return { ok: true, eslint: { version, module } };
  } catch (err) {
    return { ok: false, reason: `ESLint ${version} in the workspace could not be loaded: ${errorMessage(err)}` };
  }
}

function wantsFlat(o: EslintOptions, env: SourceContext['env'], cwd: string, version: string): boolean {
  if (o.configType !== 'auto') return o.configType === 'flat';
  if (env.ESLINT_USE_FLAT_CONFIG === 'false') return false;
  if (env.ESLINT_USE_FLAT_CONFIG === 'true') return true;
  // 8.57 defaults to flat only when a flat config file exists; 9 and later default to flat.
  if (!versionAtLeast(version, 9, 0)) return FLAT_CONFIG_FILES.some((f) => existsSync(path.join(cwd, f)));
  return true;
}

async function pickClass(mod: EslintModule, flat: boolean, version: string): Promise<EslintClass | string> {
  if (!flat && versionAtLeast(version, 10, 0)) return `ESLint ${version} no longer reads legacy .eslintrc configs: use an eslint.config.js (or configType: flat)`;
  if (mod.loadESLint) return mod.loadESLint({ useFlatConfig: flat });
  if (flat && mod.FlatESLint) return mod.FlatESLint;
  if (!flat && mod.ESLint) return mod.ESLint;
  return `ESLint ${version} exposes no ${flat ? 'flat' : 'legacy'} config API`;
}

function levelOf(m: LintMessage): 'error' | 'warning' {
  return m.severity >= 2 || m.fatal ? 'error' : 'warning';
}

const IGNORED_WARNING = /^File ignored\b/;

/** Whether a file (relative to cwd, posix) is one the user's patterns name: a glob match, the file, or under the folder. */
function namedBy(patterns: readonly string[]): (rel: string) => boolean {
  const tests = patterns.map((raw) => {
    const p = raw.replace(/^\.\//, '').replace(/\/+$/, '');
    if (p === '.' || p === '') return () => true;
    if (isDynamicPattern(p)) return picomatch(p, { dot: true });
    return (rel: string) => rel === p || rel.startsWith(p + '/');
  });
  return (rel) => tests.some((t) => t(rel));
}

/** Lints with the user's config; in file/added mode only the changed files ESLint would lint. */
export async function runEslint(o: EslintOptions, sc: SourceContext): Promise<SourceOutcome> {
  for (const p of [o.cwd, ...o.patterns, ...(o.config ? [o.config] : [])]) {
    const bad = p === '.' ? null : checkPattern(p);
    if (bad) return { ok: false, reason: `eslint: ${bad}` };
  }
  const cwd = path.resolve(sc.workspace, o.cwd);
  const loaded = await loadWorkspaceEslint(sc.workspace);
  if (!loaded.ok) return loaded;
  const { version, module } = loaded.eslint;
  const flat = wantsFlat(o, sc.env, cwd, version);
  const Cls = await pickClass(module, flat, version);
  if (typeof Cls === 'string') return { ok: false, reason: Cls };

  const options: Record<string, unknown> = { cwd, errorOnUnmatchedPattern: false };
  if (o.config) options.overrideConfigFile = path.resolve(sc.workspace, o.config);
  let eslint: EslintInstance;
  try {
    eslint = new Cls(options);
  } catch (err) {
    return { ok: false, reason: `ESLint ${version} refused its options: ${errorMessage(err)}` };
  }

  const notes: string[] = [];
  let patterns = o.patterns;
  let partialScope: string[] | undefined;
  if (sc.changedFiles) {
    // Only files under cwd that the config would lint; ESLint decides, so user ignores and `files` globs hold.
    const named = namedBy(o.patterns);
    const candidates: string[] = [];
    for (const rel of sc.changedFiles) {
      const abs = path.resolve(sc.workspace, rel);
      const fromCwd = path.relative(cwd, abs).split(path.sep).join('/');
      if (fromCwd.startsWith('..') || !named(fromCwd) || !existsSync(abs)) continue;
      candidates.push(abs);
    }
    const lintable: string[] = [];
    try {
      for (const abs of candidates) {
        if (await eslint.isPathIgnored(abs)) continue;
        if (!flat && !/\.(c|m)?jsx?$/.test(abs)) continue; // legacy ESLint lints any explicit file, as JS
        lintable.push(abs);
      }
    } catch (err) {
      return { ok: false, reason: `ESLint ${version} could not load its config: ${errorMessage(err)}` };
    }
    partialScope = lintable.map((a) => path.relative(sc.workspace, a).split(path.sep).join('/'));
    if (lintable.length === 0) {
      sc.logger.info(`eslint: none of the ${sc.changedFiles.length} changed file(s) is one ESLint lints; nothing to lint`);
      return { ok: true, findings: [], tools: { eslint: version }, partialScope: [], notes: ['eslint: no changed file to lint'] };
    }
    sc.logger.info(`eslint: linting the ${lintable.length} changed file(s) only (filter: ${sc.filter})`);
    patterns = lintable;
  }

  let results: LintResult[];
  try {
    results = await eslint.lintFiles(patterns);
  } catch (err) {
    return { ok: false, reason: `ESLint ${version} failed (config or plugin error): ${errorMessage(err)}` };
  }
  let meta: Record<string, { docs?: { url?: string } } | undefined> = {};
  try {
    meta = eslint.getRulesMetaForResults?.(results) ?? {};
  } catch {
    // Rule docs links are a nicety; a plugin with broken meta must not fail the lint.
  }

  const findings: RawFinding[] = [];
  const tool = { name: 'ESLint', version, informationUri: 'https://eslint.org' };
  for (const r of results) {
    const wp = toWorkspacePath(sc.workspace, r.filePath);
    for (const m of r.messages) {
      if (m.ruleId === null && !m.fatal && IGNORED_WARNING.test(m.message)) continue;
      const ruleId = m.ruleId ?? (m.fatal ? 'parse-error' : 'eslint');
      const f: RawFinding = { ruleId, level: levelOf(m), message: m.message, tool };
      const url = m.ruleId ? meta[m.ruleId]?.docs?.url : undefined;
      if (url) f.helpUri = url;
      if (wp.ok) {
        f.location = { path: wp.path };
        if (m.line) {
          f.location.startLine = m.line;
          if (m.column) f.location.startColumn = m.column;
          if (m.endLine) f.location.endLine = m.endLine;
          if (m.endColumn && m.endLine) f.location.endColumn = m.endColumn;
        }
      } else {
        f.note = `${wp.reason}; location refused`;
      }
      findings.push(f);
    }
  }
  sc.logger.info(`eslint ${version} (${flat ? 'flat' : 'legacy'} config): ${results.length} file(s) linted, ${findings.length} finding(s)`);
  return { ok: true, findings, tools: { eslint: version }, ...(partialScope ? { partialScope } : {}), notes };
}
