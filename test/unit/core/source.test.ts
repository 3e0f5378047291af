import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSourceFacts } from '../../../src/core/source.js';
import { commitAll, gitIn, makeRepo } from '../../helpers/git-repo.js';
import { makeTempDir } from '../../helpers/stage-context.js';

const env = { PATH: process.env.PATH, HOME: process.env.HOME, GIT_CONFIG_GLOBAL: '/dev/null' };

async function eventFile(payload: unknown): Promise<string> {
  const file = path.join(await makeTempDir('andon-event-'), 'event.json');
  await writeFile(file, JSON.stringify(payload));
  return file;
}

/** main: a → b → c; returns the shas. */
async function mainWithThree(): Promise<{ ws: string; a: string; b: string; c: string }> {
  const ws = await makeRepo({ 'x.txt': 'a\n' });
  const a = gitIn(ws, 'rev-parse', 'HEAD');
  await writeFile(path.join(ws, 'x.txt'), 'b\n');
  const b = commitAll(ws, 'b');
  await writeFile(path.join(ws, 'x.txt'), 'c\n');
  const c = commitAll(ws, 'c');
  return { ws, a, b, c };
}

describe('the base commit: always an ancestor of HEAD', () => {
  it('on a branch is the merge-base with the base branch', async () => {
    const { ws, b } = await mainWithThree();
    gitIn(ws, 'checkout', '-q', '-b', 'feature', b);
    await writeFile(path.join(ws, 'y.txt'), 'feature\n');
    commitAll(ws, 'feature');
    const facts = await readSourceFacts(ws, env);
    expect(facts).toMatchObject({ baseRef: 'main', baseSha: b, onBaseBranch: false, baseNote: 'merge-base of main and HEAD' });
  });

  it('on the base branch locally is HEAD\'s first parent (the last commit and the working tree), never HEAD', async () => {
    const { ws, b, c } = await mainWithThree();
    const facts = await readSourceFacts(ws, env);
    expect(facts).toMatchObject({ sha: c, baseSha: b, onBaseBranch: true });
    expect(facts.baseNote).toContain("HEAD's first parent");
    // A configured base that names the branch HEAD is on is the same case.
    expect((await readSourceFacts(ws, env, { base: 'main' })).baseSha).toBe(b);
    // HEAD detached on a commit of main (how CI checks out a push).
    gitIn(ws, 'checkout', '-q', '--detach', c);
    expect(await readSourceFacts(ws, env)).toMatchObject({ baseSha: b, onBaseBranch: true });
  });

  it('on the first commit there is no base, and it says so', async () => {
    const ws = await makeRepo({ 'x.txt': '1\n' });
    const facts = await readSourceFacts(ws, env);
    expect(facts).toMatchObject({ baseSha: null, onBaseBranch: true, baseNote: 'on main: HEAD is the first commit, there is nothing before it' });
  });

  it('on a GitHub push to the base branch is the push\'s before; a forced push falls back to the first parent', async () => {
    const { ws, a, b } = await mainWithThree();
    const push = { ...env, GITHUB_EVENT_NAME: 'push', GITHUB_REF_NAME: 'main', GITHUB_EVENT_PATH: await eventFile({ before: a, after: 'ignored', forced: false }) };
    expect(await readSourceFacts(ws, push)).toMatchObject({ baseSha: a, onBaseBranch: true, baseNote: `on main: the pushed commits (before ${a.slice(0, 7)})` });
    const forced = { ...push, GITHUB_EVENT_PATH: await eventFile({ before: a, forced: true }) };
    expect((await readSourceFacts(ws, forced)).baseSha).toBe(b);
    // A new branch pushed (before is all zeros) is the first parent as well.
    const created = { ...push, GITHUB_EVENT_PATH: await eventFile({ before: '0'.repeat(40) }) };
    expect((await readSourceFacts(ws, created)).baseSha).toBe(b);
  });
});

