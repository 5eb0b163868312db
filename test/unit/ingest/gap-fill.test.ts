/** Gap filling: zero, linear and profile fills, counter totals, and the invariants as properties. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SATURDAY, SUNDAY, WORKDAY, dayTypeOf, fillGaps, localHourBins, type GapFillMethod } from '../../../src/ingest/gap-fill';
import { daysFromCivil, warsawOffsetMinutes } from '../../../src/ingest/time';
import { easterSunday, isPolishHoliday } from '../../../src/models/holidays';

const H = 3_600_000;
const Q = 900_000;
const DAY = 86_400_000;
const days = (y: number, m: number, d: number) => daysFromCivil(y, m, d);

/** Local (Europe/Warsaw) hour and day type of an instant. */
function local(utc: number): { hour: number; type: number } {
  const t = utc + warsawOffsetMinutes(utc) * 60_000;
  const day = Math.floor(t / DAY);
  return { hour: Math.floor((t - day * DAY) / H), type: dayTypeOf(day) };
}

/** A load that depends only on the local hour and the day type. */
const shape = (hour: number, type: number) =>
  (type === WORKDAY ? 2 + Math.sin(hour / 3) : type === SATURDAY ? 1.5 : 1) + hour / 100;

function series(n: number, stepMinutes: number, start: number, f: (utc: number) => number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => f(start + i * stepMinutes * 60_000));
}

