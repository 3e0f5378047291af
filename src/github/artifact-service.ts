// The artifact service as Andon uses it, over the real @actions/artifact client, loaded only when something is uploaded or fetched.
import type { ArtifactClient } from '@actions/artifact';

export interface ArtifactService {
  /** Uploads files under `root` as one zipped artifact; returns its id and the sha256 of the zip. */
  upload(name: string, files: string[], root: string, retentionDays: number | null): Promise<{ id: number; size: number; digest: string | null }>;
  /** Names of this workflow run attempt's artifacts (the runtime token sees no other attempt). */
  listOwn(): Promise<{ id: number; name: string }[]>;
  /** Downloads an artifact of this run by id and unzips it into `dest`. */
  downloadOwn(id: number, dest: string): Promise<void>;
}

/** Speaks to the Actions results service through @actions/artifact; the client is imported on first use. */
export class ActionsArtifactService implements ArtifactService {
  private client: Promise<ArtifactClient> | null = null;

  private async get(): Promise<ArtifactClient> {
    this.client ??= import('@actions/artifact').then((m) => new m.DefaultArtifactClient());
    return this.client;
  }

  async upload(name: string, files: string[], root: string, retentionDays: number | null) {
    const c = await this.get();
    const r = await c.uploadArtifact(name, files, root, retentionDays ? { retentionDays } : {});
    if (r.id === undefined) throw new Error(`upload of ${name} returned no artifact id`);
    return { id: r.id, size: r.size ?? 0, digest: r.digest ?? null };
  }

  async listOwn() {
    const c = await this.get();
    const r = await c.listArtifacts();
    return r.artifacts.map((a) => ({ id: a.id, name: a.name }));
  }

  async downloadOwn(id: number, dest: string) {
    const c = await this.get();
    const r = await c.downloadArtifact(id, { path: dest });
    if (r.digestMismatch) throw new Error(`artifact ${id} did not match its digest`);
  }
}
