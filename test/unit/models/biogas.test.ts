/** Biogas CHP: annual energy exact per local year, outages as whole days, heat-led winters. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { warsawUtcToLocal } from '../../../src/ingest/time';
import { type BiogasParams, biogasSeries, biogasYear } from '../../../src/models/biogas';
import { YEAR_2025_15, YEAR_2025_60, monthlySums, range, relativeError, sum, warsawYear } from './helpers';

const flat: BiogasParams = { kw: 180, availability: 0.9, mode: 'flat', seed: 1 };

describe('biogasSeries', () => {
  it.each([
    ['flat, 15 min', flat, YEAR_2025_15],
    ['flat, 60 min', flat, YEAR_2025_60],
    ['heat-led, 15 min', { ...flat, mode: 'heat-led' } as BiogasParams, YEAR_2025_15],
  ])('%s: the year gives exactly rated × availability × 8,760 h', (_name, p, grid) => {
    expect(relativeError(sum(biogasSeries(p, grid)), 180 * 0.9 * 8760)).toBeLessThan(1e-12);
  });

  it('a leap year has 8,784 hours', () => {
    expect(relativeError(sum(biogasSeries(flat, warsawYear(2024, 60))), 180 * 0.9 * 8784)).toBeLessThan(1e-12);
  });

  it('planned outages are whole local days, 5 % of the year at most', () => {
    const s = biogasSeries(flat, YEAR_2025_15);
    const byDay = new Map<number, number[]>();
    for (let k = 0; k < s.length; k++) {
      const day = Math.floor(warsawUtcToLocal(YEAR_2025_15.startUtcMs + k * 900_000) / 86_400_000);
      if (!byDay.has(day)) byDay.set(day, []);
      byDay.get(day)!.push(s[k]);
    }
    let off = 0;
    for (const values of byDay.values()) {
      const zeros = values.filter((v) => v === 0).length;
      expect(zeros === 0 || zeros === values.length).toBe(true);
      if (zeros > 0) off++;
    }
    expect(off).toBe(Math.floor(0.05 * 365));
    expect(range(s)[1]).toBeLessThanOrEqual(180 * 0.25);
  });

  it('heat-led: more in winter, same annual mean, never above rated', () => {
    const p: BiogasParams = { ...flat, mode: 'heat-led', availability: 0.7 };
    const s = biogasSeries(p, YEAR_2025_60);
    const months = monthlySums(s, YEAR_2025_60);
    expect(months[0] / 31).toBeGreaterThan((months[6] / 31) * 1.3);
    expect(range(s)[1]).toBeLessThanOrEqual(180 + 1e-9);
    expect(relativeError(sum(s), 180 * 0.7 * 8760)).toBeLessThan(1e-12);
  });

  it('same seed, same outages; another seed moves them', () => {
    expect(biogasYear(flat, 2025).outage).toEqual(biogasYear(flat, 2025).outage);
    expect(biogasYear({ ...flat, seed: 2 }, 2025).outage).not.toEqual(biogasYear(flat, 2025).outage);
  });

  it('any availability and mode: the year is exact and every interval within 0 … rated', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom<'flat' | 'heat-led'>('flat', 'heat-led'),
        fc.integer(),
        (availability, mode, seed) => {
          const s = biogasSeries({ kw: 100, availability, mode, seed }, YEAR_2025_60);
          expect(Math.abs(sum(s) - 100 * availability * 8760)).toBeLessThan(1e-9 * 100 * 8760);
          const [lo, hi] = range(s);
          expect(lo).toBeGreaterThanOrEqual(0);
          expect(hi).toBeLessThanOrEqual(100 + 1e-9);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('refuses impossible inputs', () => {
    expect(() => biogasSeries({ ...flat, availability: 1.5 }, YEAR_2025_60)).toThrow(/availability/);
    expect(() => biogasSeries({ ...flat, mode: 'peaky' as 'flat' }, YEAR_2025_60)).toThrow(/mode/);
  });
});
