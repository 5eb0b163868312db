/**
 * A data-quality report per meter, for the data report and before gap filling: how much of the
 * period has values, where the holes are, duplicates and negative values the parser met,
 * suspicious hours at the DST changes, outliers and counter resets. Missing values in a
 * MeterSeries are NaN (see parsed-file.ts). Plain loops over typed arrays, one pass over a
 * meter's series and medians in about one pass each: it sits on the critical path of an import.
 */

import type { MeterSeries } from './cluster-data';
import type { ParseWarning } from './errors';
import { DAY_MS, HOUR_MS, MINUTE_MS, dstEndUtcMs, dstStartUtcMs, civilFromDays } from './time';

/** Default k of the outlier threshold median + k·MAD. */
export const DEFAULT_OUTLIER_K = 10;
/** How many gaps and outliers a report lists by default. */
export const DEFAULT_LISTED = 20;

export interface QualityOptions {
  /**
   * Outliers are values above median + k·MAD of the register's non-zero values, the MAD scaled
   * to a standard deviation (see outlierThreshold). Default 10.
   */
  outlierK?: number;
  /**
   * Parse warnings concerning this meter (for a single-meter file, the file's warnings): the
   * `duplicate-intervals` and `negative-values` counts are taken from them, since the parser
   * has already merged duplicates and set negative values to 0. (Counter files report their
   * resets and downward glitches as `negative-values` too; pass the resets as counterResets.)
   */
  warnings?: readonly ParseWarning[];
  /** Counter resets found when cumulative readings were turned into intervals, if known. */
  counterResets?: number;
  /**
   * The period the meter should cover (UTC ms, end exclusive); intervals of it outside the
   * series count as missing. Default: the series' own span.
   */
  period?: { startUtcMs: number; endUtcMs: number };
  /** How many gaps and outliers to list. Default 20. */
  maxListed?: number;
}

/** A run of consecutive intervals without a value. */
export interface Gap {
  startUtcMs: number;
  /** Exclusive. */
  endUtcMs: number;
  intervals: number;
}

/** An hour at a DST change that looks wrong. */
export interface DstAnomaly {
  /**
   * `missing-hour`: a gap of at most an hour next to the change (an exporter that dropped the
   * repeated autumn hour, or lost one in spring); `doubled-hour`: the hours on both sides of the
   * change hold identical values (one copied to fill a 24- or 25-hour day); `zero-hour`: an hour
   * next to the change is all zero while the hours around it are not (a placeholder row).
   */
  kind: 'missing-hour' | 'doubled-hour' | 'zero-hour';
  change: 'spring' | 'autumn';
  /** The instant of the change: 01:00 UTC on the last Sunday of March or October. */
  changeUtcMs: number;
  startUtcMs: number;
  /** Exclusive. */
  endUtcMs: number;
}

/** A value above the outlier threshold. */
export interface Outlier {
  register: 'import' | 'export';
  /** Index in the series. */
  index: number;
  startUtcMs: number;
  value: number;
}

/** The quality report of one meter. */
export interface MeterQuality {
  id: string;
  stepMinutes: number;
  startUtcMs: number;
  /** Intervals in the period looked at (the series' span, or options.period). */
  intervals: number;
  /** Intervals with both an import and an export value. */
  measured: number;
  /** measured / intervals, 0..1 (1 for an empty period). */
  coverage: number;
  gaps: {
    count: number;
    /** Length of the longest gap in intervals (0 without gaps). */
    longestIntervals: number;
    /** The longest gap (the first of equal ones), null without gaps. */
    longest: { startUtcMs: number; endUtcMs: number } | null;
    /** The first gaps, at most maxListed. */
    list: Gap[];
  };
  /** Repeated intervals the parser reported (duplicate-intervals warnings), 0 without warnings. */
  duplicates: number;
  dstAnomalies: DstAnomaly[];
  /** Negative values in the series plus those the parser reported and set to 0. */
  negativeValues: number;
  outliers: {
    count: number;
    /** median + k · 1.4826 · MAD over the non-zero values; Infinity when there are too few of them. */
    threshold: { import: number; export: number };
    /** The first outliers in time, at most maxListed. */
    list: Outlier[];
  };
  /** Counter resets, when the caller knows them; null otherwise. */
  counterResets: number | null;
}

