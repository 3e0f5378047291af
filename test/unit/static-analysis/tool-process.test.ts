// ESLint and tsc run in a process of their own: the user's config never runs inside Andon, never sees the runner's
// credentials, and whatever it does (exit, hang, crash, run out of memory, write garbage) errors or cancels the stage
// while the line and its record go on. Real ESLint and TypeScript, real processes, the bundled CLI for signals.
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunRecord } from '../../../src/core/run-record.js';
import { staticAnalysisStage } from '../../../src/stages/static-analysis/index.js';
import { StaticAnalysisOptions } from '../../../src/stages/static-analysis/options.js';
import { spawnCli } from '../../helpers/cli.js';
import { makeStageContext, makeTempDir } from '../../helpers/stage-context.js';
import { commitBase, makeWorkspace } from './fixture-repo.js';

async function runStage(workspace: string, options: Record<string, unknown>, env?: Record<string, string | undefined>) {
  const ctx = await makeStageContext({ workspace, options: StaticAnalysisOptions.parse(options), stageId: 'lint', uses: 'static-analysis', ...(env ? { env } : {}) });
  return { outcome: await staticAnalysisStage.run(ctx), ctx };
}

const baseEnv = () => ({ PATH: process.env.PATH, HOME: process.env.HOME });
const rules = `export default [{ files: ['**/*.js'], languageOptions: { ecmaVersion: 2022, sourceType: 'module' }, rules: { 'no-unused-vars': 'error' } }];\n`;

