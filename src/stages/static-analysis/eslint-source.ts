// The ESLint source: checks the options, asks the workspace's own ESLint (run in a process of its own) to lint,
// and maps its messages to findings. Per-file results are kept in the stage's tool cache between runs.
import { existsSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { isDynamicPattern } from 'tinyglobby';
import { resolveInside } from '../../core/inside-path.js';
import { planEslintCache } from './eslint-cache.js';
import { versionAtLeast } from './eslint-lint.js';
import { workspacePackageVersion } from './package-version.js';
import { FLAT_CONFIG_FILES } from './tool-config-files.js';
import type { EslintOptions } from './options.js';
import type { RawFinding, SourceContext, SourceOutcome } from './source.js';
import { runToolProcess } from './tool-process.js';
import { EslintReport, type EslintMessage } from './tool-report.js';
import { checkPattern, toWorkspacePath } from './workspace-path.js';

function wantsFlat(o: EslintOptions, env: SourceContext['env'], cwd: string, version: string): boolean {
  if (o.configType !== 'auto') return o.configType === 'flat';
  if (env.ESLINT_USE_FLAT_CONFIG === 'false') return false;
  if (env.ESLINT_USE_FLAT_CONFIG === 'true') return true;
  // 8.57 defaults to flat only when a flat config file exists; 9 and later default to flat.
  if (!versionAtLeast(version, 9, 0)) return FLAT_CONFIG_FILES.some((f) => existsSync(path.join(cwd, f)));
  return true;
}

function levelOf(m: EslintMessage): 'error' | 'warning' {
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

type Checked = { ok: true; cwd: string; configFile: string | null; version: string } | { ok: false; reason: string };

/** Step: the options stay inside the workspace (also through links), and the workspace has an ESLint Andon can drive. */
function checkOptions(o: EslintOptions, sc: SourceContext): Checked {
  for (const p of o.patterns) {
    const bad = checkPattern(p);
    if (bad) return { ok: false, reason: `eslint: ${bad}` };
  }
  const cwd = resolveInside(sc.workspace, o.cwd, { allowRoot: true });
  if (!cwd.ok) return { ok: false, reason: `eslint: cwd ${cwd.reason}` };
  const config = o.config ? resolveInside(sc.workspace, o.config) : null;
  if (config && !config.ok) return { ok: false, reason: `eslint: config ${config.reason}` };
  const version = workspacePackageVersion(sc.workspace, 'eslint');
  if (version === undefined) return { ok: false, reason: `ESLint is not installed in the workspace (${sc.workspace}): install it there with \`npm i -D eslint\`` };
  if (!versionAtLeast(version, 8, 57)) {
    return { ok: false, reason: `ESLint ${version} in the workspace is too old: Andon needs ESLint 8.57 or later (\`npm i -D eslint@latest\`)` };
  }
  return { ok: true, cwd: cwd.abs, configFile: config?.abs ?? null, version };
}

/** Step: the changed files under cwd that the patterns name (ESLint then drops those its config ignores). */
function changedCandidates(o: EslintOptions, sc: SourceContext, cwd: string, changed: readonly string[]): string[] {
  const named = namedBy(o.patterns);
  const out: string[] = [];
  for (const rel of changed) {
    const abs = path.resolve(sc.workspace, rel);
    const fromCwd = path.relative(cwd, abs).split(path.sep).join('/');
    if (fromCwd.startsWith('..') || !named(fromCwd) || !existsSync(abs)) continue;
    out.push(abs);
  }
  return out;
}

function toFindings(report: Extract<EslintReport, { ok: true }>, sc: SourceContext, version: string): RawFinding[] {
  const findings: RawFinding[] = [];
  const tool = { name: 'ESLint', version, informationUri: 'https://eslint.org' };
  for (const r of report.results) {
    const wp = toWorkspacePath(sc.workspace, r.filePath);
    for (const m of r.messages) {
      if (m.ruleId === null && !m.fatal && IGNORED_WARNING.test(m.message)) continue;
      const ruleId = m.ruleId ?? (m.fatal ? 'parse-error' : 'eslint');
      const f: RawFinding = { ruleId, level: levelOf(m), message: m.message, tool };
      const url = m.ruleId ? report.ruleUrls[m.ruleId] : undefined;
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
  return findings;
}

/** Lints with the user's config; in file/added mode only the changed files ESLint would lint. */
export async function runEslint(o: EslintOptions, sc: SourceContext): Promise<SourceOutcome> {
  const checked = checkOptions(o, sc);
  if (!checked.ok) return checked;
  const { cwd, configFile, version } = checked;
  const flat = wantsFlat(o, sc.env, cwd, version);
  const tools = { eslint: version };
  const candidates = sc.changedFiles ? changedCandidates(o, sc, cwd, sc.changedFiles) : null;
  if (candidates && candidates.length === 0) {
    sc.logger.info(`eslint: none of the ${sc.changedFiles!.length} changed file(s) is one ESLint lints; nothing to lint`);
    return { ok: true, findings: [], tools, partialScope: [], notes: ['eslint: no changed file to lint'] };
  }
  const cache = planEslintCache(await sc.toolCache(), { workspace: sc.workspace, cwd, configFile, version, flat });
  if (cache.note) sc.logger.info(cache.note);

  const request = { tool: 'eslint' as const, workspace: sc.workspace, cwd, version, flat, patterns: o.patterns, configFile, candidates, cacheFile: cache.file };
  const ran = await runToolProcess(request, EslintReport, sc, 'ESLint');
  if (!ran.ok) return ran;
  const report = ran.report;
  if (!report.ok) return report;
  await cache.settle(report.typeAware);

  const notes = [...report.notes, ...(cache.note ? [cache.note] : [])];
  for (const n of report.notes) sc.logger.info(n);
  let partialScope: string[] | undefined;
  if (report.linted) {
    partialScope = report.linted.map((a) => path.relative(sc.workspace, a).split(path.sep).join('/'));
    if (partialScope.length === 0) {
      sc.logger.info(`eslint: none of the ${sc.changedFiles?.length ?? 0} changed file(s) is one ESLint lints; nothing to lint`);
      return { ok: true, findings: [], tools, partialScope, notes: [...notes, 'eslint: no changed file to lint'] };
    }
    sc.logger.info(`eslint: linting the ${partialScope.length} changed file(s) only (filter: ${sc.filter})`);
  }
  const findings = toFindings(report, sc, version);
  const kept = cache.file ? '; per-file results kept for the next run' : '';
  sc.logger.info(`eslint ${version} (${flat ? 'flat' : 'legacy'} config): ${report.results.length} file(s) linted, ${findings.length} finding(s)${kept}`);
  return { ok: true, findings, tools, ...(partialScope ? { partialScope } : {}), notes };
}
