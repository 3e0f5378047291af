// A loopback emulator of the GitHub Actions services the real @actions/artifact and @actions/cache clients talk to, plus the REST lookups Andon makes.
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One attempt of a workflow run as the REST API shows it. */
export interface EmulatedRun {
  id: number;
  attempt: number;
  repo: string;
  headSha: string;
  headBranch: string;
  workflowPath: string;
  name?: string;
  event?: string;
  status?: string;
  conclusion?: string | null;
  createdAt?: string;
  /** A pull request run: its number and base branch; GITHUB_SHA is then `mergeSha` (refs/pull/N/merge). */
  pr?: { number: number; base: string; mergeSha: string; headRepo?: string };
  /** The repository's default branch (cache scope of last resort); main when not given. */
  defaultBranch?: string;
}

/** GitHub's GITHUB_TOKEN permissions, as far as the REST calls Andon makes need them. */
export interface TokenPermissions {
  actions?: 'read' | 'write' | 'none';
  checks?: 'write' | 'none';
  contents?: 'read' | 'write' | 'none';
}

export interface CheckRun {
  repo: string;
  name: string;
  head_sha: string;
  conclusion: string;
  output?: { title?: string; summary?: string; annotations?: unknown[] };
}

export interface EmulatedArtifact {
  id: number;
  runId: number;
  attempt: number;
  runBackendId: string;
  jobBackendId: string;
  name: string;
  size: number;
  digest: string | null;
  blob: string;
  finalized: boolean;
  createdAt: string;
  expiresAt: string | null;
}

export interface EmulatedCacheEntry {
  id: number;
  key: string;
  version: string;
  /** The ref whose runs wrote it: readable from that ref, from PRs based on it, and (default branch) from everywhere. */
  scope: string;
  blob: string;
  size: number;
  finalized: boolean;
  createdAt: number;
}

/** What a fault applies to: the twirp services, the blob storage, or the REST API. */
export type FaultTarget = 'twirp' | 'blob' | 'rest' | 'any';

export type Fault =
  | { kind: 'status'; target: FaultTarget; status: number; remaining: number; skip: number }
  | { kind: 'close'; target: FaultTarget; remaining: number; skip: number }
  | { kind: 'hang'; target: FaultTarget; remaining: number; skip: number }
  /** The service does the work, then the connection drops before the answer: the client sees a failure of a call that happened. */
  | { kind: 'drop-after'; target: FaultTarget; remaining: number; skip: number };

export interface RecordedRequest {
  method: string;
  path: string;
  target: FaultTarget;
  /** Set when a fault answered the request instead of the service. */
  fault?: Fault['kind'];
}

export interface Dispatch {
  repo: string;
  workflow: string;
  ref: string;
  inputs: Record<string, string>;
}

const ACCOUNT = 'emuaccount';

function base64url(s: string): string {
  return Buffer.from(s).toString('base64url');
}

function isoNow(): string {
  return new Date().toISOString();
}

