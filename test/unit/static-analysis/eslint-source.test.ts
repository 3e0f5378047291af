import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/findings.js';
import { staticAnalysisStage } from '../../../src/stages/static-analysis/index.js';
import { StaticAnalysisOptions } from '../../../src/stages/static-analysis/options.js';
import { makeStageContext } from '../../helpers/stage-context.js';
import { commitBase, flatConfig, git, makeWorkspace } from './fixture-repo.js';

const opts = (o: Record<string, unknown>) => StaticAnalysisOptions.parse(o);

async function runStage(
  workspace: string,
  options: Record<string, unknown>,
  extra: { baseSha?: string; baselineJson?: unknown; baselineOrigin?: string; env?: Record<string, string | undefined>; source?: { onBaseBranch?: boolean } } = {},
) {
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

  it('names the file, line and column of a config that does not parse (Node\'s own error names no place)', async () => {
    const ws = await makeWorkspace({ 'eslint.config.js': 'export default [\n  { rules: {\n    "no-undef": "error" {\n  } },\n];\n', 'a.js': 'x\n' });
    const { outcome } = await runStage(ws, { eslint: true, filter: 'nofilter' });
    expect(outcome.state).toBe('errored');
    expect(outcome.reason).toMatch(/^ESLint 9\.\S+ failed \(config or plugin error\): eslint\.config\.js:3:25: Unexpected token \{$/);
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

  it('is errored, not passed, when the whole lint judged nothing: every file ignored, or a pattern naming no file', async () => {
    const ws = await makeWorkspace({ 'eslint.config.mjs': 'export default [{ ignores: ["**/*"] }];\n', 'src/a.js': 'const unused = 1;\n' });
    const ignored = await runStage(ws, { eslint: true, filter: 'nofilter' });
    expect(ignored.outcome.state).toBe('errored');
    expect(ignored.outcome.reason).toBe("judged nothing: ESLint linted no file (every file '.' matches is ignored by the config); check eslint.patterns and the config's ignores");

    await writeFile(path.join(ws, 'eslint.config.mjs'), flatConfig);
    const missing = await runStage(ws, { eslint: { patterns: ['lib'] }, filter: 'nofilter' });
    expect(missing.outcome.state).toBe('errored');
    expect(missing.outcome.reason).toBe("judged nothing: ESLint linted no file (no file matches 'lib'); check eslint.patterns and the config's ignores");
    // One pattern of several: ESLint's CLI refuses it too, and every such pattern is named.
    const part = await runStage(ws, { eslint: { patterns: ['lib', 'src', 'docs/*.js'] }, filter: 'nofilter' });
    expect(part.outcome.state).toBe('errored');
    expect(part.outcome.reason).toContain("judged nothing for part of eslint.patterns (no file matches 'lib'; no file matches 'docs/*.js')");
    expect((await runStage(ws, { eslint: { patterns: ['src'] }, filter: 'nofilter' })).outcome.state).toBe('failed');
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

    /** What a recorded run of the base commit holds: the whole workspace judged at the base. */
    async function judgedAtBase(ws: string, options: Record<string, unknown> = { eslint: true }) {
      const full = await runStage(ws, { ...options, filter: 'nofilter' });
      return { baselineJson: full.outcome.baseline, baselineOrigin: 'store' };
    }

    const states = (fs: Finding[]) => fs.map((f) => `${f.location?.path}:${f.baseline}:${f.inDiff}`).sort();

    it('file mode lints only the changed lintable files, carries the others from the base, and says how many it checked', async () => {
      const { ws, base } = await repoWithOldProblems();
      const atBase = await judgedAtBase(ws);
      await writeFile(path.join(ws, 'src/touched.js'), 'export function f() {\n  const added = 2;\n  return 1;\n}\n');
      await writeFile(path.join(ws, 'README.md'), '# readme changed\n');
      git(ws, 'commit', '-qam', 'change');
      const { outcome, findings, ctx } = await runStage(ws, { eslint: true, filter: 'file' }, { baseSha: base, ...atBase });
      expect(states(findings)).toEqual(['src/old.js:unchanged:false', 'src/touched.js:new:true']);
      expect(findings.find((f) => f.location?.path === 'src/old.js')!.note).toContain('carried from the base');
      expect(outcome.state).toBe('failed');
      expect(ctx.logger.text()).toContain('linting the 1 changed file(s) only');
      expect(outcome.counts).toMatchObject({ checked: 1, carried: 1, blocking: 1 });
      expect((outcome.result as { scope: unknown }).scope).toEqual({ eslint: { checked: ['src/touched.js'], changed: 2, carried: 1 } });
    });

    it('file mode lints only changed files the ESLint patterns name', async () => {
      const { ws, base } = await repoWithOldProblems();
      const inSrc = await judgedAtBase(ws, { eslint: { patterns: ['src/'] } });
      const topLevel = await judgedAtBase(ws, { eslint: { patterns: ['*.js'] } });
      await writeFile(path.join(ws, 'src/touched.js'), 'const inSrc = 1;\n');
      await writeFile(path.join(ws, 'scripts.js'), 'const outsideSrc = 1;\n');
      const fresh = (fs: Finding[]) => fs.filter((f) => f.baseline === 'new').map((f) => f.location?.path);
      expect(fresh((await runStage(ws, { eslint: { patterns: ['src/'] }, filter: 'file' }, { baseSha: base, ...inSrc })).findings)).toEqual(['src/touched.js']);
      expect(fresh((await runStage(ws, { eslint: { patterns: ['*.js'] }, filter: 'file' }, { baseSha: base, ...topLevel })).findings)).toEqual(['scripts.js']);
    });

    it('a change with no file ESLint lints has nothing to lint: it passes (the lintable files are as at the base) and says so', async () => {
      const { ws, base } = await repoWithOldProblems();
      const atBase = await judgedAtBase(ws);
      await writeFile(path.join(ws, 'README.md'), '# only docs\n');
      const { outcome, findings } = await runStage(ws, { eslint: true, filter: 'file' }, { baseSha: base, ...atBase });
      expect(outcome.state).toBe('passed');
      expect(outcome.reason).toBe('nothing to lint: none of the 1 changed file(s) is one ESLint lints, the others are as at the base; 1 known finding(s) carried from it');
      expect(outcome.counts).toMatchObject({ checked: 0, carried: 1 });
      expect((outcome.result as { judgedNothing: boolean }).judgedNothing).toBe(true);
      expect(states(findings)).toEqual(['src/old.js:unchanged:false']);
    });

    it('on the base branch, without a change set, or without a baseline of the base commit the whole workspace is linted', async () => {
      const { ws, base } = await repoWithOldProblems();
      const atBase = await judgedAtBase(ws);
      await writeFile(path.join(ws, 'src/touched.js'), 'export const t = 1;\n');
      const onMain = await runStage(ws, { eslint: true, filter: 'file' }, { baseSha: base, ...atBase, source: { onBaseBranch: true } });
      expect(onMain.ctx.logger.text()).toContain('eslint: linting the whole workspace: on the base branch the whole workspace is judged');
      expect(onMain.outcome.counts).not.toHaveProperty('checked');
      expect(states(onMain.findings)).toEqual(['src/old.js:unchanged:false']);
      expect(onMain.findings[0]!.note).toBeUndefined();
      const noChange = await runStage(ws, { eslint: true, filter: 'file' }, atBase);
      expect(noChange.ctx.logger.text()).toContain('no change set');
      expect(states(noChange.findings)).toEqual(['src/old.js:unchanged:undefined']);
      const committed = await runStage(ws, { eslint: true, filter: 'file' }, { baseSha: base, baselineJson: atBase.baselineJson });
      expect(committed.ctx.logger.text()).toContain('the committed baseline may be older than the base commit');
      await writeFile(path.join(ws, 'eslint.config.js'), flatConfig.replace("'no-console': 'warn'", "'no-console': 'off'"));
      const config = await runStage(ws, { eslint: true, filter: 'file' }, { baseSha: base, ...atBase });
      expect(config.ctx.logger.text()).toContain('the change touches eslint.config.js');
    });

    it('added mode marks what is outside the added lines; a known finding there does not block, a new one does', async () => {
      const { ws, base } = await repoWithOldProblems();
      await writeFile(path.join(ws, 'src/used.js'), 'const used = 1;\nexport const y = used;\n');
      git(ws, 'add', '-A');
      git(ws, 'commit', '-qm', 'used');
      const newBase = git(ws, 'rev-parse', 'HEAD');
      const atBase = await judgedAtBase(ws);
      // old.js touched on another line: its old problem is outside the added lines and known.
      await writeFile(path.join(ws, 'src/old.js'), 'const oldUnused = 1;\nexport const fine = 2;\n');
      const known = await runStage(ws, { eslint: true, filter: 'added' }, { baseSha: newBase, ...atBase });
      expect(states(known.findings)).toEqual(['src/old.js:unchanged:false']);
      expect(known.outcome.state).toBe('passed');
      expect(known.outcome.counts).toMatchObject({ outsideDiff: 1, blocking: 0 });
      // The only use of `used` goes: line 1, which the change did not add, now has a new problem, and it blocks.
      await writeFile(path.join(ws, 'src/used.js'), 'const used = 1;\nexport const y = 2;\n');
      const fresh = await runStage(ws, { eslint: true, filter: 'added' }, { baseSha: newBase, ...atBase });
      expect(states(fresh.findings)).toEqual(['src/old.js:unchanged:false', 'src/used.js:new:false']);
      expect(fresh.outcome.state).toBe('failed');
      expect(fresh.outcome.reason).toContain('src/used.js:1:7 error no-unused-vars');
      void base;
    });

    it('diff_context and nofilter lint everything; what blocks is what is new against the base', async () => {
      const { ws, base } = await repoWithOldProblems();
      const atBase = await judgedAtBase(ws);
      await writeFile(path.join(ws, 'src/new.js'), 'const brandNew = 1;\n');
      const ctxRun = await runStage(ws, { eslint: true, filter: 'diff_context' }, { baseSha: base, ...atBase });
      expect(states(ctxRun.findings)).toEqual(['src/new.js:new:true', 'src/old.js:unchanged:false']);
      expect(ctxRun.outcome.counts).toMatchObject({ blocking: 1 });
      const all = await runStage(ws, { eslint: true, filter: 'nofilter' }, { baseSha: base, ...atBase });
      expect(states(all.findings)).toEqual(['src/new.js:new:undefined', 'src/old.js:unchanged:undefined']);
      expect(all.outcome.counts).toMatchObject({ blocking: 1 });
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
      const byPath = Object.fromEntries(second.findings.map((f) => [f.location!.path, f.baseline]));
      expect(byPath).toEqual({ 'src/old.js': 'unchanged', 'src/touched.js': 'new', 'src/gone.js': 'absent' });
      expect(second.outcome.state).toBe('failed');
      expect(second.outcome.counts).toMatchObject({ blocking: 1, unchanged: 1, fixed: 1 });
      // newOnly: false blocks the known one too.
      const strict = await runStage(ws, { eslint: true, filter: 'nofilter', newOnly: false }, { baselineJson });
      expect(strict.outcome.counts).toMatchObject({ blocking: 2 });
    });

    it('file mode keeps baseline entries of files it did not lint, instead of calling them fixed', async () => {
      const { ws, base } = await repoWithOldProblems();
      const atBase = await judgedAtBase(ws);
      await writeFile(path.join(ws, 'src/touched.js'), 'export function f() {\n  return 2;\n}\n');
      const partial = await runStage(ws, { eslint: true, filter: 'file' }, { baseSha: base, ...atBase });
      expect(partial.outcome.counts).toMatchObject({ fixed: 0, carried: 1 });
      const entries = (partial.outcome.baseline as { entries: { path: string }[] }).entries;
      expect(entries.map((e) => e.path)).toEqual(['src/old.js']);
      expect(partial.outcome.state).toBe('passed');
    });
  });
});
