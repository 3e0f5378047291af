// Picks the findings worth an annotation within GitHub's per-step caps, and says how many more there are and where.
import { compareFindings, type Finding } from '../core/findings.js';
import type { Annotation } from './action-runtime.js';
import { Limits } from './constants.js';

export interface AnnotationPlan {
  annotations: Annotation[];
  /** Findings left without an annotation, by level. */
  left: { error: number; warning: number; note: number };
}

const LEVEL: Record<Finding['level'], Annotation['level']> = { error: 'error', warning: 'warning', note: 'notice' };

/**
 * Most important first (new before known, errors before warnings before notes). When any finding is left out,
 * the last notice slot points to where the rest are, so the pointer itself never falls over the cap.
 */
export function planAnnotations(findings: readonly Finding[], where: string): AnnotationPlan {
  const sorted = [...findings].sort(compareFindings);
  const caps = { error: Limits.annotationsPerLevel, warning: Limits.annotationsPerLevel, note: Limits.annotationsPerLevel };
  const overflow = (['error', 'warning', 'note'] as const).some((l) => sorted.filter((f) => f.level === l).length > caps[l]);
  if (overflow) caps.note -= 1;
  const used = { error: 0, warning: 0, note: 0 };
  const left = { error: 0, warning: 0, note: 0 };
  const annotations: Annotation[] = [];
  for (const f of sorted) {
    if (used[f.level] >= caps[f.level]) {
      left[f.level]++;
      continue;
    }
    used[f.level]++;
    const a: Annotation = {
      level: LEVEL[f.level],
      title: `${f.stage}: ${f.ruleId}${f.baseline === 'new' ? ' (new)' : ''}`.slice(0, 255),
      message: clip(f.message || f.ruleId, Limits.annotationMessageChars),
    };
    if (f.location?.path) a.file = f.location.path;
    if (f.location?.startLine) a.line = f.location.startLine;
    if (f.location?.endLine) a.endLine = f.location.endLine;
    if (f.location?.startColumn && (!f.location.endLine || f.location.endLine === f.location.startLine)) a.col = f.location.startColumn;
    annotations.push(a);
  }
  const more = left.error + left.warning + left.note;
  if (more > 0) {
    annotations.push({
      level: 'notice',
      title: 'andon: more findings',
      message: `${more} more finding(s) without an annotation (${left.error} errors, ${left.warning} warnings, ${left.note} notes): see ${where}`,
    });
  }
  return { annotations, left };
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}
