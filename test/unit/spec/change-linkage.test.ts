import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { goodAndonSpec, runSpec, workspaceWith } from './helpers.js';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' } }).trim();
}

async function repo(): Promise<{ ws: string; base: string }> {
  const ws = await workspaceWith({ 'specs/login.md': goodAndonSpec, 'src/login.ts': 'export const a = 1;\n', 'README.md': '# x\n' });
  git(ws, 'init', '-q', '-b', 'main');
  git(ws, 'add', '.');
  git(ws, 'commit', '-q', '-m', 'base');
  return { ws, base: git(ws, 'rev-parse', 'HEAD') };
}

const changes = { paths: ['src/**'], level: 'error' };

describe('spec stage: change linkage', () => {
  it('flags code changed under the configured paths with no spec changed (committed and working tree)', async () => {
    const { ws, base } = await repo();
    await writeFile(path.join(ws, 'src/login.ts'), 'export const a = 2;\n');
    git(ws, 'commit', '-qam', 'code only');
    await mkdir(path.join(ws, 'src/new'), { recursive: true });
    await writeFile(path.join(ws, 'src/new/x.ts'), 'export {};\n');
    const { findings, outcome } = await runSpec(ws, { changes }, { baseSha: base });
    const f = findings.find((x) => x.ruleId === 'spec/change-without-spec');
    expect(f?.level).toBe('error');
    expect(f?.message).toContain('2 changed file(s) under src/**');
    expect(f?.location?.path).toBe('src/login.ts');
    expect(outcome.state).toBe('failed');
    expect(outcome.result).toMatchObject({ changeLinkage: { checked: true, codeChanged: ['src/login.ts', 'src/new/x.ts'], specChanged: [] } });
  });

  it('is satisfied when a spec file changed with the code, and ignores changes outside the paths', async () => {
    const { ws, base } = await repo();
    await writeFile(path.join(ws, 'src/login.ts'), 'export const a = 3;\n');
    await writeFile(path.join(ws, 'specs/login.md'), goodAndonSpec.replace('10 minutes.', '15 minutes.'));
    const linked = await runSpec(ws, { changes }, { baseSha: base });
    expect(linked.findings.some((x) => x.ruleId === 'spec/change-without-spec')).toBe(false);

    const { ws: ws2, base: base2 } = await repo();
    await writeFile(path.join(ws2, 'README.md'), '# y\n');
    const docsOnly = await runSpec(ws2, { changes }, { baseSha: base2 });
    expect(docsOnly.findings.some((x) => x.ruleId === 'spec/change-without-spec')).toBe(false);
  });

  it('counts an OpenSpec change folder as a spec change', async () => {
    const { ws, base } = await repo();
    await writeFile(path.join(ws, 'src/login.ts'), 'export const a = 4;\n');
    await mkdir(path.join(ws, 'openspec/changes/tweak'), { recursive: true });
    await writeFile(path.join(ws, 'openspec/changes/tweak/proposal.md'), '## Why\nx\n');
    const { findings } = await runSpec(ws, { changes }, { baseSha: base });
    expect(findings.some((x) => x.ruleId === 'spec/change-without-spec')).toBe(false);
  });

  it('says it could not check when no base commit is known', async () => {
    const { ws } = await repo();
    const { findings, outcome, ctx } = await runSpec(ws, { changes }, { baseSha: null });
    expect(findings.some((x) => x.ruleId === 'spec/change-without-spec')).toBe(false);
    expect(outcome.result).toMatchObject({ changeLinkage: { checked: false } });
    expect(ctx.logger.text('info')).toContain('change linkage');
  });
});
