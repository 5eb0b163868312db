/** Data quality per meter: coverage, gaps, duplicates, DST anomalies, negatives, outliers. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MeterSeries } from '../../../src/ingest/cluster-data';
import { parseFile, type ParsedReadings } from '../../../src/ingest/index';
import { dstAnomalies, meterQuality, metersQuality, outlierThreshold } from '../../../src/ingest/quality';
import { readingsFixture, utf8 } from './fixtures';

const H = 3_600_000;
const T0 = Date.UTC(2025, 0, 1, 0);

function meter(values: number[], stepMinutes = 60, startUtcMs = T0, exp?: number[]): MeterSeries {
  return {
    id: 'M',
    stepMinutes,
    startUtcMs,
    import: Float64Array.from(values),
    export: Float64Array.from(exp ?? values.map((v) => (Number.isNaN(v) ? NaN : 0))),
  };
}

/** A daily pattern with no two equal neighbouring hours, never zero. */
const load = (i: number) => 1 + ((i * 7) % 24) / 10 + (i % 5) / 100;

describe('coverage and gaps', () => {
  it('counts, measures and lists the gaps', () => {
    const v = Array.from({ length: 48 }, (_, i) => load(i));
    for (const i of [5, 6, 20, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39]) v[i] = NaN;
    const q = meterQuality(meter(v));
    expect(q.intervals).toBe(48);
    expect(q.measured).toBe(35);
    expect(q.coverage).toBeCloseTo(35 / 48, 15);
    expect(q.gaps.count).toBe(3);
    expect(q.gaps.longestIntervals).toBe(10);
    expect(q.gaps.longest).toEqual({ startUtcMs: T0 + 30 * H, endUtcMs: T0 + 40 * H });
    expect(q.gaps.list).toEqual([
      { startUtcMs: T0 + 5 * H, endUtcMs: T0 + 7 * H, intervals: 2 },
      { startUtcMs: T0 + 20 * H, endUtcMs: T0 + 21 * H, intervals: 1 },
      { startUtcMs: T0 + 30 * H, endUtcMs: T0 + 40 * H, intervals: 10 },
    ]);
  });

  it('an interval with only one register missing counts as missing', () => {
    const q = meterQuality(meter([1, 2, 3], 60, T0, [0, NaN, 0]));
    expect(q.measured).toBe(2);
    expect(q.gaps.list).toEqual([{ startUtcMs: T0 + H, endUtcMs: T0 + 2 * H, intervals: 1 }]);
  });

  it('lists at most maxListed gaps but counts them all', () => {
    const v = Array.from({ length: 100 }, (_, i) => (i % 2 ? NaN : 1));
    const q = meterQuality(meter(v), { maxListed: 3 });
    expect(q.gaps.count).toBe(50);
    expect(q.gaps.list).toHaveLength(3);
    expect(q.gaps.longest).toEqual({ startUtcMs: T0 + H, endUtcMs: T0 + 2 * H });
  });

  it('a period longer than the series counts its missing edges', () => {
    const q = meterQuality(meter([1, 2, 3, 4], 60, T0 + 2 * H), { period: { startUtcMs: T0, endUtcMs: T0 + 10 * H } });
    expect(q.intervals).toBe(10);
    expect(q.startUtcMs).toBe(T0);
    expect(q.coverage).toBeCloseTo(0.4, 15);
    expect(q.gaps.list).toEqual([
      { startUtcMs: T0, endUtcMs: T0 + 2 * H, intervals: 2 },
      { startUtcMs: T0 + 6 * H, endUtcMs: T0 + 10 * H, intervals: 4 },
    ]);
    expect(q.gaps.longestIntervals).toBe(4);
  });

  it('no gaps, an empty series', () => {
    const q = meterQuality(meter([1, 2, 3]));
    expect(q.gaps).toEqual({ count: 0, longestIntervals: 0, longest: null, list: [] });
    expect(q.coverage).toBe(1);
    expect(meterQuality(meter([])).coverage).toBe(1);
  });

  it('coverage and gap lengths add up (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(NaN), fc.double({ min: 0, max: 100, noNaN: true })), { maxLength: 300 }),
        (values) => {
          const q = meterQuality(meter(values), { maxListed: 1000 });
          const missing = values.filter((v) => Number.isNaN(v)).length;
          expect(q.measured).toBe(values.length - missing);
          expect(q.gaps.list.reduce((s, g) => s + g.intervals, 0)).toBe(missing);
          expect(q.gaps.count).toBe(q.gaps.list.length);
          expect(q.coverage).toBeGreaterThanOrEqual(0);
          expect(q.coverage).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('what the parser reported', () => {
  it('duplicates and negative values from the warnings of a parsed file, counter resets when given', () => {
    const text = [
      'Data;Strefa;Wartość kWh;Rodzaj;',
      '2025-05-01 1:00;T2;1,000;pobór;',
      '2025-05-01 1:00;T2;0,000;oddanie;',
      '2025-05-01 2:00;T2;2,000;pobór;',
      '2025-05-01 2:00;T2;-0,500;oddanie;',
      '2025-05-01 2:00;T2;2,500;pobór;',
      '2025-05-01 4:00;T2;4,000;pobór;',
      '2025-05-01 4:00;T2;0,000;oddanie;',
    ].join('\n');
    const p = parseFile('PL0037910000001001.csv', utf8(text)) as ParsedReadings;
    const q = meterQuality(p.meters[0]!, { warnings: p.warnings, counterResets: 2 });
    expect(q.duplicates).toBe(1);
    expect(q.negativeValues).toBe(1);
    expect(q.counterResets).toBe(2);
    expect(q.gaps.count).toBe(1);
    expect(q.gaps.list[0]).toMatchObject({ intervals: 1, startUtcMs: Date.UTC(2025, 4, 1, 0) });
    // Without warnings only the series speaks; counter resets unknown.
    const bare = meterQuality(meter([1, -2, 3, -0.5]));
    expect(bare).toMatchObject({ duplicates: 0, negativeValues: 2, counterResets: null });
  });
});

describe('outliers', () => {
  it('a spike far above the median + k·MAD of the non-zero values', () => {
    const v = Array.from({ length: 500 }, (_, i) => (i % 3 === 0 ? 0 : 1 + (i % 7) / 10));
    v[123] = 40;
    v[400] = 3; // above the median but within 10 sigmas
    const q = meterQuality(meter(v));
    expect(q.outliers.count).toBe(1);
    expect(q.outliers.list).toEqual([{ register: 'import', index: 123, startUtcMs: T0 + 123 * H, value: 40 }]);
    expect(q.outliers.threshold.import).toBeCloseTo(1.3 + 10 * 1.4826 * 0.2, 9);
    expect(q.outliers.threshold.export).toBe(Infinity); // export all zero
    // k is an option.
    expect(meterQuality(meter(v), { outlierK: 3 }).outliers.count).toBe(2);
  });

  it('a spike among constant values (MAD 0) is still found; constant values give none', () => {
    const v = Array.from({ length: 200 }, () => 2);
    expect(meterQuality(meter(v)).outliers.count).toBe(0);
    v[50] = 500;
    const q = meterQuality(meter(v));
    expect(q.outliers.list.map((o) => o.index)).toEqual([50]);
  });

  it('too few non-zero values give no threshold', () => {
    expect(meterQuality(meter([1, 1, 1, 100, 0, 0])).outliers).toMatchObject({ count: 0, threshold: { import: Infinity } });
  });

  it('the threshold is median + k · 1.4826 · MAD, exactly', () => {
    // Values 1…99: median 50, MAD 25.
    const values = Float64Array.from({ length: 99 }, (_, i) => i + 1);
    expect(outlierThreshold(values, 0, 99, 10)).toBeCloseTo(50 + 10 * 1.4826 * 25, 9);
    // Order does not matter; zeros and NaN are left out.
    const shuffled = Float64Array.from([...values].reverse().flatMap((v) => [v, 0, NaN]));
    expect(outlierThreshold(shuffled, 0, shuffled.length, 10)).toBeCloseTo(50 + 10 * 1.4826 * 25, 9);
    // An even count: the median of 1…100 is 50.5, MAD 25.
    const even = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    expect(outlierThreshold(even, 0, 100, 0)).toBe(50.5);
  });

  it('the median by selection equals the median by sorting (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.001, max: 1e6, noNaN: true }), { minLength: 24, maxLength: 400 }), (a) => {
        const sorted = [...a].sort((x, y) => x - y);
        const n = sorted.length;
        const median = n % 2 ? sorted[n >> 1]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
        expect(outlierThreshold(Float64Array.from(a), 0, n, 0)).toBe(median);
      }),
      { numRuns: 200 },
    );
  });
});

