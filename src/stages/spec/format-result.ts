// What reading one format yields: documents, requirements, draft findings, id references and the prose to lint.
import type { DraftFinding, Place, Requirement, SpecDocument, SpecFile } from './model.js';

export interface IdRef {
  id: string;
  place: Place;
  /** Ids resolve within a scope: "andon" for the whole Andon set, "spec-kit:<feature>" within one feature. */
  scope: string;
}

export interface FormatRead {
  docs: SpecDocument[];
  requirements: Requirement[];
  findings: DraftFinding[];
  refs: IdRef[];
  /** Spec documents whose prose the shared rules read (ambiguity, empty sections, links). */
  prose: { file: SpecFile; bodyStart: number; note?: string }[];
}

export function emptyRead(): FormatRead {
  return { docs: [], requirements: [], findings: [], refs: [], prose: [] };
}

export function mergeReads(into: FormatRead, from: FormatRead): void {
  into.docs.push(...from.docs);
  into.requirements.push(...from.requirements);
  into.findings.push(...from.findings);
  into.refs.push(...from.refs);
  into.prose.push(...from.prose);
}

export const NORMATIVE = /\b(MUST|SHALL)\b/;
export const GWT = /^\s*(?:[-*+]\s+|\d+\.\s+)?(?:\*\*|__)?(Given|When|Then|And)\b/i;
export const BULLET = /^\s*(?:[-*+]|\d+\.)\s+\S/;
