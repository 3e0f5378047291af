// Writes findings as SARIF 2.1.0: one run per tool, stable partialFingerprints, baselineState, code scanning's limits.
import type { Finding, ToolInfo } from '../core/findings.js';
import { compareFindings } from '../core/findings.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** GitHub code scanning's upload limits (GITHUB.md). */
export const SARIF_LIMITS = {
  resultsPerRun: 25_000,
  runsPerFile: 20,
  locationsPerResult: 1_000,
} as const;

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}

export interface SarifRun {
  tool: { driver: { name: string; version?: string; informationUri?: string; rules: { id: string; helpUri?: string; shortDescription?: { text: string } }[] } };
  automationDetails?: { id: string };
  results: Record<string, unknown>[];
  properties?: Record<string, unknown>;
}

const ANDON_URI = 'https://github.com/andon-dev/andon';

function uriOf(p: string): string {
  return p.split('/').map(encodeURIComponent).join('/');
}

function toResult(f: Finding, ruleIndex: number): Record<string, unknown> {
  const result: Record<string, unknown> = {
    ruleId: f.ruleId,
    ruleIndex,
    level: f.level,
    message: { text: f.message || f.ruleId },
    partialFingerprints: { 'andon/v1': f.fingerprint },
    baselineState: f.baseline,
  };
  if (f.location) {
    const region: Record<string, number> = {};
    if (f.location.startLine) region.startLine = f.location.startLine;
    if (f.location.startColumn && f.location.startLine) region.startColumn = f.location.startColumn;
    if (f.location.endLine && f.location.startLine) region.endLine = Math.max(f.location.endLine, f.location.startLine);
    if (f.location.endColumn && f.location.startLine) region.endColumn = f.location.endColumn;
    result.locations = [
      {
        physicalLocation: {
          artifactLocation: { uri: uriOf(f.location.path), uriBaseId: '%SRCROOT%' },
          ...(Object.keys(region).length > 0 ? { region } : {}),
        },
      },
    ];
  }
  const props: Record<string, unknown> = {};
  if (f.traceTo.length > 0) props.traceTo = f.traceTo;
  if (f.inDiff !== undefined) props.inDiff = f.inDiff;
  if (f.note) props.note = f.note;
  if (Object.keys(props).length > 0) result.properties = props;
  return result;
}

export interface SarifOptions {
  /** The stage id, used as automationDetails id so code scanning keeps one category per stage. */
  category: string;
  /** The tool to name when a finding does not say which tool reported it. */
  defaultTool: ToolInfo;
}

export interface SarifBuild {
  log: SarifLog;
  /** What had to be cut to stay within code scanning's limits, one line each. */
  cut: string[];
}

/** Groups findings by tool into runs; past the results-per-run limit keeps the most severe new findings. */
export function buildSarif(findings: readonly Finding[], options: SarifOptions): SarifBuild {
  const byTool = new Map<string, { tool: ToolInfo; findings: Finding[] }>();
  for (const f of findings) {
    const tool = f.tool ?? options.defaultTool;
    const key = `${tool.name}\0${tool.version ?? ''}`;
    let group = byTool.get(key);
    if (!group) byTool.set(key, (group = { tool, findings: [] }));
    group.findings.push(f);
  }
  if (byTool.size === 0) byTool.set('default', { tool: options.defaultTool, findings: [] });
  const cut: string[] = [];
  const runs: SarifRun[] = [];
  for (const { tool, findings: list } of byTool.values()) {
    let kept = list;
    if (list.length > SARIF_LIMITS.resultsPerRun) {
      kept = [...list].sort(compareFindings).slice(0, SARIF_LIMITS.resultsPerRun);
      cut.push(`${tool.name}: ${list.length - kept.length} of ${list.length} results cut to stay within ${SARIF_LIMITS.resultsPerRun} results per run (most severe new findings kept)`);
    }
    const ruleIds = [...new Set(kept.map((f) => f.ruleId))].sort();
    const index = new Map(ruleIds.map((id, i) => [id, i]));
    const helpByRule = new Map(kept.filter((f) => f.helpUri).map((f) => [f.ruleId, f.helpUri!]));
    runs.push({
      tool: {
        driver: {
          name: tool.name,
          ...(tool.version ? { version: tool.version } : {}),
          informationUri: tool.informationUri ?? ANDON_URI,
          rules: ruleIds.map((id) => ({ id, ...(helpByRule.has(id) ? { helpUri: helpByRule.get(id)! } : {}) })),
        },
      },
      automationDetails: { id: `andon/${options.category}/` },
      results: kept.map((f) => toResult(f, index.get(f.ruleId)!)),
    });
  }
  return { log: { $schema: SARIF_SCHEMA, version: '2.1.0', runs }, cut };
}

/** Merges per-stage logs into one file, within the runs-per-file limit. */
export function mergeSarif(logs: readonly SarifLog[]): SarifBuild {
  const runs = logs.flatMap((l) => l.runs);
  const cut: string[] = [];
  let kept = runs;
  if (runs.length > SARIF_LIMITS.runsPerFile) {
    kept = runs.slice(0, SARIF_LIMITS.runsPerFile);
    cut.push(`${runs.length - kept.length} of ${runs.length} runs left out to stay within ${SARIF_LIMITS.runsPerFile} runs per file`);
  }
  return { log: { $schema: SARIF_SCHEMA, version: '2.1.0', runs: kept }, cut };
}
