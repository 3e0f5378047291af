// Findings baselines: the one reader every kind with findings uses (static-analysis, templates, spec), and the
// comparison by fingerprint: each finding is new or unchanged (or of unknown age where the base was not judged);
// baseline entries not found are fixed.
import { z } from 'zod';
import type { BaselineRef } from './baseline-source.js';
import type { Finding } from './findings.js';
import { Level } from './findings.js';
import { STAGE_FILES } from './stage-folder.js';

export const FindingBaselineEntry = z.object({
  fingerprint: z.string(),
  ruleId: z.string(),
  level: Level,
  message: z.string(),
  path: z.string().optional(),
  startLine: z.number().optional(),
  /** The tool that found it (a stage may run several, not all on the same scope). */
  tool: z.string().optional(),
});
export type FindingBaselineEntry = z.infer<typeof FindingBaselineEntry>;

export const FindingBaselineFile = z.object({
  schema: z.literal('andon.findings-baseline/v1'),
  stage: z.string(),
  entries: z.array(FindingBaselineEntry),
  /** Parts of the stage (a source, a rule) the baseline's commit was not judged for, with why: their findings are of unknown age. */
  unjudged: z.array(z.object({ part: z.string(), why: z.string() })).optional(),
});
export type FindingBaselineFile = z.infer<typeof FindingBaselineFile>;

export type FindingBaselineRead =
  /** No baseline for this stage: every finding is new. */
  | { kind: 'none' }
  /** `json` is the whole document, for a kind that keeps more beside the entries (templates: drift). */
  | { kind: 'ok'; entries: FindingBaselineEntry[]; from: string; origin: string; json: unknown; unjudged: { part: string; why: string }[] }
  /** The base exists but could not be judged: findings in the change are new, the others of unknown age. */
  | { kind: 'unavailable'; why: string; from: string }
  /** A baseline exists but cannot be used: the stage errors, naming where it came from and how to fix it. */
  | { kind: 'invalid'; why: string };

/** How to replace a baseline that cannot be read, by where it came from. */
function remedy(ref: BaselineRef): string {
  if (ref.origin === 'file') return `write it again with \`andon baseline update\`, or delete it to compare with the base branch's last run`;
  return `run the line on the base branch again to leave a readable baseline, or commit one with \`andon baseline update\``;
}

/**
 * The findings baseline a stage compares with. One policy for every kind: a baseline that exists but
 * cannot be read is an error, never a silent fallback to "everything is new" (which would block the
 * whole known backlog) or to "nothing is known".
 */
export async function readFindingBaseline(ref: BaselineRef | null): Promise<FindingBaselineRead> {
  if (!ref) return { kind: 'none' };
  const unavailable = await ref.unavailable?.();
  if (unavailable) return { kind: 'unavailable', why: unavailable, from: ref.description };
  const bytes = await ref.read(STAGE_FILES.baseline);
  if (!bytes) return { kind: 'none' };
  const where = `the baseline from ${ref.description}`;
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    return { kind: 'invalid', why: `${where} is not valid JSON (${(e as Error).message}); ${remedy(ref)}` };
  }
  const parsed = FindingBaselineFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue ? `/${issue.path.join('/')}: ${issue.message}` : 'invalid';
    return { kind: 'invalid', why: `${where} is not an andon.findings-baseline/v1 file (${at}); ${remedy(ref)}` };
  }
  return { kind: 'ok', entries: parsed.data.entries, from: ref.description, origin: ref.origin, json, unjudged: parsed.data.unjudged ?? [] };
}

export function toBaselineEntry(f: Finding): FindingBaselineEntry {
  return {
    fingerprint: f.fingerprint,
    ruleId: f.ruleId,
    level: f.level,
    message: f.message,
    ...(f.location ? { path: f.location.path } : {}),
    ...(f.location?.startLine ? { startLine: f.location.startLine } : {}),
    ...(f.tool ? { tool: f.tool.name } : {}),
  };
}

