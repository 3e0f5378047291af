// The few GitHub REST calls Andon makes (workflow runs, their artifacts, a dispatch), over fetch with a bounded number of retries.
import { z } from 'zod';

export const WorkflowRun = z.object({
  id: z.number(),
  name: z.string().nullable().optional(),
  run_attempt: z.number().optional(),
  head_sha: z.string(),
  head_branch: z.string().nullable().optional(),
  path: z.string().optional(),
  event: z.string().optional(),
  status: z.string().nullable().optional(),
  conclusion: z.string().nullable().optional(),
  html_url: z.string(),
  created_at: z.string().optional(),
  repository: z.object({ full_name: z.string() }).nullable().optional(),
  head_repository: z.object({ full_name: z.string() }).nullable().optional(),
});
export type WorkflowRun = z.infer<typeof WorkflowRun>;

export const RunArtifact = z.object({
  id: z.number(),
  name: z.string(),
  size_in_bytes: z.number(),
  expired: z.boolean().optional(),
  digest: z.string().nullable().optional(),
  created_at: z.string().nullable().optional(),
});
export type RunArtifact = z.infer<typeof RunArtifact>;

const ArtifactPage = z.object({ total_count: z.number(), artifacts: z.array(RunArtifact) });
const RunPage = z.object({ total_count: z.number(), workflow_runs: z.array(WorkflowRun) });

export interface RestOptions {
  apiUrl: string;
  token: string;
  signal?: AbortSignal;
  /** Retries of a 5xx or a dropped connection; GitHub's REST is retried a little, never forever. */
  retries?: number;
  fetch?: typeof fetch;
}

export class RestError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'RestError';
  }
}

const REPO = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

export class GitHubRest {
  constructor(private readonly o: RestOptions) {
    if (!o.token) throw new RestError('a GitHub token is needed to look runs up (actions: read)', 401);
  }

  private async request(method: string, route: string, body?: unknown, redirect = false): Promise<{ status: number; json: unknown; location?: string }> {
    const url = `${this.o.apiUrl.replace(/\/$/, '')}${route}`;
    const retries = this.o.retries ?? 2;
    const doFetch = this.o.fetch ?? fetch;
    let last: unknown;
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await sleep(250 * 2 ** attempt, this.o.signal);
      try {
        const res = await doFetch(url, {
          method,
          headers: {
            authorization: `Bearer ${this.o.token}`,
            accept: 'application/vnd.github+json',
            'x-github-api-version': '2022-11-28',
            'user-agent': 'andon',
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          redirect: 'manual',
          signal: this.o.signal ?? null,
        });
        if (redirect && res.status >= 300 && res.status < 400) {
          await res.body?.cancel();
          return { status: res.status, json: null, location: res.headers.get('location') ?? '' };
        }
        const text = await res.text();
        if (res.status >= 500) {
          last = new RestError(`${method} ${route}: ${res.status}`, res.status);
          continue;
        }
        let json: unknown = null;
        try {
          json = text ? JSON.parse(text) : null;
        } catch {
          json = null;
        }
        if (res.status >= 400) {
          const msg = (json as { message?: string } | null)?.message ?? text.slice(0, 200);
          throw new RestError(`${method} ${route}: ${res.status} ${msg}`, res.status);
        }
        return { status: res.status, json };
      } catch (e) {
        if (e instanceof RestError || this.o.signal?.aborted) throw e;
        last = e;
      }
    }
    throw last instanceof Error ? last : new RestError(String(last), null);
  }

  private static repo(repo: string): string {
    if (!REPO.test(repo)) throw new RestError(`not an owner/name repository: ${JSON.stringify(repo)}`, null);
    return repo;
  }

  async getRun(repo: string, runId: string, attempt?: number): Promise<WorkflowRun> {
    const r = await this.request('GET', `/repos/${GitHubRest.repo(repo)}/actions/runs/${encodeURIComponent(runId)}${attempt ? `/attempts/${attempt}` : ''}`);
    return WorkflowRun.parse(r.json);
  }

  /** Every artifact of a run (pages of 100), optionally only those with this name. */
  async listRunArtifacts(repo: string, runId: string, name?: string): Promise<RunArtifact[]> {
    const out: RunArtifact[] = [];
    for (let page = 1; page <= 10; page++) {
      const q = new URLSearchParams({ per_page: '100', page: String(page), ...(name ? { name } : {}) });
      const r = await this.request('GET', `/repos/${GitHubRest.repo(repo)}/actions/runs/${encodeURIComponent(runId)}/artifacts?${q}`);
      const p = ArtifactPage.parse(r.json);
      out.push(...p.artifacts);
      if (out.length >= p.total_count || p.artifacts.length === 0) break;
    }
    return out;
  }

  /** The newest workflow runs of a repository (optionally of one branch), up to `max`, newest first. */
  async listRuns(repo: string, o: { branch?: string; max: number }): Promise<WorkflowRun[]> {
    const out: WorkflowRun[] = [];
    for (let page = 1; out.length < o.max && page <= 10; page++) {
      const q = new URLSearchParams({ per_page: '100', page: String(page), ...(o.branch ? { branch: o.branch } : {}) });
      const r = await this.request('GET', `/repos/${GitHubRest.repo(repo)}/actions/runs?${q}`);
      const p = RunPage.parse(r.json);
      out.push(...p.workflow_runs);
      if (p.workflow_runs.length < 100) break;
    }
    return out.slice(0, o.max);
  }

  /** An artifact's zip: the API answers 302 to a signed blob URL, fetched without the token (it must not leave GitHub). */
  async downloadArtifactZip(repo: string, artifactId: number, maxBytes: number): Promise<Buffer> {
    const r = await this.request('GET', `/repos/${GitHubRest.repo(repo)}/actions/artifacts/${artifactId}/zip`, undefined, true);
    if (r.status !== 302 || !r.location) throw new RestError(`artifact ${artifactId}: expected a redirect to the zip, got ${r.status}`, r.status);
    const doFetch = this.o.fetch ?? fetch;
    const res = await doFetch(r.location, { signal: this.o.signal ?? null });
    if (res.status !== 200 || !res.body) throw new RestError(`artifact ${artifactId}: blob storage answered ${res.status}`, res.status);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > maxBytes) throw new RestError(`artifact ${artifactId} is over ${maxBytes} bytes`, null);
      chunks.push(Buffer.from(chunk));
    }
    return Buffer.concat(chunks);
  }

  /** Whether a commit is still in the repository (a force-push or a deleted branch can take it away); null when the token may not read contents. */
  async commitExists(repo: string, sha: string): Promise<boolean | null> {
    if (!/^[0-9a-f]{7,64}$/.test(sha)) return false;
    try {
      await this.request('GET', `/repos/${GitHubRest.repo(repo)}/commits/${sha}`);
      return true;
    } catch (e) {
      if (e instanceof RestError && (e.status === 404 || e.status === 422)) return false;
      if (e instanceof RestError && e.status === 403) return null;
      throw e;
    }
  }

  /** A completed check run on a commit (`checks: write`). */
  async createCheckRun(repo: string, body: Record<string, unknown>): Promise<void> {
    await this.request('POST', `/repos/${GitHubRest.repo(repo)}/check-runs`, body);
  }

  async dispatchWorkflow(repo: string, workflow: string, ref: string, inputs: Record<string, string>): Promise<void> {
    await this.request('POST', `/repos/${GitHubRest.repo(repo)}/actions/workflows/${encodeURIComponent(workflow)}/dispatches`, { ref, inputs });
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    });
  });
}
