// The cache service as Andon uses it, over the real @actions/cache client (imported on first use), every call under a deadline.
import type * as ActionsCache from '@actions/cache';
import type { Logger } from '../core/logger.js';
import { describeMiss, withDeadline } from './deadline.js';

export interface CacheService {
  /** The matched key, or null on a miss, a refusal or a missed deadline (the cache is best effort, never the record). */
  restore(dir: string, key: string, restoreKeys: string[]): Promise<string | null>;
  /** True when saved; false when the key exists, the service refused or the deadline passed. */
  save(dir: string, key: string): Promise<boolean>;
}

export class ActionsCacheService implements CacheService {
  private mod: Promise<typeof ActionsCache> | null = null;
  private down: string | null = null;

  constructor(
    private readonly deadlineMs: number,
    private readonly logger: Logger,
  ) {}

  private load(): Promise<typeof ActionsCache> {
    this.mod ??= import('@actions/cache');
    return this.mod;
  }

  /** Whether the runner offers the cache service at all (ACTIONS_RESULTS_URL and friends). */
  async available(): Promise<boolean> {
    const m = await this.load();
    return m.isFeatureAvailable();
  }

  async restore(dir: string, key: string, restoreKeys: string[]): Promise<string | null> {
    if (this.down) return null;
    const m = await this.load();
    const r = await withDeadline(this.deadlineMs, () => m.restoreCache([dir], key, restoreKeys));
    if (r.kind === 'done') return r.value ?? null;
    this.miss(describeMiss(`cache restore of ${key}`, r));
    return null;
  }

  async save(dir: string, key: string): Promise<boolean> {
    if (this.down) return false;
    const m = await this.load();
    const r = await withDeadline(this.deadlineMs, () => m.saveCache([dir], key));
    if (r.kind === 'done') return r.value > 0;
    this.miss(describeMiss(`cache save of ${key}`, r));
    return false;
  }

  private miss(why: string): void {
    // After one missed deadline the service is taken as down for this step: waiting again would only add minutes.
    if (why.includes('did not answer')) this.down = why;
    this.logger.warn(`${why}; going on without the cache`);
  }
}