export function toBaselineFile(stage: string, findings: readonly Finding[]): FindingBaselineFile {
  return {
    schema: 'andon.findings-baseline/v1',
    stage,
    entries: findings.filter((f) => f.baseline !== 'absent').map(toBaselineEntry),
  };
}

/** A finding whose age the base cannot tell: new when the change touched it, else of unknown age (kept, never blocking). */
function ageUnknown(f: Finding): Finding {
  return { ...f, baseline: f.inDiff === false ? 'unknown' : 'new' };
}

/**
 * Marks findings against what the base knew, for every kind alike. No baseline: all new. A base that could not be
 * judged: new in the change, of unknown age elsewhere. A baseline: compared by fingerprint, except findings of a part
 * the base was not judged for (`unjudged` says which), which are treated as with a base that could not be judged.
 */
export function judgeAgainstBaseline(stage: string, findings: readonly Finding[], read: FindingBaselineRead, unjudged?: (f: Finding, index: number) => boolean): BaselineComparison {
  if (read.kind === 'none' || read.kind === 'invalid') return compareWithBaseline(stage, findings, null);
  if (read.kind === 'unavailable') return { findings: findings.map(ageUnknown), fixed: [] };
  if (!unjudged) return compareWithBaseline(stage, findings, read.entries);
  const outside = findings.map(unjudged);
  const compared = compareWithBaseline(stage, findings.filter((_, i) => !outside[i]), read.entries);
  let next = 0;
  // In the order given: occurrence numbers and the places shown first follow it.
  return { findings: findings.map((f, i) => (outside[i] ? ageUnknown(f) : compared.findings[next++]!)), fixed: compared.fixed };
}

export interface BaselineComparison {
  /** The findings with `baseline` set to new or unchanged. */
  findings: Finding[];
  /** Baseline entries no longer found: fixed by the change (as findings with baseline "absent"). */
  fixed: Finding[];
}

/**
 * Matches on path + fingerprint first, then on fingerprint alone for what is left (a moved or renamed
 * file), then on file, rule and message (a problem whose neighbouring lines were edited). Without a
 * baseline every finding is new.
 */
export function compareWithBaseline(stage: string, findings: readonly Finding[], baseline: readonly FindingBaselineEntry[] | null): BaselineComparison {
  if (!baseline) return { findings: findings.map((f) => ({ ...f, baseline: 'new' })), fixed: [] };
  // One map by fingerprint; a bucket splits by path only when it grows, so the usual one-entry bucket costs one array.
  const byPrint = new Map<string, Bucket>();
  for (let i = 0; i < baseline.length; i++) {
    const fp = baseline[i]!.fingerprint;
    const b = byPrint.get(fp);
    if (b) b.items.push(i);
    else byPrint.set(fp, { items: [i], next: 0 });
  }
  const used = new Uint8Array(baseline.length);
  const out: Finding[] = new Array<Finding>(findings.length);
  const pending: number[] = [];
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    const j = takeSamePath(byPrint.get(f.fingerprint), f.location?.path ?? '', baseline, used);
    if (j === undefined) pending.push(i);
    else out[i] = { ...f, baseline: 'unchanged' };
  }
  const unmatched: number[] = [];
  for (const i of pending) {
    const f = findings[i]!;
    const j = takeAny(byPrint.get(f.fingerprint), used);
    if (j === undefined) unmatched.push(i);
    else out[i] = { ...f, baseline: 'unchanged' };
  }
  for (const i of matchBySameProblem(findings, unmatched, baseline, used)) out[i] = { ...findings[i]!, baseline: 'new' };
  for (let i = 0; i < findings.length; i++) out[i] ??= { ...findings[i]!, baseline: 'unchanged' };
  const fixed: Finding[] = [];
  for (let i = 0; i < baseline.length; i++) {
    if (used[i]) continue;
    const e = baseline[i]!;
    fixed.push({
      stage,
      ruleId: e.ruleId,
      level: e.level,
      message: e.message,
      fingerprint: e.fingerprint,
      baseline: 'absent',
      traceTo: [],
      ...(e.path ? { location: { path: e.path, ...(e.startLine ? { startLine: e.startLine } : {}) } } : {}),
      ...(e.tool ? { tool: { name: e.tool } } : {}),
    });
  }
  return { findings: out, fixed };
}

