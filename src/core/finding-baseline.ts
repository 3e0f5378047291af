// Compares findings with a baseline by fingerprint: each is new or unchanged; baseline entries not found are fixed.
import { z } from 'zod';
import type { Finding } from './findings.js';
import { Level } from './findings.js';

export const FindingBaselineEntry = z.object({
  fingerprint: z.string(),
  ruleId: z.string(),
  level: Level,
  message: z.string(),
  path: z.string().optional(),
  startLine: z.number().optional(),
});
export type FindingBaselineEntry = z.infer<typeof FindingBaselineEntry>;

export const FindingBaselineFile = z.object({
  schema: z.literal('andon.findings-baseline/v1'),
  stage: z.string(),
  entries: z.array(FindingBaselineEntry),
});
export type FindingBaselineFile = z.infer<typeof FindingBaselineFile>;

export function toBaselineFile(stage: string, findings: readonly Finding[]): FindingBaselineFile {
  return {
    schema: 'andon.findings-baseline/v1',
    stage,
    entries: findings
      .filter((f) => f.baseline !== 'absent')
      .map((f) => ({
        fingerprint: f.fingerprint,
        ruleId: f.ruleId,
        level: f.level,
        message: f.message,
        ...(f.location ? { path: f.location.path } : {}),
        ...(f.location?.startLine ? { startLine: f.location.startLine } : {}),
      })),
  };
}

export interface BaselineComparison {
  /** The findings with `baseline` set to new or unchanged. */
  findings: Finding[];
  /** Baseline entries no longer found: fixed by the change (as findings with baseline "absent"). */
  fixed: Finding[];
}

/**
 * Matches on path + fingerprint first, then on fingerprint alone for what is left (a moved or renamed
 * file). Without a baseline every finding is new.
 */
export function compareWithBaseline(stage: string, findings: readonly Finding[], baseline: readonly FindingBaselineEntry[] | null): BaselineComparison {
  if (!baseline) return { findings: findings.map((f) => ({ ...f, baseline: 'new' })), fixed: [] };
  const byExact = new Map<string, number[]>();
  const byPrint = new Map<string, number[]>();
  const used = new Uint8Array(baseline.length);
  baseline.forEach((e, i) => {
    push(byExact, `${e.path ?? ''}\0${e.fingerprint}`, i);
    push(byPrint, e.fingerprint, i);
  });
  const out: Finding[] = new Array(findings.length);
  const pending: number[] = [];
  findings.forEach((f, i) => {
    const j = take(byExact.get(`${f.location?.path ?? ''}\0${f.fingerprint}`), used);
    if (j === undefined) pending.push(i);
    else out[i] = { ...f, baseline: 'unchanged' };
  });
  for (const i of pending) {
    const f = findings[i]!;
    const j = take(byPrint.get(f.fingerprint), used);
    out[i] = { ...f, baseline: j === undefined ? 'new' : 'unchanged' };
  }
  const fixed: Finding[] = [];
  baseline.forEach((e, i) => {
    if (used[i]) return;
    fixed.push({
      stage,
      ruleId: e.ruleId,
      level: e.level,
      message: e.message,
      fingerprint: e.fingerprint,
      baseline: 'absent',
      traceTo: [],
      ...(e.path ? { location: { path: e.path, ...(e.startLine ? { startLine: e.startLine } : {}) } } : {}),
    });
  });
  return { findings: out, fixed };
}

function push(map: Map<string, number[]>, key: string, i: number): void {
  const list = map.get(key);
  if (list) list.push(i);
  else map.set(key, [i]);
}

function take(list: number[] | undefined, used: Uint8Array): number | undefined {
  if (!list) return undefined;
  while (list.length > 0) {
    const j = list.shift()!;
    if (!used[j]) {
      used[j] = 1;
      return j;
    }
  }
  return undefined;
}
