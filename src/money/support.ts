/**
 * The two support parameters of the bills (CLUSTERS.md §2, §5.2): X, whether the cluster meets the
 * renewable-share condition for the year (the OZE and cogeneration fee exemption applies only
 * then), and d, the distribution-fee discount from the ladder on the same-hour matched share
 * before storage. Both thresholds are drafts "to be verified" and editable; they are parameters
 * here, with §2's values as defaults.
 */

/** A rung of the discount ladder: a matched share strictly above `above` earns `discount`. */
export interface LadderStep {
  above: number;
  discount: number;
}

/** §2 (2022 draft shape; final thresholds not confirmed): > 60 % → 5 %, > 70 % → 10 %, > 80 % → 15 %, > 90 % → 20 %. */
export const DEFAULT_DISCOUNT_LADDER: readonly LadderStep[] = Object.freeze(
  [
    { above: 0.6, discount: 0.05 },
    { above: 0.7, discount: 0.1 },
    { above: 0.8, discount: 0.15 },
    { above: 0.9, discount: 0.2 },
  ].map((s) => Object.freeze(s)),
);

/**
 * d: the discount of the highest rung whose threshold the matched share exceeds (strictly: a
 * share of exactly 60 % earns nothing); 0 below the first rung ("no discount", not a failure).
 */
export function ladderDiscount(matchedShare: number, ladder: readonly LadderStep[] = DEFAULT_DISCOUNT_LADDER): number {
  let d = 0;
  let reached = -Infinity;
  for (const step of ladder) {
    if (matchedShare > step.above && step.above > reached) {
      reached = step.above;
      d = step.discount;
    }
  }
  return d;
}

/** The renewable-share threshold of a year (§2, to be verified): 30 %, 50 % from 2027. */
export function renewableThreshold(year: number): number {
  return year >= 2027 ? 0.5 : 0.3;
}

/** X: whether the renewable share of generation reaches the threshold ("at least 30 %": 30 % passes). */
export function renewableConditionMet(renewableShare: number, threshold: number): boolean {
  return renewableShare >= threshold;
}