/**
 * The last pass, for findings whose fingerprint changed because a neighbouring line did (an edit next to a known
 * problem is not a new problem): an unused baseline entry of the same file, rule and message, the nearest line first.
 * Per file, rule and message there are never fewer new findings than there are more of them than in the baseline.
 * Returns the findings still unmatched.
 */
function matchBySameProblem(findings: readonly Finding[], pending: readonly number[], baseline: readonly FindingBaselineEntry[], used: Uint8Array): number[] {
  if (pending.length === 0) return [];
  const key = (path: string | undefined, ruleId: string, message: string) => `${path ?? ''}\0${ruleId}\0${message}`;
  const wanted = new Set(pending.map((i) => key(findings[i]!.location?.path, findings[i]!.ruleId, findings[i]!.message)));
  const open = new Map<string, number[]>();
  for (let j = 0; j < baseline.length; j++) {
    if (used[j]) continue;
    const e = baseline[j]!;
    const k = key(e.path, e.ruleId, e.message);
    if (!wanted.has(k)) continue;
    const list = open.get(k);
    if (list) list.push(j);
    else open.set(k, [j]);
  }
  const left: number[] = [];
  for (const i of pending) {
    const f = findings[i]!;
    const list = open.get(key(f.location?.path, f.ruleId, f.message)) ?? [];
    const away = (j: number) => Math.abs((baseline[j]!.startLine ?? 0) - (f.location?.startLine ?? 0));
    let best = -1;
    list.forEach((j, n) => {
      if (best < 0 || away(j) < away(list[best]!)) best = n;
    });
    if (best < 0) left.push(i);
    else used[list.splice(best, 1)[0]!] = 1;
  }
  return left;
}

/** Baseline entry indexes sharing one fingerprint; `next` makes taking any unused one O(1) amortised. */
interface Bucket {
  items: number[];
  next: number;
  byPath?: Map<string, Bucket>;
}

const SPLIT_AT = 8;

function takeSamePath(b: Bucket | undefined, path: string, baseline: readonly FindingBaselineEntry[], used: Uint8Array): number | undefined {
  if (!b) return undefined;
  if (b.items.length <= SPLIT_AT) {
    for (const j of b.items) {
      if (!used[j] && (baseline[j]!.path ?? '') === path) {
        used[j] = 1;
        return j;
      }
    }
    return undefined;
  }
  if (!b.byPath) {
    b.byPath = new Map();
    for (const j of b.items) {
      const p = baseline[j]!.path ?? '';
      const sub = b.byPath.get(p);
      if (sub) sub.items.push(j);
      else b.byPath.set(p, { items: [j], next: 0 });
    }
  }
  return takeAny(b.byPath.get(path), used);
}

function takeAny(b: Bucket | undefined, used: Uint8Array): number | undefined {
  if (!b) return undefined;
  while (b.next < b.items.length) {
    const j = b.items[b.next++]!;
    if (!used[j]) {
      used[j] = 1;
      return j;
    }
  }
  return undefined;
}

export interface GateRule {
  failOn: Level;
  newOnly: boolean;
}

const levelRank: Record<Level, number> = { error: 0, warning: 1, note: 2 };

/**
 * Whether a finding blocks a gate: open, at or above failOn, and (newOnly) new against the base. Where it lies
 * against the diff is for what is shown first and annotated, never for what blocks.
 */
export function blocksGate(f: Finding, rule: GateRule): boolean {
  if (f.baseline === 'absent' || levelRank[f.level] > levelRank[rule.failOn]) return false;
  return !rule.newOnly || f.baseline === 'new';
}
