/**
 * A biogas CHP unit on a grid, kWh per interval. Biogas plants run nearly all the time, so
 * what matters for a cluster is the level and the gaps: rated power × availability on average
 * over every calendar year, planned outages as whole days (seeded), and either a flat level
 * ("flat") or more in winter when the heat is wanted ("heat-led"), with the same annual energy.
 *
 * Days and years are Europe/Warsaw local ones (an outage is "Tuesday", not a UTC span). The
 * annual energy is exact per local calendar year: levels are solved over the whole year with
 * each day weighted by its hours (23 and 25 on the clock-change days), so a grid holding the
 * whole year sums to kw × availability × hours in the year.
 */
import { DAY_MS, HOUR_MS, civilFromDays, daysFromCivil, warsawMidnightUtc, warsawUtcToLocal } from '../ingest/time';
import { type Grid, checkGrid, stepMs } from './grid';
import { streamRandom } from './random';
import { scaleWithCap } from './scale';

export type BiogasMode = 'flat' | 'heat-led';

export interface BiogasParams {
  /** Rated electrical power, kW. */
  kw: number;
  /** Mean output as a share of rated, 0..1 (planned outages included). */
  availability: number;
  mode: BiogasMode;
  /** Seed of the outage dates (default 1). */
  seed?: number;
}

/** Planned outage days take at most this share of the year (the rest of 1 − availability is part load). */
export const MAX_OUTAGE_SHARE = 0.05;

/** Heat-led seasonal swing: the unscaled level is 1 ± this (highest mid-January). */
export const HEAT_LED_AMPLITUDE = 0.35;

/** Checks biogas parameters; throws with the field named. */
export function checkBiogasParams(p: BiogasParams): void {
  if (!(Number.isFinite(p.kw) && p.kw >= 0)) throw new Error(`biogas: kw ${p.kw} must be a number ≥ 0`);
  if (!(Number.isFinite(p.availability) && p.availability >= 0 && p.availability <= 1)) {
    throw new Error(`biogas: availability ${p.availability} must be 0–1`);
  }
  if (p.mode !== 'flat' && p.mode !== 'heat-led')
    throw new Error(`biogas: mode "${String(p.mode)}" must be "flat" or "heat-led"`);
  if (p.seed !== undefined && !Number.isFinite(p.seed)) throw new Error(`biogas: seed ${p.seed} must be a number`);
}

/** One local year's plan: output level (share of rated) per local day. */
export interface BiogasYear {
  /** Day number (days since 1970-01-01) of 1 January. */
  firstDay: number;
  /** Level per day, 0..1. */
  level: Float64Array;
  /** Whether the day is a planned outage. */
  outage: Uint8Array;
}

/** The plan for one local calendar year. */
export function biogasYear(p: BiogasParams, year: number): BiogasYear {
  const firstDay = daysFromCivil(year, 1, 1);
  const days = daysFromCivil(year + 1, 1, 1) - firstDay;
  const hours = new Float64Array(days);
  let yearHours = 0;
  for (let d = 0; d < days; d++) {
    hours[d] = (warsawMidnightUtc(firstDay + d + 1) - warsawMidnightUtc(firstDay + d)) / HOUR_MS;
    yearHours += hours[d];
  }
  const outage = planOutages(p, year, firstDay, days, hours);
  const raw = new Float64Array(days);
  for (let d = 0; d < days; d++) {
    if (outage[d]) continue;
    raw[d] = p.mode === 'flat' ? 1 : 1 + HEAT_LED_AMPLITUDE * Math.cos((2 * Math.PI * (d - 15)) / days);
  }
  const level = scaleWithCap(raw, hours, p.availability * yearHours, 1);
  return { firstDay, level, outage };
}

/**
 * Whole outage days: floor(min(1 − availability, 5 %) × days). About 60 % of them in one
 * overhaul in May–September (no heat wanted then), the rest as one- or two-day services spread
 * over the year. Clock-change days are avoided so that the outage hours never exceed the
 * (1 − availability) budget and the running level stays ≤ rated.
 */
function planOutages(p: BiogasParams, year: number, firstDay: number, days: number, hours: Float64Array): Uint8Array {
  const outage = new Uint8Array(days);
  let budget = Math.floor(Math.min(1 - p.availability, MAX_OUTAGE_SHARE) * days + 1e-9);
  if (budget <= 0) return outage;
  const rand = streamRandom(p.seed ?? 1, 'biogas-outages', year);
  const free = (d: number, len: number) => {
    if (d < 0 || d + len > days) return false;
    for (let i = d; i < d + len; i++) if (outage[i] || hours[i] !== 24) return false;
    return true;
  };
  const overhaul = Math.ceil(budget * 0.6);
  const mayFirst = daysFromCivil(year, 5, 1) - firstDay;
  const septEnd = daysFromCivil(year, 9, 30) - firstDay;
  for (let tries = 0; tries < 100; tries++) {
    const d = mayFirst + Math.floor(rand() * (septEnd - mayFirst - overhaul + 2));
    if (free(d, overhaul)) {
      outage.fill(1, d, d + overhaul);
      budget -= overhaul;
      break;
    }
  }
  for (let tries = 0; budget > 0 && tries < 10_000; tries++) {
    const len = Math.min(budget, rand() < 0.5 ? 1 : 2);
    const d = Math.floor(rand() * days);
    if (free(d, len)) {
      outage.fill(1, d, d + len);
      budget -= len;
    }
  }
  return outage;
}

/** kWh per interval of a biogas CHP on a grid. */
export function biogasSeries(p: BiogasParams, grid: Grid): Float64Array {
  checkGrid(grid);
  checkBiogasParams(p);
  const n = grid.intervals;
  const out = new Float64Array(n);
  if (n === 0 || p.kw === 0) return out;
  const step = stepMs(grid);
  const kwh = p.kw * (grid.stepMinutes / 60);
  const years = new Map<number, BiogasYear>();
  for (let k = 0; k < n; k++) {
    const localDay = Math.floor(warsawUtcToLocal(grid.startUtcMs + (k + 0.5) * step) / DAY_MS);
    const [year] = civilFromDays(localDay);
    let plan = years.get(year);
    if (!plan) {
      plan = biogasYear(p, year);
      years.set(year, plan);
    }
    out[k] = kwh * plan.level[localDay - plan.firstDay];
  }
  return out;
}
