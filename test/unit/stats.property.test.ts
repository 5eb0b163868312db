/**
 * The statistics kernels (assembly/stats.ts, through SeriesStats) against the plain TypeScript
 * reference on random series, and the Warsaw calendar indices across the DST changes.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { localMonthHour } from '../../src/engine/calendar';
import type { Kernels } from '../../src/engine/kernels';
import { SeriesStats, percentilesFromSorted } from '../../src/engine/stats';
import {
  referenceHistogram,
  referenceM4,
  referenceMinMaxSum,
  referenceMonthHour,
  referenceSortDescending,
} from '../../src/engine/stats-reference';
import { loadKernelsForTest } from './kernel-loader';

let kernels: Kernels;
let stats: SeriesStats;
beforeAll(async () => {
  kernels = await loadKernelsForTest();
  stats = new SeriesStats(kernels);
});

const RUNS = { numRuns: 500 };

/** Residual loads: kWh with meter resolution, both signs, many repeats and zeros. */
const meterValue = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(0, -0) },
  { weight: 4, arbitrary: fc.integer({ min: -500_000, max: 500_000 }).map((wh) => wh / 1000) },
  { weight: 3, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
);

/** Series of bounded values (sums stay meaningful): short ones for the SIMD tails, all-equal ones. */
const boundedSeries = fc
  .oneof(
    { weight: 2, arbitrary: fc.array(meterValue, { maxLength: 3 }) },
    { weight: 5, arbitrary: fc.array(meterValue, { maxLength: 300 }) },
    { weight: 1, arbitrary: fc.tuple(meterValue, fc.integer({ min: 0, max: 50 })).map(([v, n]) => Array<number>(n).fill(v)) },
    { weight: 1, arbitrary: fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 100 }) },
  )
  .map((a) => Float64Array.from(a));

/** Any finite doubles (subnormals, ±0, extremes): the sort works on their bit patterns. */
const anySeries = fc.oneof(
  boundedSeries,
  fc.float64Array({ noNaN: true, noDefaultInfinity: true, maxLength: 300 }),
  fc.float64Array({ noNaN: true, maxLength: 20 }),
);

/** Bit-exact equality, ±0 and NaN included. */
function same(actual: ArrayLike<number>, expected: ArrayLike<number>): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) expect.fail(`[${i}]: ${actual[i]} vs ${expected[i]}`);
  }
}

/** |a − b| ≤ 1e-9 relative to the magnitude the sum was built from (Σ|x|, at least 1). */
function closeSum(actual: number, expected: number, magnitude: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, magnitude));
}

function absSum(a: ArrayLike<number>): number {
  let t = 0;
  for (let i = 0; i < a.length; i++) t += Math.abs(a[i]);
  return t;
}

describe('sortDescending (load duration curve)', () => {
  it('equals Array.prototype.sort, bit for bit', () => {
    fc.assert(
      fc.property(anySeries, (v) => same(stats.loadDurationCurve(v), referenceSortDescending(v))),
      RUNS,
    );
  });

  it('n = 0, 1, 2, 3, all equal, ±0', () => {
    for (const v of [[], [5], [-1, 2], [2, -1, 2], [7, 7, 7, 7, 7], [0, -0, 0, -0], [-0, -1, 0, 1]]) {
      same(stats.loadDurationCurve(Float64Array.from(v)), referenceSortDescending(v));
    }
    same(stats.loadDurationCurve(Float64Array.of(0, -0, 3, -2)), [3, 0, -0, -2]);
  });

  it('a year of quarter-hours and ten years of hours', () => {
    for (const n of [35_040, 87_600]) {
      const v = Float64Array.from(
        { length: n },
        (_, i) => Math.round((Math.sin(i / 37) * 400 + Math.cos(i * 1.7) * 90) * 1000) / 1000,
      );
      same(stats.loadDurationCurve(v), Float64Array.from(v).sort().reverse());
    }
  });

  it('leaves the input unchanged; a second instance has its own memory', async () => {
    const v = Float64Array.of(3, 1, 2);
    stats.loadDurationCurve(v);
    same(v, [3, 1, 2]);
    const other = await loadKernelsForTest();
    expect(other.memory).not.toBe(kernels.memory);
  });
});

