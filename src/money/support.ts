/**
 * The two support parameters of the bills (CLUSTERS.md §2, §5.2): X, whether the cluster meets the
 * renewable-share condition for the year (the OZE and cogeneration fee exemption applies only
 * then), and d, the distribution-fee discount from the ladder on the same-hour matched share
 * before storage. The thresholds are the rules panel's (scenario/rules.ts, editable in the
 * scenario's `rules`): the bills and the panel read one ladder and one table.
 */
import { DEFAULT_THRESHOLDS, discountRung, resThreshold, type LadderRung, type RuleParams } from '../scenario/rules';

export type LadderStep = LadderRung;

/** §2 (2022 draft shape; final thresholds not confirmed): > 60 % → 5 %, > 70 % → 10 %, > 80 % → 15 %, > 90 % → 20 %. */
export const DEFAULT_DISCOUNT_LADDER: readonly LadderStep[] = DEFAULT_THRESHOLDS.ladder;

/**
 * d: the discount of the highest rung whose threshold the matched share exceeds (strictly: a
 * share of exactly 60 % earns nothing); 0 below the first rung ("no discount", not a failure).
 */
export function ladderDiscount(matchedShare: number, ladder: readonly LadderStep[] = DEFAULT_DISCOUNT_LADDER): number {
  return discountRung(matchedShare, ladder)?.discount ?? 0;
}

/** The renewable-share threshold of a year (§2, to be verified): 30 %, 50 % from 2027. */
export function renewableThreshold(year: number, byYear?: Record<string, number>): number {
  return resThreshold(year, byYear);
}

/** X: whether the renewable share of generation reaches the threshold ("at least 30 %": 30 % passes). */
export function renewableConditionMet(renewableShare: number, threshold: number): boolean {
  return renewableShare >= threshold;
}

/** d and X of a result under the rule parameters in force. */
export function supportOf(
  kpis: { matched_share: number; res_generation_share: number },
  params: Pick<RuleParams, 'year' | 'ladder' | 'res_threshold_by_year'>,
): { discount: number; resCondition: 0 | 1 } {
  return {
    discount: ladderDiscount(kpis.matched_share, params.ladder),
    resCondition: renewableConditionMet(kpis.res_generation_share, renewableThreshold(params.year, params.res_threshold_by_year))
      ? 1
      : 0,
  };
}
