/**
 * Consumers from standard load profiles (CLUSTERS.md §4.8, §8): the BDEW 2025 profiles H25
 * (households), G25 (business), L25 (farms) — a table per month and day type — and the classic
 * 1996 typical days H0, G0–G6, L0–L2 — a table per season and day type. The shapes are German
 * but they are what Polish planners use too; the calendar is Polish: Europe/Warsaw local time,
 * Polish public holidays treated as Sundays (holidays.ts).
 *
 * Household profiles (H25, H0) are "dynamic": BDEW multiplies each day by a 4th-degree polynomial
 * of the day of the year (≈ 1.24 in January … 0.8 in summer) that carries the seasonal swing
 * of household use; the business and farm profiles are static.
 *
 * Scaling (§4.8): the series sums to exactly annualKwh over each local calendar year. A grid that
 * covers only part of a year gets annualKwh × the profile's share of that part, because the
 * profile is always computed and normalised over the whole year(s) the grid touches.
 */
import { DAY_MS, MINUTE_MS, civilFromDays, daysFromCivil, warsawMidnightUtc, warsawUtcToLocal } from '../ingest/time';
import { type Grid, checkGrid, stepMs } from './grid';
import { isPolishHoliday } from './holidays';
import { BDEW_1996, BDEW_1996_UNIT, BDEW_2025, BDEW_2025_UNIT, type Profile1996, type Profile2025 } from './profile-data';

export type ProfileName = Profile2025 | Profile1996;

export const PROFILE_NAMES: readonly ProfileName[] = [
  'H25',
  'G25',
  'L25',
  'H0',
  'G0',
  'G1',
  'G2',
  'G3',
  'G4',
  'G5',
  'G6',
  'L0',
  'L1',
  'L2',
];

export interface ConsumerParams {
  profile: ProfileName;
  /** Energy per local calendar year, kWh. */
  annualKwh: number;
}

const QUARTER_MS = 15 * MINUTE_MS;

/** Day types as stored in profile-data.ts. */
export const WORKING_DAY = 0;
export const SATURDAY = 1;
export const SUNDAY_OR_HOLIDAY = 2;

/** BDEW day type of a local day (day number): Sundays and Polish public holidays are one type. */
export function dayType(days: number): 0 | 1 | 2 {
  const weekday = (((days + 4) % 7) + 7) % 7; // 0 = Sunday (1970-01-01 was a Thursday)
  if (weekday === 0 || isPolishHoliday(days)) return SUNDAY_OR_HOLIDAY;
  return weekday === 6 ? SATURDAY : WORKING_DAY;
}

/** 1996 profile season of a date: 0 winter (1 Nov–20 Mar), 1 summer (15 May–14 Sep), 2 transition. */
export function season1996(month: number, day: number): 0 | 1 | 2 {
  const md = month * 100 + day;
  if (md >= 515 && md <= 914) return 1;
  if ((md >= 321 && md <= 514) || (md >= 915 && md <= 1031)) return 2;
  return 0;
}

/** BDEW dynamisation factor for household profiles, t = day of the year (1 = 1 January). */
export function dynamisation(t: number): number {
  return -3.92e-10 * t ** 4 + 3.2e-7 * t ** 3 - 7.02e-5 * t ** 2 + 2.1e-3 * t + 1.24;
}

/** Whether BDEW applies the dynamisation to a profile. */
export function isDynamic(profile: ProfileName): boolean {
  return profile === 'H25' || profile === 'H0';
}

function is2025(profile: ProfileName): profile is Profile2025 {
  return profile === 'H25' || profile === 'G25' || profile === 'L25';
}

const decoded = new Map<ProfileName, Float64Array>();

/**
 * A profile's table as numbers: 2025 profiles [month 0–11][day type][96], 1996 profiles
 * [season][day type][96], flattened.
 */
export function profileTable(profile: ProfileName): Float64Array {
  let table = decoded.get(profile);
  if (table) return table;
  if (!PROFILE_NAMES.includes(profile))
    throw new Error(`unknown load profile "${String(profile)}"; known: ${PROFILE_NAMES.join(', ')}`);
  const parts = is2025(profile) ? BDEW_2025[profile] : BDEW_1996[profile];
  const unit = is2025(profile) ? BDEW_2025_UNIT : BDEW_1996_UNIT;
  const values = parts.join(',').split(',').map(Number);
  table = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) table[i] = values[i] * unit;
  decoded.set(profile, table);
  return table;
}

