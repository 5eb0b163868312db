/**
 * Statistics of a series on the WebAssembly kernels (assembly/stats.ts): the residual load
 * duration curve, month × hour-of-day profiles, histograms, a summary with percentiles, and M4
 * downsampling for charts. Every method copies its input into kernel memory, runs one or two
 * kernels and returns copies, so results stay valid after the next call and may be transferred.
 *
 * Give SeriesStats a kernel instance of its own (`instantiateKernels` a second time on the same
 * bytes; the module is a few KB and instantiates in well under a millisecond). `reserve` always
 * returns the same base, and BalanceEngine keeps the loaded cluster's input matrices there
 * between computes, so sharing one instance would overwrite them. Two instances also keep the
 * stats' scratch (up to 24 bytes per value for the sort) out of the engine's memory, which a
 * Wasm memory can grow but never shrink.
 */
import type { Kernels } from './kernels';

const F64 = 8;
const CELLS = 12 * 24;

export interface MonthHour {
  /** Σ values per cell month·24 + hour (month 0–11, local hour 0–23). */
  sums: Float64Array;
  /** Number of intervals per cell. */
  counts: Float64Array;
  /** sums / counts; NaN for a cell without intervals. */
  means: Float64Array;
}

export interface Summary {
  n: number;
  min: number;
  /** First interval at the minimum; −1 for an empty series. */
  minIndex: number;
  max: number;
  /** First interval at the maximum; −1 for an empty series. */
  maxIndex: number;
  sum: number;
  mean: number;
  /** Percentiles with linear interpolation (numpy's default, Hyndman–Fan type 7). */
  p50: number;
  p95: number;
  p99: number;
  /** Largest magnitude, max(|min|, |max|): the peak either way (import or export). */
  peak: number;
  /** First interval at that magnitude. */
  peakIndex: number;
}

/** Points for a line chart: (interval index, value), in index order. */
export interface Downsampled {
  index: Float64Array;
  value: Float64Array;
}

export class SeriesStats {
  constructor(private readonly k: Kernels) {}

  /** The values sorted descending: the (residual) load duration curve of CLUSTERS.md §4. */
  loadDurationCurve(values: Float64Array): Float64Array {
    const n = values.length;
    const [src, dst, scratch] = this.layout(n * F64, n * F64, n * F64);
    this.f64(src, n).set(values);
    this.k.sortDescending(src, dst, n, scratch);
    return this.f64(dst, n).slice();
  }

  /**
   * Sums, counts and means per local month × hour of day. `monthIdx` and `hourIdx` come from
   * `localMonthHour` (calendar.ts) for the series' time grid.
   */
  monthHour(values: Float64Array, monthIdx: Uint8Array, hourIdx: Uint8Array): MonthHour {
    const n = values.length;
    if (monthIdx.length !== n || hourIdx.length !== n) {
      throw new Error(`month/hour indices for ${monthIdx.length}/${hourIdx.length} intervals, series has ${n}`);
    }
    for (let i = 0; i < n; i++) {
      // The kernel writes to the cell the indices name: one out of range would write elsewhere.
      if (monthIdx[i] > 11 || hourIdx[i] > 23) throw new Error(`interval ${i}: month ${monthIdx[i]}, hour ${hourIdx[i]}`);
    }
    const [series, sums, counts, month, hour] = this.layout(n * F64, CELLS * F64, CELLS * F64, n, n);
    const k = this.k;
    this.f64(series, n).set(values);
    new Uint8Array(k.memory.buffer, month, n).set(monthIdx);
    new Uint8Array(k.memory.buffer, hour, n).set(hourIdx);
    k.monthHourMatrix(series, n, month, hour, sums, counts);
    const s = this.f64(sums, CELLS).slice();
    const c = this.f64(counts, CELLS).slice();
    return { sums: s, counts: c, means: s.map((x, i) => (c[i] > 0 ? x / c[i] : NaN)) };
  }

  /** Counts of `bins` equal-width bins over [lo, hi]; values outside go to the first or last bin. */
  histogram(values: Float64Array, lo: number, hi: number, bins: number): Float64Array {
    if (!Number.isInteger(bins) || bins < 1) throw new Error(`histogram: ${bins} bins`);
    const n = values.length;
    const [series, counts] = this.layout(n * F64, bins * F64);
    this.f64(series, n).set(values);
    this.k.histogram(series, n, lo, hi, bins, counts);
    return this.f64(counts, bins).slice();
  }

