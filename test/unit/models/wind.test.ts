/** Wind: the generic power curve, the synthetic wind's statistics, the capacity factor anchor. */
import { describe, expect, it } from 'vitest';
import { emptyWeatherYear } from '../../../src/models/weather';
import {
  CUT_IN_MS,
  CUT_OUT_MS,
  RATED_MS,
  powerCurve,
  speedAtHeight,
  syntheticWind10,
  windSeries,
} from '../../../src/models/wind';
import { YEAR_2025_15, YEAR_2025_60, range, sum, warsawYear } from './helpers';

describe('power curve and shear', () => {
  it('nothing below cut-in (3 m/s), full power from rated (12) to cut-out (25), nothing above', () => {
    expect(powerCurve(2.99)).toBe(0);
    expect(powerCurve(CUT_IN_MS)).toBe(0);
    expect(powerCurve(RATED_MS)).toBe(1);
    expect(powerCurve(24.99)).toBe(1);
    expect(powerCurve(CUT_OUT_MS)).toBe(0);
    expect(powerCurve(NaN)).toBe(0);
    for (let v = 3; v < 12; v += 0.25) expect(powerCurve(v + 0.25)).toBeGreaterThan(powerCurve(v));
    expect(powerCurve(8)).toBeGreaterThan(0.3);
    expect(powerCurve(8)).toBeLessThan(0.45);
  });

  it('power law with α = 0.14 from 10 m', () => {
    expect(speedAtHeight(5, 10)).toBe(5);
    expect(speedAtHeight(5, 100)).toBeCloseTo(5 * 10 ** 0.14, 12);
  });
});

describe('synthetic wind', () => {
  const v100 = (seed: number, grid = YEAR_2025_60) => Array.from(syntheticWind10(grid, seed), (v) => speedAtHeight(v, 100));

  it('Weibull k ≈ 2 with a mean of 6–6.5 m/s at 100 m', () => {
    for (const seed of [1, 2, 3]) {
      const v = v100(seed);
      const mean = sum(v) / v.length;
      expect(mean).toBeGreaterThan(6);
      expect(mean).toBeLessThan(6.5);
      // Coefficient of variation of a Weibull with k = 2 is 0.523.
      const sd = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / v.length);
      expect(Math.abs(sd / mean - 0.523)).toBeLessThan(0.05);
    }
  });

  it('is windier in winter than in summer', () => {
    const v = v100(5);
    const winter = (sum(v, 0, 59 * 24) + sum(v, 334 * 24)) / (90 * 24);
    const summer = sum(v, 151 * 24, 243 * 24) / (92 * 24);
    expect(winter).toBeGreaterThan(summer * 1.2);
  });

  it('persists: hour to hour almost the same, a day later only loosely related', () => {
    const v = v100(9);
    const mean = sum(v) / v.length;
    const corr = (lag: number) => {
      let num = 0;
      let den = 0;
      for (let i = 0; i < v.length; i++) {
        den += (v[i] - mean) ** 2;
        if (i + lag < v.length) num += (v[i] - mean) * (v[i + lag] - mean);
      }
      return num / den;
    };
    expect(corr(1)).toBeGreaterThan(0.9);
    expect(corr(24)).toBeGreaterThan(0.2);
    expect(corr(24)).toBeLessThan(0.8);
  });

  it('same seed, same wind; another seed, another', () => {
    expect(syntheticWind10(YEAR_2025_60, 4)).toEqual(syntheticWind10(YEAR_2025_60, 4));
    expect(syntheticWind10(YEAR_2025_60, 4)).not.toEqual(syntheticWind10(YEAR_2025_60, 5));
  });

  it('quarter-hours follow the hours (60-min and 15-min grids tell the same story)', () => {
    const h = syntheticWind10(YEAR_2025_60, 3);
    const q = syntheticWind10(YEAR_2025_15, 3);
    let hourlyOfQuarters = 0;
    for (let k = 0; k < q.length; k++) hourlyOfQuarters += q[k] / 4;
    expect(Math.abs(hourlyOfQuarters / sum(h) - 1)).toBeLessThan(0.001);
  });
});

describe('windSeries', () => {
  it('capacity factor 25–35 % at a 100 m hub (Polish onshore)', () => {
    for (const seed of [1, 2, 3]) {
      for (const grid of [YEAR_2025_15, warsawYear(2028, 60)]) {
        const cf = sum(windSeries({ kw: 2000, hubHeightM: 100, seed }, grid)) / (2000 * grid.intervals * (grid.stepMinutes / 60));
        expect(cf).toBeGreaterThan(0.25);
        expect(cf).toBeLessThan(0.35);
      }
    }
  });

  it('a taller tower catches more wind', () => {
    const e = (hub: number) => sum(windSeries({ kw: 1000, hubHeightM: hub, seed: 1 }, YEAR_2025_60));
    expect(e(140)).toBeGreaterThan(e(100));
    expect(e(100)).toBeGreaterThan(e(60));
  });

  it('never negative, never above the rating', () => {
    const s = windSeries({ kw: 1000, hubHeightM: 100, seed: 2 }, YEAR_2025_15);
    const [lo, hi] = range(s);
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThanOrEqual(250);
  });

  it("uses a weather year's 10 m wind when given one", () => {
    const w = emptyWeatherYear('test');
    w.wind10.fill(6);
    const s = windSeries({ kw: 100, hubHeightM: 100, weather: w }, YEAR_2025_60);
    const expected = 100 * powerCurve(6 * 10 ** 0.14);
    const [lo, hi] = range(s);
    expect(lo).toBeCloseTo(expected, 12);
    expect(hi).toBeCloseTo(expected, 12);
  });

  it('refuses impossible inputs', () => {
    expect(() => windSeries({ kw: -5, hubHeightM: 100 }, YEAR_2025_60)).toThrow(/kw/);
    expect(() => windSeries({ kw: 5, hubHeightM: 500 }, YEAR_2025_60)).toThrow(/hub height/);
  });
});
