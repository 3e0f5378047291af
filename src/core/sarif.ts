// SARIF 2.1.0, the findings file of every stage: the writer (one run per tool, stable partialFingerprints,
// baselineState, code scanning's limits) and the one reader that turns such a file back into findings.
import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import { BaselineState, compareFindings, Level, type Finding, type RelatedLocation, type ToolInfo } from './findings.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** GitHub code scanning's upload limits (GITHUB.md). */
export const SARIF_LIMITS = {
  resultsPerRun: 25_000,
  runsPerFile: 20,
  locationsPerResult: 1_000,
  gzippedBytesPerFile: 10 * 1024 * 1024,
} as const;

export type SarifLimits = { readonly [K in keyof typeof SARIF_LIMITS]: number };

// The part of SARIF Andon writes and reads. Loose objects: a reader keeps what it does not know, so a merged
// file carries every field the stages wrote.
const position = z.number().int().positive();

const SarifRegion = z.looseObject({
  startLine: position.optional(),
  startColumn: position.optional(),
  endLine: position.optional(),
  endColumn: position.optional(),
});

const SarifLocation = z.looseObject({
  physicalLocation: z.looseObject({
    artifactLocation: z.looseObject({ uri: z.string(), uriBaseId: z.string().optional() }),
    region: SarifRegion.optional(),
  }),
});

const SarifRelatedLocation = SarifLocation.extend({ id: z.number().int().nonnegative().optional(), message: z.looseObject({ text: z.string() }).optional() });

export const SarifResult = z.looseObject({
  ruleId: z.string(),
  ruleIndex: z.number().int().nonnegative().optional(),
  level: Level,
  message: z.looseObject({ text: z.string() }),
  locations: z.array(SarifLocation).optional(),
  relatedLocations: z.array(SarifRelatedLocation).optional(),
  partialFingerprints: z.record(z.string(), z.string()).optional(),
  baselineState: BaselineState.optional(),
  properties: z
    .looseObject({ traceTo: z.array(z.string()).optional(), inDiff: z.boolean().optional(), note: z.string().optional(), age: z.literal('unknown').optional() })
    .optional(),
});
export type SarifResult = z.infer<typeof SarifResult>;

/** A baseline entry no longer found, kept in the run's properties (no alert is raised for it). */
const FixedEntry = z.object({
  ruleId: z.string(),
  level: Level,
  message: z.string(),
  fingerprint: z.string(),
  path: z.string().optional(),
  startLine: position.optional(),
});
type FixedEntry = z.infer<typeof FixedEntry>;

export const SarifRun = z.looseObject({
  tool: z.looseObject({
    driver: z.looseObject({
      name: z.string(),
      version: z.string().optional(),
      semanticVersion: z.string().optional(),
      informationUri: z.string().optional(),
      rules: z.array(z.looseObject({ id: z.string(), helpUri: z.string().optional(), shortDescription: z.object({ text: z.string() }).optional() })),
    }),
  }),
  automationDetails: z.looseObject({ id: z.string() }).optional(),
  results: z.array(SarifResult),
  properties: z.looseObject({ fixedCount: z.number().int().nonnegative().optional(), fixed: z.array(FixedEntry).optional() }).optional(),
});
export type SarifRun = z.infer<typeof SarifRun>;

export const SarifLog = z.looseObject({
  $schema: z.string(),
  version: z.literal('2.1.0'),
  runs: z.array(SarifRun),
});
export type SarifLog = z.infer<typeof SarifLog>;

const ANDON_URI = 'https://github.com/andon-dev/andon';

function uriOf(p: string): string {
  return p.split('/').map(encodeURIComponent).join('/');
}

type SarifPhysicalLocation = z.infer<typeof SarifLocation>['physicalLocation'];

function physicalLocation(path: string, region: Record<string, number>): SarifPhysicalLocation {
  return { artifactLocation: { uri: uriOf(path), uriBaseId: '%SRCROOT%' }, ...(Object.keys(region).length > 0 ? { region } : {}) };
}

