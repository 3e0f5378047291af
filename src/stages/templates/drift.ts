// Drift: per rule, the share of units that conform, kept in the baseline so runs show whether the codebase converges.
import { z } from 'zod';
import type { Tally } from './violation.js';

export const RuleDrift = z.object({
  units: z.number().int().nonnegative(),
  /** Units that do not conform (folders or files), so a changed-scope run can update the figure. */
  failing: z.array(z.string()),
});

export const TemplatesBaseline = z.object({
  schema: z.literal('andon.templates-baseline/v1'),
  rulesDigest: z.string(),
  drift: z.record(z.string(), RuleDrift),
});
export type TemplatesBaseline = z.infer<typeof TemplatesBaseline>;

export interface DriftFigure {
  units: number;
  conforming: number;
  /** conforming / units, 1 when there are no units; rounded to 4 places. */
  share: number;
  baseline?: number;
  trend?: 'converging' | 'diverging' | 'steady';
}

const round = (x: number): number => Math.round(x * 10_000) / 10_000;

export interface RuleUnits {
  units: number;
  failing: Set<string>;
}

/**
 * The units of each rule now. In changed scope only some units were checked again: the baseline's figures
 * stand for the rest, adjusted by units the change added (new files or folders) or deleted.
 */
export function ruleUnits(
  tallies: ReadonlyMap<string, Tally>,
  changed: { baseline: TemplatesBaseline; rechecked: (ruleId: string, unit: string) => boolean; added: (unit: string) => boolean; deleted: (ruleId: string) => number } | null,
): Map<string, RuleUnits> {
  const out = new Map<string, RuleUnits>();
  for (const [id, t] of tallies) {
    if (!changed) {
      out.set(id, { units: t.checked.size, failing: new Set(t.failing) });
      continue;
    }
    const base = changed.baseline.drift[id];
    if (!base) {
      out.set(id, { units: t.checked.size, failing: new Set(t.failing) });
      continue;
    }
    const failing = new Set(base.failing.filter((u) => !changed.rechecked(id, u)));
    for (const u of t.failing) failing.add(u);
    let units = base.units - changed.deleted(id);
    for (const u of t.checked) if (changed.added(u)) units++;
    out.set(id, { units: Math.max(units, failing.size), failing });
  }
  return out;
}

export function driftFigures(units: ReadonlyMap<string, RuleUnits>, baseline: TemplatesBaseline | null): Record<string, DriftFigure> {
  const out: Record<string, DriftFigure> = {};
  for (const [id, u] of units) {
    const conforming = u.units - u.failing.size;
    const share = u.units === 0 ? 1 : round(conforming / u.units);
    const fig: DriftFigure = { units: u.units, conforming, share };
    const b = baseline?.drift[id];
    if (b) {
      const bs = b.units === 0 ? 1 : round((b.units - b.failing.length) / b.units);
      fig.baseline = bs;
      fig.trend = share > bs ? 'converging' : share < bs ? 'diverging' : 'steady';
    }
    out[id] = fig;
  }
  return out;
}

export function toTemplatesBaseline(rulesDigest: string, units: ReadonlyMap<string, RuleUnits>): TemplatesBaseline {
  const drift: TemplatesBaseline['drift'] = {};
  for (const [id, u] of units) drift[id] = { units: u.units, failing: [...u.failing].sort() };
  return { schema: 'andon.templates-baseline/v1', rulesDigest, drift };
}
