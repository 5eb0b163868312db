/**
 * A weather year: hourly irradiance, temperature and wind for one typical (or real) year, read
 * from a PVGIS TMY file (see pvgis.ts) and used by the PV and wind models instead of their
 * synthetic weather. A TMY stitches months from different years, so its rows are keyed by UTC
 * month, day and hour only; any grid year is filled from the same calendar hours (29 February,
 * which a TMY never has, repeats 28 February).
 */
import { DAY_MS, HOUR_MS, civilFromDays } from '../ingest/time';

/** Hours in the 365-day year a weather year is stored as. */
export const WEATHER_HOURS = 8760;

export interface WeatherYear {
  /** Global horizontal irradiance, W/m² (mean over the hour). Row h covers hour h of a 365-day UTC year. */
  ghi: Float64Array;
  /** Beam (direct) normal irradiance, W/m². */
  dni: Float64Array;
  /** Diffuse horizontal irradiance, W/m². */
  dhi: Float64Array;
  /** Air temperature at 2 m, °C. */
  airC: Float64Array;
  /** Wind speed at 10 m, m/s. */
  wind10: Float64Array;
  /** Where the file says it is, when it says so (degrees). */
  lat?: number;
  lon?: number;
  /** What it was read from, for messages. */
  source: string;
}

/** Days before each month in a 365-day year. */
const MONTH_START_DAY = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/** Row of a weather year for month (1–12), day and hour (UTC); 29 February → 28 February. */
export function weatherRow(month: number, day: number, hour: number): number {
  const d = month === 2 && day === 29 ? 28 : day;
  return (MONTH_START_DAY[month - 1] + d - 1) * 24 + hour;
}

/** Row of a weather year holding a UTC instant. */
export function weatherRowAt(utcMs: number): number {
  const days = Math.floor(utcMs / DAY_MS);
  const [, month, day] = civilFromDays(days);
  const hour = Math.floor((utcMs - days * DAY_MS) / HOUR_MS);
  return weatherRow(month, day, hour);
}

/** An empty weather year to fill. */
export function emptyWeatherYear(source: string): WeatherYear {
  return {
    ghi: new Float64Array(WEATHER_HOURS),
    dni: new Float64Array(WEATHER_HOURS),
    dhi: new Float64Array(WEATHER_HOURS),
    airC: new Float64Array(WEATHER_HOURS),
    wind10: new Float64Array(WEATHER_HOURS),
    source,
  };
}

const ids = new WeakMap<WeatherYear, number>();
let nextId = 1;

/** A number that identifies a weather year object, for cache keys. */
export function weatherId(w: WeatherYear): number {
  let id = ids.get(w);
  if (id === undefined) {
    id = nextId++;
    ids.set(w, id);
  }
  return id;
}
