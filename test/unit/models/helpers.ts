/** Shared grids and small sums for the model tests; fixtures come from test/fixtures only. */
import { readFileSync } from 'node:fs';
import type { Grid } from '../../../src/models/grid';

/** The 2025 year in Europe/Warsaw: 2024-12-31 23:00 UTC … 2025-12-31 23:00 UTC. */
export const YEAR_2025_15: Grid = { startUtcMs: Date.UTC(2024, 11, 31, 23), stepMinutes: 15, intervals: 35_040 };
export const YEAR_2025_60: Grid = { startUtcMs: Date.UTC(2024, 11, 31, 23), stepMinutes: 60, intervals: 8_760 };

/** A Warsaw local year (CET midnight of 1 January) in steps of `step` minutes. */
export function warsawYear(year: number, step: number): Grid {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return { startUtcMs: Date.UTC(year - 1, 11, 31, 23), stepMinutes: step, intervals: ((leap ? 366 : 365) * 1440) / step };
}

export function sum(a: ArrayLike<number>, from = 0, to = a.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += a[i];
  return s;
}

/** Sums per Warsaw local month (0–11) of a series on a grid. */
export function monthlySums(series: ArrayLike<number>, grid: Grid): number[] {
  const out = new Array<number>(12).fill(0);
  for (let k = 0; k < series.length; k++) {
    const t = grid.startUtcMs + (k + 0.5) * grid.stepMinutes * 60_000;
    // CET is enough to find the month: no month boundary falls in a summer-time hour.
    out[new Date(t + 3_600_000).getUTCMonth()] += series[k];
  }
  return out;
}

export function fixtureText(path: string): string {
  return readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8');
}

/** |got / expected − 1| ≤ tol (sums of tens of thousands of doubles carry ~1e-13 of rounding). */
export function relativeError(got: number, expected: number): number {
  return expected === 0 ? Math.abs(got) : Math.abs(got / expected - 1);
}

/** Smallest and largest value (Math.min(...a) overflows the stack on long arrays in some engines). */
export function range(a: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < a.length; i++) {
    if (a[i] < lo) lo = a[i];
    if (a[i] > hi) hi = a[i];
  }
  return [lo, hi];
}