describe('monthHourMatrix', () => {
  const caseArb = boundedSeries.chain((v) =>
    fc.record({
      values: fc.constant(v),
      month: fc.uint8Array({ min: 0, max: 11, minLength: v.length, maxLength: v.length }),
      hour: fc.uint8Array({ min: 0, max: 23, minLength: v.length, maxLength: v.length }),
    }),
  );

  it('counts exactly, sums within 1e-9', () => {
    fc.assert(
      fc.property(caseArb, ({ values, month, hour }) => {
        const got = stats.monthHour(values, month, hour);
        const want = referenceMonthHour(values, month, hour);
        same(got.counts, want.counts);
        const magnitude = referenceMonthHour(values.map(Math.abs), month, hour).sums;
        for (let c = 0; c < 288; c++) {
          closeSum(got.sums[c], want.sums[c], magnitude[c]);
          if (want.counts[c] === 0) expect(got.means[c]).toBeNaN();
          else expect(got.means[c]).toBe(got.sums[c] / got.counts[c]);
        }
      }),
      RUNS,
    );
  });

  it('rejects indices out of range and lengths that differ', () => {
    const v = Float64Array.of(1, 2);
    expect(() => stats.monthHour(v, Uint8Array.of(0, 12), Uint8Array.of(0, 0))).toThrow();
    expect(() => stats.monthHour(v, Uint8Array.of(0, 0), Uint8Array.of(24, 0))).toThrow();
    expect(() => stats.monthHour(v, Uint8Array.of(0), Uint8Array.of(0))).toThrow();
  });
});

describe('histogram', () => {
  const caseArb = fc.record({
    values: boundedSeries,
    lo: fc.oneof(fc.double({ min: -1000, max: 1000, noNaN: true }), fc.integer({ min: -5, max: 5 })),
    width: fc.oneof(
      fc.constant(0),
      fc.constant(-1),
      fc.double({ min: 1e-3, max: 2e6, noNaN: true }),
      fc.integer({ min: 1, max: 10 }),
    ),
    bins: fc.integer({ min: 1, max: 64 }),
  });

  it('equals the reference exactly, values outside clamped', () => {
    fc.assert(
      fc.property(caseArb, ({ values, lo, width, bins }) => {
        const got = stats.histogram(values, lo, lo + width, bins);
        same(got, referenceHistogram(values, lo, lo + width, bins));
        expect(got.reduce((a, b) => a + b, 0)).toBe(values.length);
      }),
      RUNS,
    );
  });

  it('puts hi in the last bin and lo in the first', () => {
    same(stats.histogram(Float64Array.of(0, 10, 5, -3, 13), 0, 10, 2), [2, 3]);
  });
});

describe('minMaxSum', () => {
  it('min and max exact, sum within 1e-9', () => {
    fc.assert(
      fc.property(boundedSeries, (v) => {
        const s = stats.summary(v);
        const [min, max, sum] = referenceMinMaxSum(v);
        if (v.length === 0) {
          expect(s.min).toBeNaN();
          expect(s.max).toBeNaN();
          expect(s.sum).toBe(0);
          return;
        }
        expect(Object.is(s.min, min), `min ${s.min} vs ${min}`).toBe(true);
        expect(Object.is(s.max, max), `max ${s.max} vs ${max}`).toBe(true);
        closeSum(s.sum, sum, absSum(v));
        // Numeric equality: the first zero stands for a minimum of −0 too.
        expect(v[s.minIndex] === min && v.indexOf(min) === s.minIndex).toBe(true);
        expect(v[s.maxIndex] === max && v.indexOf(max) === s.maxIndex).toBe(true);
        expect(s.peak).toBe(Math.max(Math.abs(min), Math.abs(max)));
        expect(Math.abs(v[s.peakIndex])).toBe(s.peak);
      }),
      RUNS,
    );
  });

  it('straight from the kernel, n = 0 … 3', () => {
    for (const v of [[], [-2], [3, -4], [0, -0, 1]]) {
      const base = kernels.reserve(64);
      new Float64Array(kernels.memory.buffer, base, v.length).set(v);
      kernels.minMaxSum(base, v.length, base + 32);
      same(new Float64Array(kernels.memory.buffer, base + 32, 3), referenceMinMaxSum(v));
    }
  });
});