async function recordOf(ws: string): Promise<RunRecord> {
  const [serial] = (await readdir(path.join(ws, '.andon/runs'))).filter((n) => !n.startsWith('.'));
  return RunRecord.parse(JSON.parse(await readFile(path.join(ws, '.andon/runs', serial!, 'run.json'), 'utf8')));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(check: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('ESLint in a process of its own', () => {
  it('runs the config with the stage environment, not Andon\'s own', async () => {
    process.env.ANDON_PROBE_ONLY_IN_ANDON = 'andon-process';
    const ws = await makeWorkspace({
      'eslint.config.js': `import { writeFileSync } from 'node:fs';\nwriteFileSync('seen-env.json', JSON.stringify(process.env));\n${rules}`,
      'a.js': 'export const a = 1;\n',
    });
    const { outcome } = await runStage(ws, { eslint: true, filter: 'nofilter' }, { ...baseEnv(), STAGE_ONLY: 'stage' });
    delete process.env.ANDON_PROBE_ONLY_IN_ANDON;
    expect(outcome.state).toBe('passed');
    const seen = JSON.parse(await readFile(path.join(ws, 'seen-env.json'), 'utf8')) as Record<string, string>;
    expect(seen.STAGE_ONLY).toBe('stage');
    expect(seen.ANDON_PROBE_ONLY_IN_ANDON).toBeUndefined();
  });

  it('a config that calls process.exit(0) errors the stage: ESLint ended before reporting', async () => {
    const ws = await makeWorkspace({ 'eslint.config.js': `${rules}process.exit(0);\n`, 'a.js': 'const unused = 1;\n' });
    const { outcome } = await runStage(ws, { eslint: true, filter: 'nofilter' });
    expect(outcome.state).toBe('errored');
    expect(outcome.reason).toMatch(/^ESLint ended before reporting \(exit code 0\)/);
  });

  it('a config that runs out of memory errors the stage and says so', async () => {
    const ws = await makeWorkspace({ 'eslint.config.js': 'const hog = [];\nfor (;;) hog.push(new Array(1e6).fill(1));\n', 'a.js': 'x;\n' });
    const { outcome } = await runStage(ws, { eslint: true, filter: 'nofilter' }, { ...baseEnv(), NODE_OPTIONS: '--max-old-space-size=64' });
    expect(outcome.state).toBe('errored');
    expect(outcome.reason).toContain('ESLint ended before reporting (out of memory)');
  });

  it('garbage where the report belongs errors the stage with why', async () => {
    const overwrite = (what: string) =>
      `import { readFileSync, writeFileSync } from 'node:fs';\nconst { reportFile } = JSON.parse(readFileSync(process.argv[2], 'utf8'));\nprocess.on('exit', () => writeFileSync(reportFile, ${JSON.stringify(what)}));\n${rules}`;
    const notJson = await makeWorkspace({ 'eslint.config.js': overwrite('{"ok": tru'), 'a.js': 'export const a = 1;\n' });
    const a = await runStage(notJson, { eslint: true, filter: 'nofilter' });
    expect(a.outcome.state).toBe('errored');
    expect(a.outcome.reason).toMatch(/^ESLint reported something that is not JSON/);
    const wrongShape = await makeWorkspace({ 'eslint.config.js': overwrite('{"ok": true, "results": "all good"}'), 'a.js': 'export const a = 1;\n' });
    const b = await runStage(wrongShape, { eslint: true, filter: 'nofilter' });
    expect(b.outcome.state).toBe('errored');
    expect(b.outcome.reason).toMatch(/^ESLint reported something unreadable: results: /);
  });

  it('a report over maxReportBytes is refused unread', async () => {
    const ws = await makeWorkspace({
      'eslint.config.js': rules,
      'a.js': Array.from({ length: 200 }, (_, i) => `const unused${i} = ${i};`).join('\n') + '\n',
    });
    const { outcome } = await runStage(ws, { eslint: true, filter: 'nofilter', maxReportBytes: 4096 });
    expect(outcome.state).toBe('errored');
    expect(outcome.reason).toMatch(/^ESLint reported \d+ bytes, more than maxReportBytes \(4096\); not read$/);
  });

  it('cwd and config must stay inside the workspace once links are resolved', async () => {
    const outside = await makeTempDir('andon-outside-');
    await writeFile(path.join(outside, 'eslint.config.js'), rules);
    await writeFile(path.join(outside, 'secret.js'), 'const unused = 1;\n');
    const ws = await makeWorkspace({ 'eslint.config.js': rules, 'a.js': 'export const a = 1;\n' });
    await symlink(outside, path.join(ws, 'elsewhere'), 'dir');
    await symlink(path.join(outside, 'eslint.config.js'), path.join(ws, 'linked.config.js'));
    const cwd = await runStage(ws, { eslint: { cwd: 'elsewhere' }, filter: 'nofilter' });
    expect(cwd.outcome).toMatchObject({ state: 'errored', reason: expect.stringMatching(/^eslint: cwd "elsewhere" leads outside the workspace through a symlink/) });
    const config = await runStage(ws, { eslint: { config: 'linked.config.js' }, filter: 'nofilter' });
    expect(config.outcome).toMatchObject({ state: 'errored', reason: expect.stringMatching(/^eslint: config "linked.config.js" leads outside the workspace through a symlink/) });
    const absolute = await runStage(ws, { eslint: { config: path.join(outside, 'eslint.config.js') }, filter: 'nofilter' });
    expect(absolute.outcome).toMatchObject({ state: 'errored', reason: expect.stringContaining('is outside the workspace') });
  });
});

describe('tsc in a process of its own', () => {
  it('type-checks there and reports file:line:col; a whole-program tool keeps every finding, the filter only marks those outside the change', async () => {
    const ws = await makeWorkspace({
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, noEmit: true, types: [] }, include: ['src'] }),
      'src/a.ts': 'export const a: number = "text";\n',
      'src/b.ts': 'export const b: string = 1;\n',
    });
    const base = commitBase(ws);
    await writeFile(path.join(ws, 'src/b.ts'), 'export const b: string = 2;\n');
    const ctx = await makeStageContext({ workspace: ws, options: StaticAnalysisOptions.parse({ tsc: true, filter: 'file' }), stageId: 'types', uses: 'static-analysis', baseSha: base });
    const outcome = await staticAnalysisStage.run(ctx);
    expect(outcome.findings?.map((f) => `${f.ruleId} ${f.location?.path}:${f.location?.startLine}:${f.location?.startColumn}`)).toEqual(['TS2322 src/a.ts:1:14', 'TS2322 src/b.ts:1:14']);
    expect(outcome.findings?.map((f) => `${f.location?.path}:${f.inDiff ?? '-'}`)).toEqual(['src/a.ts:false', 'src/b.ts:true']);
    expect(outcome.tools?.typescript).toMatch(/^5\./);
  });

  it('a project that leads outside the workspace through a link is refused', async () => {
    const outside = await makeTempDir('andon-outside-');
    await writeFile(path.join(outside, 'tsconfig.json'), '{}');
    const ws = await makeWorkspace({ 'src/a.ts': 'export const a = 1;\n' });
    await mkdir(path.join(ws, 'config'));
    await symlink(path.join(outside, 'tsconfig.json'), path.join(ws, 'config/tsconfig.json'));
    const { outcome } = await runStage(ws, { tsc: { project: 'config/tsconfig.json' } });
    expect(outcome).toMatchObject({ state: 'errored', reason: expect.stringMatching(/^tsc: project "config\/tsconfig.json" leads outside the workspace through a symlink/) });
  });
});