export class ActionsEmulator {
  readonly artifacts: EmulatedArtifact[] = [];
  readonly caches: EmulatedCacheEntry[] = [];
  readonly runs: EmulatedRun[] = [];
  readonly requests: RecordedRequest[] = [];
  readonly dispatches: Dispatch[] = [];
  /** Tokens the REST API accepts; empty means any non-empty token. */
  readonly acceptedTokens = new Set<string>();
  /** Permissions of REST tokens; a token not listed may do everything. */
  readonly permissions = new Map<string, TokenPermissions>();
  readonly checkRuns: CheckRun[] = [];
  /** Names of artifacts deleted through the runtime token (Andon never deletes: tests assert this stays empty). */
  readonly deleted: string[] = [];
  /** Commits each repository holds (a run's head and merge commits are added with it). */
  readonly commits = new Map<string, Set<string>>();
  private readonly blobs = new Map<string, Buffer>();
  private readonly blobTypes = new Map<string, string>();
  private readonly blocks = new Map<string, Map<string, Buffer>>();
  private readonly backendRuns = new Map<string, { runId: number; attempt: number }>();
  private readonly faults: Fault[] = [];
  private readonly hung = new Set<ServerResponse>();
  private readonly sockets = new Set<Socket>();
  private nextId = 1;
  private server: Server | null = null;
  private port = 0;

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.hung) res.destroy();
    this.hung.clear();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  get apiUrl(): string {
    return `${this.origin}/api`;
  }
  /** A `*.localhost` host: any other non-github.com host counts as GHES to the clients. */
  get serverUrl(): string {
    return `http://github.localhost:${this.port}`;
  }

  /** Registers a workflow run attempt (attempts of one run are kept side by side); returns the backend id its runtime token carries. */
  addRun(run: EmulatedRun): string {
    const existing = this.runs.findIndex((r) => r.id === run.id && r.repo === run.repo && r.attempt === run.attempt);
    if (existing >= 0) this.runs.splice(existing, 1, run);
    else this.runs.push(run);
    const commits = this.commits.get(run.repo) ?? new Set<string>();
    commits.add(run.headSha);
    if (run.pr) commits.add(run.pr.mergeSha);
    this.commits.set(run.repo, commits);
    const backendId = `run-${run.id}-${run.attempt}-${randomUUID()}`;
    this.backendRuns.set(backendId, { runId: run.id, attempt: run.attempt });
    return backendId;
  }

  /** The cache scopes of a run's token, in lookup order, with the permission bits GitHub uses (1 read, 2 write). */
  static cacheScopes(run: EmulatedRun, readOnly: boolean): { Scope: string; Permission: number }[] {
    const own = run.pr ? `refs/pull/${run.pr.number}/merge` : `refs/heads/${run.headBranch}`;
    const scopes = [{ Scope: own, Permission: readOnly ? 1 : 3 }];
    if (run.pr) scopes.push({ Scope: `refs/heads/${run.pr.base}`, Permission: 1 });
    const dflt = `refs/heads/${run.defaultBranch ?? 'main'}`;
    if (!scopes.some((x) => x.Scope === dflt)) scopes.push({ Scope: dflt, Permission: 1 });
    return scopes;
  }

  /** A JWT-shaped runtime token; the clients decode it and never verify it. `ac` holds the cache scopes. */
  runtimeToken(runBackendId: string, jobBackendId = `job-${randomUUID()}`, scopes: { Scope: string; Permission: number }[] = []): string {
    const header = base64url(JSON.stringify({ alg: 'none', typ: 'JWT' }));
    const payload = base64url(JSON.stringify({ scp: `Actions.GenericRead:x Actions.Results:${runBackendId}:${jobBackendId}`, ac: JSON.stringify(scopes) }));
    return `${header}.${payload}.sig`;
  }

  /**
   * The environment a step of `run` sees for the services (no INPUT_*, no files). A fork's pull request gets a
   * runtime token that may only read the cache, and ACTIONS_CACHE_MODE=read, as the runner sets it.
   */
  stepEnv(run: EmulatedRun, opts: { token?: string } = {}): Record<string, string> {
    const backendId = this.addRun(run);
    const fork = Boolean(run.pr?.headRepo && run.pr.headRepo !== run.repo);
    return {
      ACTIONS_RUNTIME_TOKEN: this.runtimeToken(backendId, undefined, ActionsEmulator.cacheScopes(run, fork)),
      ACTIONS_RESULTS_URL: `${this.origin}/`,
      ACTIONS_CACHE_SERVICE_V2: 'true',
      ...(fork ? { ACTIONS_CACHE_MODE: 'read' } : {}),
      GITHUB_API_URL: this.apiUrl,
      GITHUB_SERVER_URL: this.serverUrl,
      GITHUB_REPOSITORY: run.repo,
      GITHUB_RUN_ID: String(run.id),
      GITHUB_RUN_ATTEMPT: String(run.attempt),
      GITHUB_SHA: run.pr ? run.pr.mergeSha : run.headSha,
      GITHUB_REF_NAME: run.pr ? `${run.pr.number}/merge` : run.headBranch,
      GITHUB_REF: run.pr ? `refs/pull/${run.pr.number}/merge` : `refs/heads/${run.headBranch}`,
      ...(run.pr ? { GITHUB_HEAD_REF: run.headBranch, GITHUB_BASE_REF: run.pr.base } : {}),
      GITHUB_WORKFLOW_REF: `${run.repo}/${run.workflowPath}@refs/heads/${run.headBranch}`,
      GITHUB_WORKFLOW: run.name ?? 'ci',
      GITHUB_JOB: 'andon',
      GITHUB_ACTIONS: 'true',
      NO_PROXY: '127.0.0.1,localhost,github.localhost',
      no_proxy: '127.0.0.1,localhost,github.localhost',
      ...(opts.token ? { GITHUB_TOKEN: opts.token } : {}),
    };
  }

  /** The event payload a step of `run` reads from GITHUB_EVENT_PATH. */
  static eventOf(run: EmulatedRun): { name: string; payload: unknown } {
    if (!run.pr) return { name: run.event ?? 'push', payload: {} };
    return {
      name: run.event ?? 'pull_request',
      payload: {
        number: run.pr.number,
        pull_request: {
          number: run.pr.number,
          head: { sha: run.headSha, ref: run.headBranch, repo: { full_name: run.pr.headRepo ?? run.repo } },
          base: { ref: run.pr.base, repo: { full_name: run.repo } },
        },
      },
    };
  }

  /** Artifacts matching `which` are past their retention: listed as expired, their zip answers 410. */
  expire(which: (a: EmulatedArtifact) => boolean): number {
    const past = new Date(Date.now() - 1000).toISOString();
    let n = 0;
    for (const a of this.artifacts) {
      if (which(a)) {
        a.expiresAt = past;
        n++;
      }
    }
    return n;
  }

  /** A force-push: the commit is no longer in the repository. */
  dropCommit(repo: string, sha: string): void {
    this.commits.get(repo)?.delete(sha);
  }

  /** The next `count` requests to `target` answer `status` with a twirp-shaped JSON error. */
  failWith(status: number, count: number, target: FaultTarget = 'any'): void {
    this.faults.push({ kind: 'status', target, status, remaining: count, skip: 0 });
  }
  /** The next `count` requests to `target` get their socket closed without an answer. */
  closeSockets(count: number, target: FaultTarget = 'any'): void {
    this.faults.push({ kind: 'close', target, remaining: count, skip: 0 });
  }
  /** The next `count` requests to `target` are never answered (until stop()). */
  hang(count: number, target: FaultTarget = 'any'): void {
    this.faults.push({ kind: 'hang', target, remaining: count, skip: 0 });
  }
  /** After `skip` healthy requests to `target`, the next one is carried out and its answer dropped (the socket closes). */
  dropAfter(skip: number, target: FaultTarget = 'any'): void {
    this.faults.push({ kind: 'drop-after', target, remaining: 1, skip });
  }
  clearFaults(): void {
    this.faults.length = 0;
  }

  blob(name: string): Buffer | undefined {
    return this.blobs.get(name);
  }

  artifactsOf(runId: number): EmulatedArtifact[] {
    return this.artifacts.filter((a) => a.runId === runId && a.finalized);
  }

  private targetOf(path: string): FaultTarget {
    if (path.startsWith('/twirp/')) return 'twirp';
    if (path.startsWith('/api/')) return 'rest';
    return 'blob';
  }

  private takeFault(target: FaultTarget): Fault | null {
    for (const f of this.faults) {
      if (f.remaining > 0 && (f.target === 'any' || f.target === target)) {
        if (f.skip > 0) {
          f.skip--;
          continue;
        }
        f.remaining--;
        return f;
      }
    }
    return null;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    const target = this.targetOf(url.pathname);
    const record: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, target };
    this.requests.push(record);
    const fault = this.takeFault(target);
    if (fault?.kind === 'drop-after') {
      record.fault = fault.kind;
      // Whatever the service answers never reaches the client.
      res.writeHead = (() => res) as unknown as ServerResponse['writeHead'];
      res.end = (() => {
        req.socket.destroy();
        return res;
      }) as unknown as ServerResponse['end'];
    } else if (fault) {
      record.fault = fault.kind;
      // Drain the body so the client is not blocked writing it, then misbehave.
      await readBody(req).catch(() => Buffer.alloc(0));
      if (fault.kind === 'status') return json(res, fault.status, { code: 'internal', msg: `injected ${fault.status}` });
      if (fault.kind === 'close') {
        req.socket.destroy();
        return;
      }
      this.hung.add(res);
      return;
    }
    try {
      const body = await readBody(req);
      if (target === 'twirp') return this.twirp(url.pathname, body, res, req.headers.authorization ?? '');
      if (target === 'rest') return this.rest(req, url, body, res);
      return this.blobRequest(req, url, body, res);
    } catch (err) {
      json(res, 500, { code: 'internal', msg: err instanceof Error ? err.message : String(err) });
    }
  }

  private signedUrl(blob: string): string {
    return `${this.origin}/${ACCOUNT}/store/${encodeURIComponent(blob)}?sig=emulated&se=${Date.now() + 3_600_000}`;
  }

  /** The cache scopes of the runtime token a twirp request carries (the `ac` claim), in lookup order. */
  private scopesOf(authorization: string): { Scope: string; Permission: number }[] {
    const token = /^Bearer\s+(.+)$/i.exec(authorization)?.[1] ?? '';
    try {
      const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { ac?: string };
      return JSON.parse(payload.ac ?? '[]') as { Scope: string; Permission: number }[];
    } catch {
      return [];
    }
  }

  private isExpired(a: EmulatedArtifact): boolean {
    return a.expiresAt !== null && Date.parse(a.expiresAt) <= Date.now();
  }

  private twirp(path: string, raw: Buffer, res: ServerResponse, authorization: string): void {
    const body = JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>;
    const method = path.slice(path.lastIndexOf('/') + 1);
    const service = path.includes('ArtifactService') ? 'artifact' : path.includes('CacheService') ? 'cache' : null;
    const str = (k: string): string => (typeof body[k] === 'string' ? (body[k] as string) : '');
    const wrapped = (k: string): string | undefined => {
      const v = body[k];
      if (v && typeof v === 'object' && 'value' in v) return String((v as { value: unknown }).value);
      if (typeof v === 'string') return v;
      return undefined;
    };
    if (service === 'artifact') {
      const runBackendId = str('workflow_run_backend_id');
      const jobBackendId = str('workflow_job_run_backend_id');
      const owner = this.backendRuns.get(runBackendId);
      if (!owner) return json(res, 404, { code: 'not_found', msg: 'workflow run not found' });
      const { runId, attempt } = owner;
      // The runtime token reaches its own attempt only: earlier attempts' artifacts are for REST.
      const visible = (a: EmulatedArtifact) => a.runId === runId && a.attempt === attempt;
      switch (method) {
        case 'CreateArtifact': {
          const name = str('name');
          // Names are unique within a run attempt, finished or not; another attempt may use the same name.
          if (this.artifacts.some((a) => visible(a) && a.name === name)) {
            return json(res, 409, { code: 'already_exists', msg: 'an artifact with this name already exists on the workflow run' });
          }
          const id = this.nextId++;
          const blob = `artifact-${id}.zip`;
          this.artifacts.push({
            id,
            runId,
            attempt,
            runBackendId,
            jobBackendId,
            name,
            size: 0,
            digest: null,
            blob,
            finalized: false,
            createdAt: isoNow(),
            expiresAt: typeof body.expires_at === 'string' ? body.expires_at : null,
          });
          return json(res, 200, { ok: true, signed_upload_url: this.signedUrl(blob) });
        }
        case 'FinalizeArtifact': {
          const a = this.artifacts.find((x) => visible(x) && x.name === str('name'));
          if (!a) return json(res, 404, { code: 'not_found', msg: 'artifact not found' });
          if (a.finalized) return json(res, 409, { code: 'failed_precondition', msg: 'artifact is already finalized' });
          const bytes = this.blobs.get(a.blob);
          if (!bytes) return json(res, 400, { code: 'failed_precondition', msg: 'no blob uploaded' });
          const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
          const claimed = wrapped('hash');
          if (claimed && claimed !== digest) return json(res, 400, { code: 'invalid_argument', msg: `hash mismatch: ${claimed} != ${digest}` });
          if (Number(str('size') || body.size) !== bytes.length) {
            return json(res, 400, { code: 'invalid_argument', msg: `size mismatch: ${String(body.size)} != ${bytes.length}` });
          }
          a.size = bytes.length;
          a.digest = digest;
          a.finalized = true;
          return json(res, 200, { ok: true, artifact_id: String(a.id) });
        }
        case 'ListArtifacts': {
          const nameFilter = wrapped('name_filter');
          const idFilter = wrapped('id_filter');
          const list = this.artifacts.filter(
            (a) =>
              a.finalized &&
              visible(a) &&
              !this.isExpired(a) &&
              (nameFilter === undefined || a.name === nameFilter) &&
              (idFilter === undefined || String(a.id) === idFilter),
          );
          return json(res, 200, {
            artifacts: list.map((a) => ({
              workflow_run_backend_id: a.runBackendId,
              workflow_job_run_backend_id: a.jobBackendId,
              database_id: String(a.id),
              name: a.name,
              size: String(a.size),
              created_at: a.createdAt,
              ...(a.digest ? { digest: a.digest } : {}),
            })),
          });
        }
        case 'GetSignedArtifactURL': {
          const a = this.artifacts.find((x) => x.finalized && visible(x) && !this.isExpired(x) && x.name === str('name'));
          if (!a) return json(res, 404, { code: 'not_found', msg: 'artifact not found' });
          return json(res, 200, { signed_url: this.signedUrl(a.blob) });
        }
        case 'DeleteArtifact': {
          const i = this.artifacts.findIndex((x) => x.finalized && visible(x) && x.name === str('name'));
          const a = this.artifacts[i];
          if (!a) return json(res, 404, { code: 'not_found', msg: 'artifact not found' });
          this.artifacts.splice(i, 1);
          this.blobs.delete(a.blob);
          this.deleted.push(a.name);
          return json(res, 200, { ok: true, artifact_id: String(a.id) });
        }
      }
    }
    if (service === 'cache') {
      const key = str('key');
      const version = str('version');
      const scopes = this.scopesOf(authorization);
      switch (method) {
        case 'CreateCacheEntry': {
          if (key.length > 512 || key.includes(',')) return json(res, 400, { code: 'invalid_argument', msg: 'cache key must be at most 512 characters and hold no comma' });
          const scope = scopes.find((x) => (x.Permission & 2) !== 0)?.Scope;
          if (!scope) return json(res, 200, { ok: false, message: 'cache write denied: the token of this run may only read the cache' });
          if (this.caches.some((c) => c.key === key && c.version === version && c.scope === scope)) {
            return json(res, 409, { code: 'already_exists', msg: 'cache entry with the same key, version, and scope already exists' });
          }
          const id = this.nextId++;
          const blob = `cache-${id}`;
          this.caches.push({ id, key, version, scope, blob, size: 0, finalized: false, createdAt: Date.now() });
          return json(res, 200, { ok: true, signed_upload_url: this.signedUrl(blob) });
        }
        case 'FinalizeCacheEntryUpload': {
          const scope = scopes.find((x) => (x.Permission & 2) !== 0)?.Scope;
          const c = this.caches.find((x) => x.key === key && x.version === version && x.scope === scope && !x.finalized);
          if (!c) return json(res, 200, { ok: false, message: 'no cache entry reserved for this key' });
          c.size = this.blobs.get(c.blob)?.length ?? 0;
          c.finalized = true;
          return json(res, 200, { ok: true, entry_id: String(c.id) });
        }
        case 'GetCacheEntryDownloadURL': {
          const restoreKeys = Array.isArray(body.restore_keys) ? (body.restore_keys as string[]) : [];
          // Scope by scope (own ref, the PR's base, the default branch): the key, then each restore key as a prefix.
          for (const sc of scopes.filter((x) => (x.Permission & 1) !== 0)) {
            const usable = this.caches.filter((c) => c.finalized && c.version === version && c.scope === sc.Scope).sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
            let hit = usable.find((c) => c.key === key);
            for (const prefix of restoreKeys) {
              if (hit) break;
              hit = usable.find((c) => c.key === prefix) ?? usable.find((c) => c.key.startsWith(prefix));
            }
            if (hit) return json(res, 200, { ok: true, signed_download_url: this.signedUrl(hit.blob), matched_key: hit.key });
          }
          return json(res, 200, { ok: false, signed_download_url: '', matched_key: '' });
        }
      }
    }
    json(res, 404, { code: 'bad_route', msg: `no such twirp method ${path}` });
  }

  private blobRequest(req: IncomingMessage, url: URL, body: Buffer, res: ServerResponse): void {
    const parts = url.pathname.split('/').filter(Boolean);
    if (parts[0] !== ACCOUNT || parts.length < 3) return xmlError(res, 404, 'ResourceNotFound');
    const name = decodeURIComponent(parts.slice(2).join('/'));
    const comp = url.searchParams.get('comp');
    if (req.method === 'PUT') {
      // A finished artifact or cache entry is immutable.
      if (this.artifacts.some((a) => a.blob === name && a.finalized) || this.caches.some((c) => c.blob === name && c.finalized)) {
        return xmlError(res, 409, 'BlobImmutableDueToPolicy');
      }
      if (comp === 'block') {
        const blockId = url.searchParams.get('blockid') ?? '';
        const map = this.blocks.get(name) ?? new Map<string, Buffer>();
        map.set(blockId, body);
        this.blocks.set(name, map);
        return empty(res, 201);
      }
      if (comp === 'blocklist') {
        const ids = [...body.toString('utf8').matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)<\/(?:Latest|Uncommitted|Committed)>/g)].map((m) => m[1] ?? '');
        const map = this.blocks.get(name) ?? new Map<string, Buffer>();
        const pieces: Buffer[] = [];
        for (const id of ids) {
          const b = map.get(id);
          if (!b) return xmlError(res, 400, 'InvalidBlockList');
          pieces.push(b);
        }
        // As Azure does, committed blocks stay addressable: a retried Put Block List (its answer lost) commits again.
        this.blobs.set(name, Buffer.concat(pieces));
        const ct = req.headers['x-ms-blob-content-type'];
        if (typeof ct === 'string') this.blobTypes.set(name, ct);
        return empty(res, 201);
      }
      if (comp === null) {
        this.blobs.set(name, body);
        const ct = req.headers['x-ms-blob-content-type'] ?? req.headers['content-type'];
        if (typeof ct === 'string') this.blobTypes.set(name, ct);
        return empty(res, 201);
      }
      return xmlError(res, 400, 'UnsupportedQueryParameter');
    }
    const bytes = this.blobs.get(name);
    if (!bytes) return xmlError(res, 404, 'BlobNotFound');
    const type = name.endsWith('.zip') ? 'application/zip' : (this.blobTypes.get(name) ?? 'application/octet-stream');
    const headers: Record<string, string> = {
      'content-type': type,
      'x-ms-blob-type': 'BlockBlob',
      etag: `"${createHash('md5').update(bytes).digest('hex')}"`,
      'last-modified': new Date().toUTCString(),
      'accept-ranges': 'bytes',
    };
    if (req.method === 'HEAD') {
      res.writeHead(200, { ...headers, 'content-length': String(bytes.length) });
      return void res.end();
    }
    if (req.method === 'GET') {
      const range = (req.headers['x-ms-range'] ?? req.headers.range) as string | undefined;
      const m = range ? /bytes=(\d+)-(\d*)/.exec(range) : null;
      if (m) {
        const start = Number(m[1]);
        const end = Math.min(m[2] ? Number(m[2]) : bytes.length - 1, bytes.length - 1);
        const part = bytes.subarray(start, end + 1);
        res.writeHead(206, { ...headers, 'content-length': String(part.length), 'content-range': `bytes ${start}-${end}/${bytes.length}` });
        return void res.end(part);
      }
      res.writeHead(200, { ...headers, 'content-length': String(bytes.length) });
      return void res.end(bytes);
    }
    xmlError(res, 405, 'UnsupportedHttpVerb');
  }

  private restArtifact(a: EmulatedArtifact, repo: string): Record<string, unknown> {
    const run = this.runs.find((r) => r.id === a.runId && r.attempt === a.attempt);
    return {
      id: a.id,
      node_id: `A_${a.id}`,
      name: a.name,
      size_in_bytes: a.size,
      url: `${this.apiUrl}/repos/${repo}/actions/artifacts/${a.id}`,
      archive_download_url: `${this.apiUrl}/repos/${repo}/actions/artifacts/${a.id}/zip`,
      expired: this.isExpired(a),
      digest: a.digest,
      created_at: a.createdAt,
      updated_at: a.createdAt,
      expires_at: a.expiresAt,
      workflow_run: run ? { id: run.id, head_sha: run.headSha, head_branch: run.headBranch, repository_id: 1, head_repository_id: 1 } : null,
    };
  }

  private restRun(run: EmulatedRun): Record<string, unknown> {
    return {
      id: run.id,
      name: run.name ?? 'ci',
      run_attempt: run.attempt,
      head_sha: run.headSha,
      head_branch: run.headBranch,
      path: run.workflowPath,
      event: run.event ?? 'push',
      status: run.status ?? 'completed',
      conclusion: run.conclusion ?? null,
      created_at: run.createdAt ?? isoNow(),
      html_url: `${this.serverUrl}/${run.repo}/actions/runs/${run.id}/attempts/${run.attempt}`,
      url: `${this.apiUrl}/repos/${run.repo}/actions/runs/${run.id}`,
      repository: { full_name: run.repo },
      head_repository: { full_name: run.pr?.headRepo ?? run.repo },
      // As GitHub does: a fork's pull request is not listed here.
      pull_requests: run.pr && (run.pr.headRepo ?? run.repo) === run.repo ? [{ number: run.pr.number }] : [],
    };
  }

  private rest(req: IncomingMessage, url: URL, body: Buffer, res: ServerResponse): void {
    const auth = req.headers.authorization ?? '';
    const token = /^(?:token|bearer)\s+(.+)$/i.exec(auth)?.[1];
    if (!token || (this.acceptedTokens.size > 0 && !this.acceptedTokens.has(token))) {
      return json(res, 401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
    }
    const p = url.pathname.replace(/^\/api/, '');
    const method = req.method ?? 'GET';
    const perms = this.permissions.get(token) ?? { actions: 'write', checks: 'write', contents: 'write' };
    const denied = () => json(res, 403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' });
    const canRead = (p?: string) => p === 'read' || p === 'write';
    let m: RegExpExecArray | null;
    if (method === 'GET' && (m = /^\/repos\/([^/]+\/[^/]+)\/actions\/runs\/(\d+)\/artifacts$/.exec(p))) {
      if (!canRead(perms.actions)) return denied();
      const repo = m[1] ?? '';
      const runId = Number(m[2]);
      const name = url.searchParams.get('name');
      const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), 100);
      const page = Number(url.searchParams.get('page') ?? 1);
      // REST lists the artifacts of every attempt of the run, expired ones marked.
      const all = this.artifactsOf(runId).filter((a) => name === null || a.name === name);
      const slice = all.slice((page - 1) * perPage, page * perPage);
      return json(res, 200, { total_count: all.length, artifacts: slice.map((a) => this.restArtifact(a, repo)) });
    }
    if (method === 'GET' && (m = /^\/repos\/([^/]+\/[^/]+)\/actions\/artifacts\/(\d+)\/zip$/.exec(p))) {
      if (!canRead(perms.actions)) return denied();
      const a = this.artifacts.find((x) => x.id === Number(m?.[2]) && x.finalized);
      if (!a) return json(res, 404, { message: 'Not Found' });
      if (this.isExpired(a)) return json(res, 410, { message: 'Artifact has expired' });
      res.writeHead(302, { location: this.signedUrl(a.blob) });
      return void res.end();
    }
    if (method === 'GET' && (m = /^\/repos\/([^/]+\/[^/]+)\/actions\/runs\/(\d+)(?:\/attempts\/(\d+))?$/.exec(p))) {
      if (!canRead(perms.actions)) return denied();
      const repo = m[1];
      const id = Number(m[2]);
      const attempts = this.runs.filter((r) => r.id === id && r.repo === repo).sort((a, b) => a.attempt - b.attempt);
      const run = m[3] ? attempts.find((r) => r.attempt === Number(m?.[3])) : attempts.at(-1);
      if (!run) return json(res, 404, { message: 'Not Found' });
      return json(res, 200, this.restRun(run));
    }
    if (method === 'GET' && (m = /^\/repos\/([^/]+\/[^/]+)\/commits\/([0-9a-f]+)$/.exec(p))) {
      if (!canRead(perms.contents)) return denied();
      if (!this.commits.get(m[1] ?? '')?.has(m[2] ?? '')) return json(res, 422, { message: `No commit found for SHA: ${m[2]}` });
      return json(res, 200, { sha: m[2] });
    }
    if (method === 'GET' && (m = /^\/repos\/([^/]+\/[^/]+)\/actions(?:\/workflows\/([^/]+))?\/runs$/.exec(p))) {
      if (!canRead(perms.actions)) return denied();
      const repo = m[1];
      const workflow = m[2];
      const branch = url.searchParams.get('branch');
      const list = this.runs
        .filter((r) => r.repo === repo && (!workflow || r.workflowPath.endsWith(`/${workflow}`)) && (!branch || r.headBranch === branch))
        .sort((a, b) => b.id - a.id);
      return json(res, 200, { total_count: list.length, workflow_runs: list.map((r) => this.restRun(r)) });
    }
    if (method === 'POST' && (m = /^\/repos\/([^/]+\/[^/]+)\/actions\/workflows\/([^/]+)\/dispatches$/.exec(p))) {
      if (perms.actions !== 'write') return denied();
      const payload = JSON.parse(body.toString('utf8') || '{}') as { ref?: unknown; inputs?: Record<string, string> };
      if (typeof payload.ref !== 'string') return json(res, 422, { message: 'ref is required' });
      if (payload.inputs && Object.keys(payload.inputs).length > 25) return json(res, 422, { message: 'too many inputs' });
      this.dispatches.push({ repo: m[1] ?? '', workflow: decodeURIComponent(m[2] ?? ''), ref: payload.ref, inputs: payload.inputs ?? {} });
      return empty(res, 204);
    }
    if (method === 'POST' && (m = /^\/repos\/([^/]+\/[^/]+)\/check-runs$/.exec(p))) {
      if (perms.checks !== 'write') return denied();
      const payload = JSON.parse(body.toString('utf8') || '{}') as Omit<CheckRun, 'repo'>;
      const annotations = payload.output?.annotations ?? [];
      if (annotations.length > 50) return json(res, 422, { message: 'at most 50 annotations per request' });
      if (!['success', 'failure', 'neutral', 'cancelled', 'skipped', 'timed_out', 'action_required'].includes(payload.conclusion)) return json(res, 422, { message: 'bad conclusion' });
      this.checkRuns.push({ repo: m[1] ?? '', ...payload });
      return json(res, 201, { id: this.nextId++ });
    }
    json(res, 404, { message: 'Not Found' });
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function empty(res: ServerResponse, status: number): void {
  res.writeHead(status, { 'content-length': '0' });
  res.end();
}

function xmlError(res: ServerResponse, status: number, code: string): void {
  const text = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`;
  res.writeHead(status, { 'content-type': 'application/xml', 'x-ms-error-code': code, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
