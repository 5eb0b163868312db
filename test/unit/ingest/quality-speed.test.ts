/**
 * The fast paths of the quality report equal plain references: outlierThreshold (a median and
 * a MAD by sampling and one pass, quickselect as fallback) against sorting, on registers of
 * every shape, large enough for the sampled path; meterQuality's single pass (gaps, measured,
 * negatives, outliers) against a walk over the period one interval at a time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MeterSeries } from '../../../src/ingest/cluster-data';
import { meterQuality, outlierThreshold } from '../../../src/ingest/quality';

/** A small seeded generator, so that fast-check draws only a few numbers per register. */
function random(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SPECIALS = [NaN, Infinity, -Infinity, 0, -0, 1e308, -1e308, 5e-324];

/** A register: values drawn from a few (ties) or many, zeros, special values, in some order. */
const registerArb = fc
  .record({
    // Short ones around the 24-value minimum, long ones for the sampled path (2048 values up).
    length: fc.oneof(fc.integer({ min: 0, max: 80 }), fc.integer({ min: 2000, max: 7000 })),
    // 0: kWh with 3 decimals; otherwise that many distinct values, multiples of 1/4, some negative.
    distinct: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5 })),
    // Share of one repeated value on top of the others (a mostly constant meter).
    constantShare: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
    zeroShare: fc.double({ min: 0, max: 0.9, noNaN: true }),
    specialShare: fc.oneof(fc.constant(0), fc.constant(0.01), fc.constant(0.3)),
    order: fc.constantFrom('as drawn', 'sorted', 'reversed', 'organ pipe'),
    seed: fc.integer(),
  })
  .map(({ length, distinct, constantShare, zeroShare, specialShare, order, seed }) => {
    const rnd = random(seed);
    const a = new Float64Array(length);
    for (let i = 0; i < length; i++) {
      const u = rnd();
      if (u < specialShare) a[i] = SPECIALS[Math.floor(rnd() * SPECIALS.length)]!;
      else if (u < specialShare + zeroShare) a[i] = 0;
      else if (rnd() < constantShare) a[i] = 1.25;
      else if (distinct === 0) a[i] = Math.round(rnd() * 4000) / 1000;
      else a[i] = (Math.floor(rnd() * distinct) - 1) / 4;
    }
    if (order !== 'as drawn') a.sort();
    if (order === 'reversed') a.reverse();
    if (order === 'organ pipe') {
      const sorted = a.slice();
      for (let i = 0; i < length; i++) a[i] = sorted[i % 2 === 0 ? i >> 1 : length - 1 - (i >> 1)]!;
    }
    return a;
  });