/** The quality report of one meter's series. */
export function meterQuality(series: MeterSeries, options: QualityOptions = {}): MeterQuality {
  const k = options.outlierK ?? DEFAULT_OUTLIER_K;
  const maxListed = options.maxListed ?? DEFAULT_LISTED;
  const stepMs = series.stepMinutes * MINUTE_MS;
  const imp = series.import;
  const exp = series.export;
  const n = imp.length;

  // The period looked at, as an offset from the series' start in intervals.
  let first = 0;
  let last = n;
  if (options.period) {
    first = Math.ceil((options.period.startUtcMs - series.startUtcMs) / stepMs);
    last = Math.floor((options.period.endUtcMs - series.startUtcMs) / stepMs);
    if (last < first) last = first;
  }
  const intervals = last - first;
  const periodStart = series.startUtcMs + first * stepMs;

  // The thresholds first, so that one pass over the series finds gaps, negatives and outliers.
  const from = Math.max(0, first);
  const to = Math.min(n, last);
  const importThreshold = outlierThreshold(imp, from, to, k);
  const exportThreshold = outlierThreshold(exp, from, to, k);

  // The period's intervals before the series, [first, inStart), and after it, [inEnd, last),
  // are missing.
  const inStart = Math.min(from, last);
  const inEnd = Math.max(inStart, to);
  const gaps = new GapTally(series.startUtcMs, stepMs, maxListed);
  const outliers = new OutlierTally(series.startUtcMs, stepMs, maxListed);
  let inGap = first < inStart;
  let gapStart = first;
  // Only rare things (a missing value, a negative, an outlier) are counted, each in a branch that
  // is then well predicted; `measured` follows from the missing count.
  let missing = 0;
  let negatives = 0;
  for (let j = inStart; j < inEnd; j++) {
    const a = imp[j]!;
    const b = exp[j]!;
    if (a < 0) negatives++;
    if (b < 0) negatives++;
    if (a === a && b === b) {
      if (inGap) {
        gaps.add(gapStart, j);
        inGap = false;
      }
    } else {
      missing++;
      if (!inGap) {
        inGap = true;
        gapStart = j;
      }
    }
    if (a > importThreshold) outliers.add('import', j, a);
    if (b > exportThreshold) outliers.add('export', j, b);
  }
  if (!inGap && inEnd < last) {
    inGap = true;
    gapStart = inEnd;
  }
  if (inGap) gaps.add(gapStart, last);
  const measured = inEnd - inStart - missing;

  let duplicates = 0;
  for (const w of options.warnings ?? []) {
    if (w.code === 'duplicate-intervals') duplicates += w.count ?? 1;
    else if (w.code === 'negative-values') negatives += w.count ?? 1;
  }

  return {
    id: series.id,
    stepMinutes: series.stepMinutes,
    startUtcMs: periodStart,
    intervals,
    measured,
    coverage: intervals === 0 ? 1 : measured / intervals,
    gaps: {
      count: gaps.count,
      longestIntervals: gaps.longestIntervals,
      longest:
        gaps.longestIntervals === 0
          ? null
          : {
              startUtcMs: series.startUtcMs + gaps.longestStart * stepMs,
              endUtcMs: series.startUtcMs + (gaps.longestStart + gaps.longestIntervals) * stepMs,
            },
      list: gaps.list,
    },
    duplicates,
    dstAnomalies: dstAnomalies(series),
    negativeValues: negatives,
    outliers: {
      count: outliers.count,
      threshold: { import: importThreshold, export: exportThreshold },
      list: outliers.list,
    },
    counterResets: options.counterResets ?? null,
  };
}

/** How many events a series holds, and the first few of them, fed in time order. */
class Tally<T> {
  count = 0;
  readonly list: T[] = [];
  protected readonly startUtcMs: number;
  protected readonly stepMs: number;
  private readonly maxListed: number;

  constructor(startUtcMs: number, stepMs: number, maxListed: number) {
    this.startUtcMs = startUtcMs;
    this.stepMs = stepMs;
    this.maxListed = maxListed;
  }

  /** Counts one event; `item` makes its entry, called only while the list has room. */
  protected note(item: () => T): void {
    this.count++;
    if (this.list.length < this.maxListed) this.list.push(item());
  }
}

/** Count, longest and first few of the gaps of a series. */
class GapTally extends Tally<Gap> {
  longestIntervals = 0;
  /** Index of the longest gap's first interval. */
  longestStart = 0;

