import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MASK, Masker } from '../../../src/core/mask.js';
import { KILL_GRACE_MS, nodeProcessRunner } from '../../../src/core/process-runner.js';
import { makeTempDir } from '../../helpers/stage-context.js';

/** Alive and not a zombie waiting to be reaped. */
function alive(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return false;
  try {
    return readFileSync(stat, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

async function waitGone(pid: number): Promise<boolean> {
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 20));
  return !alive(pid);
}

// The child starts a grandchild that ignores TERM and holds none of the child's pipes, then waits; TERM ends the
// child at once, so its pipes close while the grandchild lives on.
const stubborn = (pidFile: string) => ['bash', '-c', '( trap "" TERM; exec sleep 60 ) </dev/null >/dev/null 2>&1 & echo $! > "$1"; wait', '_', pidFile];

/** The grandchild's pid once the child has written all of it (the file exists, empty, a moment before). */
async function grandchildOf(pidFile: string): Promise<number> {
  for (let i = 0; i < 500; i++) {
    const text = existsSync(pidFile) ? await readFile(pidFile, 'utf8') : '';
    if (/^\d+\n$/.test(text)) return Number(text);
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the child never wrote the grandchild pid');
}

describe('stopping a command', () => {
  it.each(['timeout', 'cancel'] as const)('on %s kills the whole process group, also a grandchild that traps TERM after the pipes closed', async (how) => {
    const dir = await makeTempDir();
    const pidFile = path.join(dir, 'grandchild.pid');
    const ac = new AbortController();
    const running = nodeProcessRunner.run(stubborn(pidFile), { cwd: dir, ...(how === 'timeout' ? { timeoutMs: 300 } : { signal: ac.signal }) });
    const pid = await grandchildOf(pidFile);
    expect(alive(pid)).toBe(true);
    if (how === 'cancel') ac.abort();
    try {
      const res = await running;
      expect(how === 'timeout' ? res.timedOut : res.cancelled).toBe(true);
      expect(await waitGone(pid)).toBe(true);
    } finally {
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
  });

  it('gives the result at once when nothing of the group is left', async () => {
    const dir = await makeTempDir();
    const ac = new AbortController();
    const running = nodeProcessRunner.run(['sleep', '60'], { cwd: dir, signal: ac.signal });
    setTimeout(() => ac.abort(), 100);
    const res = await running;
    expect(res.cancelled).toBe(true);
    expect(res.signal).toBe('SIGTERM');
    // No grace waited for: the group went with the child.
    expect(res.durationMs).toBeLessThan(KILL_GRACE_MS);
  });
});

describe('the output of a command', () => {
  const secret = 'pa ss/wo"rd-9Z&q';

  it('is masked after its colour codes are taken out, in the log and in the tail', async () => {
    const dir = await makeTempDir();
    const logFile = path.join(dir, 'log.txt');
    const seen: string[] = [];
    const script = `process.stdout.write(process.env.S.slice(0, 5) + '\\u001b[32m' + process.env.S.slice(5) + '\\u001b[39m\\n')`;
    const res = await nodeProcessRunner.run([process.execPath, '-e', script], {
      cwd: dir,
      env: { PATH: process.env.PATH, S: secret },
      logFile,
      masker: Masker.fromEnv({ MY_SECRET: secret }),
      onLine: (l) => seen.push(l),
    });
    expect(await readFile(logFile, 'utf8')).toBe(`${MASK}\n`);
    expect(res.tail).toBe(`${MASK}\n`);
    expect(seen).toEqual([`${MASK}\u001b[32m\u001b[39m`]);
  });

  it('is masked in a line too long to keep whole, wherever the line is cut', async () => {
    const dir = await makeTempDir();
    const logFile = path.join(dir, 'log.txt');
    // Secrets around each multiple of 64 KiB, where a long line is cut into pieces.
    const script = `let s = ''; for (let k = 1; k <= 6; k++) { s += 'x'.repeat(k * 65536 - s.length - 3 - k) + process.env.S; } process.stdout.write(s + '\\n');`;
    await nodeProcessRunner.run([process.execPath, '-e', script], { cwd: dir, env: { PATH: process.env.PATH, S: secret }, logFile, masker: Masker.fromEnv({ MY_SECRET: secret }) });
    const log = await readFile(logFile, 'utf8');
    expect(log.split(MASK)).toHaveLength(7);
    expect(log).not.toMatch(/wo"|"rd|-9Z/);
  });
});
