/**
 * The cluster's registration and support checks (CLUSTERS.md §2): each says pass or fail and why.
 * Thresholds not confirmed in the final legal text are marked `draft` and kept as parameters.
 */
import type { Member } from '../ingest/cluster-data';
import type { Kpis } from '../engine/types';

export interface RuleCheck {
  id: 'jst-member' | 'area' | 'res-share' | 'discount-tier' | 'capacity-coverage';
  /**
   * Met, not met, or unknown: without a member register the cluster's members, area and sources
   * are not known, and "0 gminy" or "0 % renewable" would be a false failure.
   * The discount ladder is never "not met": below its first rung there is simply no discount.
   */
  status: 'pass' | 'fail' | 'unknown' | 'none';
  pass: boolean;
  /** The measured value (ratio 0..1 or a count) the check was made on. */
  value: number;
  /** The threshold it was compared with. */
  threshold: number;
  /** Discount tier reached, for the ladder (0 when none). */
  tier?: number;
  /** Not confirmed in the consolidated act: shown as a draft rule. */
  draft?: boolean;
}

/** Distribution-fee discount ladder (2022 draft): matched share above → discount on variable rates. */
export const DISCOUNT_LADDER = [
  { above: 0.9, discount: 0.2 },
  { above: 0.8, discount: 0.15 },
  { above: 0.7, discount: 0.1 },
  { above: 0.6, discount: 0.05 },
];

/** At least 30 % of generation from renewables; 50 % from 1 Jan 2027. */
export function resThreshold(year: number): number {
  return year >= 2027 ? 0.5 : 0.3;
}

/** Whether any member comes from a member register (data-only meters are marked `registered: false`). */
export function hasRegister(members: readonly Member[]): boolean {
  return members.some((m) => m.registered !== false);
}

export function checkRules(kpis: Kpis, members: Member[], year: number): RuleCheck[] {
  const registered = members.filter((m) => m.registered !== false);
  const known = registered.length > 0;
  const gminy = new Set(registered.map((m) => m.gmina.trim().toLowerCase()).filter(Boolean));
  const jst = registered.filter((m) => m.type === 'jst' || m.type === 'municipal').length;
  // §2: the ladder is measured on the same-hour matched share, shared energy before storage.
  const matched = kpis.matched_share;
  const step = DISCOUNT_LADDER.find((s) => matched > s.above);
  const resLimit = resThreshold(year);
  const judged = (pass: boolean, knowable = known): Pick<RuleCheck, 'status' | 'pass'> => ({
    status: knowable ? (pass ? 'pass' : 'fail') : 'unknown',
    pass: knowable && pass,
  });
  const coverage = kpis.consumption_kwh > 0 ? kpis.generation_kwh / kpis.consumption_kwh : 0;
  return [
    { id: 'jst-member', ...judged(jst > 0), value: jst, threshold: 1 },
    // One powiat or at most five gminy; the register gives gminy, so this checks the second form.
    { id: 'area', ...judged(gminy.size > 0 && gminy.size <= 5, gminy.size > 0), value: gminy.size, threshold: 5 },
    {
      id: 'res-share',
      ...judged(kpis.res_generation_share >= resLimit),
      value: kpis.res_generation_share,
      threshold: resLimit,
    },
    {
      id: 'discount-tier',
      status: step ? 'pass' : 'none',
      pass: step !== undefined,
      value: matched,
      threshold: DISCOUNT_LADDER[DISCOUNT_LADDER.length - 1].above,
      tier: step?.discount ?? 0,
      draft: true,
    },
    // Draft: generation able to cover at least 40 % of the members' annual demand.
    { id: 'capacity-coverage', ...judged(coverage >= 0.4, kpis.consumption_kwh > 0), value: coverage, threshold: 0.4, draft: true },
  ];
}
