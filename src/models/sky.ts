/**
 * The sky over a grid at one place: the sun's direction at every interval's midpoint and the
 * horizontal irradiance (global, beam normal, diffuse), air temperature and wind the PV model
 * turns into power. None of it depends on the module plane or size, so it is computed once per
 * (grid, place, seed, weather) and cached: ten PV generators in one scenario, or a slider moving
 * the tilt, cost one sky and ten cheap dot products per interval.
 *
 * Two sources:
 * - synthetic (default): Ineichen–Perez clear sky with monthly Linke turbidity, times a daily
 *   clear-sky index drawn from a seeded stream and scaled so that every calendar month receives
 *   exactly its climatological horizontal irradiation (climate.ts) on this grid's sampling; then
 *   the Erbs split. Months the grid only touches are computed whole, so a month's days look the
 *   same whether the grid holds all of it or a week.
 * - a weather year (TMY, weather.ts): its hourly global, beam and diffuse values, each row
 *   spread over its hour in proportion to cos(zenith) so that it keeps its energy whatever the
 *   grid's step (see WEATHER_ROW_OFFSET_MS for where in time a row sits).
 *
 * "Days" for the cloudiness are mean-solar days at the site's longitude (midnight at
 * 00:00 UTC − lon/15 h), so no daylight hour is split between two days' weather.
 */
import { DAY_MS, HOUR_MS, civilFromDays, daysFromCivil, daysInMonth } from '../ingest/time';
import {
  STASZOW_CLIMATE,
  type Climate,
  clearDayAnomalyC,
  dailyCloudiness,
  dailyMeanAirC,
  diurnalHalfRangeC,
  monthTargetKwhM2,
  scaleDaysToMonth,
} from './climate';
import { type Grid, checkGrid, gridKey, stepMs } from './grid';
import { clearSkyIneichenGhi, erbsSplit, extraterrestrialNormal } from './irradiance';
import { sunVectors } from './solar-position';
import { type WeatherYear, weatherId, weatherRowAt } from './weather';

export interface Site {
  /** Degrees north. */
  lat: number;
  /** Degrees east. */
  lon: number;
  /** Seed of the synthetic cloudiness (ignored with a weather year). */
  seed: number;
  /** Climatology for the synthetic sky (default: Staszów). */
  climate?: Climate;
  /** A weather year to use instead of the synthetic sky. */
  weather?: WeatherYear;
}

/** Per-interval arrays, all of the grid's length. */
export interface Sky {
  intervals: number;
  /** Unit vector towards the (apparent) sun at the interval's midpoint, east-north-up. */
  sunEast: Float64Array;
  sunNorth: Float64Array;
  /** cos(apparent zenith); ≤ 0 when the sun is down. */
  sunUp: Float64Array;
  /** Extraterrestrial normal irradiance, W/m². */
  e0: Float64Array;
  /** Global horizontal, beam normal and diffuse horizontal irradiance, W/m². */
  ghi: Float64Array;
  dni: Float64Array;
  dhi: Float64Array;
  /** Air temperature, °C, and wind speed near the modules, m/s. */
  airC: Float64Array;
  windMs: Float64Array;
}

const CACHE_SIZE = 4;
const cache = new Map<string, Sky>();
const climateIds = new WeakMap<Climate, number>();
let nextClimateId = 1;

