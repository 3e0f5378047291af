// The spec set as every format reads it: documents, requirements with their place in the Markdown, draft findings.
import { z } from 'zod';
import type { Level } from '../../core/findings.js';

export const SpecFormat = z.enum(['andon', 'spec-kit', 'openspec']);
export type SpecFormat = z.infer<typeof SpecFormat>;

export const Place = z.object({
  /** Workspace-relative path with forward slashes. */
  path: z.string(),
  /** 1-based. */
  line: z.number().int(),
  /** 1-based, inclusive start. */
  column: z.number().int().optional(),
  /** 1-based, exclusive end (SARIF's convention). */
  endColumn: z.number().int().optional(),
});
export type Place = z.infer<typeof Place>;

export const Requirement = z.object({
  /** The id tests trace to: REQ-12, 001-login/FR-001, openspec capability#requirement-slug. */
  id: z.string(),
  /** Other spellings a test may use for it (e.g. FR-001 alone, the OpenSpec requirement name). */
  aliases: z.array(z.string()),
  title: z.string(),
  format: SpecFormat,
  place: Place,
  /** MUST/SHALL in its text, or a P1 (P0) user story: what `requireCoverage: must` covers. */
  normative: z.boolean(),
  /** Number of acceptance criteria (Given/When/Then lines, bullets, scenarios); null where the format has none. */
  criteria: z.number().int().nullable(),
  /** The spec document it belongs to. */
  spec: z.string(),
});
export type Requirement = z.infer<typeof Requirement>;

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