  /** The intervals [start, end) (indices in the series) are a gap. */
  add(start: number, end: number): void {
    const length = end - start;
    if (length > this.longestIntervals) {
      this.longestIntervals = length;
      this.longestStart = start;
    }
    this.note(() => {
      const startUtcMs = this.startUtcMs + start * this.stepMs;
      return { startUtcMs, endUtcMs: startUtcMs + length * this.stepMs, intervals: length };
    });
  }
}

/** Count and first few of the outliers of a series. */
class OutlierTally extends Tally<Outlier> {
  add(register: Outlier['register'], index: number, value: number): void {
    this.note(() => ({ register, index, startUtcMs: this.startUtcMs + index * this.stepMs, value }));
  }
}

/** Reports for several meters with the same options (warnings and counter resets excepted). */
export function metersQuality(
  series: readonly MeterSeries[],
  options: Omit<QualityOptions, 'warnings' | 'counterResets'> = {},
): MeterQuality[] {
  return series.map((s) => meterQuality(s, options));
}

// ---- Outliers ------------------------------------------------------------------------------

/** Fewest non-zero values a robust threshold is computed from. */
const MIN_VALUES_FOR_OUTLIERS = 24;

/** The register's finite non-zero values, in series order (quickselect reorders it). */
let values = new Float64Array(0);
/** Their absolute deviations from the median, when medianBySample misses the MAD. */
let deviations = new Float64Array(0);
/** The values between the two sample pivots of medianBySample. */
let between = new Float64Array(0);

/**
 * median + k·MAD of the finite non-zero values in [from, to), the MAD scaled to a standard
 * deviation (1.4826 · MAD). When more than half of the values are equal (MAD 0), the scaled
 * mean absolute deviation from the median stands in for it, so that a single spike among
 * constant values is still found. Infinity (nothing is an outlier) with fewer than
 * MIN_VALUES_FOR_OUTLIERS values or when every value is the same.
 */
export function outlierThreshold(series: Float64Array, from: number, to: number, k: number): number {
  const m = collectValues(series, from, to);
  if (m < MIN_VALUES_FOR_OUTLIERS) return Infinity;
  let median = medianBySample(values, m);
  // medianOf reorders the values, which matters to the order sumOfDeviations adds in.
  const reordered = median === undefined;
  if (median === undefined) median = medianOf(values, m);
  let spread = MAD_TO_SIGMA * (medianBySample(values, m, median) ?? medianOfDeviations(m, median));
  if (spread === 0) spread = MEAN_AD_TO_SIGMA * (sumOfDeviations(m, median, reordered) / m);
  if (spread === 0) return Infinity;
  return median + k * spread;
}

/** Copies the finite non-zero values of series[from, to) to `values`; returns their count. */
function collectValues(series: Float64Array, from: number, to: number): number {
  if (values.length < to - from) values = new Float64Array(Math.max(to - from, values.length * 2));
  const kept = values;
  let m = 0;
  for (let j = from; j < to; j++) {
    const v = series[j]!;
    // Branch-free (every value is written, the count advances only for the kept ones): zeros
    // come and go with the sun, a branch on them would be mispredicted half the time.
    // v - v is 0 exactly for finite v (NaN for NaN and ±Infinity).
    kept[m] = v;
    m += +(v !== 0) & +(v - v === 0);
  }
  return m;
}

/** The median absolute deviation the slow way: deviations written out, then quickselect. */
function medianOfDeviations(m: number, median: number): number {
  if (deviations.length < m) deviations = new Float64Array(values.length);
  for (let j = 0; j < m; j++) deviations[j] = Math.abs(values[j]! - median);
  return medianOf(deviations, m);
}

/**
 * Σ |v − median| over the values, added in the order the quickselect of medianOf leaves them:
 * a floating-point sum depends on the order of its terms, and this is the order thresholds have
 * always been computed in. Only needed when the MAD is 0, so the reordering is redone then.
 */
function sumOfDeviations(m: number, median: number, reordered: boolean): number {
  if (!reordered && allEqual(values, m, median)) return 0;
  if (!reordered) select(values, m, m >> 1);
  let sum = 0;
  for (let j = 0; j < m; j++) sum += Math.abs(values[j]! - median);
  return sum;
}

/** Whether a[0..n) all equal x: then every order sums the deviations to 0, no need to reorder. */
function allEqual(a: Float64Array, n: number, x: number): boolean {
  for (let j = 0; j < n; j++) if (a[j] !== x) return false;
  return true;
}