describe('percentiles', () => {
  it('match numpy.percentile (linear)', () => {
    // np.percentile([...], [...]) with numpy 2.4.
    const desc = (a: number[]) => Float64Array.from(a).sort().reverse();
    expect(percentilesFromSorted(desc([1, 2, 3, 4]), [0, 25, 50, 75, 100])).toEqual([1, 1.75, 2.5, 3.25, 4]);
    expect(percentilesFromSorted(desc([10, 7, 4, 3, 2, 1]), [50, 95, 99])).toEqual([3.5, 9.25, 9.850000000000001]);
    expect(percentilesFromSorted(desc([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), [95, 99])).toEqual([8.549999999999999, 8.91]);
    expect(percentilesFromSorted(desc([-5.5]), [50, 99])).toEqual([-5.5, -5.5]);
    expect(percentilesFromSorted([], [50])).toEqual([NaN]);
    const randomCases: number[][] = [
      [69.204, 302.265, -436.893, -382.081, 260.962, -27.755, -120.385, -290.045, -12.143],
      [-27.755, 285.74379999999996, 298.96076, -382.957992],
      [
        -67.233, 262.28, -497.894, -54.613, 221.54, -271.238, 445.271, 401.427, -469.41, -474.554, 41.412, 439.149, -118.796,
        -283.401, -77.883, -470.959, -278.308, -62.112, -4.188, -266.916, -269.133, -281.219, -40.397, -210.218, -478.51,
      ],
      [-118.796, 431.6045999999999, 443.80172, -471.13156],
      [
        422.189, -400.0, 129.353, 223.639, -203.61, 243.147, 395.575, 473.252, 0.8, 467.21, 7.717, 410.185, -310.15, -215.841,
        473.451, -0.638, 440.913, -106.646, 353.288, -19.773, 243.731, -95.712, 164.744, -132.876, 382.732, 275.838, 238.215,
        -413.532, 163.758, -392.069, -336.302, 339.952, -129.477, 232.766, -30.68, -191.471,
      ],
      [146.5555, 468.7205, 473.38135, -281.3857549999999],
    ];
    for (let c = 0; c < randomCases.length; c += 2) {
      expect(percentilesFromSorted(desc(randomCases[c]), [50, 95, 99, 12.3])).toEqual(randomCases[c + 1]);
    }
  });

  it('are monotone, from min to max', () => {
    fc.assert(
      fc.property(boundedSeries, fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { maxLength: 8 }), (v, ps) => {
        fc.pre(v.length > 0);
        const sorted = stats.loadDurationCurve(v);
        const sortedPs = [0, ...ps.sort((a, b) => a - b), 100];
        const q = percentilesFromSorted(sorted, sortedPs);
        // == rather than Object.is: −0 + 0·diff is +0, in numpy too.
        expect(q[0] === sorted[sorted.length - 1]).toBe(true);
        expect(q[q.length - 1] === sorted[0]).toBe(true);
        for (let i = 1; i < q.length; i++) expect(q[i]).toBeGreaterThanOrEqual(q[i - 1]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('downsampleM4', () => {
  const caseArb = boundedSeries.chain((v) =>
    fc.record({ values: fc.constant(v), buckets: fc.integer({ min: 1, max: v.length + 5 }) }),
  );

  it('equals the reference exactly; extremes kept, buckets bounded as specified', () => {
    fc.assert(
      fc.property(caseArb, ({ values, buckets }) => {
        const n = values.length;
        const raw = stats.m4Buckets(values, buckets);
        same(raw, referenceM4(values, buckets));
        let max = -Infinity;
        let min = Infinity;
        for (let b = 0; b < buckets; b++) {
          const o = b * 8;
          const start = Math.floor((b * n) / buckets);
          const end = Math.floor(((b + 1) * n) / buckets);
          if (start === end) {
            expect(raw[o]).toBeNaN();
            continue;
          }
          expect(raw[o]).toBe(start);
          expect(raw[o + 6]).toBe(end - 1);
          for (const k of [0, 2, 4, 6]) expect(Object.is(raw[o + k + 1], values[raw[o + k]])).toBe(true);
          max = Math.max(max, raw[o + 5]);
          min = Math.min(min, raw[o + 3]);
        }
        const [smin, smax] = referenceMinMaxSum(values);
        if (n > 0) {
          // === on purpose: where +0 and −0 tie for the extreme, either is the extreme.
          expect(max === smax, `max ${max} vs ${smax}`).toBe(true);
          expect(min === smin, `min ${min} vs ${smin}`).toBe(true);
        }
        // The chart points: in index order, no repeats, max and min included.
        const pts = stats.m4(values, buckets);
        for (let i = 1; i < pts.index.length; i++) expect(pts.index[i]).toBeGreaterThan(pts.index[i - 1]);
        expect(pts.index.length).toBeLessThanOrEqual(Math.min(n, 4 * buckets));
        if (n > 0) {
          expect(Math.max(...pts.value) === smax).toBe(true);
          expect(Math.min(...pts.value) === smin).toBe(true);
          expect(pts.index[0]).toBe(0);
          expect(pts.index[pts.index.length - 1]).toBe(n - 1);
        }
      }),
      RUNS,
    );
  });

  it('a year of quarter-hours on 1,000 pixels keeps every extreme', () => {
    const n = 35_040;
    const v = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 11) * 100 + (i % 997 === 0 ? 1000 : 0));
    same(stats.m4Buckets(v, 1000), referenceM4(v, 1000));
  });
});

describe('localMonthHour (Europe/Warsaw)', () => {
  it('spring 2025: no 2:00 on 30 March', () => {
    // From local midnight (CET, 23:00 UTC the day before), hourly for the day of 23 hours.
    const { month, hour } = localMonthHour(Date.UTC(2025, 2, 29, 23), 60, 24);
    expect([...hour]).toEqual([0, 1, ...Array.from({ length: 21 }, (_, i) => i + 3), 0]);
    expect([...month]).toEqual(Array<number>(24).fill(2));
    // Quarter-hours: 01:45 CET is followed by 03:00 CEST.
    const q = localMonthHour(Date.UTC(2025, 2, 30, 0, 30), 15, 4);
    expect([...q.hour]).toEqual([1, 1, 3, 3]);
  });

  it('autumn 2025: 2:00 twice on 26 October', () => {
    // Local midnight is 22:00 UTC the day before (CEST); the day has 25 hours.
    const { month, hour } = localMonthHour(Date.UTC(2025, 9, 25, 22), 60, 26);
    expect([...hour]).toEqual([0, 1, 2, 2, ...Array.from({ length: 21 }, (_, i) => i + 3), 0]);
    expect(month.every((m) => m === 9)).toBe(true);
    expect(hour.filter((h) => h === 2).length).toBe(2);
  });

  it('month changes at local midnight: 31 Dec 2024 23:00 UTC is January', () => {
    const { month, hour } = localMonthHour(Date.UTC(2024, 11, 31, 22), 60, 3);
    expect([...month]).toEqual([11, 0, 0]);
    expect([...hour]).toEqual([23, 0, 1]);
    expect(localMonthHour(Date.UTC(2025, 2, 31, 21, 45), 15, 2).month).toEqual(Uint8Array.of(2, 3));
  });

  it('agrees with Intl (the ICU time-zone database) on random grids', () => {
    const fmt = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Warsaw',
      month: 'numeric',
      hour: 'numeric',
      hourCycle: 'h23',
    });
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2015, 0, 1) / 900_000, max: Date.UTC(2035, 0, 1) / 900_000 }),
        fc.constantFrom(15, 30, 60),
        (q, step) => {
          const start = q * 900_000;
          const n = 200;
          const { month, hour } = localMonthHour(start, step, n);
          for (let i = 0; i < n; i++) {
            const parts = fmt.formatToParts(start + i * step * 60_000);
            expect(month[i]).toBe(Number(parts.find((p) => p.type === 'month')!.value) - 1);
            expect(hour[i]).toBe(Number(parts.find((p) => p.type === 'hour')!.value));
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('a DST year has 8,760 hours with hour 2 once short in March and once extra in October', () => {
    const { month, hour } = localMonthHour(Date.UTC(2024, 11, 31, 23), 60, 8760);
    const cells = referenceMonthHour(new Float64Array(8760), month, hour).counts;
    expect(cells[2 * 24 + 2]).toBe(30);
    expect(cells[9 * 24 + 2]).toBe(32);
    expect(cells[0 * 24 + 0]).toBe(31);
  });
});
