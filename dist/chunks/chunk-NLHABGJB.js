import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  _enum,
  array,
  boolean,
  number,
  object,
  string
} from "./chunk-QTHYIHUL.js";

// src/core/findings.ts
var Level = _enum(["error", "warning", "note"]);
var BaselineState = _enum(["new", "unchanged", "absent", "unknown"]);
var MAX_POSITION = 2 ** 31 - 1;
var Location = object({
  path: string(),
  startLine: number().int().positive().optional(),
  startColumn: number().int().positive().optional(),
  endLine: number().int().positive().optional(),
  endColumn: number().int().positive().optional()
});
var RelatedLocation = object({
  path: string(),
  startLine: number().int().positive().optional(),
  startColumn: number().int().positive().optional(),
  message: string().optional()
});
var ToolInfo = object({
  name: string(),
  version: string().optional(),
  informationUri: string().optional()
});
var Finding = object({
  stage: string(),
  ruleId: string(),
  level: Level,
  message: string(),
  location: Location.optional(),
  related: array(RelatedLocation).optional(),
  fingerprint: string(),
  baseline: BaselineState,
  traceTo: array(string()),
  /** Whether the finding lies in what the change touched; undefined when no diff filter applied. */
  inDiff: boolean().optional(),
  /** The tool that reported it; SARIF runs are grouped by it. Defaults to Andon itself. */
  tool: ToolInfo.optional(),
  /** A finding kept but whose location was refused (e.g. outside the workspace), with why. */
  note: string().optional(),
  helpUri: string().optional()
});
var FindingCounts = object({
  error: number().int().nonnegative(),
  warning: number().int().nonnegative(),
  note: number().int().nonnegative(),
  new: number().int().nonnegative()
});
function findingCountsOf(counts) {
  const parsed = FindingCounts.safeParse(counts.findings);
  return parsed.success ? parsed.data : null;
}
function countFindings(findings) {
  const counts = { error: 0, warning: 0, note: 0, new: 0 };
  for (const f of findings) {
    if (f.baseline === "absent") continue;
    counts[f.level]++;
    if (f.baseline === "new") counts.new++;
  }
  return counts;
}
var levelRank = { error: 0, warning: 1, note: 2 };
var ageRank = { new: 0, unknown: 1, unchanged: 2, absent: 3 };
function compareFindings(a, b) {
  const na = ageRank[a.baseline];
  const nb = ageRank[b.baseline];
  if (na !== nb) return na - nb;
  if (levelRank[a.level] !== levelRank[b.level]) return levelRank[a.level] - levelRank[b.level];
  const pa = a.location?.path ?? "";
  const pb = b.location?.path ?? "";
  if (pa !== pb) return pa < pb ? -1 : 1;
  return (a.location?.startLine ?? 0) - (b.location?.startLine ?? 0);
}

export {
  Level,
  BaselineState,
  MAX_POSITION,
  Finding,
  findingCountsOf,
  countFindings,
  compareFindings
};