describe('the line around a tool process (bundled CLI)', () => {
  const lintStage = (extra: string) => `  - id: lint\n    uses: static-analysis\n${extra}    with: { eslint: true, filter: nofilter`;

  it('the runner\'s credentials never reach the ESLint config', async () => {
    const ws = await makeWorkspace({
      'eslint.config.js': `import { writeFileSync } from 'node:fs';\nwriteFileSync('seen.json', JSON.stringify({ token: process.env.ACTIONS_RUNTIME_TOKEN ?? null, input: process.env['INPUT_GITHUB-TOKEN'] ?? null, mine: process.env.MY_OWN ?? null }));\n${rules}`,
      'a.js': 'export const a = 1;\n',
      'andon.yml': `version: 1\nline:\n${lintStage('')} }\n`,
    });
    commitBase(ws);
    const { done } = spawnCli(['run', '--no-cache'], ws, { ACTIONS_RUNTIME_TOKEN: 'runtime-token-value', 'INPUT_GITHUB-TOKEN': 'ghs_token', MY_OWN: 'mine' });
    const r = await done;
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(await readFile(path.join(ws, 'seen.json'), 'utf8'))).toEqual({ token: null, input: null, mine: 'mine' });
  });

  it('a config that exits leaves a finished record: the stage errored, the run not passed', async () => {
    const ws = await makeWorkspace({
      'eslint.config.js': `${rules}process.exit(0);\n`,
      'a.js': 'export const a = 1;\n',
      'andon.yml': `version: 1\nline:\n${lintStage('')} }\n  - id: after\n    uses: command\n    with: { run: [${JSON.stringify(process.execPath)}, "-e", "0"] }\n`,
    });
    commitBase(ws);
    const r = await spawnCli(['run', '--no-cache'], ws).done;
    expect(r.code).toBe(1);
    const rec = await recordOf(ws);
    expect(rec.verdict).toBe('errored');
    expect(rec.stages.map((s) => [s.id, s.state])).toEqual([
      ['lint', 'errored'],
      ['after', 'skipped'],
    ]);
    expect(rec.stages[0]!.reason).toMatch(/^ESLint ended before reporting/);
  });

  it('a hung config errors its stage at timeoutSeconds and the line goes on', async () => {
    const ws = await makeWorkspace({
      'eslint.config.js': `import { writeFileSync } from 'node:fs';\nwriteFileSync('hung.pid', String(process.pid));\nfor (;;) {}\n`,
      'a.js': 'export const a = 1;\n',
      'andon.yml': `version: 1\nline:\n${lintStage('    blocking: false\n')}, timeoutSeconds: 2 }\n  - id: after\n    uses: command\n    with: { run: [${JSON.stringify(process.execPath)}, "-e", "0"] }\n`,
    });
    commitBase(ws);
    const started = Date.now();
    const r = await spawnCli(['run', '--no-cache'], ws).done;
    expect(Date.now() - started).toBeLessThan(30_000);
    const rec = await recordOf(ws);
    expect(rec.stages.map((s) => [s.id, s.state])).toEqual([
      ['lint', 'errored'],
      ['after', 'passed'],
    ]);
    expect(rec.stages[0]!.reason).toBe('timed out after 2s');
    expect(r.code).toBe(0);
    const pid = Number(await readFile(path.join(ws, 'hung.pid'), 'utf8'));
    expect(alive(pid)).toBe(false);
  });

  it('SIGTERM to andon stops a hung ESLint promptly; the stage is cancelled', async () => {
    const ws = await makeWorkspace({
      'eslint.config.js': `import { writeFileSync } from 'node:fs';\nwriteFileSync('hung.pid', String(process.pid));\nfor (;;) {}\n`,
      'a.js': 'export const a = 1;\n',
      'andon.yml': `version: 1\nline:\n${lintStage('')} }\n`,
    });
    commitBase(ws);
    const { child, done } = spawnCli(['run', '--no-cache'], ws);
    await waitFor(() => existsSync(path.join(ws, 'hung.pid')), 30_000);
    const pid = Number(await readFile(path.join(ws, 'hung.pid'), 'utf8'));
    expect(pid).not.toBe(child.pid);
    const sent = Date.now();
    child.kill('SIGTERM');
    const r = await done;
    expect(Date.now() - sent).toBeLessThan(8_000);
    expect(r.code).toBe(1);
    const rec = await recordOf(ws);
    expect(rec.verdict).toBe('cancelled');
    expect(rec.stages.map((s) => [s.state, s.reason])).toEqual([['cancelled', 'cancelled by SIGTERM']]);
    expect(alive(pid)).toBe(false);
  });
});