/**
 * The MAD is scaled to estimate a standard deviation (1.4826 · MAD is σ for normal data), so k
 * reads as "k sigmas". Unscaled, k = 10 flags the working hours of an ordinary office meter
 * (night load around the median, day load 6 times it) as outliers.
 */
const MAD_TO_SIGMA = 1.4826;
/** The mean absolute deviation scaled likewise (σ = 1.2533 · mean |x − μ| for normal data). */
const MEAN_AD_TO_SIGMA = 1.2533;

/** Fewest values medianBySample is tried on: below it quickselect alone is as fast. */
const MIN_VALUES_FOR_SAMPLING = 2048;
/** Values in the sample of medianBySample. */
const SAMPLE_SIZE = 1024;
const sample = new Float64Array(SAMPLE_SIZE);
/**
 * How far, in sample ranks, the pivots lie on either side of the median's expected rank: 4
 * standard deviations of a sample median's rank (√(s/4)), so the median falls between them
 * but for about one set of values in 15,000 (then medianOf does the work).
 */
const PIVOT_MARGIN = 2 * Math.sqrt(SAMPLE_SIZE);

/**
 * Median of a[0..n), or with a center, of the distances |a[j] − center| (the MAD), in one pass
 * and without reordering a; undefined when the pivots taken from a sample miss it or n is too
 * small for a sample (medianOf then computes it). Floyd and Rivest's idea: two values of a
 * spaced sample bracket the median; one branch-free pass counts the values below the lower one
 * and copies those between the two, about an eighth of a, and the median is selected among these.
 * Quickselect on all of a would make about three passes, with a mispredicted branch per value.
 */
function medianBySample(a: Float64Array, n: number, center?: number): number | undefined {
  if (n < MIN_VALUES_FOR_SAMPLING) return undefined;
  const upperRank = n >> 1;
  const lowerRank = n % 2 === 1 ? upperRank : upperRank - 1;

  // Evenly spaced rather than random: the result does not depend on the sample, only the speed.
  for (let i = 0; i < SAMPLE_SIZE; i++) {
    const v = a[Math.floor(((i + 0.5) * n) / SAMPLE_SIZE)]!;
    sample[i] = center === undefined ? v : Math.abs(v - center);
  }
  const highIndex = Math.min(SAMPLE_SIZE - 1, Math.ceil((upperRank * SAMPLE_SIZE) / n + PIVOT_MARGIN));
  const lowIndex = Math.max(0, Math.floor((lowerRank * SAMPLE_SIZE) / n - PIVOT_MARGIN));
  const high = select(sample, SAMPLE_SIZE, highIndex);
  const low = select(sample, highIndex + 1, lowIndex);

  if (between.length < n) between = new Float64Array(a.length);
  const inRange = between;
  let below = 0;
  let inside = 0;
  for (let j = 0; j < n; j++) {
    const v = center === undefined ? a[j]! : Math.abs(a[j]! - center);
    inRange[inside] = v;
    below += +(v < low);
    inside += +(v >= low) & +(v <= high);
  }
  if (below > lowerRank || below + inside <= upperRank) return undefined;
  // Many equal values (the deviations of a mostly constant meter): no selection needed. Still
  // (x + x) / 2 for an even count, like medianOf: it overflows for |x| above half the largest double.
  if (low === high) return lowerRank === upperRank ? low : (low + high) / 2;

  const upper = select(inRange, inside, upperRank - below);
  if (lowerRank === upperRank) return upper;
  return (largest(inRange, upperRank - below) + upper) / 2;
}

/** Median of a[0..n) (reorders a): Hoare's quickselect, linear on average. */
function medianOf(a: Float64Array, n: number): number {
  const mid = n >> 1;
  const upper = select(a, n, mid);
  if (n % 2 === 1) return upper;
  // The lower middle is the largest value left of mid after the selection.
  return (largest(a, mid) + upper) / 2;
}

/** The largest of a[0..n), -Infinity for n = 0. */
function largest(a: Float64Array, n: number): number {
  let max = -Infinity;
  for (let i = 0; i < n; i++) if (a[i]! > max) max = a[i]!;
  return max;
}

/**
 * The value of rank r (0-based) in a[0..n); partitions a around it, so that a[0..r) holds no
 * larger value.
 */
function select(a: Float64Array, n: number, r: number): number {
  let lo = 0;
  let hi = n - 1;
  while (hi > lo) {
    // Median of three as pivot: sorted data (common in meter series) stays linear.
    const mid = (lo + hi) >> 1;
    const x = a[lo]!;
    const y = a[mid]!;
    const z = a[hi]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (r <= j) hi = j;
    else if (r >= i) lo = i;
    else return a[r]!;
  }
  return a[r]!;
}

