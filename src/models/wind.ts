/**
 * A wind turbine (or farm treated as one) on a grid, kWh per interval: wind speed at 10 m —
 * from a loaded weather year or a seeded synthetic series — raised to hub height by a power law
 * and passed through a generic onshore power curve scaled to the rating.
 *
 * The synthetic wind is meant to give a Polish onshore site's statistics, not a forecast: Weibull
 * k = 2 with a mean of 6.4 m/s at 100 m (central Poland: 6–6.5), about ±15 % windier in winter
 * than in summer, and realistic persistence (calm and stormy spells of a day or two, with
 * faster swings on top) from two Gaussian AR(1) processes whose ranks pick Weibull quantiles
 * month by month, which makes each month's distribution exactly its Weibull and keeps the
 * persistence.
 * The latent process runs on an hourly clock from 1 January 00:00 UTC of each year, so a day's
 * wind does not depend on where the grid starts; quarter-hours interpolate between hours.
 */
import { DAY_MS, HOUR_MS, civilFromDays, daysFromCivil } from '../ingest/time';
import { type Grid, checkGrid, stepMs } from './grid';
import { gaussian, streamRandom } from './random';
import { type WeatherYear, weatherRowAt } from './weather';

/** Generic onshore curve: speeds in m/s. */
export const CUT_IN_MS = 3;
export const RATED_MS = 12;
export const CUT_OUT_MS = 25;

/** Wind shear exponent over open farmland (the "1/7 law"). */
export const SHEAR_ALPHA = 0.14;

/** Mean synthetic wind speed at 100 m, m/s. */
export const MEAN_WIND_100M = 6.4;

/** Weibull shape of the synthetic wind (Rayleigh). */
export const WEIBULL_K = 2;

/** Seasonal swing of the synthetic mean: +15 % in mid-January, −15 % in mid-July. */
export const SEASONAL_AMPLITUDE = 0.15;

export interface WindParams {
  /** Rated power, kW. */
  kw: number;
  /** Hub height, m. */
  hubHeightM: number;
  /** Seed of the synthetic wind (default 1). */
  seed?: number;
  /** A weather year (PVGIS TMY: WS10m) instead of the synthetic wind. */
  weather?: WeatherYear;
}

/** Exponent of the generic curve's rise from cut-in to rated. */
export const CURVE_EXPONENT = 1.6;

/**
 * Share of rated power (0–1) at a hub-height wind speed: nothing below cut-in, a rise
 * ((v − cut-in)/(rated − cut-in))^1.6 to rated, flat to cut-out, nothing above (storm
 * shutdown). The exponent is empirical: a pure cubic in v underrates the middle of real curves,
 * where the rotor’s power coefficient is at its best; the 1.6 power law gives about 39 % of
 * rating at 8 m/s and 67 % at 10 m/s, in the range of published curves of 2–3 MW onshore
 * turbines rated near 12 m/s.
 */
export function powerCurve(v: number): number {
  if (!(v >= CUT_IN_MS) || v >= CUT_OUT_MS) return 0;
  if (v >= RATED_MS) return 1;
  return ((v - CUT_IN_MS) / (RATED_MS - CUT_IN_MS)) ** CURVE_EXPONENT;
}

/** Wind speed at a height from the speed at 10 m, by the power law v(h) = v10·(h/10)^α. */
export function speedAtHeight(v10: number, heightM: number, alpha = SHEAR_ALPHA): number {
  return v10 * (heightM / 10) ** alpha;
}

/** Γ(1 + 1/k) for k = 2: the Weibull mean is scale × this. */
const GAMMA_1_5 = 0.886226925452758;

/**
 * Synthetic wind speed at 10 m (m/s) at each interval's midpoint. Exported for tests and
 * charts; windSeries uses it.
 */
export function syntheticWind10(grid: Grid, seed: number): Float64Array {
  checkGrid(grid);
  const n = grid.intervals;
  const out = new Float64Array(n);
  if (n === 0) return out;
  const step = stepMs(grid);
  const to10 = (10 / 100) ** SHEAR_ALPHA;
  const years = new Map<number, { start: number; v: Float64Array }>();
  for (let k = 0; k < n; k++) {
    const t = grid.startUtcMs + (k + 0.5) * step;
    const [year] = civilFromDays(Math.floor(t / DAY_MS));
    let hourly = years.get(year);
    if (!hourly) {
      hourly = { start: daysFromCivil(year, 1, 1) * DAY_MS, v: hourlyWind100(seed, year) };
      years.set(year, hourly);
    }
    const h = (t - hourly.start) / HOUR_MS;
    const i = Math.floor(h);
    const f = h - i;
    out[k] = ((1 - f) * hourly.v[i] + f * hourly.v[i + 1]) * to10;
  }
  return out;
}

