/**
 * A PV system's output on a grid, kWh per interval: the sky (sky.ts) seen by one module plane
 * (transposition.ts), through the module and inverter (pv-module.ts). The sun is taken at each
 * interval's midpoint and the power there stands for the whole interval.
 *
 * Cost: the sky is shared and cached per grid; what is left per interval is a dot product, a
 * few multiplications and one exp for the reflection loss, so a 15-minute year takes a few ms
 * once the sky exists (measured figures: see pvYearBenchmark).
 */
import { DEFAULT_LAT, DEFAULT_LON, type Climate } from './climate';
import { type Grid, checkGrid } from './grid';
import { DEFAULT_LOSSES, acPower, cellTemperature } from './pv-module';
import { clearSkyCache, skyOverGrid } from './sky';
import { DEFAULT_ALBEDO, iamMartinRuiz, iamMartinRuizDiffuse, planeNormal } from './transposition';
import type { WeatherYear } from './weather';

export interface PvParams {
  /** Peak (DC, STC) power, kWp. */
  kwp: number;
  /** Module tilt from the horizontal, degrees (0 flat … 90 vertical). */
  tilt: number;
  /** Module azimuth, degrees from north clockwise (180 = south; PVGIS's 0 = south is 180 here). */
  azimuth: number;
  /** Site, degrees north and east. */
  lat: number;
  lon: number;
  /** Lumped system losses, 0..1 (default 0.14 as PVGIS). */
  losses?: number;
  /** Inverter AC rating, kW: output is clipped there (default: no clipping). */
  acKw?: number;
  /** Seed of the synthetic cloudiness (default 1). */
  seed?: number;
  /** Ground reflectance (default 0.2). */
  albedo?: number;
  /** A weather year (PVGIS TMY) instead of the synthetic climatology. */
  weather?: WeatherYear;
  /** Climatology for the synthetic sky (default: Staszów, climate.ts). */
  climate?: Climate;
}

/** Default seed of the synthetic weather. */
export const DEFAULT_SEED = 1;

/** Checks PV parameters; throws with the field named. */
export function checkPvParams(p: PvParams): void {
  const need = (ok: boolean, what: string) => {
    if (!ok) throw new Error(`PV: ${what}`);
  };
  need(Number.isFinite(p.kwp) && p.kwp >= 0, `kwp ${p.kwp} must be a number ≥ 0`);
  need(Number.isFinite(p.tilt) && p.tilt >= 0 && p.tilt <= 90, `tilt ${p.tilt} must be 0–90 degrees from the horizontal`);
  need(Number.isFinite(p.azimuth), `azimuth ${p.azimuth} must be a number of degrees from north (180 = south)`);
  need(Number.isFinite(p.lat) && Math.abs(p.lat) <= 90, `lat ${p.lat} must be −90–90 degrees`);
  need(Number.isFinite(p.lon) && Math.abs(p.lon) <= 180, `lon ${p.lon} must be −180–180 degrees`);
  if (p.losses !== undefined)
    need(Number.isFinite(p.losses) && p.losses >= 0 && p.losses < 1, `losses ${p.losses} must be 0 ≤ losses < 1`);
  if (p.acKw !== undefined) need(p.acKw > 0, `acKw ${p.acKw} must be > 0`);
  if (p.albedo !== undefined) need(Number.isFinite(p.albedo) && p.albedo >= 0 && p.albedo <= 1, `albedo ${p.albedo} must be 0–1`);
  if (p.seed !== undefined) need(Number.isFinite(p.seed), `seed ${p.seed} must be a number`);
}

/** kWh per interval of a PV system on a grid (intervals of at most an hour). */
export function pvSeries(p: PvParams, grid: Grid): Float64Array {
  checkGrid(grid);
  checkPvParams(p);
  if (grid.stepMinutes > 60)
    throw new Error(`PV: intervals of ${grid.stepMinutes} min are too long for the sun's path; use 60 min or less`);
  const n = grid.intervals;
  const out = new Float64Array(n);
  if (n === 0 || p.kwp === 0) return out;
  const sky = skyOverGrid(grid, {
    lat: p.lat,
    lon: p.lon,
    seed: p.seed ?? DEFAULT_SEED,
    climate: p.climate,
    weather: p.weather,
  });
  const losses = p.losses ?? DEFAULT_LOSSES;
  const acKw = p.acKw ?? Infinity;
  const albedo = p.albedo ?? DEFAULT_ALBEDO;
  const [ne, nn, nu] = planeNormal({ tilt: p.tilt, azimuth: p.azimuth });
  const cosB = nu;
  const skyView = (1 + cosB) / 2;
  const groundView = ((1 - cosB) / 2) * albedo;
  const iamDiffuse = iamMartinRuizDiffuse(p.tilt);
  const hours = grid.stepMinutes / 60;
  const { sunEast, sunNorth, sunUp, e0, ghi, dni, dhi, airC, windMs } = sky;
  for (let k = 0; k < n; k++) {
    const up = sunUp[k];
    if (up <= 0 || ghi[k] <= 0) continue;
    const cosAoi = ne * sunEast[k] + nn * sunNorth[k] + nu * up;
    const c = cosAoi > 0 ? cosAoi : 0;
    // Hay–Davies: circumsolar diffuse follows the beam, the rest is isotropic.
    const ai = Math.min(dni[k] / e0[k], 1);
    const rb = c / (up > 0.0174524 ? up : 0.0174524);
    const beam = dni[k] * c + dhi[k] * ai * rb;
    const iso = dhi[k] * (1 - ai) * skyView;
    const ground = ghi[k] * groundView;
    const poa = beam + iso + ground;
    if (poa <= 0) continue;
    const effective = beam * iamMartinRuiz(c) + iso * iamDiffuse.sky + ground * iamDiffuse.ground;
    out[k] = acPower(p.kwp, effective, cellTemperature(poa, airC[k], windMs[k]), losses, acKw) * hours;
  }
  return out;
}

/** The defaults the scenario file's PV spec falls back on. */
export const PV_DEFAULTS = { lat: DEFAULT_LAT, lon: DEFAULT_LON, tilt: 35, azimuth: 180, losses: DEFAULT_LOSSES } as const;

/**
 * For the bench: a 1,000 kWp south-facing system over the 2025 Warsaw year in quarter-hours
 * (35,040 intervals), once from a cold sky cache and once warm (a second plane on the same sky).
 * Returns the milliseconds of each and the energy, so a regression shows up as a number.
 */
export function pvYearBenchmark(now: () => number = () => performance.now()): { coldMs: number; warmMs: number; kwh: number } {
  const grid: Grid = { startUtcMs: Date.UTC(2024, 11, 31, 23), stepMinutes: 15, intervals: 35_040 };
  clearSkyCache();
  const t0 = now();
  const a = pvSeries({ ...PV_DEFAULTS, kwp: 1000 }, grid);
  const t1 = now();
  pvSeries({ ...PV_DEFAULTS, kwp: 1000, azimuth: 90 }, grid);
  const t2 = now();
  let kwh = 0;
  for (let k = 0; k < a.length; k++) kwh += a[k];
  return { coldMs: t1 - t0, warmMs: t2 - t1, kwh };
}
