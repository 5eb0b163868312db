/**
 * Scaling with a ceiling: find one factor s so that Σ min(cap, s·raw_i)·weight_i equals a target.
 * Used wherever a synthetic series must hit a known total without exceeding a physical limit:
 * a month's days must sum to the climatological irradiation but no day can be brighter than a
 * clear sky; a heat-led CHP must produce its annual energy but never above its rating.
 */

/**
 * Values v_i = min(cap, s·raw_i) with Σ v_i·weight_i = target (up to rounding). Items that hit
 * the cap are fixed and s is recomputed for the rest until no new item hits it (at most one pass
 * per item, usually two or three). If the target exceeds cap·Σ weight, everything is at the cap;
 * a target ≤ 0 gives zeros. raw and weight must be ≥ 0.
 */
export function scaleWithCap(raw: ArrayLike<number>, weight: ArrayLike<number>, target: number, cap: number): Float64Array {
  const n = raw.length;
  const out = new Float64Array(n);
  if (!(target > 0)) return out;
  let total = 0;
  for (let i = 0; i < n; i++) total += weight[i];
  if (total <= 0) return out;
  if (target >= cap * total) {
    out.fill(cap);
    return out;
  }
  const capped = new Uint8Array(n);
  let s = 0;
  for (let pass = 0; pass <= n; pass++) {
    let free = 0;
    let cappedWeight = 0;
    for (let i = 0; i < n; i++) {
      if (capped[i]) cappedWeight += weight[i];
      else free += raw[i] * weight[i];
    }
    // Rounding can cap an item whose exact value is just under the cap; the rest then has a
    // remainder of about −1e-16·target, and a negative factor would give negative values.
    const rest = target - cap * cappedWeight;
    s = free > 0 && rest > 0 ? rest / free : 0;
    let changed = false;
    for (let i = 0; i < n; i++) {
      if (!capped[i] && weight[i] > 0 && s * raw[i] >= cap) {
        capped[i] = 1;
        changed = true;
      }
    }
    if (!changed) break;
  }
  for (let i = 0; i < n; i++) out[i] = capped[i] ? cap : Math.min(cap, s * raw[i]);
  return out;
}
