// Paths that lead elsewhere through links: a stage's working directory, the files of a recorded run.
import { execFileSync } from 'node:child_process';
import { rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/core/config.js';
import { runLine } from '../../../src/core/line.js';
import { thisProcess } from '../../../src/this-process.js';
import { FsStore } from '../../../src/core/store.js';
import { defaultRegistry } from '../../../src/stages/index.js';
import { runCli } from '../../helpers/cli.js';
import { makeRepo } from '../../helpers/git-repo.js';
import { makeTempDir } from '../../helpers/stage-context.js';

const env = { PATH: process.env.PATH, HOME: process.env.HOME };

async function line(yml: string) {
  const ws = await makeRepo({ 'andon.yml': yml });
  const registry = defaultRegistry();
  const store = new FsStore(path.join(ws, '.andon/runs'));
  return { ws, store, run: () => runLine({ workspace: ws, config: parseConfig(yml, 'andon.yml', registry), registry, store, env, writer: thisProcess() }) };
}

describe('a command stage cwd', () => {
  it('that is a symlink to /etc is refused after resolving the link, and nothing runs there', async () => {
    const { ws, run } = await line('version: 1\nline:\n  - id: c\n    uses: command\n    with: { run: [pwd], cwd: sys }\n');
    await symlink('/etc', path.join(ws, 'sys'));
    const record = await run();
    expect(record.stages[0]).toMatchObject({ state: 'errored', reason: 'cwd "sys" leads outside the workspace through a symlink (to /etc)' });
  });

  it('inside the workspace, also through a link, runs there', async () => {
    const { ws, run } = await line('version: 1\nline:\n  - id: c\n    uses: command\n    with: { run: [pwd], cwd: here }\n');
    execFileSync('mkdir', [path.join(ws, 'real')]);
    await symlink('real', path.join(ws, 'here'));
    expect((await run()).stages[0]!.state).toBe('passed');
  });
});

describe('andon show', () => {
  it('does not print the target of a log.txt replaced by a symlink, and says the artifact is not the recorded one', async () => {
    const { ws, store, run } = await line('version: 1\nline:\n  - id: c\n    uses: command\n    with: { run: [sh, -c, "echo ordinary output; exit 1"] }\n');
    const record = await run();
    expect(record.verdict).toBe('failed');
    const before = await runCli(['show', record.serial], ws);
    expect(before.stdout).toContain('ordinary output');

    const outside = path.join(await makeTempDir(), 'private.txt');
    await writeFile(outside, 'PRIVATE KEY MATERIAL\n');
    const log = path.join(store.stageDir(record.serial, 'c'), 'log.txt');
    await rm(log);
    await symlink(outside, log);
    const after = await runCli(['show', record.serial], ws);
    expect(after.stdout).not.toContain('PRIVATE KEY MATERIAL');
    expect(after.stdout).toContain('missing: c/log.txt');
  });

  it('refuses a run.json that is a FIFO instead of waiting on it', async () => {
    const { ws, store, run } = await line('version: 1\nline:\n  - id: c\n    uses: command\n    with: { run: ["true"] }\n');
    const record = await run();
    const file = path.join(store.runDir(record.serial), 'run.json');
    await rm(file);
    execFileSync('mkfifo', [file]);
    const r = await runCli(['show', record.serial], ws);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('run.json: the run record is a FIFO, not a regular file; not read');
  });
});