describe('fillGaps by method', () => {
  it('zero', () => {
    const r = fillGaps(Float64Array.of(1, NaN, NaN, 4), 60, 0, 'zero');
    expect(Array.from(r.values)).toEqual([1, 0, 0, 4]);
    expect(Array.from(r.filled)).toEqual([0, 1, 1, 0]);
  });

  it('linear between neighbours, nearest value at the edges, 0 when nothing is measured', () => {
    expect(Array.from(fillGaps(Float64Array.of(1, NaN, NaN, 4), 60, 0, 'linear').values)).toEqual([1, 2, 3, 4]);
    expect(Array.from(fillGaps(Float64Array.of(NaN, NaN, 2, NaN, 6, NaN), 60, 0, 'linear').values)).toEqual([2, 2, 2, 4, 6, 6]);
    expect(Array.from(fillGaps(Float64Array.of(NaN, NaN), 15, 0, 'linear').values)).toEqual([0, 0]);
    const none = fillGaps(Float64Array.of(1, 2), 60, 0, 'linear');
    expect(Array.from(none.values)).toEqual([1, 2]);
    expect(Array.from(none.filled)).toEqual([0, 0]);
  });

  it('the input array is not modified', () => {
    const input = Float64Array.of(1, NaN, 3);
    fillGaps(input, 60, 0, 'profile');
    expect(Number.isNaN(input[1])).toBe(true);
  });

  it('profile: the mean of the same local hour and day type', () => {
    // Four weeks of hourly data from Monday 2025-02-03 (no holiday, no DST change).
    const start = Date.UTC(2025, 1, 2, 23);
    const n = 28 * 24;
    const f = (utc: number) => {
      const { hour, type } = local(utc);
      return shape(hour, type);
    };
    const truth = series(n, 60, start, f);
    const values = truth.slice();
    // A whole working day, a Saturday afternoon and a Sunday morning go missing.
    for (let i = 24; i < 48; i++) values[i] = NaN;
    for (let i = 5 * 24 + 12; i < 5 * 24 + 18; i++) values[i] = NaN;
    for (let i = 13 * 24; i < 13 * 24 + 6; i++) values[i] = NaN;
    const r = fillGaps(values, 60, start, 'profile');
    for (let i = 0; i < n; i++) expect(r.values[i]).toBeCloseTo(truth[i]!, 12);
    expect(r.filled.reduce((a, b) => a + b, 0)).toBe(36);
  });

  it('profile follows local time across the DST change (15-minute data)', () => {
    // 2025-03-17 … 2025-04-06 (Mondays to Sundays), the change on Sunday 30 March.
    const start = Date.UTC(2025, 2, 16, 23);
    const n = 21 * 96 - 4;
    const f = (utc: number) => {
      const { hour, type } = local(utc);
      return shape(hour, type) / 4;
    };
    const truth = series(n, 15, start, f);
    const values = truth.slice();
    // The Monday after the change (local 2025-03-31) is missing: its hours are CEST hours.
    const monday = Date.UTC(2025, 2, 30, 22);
    const from = (monday - start) / Q;
    for (let i = from; i < from + 96; i++) values[i] = NaN;
    const r = fillGaps(values, 15, start, 'profile');
    for (let i = from; i < from + 96; i++) expect(r.values[i]).toBeCloseTo(truth[i]!, 12);
  });

  it('profile treats public holidays as Sundays', () => {
    // 2025-01-06 (Epiphany) is a Monday: its missing day takes the Sunday profile.
    const start = Date.UTC(2024, 11, 31, 23);
    const n = 21 * 24;
    const f = (utc: number) => {
      const { hour, type } = local(utc);
      return shape(hour, type);
    };
    const values = series(n, 60, start, f);
    const epiphany = (Date.UTC(2025, 0, 5, 23) - start) / H;
    for (let i = epiphany; i < epiphany + 24; i++) values[i] = NaN;
    const r = fillGaps(values, 60, start, 'profile');
    for (let h = 0; h < 24; h++) expect(r.values[epiphany + h]).toBeCloseTo(shape(h, SUNDAY), 12);
  });

  it('profile falls back to the same hour on any day, then to the mean', () => {
    // Only working days measured: a Saturday gap takes the working-day means of its hours.
    const start = Date.UTC(2025, 1, 2, 23); // Monday 2025-02-03 local
    const values = new Float64Array(6 * 24).fill(NaN);
    for (let i = 0; i < 5 * 24; i++) values[i] = (i % 24) + 1;
    const r = fillGaps(values, 60, start, 'profile');
    for (let h = 0; h < 24; h++) expect(r.values[5 * 24 + h]).toBe(h + 1);
    // Nothing measured at all: zeros.
    expect(Array.from(fillGaps(Float64Array.of(NaN, NaN, NaN), 60, start, 'profile').values)).toEqual([0, 0, 0]);
  });

  it('a counter span keeps its total', () => {
    const start = Date.UTC(2025, 1, 3, 0);
    const values = Float64Array.of(1, 1, NaN, NaN, NaN, 1, 1, NaN);
    const span = { startUtcMs: start, endUtcMs: start + 7 * H, totalKwh: 10 };
    for (const method of ['linear', 'profile'] as const) {
      const r = fillGaps(values, 60, start, method, { counterSpans: [span] });
      const inSpan = Array.from(r.values.subarray(0, 7));
      expect(inSpan.reduce((a, b) => a + b, 0)).toBeCloseTo(10, 12);
      expect(r.values[2]! + r.values[3]! + r.values[4]!).toBeCloseTo(6, 12);
      // Outside the span the method's own value.
      expect(r.values[7]).toBe(1);
    }
    // The measured values already exceed the total: the gap gets 0, measured values stay.
    const over = fillGaps(values, 60, start, 'linear', { counterSpans: [{ ...span, totalKwh: 3 }] });
    expect(Array.from(over.values.subarray(0, 7))).toEqual([1, 1, 0, 0, 0, 1, 1]);
    // A zero fill (all-zero neighbours) is spread evenly.
    const flat = fillGaps(Float64Array.of(0, NaN, NaN, 0), 60, start, 'linear', {
      counterSpans: [{ startUtcMs: start, endUtcMs: start + 4 * H, totalKwh: 4 }],
    });
    expect(Array.from(flat.values)).toEqual([0, 2, 2, 0]);
    // Zero fill is never scaled.
    expect(Array.from(fillGaps(values, 60, start, 'zero', { counterSpans: [span] }).values.subarray(2, 5))).toEqual([0, 0, 0]);
  });

  it('fills a year of quarter-hours by every method without stalling', () => {
    const start = Date.UTC(2024, 11, 31, 23);
    const values = series(35_040, 15, start, (utc) => 1 + ((utc / Q) % 96) / 96);
    for (let i = 0; i < values.length; i += 7) values[i] = NaN;
    for (const method of ['zero', 'linear', 'profile'] as const) {
      const t0 = performance.now();
      fillGaps(values, 15, start, method);
      // A guard against a quadratic fill, not a speed target (milliseconds are typical).
      expect(performance.now() - t0).toBeLessThan(5000);
    }
  });
});