/** Persistence: a synoptic part (time constant 36 h) and a fast part (3 h). */
const SLOW_TAU_H = 36;
const FAST_TAU_H = 3;
const SLOW_SHARE = 0.85;

/**
 * Weibull (k = 2) values at every hour of a year, plus one (8,761 or 8,785), in m/s at 100 m,
 * in the order of an autocorrelated Gaussian: within each calendar month the Gaussian's ranks
 * pick the quantiles of that month's Weibull distribution, so every month has exactly its
 * climatological distribution (a typical year, not a random draw of a windy or a calm one; winter
 * is always windier) while the Gaussian's persistence carries through.
 */
function hourlyWind100(seed: number, year: number): Float64Array {
  const rand = streamRandom(seed, 'wind', year);
  const first = daysFromCivil(year, 1, 1);
  const hours = (daysFromCivil(year + 1, 1, 1) - first) * 24 + 1;
  const z = new Float64Array(hours);
  const ps = Math.exp(-1 / SLOW_TAU_H);
  const pf = Math.exp(-1 / FAST_TAU_H);
  const es = Math.sqrt(1 - ps * ps);
  const ef = Math.sqrt(1 - pf * pf);
  let slow = gaussian(rand);
  let fast = gaussian(rand);
  for (let h = 0; h < hours; h++) {
    if (h > 0) {
      slow = ps * slow + es * gaussian(rand);
      fast = pf * fast + ef * gaussian(rand);
    }
    z[h] = Math.sqrt(SLOW_SHARE) * slow + Math.sqrt(1 - SLOW_SHARE) * fast;
  }
  const v = new Float64Array(hours);
  for (let m = 1; m <= 12; m++) {
    const a = (daysFromCivil(year, m, 1) - first) * 24;
    // December also takes the extra hour (1 January 00:00 of the next year).
    const b = m === 12 ? hours : (daysFromCivil(year, m + 1, 1) - first) * 24;
    const midDoy = (a + b) / 48;
    const scale = monthlyMean100(midDoy) / GAMMA_1_5;
    const order = Array.from({ length: b - a }, (_, i) => a + i).sort((x, y) => z[x] - z[y]);
    for (let r = 0; r < order.length; r++) v[order[r]] = scale * Math.sqrt(-Math.log(1 - (r + 0.5) / order.length));
  }
  return v;
}

/** Mean wind speed at 100 m on a day of the year (0 = 1 January): windier in winter. */
export function monthlyMean100(dayOfYear0: number): number {
  return MEAN_WIND_100M * (1 + SEASONAL_AMPLITUDE * Math.cos((2 * Math.PI * (dayOfYear0 - 15)) / 365.25));
}

/** Checks wind parameters; throws with the field named. */
export function checkWindParams(p: WindParams): void {
  if (!(Number.isFinite(p.kw) && p.kw >= 0)) throw new Error(`wind: kw ${p.kw} must be a number ≥ 0`);
  if (!(Number.isFinite(p.hubHeightM) && p.hubHeightM >= 10 && p.hubHeightM <= 250)) {
    throw new Error(`wind: hub height ${p.hubHeightM} m must be 10–250 m`);
  }
  if (p.seed !== undefined && !Number.isFinite(p.seed)) throw new Error(`wind: seed ${p.seed} must be a number`);
}

/** kWh per interval of a wind turbine on a grid. */
export function windSeries(p: WindParams, grid: Grid): Float64Array {
  checkGrid(grid);
  checkWindParams(p);
  const n = grid.intervals;
  const out = new Float64Array(n);
  if (n === 0 || p.kw === 0) return out;
  const hours = grid.stepMinutes / 60;
  const scale = (p.hubHeightM / 10) ** SHEAR_ALPHA;
  if (p.weather) {
    const step = stepMs(grid);
    for (let k = 0; k < n; k++) {
      const v10 = p.weather.wind10[weatherRowAt(grid.startUtcMs + (k + 0.5) * step)];
      out[k] = p.kw * powerCurve(v10 * scale) * hours;
    }
    return out;
  }
  const v10 = syntheticWind10(grid, p.seed ?? 1);
  for (let k = 0; k < n; k++) out[k] = p.kw * powerCurve(v10[k] * scale) * hours;
  return out;
}
