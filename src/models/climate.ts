/**
 * The climate the synthetic PV weather is made from, and the day-to-day cloudiness that turns a
 * climatology into a plausible year.
 *
 * Numbers for Staszów (50.56° N, 21.17° E, ≈ 230 m), the default site. They are a rounded
 * PVGIS-SARAH2-like climatology for south-east Poland as CLUSTERS.md §8 describes it (about
 * 1,050–1,200 kWh/m²·yr on the horizontal in SARAH2 2015–2020, older IMGW station series about
 * 1,000–1,050, roughly four fifths of it April–September), not a download for the exact point: a
 * user who wants the site's own weather loads a PVGIS TMY file (pvgis.ts), which replaces all of
 * this. Temperatures are rounded monthly means of the order of the 1991–2020 normals for the
 * Sandomierz–Kielce area; Linke turbidity is a typical rural central-European seasonal course
 * (cleaner air in winter). Turbidity only shapes the clear-sky day, because every month is
 * rescaled to its irradiation anyway.
 */
import { normalCdf, gaussian, streamRandom } from './random';
import { scaleWithCap } from './scale';

export interface Climate {
  /** Horizontal irradiation per month of a 365-day year, kWh/m² (January first). */
  ghiMonthlyKwhM2: readonly number[];
  /** Monthly mean air temperature, °C. */
  airMonthlyC: readonly number[];
  /** Half the mean daily temperature range per month, °C. */
  airDiurnalHalfRangeC: readonly number[];
  /** Linke turbidity factor per month (air mass 2). */
  linkeTurbidity: readonly number[];
  /** Site altitude, m (clear sky brightens with altitude). */
  altitudeM: number;
  /** Wind speed the modules feel, m/s (for the cell temperature only). */
  moduleWindMs: number;
}

/** Staszów, south-east Poland: Σ 1,103 kWh/m²·yr, 77.6 % in April–September. */
export const STASZOW_CLIMATE: Climate = {
  ghiMonthlyKwhM2: [24, 40, 80, 122, 158, 166, 168, 144, 98, 58, 27, 18],
  airMonthlyC: [-2.0, -0.8, 3.0, 8.8, 13.9, 17.4, 19.3, 18.7, 13.8, 8.6, 3.8, -0.6],
  airDiurnalHalfRangeC: [2.5, 3.0, 4.0, 5.0, 5.5, 5.5, 5.5, 5.5, 5.0, 4.0, 2.5, 2.0],
  linkeTurbidity: [2.8, 3.0, 3.3, 3.6, 3.8, 4.0, 4.0, 3.9, 3.5, 3.2, 2.9, 2.8],
  altitudeM: 230,
  moduleWindMs: 3,
};

/** The default site of every model. */
export const DEFAULT_LAT = 50.56;
export const DEFAULT_LON = 21.17;

const DAYS_365 = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Horizontal irradiation a month (1–12) of a given length should receive, kWh/m²: the
 * climatological daily mean times the days (a leap February gets 29 days' worth).
 */
export function monthTargetKwhM2(climate: Climate, month: number, daysInThisMonth: number): number {
  return (climate.ghiMonthlyKwhM2[month - 1] / DAYS_365[month - 1]) * daysInThisMonth;
}

/**
 * Raw daily cloudiness for one year of a seeded stream: 366 values in (0, 1], index 0 = 1
 * January; larger = clearer. A Gaussian AR(1) from day to day (φ = 0.55: spells of dull and
 * of bright days, as fronts pass every few days) mapped through Φ to a uniform, then to
 * [0.06, 1]. Only the relative sizes matter: scaleDaysToMonth sets each month's level.
 */
export function dailyCloudiness(seed: number, year: number): Float64Array {
  const rand = streamRandom(seed, 'pv-cloudiness', year);
  const phi = 0.55;
  const innovation = Math.sqrt(1 - phi * phi);
  const out = new Float64Array(366);
  let z = gaussian(rand);
  for (let d = 0; d < 366; d++) {
    if (d > 0) z = phi * z + innovation * gaussian(rand);
    out[d] = 0.06 + 0.94 * normalCdf(z);
  }
  return out;
}

/**
 * Daily clear-sky indices kc_d = min(cap, s·raw_d) for the days of one month, with the single
 * scale s chosen so that Σ kc_d·clearSky_d equals the month's target exactly: the month keeps
 * its climatological irradiation whatever the draws were, and no day is brighter than a clear
 * sky (cap). If the target exceeds what a clear sky can give, every day is clear.
 */
export function scaleDaysToMonth(raw: ArrayLike<number>, clearSky: ArrayLike<number>, target: number, cap = 1): Float64Array {
  return scaleWithCap(raw, clearSky, target, cap);
}

/**
 * Daily mean air temperature (°C) on a day of a 365-day year (0 = 1 January, fractions allowed),
 * linear between mid-month values so the year has no steps at month ends.
 */
export function dailyMeanAirC(climate: Climate, dayOfYear0: number): number {
  return interpolateMonthly(climate.airMonthlyC, dayOfYear0);
}

/** Same interpolation for the diurnal half range. */
export function diurnalHalfRangeC(climate: Climate, dayOfYear0: number): number {
  return interpolateMonthly(climate.airDiurnalHalfRangeC, dayOfYear0);
}

const MID_MONTH = DAYS_365.map((len, m) => DAYS_365.slice(0, m).reduce((a, b) => a + b, 0) + len / 2);

function interpolateMonthly(values: readonly number[], dayOfYear0: number): number {
  const d = ((dayOfYear0 % 365) + 365) % 365;
  let m = 11;
  while (m >= 0 && MID_MONTH[m] > d) m--;
  const a = m < 0 ? 11 : m;
  const b = (a + 1) % 12;
  const da = m < 0 ? MID_MONTH[11] - 365 : MID_MONTH[a];
  const db = b === 0 ? MID_MONTH[0] + 365 : MID_MONTH[b];
  const f = (d - da) / (db - da);
  return values[a] + (values[b] - values[a]) * f;
}

/**
 * How much warmer (summer) or colder (winter) than normal a day is per unit of clear-sky index
 * above its month's mean, °C: sunny summer days are hot, clear winter nights are frosty.
 */
export function clearDayAnomalyC(dayOfYear0: number): number {
  return 6 * Math.cos((2 * Math.PI * (dayOfYear0 - 196)) / 365);
}
