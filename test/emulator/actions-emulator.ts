// A loopback emulator of the GitHub Actions services the real @actions/artifact and @actions/cache clients talk to, plus the REST lookups Andon makes.
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One workflow run as the REST API shows it. */
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
}

export interface EmulatedArtifact {
  id: number;
  runId: number;
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
  blob: string;
  size: number;
  finalized: boolean;
  createdAt: number;
}

/** What a fault applies to: the twirp services, the blob storage, or the REST API. */
export type FaultTarget = 'twirp' | 'blob' | 'rest' | 'any';

export type Fault =
  | { kind: 'status'; target: FaultTarget; status: number; remaining: number }
  | { kind: 'close'; target: FaultTarget; remaining: number }
  | { kind: 'hang'; target: FaultTarget; remaining: number };

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
  private readonly blobs = new Map<string, Buffer>();
  private readonly blobTypes = new Map<string, string>();
  private readonly blocks = new Map<string, Map<string, Buffer>>();
  private readonly backendRuns = new Map<string, number>();
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

  /** Registers a workflow run attempt; returns the backend id its runtime token carries. */
  addRun(run: EmulatedRun): string {
    const existing = this.runs.findIndex((r) => r.id === run.id && r.repo === run.repo);
    if (existing >= 0) this.runs.splice(existing, 1, run);
    else this.runs.push(run);
    const backendId = `run-${run.id}-${randomUUID()}`;
    this.backendRuns.set(backendId, run.id);
    return backendId;
  }

  /** A JWT-shaped runtime token; the clients decode it and never verify it. */
  runtimeToken(runBackendId: string, jobBackendId = `job-${randomUUID()}`): string {
    const header = base64url(JSON.stringify({ alg: 'none', typ: 'JWT' }));
    const payload = base64url(JSON.stringify({ scp: `Actions.GenericRead:x Actions.Results:${runBackendId}:${jobBackendId}` }));
    return `${header}.${payload}.sig`;
  }

  /** The environment a step of `run` sees for the services (no INPUT_*, no files). */
  stepEnv(run: EmulatedRun, opts: { token?: string } = {}): Record<string, string> {
    const backendId = this.addRun(run);
    return {
      ACTIONS_RUNTIME_TOKEN: this.runtimeToken(backendId),
      ACTIONS_RESULTS_URL: `${this.origin}/`,
      ACTIONS_CACHE_SERVICE_V2: 'true',
      GITHUB_API_URL: this.apiUrl,
      GITHUB_SERVER_URL: this.serverUrl,
      GITHUB_REPOSITORY: run.repo,
      GITHUB_RUN_ID: String(run.id),
      GITHUB_RUN_ATTEMPT: String(run.attempt),
      GITHUB_SHA: run.headSha,
      GITHUB_REF_NAME: run.headBranch,
      GITHUB_REF: `refs/heads/${run.headBranch}`,
      GITHUB_WORKFLOW_REF: `${run.repo}/${run.workflowPath}@refs/heads/${run.headBranch}`,
      GITHUB_WORKFLOW: run.name ?? 'ci',
      GITHUB_JOB: 'andon',
      GITHUB_ACTIONS: 'true',
      NO_PROXY: '127.0.0.1,localhost,github.localhost',
      no_proxy: '127.0.0.1,localhost,github.localhost',
      ...(opts.token ? { GITHUB_TOKEN: opts.token } : {}),
    };
  }

  /** The next `count` requests to `target` answer `status` with a twirp-shaped JSON error. */
  failWith(status: number, count: number, target: FaultTarget = 'any'): void {
    this.faults.push({ kind: 'status', target, status, remaining: count });
  }
  /** The next `count` requests to `target` get their socket closed without an answer. */
  closeSockets(count: number, target: FaultTarget = 'any'): void {
    this.faults.push({ kind: 'close', target, remaining: count });
  }
  /** The next `count` requests to `target` are never answered (until stop()). */
  hang(count: number, target: FaultTarget = 'any'): void {
    this.faults.push({ kind: 'hang', target, remaining: count });
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
    if (fault) {
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
      if (target === 'twirp') return this.twirp(url.pathname, body, res);
      if (target === 'rest') return this.rest(req, url, body, res);
      return this.blobRequest(req, url, body, res);
    } catch (err) {
      json(res, 500, { code: 'internal', msg: err instanceof Error ? err.message : String(err) });
    }
  }

  private signedUrl(blob: string): string {
    return `${this.origin}/${ACCOUNT}/store/${encodeURIComponent(blob)}?sig=emulated&se=${Date.now() + 3_600_000}`;
  }

  private twirp(path: string, raw: Buffer, res: ServerResponse): void {
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
      const runId = this.backendRuns.get(runBackendId) ?? 0;
      switch (method) {
        case 'CreateArtifact': {
          const name = str('name');
          // The real service keys by run, not by job or attempt backend id: same name in the same run is a conflict.
          if (this.artifacts.some((a) => a.runId === runId && a.name === name && runId !== 0)) {
            return json(res, 409, { code: 'already_exists', msg: `an artifact with this name already exists on the workflow run` });
          }
          const id = this.nextId++;
          const blob = `artifact-${id}.zip`;
          this.artifacts.push({
            id,
            runId,
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
          const a = this.artifacts.find((x) => x.runBackendId === runBackendId && x.name === str('name') && !x.finalized);
          if (!a) return json(res, 404, { code: 'not_found', msg: 'artifact not found' });
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
              a.runId === runId &&
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
          const a = this.artifacts.find((x) => x.finalized && x.runId === runId && x.name === str('name'));
          if (!a) return json(res, 404, { code: 'not_found', msg: 'artifact not found' });
          return json(res, 200, { signed_url: this.signedUrl(a.blob) });
        }
        case 'DeleteArtifact': {
          const i = this.artifacts.findIndex((x) => x.finalized && x.runId === runId && x.name === str('name'));
          const a = this.artifacts[i];
          if (!a) return json(res, 404, { code: 'not_found', msg: 'artifact not found' });
          this.artifacts.splice(i, 1);
          this.blobs.delete(a.blob);
          return json(res, 200, { ok: true, artifact_id: String(a.id) });
        }
      }
    }
    if (service === 'cache') {
      const key = str('key');
      const version = str('version');
      switch (method) {
        case 'CreateCacheEntry': {
          if (this.caches.some((c) => c.key === key && c.version === version)) {
            return json(res, 409, { code: 'already_exists', msg: 'cache entry with the same key, version, and scope already exists' });
          }
          const id = this.nextId++;
          const blob = `cache-${id}`;
          this.caches.push({ id, key, version, blob, size: 0, finalized: false, createdAt: Date.now() });
          return json(res, 200, { ok: true, signed_upload_url: this.signedUrl(blob) });
        }
        case 'FinalizeCacheEntryUpload': {
          const c = this.caches.find((x) => x.key === key && x.version === version && !x.finalized);
          if (!c) return json(res, 200, { ok: false, message: 'no cache entry reserved for this key' });
          c.size = this.blobs.get(c.blob)?.length ?? 0;
          c.finalized = true;
          return json(res, 200, { ok: true, entry_id: String(c.id) });
        }
        case 'GetCacheEntryDownloadURL': {
          const restoreKeys = Array.isArray(body.restore_keys) ? (body.restore_keys as string[]) : [];
          const usable = this.caches.filter((c) => c.finalized && c.version === version).sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
          let hit = usable.find((c) => c.key === key);
          for (const prefix of restoreKeys) {
            if (hit) break;
            hit = usable.find((c) => c.key === prefix) ?? usable.find((c) => c.key.startsWith(prefix));
          }
          if (!hit) return json(res, 200, { ok: false, signed_download_url: '', matched_key: '' });
          return json(res, 200, { ok: true, signed_download_url: this.signedUrl(hit.blob), matched_key: hit.key });
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
        this.blobs.set(name, Buffer.concat(pieces));
        this.blocks.delete(name);
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
    const run = this.runs.find((r) => r.id === a.runId);
    return {
      id: a.id,
      node_id: `A_${a.id}`,
      name: a.name,
      size_in_bytes: a.size,
      url: `${this.apiUrl}/repos/${repo}/actions/artifacts/${a.id}`,
      archive_download_url: `${this.apiUrl}/repos/${repo}/actions/artifacts/${a.id}/zip`,
      expired: false,
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
    let m: RegExpExecArray | null;
    if (method === 'GET' && (m = /^\/repos\/([^/]+\/[^/]+)\/actions\/runs\/(\d+)\/artifacts$/.exec(p))) {
      const repo = m[1] ?? '';
      const runId = Number(m[2]);
      const name = url.searchParams.get('name');
      const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), 100);
      const page = Number(url.searchParams.get('page') ?? 1);
      const all = this.artifactsOf(runId).filter((a) => name === null || a.name === name);
      const slice = all.slice((page - 1) * perPage, page * perPage);
      return json(res, 200, { total_count: all.length, artifacts: slice.map((a) => this.restArtifact(a, repo)) });
    }
    if (method === 'GET' && (m = /^\/repos\/([^/]+\/[^/]+)\/actions\/artifacts\/(\d+)\/zip$/.exec(p))) {
      const a = this.artifacts.find((x) => x.id === Number(m?.[2]) && x.finalized);
      if (!a) return json(res, 404, { message: 'Not Found' });
      res.writeHead(302, { location: this.signedUrl(a.blob) });
      return void res.end();
    }
    if (method === 'GET' && (m = /^\/repos\/([^/]+\/[^/]+)\/actions\/runs\/(\d+)(?:\/attempts\/(\d+))?$/.exec(p))) {
      const repo = m[1];
      const id = Number(m[2]);
      const run = this.runs.find((r) => r.id === id && r.repo === repo);
      if (!run) return json(res, 404, { message: 'Not Found' });
      const attempt = m[3] ? Number(m[3]) : run.attempt;
      return json(res, 200, this.restRun({ ...run, attempt }));
    }
    if (method === 'GET' && (m = /^\/repos\/([^/]+\/[^/]+)\/actions(?:\/workflows\/([^/]+))?\/runs$/.exec(p))) {
      const repo = m[1];
      const workflow = m[2];
      const branch = url.searchParams.get('branch');
      const list = this.runs
        .filter((r) => r.repo === repo && (!workflow || r.workflowPath.endsWith(`/${workflow}`)) && (!branch || r.headBranch === branch))
        .sort((a, b) => b.id - a.id);
      return json(res, 200, { total_count: list.length, workflow_runs: list.map((r) => this.restRun(r)) });
    }
    if (method === 'POST' && (m = /^\/repos\/([^/]+\/[^/]+)\/actions\/workflows\/([^/]+)\/dispatches$/.exec(p))) {
      const payload = JSON.parse(body.toString('utf8') || '{}') as { ref?: unknown; inputs?: Record<string, string> };
      if (typeof payload.ref !== 'string') return json(res, 422, { message: 'ref is required' });
      if (payload.inputs && Object.keys(payload.inputs).length > 25) return json(res, 422, { message: 'too many inputs' });
      this.dispatches.push({ repo: m[1] ?? '', workflow: decodeURIComponent(m[2] ?? ''), ref: payload.ref, inputs: payload.inputs ?? {} });
      return empty(res, 204);
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
