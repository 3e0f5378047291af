// What a rule check reports before it becomes a Finding, and the per-rule tally that drift is made of.
import type { Level } from '../../core/findings.js';

export interface Violation {
  ruleId: string;
  level: Level;
  message: string;
  path: string;
  line?: number;
  column?: number;
  /** Paths whose change owns this violation when it is about a whole unit or cycle rather than one place. */
  owners?: string[];
  /** Other places the violation involves, e.g. every member of an import cycle (SARIF relatedLocations). */
  related?: RelatedPlace[];
}

export interface RelatedPlace {
  path: string;
  line?: number;
  column?: number;
  message?: string;
}

/** Per rule: the units checked (folders or files) and those that do not conform. */
export interface Tally {
  checked: Set<string>;
  failing: Set<string>;
}

/** Ids of findings the stage itself raises, apart from the user's rules (user ids cannot contain a dot). */
export const PARSE_RULE = 'templates.parse';
export const UNREADABLE_RULE = 'templates.unreadable';
/** Messages of cycle findings start so; in changed scope cycles are recomputed whole, never carried. */
export const CYCLE_PREFIX = 'import cycle';