// ---- DST changes ---------------------------------------------------------------------------

/**
 * Suspicious hours at each DST change inside the series: the hour before and the hour after
 * the change instant (local 01:00–02:00 CET and 03:00–04:00 CEST in spring; 02:00–03:00 CEST and
 * 02:00–03:00 CET in autumn). See DstAnomaly for what is looked for.
 */
export function dstAnomalies(series: MeterSeries): DstAnomaly[] {
  const out: DstAnomaly[] = [];
  const n = series.import.length;
  if (n === 0) return out;
  const stepMs = series.stepMinutes * MINUTE_MS;
  if (HOUR_MS % stepMs !== 0) return out;
  const perHour = HOUR_MS / stepMs;
  const start = series.startUtcMs;
  const end = start + n * stepMs;
  const firstYear = civilFromDays(Math.floor(start / DAY_MS))[0];
  const lastYear = civilFromDays(Math.floor((end - 1) / DAY_MS))[0];
  for (let year = firstYear; year <= lastYear; year++) {
    for (const change of ['spring', 'autumn'] as const) {
      const t = change === 'spring' ? dstStartUtcMs(year) : dstEndUtcMs(year);
      // The change must lie inside the series with at least the two hours on each side.
      if (t - 2 * HOUR_MS < start || t + 2 * HOUR_MS > end) continue;
      const at = (t - start) / stepMs;
      if (!Number.isInteger(at)) continue;
      const anomaly = (kind: DstAnomaly['kind'], from: number, to: number) =>
        out.push({ kind, change, changeUtcMs: t, startUtcMs: start + from * stepMs, endUtcMs: start + to * stepMs });

      // A gap of at most an hour that touches the hour before or after the change.
      const missing = findShortGap(series, at - perHour, at + perHour, perHour);
      if (missing !== undefined) {
        anomaly('missing-hour', missing[0], missing[1]);
        continue;
      }
      const before = at - perHour;
      const after = at;
      if (hasMissing(series, before - perHour, after + 2 * perHour)) continue;
      if (
        sameHour(series, before, after, perHour) &&
        !isZeroHour(series, before, perHour) &&
        // A meter whose hours are all alike (a constant load) shows nothing suspicious.
        !(sameHour(series, before - perHour, before, perHour) && sameHour(series, after, after + perHour, perHour))
      ) {
        anomaly('doubled-hour', before, after + perHour);
        continue;
      }
      const neighboursBusy = !isZeroHour(series, before - perHour, perHour) && !isZeroHour(series, after + perHour, perHour);
      if (neighboursBusy && isZeroHour(series, before, perHour)) anomaly('zero-hour', before, before + perHour);
      else if (neighboursBusy && isZeroHour(series, after, perHour)) anomaly('zero-hour', after, after + perHour);
    }
  }
  return out;
}

function missingAt(s: MeterSeries, i: number): boolean {
  return s.import[i] !== s.import[i] || s.export[i] !== s.export[i];
}

function hasMissing(s: MeterSeries, from: number, to: number): boolean {
  for (let i = Math.max(0, from); i < Math.min(to, s.import.length); i++) if (missingAt(s, i)) return true;
  return false;
}

/** The first gap of at most maxLength intervals that overlaps [from, to), as [start, end). */
function findShortGap(s: MeterSeries, from: number, to: number, maxLength: number): [number, number] | undefined {
  const n = s.import.length;
  for (let i = Math.max(0, from); i < Math.min(to, n); i++) {
    if (!missingAt(s, i)) continue;
    let a = i;
    while (a > 0 && missingAt(s, a - 1)) a--;
    let b = i + 1;
    while (b < n && missingAt(s, b)) b++;
    if (b - a <= maxLength) return [a, b];
    i = b;
  }
  return undefined;
}

function sameHour(s: MeterSeries, a: number, b: number, perHour: number): boolean {
  for (let q = 0; q < perHour; q++) {
    if (s.import[a + q] !== s.import[b + q] || s.export[a + q] !== s.export[b + q]) return false;
  }
  return true;
}

function isZeroHour(s: MeterSeries, a: number, perHour: number): boolean {
  for (let q = 0; q < perHour; q++) if (s.import[a + q] !== 0 || s.export[a + q] !== 0) return false;
  return true;
}