describe('a base commit a shallow checkout lacks', () => {
  /** An origin with main (a → b) and a pull request's merge commit on refs/heads/pr-merge; GitHub answers wants by sha. */
  async function origin(): Promise<{ dir: string; b: string; merge: string }> {
    const dir = await makeRepo({ 'x.txt': 'a\n' });
    gitIn(dir, 'config', 'uploadpack.allowReachableSHA1InWant', 'true');
    gitIn(dir, 'checkout', '-q', '-b', 'feature');
    await writeFile(path.join(dir, 'f.txt'), 'feature\n');
    commitAll(dir, 'feature');
    gitIn(dir, 'checkout', '-q', 'main');
    await writeFile(path.join(dir, 'x.txt'), 'b\n');
    const b = commitAll(dir, 'b');
    gitIn(dir, 'checkout', '-q', '-b', 'pr-merge');
    gitIn(dir, 'merge', '-q', '--no-ff', '-m', 'Merge feature into main', 'feature');
    const merge = gitIn(dir, 'rev-parse', 'HEAD');
    gitIn(dir, 'checkout', '-q', 'main');
    return { dir, b, merge };
  }

  it('is fetched alone: a pull request\'s merge commit checked out with fetch-depth 1 is judged against its first parent', async () => {
    const o = await origin();
    const ws = path.join(await makeTempDir('andon-shallow-'), 'ws');
    gitIn(path.dirname(ws), 'clone', '-q', '--depth', '1', '--branch', 'pr-merge', `file://${o.dir}`, ws);
    expect(gitIn(ws, 'rev-parse', 'HEAD')).toBe(o.merge);
    const pr = { ...env, GITHUB_BASE_REF: 'main', GITHUB_HEAD_REF: 'feature' };
    const facts = await readSourceFacts(ws, pr);
    expect(facts).toMatchObject({ baseRef: 'main', baseSha: o.b, onBaseBranch: false });
    expect(facts.baseNote).toContain(`fetched ${o.b.slice(0, 7)} (not in the shallow checkout)`);
    expect(gitIn(ws, 'cat-file', '-t', o.b)).toBe('commit');
  });

  it('that cannot be fetched is named, with what to set', async () => {
    const o = await origin();
    const ws = path.join(await makeTempDir('andon-shallow-'), 'ws');
    gitIn(path.dirname(ws), 'clone', '-q', '--depth', '1', '--branch', 'pr-merge', `file://${o.dir}`, ws);
    gitIn(ws, 'remote', 'remove', 'origin');
    const facts = await readSourceFacts(ws, { ...env, GITHUB_BASE_REF: 'main' });
    expect(facts.baseSha).toBe(o.b);
    expect(facts.baseNote).toMatch(/the base [0-9a-f]{7} is not in this checkout and could not be fetched \(.+\): set fetch-depth: 0 on actions\/checkout, or give Andon github-token$/);
  });

  describe('over HTTP with a token', () => {
    const servers: Server[] = [];
    afterAll(() => servers.forEach((s) => s.close()));

    /** git's own smart HTTP server (git http-backend) that answers only requests bearing the token. */
    async function gitServer(projectRoot: string, token: string): Promise<{ url: string; seen: string[] }> {
      const expected = Buffer.from(`x-access-token:${token}`).toString('base64');
      const seen: string[] = [];
      const server = createServer((req, res) => {
        seen.push(String(req.headers.authorization ?? ''));
        const [scheme, credentials] = String(req.headers.authorization ?? '').split(' ');
        if (scheme?.toLowerCase() !== 'basic' || credentials !== expected) {
          res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"' }).end();
          return;
        }
        const url = new URL(req.url!, 'http://x');
        const cgi = spawn('git', ['http-backend'], {
          env: { ...env, GIT_PROJECT_ROOT: projectRoot, GIT_HTTP_EXPORT_ALL: '1', PATH_INFO: url.pathname, QUERY_STRING: url.search.slice(1), REQUEST_METHOD: req.method!, CONTENT_TYPE: String(req.headers['content-type'] ?? ''), GIT_PROTOCOL: String(req.headers['git-protocol'] ?? '') },
        });
        req.pipe(cgi.stdin);
        const chunks: Buffer[] = [];
        cgi.stdout.on('data', (c: Buffer) => chunks.push(c));
        cgi.on('close', () => {
          const out = Buffer.concat(chunks);
          const end = out.indexOf('\r\n\r\n');
          const headers: Record<string, string> = {};
          for (const line of out.subarray(0, end).toString().split('\r\n')) {
            const i = line.indexOf(':');
            headers[line.slice(0, i)] = line.slice(i + 1).trim();
          }
          const status = Number((headers.Status ?? '200').split(' ')[0]);
          delete headers.Status;
          res.writeHead(status, headers).end(out.subarray(end + 4));
        });
      });
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
    }

    it('sends the token for that one fetch, through git\'s environment, and never writes it into the repository', async () => {
      const o = await origin();
      const token = 'ghs_test-token-never-persisted';
      const server = await gitServer(path.dirname(o.dir), token);
      const remote = `${server.url}/${path.basename(o.dir)}`;
      const ws = path.join(await makeTempDir('andon-shallow-http-'), 'ws');
      // The checkout itself authenticates the way actions/checkout with persist-credentials: false leaves it: nothing kept.
      const auth = { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'http.extraheader', GIT_CONFIG_VALUE_0: `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}` };
      await new Promise<void>((resolve, reject) =>
        spawn('git', ['clone', '-q', '--depth', '1', '--branch', 'pr-merge', remote, ws], { env: { ...env, ...auth } }).on('close', (c) => (c === 0 ? resolve() : reject(new Error(`clone ${c}`)))),
      );
      const pr = { ...env, GITHUB_BASE_REF: 'main', GITHUB_SERVER_URL: server.url };
      const without = await readSourceFacts(ws, pr);
      expect(without.baseNote).toContain('could not be fetched');
      const facts = await readSourceFacts(ws, pr, { fetchToken: token });
      expect(facts.baseSha).toBe(o.b);
      expect(facts.baseNote).toContain('fetched');
      expect(gitIn(ws, 'cat-file', '-t', o.b)).toBe('commit');
      const config = await readFile(path.join(ws, '.git', 'config'), 'utf8');
      expect(config).not.toContain(Buffer.from(`x-access-token:${token}`).toString('base64'));
      expect(config).not.toContain(token);
      expect(server.seen.some((h) => h.toLowerCase().startsWith('basic '))).toBe(true);
    });
  });
});
