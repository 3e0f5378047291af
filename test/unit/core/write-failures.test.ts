// Writes that fail because of the machine: a full disk (/dev/full gives ENOSPC), a file-size limit (ulimit -f gives
// EFBIG), an unwritable store. The run goes on or ends with a finished record and the right exit code, never a crash.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RecordingLogger } from '../../../src/core/logger.js';
import { Masker } from '../../../src/core/mask.js';
import { nodeProcessRunner } from '../../../src/core/process-runner.js';
import { RunRecord } from '../../../src/core/run-record.js';
import { stageLog } from '../../../src/core/stage-log.js';
import { distCli } from '../../helpers/cli.js';
import { makeRepo } from '../../helpers/git-repo.js';
import { makeTempDir } from '../../helpers/stage-context.js';

const node = JSON.stringify(process.execPath);

function run(cmd: string[], cwd: string, opts: { uid?: number; gid?: number; env?: Record<string, string> } = {}): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd[0]!, cmd.slice(1), {
      cwd,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...opts.env },
      stdio: ['ignore', 'ignore', 'pipe'],
      ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.gid } : {}),
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
  });
}

function onlyRecord(ws: string, store = '.andon/runs'): RunRecord {
  const [serial] = readdirSync(path.join(ws, store));
  return RunRecord.parse(JSON.parse(readFileSync(path.join(ws, store, serial!, 'run.json'), 'utf8')));
}

describe('a write that fails', () => {
  it('in a command\'s log (a full disk) is in the result, and the command is not cut short', async () => {
    const cwd = await makeTempDir();
    const res = await nodeProcessRunner.run([process.execPath, '-e', "for (let i = 0; i < 2000; i++) console.log('line ' + i)"], { cwd, logFile: '/dev/full' });
    expect(res.exitCode).toBe(0);
    expect(res.logError?.code).toBe('ENOSPC');
    expect(res.tail).toContain('line 1999');
  });

  it('in a stage log (a full disk) is told, not swallowed', () => {
    const heard: string[] = [];
    const logger = stageLog('/dev/full', new Masker(), new RecordingLogger(), 's', () => undefined, (e) => heard.push(e.code ?? ''));
    logger.info('hello');
    expect(heard).toEqual(['ENOSPC']);
  });

  it('at the file-size limit during a stage errors that stage, finishes the record and gives exit 1', async () => {
    const yml = `version: 1
line:
  - id: loud
    uses: command
    with: { run: [${node}, "-e", "for (let i = 0; i < 20000; i++) console.log('x'.repeat(100))"] }
  - id: after
    uses: command
    with: { run: [${node}, "-e", ""] }
`;
    const ws = await makeRepo({ 'andon.yml': yml });
    // 200 KiB per file: the 2 MB log cannot be written, the record can.
    const { code, stderr } = await run(['bash', '-c', `ulimit -f 200; exec ${JSON.stringify(process.execPath)} ${JSON.stringify(distCli())} run`], ws);
    expect(stderr).not.toContain("Unhandled 'error' event");
    expect(code).toBe(1);
    const record = onlyRecord(ws);
    expect(record.verdict).toBe('errored');
    expect(record.finishedAt).not.toBeNull();
    expect(record.stages.map((s) => s.state)).toEqual(['errored', 'skipped']);
    expect(record.stages[0]!.reason).toContain('a file reached the file-size limit (EFBIG); raise the limit (ulimit -f)');
  });

  it('in an unwritable store is the user\'s to fix (exit 2, what to do), not a bug', async () => {
    const ws = await makeRepo({ 'andon.yml': `version: 1\nline:\n  - id: a\n    uses: command\n    with: { run: [${node}, "-e", ""] }\nstore: { path: runs }\n` });
    mkdirSync(path.join(ws, 'runs'));
    chmodSync(path.join(ws, 'runs'), 0o555);
    const root = process.getuid?.() === 0;
    let cli = distCli();
    if (root) {
      // Root writes anywhere: the CLI runs as nobody, for whom the store is read-only (and the bundles readable).
      const dist = path.join(await makeTempDir('andon-dist-'), 'dist');
      execFileSync('cp', ['-r', path.dirname(distCli()), dist]);
      execFileSync('chmod', ['-R', 'a+rX', path.dirname(dist), ws]);
      cli = path.join(dist, 'cli.js');
    }
    const asNobody = root ? { uid: 65534, gid: 65534 } : {};
    const { code, stderr } = await run([process.execPath, cli, 'run'], ws, {
      ...asNobody,
      env: { HOME: ws, GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'safe.directory', GIT_CONFIG_VALUE_0: '*' },
    });
    expect(stderr).toContain(`cannot write the run store ${path.join(ws, 'runs')}: permission denied (EACCES)`);
    expect(stderr).toContain('store.path in andon.yml');
    expect(stderr).not.toContain('bug in Andon');
    expect(code).toBe(2);
  });
});
