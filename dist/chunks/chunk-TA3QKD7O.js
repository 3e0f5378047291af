import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  describeMiss,
  recordArtifactName,
  stageArtifactName,
  withDeadline
} from "./chunk-QXRBFGU3.js";
import {
  FsStore,
  RECORD_FILE,
  RunRecord
} from "./chunk-M6DQOKU2.js";
import {
  UserError,
  array,
  boolean,
  number,
  object,
  string
} from "./chunk-5C57FHY2.js";

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
  created_at: string().optional()
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

// src/github/run-download.ts
import { mkdir as mkdir2, readFile, rm } from "node:fs/promises";
import path2 from "node:path";

// src/github/zip-read.ts
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { inflateRawSync } from "node:zlib";
var DEFAULT_ZIP_LIMITS = { maxEntries: 1e4, maxBytes: 1024 * 1024 * 1024 };
var EOCD = 101010256;
var CENTRAL = 33639248;
var LOCAL = 67324752;
function fail(why) {
  throw new Error(`not a zip Andon can read: ${why}`);
}
function safeEntryName(name) {
  if (!name || name.startsWith("/") || name.includes("\\") || /^[A-Za-z]:/.test(name) || name.includes("\0")) return false;
  return name.split("/").every((seg) => seg !== "..");
}
function readZip(buf, limits = DEFAULT_ZIP_LIMITS) {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) fail("no end of central directory");
  const count = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 65535 || cdOffset === 4294967295) fail("zip64 is not supported");
  if (count > limits.maxEntries) fail(`${count} entries, over the limit of ${limits.maxEntries}`);
  const out = [];
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) fail("broken central directory");
    const method = buf.readUInt16LE(p + 10);
    const compSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const mode = buf.readUInt32LE(p + 38) >>> 16;
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString("utf8", p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith("/")) continue;
    if (!safeEntryName(name)) fail(`entry ${JSON.stringify(name)} would leave the folder`);
    if ((mode & 61440) === 40960) fail(`entry ${JSON.stringify(name)} is a symbolic link`);
    total += size;
    if (total > limits.maxBytes) fail(`more than ${limits.maxBytes} bytes uncompressed`);
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL) fail(`broken local header of ${name}`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + compSize);
    if (raw.length !== compSize) fail(`${name} is cut short`);
    let data;
    if (method === 0) data = Buffer.from(raw);
    else if (method === 8) data = inflateRawSync(raw, { maxOutputLength: Math.max(size, 1) });
    else fail(`${name} uses compression method ${method}`);
    if (data.length !== size) fail(`${name} inflates to ${data.length} bytes, not ${size}`);
    out.push({ name, data });
  }
  return out;
}
async function extractZip(buf, dest, limits) {
  const root = path.resolve(dest);
  const written = [];
  for (const e of readZip(buf, limits)) {
    const file = path.resolve(root, e.name);
    if (!file.startsWith(root + path.sep)) fail(`entry ${JSON.stringify(e.name)} would leave the folder`);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, e.data);
    written.push(e.name);
  }
  return written;
}

// src/github/run-download.ts
function ownRunLocator(service) {
  return { describe: "this workflow run", list: () => service.listOwn(), download: (id, dest) => service.downloadOwn(id, dest) };
}
function otherRunLocator(rest, run, maxBytes = MAX_ARTIFACT_BYTES) {
  return {
    describe: `workflow run ${run.runId} of ${run.repo}`,
    list: async () => (await rest.listRunArtifacts(run.repo, run.runId)).filter((a) => !a.expired).map((a) => ({ id: a.id, name: a.name })),
    download: async (id, dest) => {
      await extractZip(await rest.downloadArtifactZip(run.repo, id, maxBytes), dest, { maxEntries: 1e4, maxBytes });
    }
  };
}
var MAX_ARTIFACT_BYTES = 512 * 1024 * 1024;
async function downloadRun(locator, serial, root, s) {
  const store = new FsStore(root);
  const runDir = store.runDir(serial);
  await rm(runDir, { recursive: true, force: true });
  await mkdir2(runDir, { recursive: true });
  const listed = await withDeadline(s.deadlineMs, () => locator.list());
  if (listed.kind !== "done") throw new Error(describeMiss(`listing the artifacts of ${locator.describe}`, listed));
  const byName = new Map(listed.value.map((a) => [a.name, a.id]));
  const recordId = byName.get(recordArtifactName(serial));
  if (recordId === void 0) {
    throw new UserError(`no artifact ${recordArtifactName(serial)} in ${locator.describe} (expired, or the run never uploaded its record)`);
  }
  const got = await withDeadline(s.deadlineMs, () => locator.download(recordId, runDir));
  if (got.kind !== "done") throw new Error(describeMiss(`download of ${recordArtifactName(serial)}`, got));
  let record;
  try {
    record = RunRecord.parse(JSON.parse(await readFile(path2.join(runDir, RECORD_FILE), "utf8")));
  } catch (e) {
    throw new UserError(`the record artifact of ${serial} is not an andon.run/v1 record: ${e.message.split("\n")[0]}`);
  }
  if (record.serial !== serial) throw new UserError(`the record artifact of ${serial} holds run ${record.serial}`);
  const missing = [];
  const wanted = record.stages.filter((st) => st.artifacts.length > 0 && (s.stages === true || Array.isArray(s.stages) && s.stages.includes(st.id)));
  for (const st of wanted) {
    const name = stageArtifactName(serial, st.id);
    const id = byName.get(name);
    if (id === void 0) {
      missing.push(st.id);
      continue;
    }
    const r = await withDeadline(s.deadlineMs, () => locator.download(id, runDir));
    if (r.kind !== "done") {
      s.logger.warn(describeMiss(`download of ${name}`, r));
      missing.push(st.id);
    }
  }
  const problems = s.stages === false ? [] : (await store.verify(record)).filter((p) => wanted.some((w) => p.path.startsWith(`${w.id}/`)));
  return { record, store, runDir, problems, missing };
}

export {
  GitHubRest,
  ownRunLocator,
  otherRunLocator,
  downloadRun
};