describe('DST anomalies', () => {
  // Hourly series around the changes of 2025: 30 March and 26 October, 01:00 UTC.
  const SPRING = Date.UTC(2025, 2, 30, 1);
  const AUTUMN = Date.UTC(2025, 9, 26, 1);
  const around = (change: number, stepMinutes = 60) => {
    const start = change - 48 * H;
    const n = (96 * H) / (stepMinutes * 60_000);
    return meter(
      Array.from({ length: n }, (_, i) => load(i)),
      stepMinutes,
      start,
    );
  };
  const at = (s: MeterSeries, utc: number) => (utc - s.startUtcMs) / (s.stepMinutes * 60_000);

  it('none in clean data', () => {
    expect(dstAnomalies(around(SPRING))).toEqual([]);
    expect(dstAnomalies(around(AUTUMN))).toEqual([]);
    expect(dstAnomalies(around(AUTUMN, 15))).toEqual([]);
  });

  it('a missing hour at the autumn change (the repeated hour listed once)', () => {
    const s = around(AUTUMN);
    s.import[at(s, AUTUMN)] = NaN;
    s.export[at(s, AUTUMN)] = NaN;
    expect(dstAnomalies(s)).toEqual([
      { kind: 'missing-hour', change: 'autumn', changeUtcMs: AUTUMN, startUtcMs: AUTUMN, endUtcMs: AUTUMN + H },
    ]);
    expect(meterQuality(s).dstAnomalies).toHaveLength(1);
  });

  it('a missing hour of quarter-hours before the spring change', () => {
    const s = around(SPRING, 15);
    for (let q = 0; q < 4; q++) s.import[at(s, SPRING - H) + q] = NaN;
    expect(dstAnomalies(s)).toEqual([
      { kind: 'missing-hour', change: 'spring', changeUtcMs: SPRING, startUtcMs: SPRING - H, endUtcMs: SPRING },
    ]);
  });

  it('a long gap over the change is a gap, not a DST anomaly', () => {
    const s = around(AUTUMN);
    for (let i = at(s, AUTUMN) - 5; i < at(s, AUTUMN) + 5; i++) s.import[i] = NaN;
    expect(dstAnomalies(s)).toEqual([]);
  });

  it('a doubled hour: both hours of the autumn change hold the same values', () => {
    const s = around(AUTUMN);
    s.import[at(s, AUTUMN)] = s.import[at(s, AUTUMN) - 1]!;
    expect(dstAnomalies(s)).toEqual([
      { kind: 'doubled-hour', change: 'autumn', changeUtcMs: AUTUMN, startUtcMs: AUTUMN - H, endUtcMs: AUTUMN + H },
    ]);
    // A meter whose every hour is the same is not suspicious.
    const flat = meter(
      Array.from({ length: 96 }, () => 1),
      60,
      AUTUMN - 48 * H,
    );
    expect(dstAnomalies(flat)).toEqual([]);
  });

  it('a zero hour at the spring change between busy hours', () => {
    const s = around(SPRING, 15);
    for (let q = 0; q < 4; q++) s.import[at(s, SPRING) + q] = 0;
    expect(dstAnomalies(s)).toEqual([
      { kind: 'zero-hour', change: 'spring', changeUtcMs: SPRING, startUtcMs: SPRING, endUtcMs: SPRING + H },
    ]);
  });

  it('changes near the edges of the series are not judged', () => {
    // Two hours before the change but only one after it.
    expect(dstAnomalies(meter([1, 2, NaN], 60, AUTUMN - 2 * H))).toEqual([]);
    expect(dstAnomalies(meter([1, 2, NaN, 4], 60, AUTUMN - 2 * H))).toHaveLength(1);
  });
});

