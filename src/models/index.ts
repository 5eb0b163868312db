/**
 * The models' front door for the scenario code: one call per new generator or consumer of a
 * scenario, taking the spec objects as they appear in the scenario file (snake_case, optional
 * fields defaulted here) and returning kWh per interval on the cluster's grid.
 */
import { type BiogasMode, biogasSeries } from './biogas';
import { DEFAULT_LAT, DEFAULT_LON } from './climate';
import type { Grid } from './grid';
import { DEFAULT_SEED, pvSeries } from './pv';
import { DEFAULT_LOSSES } from './pv-module';
import type { WeatherYear } from './weather';
import { windSeries } from './wind';

export type { Grid } from './grid';
export type { WeatherYear } from './weather';
export { consumerSeries, PROFILE_NAMES, type ConsumerParams, type ProfileName } from './profiles';
export { pvSeries, pvYearBenchmark, type PvParams } from './pv';
export { windSeries, type WindParams } from './wind';
export { biogasSeries, type BiogasParams, type BiogasMode } from './biogas';
export {
  readPvgisSeriescalc,
  readPvgisTmy,
  pvgisProfileOnGrid,
  azimuthFromPvgis,
  azimuthToPvgis,
  type PvgisSeries,
  type PvgisTmy,
} from './pvgis';
export { polishHolidays, isPolishHoliday, easterSunday } from './holidays';
export { solarPosition, type SolarPosition } from './solar-position';

/** A PV generator as the scenario file writes it. Azimuth from north clockwise (180 = south). */
export interface PvSpec {
  type: 'pv';
  kwp: number;
  /** Degrees from horizontal (default 35). */
  tilt?: number;
  /** Degrees from north clockwise (default 180 = south). */
  azimuth?: number;
  /** Site (default Staszów, 50.56 N 21.17 E). */
  lat?: number;
  lon?: number;
  /** 0..1 (default 0.14). */
  losses?: number;
  /** Inverter AC rating, kW (default: no clipping). */
  ac_kw?: number;
}

/** A wind turbine as the scenario file writes it. */
export interface WindSpec {
  type: 'wind';
  kw: number;
  /** Default 100 m. */
  hub_height_m?: number;
}

/** A biogas CHP as the scenario file writes it. */
export interface BiogasSpec {
  type: 'biogas';
  kw: number;
  /** 0..1 (default 0.9). */
  availability?: number;
  /** Default 'flat'. */
  mode?: BiogasMode;
}

export type GeneratorSpec = PvSpec | WindSpec | BiogasSpec;

/** The defaults, in one place for the scenario editor to show. */
export const GENERATOR_DEFAULTS = {
  lat: DEFAULT_LAT,
  lon: DEFAULT_LON,
  tilt: 35,
  azimuth: 180,
  losses: DEFAULT_LOSSES,
  hub_height_m: 100,
  availability: 0.9,
  mode: 'flat',
} as const;

export interface GeneratorOptions {
  /** Seed of the synthetic weather and outages (default 1): the same seed gives the same series. */
  seed?: number;
  /** A loaded PVGIS TMY: PV and wind use it instead of the synthetic weather. */
  weather?: WeatherYear;
}

/** kWh per interval of a scenario's new generator on the cluster's grid. */
export function generatorSeries(spec: GeneratorSpec, grid: Grid, options: GeneratorOptions = {}): Float64Array {
  const seed = options.seed ?? DEFAULT_SEED;
  const d = GENERATOR_DEFAULTS;
  switch (spec.type) {
    case 'pv':
      return pvSeries(
        {
          kwp: spec.kwp,
          tilt: spec.tilt ?? d.tilt,
          azimuth: spec.azimuth ?? d.azimuth,
          lat: spec.lat ?? d.lat,
          lon: spec.lon ?? d.lon,
          losses: spec.losses ?? d.losses,
          acKw: spec.ac_kw,
          seed,
          weather: options.weather,
        },
        grid,
      );
    case 'wind':
      return windSeries({ kw: spec.kw, hubHeightM: spec.hub_height_m ?? d.hub_height_m, seed, weather: options.weather }, grid);
    case 'biogas':
      return biogasSeries(
        { kw: spec.kw, availability: spec.availability ?? d.availability, mode: spec.mode ?? d.mode, seed },
        grid,
      );
    default: {
      const never: never = spec;
      throw new Error(`unknown generator type "${String((never as { type?: unknown }).type)}"; known: pv, wind, biogas`);
    }
  }
}
