/**
 * The statistics of assembly/stats.ts written plainly, for tests and benchmarks only: what each
 * kernel must return, with no SIMD, no radix tricks and no shared memory.
 */

/** Descending order with +0 before −0, which is where the radix sort puts them. */
function descending(a: number, b: number): number {
  if (a !== b) return b - a;
  if (a === 0) return (Object.is(a, -0) ? 1 : 0) - (Object.is(b, -0) ? 1 : 0);
  return 0;
}

/** The residual load duration curve: the values sorted descending. */
export function referenceSortDescending(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(Array.from(values).sort(descending));
}

/** Sums and counts per cell month·24 + hour (12×24). */
export function referenceMonthHour(
  values: ArrayLike<number>,
  month: ArrayLike<number>,
  hour: ArrayLike<number>,
): { sums: Float64Array; counts: Float64Array } {
  const sums = new Float64Array(12 * 24);
  const counts = new Float64Array(12 * 24);
  for (let i = 0; i < values.length; i++) {
    const cell = month[i] * 24 + hour[i];
    sums[cell] += values[i];
    counts[cell] += 1;
  }
  return { sums, counts };
}

/** Counts of `bins` equal-width bins over [lo, hi], values outside in the first or last bin. */
export function referenceHistogram(values: ArrayLike<number>, lo: number, hi: number, bins: number): Float64Array {
  const counts = new Float64Array(Math.max(0, bins));
  if (bins <= 0) return counts;
  if (!(hi > lo)) {
    counts[0] = values.length;
    return counts;
  }
  const scale = bins / (hi - lo);
  for (let i = 0; i < values.length; i++) {
    const b = Math.floor((values[i] - lo) * scale);
    counts[Math.min(Math.max(b, 0), bins - 1)] += 1;
  }
  return counts;
}

/** [min, max, sum]; [+∞, −∞, 0] for no values. */
export function referenceMinMaxSum(values: ArrayLike<number>): [number, number, number] {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    min = Math.min(min, values[i]);
    max = Math.max(max, values[i]);
    sum += values[i];
  }
  return [min, max, sum];
}

/**
 * M4: per bucket (index, value) of first, min, max, last, 8 numbers; the first occurrence of the
 * min and max; NaN for an empty bucket.
 */
export function referenceM4(values: ArrayLike<number>, buckets: number): Float64Array {
  const n = values.length;
  const out = new Float64Array(buckets * 8).fill(NaN);
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor((b * n) / buckets);
    const end = Math.floor(((b + 1) * n) / buckets);
    if (start >= end) continue;
    let mi = start;
    let xi = start;
    for (let i = start + 1; i < end; i++) {
      if (values[i] < values[mi]) mi = i;
      if (values[i] > values[xi]) xi = i;
    }
    out.set([start, values[start], mi, values[mi], xi, values[xi], end - 1, values[end - 1]], b * 8);
  }
  return out;
}