  /** Min, max, sum, mean, percentiles and the peak; NaN (indices −1) for an empty series. */
  summary(values: Float64Array): Summary {
    const n = values.length;
    const [src, dst, scratch, out] = this.layout(n * F64, n * F64, n * F64, 3 * F64);
    this.f64(src, n).set(values);
    this.k.minMaxSum(src, n, out);
    this.k.sortDescending(src, dst, n, scratch);
    const [min, max, sum] = this.f64(out, 3);
    const [p50, p95, p99] = percentilesFromSorted(this.f64(dst, n), [50, 95, 99]);
    if (n === 0) {
      return { n, min: NaN, minIndex: -1, max: NaN, maxIndex: -1, sum, mean: NaN, p50, p95, p99, peak: NaN, peakIndex: -1 };
    }
    const minIndex = values.indexOf(min);
    const maxIndex = values.indexOf(max);
    const peakIsMin = Math.abs(min) > Math.abs(max);
    return {
      n,
      min,
      minIndex,
      max,
      maxIndex,
      sum,
      mean: sum / n,
      p50,
      p95,
      p99,
      peak: peakIsMin ? Math.abs(min) : Math.abs(max),
      peakIndex: peakIsMin ? minIndex : maxIndex,
    };
  }

  /**
   * The kernel's M4 output: per bucket 8 numbers, (index, value) of first, min, max and last;
   * NaN for an empty bucket (fewer values than buckets).
   */
  m4Buckets(values: Float64Array, buckets: number): Float64Array {
    if (!Number.isInteger(buckets) || buckets < 1) throw new Error(`M4: ${buckets} buckets`);
    const n = values.length;
    const [series, out] = this.layout(n * F64, buckets * 8 * F64);
    this.f64(series, n).set(values);
    this.k.downsampleM4(series, n, buckets, out);
    return this.f64(out, buckets * 8).slice();
  }

  /**
   * At most 4 points per pixel column (`buckets` = the chart's width in pixels) whose polyline
   * draws the same pixels as the full series: each bucket's first, min, max and last, in index
   * order, repeats dropped, empty buckets skipped.
   */
  m4(values: Float64Array, buckets: number): Downsampled {
    const raw = this.m4Buckets(values, buckets);
    const index = new Float64Array(buckets * 4);
    const value = new Float64Array(buckets * 4);
    let count = 0;
    const push = (i: number, v: number) => {
      if (count > 0 && index[count - 1] === i) return;
      index[count] = i;
      value[count] = v;
      count++;
    };
    for (let b = 0; b < buckets; b++) {
      const o = b * 8;
      if (Number.isNaN(raw[o])) continue;
      push(raw[o], raw[o + 1]);
      // Min and max in the order they occur; first ≤ both ≤ last.
      if (raw[o + 2] <= raw[o + 4]) {
        push(raw[o + 2], raw[o + 3]);
        push(raw[o + 4], raw[o + 5]);
      } else {
        push(raw[o + 4], raw[o + 5]);
        push(raw[o + 2], raw[o + 3]);
      }
      push(raw[o + 6], raw[o + 7]);
    }
    return { index: index.slice(0, count), value: value.slice(0, count) };
  }

  /**
   * Consecutive 16-byte-aligned regions of the given sizes from the stats' base, reserved
   * together. Views must be made after this: growing the memory detaches the old ones.
   */
  private layout(...bytes: number[]): number[] {
    const total = bytes.reduce((t, b) => t + ((b + 15) & ~15), 0);
    const base = this.k.reserve(total);
    if (base === 0) throw new Error(`not enough memory for ${Math.round(total / 2 ** 20)} MB of statistics`);
    let at = base;
    return bytes.map((b) => {
      const p = at;
      at += (b + 15) & ~15;
      return p;
    });
  }

  private f64(p: number, len: number): Float64Array {
    return new Float64Array(this.k.memory.buffer, p, len);
  }
}

/**
 * Percentiles `ps` (0–100) of a series sorted descending (as loadDurationCurve returns it), with
 * linear interpolation between closest ranks: numpy.percentile's default ("linear", Hyndman–Fan
 * type 7), including its interpolation formula, so results match numpy to the last bit. NaN for
 * an empty series.
 */
export function percentilesFromSorted(sortedDescending: ArrayLike<number>, ps: readonly number[]): number[] {
  const n = sortedDescending.length;
  // Ascending rank i is descending position n − 1 − i.
  const at = (i: number) => sortedDescending[n - 1 - i];
  return ps.map((p) => {
    if (!(p >= 0 && p <= 100)) throw new Error(`percentile ${p} is outside 0–100`);
    if (n === 0) return NaN;
    const h = (n - 1) * (p / 100);
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, n - 1);
    const t = h - lo;
    const a = at(lo);
    const b = at(hi);
    const diff = b - a;
    // numpy's _lerp: from the nearer end, so that t = 1 gives b exactly and the result is monotone.
    return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
  });
}
