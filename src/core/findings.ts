// The one findings model every stage speaks (DESIGN.md "Findings").
import { z } from 'zod';

export const Level = z.enum(['error', 'warning', 'note']);
export type Level = z.infer<typeof Level>;

/**
 * Against the base: new, unchanged (known), absent (fixed: in the baseline, not found any more), or unknown — found
 * outside the change where the base could not be judged, so its age is not known (kept, never blocking).
 */
export const BaselineState = z.enum(['new', 'unchanged', 'absent', 'unknown']);
export type BaselineState = z.infer<typeof BaselineState>;

/** The largest line or column a finding keeps: a bigger number is a tool's mistake, not a place in a text file. */
export const MAX_POSITION = 2 ** 31 - 1;

export const Location = z.object({
  path: z.string(),
  startLine: z.number().int().positive().optional(),
  startColumn: z.number().int().positive().optional(),
  endLine: z.number().int().positive().optional(),
  endColumn: z.number().int().positive().optional(),
});
export type Location = z.infer<typeof Location>;

/** Another place a finding involves (SARIF relatedLocations), e.g. each member of an import cycle. */
export const RelatedLocation = z.object({
  path: z.string(),
  startLine: z.number().int().positive().optional(),
  startColumn: z.number().int().positive().optional(),
  message: z.string().optional(),
});
export type RelatedLocation = z.infer<typeof RelatedLocation>;

export const ToolInfo = z.object({
  name: z.string(),
  version: z.string().optional(),
  informationUri: z.string().optional(),
});
export type ToolInfo = z.infer<typeof ToolInfo>;

export const Finding = z.object({
  stage: z.string(),
  ruleId: z.string(),
  level: Level,
  message: z.string(),
  location: Location.optional(),
  related: z.array(RelatedLocation).optional(),
  fingerprint: z.string(),
  baseline: BaselineState,
  traceTo: z.array(z.string()),
  /** Whether the finding lies in what the change touched; undefined when no diff filter applied. */
  inDiff: z.boolean().optional(),
  /** The tool that reported it; SARIF runs are grouped by it. Defaults to Andon itself. */
  tool: ToolInfo.optional(),
  /** A finding kept but whose location was refused (e.g. outside the workspace), with why. */
  note: z.string().optional(),
  helpUri: z.string().optional(),
});
export type Finding = z.infer<typeof Finding>;

/** A stage's `counts.findings` in the record: open findings by level, and how many of them are new. */
export const FindingCounts = z.object({
  error: z.number().int().nonnegative(),
  warning: z.number().int().nonnegative(),
  note: z.number().int().nonnegative(),
  new: z.number().int().nonnegative(),
});
export type FindingCounts = z.infer<typeof FindingCounts>;

/** The findings counts a stage record holds, when it holds them. */
export function findingCountsOf(counts: Record<string, unknown>): FindingCounts | null {
  const parsed = FindingCounts.safeParse(counts.findings);
  return parsed.success ? parsed.data : null;
}

export function countFindings(findings: readonly Finding[]): FindingCounts {
  const counts: FindingCounts = { error: 0, warning: 0, note: 0, new: 0 };
  for (const f of findings) {
    if (f.baseline === 'absent') continue;
    counts[f.level]++;
    if (f.baseline === 'new') counts.new++;
  }
  return counts;
}

const levelRank: Record<Level, number> = { error: 0, warning: 1, note: 2 };

const ageRank: Record<BaselineState, number> = { new: 0, unknown: 1, unchanged: 2, absent: 3 };

/** Most important first: new before of unknown age before known, errors before warnings before notes, then by place. */
export function compareFindings(a: Finding, b: Finding): number {
  const na = ageRank[a.baseline];
  const nb = ageRank[b.baseline];
  if (na !== nb) return na - nb;
  if (levelRank[a.level] !== levelRank[b.level]) return levelRank[a.level] - levelRank[b.level];
  const pa = a.location?.path ?? '';
  const pb = b.location?.path ?? '';
  if (pa !== pb) return pa < pb ? -1 : 1;
  return (a.location?.startLine ?? 0) - (b.location?.startLine ?? 0);
}
