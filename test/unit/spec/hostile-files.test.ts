// Spec files that are not files: FIFOs, devices and links are refused by name, in bounded time, never read or waited on.
import { execFileSync } from 'node:child_process';
import { rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RecordingLogger } from '../../../src/core/logger.js';
import { specStage } from '../../../src/stages/spec/index.js';
import { goodAndonSpec, runSpec, workspaceWith } from './helpers.js';

const mkfifo = (p: string) => execFileSync('mkfifo', [p]);

describe('spec stage: files that are not files', () => {
  it('refuses a FIFO, a link to /dev/zero, a link out of the workspace and a link to a FIFO, with a finding each', async () => {
    const ws = await workspaceWith({ 'specs/ok.md': goodAndonSpec, 'outside-target.md': '# not a spec\n' });
    mkfifo(path.join(ws, 'specs/pipe.md'));
    mkfifo(path.join(ws, 'elsewhere.fifo'));
    await symlink('/dev/zero', path.join(ws, 'specs/zero.md'));
    await symlink('../elsewhere.fifo', path.join(ws, 'specs/to-fifo.md'));
    await symlink('/etc/hostname', path.join(ws, 'specs/host.md'));
    const started = Date.now();
    const { findings, outcome } = await runSpec(ws);
    expect(Date.now() - started).toBeLessThan(5000);
    const said = findings.filter((f) => f.ruleId === 'spec/unreadable' || f.ruleId === 'spec/symlink').map((f) => f.message).sort();
    expect(said).toEqual([
      'specs/host.md is a symlink leading outside the workspace; not followed',
      'specs/pipe.md is a FIFO, not a regular file; not read',
      'specs/to-fifo.md is a FIFO, not a regular file; not read',
      'specs/zero.md is a symlink leading outside the workspace; not followed',
    ]);
    expect(outcome.counts).toMatchObject({ specs: 1, requirements: 2 });
  });

  it('refuses a FIFO named as the spec path itself instead of ignoring it', async () => {
    const ws = await workspaceWith({ 'specs/ok.md': goodAndonSpec });
    mkfifo(path.join(ws, 'specs/one.md'));
    const { findings } = await runSpec(ws, { paths: ['specs/one.md'] });
    expect(findings.map((f) => f.message)).toContain('specs/one.md is a FIFO, not a regular file; not read');
  });

  it('drops a byte order mark and places invalid UTF-8 at its line and column', async () => {
    const ws = await workspaceWith({
      'specs/bom.md': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(goodAndonSpec)]),
      'specs/bad.md': Buffer.concat([Buffer.from('---\nid: b\ntitle: Überschrift '), Buffer.from([0xc3, 0x28]), Buffer.from('\n---\n')]),
    });
    const { findings, outcome } = await runSpec(ws);
    const bad = findings.find((f) => f.ruleId === 'spec/unreadable');
    expect(bad?.message).toBe('specs/bad.md is not valid UTF-8 (byte 0xc3 at offset 30)');
    expect(bad?.location).toMatchObject({ path: 'specs/bad.md', startLine: 3, startColumn: 20 });
    // The file with a BOM is read as the spec it is: its front matter starts the file.
    expect(outcome.counts).toMatchObject({ specs: 1, requirements: 2 });
  });

  it('completes the trace only from the model run() wrote: a linked spec-model.json is not read', async () => {
    const ws = await workspaceWith({ 'specs/ok.md': goodAndonSpec });
    const { ctx } = await runSpec(ws);
    const forged = path.join(ws, 'forged.json');
    await writeFile(forged, '{}');
    await rm(path.join(ctx.outDir, 'spec-model.json'));
    await symlink(forged, path.join(ctx.outDir, 'spec-model.json'));
    expect(await specStage.complete!(ctx, [])).toBeNull();
    expect((ctx.logger as RecordingLogger).text('warn')).toContain('spec-model.json is a symlink; not read: the traceability matrix is not completed');
  });
});