/** Related locations (e.g. the other members of an import cycle), capped as code scanning caps locations per result. */
function relatedLocations(related: readonly RelatedLocation[]): NonNullable<SarifResult['relatedLocations']> {
  return related.slice(0, SARIF_LIMITS.locationsPerResult).map((r, i) => ({
    id: i,
    physicalLocation: physicalLocation(r.path, r.startLine ? { startLine: r.startLine, ...(r.startColumn ? { startColumn: r.startColumn } : {}) } : {}),
    ...(r.message ? { message: { text: r.message } } : {}),
  }));
}

function toResult(f: Finding, ruleIndex: number): SarifResult {
  const result: SarifResult = {
    ruleId: f.ruleId,
    ruleIndex,
    level: f.level,
    message: { text: f.message || f.ruleId },
    partialFingerprints: { 'andon/v1': f.fingerprint },
    // SARIF has no state for "age unknown": the result carries none, and says so in its properties.
    ...(f.baseline === 'unknown' ? {} : { baselineState: f.baseline }),
  };
  if (f.location) {
    const region: Record<string, number> = {};
    if (f.location.startLine) region.startLine = f.location.startLine;
    if (f.location.startColumn && f.location.startLine) region.startColumn = f.location.startColumn;
    if (f.location.endLine && f.location.startLine) region.endLine = Math.max(f.location.endLine, f.location.startLine);
    if (f.location.endColumn && f.location.startLine) region.endColumn = f.location.endColumn;
    result.locations = [{ physicalLocation: physicalLocation(f.location.path, region) }];
  }
  if (f.related?.length) result.relatedLocations = relatedLocations(f.related);
  const props: NonNullable<SarifResult['properties']> = {};
  if (f.traceTo.length > 0) props.traceTo = f.traceTo;
  if (f.inDiff !== undefined) props.inDiff = f.inDiff;
  if (f.note) props.note = f.note;
  if (f.baseline === 'unknown') props.age = 'unknown';
  if (Object.keys(props).length > 0) result.properties = props;
  return result;
}

export interface SarifOptions {
  /** The stage id, used as automationDetails id so code scanning keeps one category per stage. */
  category: string;
  /** The tool to name when a finding does not say which tool reported it. */
  defaultTool: ToolInfo;
  /** Code scanning's limits by default; smaller ones for tests. */
  limits?: Partial<SarifLimits>;
}

export interface SarifBuild {
  log: SarifLog;
  /** What had to be cut to stay within code scanning's limits, one line each. */
  cut: string[];
}

/** Fixed findings (baseline entries no longer found) go in run properties, not results, so code scanning raises no alert for them. */
function fixedEntry(f: Finding): FixedEntry {
  return {
    ruleId: f.ruleId,
    level: f.level,
    message: f.message,
    fingerprint: f.fingerprint,
    ...(f.location ? { path: f.location.path, ...(f.location.startLine ? { startLine: f.location.startLine } : {}) } : {}),
  };
}

const MAX_FIXED_LISTED = 1_000;

/** Groups findings by tool into runs; past a code scanning limit keeps the most severe new findings and says what was cut. */
export function buildSarif(findings: readonly Finding[], options: SarifOptions): SarifBuild {
  const byTool = new Map<string, { tool: ToolInfo; findings: Finding[]; fixed: Finding[] }>();
  for (const f of findings) {
    const tool = f.tool ?? options.defaultTool;
    const key = `${tool.name}\0${tool.version ?? ''}`;
    let group = byTool.get(key);
    if (!group) byTool.set(key, (group = { tool, findings: [], fixed: [] }));
    (f.baseline === 'absent' ? group.fixed : group.findings).push(f);
  }
  if (byTool.size === 0) byTool.set('default', { tool: options.defaultTool, findings: [], fixed: [] });
  const limits: SarifLimits = { ...SARIF_LIMITS, ...options.limits };
  const cut: string[] = [];
  const groups: { tool: ToolInfo; kept: Finding[]; fixed: Finding[] }[] = [];
  for (const { tool, findings: list, fixed } of byTool.values()) {
    let kept = [...list].sort(compareFindings);
    if (kept.length > limits.resultsPerRun) {
      cut.push(`${tool.name}: ${kept.length - limits.resultsPerRun} of ${kept.length} results cut to stay within ${limits.resultsPerRun} results per run (most severe new findings kept)`);
      kept = kept.slice(0, limits.resultsPerRun);
    }
    groups.push({ tool, kept, fixed });
  }
  const make = (limitPerGroup?: number[]): SarifLog => ({
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: groups.map((g, i) => toRun(g.tool, limitPerGroup ? g.kept.slice(0, limitPerGroup[i]) : g.kept, g.fixed, options)),
  });
  const log = make();
  keepRuns(log, cut, limits);
  const remake = (share: number) => {
    const smaller = make(groups.map((g) => Math.floor(g.kept.length * share)));
    keepRuns(smaller, [], limits);
    return smaller;
  };
  return { log: fitGzipped(log, remake, cut, limits), cut };
}

