import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  array,
  boolean,
  number,
  object,
  string
} from "./chunk-QTHYIHUL.js";

// src/github/rest-client.ts
var WorkflowRun = object({
  id: number(),
  name: string().nullable().optional(),
  run_attempt: number().optional(),
  head_sha: string(),
  head_branch: string().nullable().optional(),
  path: string().optional(),
  event: string().optional(),
  status: string().nullable().optional(),
  conclusion: string().nullable().optional(),
  html_url: string(),
  created_at: string().optional(),
  repository: object({ full_name: string() }).nullable().optional(),
  head_repository: object({ full_name: string() }).nullable().optional()
});
var RunArtifact = object({
  id: number(),
  name: string(),
  size_in_bytes: number(),
  expired: boolean().optional(),
  digest: string().nullable().optional(),
  created_at: string().nullable().optional()
});
var ArtifactPage = object({ total_count: number(), artifacts: array(RunArtifact) });
var RunPage = object({ total_count: number(), workflow_runs: array(WorkflowRun) });
var RestError = class extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
    this.name = "RestError";
  }
  status;
};
var REPO = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
var GitHubRest = class _GitHubRest {
  constructor(o) {
    this.o = o;
    if (!o.token) throw new RestError("a GitHub token is needed to look runs up (actions: read)", 401);
  }
  o;
  async request(method, route, body, redirect = false) {
    const url = `${this.o.apiUrl.replace(/\/$/, "")}${route}`;
    const retries = this.o.retries ?? 2;
    const doFetch = this.o.fetch ?? fetch;
    let last;
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await sleep(250 * 2 ** attempt, this.o.signal);
      try {
        const res = await doFetch(url, {
          method,
          headers: {
            authorization: `Bearer ${this.o.token}`,
            accept: "application/vnd.github+json",
            "x-github-api-version": "2022-11-28",
            "user-agent": "andon",
            ...body !== void 0 ? { "content-type": "application/json" } : {}
          },
          ...body !== void 0 ? { body: JSON.stringify(body) } : {},
          redirect: "manual",
          signal: this.o.signal ?? null
        });
        if (redirect && res.status >= 300 && res.status < 400) {
          await res.body?.cancel();
          return { status: res.status, json: null, location: res.headers.get("location") ?? "" };
        }
        const text = await res.text();
        if (res.status >= 500) {
          last = new RestError(`${method} ${route}: ${res.status}`, res.status);
          continue;
        }
        let json = null;
        try {
          json = text ? JSON.parse(text) : null;
        } catch {
          json = null;
        }
        if (res.status >= 400) {
          const msg = json?.message ?? text.slice(0, 200);
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
  static repo(repo) {
    if (!REPO.test(repo)) throw new RestError(`not an owner/name repository: ${JSON.stringify(repo)}`, null);
    return repo;
  }
  async getRun(repo, runId, attempt) {
    const r = await this.request("GET", `/repos/${_GitHubRest.repo(repo)}/actions/runs/${encodeURIComponent(runId)}${attempt ? `/attempts/${attempt}` : ""}`);
    return WorkflowRun.parse(r.json);
  }
  /** Every artifact of a run (pages of 100), optionally only those with this name. */
  async listRunArtifacts(repo, runId, name) {
    const out = [];
    for (let page = 1; page <= 10; page++) {
      const q = new URLSearchParams({ per_page: "100", page: String(page), ...name ? { name } : {} });
      const r = await this.request("GET", `/repos/${_GitHubRest.repo(repo)}/actions/runs/${encodeURIComponent(runId)}/artifacts?${q}`);
      const p = ArtifactPage.parse(r.json);
      out.push(...p.artifacts);
      if (out.length >= p.total_count || p.artifacts.length === 0) break;
    }
    return out;
  }
  /** The newest workflow runs of a repository (optionally of one branch), up to `max`, newest first. */
  async listRuns(repo, o) {
    const out = [];
    for (let page = 1; out.length < o.max && page <= 10; page++) {
      const q = new URLSearchParams({ per_page: "100", page: String(page), ...o.branch ? { branch: o.branch } : {} });
      const r = await this.request("GET", `/repos/${_GitHubRest.repo(repo)}/actions/runs?${q}`);
      const p = RunPage.parse(r.json);
      out.push(...p.workflow_runs);
      if (p.workflow_runs.length < 100) break;
    }
    return out.slice(0, o.max);
  }
  /** An artifact's zip: the API answers 302 to a signed blob URL, fetched without the token (it must not leave GitHub). */
  async downloadArtifactZip(repo, artifactId, maxBytes) {
    const r = await this.request("GET", `/repos/${_GitHubRest.repo(repo)}/actions/artifacts/${artifactId}/zip`, void 0, true);
    if (r.status !== 302 || !r.location) throw new RestError(`artifact ${artifactId}: expected a redirect to the zip, got ${r.status}`, r.status);
    const doFetch = this.o.fetch ?? fetch;
    const res = await doFetch(r.location, { signal: this.o.signal ?? null });
    if (res.status !== 200 || !res.body) throw new RestError(`artifact ${artifactId}: blob storage answered ${res.status}`, res.status);
    const chunks = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += chunk.length;
      if (size > maxBytes) throw new RestError(`artifact ${artifactId} is over ${maxBytes} bytes`, null);
      chunks.push(Buffer.from(chunk));
    }
    return Buffer.concat(chunks);
  }
  /** Whether a commit is still in the repository (a force-push or a deleted branch can take it away); null when the token may not read contents. */
  async commitExists(repo, sha) {
    if (!/^[0-9a-f]{7,64}$/.test(sha)) return false;
    try {
      await this.request("GET", `/repos/${_GitHubRest.repo(repo)}/commits/${sha}`);
      return true;
    } catch (e) {
      if (e instanceof RestError && (e.status === 404 || e.status === 422)) return false;
      if (e instanceof RestError && e.status === 403) return null;
      throw e;
    }
  }
  /** A completed check run on a commit (`checks: write`). */
  async createCheckRun(repo, body) {
    await this.request("POST", `/repos/${_GitHubRest.repo(repo)}/check-runs`, body);
  }
  async dispatchWorkflow(repo, workflow, ref, inputs) {
    await this.request("POST", `/repos/${_GitHubRest.repo(repo)}/actions/workflows/${encodeURIComponent(workflow)}/dispatches`, { ref, inputs });
  }
};
function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(t);
      reject(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
    });
  });
}

export {
  RestError,
  GitHubRest
};
