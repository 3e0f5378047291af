import { describe, expect, it } from 'vitest';
import { mkdir, open, symlink } from 'node:fs/promises';
import path from 'node:path';
import { goodAndonSpec, runSpec, workspaceWith } from './helpers.js';

describe('spec stage: bad input', () => {
  it('reports invalid front matter with file:line:col', async () => {
    const ws = await workspaceWith({ 'specs/bad.md': '---\nid: x\ntitle: a: b: c\nstatus: draft\n---\n# X\n' });
    const { findings, outcome } = await runSpec(ws);
    const f = findings.find((x) => x.ruleId === 'spec/front-matter');
    expect(f?.message).toBe('specs/bad.md:3:8: invalid YAML front matter: Nested mappings are not allowed in compact mappings');
    expect(f?.location).toMatchObject({ path: 'specs/bad.md', startLine: 3, startColumn: 8 });
    expect(outcome.state).toBe('failed');
  });

  it('reports a front matter status outside draft|ready|done at its line', async () => {
    const ws = await workspaceWith({ 'specs/s.md': '---\nid: s\ntitle: S\nstatus: shipped\n---\n# S\n\ntext\n' });
    const { findings } = await runSpec(ws);
    expect(findings.find((x) => x.ruleId === 'spec/front-matter')?.message).toBe('specs/s.md:4:1: front matter "status" must be one of draft, ready, done');
  });

  it('refuses a YAML alias bomb in front matter instead of expanding it', async () => {
    const bomb = ['---', 'a: &a ["x","x","x","x","x","x","x","x","x"]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]', 'id: x', 'title: y', 'status: draft', '---', '# y', ''].join('\n');
    const ws = await workspaceWith({ 'specs/bomb.md': bomb });
    const { findings } = await runSpec(ws);
    expect(findings.find((x) => x.ruleId === 'spec/front-matter')?.message).toContain('refused');
  });

  it('refuses a binary file and a non-UTF-8 file under the spec folder, naming where', async () => {
    const ws = await workspaceWith({
      'specs/ok.md': goodAndonSpec,
      'specs/image.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]),
      'specs/latin1.md': Buffer.concat([Buffer.from('---\nid: l\ntitle: caf'), Buffer.from([0xe9]), Buffer.from('\nstatus: draft\n---\n')]),
    });
    const { findings, outcome } = await runSpec(ws);
    const msgs = findings.filter((x) => x.ruleId === 'spec/unreadable').map((x) => [x.location?.path, x.location?.startLine, x.location?.startColumn, x.message]);
    expect(msgs).toEqual([
      ['specs/image.md', 3, 1, 'specs/image.md is binary (NUL byte at offset 8); a spec must be UTF-8 text'],
      ['specs/latin1.md', 3, 11, 'specs/latin1.md is not valid UTF-8 (byte 0xe9 at offset 20)'],
    ]);
    expect(outcome.state).toBe('failed');
    expect(outcome.counts).toMatchObject({ specs: 1 });
  });

  it('refuses a 100 MB Markdown file without reading it (sparse file, default cap)', async () => {
    const ws = await workspaceWith({ 'specs/ok.md': goodAndonSpec });
    const fh = await open(path.join(ws, 'specs/huge.md'), 'w');
    await fh.truncate(100 * 1024 * 1024);
    await fh.close();
    const { findings } = await runSpec(ws);
    expect(findings.find((x) => x.ruleId === 'spec/unreadable')?.message).toBe('specs/huge.md is 100.0 MiB, over the 4.0 MiB cap (maxFileBytes); not read');
  });

  it('applies a configured size cap', async () => {
    const ws = await workspaceWith({ 'specs/ok.md': goodAndonSpec });
    const { findings } = await runSpec(ws, { maxFileBytes: 100 });
    expect(findings.find((x) => x.ruleId === 'spec/unreadable')?.message).toContain('over the 100 bytes cap');
  });

  it('does not follow a symlink loop or a symlink out of the workspace', async () => {
    const ws = await workspaceWith({ 'specs/a/ok.md': goodAndonSpec });
    await symlink(path.join(ws, 'specs'), path.join(ws, 'specs/a/loop'));
    await symlink('self', path.join(ws, 'specs/self'));
    await symlink('/etc', path.join(ws, 'specs/outside'));
    const { findings, outcome } = await runSpec(ws);
    const msgs = findings.filter((x) => x.ruleId === 'spec/symlink').map((x) => x.message).sort();
    expect(msgs).toEqual([
      'specs/a/loop links back to specs (a symlink loop); not followed',
      'specs/outside is a symlink leading outside the workspace; not followed',
      'specs/self is a symlink loop; not followed',
    ]);
    expect(outcome.counts).toMatchObject({ specs: 1, requirements: 2 });
  });

  it('errors (not a silent pass) when a spec folder does not exist, or a glob matches nothing', async () => {
    const ws = await workspaceWith({ 'specs/ok.md': goodAndonSpec });
    const missing = await runSpec(ws, { paths: ['specs', 'docs/specs'] });
    expect(missing.outcome.state).toBe('errored');
    expect(missing.outcome.reason).toContain(path.join(ws, 'docs/specs'));
    const glob = await runSpec(ws, { paths: ['nowhere/**/*.md'] });
    expect(glob.outcome.state).toBe('errored');
    await mkdir(path.join(ws, 'empty'));
    const empty = await runSpec(ws, { paths: ['empty'] });
    expect(empty.outcome.state).toBe('errored');
    expect(empty.outcome.reason).toContain('no Markdown spec files');
  });

  it('refuses a spec path that escapes the workspace, also through a symlink', async () => {
    const ws = await workspaceWith({ 'specs/ok.md': goodAndonSpec });
    const { outcome } = await runSpec(ws, { paths: ['../'] });
    expect(outcome.state).toBe('errored');
    expect(outcome.reason).toContain('outside the workspace');
    await symlink('/etc', path.join(ws, 'etc-link'));
    const linked = await runSpec(ws, { paths: ['etc-link'] });
    expect(linked.outcome.state).toBe('errored');
    expect(linked.outcome.reason).toContain('etc-link');
  });

  it('refuses unknown options with the option schema', async () => {
    const { SpecOptions } = await import('../../../src/stages/spec/options.js');
    const r = SpecOptions.safeParse({ path: ['specs'] });
    expect(r.success).toBe(false);
    expect(SpecOptions.safeParse({ requireCoverage: 'some' }).success).toBe(false);
  });
});