function toRun(tool: ToolInfo, kept: readonly Finding[], fixed: readonly Finding[], options: SarifOptions): SarifRun {
  const ruleIds = [...new Set(kept.map((f) => f.ruleId))].sort();
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const helpByRule = new Map(kept.filter((f) => f.helpUri && isAbsoluteUri(f.helpUri)).map((f) => [f.ruleId, f.helpUri!]));
  const informationUri = tool.informationUri ?? (tool.name === options.defaultTool.name ? ANDON_URI : undefined);
  const props: NonNullable<SarifRun['properties']> = {};
  if (fixed.length > 0) {
    props.fixedCount = fixed.length;
    props.fixed = fixed.slice(0, MAX_FIXED_LISTED).map(fixedEntry);
  }
  return {
    tool: {
      driver: {
        name: tool.name,
        ...(tool.version ? { version: tool.version } : {}),
        ...(informationUri && isAbsoluteUri(informationUri) ? { informationUri } : {}),
        rules: ruleIds.map((id) => ({ id, ...(helpByRule.has(id) ? { helpUri: helpByRule.get(id)! } : {}) })),
      },
    },
    automationDetails: { id: `andon/${options.category}/` },
    results: kept.map((f) => toResult(f, index.get(f.ruleId)!)),
    ...(Object.keys(props).length > 0 ? { properties: props } : {}),
  };
}

/** The schema's "uri" format wants an absolute URI; a tool's relative help link would make the whole log invalid. */
function isAbsoluteUri(u: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\S*$/i.test(u);
}

/** Results of a run, most important first (as buildSarif orders them), for choosing which runs to keep. */
function runRank(run: SarifRun): number {
  const first = run.results[0];
  if (!first) return 9;
  const level = { error: 0, warning: 1, note: 2 }[first.level];
  return (first.baselineState === 'new' ? 0 : 3) + level;
}

/** Keeps at most runsPerFile runs (in place), those with the most severe new findings, in their original order. */
export function keepRuns(log: SarifLog, cut: string[], limits: SarifLimits): void {
  if (log.runs.length <= limits.runsPerFile) return;
  cut.push(`${log.runs.length - limits.runsPerFile} of ${log.runs.length} runs left out to stay within ${limits.runsPerFile} runs per file (runs with the most severe new findings kept)`);
  const ranked = log.runs.map((r, i) => ({ r, i, k: runRank(r) })).sort((a, b) => a.k - b.k || a.i - b.i).slice(0, limits.runsPerFile);
  log.runs.splice(0, log.runs.length, ...ranked.sort((a, b) => a.i - b.i).map((x) => x.r));
}

function gzippedSize(log: SarifLog, limit: number): { raw: number; gz: number } {
  const text = JSON.stringify(log);
  const raw = Buffer.byteLength(text);
  // Below the limit uncompressed, it cannot be over it gzipped; skip the cost of compressing.
  return { raw, gz: raw <= limit ? raw : gzipSync(text).length };
}

function megabytes(n: number): string {
  return `${+(n / (1024 * 1024)).toFixed(2)} MB`;
}

