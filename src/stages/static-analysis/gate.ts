// The static-analysis gate: which findings block (in the change, at or above failOn, new when newOnly).
import type { Finding, Level } from '../../core/findings.js';

const rank: Record<Level, number> = { error: 0, warning: 1, note: 2 };

export interface GateRule {
  failOn: Level;
  newOnly: boolean;
}

export function blocks(f: Finding, rule: GateRule): boolean {
  if (f.baseline === 'absent' || f.inDiff === false) return false;
  if (rank[f.level] > rank[rule.failOn]) return false;
  return !rule.newOnly || f.baseline === 'new';
}

export function describeFinding(f: Finding): string {
  const loc = f.location;
  const where = loc ? [loc.path, loc.startLine, loc.startLine ? loc.startColumn : undefined].filter((x) => x !== undefined).join(':') : '(no location)';
  return `${where} ${f.level} ${f.ruleId}: ${f.message.split('\n')[0]}`;
}