function medianOfSorted(s: number[]): number {
  const n = s.length;
  return n % 2 === 1 ? s[n >> 1]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

/** outlierThreshold as its doc comment states it, by sorting. */
function referenceThreshold(values: Float64Array, from: number, to: number, k: number) {
  const kept = Array.from(values.subarray(from, to))
    .filter((v) => v !== 0 && Number.isFinite(v))
    .sort((x, y) => x - y);
  const n = kept.length;
  if (n < 24) return { threshold: Infinity, exactSum: true };
  const median = medianOfSorted(kept);
  const deviations = kept.map((v) => Math.abs(v - median)).sort((x, y) => x - y);
  let spread = 1.4826 * medianOfSorted(deviations);
  // The mean absolute deviation's sum depends on the order of its terms unless every partial sum
  // is exact (multiples of 1/1024 of moderate size); the implementation adds in its own order.
  const exactSum = spread !== 0 || deviations.every((d) => Number.isInteger(d * 1024) && d < 2 ** 30);
  if (spread === 0) spread = 1.2533 * (deviations.reduce((s, d) => s + d, 0) / n);
  if (spread === 0) return { threshold: Infinity, exactSum };
  return { threshold: median + k * spread, exactSum };
}

function expectThreshold(values: Float64Array, from: number, to: number, k: number) {
  const { threshold, exactSum } = referenceThreshold(values, from, to, k);
  const fast = outlierThreshold(values, from, to, k);
  if (Object.is(fast, threshold)) return;
  expect(exactSum, `${fast} ≠ ${threshold}`).toBe(false);
  expect(Math.abs(fast - threshold)).toBeLessThanOrEqual(1e-12 * Math.abs(threshold));
}

describe('outlierThreshold equals median and MAD by sorting', () => {
  it('on registers of every shape: ties, zeros, special values, sorted or not (property)', () => {
    fc.assert(
      fc.property(registerArb, fc.constantFrom(0, 1, 10, -3), (values, k) => {
        // k = 0 checks the median alone.
        expectThreshold(values, 0, values.length, k);
      }),
      { numRuns: 300 },
    );
  });

  it('on a part of a register (property)', () => {
    fc.assert(
      fc.property(
        registerArb,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, x, y) => {
          const from = Math.floor(Math.min(x, y) * values.length);
          const to = Math.floor(Math.max(x, y) * values.length);
          expectThreshold(values, from, to, 10);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('the mean absolute deviation (MAD 0) adds up in quickselect order, as it always has', () => {
    // The sum's last bits depend on the order of its terms: these thresholds are those of the
    // implementation before the one-pass median (neither sorted nor series order gives them).
    for (const [seed, expected] of [
      [2, 5.529559956666664],
      [4, 5.636483135045008],
    ] as const) {
      const rnd = random(seed);
      const values = Float64Array.from({ length: 3000 }, () => (rnd() < 0.7 ? 1.25 : Math.round(rnd() * 4000) / 1000));
      expect(outlierThreshold(values, 0, values.length, 10)).toBe(expected);
    }
  });

  it('huge equal values: the median of an even count is (x + x) / 2 and overflows', () => {
    for (const n of [30, 3000, 3001]) {
      const values = new Float64Array(n).fill(1e308);
      for (const k of [0, 10]) expectThreshold(values, 0, n, k);
    }
  });

  it('when a pattern repeats with the spacing of the sample (the one-pass median misses)', () => {
    // 3072 values with period 3: an evenly spaced sample of 1024 sees only the 100s.
    for (const n of [3072, 3071, 6144]) {
      const values = Float64Array.from({ length: n }, (_, i) => [1, 100, 3][i % 3]!);
      for (const k of [0, 10]) expectThreshold(values, 0, n, k);
    }
  });
});

/** A walk over the period one interval at a time: gaps, measured, negatives and outliers. */
function referenceScan(
  s: MeterSeries,
  first: number,
  last: number,
  maxListed: number,
  thresholds: { import: number; export: number },
) {
  const n = s.import.length;
  const stepMs = s.stepMinutes * 60_000;
  const runs: [number, number][] = [];
  const outliers: { register: string; index: number; startUtcMs: number; value: number }[] = [];
  let measured = 0;
  let negatives = 0;
  let outlierCount = 0;
  for (let j = first; j < last; j++) {
    const inside = j >= 0 && j < n;
    const a = inside ? s.import[j]! : NaN;
    const b = inside ? s.export[j]! : NaN;
    if (a < 0) negatives++;
    if (b < 0) negatives++;
    if (!Number.isNaN(a) && !Number.isNaN(b)) measured++;
    else if (runs.length > 0 && runs[runs.length - 1]![1] === j) runs[runs.length - 1]![1] = j + 1;
    else runs.push([j, j + 1]);
    for (const [register, v, t] of [
      ['import', a, thresholds.import],
      ['export', b, thresholds.export],
    ] as const) {
      if (v > t) {
        outlierCount++;
        if (outliers.length < maxListed) outliers.push({ register, index: j, startUtcMs: s.startUtcMs + j * stepMs, value: v });
      }
    }
  }
  let longest: [number, number] | null = null;
  for (const r of runs) if (longest === null || r[1] - r[0] > longest[1] - longest[0]) longest = r;
  const time = (j: number) => s.startUtcMs + j * stepMs;
  return {
    measured,
    negatives,
    gaps: {
      count: runs.length,
      longestIntervals: longest ? longest[1] - longest[0] : 0,
      longest: longest ? { startUtcMs: time(longest[0]), endUtcMs: time(longest[1]) } : null,
      list: runs.slice(0, maxListed).map(([a, b]) => ({ startUtcMs: time(a), endUtcMs: time(b), intervals: b - a })),
    },
    outliers: { count: outlierCount, list: outliers },
  };
}

describe('meterQuality in one pass equals a walk over the period', () => {
  it('gaps, coverage, negatives and outliers, with and without a period (property)', () => {
    const T0 = Date.UTC(2025, 2, 29);
    const seriesArb = fc
      .record({
        length: fc.integer({ min: 0, max: 400 }),
        stepMinutes: fc.constantFrom(15, 60),
        missingShare: fc.constantFrom(0, 0.05, 0.5),
        seed: fc.integer(),
      })
      .map(({ length, stepMinutes, missingShare, seed }): MeterSeries => {
        const rnd = random(seed);
        const value = () =>
          rnd() < missingShare ? NaN : rnd() < 0.05 ? -1 : rnd() < 0.03 ? 500 : Math.round(rnd() * 4000) / 1000;
        return {
          id: 'M',
          stepMinutes,
          startUtcMs: T0,
          import: Float64Array.from({ length }, value),
          export: Float64Array.from({ length }, value),
        };
      });
    const periodArb = fc.option(
      fc.record({
        from: fc.integer({ min: -50, max: 450 }),
        to: fc.integer({ min: -50, max: 450 }),
        shiftMs: fc.integer({ min: 0, max: 899_999 }),
      }),
    );
    fc.assert(
      fc.property(seriesArb, periodArb, fc.integer({ min: 0, max: 5 }), fc.constantFrom(0.5, 10), (s, p, maxListed, outlierK) => {
        const stepMs = s.stepMinutes * 60_000;
        const period = p
          ? { startUtcMs: s.startUtcMs + p.from * stepMs + p.shiftMs, endUtcMs: s.startUtcMs + p.to * stepMs }
          : undefined;
        const q = meterQuality(s, { period, maxListed, outlierK });
        let first = 0;
        let last = s.import.length;
        if (period) {
          // `|| 0`: a period starting a fraction of a step before the series gives -0, an index 0.
          first = Math.ceil((period.startUtcMs - s.startUtcMs) / stepMs) || 0;
          last = Math.max(first, Math.floor((period.endUtcMs - s.startUtcMs) / stepMs));
        }
        const ref = referenceScan(s, first, last, maxListed, q.outliers.threshold);
        expect(q.intervals).toBe(last - first);
        expect(q.measured).toBe(ref.measured);
        expect(q.negativeValues).toBe(ref.negatives);
        expect(q.gaps).toEqual(ref.gaps);
        expect(q.outliers.count).toBe(ref.outliers.count);
        expect(q.outliers.list).toEqual(ref.outliers.list);
      }),
      { numRuns: 300 },
    );
  });
});
