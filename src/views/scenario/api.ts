/** What an item's fields may do: patch the item, and hear what was refused. */
export interface ItemApi {
  /** Patches the item; `field` names what was edited (where a refusal is shown; one undo step). */
  set(patch: Record<string, unknown>, field: string): void;
  /** What the last refused edit of `field` said, or ''. */
  problem(field: string): string;
}

/** A ratio (0..1) as the percentage a field shows, without float noise (0.14 → 14, not 14.000000000000002). */
export function toPercent(ratio: number): number {
  return Math.round(ratio * 100 * 1e6) / 1e6;
}

/** A percentage typed in a field as the ratio the scenario holds. */
export function fromPercent(percent: number): number {
  return Math.round(percent * 1e6) / 1e8;
}