describe('on the format fixtures and at scale', () => {
  it('clean fixtures: full coverage, no gaps, no DST anomalies, no outliers', () => {
    for (const name of ['tauron-elicznik-PL0037910000001001.csv', 'osd-daily-wide-cp1250.csv']) {
      const p = readingsFixture(name);
      const reports = metersQuality(p.meters);
      for (const q of reports) {
        expect(q, `${name} ${q.id}`).toMatchObject({ coverage: 1, duplicates: 0, negativeValues: 0, dstAnomalies: [] });
        expect(q.gaps.count).toBe(0);
        expect(q.outliers.count).toBe(0);
      }
      // Both DST changes of 2025 lie inside these files.
      expect(reports[0]!.intervals).toBe(8760);
    }
  });

  it('a year of quarter-hours for 200 meters takes milliseconds per meter', () => {
    const n = 35_040;
    const meters: MeterSeries[] = [];
    let seed = 1;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let m = 0; m < 200; m++) {
      const imp = new Float64Array(n);
      const exp = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        imp[i] = i % 997 === 5 ? NaN : rnd() * 3;
        exp[i] = i % 96 > 40 && i % 96 < 60 ? rnd() : 0;
      }
      meters.push({ id: `M${m}`, stepMinutes: 15, startUtcMs: Date.UTC(2024, 11, 31, 23), import: imp, export: exp });
    }
    // Speed is measured by `npm run bench`, not asserted here (timed unit tests flake on a shared
    // machine); this checks the many-meter path gives per-meter answers.
    const reports = metersQuality(meters);
    expect(reports).toHaveLength(meters.length);
    expect(reports[7]!.gaps.count).toBe(36);
  });
});