/** One local year of a profile: a value per UTC quarter-hour, summing to 1. */
export interface ProfileYear {
  year: number;
  /** UTC instant of local 1 January 00:00, and of the next year's. */
  startUtcMs: number;
  endUtcMs: number;
  /** Share of the year's energy in each quarter-hour from startUtcMs. */
  shares: Float64Array;
}

const years = new Map<string, ProfileYear>();
const MAX_CACHED_YEARS = 48;

/**
 * A profile over one Europe/Warsaw calendar year. Each quarter-hour takes the table value of its
 * local date (month or season, day type) and local clock slot: the spring clock-change day has
 * no 02:00–02:59 and the autumn one has it twice, as meters record them.
 */
export function profileYear(profile: ProfileName, year: number): ProfileYear {
  const key = `${profile}/${year}`;
  const hit = years.get(key);
  if (hit) return hit;
  const table = profileTable(profile);
  const firstDay = daysFromCivil(year, 1, 1);
  const lastDay = daysFromCivil(year + 1, 1, 1);
  const startUtcMs = warsawMidnightUtc(firstDay);
  const endUtcMs = warsawMidnightUtc(lastDay);
  const shares = new Float64Array((endUtcMs - startUtcMs) / QUARTER_MS);
  const dynamic = isDynamic(profile);
  const by2025 = is2025(profile);
  let q = 0;
  let total = 0;
  for (let d = firstDay; d < lastDay; d++) {
    const [, month, dom] = civilFromDays(d);
    const type = dayType(d);
    const block = by2025 ? month - 1 : season1996(month, dom);
    const base = (block * 3 + type) * 96;
    const factor = dynamic ? dynamisation(d - firstDay + 1) : 1;
    const dayEnd = warsawMidnightUtc(d + 1);
    for (let t = warsawMidnightUtc(d); t < dayEnd; t += QUARTER_MS) {
      const slot = Math.floor((warsawUtcToLocal(t) - d * DAY_MS) / QUARTER_MS);
      const v = table[base + slot] * factor;
      shares[q++] = v;
      total += v;
    }
  }
  for (let i = 0; i < shares.length; i++) shares[i] /= total;
  const result = { year, startUtcMs, endUtcMs, shares };
  years.set(key, result);
  // ≈ 280 kB a year: keep the most recent few dozen (every profile over two or three years).
  if (years.size > MAX_CACHED_YEARS) years.delete(years.keys().next().value as string);
  return result;
}

/** Checks consumer parameters; throws with the field named. */
export function checkConsumerParams(p: ConsumerParams): void {
  if (!PROFILE_NAMES.includes(p.profile))
    throw new Error(`consumer: unknown load profile "${String(p.profile)}"; known: ${PROFILE_NAMES.join(', ')}`);
  if (!(Number.isFinite(p.annualKwh) && p.annualKwh >= 0))
    throw new Error(`consumer: annualKwh ${p.annualKwh} must be a number ≥ 0`);
}

/**
 * kWh per interval of a consumer following a standard profile, annualKwh per local calendar
 * year. Intervals that do not line up with quarter-hours take the overlapping share of each.
 */
export function consumerSeries(p: ConsumerParams, grid: Grid): Float64Array {
  checkGrid(grid);
  checkConsumerParams(p);
  const n = grid.intervals;
  const out = new Float64Array(n);
  if (n === 0 || p.annualKwh === 0) return out;
  const step = stepMs(grid);
  let plan: ProfileYear | undefined;
  for (let k = 0; k < n; k++) {
    const a = grid.startUtcMs + k * step;
    const b = a + step;
    let t = a;
    let sum = 0;
    while (t < b) {
      if (!plan || t < plan.startUtcMs || t >= plan.endUtcMs) {
        plan = profileYear(p.profile, civilFromDays(Math.floor(warsawUtcToLocal(t) / DAY_MS))[0]);
      }
      const i = Math.floor((t - plan.startUtcMs) / QUARTER_MS);
      const end = Math.min(plan.startUtcMs + (i + 1) * QUARTER_MS, b);
      sum += end - t === QUARTER_MS ? plan.shares[i] : (plan.shares[i] * (end - t)) / QUARTER_MS;
      t = end;
    }
    out[k] = sum * p.annualKwh;
  }
  return out;
}
