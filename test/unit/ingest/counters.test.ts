/**
 * Cumulative counters: energy as the growth between readings, resets, glitches and gaps; counters
 * named in headers or guessed from the data; the real OPSD household (one meter with import,
 * export and PV generation) through parseFile and assembleCluster.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError, assembleCluster, parseFile, type MeterSeries, type ParsedReadings } from '../../../src/ingest/index';
import { counterVote, cumulativeToIntervals, CounterReport } from '../../../src/ingest/counters';
import { isCounterName } from '../../../src/ingest/counter-mode';
import { missing, total, utf8 } from './fixtures';

const H = 3_600_000;
const T0 = Date.UTC(2025, 0, 1);

function readings(name: string, text: string): ParsedReadings {
  const p = parseFile(name, utf8(text));
  if (p.kind !== 'readings') throw new Error(`${name} parsed as ${p.kind}`);
  return p;
}

/** A one-meter hourly CSV: `time,<column>` with the given values (null: empty cell). */
function counterCsv(column: string, values: (number | null)[]): string {
  const rows = values.map((v, i) => `${new Date(T0 + i * H).toISOString()},${v === null ? '' : v}`);
  return [`timestamp_utc,${column}`, ...rows].join('\n');
}

describe('cumulativeToIntervals', () => {
  const lines = (n: number) => Int32Array.from({ length: n }, (_, i) => i + 2);

  it('gives the growth between readings: n readings, n − 1 intervals', () => {
    const report = new CounterReport();
    const out = cumulativeToIntervals(Float64Array.from([100, 101.5, 103, 103, 104.25]), lines(5), T0, H, report);
    expect(Array.from(out)).toEqual([1.5, 1.5, 0, 1.25]);
    expect(report).toMatchObject({ resets: 0, glitches: 0, gaps: 0 });
  });

  it('spreads the growth across a gap evenly, keeping the total', () => {
    const report = new CounterReport();
    const out = cumulativeToIntervals(Float64Array.from([10, NaN, NaN, 16, 17]), lines(5), T0, H, report);
    expect(Array.from(out)).toEqual([2, 2, 2, 1]);
    expect(report).toMatchObject({ gaps: 1, spreadIntervals: 3, longestGap: 3, longestGapStartMs: T0 });
  });

  it('counts from 0 after a reset and gives 0 for a small drop, with their lines', () => {
    const report = new CounterReport();
    const out = cumulativeToIntervals(Float64Array.from([500, 502, 1.5, 3, 2.9, 4]), lines(6), T0, H, report);
    expect(Array.from(out)).toEqual([2, 1.5, 1.5, 0, 4 - 2.9]);
    expect(report).toMatchObject({ resets: 1, firstResetLine: 4, glitches: 1, firstGlitchLine: 6 });
  });

  it('leaves intervals before the first and after the last reading missing', () => {
    const out = cumulativeToIntervals(Float64Array.from([NaN, 5, 6, NaN]), lines(4), T0, H, new CounterReport());
    expect(Array.from(out)).toEqual([NaN, 1, NaN]);
  });

  it('property: the intervals add up to the growth, resets counted from 0', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: 0, max: 5, noNaN: true }), fc.constant(NaN)), { minLength: 2, maxLength: 200 }),
        fc.double({ min: 0, max: 1e5, noNaN: true }),
        (steps, start) => {
          // A counter that only grows, with some readings missing (NaN steps hide the reading).
          const values = new Float64Array(steps.length + 1);
          values[0] = start;
          let level = start;
          steps.forEach((s, i) => {
            level += s === s ? s : 1;
            values[i + 1] = s === s ? level : NaN;
          });
          const out = cumulativeToIntervals(values, lines(values.length), T0, H, new CounterReport());
          let last = values.length - 1;
          while (values[last] !== values[last]) last--;
          expect(out.length).toBe(values.length - 1);
          for (let i = 0; i < last; i++) expect(out[i]! >= 0).toBe(true);
          expect(Math.abs(total(out) - (values[last]! - start))).toBeLessThanOrEqual(1e-6 * (1 + values[last]!));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('recognising counters', () => {
  it('by name', () => {
    for (const name of ['Stan licznika [kWh]', 'odczyt', 'meter_reading_kwh', 'cumulative energy', 'Licznik pobór', 'counter']) {
      expect(isCounterName(name), name).toBe(true);
    }
    for (const name of ['licznik', 'numer licznika', 'import_kwh', 'Wartość kWh', 'wolumen']) {
      expect(isCounterName(name), name).toBe(false);
    }
  });

  it('by the data: only growing and large next to the growth', () => {
    const counter = Float64Array.from({ length: 48 }, (_, i) => 5000 + i * 0.7 + (i % 5 === 0 ? 0 : 0.1));
    const profile = Float64Array.from({ length: 48 }, (_, i) => 0.5 + Math.sin(i / 3));
    // A PV morning: only rising, but never large next to its own steps.
    const rising = Float64Array.from([0, 0, 0, 0, 0, 0, 0.1, 0.5, 1.2, 2, 2.8, 3.3, 3.5, 3.6]);
    expect(counterVote(counter)).toBe(1);
    expect(counterVote(profile)).toBe(-1);
    expect(counterVote(rising)).toBe(-1);
    // Constant (an export register that stays 0), too short: no vote.
    expect(counterVote(new Float64Array(48))).toBe(0);
    expect(counterVote(counter.subarray(0, 8))).toBe(0);
  });
});

describe('counter files', () => {
  it('a column named as readings: energy per hour, period from first to last reading', () => {
    const p = readings('licznik-PL0037910000001001.csv', counterCsv('stan_licznika_pobor_kwh', [1000, 1001.5, 1003, 1003.25]));
    expect(p.detection).toMatchObject({ values: 'counter', valuesFrom: 'header', stepMinutes: 60, unit: 'kWh' });
    expect(p.detection.period).toEqual({ startUtcMs: T0, endUtcMs: T0 + 3 * H });
    expect(Array.from(p.meters[0]!.import)).toEqual([1.5, 1.5, 0.25]);
  });

  it('a reset and a gap are warned about, with the line of the reset', () => {
    const p = readings('x.csv', counterCsv('odczyt', [900, 902, null, null, 908, 3, 5]));
    expect(Array.from(p.meters[0]!.import)).toEqual([2, 2, 2, 2, 3, 2]);
    const reset = p.warnings.find((w) => w.message.includes('reset'));
    expect(reset).toMatchObject({ line: 7, count: 1 });
    expect(p.warnings.some((w) => w.message.includes('spread evenly'))).toBe(true);
  });

  it('guessed from the data when the header says nothing, and reported as a guess', () => {
    const values = Array.from({ length: 30 }, (_, i) => Math.round((2500 + i * 1.25 + (i % 2) * 0.5) * 1000) / 1000);
    const p = readings('PL0037910000001002.csv', counterCsv('import_kwh', values));
    expect(p.detection).toMatchObject({ values: 'counter', valuesFrom: 'data' });
    expect(p.meters[0]!.import.length).toBe(29);
    expect(total(p.meters[0]!.import)).toBeCloseTo(values[29]! - values[0]!, 9);
  });

  it('interval energy is not taken for counters', () => {
    const values = Array.from({ length: 30 }, (_, i) => 0.2 + (i % 6) * 0.1);
    const p = readings('x.csv', counterCsv('import_kwh', values));
    expect(p.detection).toMatchObject({ values: 'import-export', valuesFrom: 'layout' });
    expect(p.meters[0]!.import.length).toBe(30);
  });

  it('a wide file of counters, one column per meter', () => {
    const rows = ['czas;PL0037910000001001;PL0037910000001002'];
    for (let i = 0; i < 24; i++)
      rows.push(`2025-01-01T${String(i).padStart(2, '0')}:00:00Z;${(100 + i * 2).toFixed(1)};${(70000 + i * 0.5).toFixed(1)}`);
    const p = readings('wide.csv', rows.join('\n'));
    expect(p.detection).toMatchObject({ layout: 'wide-net', values: 'counter', valuesFrom: 'data' });
    expect(Array.from(p.meters[0]!.import).every((v) => v === 2)).toBe(true);
    expect(Array.from(p.meters[1]!.import).every((v) => v === 0.5)).toBe(true);
    expect(p.warnings.map((w) => w.code)).not.toContain('net-values');
  });

  it('a single counter reading cannot give energy', () => {
    expect(() => parseFile('x.csv', utf8(counterCsv('odczyt', [1000])))).toThrow(ParseError);
  });

  it('counters in kW are refused', () => {
    expect(() => parseFile('x.csv', utf8(counterCsv('licznik_pobor_kw', [1, 2, 3])))).toThrow(/counter/);
  });

  it('random counter files give only ParseError or finite, non-negative energy', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: -5, max: 50, noNaN: true }), fc.constant(null)), { maxLength: 60 }),
        fc.constantFrom('odczyt', 'import_kwh', 'stan licznika'),
        (steps, column) => {
          let level = 1000;
          const values = steps.map((s) => (s === null ? null : (level += s)));
          try {
            const p = parseFile('x.csv', utf8(counterCsv(column, values)));
            if (p.kind !== 'readings') return;
            for (const m of p.meters) for (const v of m.import) expect(v !== v || (v >= 0 && Number.isFinite(v))).toBe(true);
          } catch (e) {
            expect(e).toBeInstanceOf(ParseError);
            expect((e as Error).message).not.toContain('internal error');
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('the real OPSD household (Konstanz, hourly counters, Oct 2015 – Feb 2017)', () => {
  const file = 'opsd-household-residential4-60min.csv';
  const bytes = new Uint8Array(gunzipSync(readFileSync(new URL(`../../fixtures/real/${file}.gz`, import.meta.url))));
  const p = parseFile(file, bytes) as ParsedReadings;

  it('is one meter named by the columns’ common prefix, its counters guessed from the data', () => {
    expect(p.kind).toBe('readings');
    expect(p.meters).toHaveLength(1);
    expect(p.detection).toMatchObject({
      layout: 'long',
      timeConvention: 'utc',
      stepMinutes: 60,
      values: 'counter',
      valuesFrom: 'data',
      meterIdSource: 'header',
      meterIds: ['DE_KN_residential4'],
      unitAssumed: true,
    });
    const { startUtcMs, endUtcMs } = p.detection.period!;
    expect(new Date(startUtcMs).toISOString().slice(0, 7)).toBe('2015-10');
    expect(new Date(endUtcMs).toISOString().slice(0, 7)).toBe('2017-02');
  });

  it('names the sub-metered appliances it does not use', () => {
    const ignored = p.warnings.find((w) => w.code === 'ignored-rows')!;
    expect(ignored.count).toBe(6);
    for (const appliance of ['dishwasher', 'ev', 'freezer', 'heat_pump', 'refrigerator', 'washing_machine']) {
      expect(ignored.message).toContain(`DE_KN_residential4_${appliance}`);
    }
    expect(ignored.message).not.toContain('interpolated_values');
  });

  it('has plausible totals: import in the thousands of kWh, PV at least the export', () => {
    const m = p.meters[0]!;
    const imp = total(m.import);
    const exp = total(m.export);
    const pv = total(m.generation!);
    expect(imp).toBeGreaterThan(1000);
    expect(imp).toBeLessThan(20000);
    expect(exp).toBeGreaterThan(0);
    expect(pv).toBeGreaterThan(0);
    expect(pv).toBeGreaterThanOrEqual(exp);
    // The counters' last minus first readings (6321.393 − 0.077 and so on): nothing lost in gaps.
    expect(imp).toBeCloseTo(6321.393 - 0.077, 6);
    expect(exp).toBeCloseTo(9563.098, 6);
    expect(pv).toBeCloseTo(12336.971, 6);
    expect(missing(m.import)).toBe(0);
  });

  it('assembles with gross generation, without NaN', () => {
    const { data, report } = assembleCluster(p.meters, []);
    expect(data.grossGeneration).toBeDefined();
    expect(data.grossMetered).toEqual([true]);
    for (const a of [data.imports, data.exports, data.grossGeneration!]) expect(a.some((v) => Number.isNaN(v))).toBe(false);
    expect(total(data.grossGeneration!)).toBeCloseTo(total(p.meters[0]!.generation!), 6);
    expect(report.members[0]!.generationKwh).toBeCloseTo(total(p.meters[0]!.generation!), 6);
  });
});

describe('assembleCluster and gross generation', () => {
  const series = (id: string, stepMinutes: number, imp: number[], gen?: number[]): MeterSeries => ({
    id,
    stepMinutes,
    startUtcMs: T0,
    import: Float64Array.from(imp),
    export: new Float64Array(imp.length),
    ...(gen ? { generation: Float64Array.from(gen) } : {}),
  });

  it('is member-major, 0 for members without, summed 15 → 60 like the rest', () => {
    const q = series('Q', 15, [1, 1, 1, 1, 2, 2, 2, 2], [0.5, 0.5, 0.5, NaN, 1, 1, 1, 1]);
    const h = series('H', 60, [3, 4]);
    const { data, report } = assembleCluster([q, h], []);
    expect(data.stepMinutes).toBe(60);
    expect(Array.from(data.grossGeneration!)).toEqual([1.5, 4, 0, 0]);
    expect(data.grossMetered).toEqual([true, false]);
    expect(report.members.map((m) => m.generationKwh)).toEqual([5.5, 0]);
  });

  it('is absent when no series has generation', () => {
    const { data } = assembleCluster([series('A', 60, [1, 2])], []);
    expect(data.grossGeneration).toBeUndefined();
    expect(data.grossMetered).toBeUndefined();
  });
});
