// Merges the stages' SARIF logs into the one file code scanning takes, within its limits (runs per file, gzipped size).
import { fitGzipped, keepRuns, SARIF_LIMITS, SARIF_SCHEMA, type SarifBuild, type SarifLimits, type SarifLog } from '../core/sarif.js';

export function mergeSarif(logs: readonly SarifLog[], limitsOverride: Partial<SarifLimits> = {}): SarifBuild {
  const limits: SarifLimits = { ...SARIF_LIMITS, ...limitsOverride };
  const cut: string[] = [];
  const log: SarifLog = { $schema: SARIF_SCHEMA, version: '2.1.0', runs: logs.flatMap((l) => l.runs) };
  keepRuns(log, cut, limits);
  // Results in each run are already most-important-first, so keeping a prefix keeps the most severe new ones.
  const runs = log.runs;
  const remake = (share: number): SarifLog => ({ ...log, runs: runs.map((r) => ({ ...r, results: r.results.slice(0, Math.floor(r.results.length * share)) })) });
  return { log: fitGzipped(log, remake, cut, limits), cut };
}