/** The sky over a grid at a site; cached (the arrays are shared: treat them as read-only). */
export function skyOverGrid(grid: Grid, site: Site): Sky {
  checkGrid(grid);
  const climate = site.climate ?? STASZOW_CLIMATE;
  let cid = climateIds.get(climate);
  if (cid === undefined) {
    cid = nextClimateId++;
    climateIds.set(climate, cid);
  }
  const source = site.weather ? `w${weatherId(site.weather)}` : `c${cid}/${site.seed}`;
  const key = `${gridKey(grid)}|${site.lat}|${site.lon}|${source}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const sky = site.weather
    ? weatherSky(grid, site.lat, site.lon, site.weather)
    : syntheticSky(grid, site.lat, site.lon, site.seed, climate);
  cache.set(key, sky);
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return sky;
}

/** Forget cached skies (for benchmarks that want a cold start). */
export function clearSkyCache(): void {
  cache.clear();
}

function emptySky(n: number): Sky {
  return {
    intervals: n,
    sunEast: new Float64Array(n),
    sunNorth: new Float64Array(n),
    sunUp: new Float64Array(n),
    e0: new Float64Array(n),
    ghi: new Float64Array(n),
    dni: new Float64Array(n),
    dhi: new Float64Array(n),
    airC: new Float64Array(n),
    windMs: new Float64Array(n),
  };
}

/** Day of year (1–366) of a day number. */
function dayOfYear(days: number): number {
  const [y] = civilFromDays(days);
  return days - daysFromCivil(y, 1, 1) + 1;
}

function syntheticSky(grid: Grid, lat: number, lon: number, seed: number, climate: Climate): Sky {
  const n = grid.intervals;
  const sky = emptySky(n);
  if (n === 0) return sky;
  const step = stepMs(grid);
  const start = grid.startUtcMs;
  const lonShift = (lon / 360) * DAY_MS;
  const mid = (k: number) => start + (k + 0.5) * step;
  const solarDay = (t: number) => Math.floor((t + lonShift) / DAY_MS);

  // Whole calendar months (of solar days) around the grid.
  const [y0, m0] = civilFromDays(solarDay(mid(0)));
  const [y1, m1] = civilFromDays(solarDay(mid(n - 1)));
  const firstDay = daysFromCivil(y0, m0, 1);
  const endDay = daysFromCivil(y1, m1, daysInMonth(y1, m1)) + 1;
  const firstK = (day: number) => {
    let k = Math.ceil((day * DAY_MS - lonShift - start) / step - 0.5);
    while (solarDay(mid(k)) < day) k++;
    while (solarDay(mid(k - 1)) >= day) k--;
    return k;
  };
  const kLo = firstK(firstDay);
  const kHi = firstK(endDay);
  const m = kHi - kLo;

  const times = new Float64Array(m);
  for (let i = 0; i < m; i++) times[i] = mid(kLo + i);
  const east = new Float64Array(m);
  const north = new Float64Array(m);
  const up = new Float64Array(m);
  sunVectors(times, lat, lon, east, north, up);

  // Clear-sky irradiance and its daily sums on this grid's sampling.
  const nDays = endDay - firstDay;
  const dayOf = new Int32Array(m);
  const clear = new Float64Array(m);
  const e0 = new Float64Array(m);
  const clearDaily = new Float64Array(nDays);
  const hours = step / HOUR_MS;
  let lastDay = NaN;
  let e0Day = 0;
  let tlDay = 0;
  for (let i = 0; i < m; i++) {
    const day = solarDay(times[i]);
    if (day !== lastDay) {
      lastDay = day;
      e0Day = extraterrestrialNormal(dayOfYear(day));
      tlDay = climate.linkeTurbidity[civilFromDays(day)[1] - 1];
    }
    const d = day - firstDay;
    dayOf[i] = d;
    e0[i] = e0Day;
    if (up[i] > 0) {
      const g = clearSkyIneichenGhi(up[i], e0Day, tlDay, climate.altitudeM);
      clear[i] = g;
      clearDaily[d] += (g * hours) / 1000;
    }
  }

  // Each month's days scaled to the month's irradiation.
  const kc = new Float64Array(nDays);
  const kcMonthMean = new Float64Array(nDays);
  const draws = new Map<number, Float64Array>();
  for (let index = y0 * 12 + m0 - 1; index <= y1 * 12 + m1 - 1; index++) {
    const y = Math.floor(index / 12);
    const mo = (index % 12) + 1;
    let year = draws.get(y);
    if (!year) {
      year = dailyCloudiness(seed, y);
      draws.set(y, year);
    }
    const len = daysInMonth(y, mo);
    const monthStart = daysFromCivil(y, mo, 1);
    const doy0 = monthStart - daysFromCivil(y, 1, 1);
    const s = monthStart - firstDay;
    const scaled = scaleDaysToMonth(
      year.subarray(doy0, doy0 + len),
      clearDaily.subarray(s, s + len),
      monthTargetKwhM2(climate, mo, len),
    );
    kc.set(scaled, s);
    let mean = 0;
    for (let d = 0; d < len; d++) mean += scaled[d] / len;
    kcMonthMean.fill(mean, s, s + len);
  }

  // Air temperature per solar day: the seasonal mean at the day's start and end (interpolated
  // through the day), the half range of the daily swing and the day's cloudiness anomaly.
  const meanAt0 = new Float64Array(nDays);
  const meanAt1 = new Float64Array(nDays);
  const halfRange = new Float64Array(nDays);
  const anomaly = new Float64Array(nDays);
  for (let d = 0; d < nDays; d++) {
    const doy0 = Math.min(dayOfYear(d + firstDay) - 1, 364);
    meanAt0[d] = dailyMeanAirC(climate, doy0);
    meanAt1[d] = dailyMeanAirC(climate, doy0 + 1);
    halfRange[d] = diurnalHalfRangeC(climate, doy0);
    anomaly[d] = clearDayAnomalyC(doy0) * (kc[d] - kcMonthMean[d]);
  }

  const split = new Float64Array(2);
  for (let k = 0; k < n; k++) {
    const i = k - kLo;
    const d = dayOf[i];
    sky.sunEast[k] = east[i];
    sky.sunNorth[k] = north[i];
    sky.sunUp[k] = up[i];
    sky.e0[k] = e0[i];
    const ghi = clear[i] * kc[d];
    sky.ghi[k] = ghi;
    erbsSplit(ghi, up[i], e0[i], split);
    sky.dhi[k] = split[0];
    sky.dni[k] = split[1];
    // Air temperature: the seasonal mean, a daily swing peaking mid-afternoon (solar time) and a
    // day-to-day anomaly tied to the day's cloudiness.
    const dayFraction = (times[i] + lonShift) / DAY_MS - (d + firstDay);
    sky.airC[k] =
      meanAt0[d] +
      (meanAt1[d] - meanAt0[d]) * dayFraction +
      halfRange[d] * Math.cos(2 * Math.PI * (dayFraction - 15 / 24)) +
      anomaly[d];
    sky.windMs[k] = climate.moduleWindMs;
  }
  return sky;
}

/**
 * Where a weather year's hourly value sits in time. PVGIS's irradiance comes from satellite images
 * taken at about hh:10 (the seriescalc rows say so; the TMY floors the stamp to hh:00): on the
 * clear days of the sample TMY the irradiance's centre of mass lies 0.18 h before solar noon, as
 * values centred on hh:10 would put it (values for hh:00–hh+1:00 would put it 0.5 h before). So a
 * row stamped hh:00 is taken to stand for hh:00 − 20 min … hh:00 + 40 min. Pairing it with the
 * sun at hh:30 instead would lag the light by 20 minutes and make west-facing arrays look 10 %
 * better than east-facing ones.
 */
export const WEATHER_ROW_OFFSET_MS = -20 * 60_000;

/** Sampling step used to spread a weather row's energy over the sun's path within it. */
const SAMPLE_MS = 5 * 60_000;

function weatherSky(grid: Grid, lat: number, lon: number, w: WeatherYear): Sky {
  const n = grid.intervals;
  const sky = emptySky(n);
  if (n === 0) return sky;
  const step = stepMs(grid);
  const start = grid.startUtcMs;
  const times = new Float64Array(n);
  for (let k = 0; k < n; k++) times[k] = start + (k + 0.5) * step;
  sunVectors(times, lat, lon, sky.sunEast, sky.sunNorth, sky.sunUp);

  // Rows (shifted hours) the grid touches, sampled every 5 minutes: each row's horizontal
  // irradiance is spread over its hour in proportion to cos(zenith), so the row keeps its energy
  // and an interval gets the light of the part of the row it overlaps.
  const perRow = HOUR_MS / SAMPLE_MS;
  const firstLabel = Math.floor((start - WEATHER_ROW_OFFSET_MS) / HOUR_MS);
  const lastLabel = Math.floor((start + n * step - 1 - WEATHER_ROW_OFFSET_MS) / HOUR_MS);
  const rows = lastLabel - firstLabel + 1;
  const origin = firstLabel * HOUR_MS + WEATHER_ROW_OFFSET_MS;
  const samples = new Float64Array(rows * perRow);
  for (let j = 0; j < samples.length; j++) samples[j] = origin + (j + 0.5) * SAMPLE_MS;
  const se = new Float64Array(samples.length);
  const sn = new Float64Array(samples.length);
  const su = new Float64Array(samples.length);
  sunVectors(samples, lat, lon, se, sn, su);
  const meanUp = new Float64Array(rows);
  const rowOf = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let j = 0; j < perRow; j++) sum += Math.max(0, su[r * perRow + j]);
    meanUp[r] = sum / perRow;
    rowOf[r] = weatherRowAt((firstLabel + r) * HOUR_MS);
  }

  const subSteps = Math.max(1, Math.round(step / SAMPLE_MS));
  let lastDay = NaN;
  let e0Day = 0;
  for (let k = 0; k < n; k++) {
    const t = times[k];
    const day = Math.floor(t / DAY_MS);
    if (day !== lastDay) {
      lastDay = day;
      e0Day = extraterrestrialNormal(dayOfYear(day));
    }
    sky.e0[k] = e0Day;
    const midRow = rowOf[Math.min(rows - 1, Math.max(0, Math.floor((t - origin) / HOUR_MS)))];
    sky.airC[k] = w.airC[midRow];
    sky.windMs[k] = w.wind10[midRow];
    if (sky.sunUp[k] <= 0) continue;
    let ghi = 0;
    let dhi = 0;
    let beamWeighted = 0;
    let upSum = 0;
    const a = start + k * step;
    for (let j = 0; j < subSteps; j++) {
      const idx = Math.min(samples.length - 1, Math.max(0, Math.floor((a + ((j + 0.5) * step) / subSteps - origin) / SAMPLE_MS)));
      const r = Math.floor(idx / perRow);
      const up = su[idx];
      if (up <= 0 || meanUp[r] <= 0) continue;
      const row = rowOf[r];
      const f = up / meanUp[r];
      ghi += Math.max(0, w.ghi[row]) * f;
      dhi += Math.max(0, w.dhi[row]) * f;
      beamWeighted += Math.max(0, w.dni[row]) * up;
      upSum += up;
    }
    sky.ghi[k] = ghi / subSteps;
    sky.dhi[k] = Math.min(dhi / subSteps, sky.ghi[k]);
    sky.dni[k] = upSum > 0 ? beamWeighted / upSum : 0;
  }
  return sky;
}
