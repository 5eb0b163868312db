/**
 * The PV model against the anchors of CLUSTERS.md §8 (PVGIS yields for Świętokrzyskie), and its
 * behaviour: nothing at night, never negative, reproducible per seed, consistent across grids.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PV_DEFAULTS, type PvParams, pvSeries } from '../../../src/models/pv';
import { readPvgisTmy } from '../../../src/models/pvgis';
import { solarPosition } from '../../../src/models/solar-position';
import { YEAR_2025_15, YEAR_2025_60, fixtureText, monthlySums, range, sum, warsawYear } from './helpers';

const base: PvParams = { ...PV_DEFAULTS, kwp: 1 };
const yieldOf = (p: Partial<PvParams>, grid = YEAR_2025_15) => sum(pvSeries({ ...base, ...p }, grid));

describe('annual yield (kWh per kWp) in Staszów', () => {
  const south35 = yieldOf({});
  const south30 = yieldOf({ tilt: 30 });

  it('south, 30–35° tilt: 1,000–1,100 kWh/kWp·yr, like PVGIS for Świętokrzyskie', () => {
    for (const y of [south35, south30]) {
      expect(y).toBeGreaterThan(1000);
      expect(y).toBeLessThan(1100);
    }
  });

  it('east or west at 30°: 80–90 % of south at 30°', () => {
    for (const azimuth of [90, 270]) {
      const r = yieldOf({ tilt: 30, azimuth }) / south30;
      expect(r).toBeGreaterThan(0.8);
      expect(r).toBeLessThan(0.9);
    }
  });

  it('vertical south: 65–75 % of the 35° south system', () => {
    const r = yieldOf({ tilt: 90 }) / south35;
    expect(r).toBeGreaterThan(0.65);
    expect(r).toBeLessThan(0.75);
  });

  it('June and July each give 5–8 × December', () => {
    const months = monthlySums(pvSeries(base, YEAR_2025_15), YEAR_2025_15);
    for (const m of [5, 6]) {
      expect(months[m] / months[11]).toBeGreaterThan(5);
      expect(months[m] / months[11]).toBeLessThan(8);
    }
  });

  it('other years give sensible yields too (a leap year, a later one) and 60-min agrees with 15-min', () => {
    for (const grid of [warsawYear(2028, 15), warsawYear(2031, 60)]) {
      const y = yieldOf({}, grid);
      expect(y).toBeGreaterThan(1000);
      expect(y).toBeLessThan(1100);
    }
    expect(Math.abs(yieldOf({}, YEAR_2025_60) / south35 - 1)).toBeLessThan(0.01);
  });
});

describe('behaviour', () => {
  it('nothing while the sun is below the horizon', () => {
    const s = pvSeries(base, YEAR_2025_15);
    let night = 0;
    let atNight = 0;
    for (let k = 0; k < s.length; k++) {
      const t = YEAR_2025_15.startUtcMs + (k + 0.5) * 900_000;
      if (solarPosition(t, base.lat, base.lon).elevation <= 0) {
        night++;
        atNight += s[k];
      }
    }
    expect(night).toBeGreaterThan(15_000);
    expect(atNight).toBe(0);
  });

  it('same seed, same series; another seed, another year of weather with about the same yield', () => {
    const a = pvSeries({ ...base, seed: 11 }, YEAR_2025_15);
    expect(pvSeries({ ...base, seed: 11 }, YEAR_2025_15)).toEqual(a);
    const b = pvSeries({ ...base, seed: 12 }, YEAR_2025_15);
    expect(b).not.toEqual(a);
    expect(Math.abs(sum(b) / sum(a) - 1)).toBeLessThan(0.03);
  });

  it('scales with kWp and clips at the inverter rating', () => {
    const one = pvSeries(base, YEAR_2025_15);
    const hundred = pvSeries({ ...base, kwp: 100 }, YEAR_2025_15);
    for (let k = 0; k < one.length; k += 97) expect(hundred[k]).toBeCloseTo(one[k] * 100, 9);
    const clipped = pvSeries({ ...base, kwp: 100, acKw: 60 }, YEAR_2025_15);
    expect(range(clipped)[1]).toBeCloseTo(60 * 0.25, 9);
    expect(range(hundred)[1]).toBeGreaterThan(60 * 0.25);
    expect(sum(clipped)).toBeLessThan(sum(hundred));
  });

  it('losses default to 14 % and scale the output', () => {
    expect(yieldOf({ losses: 0.14 })).toBeCloseTo(yieldOf({}), 9);
    expect(yieldOf({ losses: 0 }) * 0.86).toBeCloseTo(yieldOf({}), 6);
  });

  it('a month on its own equals the same month inside the year', () => {
    const year = pvSeries(base, YEAR_2025_15);
    const k0 = 96 * 120;
    const part = pvSeries(base, { startUtcMs: YEAR_2025_15.startUtcMs + k0 * 900_000, stepMinutes: 15, intervals: 96 * 30 });
    expect(part).toEqual(year.subarray(k0, k0 + 96 * 30));
  });

  it('any plane, place in Poland and short grid: finite, ≥ 0, below the rating', () => {
    fc.assert(
      fc.property(
        fc.record({
          tilt: fc.double({ min: 0, max: 90, noNaN: true }),
          azimuth: fc.double({ min: 0, max: 360, noNaN: true }),
          lat: fc.double({ min: 49, max: 55, noNaN: true }),
          lon: fc.double({ min: 14, max: 24.5, noNaN: true }),
          seed: fc.integer(),
        }),
        fc.integer({ min: Date.UTC(2020, 0, 1) / 900_000, max: Date.UTC(2030, 0, 1) / 900_000 }),
        fc.constantFrom(15, 30, 60),
        (plane, q, step) => {
          const grid = { startUtcMs: q * 900_000, stepMinutes: step, intervals: (3 * 1440) / step };
          const s = pvSeries({ ...base, ...plane, kwp: 10 }, grid);
          const [lo, hi] = range(s);
          expect(lo).toBeGreaterThanOrEqual(0);
          expect(hi).toBeLessThanOrEqual((10 * step) / 60);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses impossible inputs with the field named', () => {
    expect(() => pvSeries({ ...base, tilt: 95 }, YEAR_2025_60)).toThrow(/tilt 95/);
    expect(() => pvSeries({ ...base, losses: 1.2 }, YEAR_2025_60)).toThrow(/losses/);
    expect(() => pvSeries({ ...base, kwp: -1 }, YEAR_2025_60)).toThrow(/kwp/);
    expect(() => pvSeries(base, { ...YEAR_2025_60, stepMinutes: 120, intervals: 10 })).toThrow(/120 min/);
    expect(() => pvSeries(base, { ...YEAR_2025_60, intervals: -1 })).toThrow(/intervals/);
    expect(pvSeries({ ...base, kwp: 0 }, YEAR_2025_60).every((v) => v === 0)).toBe(true);
  });
});

describe('with a PVGIS TMY instead of the synthetic weather (45° N 8° E sample)', () => {
  const tmy = readPvgisTmy(fixtureText('pvgis/tmy-45N-8E.csv'), 'tmy-45N-8E.csv');
  const site = { lat: 45, lon: 8, weather: tmy };

  it('gives a northern-Italian yield and keeps the TMY irradiation on 15- and 60-min grids', () => {
    const y15 = yieldOf(site, YEAR_2025_15);
    const y60 = yieldOf(site, YEAR_2025_60);
    expect(y15).toBeGreaterThan(1250);
    expect(y15).toBeLessThan(1450);
    expect(Math.abs(y60 / y15 - 1)).toBeLessThan(0.01);
  });

  it('east and west come out alike (the rows are centred on the satellite time, hh:10)', () => {
    const east = yieldOf({ ...site, azimuth: 90 });
    const west = yieldOf({ ...site, azimuth: 270 });
    expect(Math.abs(west / east - 1)).toBeLessThan(0.05);
  });

  it('is reproducible and ignores the seed', () => {
    expect(pvSeries({ ...base, ...site, seed: 1 }, YEAR_2025_60)).toEqual(pvSeries({ ...base, ...site, seed: 2 }, YEAR_2025_60));
  });
});
