// `andon metrics [--json] [--last N] [--by day|week] [--repo owner/name]`: factory metrics over recorded runs.
import { UserError } from '../../core/errors.js';
import { computeMetrics, type FactoryMetrics, type Period } from '../../report/metrics.js';
import { metricsText } from '../../report/metrics-text.js';
import { loadRuns } from '../../report/run-data.js';
import type { CliIo } from '../io.js';
import { openStore } from '../workspace.js';

export interface MetricsArgs {
  json: boolean;
  last?: number;
  by?: string;
  repo?: string;
  token?: string;
  config?: string;
  store?: string;
}

export function parsePeriod(by: string | undefined): Period | undefined {
  if (by === undefined) return undefined;
  if (by === 'day' || by === 'week') return by;
  throw new UserError(`--by takes day or week, not "${by}"`);
}

export async function metricsCommand(args: MetricsArgs, io: CliIo): Promise<number> {
  const period = parsePeriod(args.by);
  const opts = { ...(args.last ? { last: args.last } : {}), ...(period ? { period } : {}) };
  let m: FactoryMetrics;
  if (args.repo) {
    // Loaded on demand: the REST and zip code is not needed for the local store.
    const { remoteRuns } = await import('../../github/remote-runs.js');
    const got = await remoteRuns({ repo: args.repo, token: args.token || io.env.GITHUB_TOKEN || io.env.GH_TOKEN || '', apiUrl: io.env.GITHUB_API_URL, last: args.last ?? 100 });
    m = computeMetrics(got.runs, { source: args.repo, skipped: got.skipped, ...opts });
  } else {
    const store = await openStore(io.cwd, args.config, args.store);
    const got = await loadRuns(store);
    m = computeMetrics(got.runs, { source: store.root, skipped: got.skipped, ...opts });
  }
  io.out(args.json ? `${JSON.stringify(m, null, 2)}\n` : metricsText(m));
  return 0;
}
