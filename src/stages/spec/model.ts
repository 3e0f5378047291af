// The spec set as every format reads it: documents, requirements with their place in the Markdown, draft findings.
import type { Level } from '../../core/findings.js';

export type SpecFormat = 'andon' | 'spec-kit' | 'openspec';

export interface Place {
  /** Workspace-relative path with forward slashes. */
  path: string;
  /** 1-based. */
  line: number;
  /** 1-based, inclusive start. */
  column?: number;
  /** 1-based, exclusive end (SARIF's convention). */
  endColumn?: number;
}

export interface Requirement {
  /** The id tests trace to: REQ-12, 001-login/FR-001, openspec capability#requirement-slug. */
  id: string;
  /** Other spellings a test may use for it (e.g. FR-001 alone, the OpenSpec requirement name). */
  aliases: string[];
  title: string;
  format: SpecFormat;
  place: Place;
  /** MUST/SHALL in its text, or a P1 (P0) user story: what `requireCoverage: must` covers. */
  normative: boolean;
  /** Number of acceptance criteria (Given/When/Then lines, bullets, scenarios); null where the format has none. */
  criteria: number | null;
  /** The spec document it belongs to. */
  spec: string;
}

export interface SpecDocument {
  /** Id of the spec (front matter id, feature folder, capability). */
  id: string;
  format: SpecFormat;
  path: string;
  status?: string;
}

export interface DraftFinding {
  ruleId: string;
  message: string;
  place?: Place;
  traceTo?: string[];
  /** Overrides the rule's level for this one finding (e.g. a clarification left in a ready spec). */
  level?: Level;
  note?: string;
}

/** One read Markdown file. */
export interface SpecFile {
  path: string;
  text: string;
  lines: string[];
  /** Fence mask of the lines, computed once on first use (see maskOf). */
  mask?: boolean[];
}