describe('calendar of the profile', () => {
  it('Easter and the Polish public holidays', () => {
    expect(easterSunday(2024)).toBe(days(2024, 3, 31));
    expect(easterSunday(2025)).toBe(days(2025, 4, 20));
    expect(easterSunday(2026)).toBe(days(2026, 4, 5));
    expect(isPolishHoliday(days(2025, 4, 21))).toBe(true); // Easter Monday
    expect(isPolishHoliday(days(2025, 6, 19))).toBe(true); // Corpus Christi
    expect(isPolishHoliday(days(2025, 6, 8))).toBe(true); // Pentecost
    expect(isPolishHoliday(days(2025, 11, 11))).toBe(true);
    expect(isPolishHoliday(days(2025, 12, 24))).toBe(true);
    expect(isPolishHoliday(days(2024, 12, 24))).toBe(false);
    expect(isPolishHoliday(days(2025, 11, 12))).toBe(false);
    expect(dayTypeOf(days(2025, 5, 3))).toBe(SUNDAY); // a Saturday holiday
    expect(dayTypeOf(days(2025, 5, 10))).toBe(SATURDAY);
    expect(dayTypeOf(days(2025, 5, 12))).toBe(WORKDAY);
  });

  it('local hour bins match warsawOffsetMinutes interval by interval across both changes', () => {
    const start = Date.UTC(2025, 0, 1, 0);
    const n = 366 * 24;
    const bins = localHourBins(n, 60, start);
    for (let i = 0; i < n; i++) {
      const { hour, type } = local(start + i * H);
      if (bins[i] !== type * 24 + hour) expect({ i, bin: bins[i] }).toEqual({ i, bin: type * 24 + hour });
    }
  });
});

describe('fillGaps properties', () => {
  const valueArb = fc.oneof(
    { weight: 1, arbitrary: fc.constant(NaN) },
    { weight: 3, arbitrary: fc.double({ min: 0, max: 1e6, noNaN: true }) },
  );
  const stepArb = fc.constantFrom(15, 60);
  // Interval starts from 2023 to 2027, on the step's grid.
  const startArb = (step: number) =>
    fc
      .integer({ min: Date.UTC(2023, 0, 1) / (step * 60_000), max: Date.UTC(2027, 0, 1) / (step * 60_000) })
      .map((k) => k * step * 60_000);
  const methodArb = fc.constantFrom<GapFillMethod>('zero', 'linear', 'profile');
  const caseArb = stepArb.chain((step) =>
    fc.record({
      step: fc.constant(step),
      start: startArb(step),
      values: fc.array(valueArb, { maxLength: 400 }).map((a) => Float64Array.from(a)),
      method: methodArb,
      span: fc.option(fc.record({ from: fc.nat(400), length: fc.nat(400), total: fc.double({ min: 0, max: 1e7, noNaN: true }) })),
    }),
  );

  it('fills every NaN with a finite non-negative value, marks exactly those, keeps measured values', () => {
    fc.assert(
      fc.property(caseArb, ({ step, start, values, method, span }) => {
        const stepMs = step * 60_000;
        const counterSpans = span
          ? [
              {
                startUtcMs: start + span.from * stepMs,
                endUtcMs: start + (span.from + span.length) * stepMs,
                totalKwh: span.total,
              },
            ]
          : undefined;
        const r = fillGaps(values, step, start, method, { counterSpans });
        expect(r.values.length).toBe(values.length);
        for (let i = 0; i < values.length; i++) {
          const v = values[i]!;
          if (Number.isNaN(v)) {
            expect(r.filled[i]).toBe(1);
            expect(Number.isFinite(r.values[i]) && r.values[i]! >= 0).toBe(true);
          } else {
            expect(r.filled[i]).toBe(0);
            expect(Object.is(r.values[i], v)).toBe(true);
          }
        }
        if (counterSpans && method !== 'zero') {
          const from = Math.min(span!.from, values.length);
          const to = Math.min(span!.from + span!.length, values.length);
          let measured = 0;
          let gaps = 0;
          let sum = 0;
          for (let i = from; i < to; i++) {
            sum += r.values[i]!;
            if (r.filled[i]) gaps++;
            else measured += r.values[i]!;
          }
          if (gaps > 0 && span!.total > measured)
            expect(Math.abs(sum - span!.total)).toBeLessThanOrEqual(1e-9 * span!.total + 1e-9);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('linear fill of a straight line reproduces it between the first and last measured values', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 300 }),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: -1, max: 10, noNaN: true }),
        fc.array(fc.boolean(), { minLength: 300, maxLength: 300 }),
        (n, a, fraction, slopeSign, mask) => {
          // Slopes from steeply falling (down to 0 at the end) to rising.
          const b = slopeSign < 0 ? (-a * fraction) / (n - 1) : slopeSign;
          const line = Float64Array.from({ length: n }, (_, i) => a + b * i);
          const values = line.map((v, i) => (mask[i] ? NaN : v));
          const r = fillGaps(values, 60, 0, 'linear');
          let first = -1;
          let last = -1;
          for (let i = 0; i < n; i++) {
            if (!mask[i]) {
              if (first < 0) first = i;
              last = i;
            }
          }
          for (let i = first + 1; i < last; i++) {
            expect(Math.abs(r.values[i]! - line[i]!)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(line[i]!)));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