/** Shrinks the share of results kept until the gzipped file fits code scanning's size limit. */
export function fitGzipped(log: SarifLog, remake: (keepShare: number) => SarifLog, cut: string[], limits: SarifLimits): SarifLog {
  const limit = limits.gzippedBytesPerFile;
  let size = gzippedSize(log, limit);
  if (size.gz <= limit) return log;
  const total = log.runs.reduce((n, r) => n + r.results.length, 0);
  let share = 1;
  let current = log;
  for (let i = 0; i < 12 && size.gz > limit; i++) {
    share *= Math.min(0.95, (limit / size.gz) * 0.95);
    current = remake(share);
    size = gzippedSize(current, limit);
  }
  const kept = current.runs.reduce((n, r) => n + r.results.length, 0);
  cut.push(`${total - kept} of ${total} results cut to stay within ${megabytes(limit)} gzipped per file (most severe new findings kept in each run)`);
  return current;
}


export type SarifRead = { ok: true; log: SarifLog } | { ok: false; why: string };

/** Parses a findings file; what is wrong is said with its JSON path. */
export function parseSarif(text: string): SarifRead {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, why: `not JSON (${(e as Error).message})` };
  }
  const parsed = SarifLog.safeParse(json);
  if (parsed.success) return { ok: true, log: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, why: `not an Andon SARIF 2.1.0 log (${issue ? `/${issue.path.join('/')}: ${issue.message}` : 'invalid'})` };
}

function safeDecode(uri: string): string {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}

function fromResult(stage: string, r: SarifResult, tool: ToolInfo, help: ReadonlyMap<string, string>): Finding {
  const loc = r.locations?.[0]?.physicalLocation;
  const region = loc?.region;
  const helpUri = help.get(r.ruleId);
  return {
    stage,
    ruleId: r.ruleId,
    level: r.level,
    message: r.message.text,
    ...(loc
      ? {
          location: {
            path: safeDecode(loc.artifactLocation.uri),
            ...(region?.startLine ? { startLine: region.startLine } : {}),
            ...(region?.startColumn ? { startColumn: region.startColumn } : {}),
            ...(region?.endLine ? { endLine: region.endLine } : {}),
            ...(region?.endColumn ? { endColumn: region.endColumn } : {}),
          },
        }
      : {}),
    ...(r.relatedLocations?.length ? { related: r.relatedLocations.map(relatedOf) } : {}),
    fingerprint: r.partialFingerprints?.['andon/v1'] ?? '',
    baseline: r.properties?.age === 'unknown' ? 'unknown' : (r.baselineState ?? 'new'),
    traceTo: r.properties?.traceTo ?? [],
    ...(r.properties?.inDiff !== undefined ? { inDiff: r.properties.inDiff } : {}),
    tool,
    ...(r.properties?.note ? { note: r.properties.note } : {}),
    ...(helpUri ? { helpUri } : {}),
  };
}

function relatedOf(r: NonNullable<SarifResult['relatedLocations']>[number]): RelatedLocation {
  const region = r.physicalLocation.region;
  return {
    path: safeDecode(r.physicalLocation.artifactLocation.uri),
    ...(region?.startLine ? { startLine: region.startLine } : {}),
    ...(region?.startColumn ? { startColumn: region.startColumn } : {}),
    ...(r.message ? { message: r.message.text } : {}),
  };
}

function fromFixed(stage: string, e: FixedEntry, tool: ToolInfo): Finding {
  return {
    stage,
    ruleId: e.ruleId,
    level: e.level,
    message: e.message,
    ...(e.path ? { location: { path: e.path, ...(e.startLine ? { startLine: e.startLine } : {}) } } : {}),
    fingerprint: e.fingerprint,
    baseline: 'absent',
    traceTo: [],
    tool,
  };
}

/** The findings a log holds, as the writer was given them: results, then the fixed entries as baseline "absent". */
export function findingsOfSarif(stage: string, log: SarifLog): Finding[] {
  const out: Finding[] = [];
  for (const run of log.runs) {
    const d = run.tool.driver;
    const tool: ToolInfo = { name: d.name, ...(d.version ? { version: d.version } : {}) };
    const help = new Map(d.rules.filter((r) => r.helpUri).map((r) => [r.id, r.helpUri!]));
    for (const r of run.results) out.push(fromResult(stage, r, tool, help));
    for (const e of run.properties?.fixed ?? []) out.push(fromFixed(stage, e, tool));
  }
  return out;
}
