import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/findings.js';
import { staticAnalysisStage } from '../../../src/stages/static-analysis/index.js';
import { StaticAnalysisOptions } from '../../../src/stages/static-analysis/options.js';
import { makeStageContext } from '../../helpers/stage-context.js';
import { commitBase, flatConfig, git, makeWorkspace } from './fixture-repo.js';

const opts = (o: Record<string, unknown>) => StaticAnalysisOptions.parse(o);

async function runStage(workspace: string, options: Record<string, unknown>, extra: { baseSha?: string; baselineJson?: unknown; env?: Record<string, string | undefined> } = {}) {
  const ctx = await makeStageContext({ workspace, options: opts(options), stageId: 'lint', uses: 'static-analysis', ...extra });
  const outcome = await staticAnalysisStage.run(ctx);
  return { outcome, ctx, findings: (outcome.findings ?? []) as Finding[] };
}

describe('static-analysis eslint source', () => {
  it('lints with the workspace ESLint and flat config, findings with file:line:col and the ESLint version', async () => {
    const ws = await makeWorkspace({
      'eslint.config.js': flatConfig,
      'src/a.js': 'const unused = 1;\nconsole.log("hi");\n',
      'src/ok.js': 'export const x = 1;\n',
    });
    const { outcome, findings } = await runStage(ws, { eslint: true, filter: 'nofilter' });
    expect(outcome.state).toBe('failed');
    expect(outcome.tools?.eslint).toMatch(/^9\./);
    const unused = findings.find((f) => f.ruleId === 'no-unused-vars')!;
    expect(unused.location).toMatchObject({ path: 'src/a.js', startLine: 1, startColumn: 7 });
    expect(unused.level).toBe('error');
    expect(unused.tool?.name).toBe('ESLint');
    expect(unused.helpUri).toContain('eslint.org');
    expect(unused.fingerprint).toMatch(/^[0-9a-f]{16}:1$/);
    expect(findings.find((f) => f.ruleId === 'no-console')?.level).toBe('warning');
    expect(outcome.reason).toContain('src/a.js:1:7');
  });

  it('passes when only warnings are found and failOn is error; fails on them with failOn warning', async () => {
    const ws = await makeWorkspace({ 'eslint.config.js': flatConfig, 'a.js': 'console.log(1);\n' });
    expect((await runStage(ws, { eslint: true, filter: 'nofilter' })).outcome.state).toBe('passed');
    expect((await runStage(ws, { eslint: true, filter: 'nofilter', failOn: 'warning' })).outcome.state).toBe('failed');
  });

  it('reports a parse error as an error finding, not a crash', async () => {
    const ws = await makeWorkspace({ 'eslint.config.js': flatConfig, 'bad.js': 'const = ;\n' });
    const { outcome, findings } = await runStage(ws, { eslint: true, filter: 'nofilter' });
    expect(outcome.state).toBe('failed');
    expect(findings[0]).toMatchObject({ ruleId: 'parse-error', level: 'error', location: { path: 'bad.js', startLine: 1 } });
  });

  it('is errored, with what to install, in a workspace without ESLint', async () => {
    const ws = await makeWorkspace({ 'a.js': 'x\n' }, { withNodeModules: false });
    const { outcome } = await runStage(ws, { eslint: true, filter: 'nofilter' });
    expect(outcome.state).toBe('errored');
    expect(outcome.reason).toContain('ESLint is not installed in the workspace');
    expect(outcome.reason).toContain('npm i -D eslint');
  });

  it('is errored with ESLint\'s own message when the config throws', async () => {
    const ws = await makeWorkspace({ 'eslint.config.js': 'throw new Error("config exploded on purpose");\n', 'a.js': 'x\n' });
    const { outcome } = await runStage(ws, { eslint: true, filter: 'nofilter' });
    expect(outcome.state).toBe('errored');
    expect(outcome.reason).toContain('config exploded on purpose');
    expect(outcome.reason).toMatch(/^ESLint 9\.\S+ failed/);
  });

  it('is errored when the config throws in file mode too (checked while choosing files)', async () => {
    const ws = await makeWorkspace({ 'eslint.config.js': 'export default [{ rules: { "no-undef": "error" } }];\n', 'a.js': 'x\n' });
    const base = commitBase(ws);
    await writeFile(path.join(ws, 'eslint.config.js'), 'throw new Error("late explosion");\n');
    await writeFile(path.join(ws, 'a.js'), 'y\n');
    const { outcome } = await runStage(ws, { eslint: true, filter: 'file' }, { baseSha: base });
    expect(outcome.state).toBe('errored');
    expect(outcome.reason).toContain('late explosion');
  });

  it('reads a legacy .eslintrc.json when ESLINT_USE_FLAT_CONFIG=false', async () => {
    const ws = await makeWorkspace({
      '.eslintrc.json': JSON.stringify({ root: true, parserOptions: { ecmaVersion: 2022, sourceType: 'module' }, rules: { 'no-unused-vars': 'error' } }),
      'a.js': 'const legacyUnused = 1;\n',
    });
    const { outcome, findings } = await runStage(ws, { eslint: true, filter: 'nofilter' }, { env: { PATH: process.env.PATH, ESLINT_USE_FLAT_CONFIG: 'false' } });
    expect(outcome.state).toBe('failed');
    expect(findings.map((f) => f.ruleId)).toEqual(['no-unused-vars']);
    expect(findings[0]!.message).toContain('legacyUnused');
  });

  it('runs in a sub-folder (cwd) with an explicit config file, paths staying workspace-relative', async () => {
    const ws = await makeWorkspace({
      'packages/app/lint.config.js': flatConfig,
      'packages/app/src/x.js': 'const inApp = 1;\n',
      'other/y.js': 'const notLinted = 1;\n',
    });
    const { findings, outcome } = await runStage(ws, { eslint: { cwd: 'packages/app', config: 'packages/app/lint.config.js' }, filter: 'nofilter' });
    expect(outcome.state).toBe('failed');
    expect(findings.map((f) => f.location?.path)).toEqual(['packages/app/src/x.js']);
  });

  it('refuses ESLint patterns that climb out of the workspace', async () => {
    const ws = await makeWorkspace({ 'eslint.config.js': flatConfig });
    const { outcome } = await runStage(ws, { eslint: { patterns: ['../elsewhere'] }, filter: 'nofilter' });
    expect(outcome.state).toBe('errored');
    expect(outcome.reason).toContain('".." and could reach outside the workspace');
  });

  describe('diff awareness in a real git repo', () => {
    async function repoWithOldProblems() {
      const ws = await makeWorkspace({
        'eslint.config.js': flatConfig,
        'src/old.js': 'const oldUnused = 1;\n',
        'src/touched.js': 'export function f() {\n  return 1;\n}\n',
        'README.md': '# readme\n',
      });
      const base = commitBase(ws);
      return { ws, base };
    }

    it('file mode lints only the changed lintable files and says so', async () => {
      const { ws, base } = await repoWithOldProblems();
      await writeFile(path.join(ws, 'src/touched.js'), 'export function f() {\n  const added = 2;\n  return 1;\n}\n');
      await writeFile(path.join(ws, 'README.md'), '# readme changed\n');
      git(ws, 'commit', '-qam', 'change');
      const { outcome, findings, ctx } = await runStage(ws, { eslint: true, filter: 'file' }, { baseSha: base });
      expect(findings.map((f) => f.location?.path)).toEqual(['src/touched.js']);
      expect(findings[0]!.inDiff).toBe(true);
      expect(outcome.state).toBe('failed');
      expect(ctx.logger.text()).toContain('linting the 1 changed file(s) only');
      expect((outcome.result as { scope: { partial: boolean; files: string[] } }).scope).toEqual({ partial: true, files: ['src/touched.js'] });
    });

    it('file mode lints only changed files the ESLint patterns name', async () => {
      const { ws, base } = await repoWithOldProblems();
      await writeFile(path.join(ws, 'src/touched.js'), 'const inSrc = 1;\n');
      await writeFile(path.join(ws, 'scripts.js'), 'const outsideSrc = 1;\n');
      const { findings } = await runStage(ws, { eslint: { patterns: ['src/'] }, filter: 'file' }, { baseSha: base });
      expect(findings.map((f) => f.location?.path)).toEqual(['src/touched.js']);
      const globbed = await runStage(ws, { eslint: { patterns: ['*.js'] }, filter: 'file' }, { baseSha: base });
      expect(globbed.findings.map((f) => f.location?.path)).toEqual(['scripts.js']);
    });

    it('file mode with no lintable change passes and says nothing was linted', async () => {
      const { ws, base } = await repoWithOldProblems();
      await writeFile(path.join(ws, 'README.md'), '# only docs\n');
      const { outcome, findings, ctx } = await runStage(ws, { eslint: true, filter: 'file' }, { baseSha: base });
      expect(findings).toEqual([]);
      expect(outcome.state).toBe('passed');
      expect(ctx.logger.text()).toContain('nothing to lint');
    });

    it('added mode marks findings on untouched lines inDiff:false and they do not block', async () => {
      const { ws, base } = await repoWithOldProblems();
      // Touch old.js on another line: its old problem is outside the added lines.
      await writeFile(path.join(ws, 'src/old.js'), 'const oldUnused = 1;\nexport const fine = 2;\n');
      const { outcome, findings } = await runStage(ws, { eslint: true, filter: 'added' }, { baseSha: base });
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({ ruleId: 'no-unused-vars', inDiff: false });
      expect(outcome.state).toBe('passed');
      expect(outcome.counts).toMatchObject({ outsideDiff: 1, blocking: 0 });
    });

    it('diff_context lints everything but only blocks near the change; nofilter blocks all', async () => {
      const { ws, base } = await repoWithOldProblems();
      await writeFile(path.join(ws, 'src/new.js'), 'const brandNew = 1;\n');
      const ctxRun = await runStage(ws, { eslint: true, filter: 'diff_context' }, { baseSha: base });
      const byPath = Object.fromEntries(ctxRun.findings.map((f) => [f.location!.path, f.inDiff]));
      expect(byPath).toEqual({ 'src/new.js': true, 'src/old.js': false });
      expect(ctxRun.outcome.counts).toMatchObject({ blocking: 1 });
      const all = await runStage(ws, { eslint: true, filter: 'nofilter' }, { baseSha: base });
      expect(all.findings.every((f) => f.inDiff === undefined)).toBe(true);
      expect(all.outcome.counts).toMatchObject({ blocking: 2 });
    });

    it('a baseline makes known findings unchanged, blocks only new ones, and reports fixed ones', async () => {
      const { ws, base } = await repoWithOldProblems();
      await writeFile(path.join(ws, 'src/gone.js'), 'const willBeFixed = 1;\n');
      const first = await runStage(ws, { eslint: true, filter: 'nofilter' });
      expect(first.outcome.state).toBe('failed');
      const baselineJson = first.outcome.baseline;
      // Unrelated lines inserted above the old problem; one problem fixed; one new problem.
      await writeFile(path.join(ws, 'src/old.js'), '// a comment\n\nconst oldUnused = 1;\n');
      await rm(path.join(ws, 'src/gone.js'));
      await writeFile(path.join(ws, 'src/touched.js'), 'export function f() {\n  const fresh = 2;\n  return 1;\n}\n');
      const second = await runStage(ws, { eslint: true, filter: 'nofilter' }, { baselineJson, baseSha: base });
      const states = Object.fromEntries(second.findings.map((f) => [f.location!.path, f.baseline]));
      expect(states).toEqual({ 'src/old.js': 'unchanged', 'src/touched.js': 'new', 'src/gone.js': 'absent' });
      expect(second.outcome.state).toBe('failed');
      expect(second.outcome.counts).toMatchObject({ blocking: 1, unchanged: 1, fixed: 1 });
      // newOnly: false blocks the known one too.
      const strict = await runStage(ws, { eslint: true, filter: 'nofilter', newOnly: false }, { baselineJson });
      expect(strict.outcome.counts).toMatchObject({ blocking: 2 });
    });

    it('file mode keeps baseline entries of files it did not lint, instead of calling them fixed', async () => {
      const { ws, base } = await repoWithOldProblems();
      const full = await runStage(ws, { eslint: true, filter: 'nofilter' });
      expect(full.findings).toHaveLength(1);
      await writeFile(path.join(ws, 'src/touched.js'), 'export function f() {\n  return 2;\n}\n');
      const partial = await runStage(ws, { eslint: true, filter: 'file' }, { baselineJson: full.outcome.baseline, baseSha: base });
      expect(partial.outcome.counts).toMatchObject({ fixed: 0 });
      const entries = (partial.outcome.baseline as { entries: { path: string }[] }).entries;
      expect(entries.map((e) => e.path)).toEqual(['src/old.js']);
      expect(partial.outcome.state).toBe('passed');
    });
  });
});
