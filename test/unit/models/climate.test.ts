/** The climatology and the synthetic sky built from it: each month gets exactly its irradiation. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STASZOW_CLIMATE, dailyCloudiness, monthTargetKwhM2 } from '../../../src/models/climate';
import type { Grid } from '../../../src/models/grid';
import { scaleWithCap } from '../../../src/models/scale';
import { skyOverGrid } from '../../../src/models/sky';
import { YEAR_2025_15, YEAR_2025_60, sum } from './helpers';

describe('Staszów climatology', () => {
  const ghi = STASZOW_CLIMATE.ghiMonthlyKwhM2;
  it('≈ 1,100 kWh/m²·yr on the horizontal, about four fifths of it April–September (CLUSTERS.md §8)', () => {
    const year = sum(ghi);
    expect(year).toBeGreaterThanOrEqual(1050);
    expect(year).toBeLessThanOrEqual(1200);
    const summer = sum(ghi, 3, 9) / year;
    expect(summer).toBeGreaterThan(0.75);
    expect(summer).toBeLessThan(0.82);
  });

  it('monthly temperatures run from a frosty January to a warm July', () => {
    const t = STASZOW_CLIMATE.airMonthlyC;
    expect(t[0]).toBeLessThan(0);
    expect(Math.max(...t)).toBe(t[6]);
    expect(sum(t) / 12).toBeGreaterThan(7);
    expect(sum(t) / 12).toBeLessThan(10);
  });

  it('a leap February gets 29 days of February irradiation', () => {
    expect(monthTargetKwhM2(STASZOW_CLIMATE, 2, 29)).toBeCloseTo((ghi[1] * 29) / 28, 12);
  });
});

describe('scaleWithCap', () => {
  it('hits the target exactly, never exceeds the cap and keeps the order of the raw values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0.01, max: 1, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true })), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (items, share) => {
          const raw = items.map((x) => x[0]);
          const weight = items.map((x) => x[1]);
          const cap = 1;
          const target = share * cap * sum(weight);
          const v = scaleWithCap(raw, weight, target, cap);
          let got = 0;
          for (let i = 0; i < v.length; i++) {
            expect(v[i]).toBeGreaterThanOrEqual(0);
            expect(v[i]).toBeLessThanOrEqual(cap);
            got += v[i] * weight[i];
            for (let j = 0; j < v.length; j++)
              if (raw[i] < raw[j] && weight[i] > 0 && weight[j] > 0) expect(v[i]).toBeLessThanOrEqual(v[j]);
          }
          expect(got).toBeCloseTo(target, 9);
        },
      ),
    );
  });

  it('never negative when rounding caps an item a hair early (a counterexample fast-check found)', () => {
    const v = scaleWithCap(
      [0.03965016677847195, 0.01],
      [6.648074147596153e-174, 2.47e-322],
      0.9999999999999999 * 6.648074147596153e-174,
      1,
    );
    for (const x of v) expect(x).toBeGreaterThanOrEqual(0);
  });

  it('everything at the cap when the target is out of reach; zeros for no target', () => {
    expect([...scaleWithCap([0.2, 0.5], [1, 1], 5, 1)]).toEqual([1, 1]);
    expect([...scaleWithCap([0.2, 0.5], [1, 1], 0, 1)]).toEqual([0, 0]);
  });
});

describe('synthetic sky', () => {
  const site = { lat: 50.56, lon: 21.17, seed: 7 };

  it('daily cloudiness is a function of (seed, year) only, within (0, 1]', () => {
    const a = dailyCloudiness(7, 2025);
    expect([...a]).toEqual([...dailyCloudiness(7, 2025)]);
    expect([...a]).not.toEqual([...dailyCloudiness(8, 2025)]);
    expect(Math.min(...a)).toBeGreaterThan(0);
    expect(Math.max(...a)).toBeLessThanOrEqual(1);
  });

  /** Horizontal irradiation per solar-day month (kWh/m²); the grid's edges excluded. */
  function monthly(grid: Grid): number[] {
    const sky = skyOverGrid(grid, site);
    const out = new Array<number>(12).fill(0);
    const lonShift = (site.lon / 360) * 86_400_000;
    for (let k = 0; k < grid.intervals; k++) {
      const t = grid.startUtcMs + (k + 0.5) * grid.stepMinutes * 60_000;
      out[new Date(t + lonShift).getUTCMonth()] += (sky.ghi[k] * grid.stepMinutes) / 60 / 1000;
    }
    return out;
  }

  it.each([
    ['15-min', YEAR_2025_15],
    ['60-min', YEAR_2025_60],
  ])('every whole month of a %s grid receives exactly its climatological irradiation', (_name, grid) => {
    const got = monthly(grid);
    // January and December are cut by the grid's edges (it is the Warsaw year); the rest are whole.
    for (let m = 1; m < 11; m++) expect(got[m]).toBeCloseTo(STASZOW_CLIMATE.ghiMonthlyKwhM2[m], 6);
    expect(Math.abs(sum(got) / sum(STASZOW_CLIMATE.ghiMonthlyKwhM2) - 1)).toBeLessThan(0.002);
  });

  it('a week on its own has the same sky as the same week inside the year', () => {
    const year = skyOverGrid(YEAR_2025_15, site);
    const k0 = 96 * 160;
    const week: Grid = { startUtcMs: YEAR_2025_15.startUtcMs + k0 * 900_000, stepMinutes: 15, intervals: 96 * 7 };
    const alone = skyOverGrid(week, site);
    expect([...alone.ghi]).toEqual([...year.ghi.subarray(k0, k0 + week.intervals)]);
    expect([...alone.airC]).toEqual([...year.airC.subarray(k0, k0 + week.intervals)]);
  });

  it('air temperature averages near the monthly means and swings within sensible bounds', () => {
    const sky = skyOverGrid(YEAR_2025_60, site);
    const july = sum(sky.airC, 181 * 24, 212 * 24) / (31 * 24);
    const january = sum(sky.airC, 24, 31 * 24) / (30 * 24);
    expect(Math.abs(july - STASZOW_CLIMATE.airMonthlyC[6])).toBeLessThan(1);
    expect(Math.abs(january - STASZOW_CLIMATE.airMonthlyC[0])).toBeLessThan(1.5);
    expect(Math.min(...sky.airC)).toBeGreaterThan(-20);
    expect(Math.max(...sky.airC)).toBeLessThan(35);
  });
});
