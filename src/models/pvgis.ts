/**
 * Readers for what users download from PVGIS (the European Commission's free PV tool,
 * re.jrc.ec.europa.eu/pvg_tools), the usual source of a Polish site's solar yield:
 *
 * - the hourly "seriescalc" output with a PV calculation (CSV or JSON): a PV profile. `P` is in W
 *   for the simulated system; a profile for another size scales by kWp asked / kWp simulated.
 * - the TMY (typical meteorological year) CSV: a weather year for the PV and wind models.
 *
 * Conventions that trip people up (CLUSTERS.md §8, test/fixtures/pvgis/README.md): times are
 * UTC, `YYYYMMDD:HHMM`, and a seriescalc row stamped `hh:10` (the satellite's time) holds the
 * value for the hour hh:00–hh+1:00; PVGIS's azimuth ("aspect") is 0 = south, −90 = east,
 * 90 = west, while this project counts from north clockwise (180 = south).
 *
 * Errors name the file, line and column (1-based) and the text found, in the style
 * `tmy.csv line 12, column 2: "abc" is not a number`.
 */
import { DAY_MS, HOUR_MS, civilFromDays, daysFromCivil, daysInMonth } from '../ingest/time';
import { type Grid, checkGrid, stepMs } from './grid';
import { WEATHER_HOURS, type WeatherYear, emptyWeatherYear, weatherRow } from './weather';

/** PVGIS aspect (0 = south, −90 = east, 90 = west) → azimuth from north clockwise, 0–360. */
export function azimuthFromPvgis(aspect: number): number {
  return (((aspect + 180) % 360) + 360) % 360;
}

/** Azimuth from north clockwise → PVGIS aspect in (−180, 180]. */
export function azimuthToPvgis(azimuth: number): number {
  const a = (((azimuth - 180) % 360) + 360) % 360;
  return a > 180 ? a - 360 : a;
}

/** An hourly PV output series from a PVGIS seriescalc file. */
export interface PvgisSeries {
  /** UTC start of each row's hour, ascending. */
  hourUtcMs: Float64Array;
  /** PV power of the simulated system, W (the hour's mean). */
  powerW: Float64Array;
  /** Peak power PVGIS simulated, kWp. */
  kwp: number;
  /** From the header, when present: site (degrees), slope (degrees), azimuth (ours, 180 = south), losses (%). */
  lat?: number;
  lon?: number;
  tilt?: number;
  azimuth?: number;
  lossesPct?: number;
  /** The file name, for messages. */
  source: string;
}

/** Strict decimal number (PVGIS writes plain decimals like `-0.0`, `1187.2`, `1e-3` is accepted too). */
const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

function where(file: string, line: number, column?: number): string {
  return column === undefined ? `${file} line ${line}` : `${file} line ${line}, column ${column}`;
}

function parseNumber(cell: string, file: string, line: number, column: number): number {
  const text = cell.trim();
  if (!NUMBER.test(text)) throw new Error(`${where(file, line, column)}: "${text}" is not a number`);
  return Number(text);
}

/** `20200101:0010` → UTC ms of the start of that hour; throws naming the place. */
function parsePvgisTime(cell: string, file: string, line: number, column: number): number {
  const text = cell.trim();
  const m = /^(\d{4})(\d{2})(\d{2}):(\d{2})(\d{2})$/.exec(text);
  const bad = () => new Error(`${where(file, line, column)}: "${text}" is not a PVGIS time (YYYYMMDD:HHMM, UTC)`);
  if (!m) throw bad();
  const [year, month, day, hour, minute] = m.slice(1).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59) throw bad();
  return daysFromCivil(year, month, day) * DAY_MS + hour * HOUR_MS;
}

function splitLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
}

/** Header lines like `Latitude (decimal degrees):\t45.000` → number, or undefined. */
function headerNumber(lines: string[], pattern: RegExp): number | undefined {
  for (const line of lines) {
    const m = pattern.exec(line);
    if (m) {
      const v = Number(m[1]);
      if (Number.isFinite(v)) return v;
    }
  }
  return undefined;
}

/**
 * Reads a PVGIS hourly seriescalc file with a PV calculation, CSV or JSON (told apart by the
 * first character). The simulated peak power comes from the file (CSV header line "Nominal
 * power of the PV system … (kWp)", JSON inputs.pv_module.peak_power) or, failing that, from
 * `options.kwp`.
 */
export function readPvgisSeriescalc(text: string, fileName = 'PVGIS file', options: { kwp?: number } = {}): PvgisSeries {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('{')) return readSeriescalcJson(trimmed, fileName, options);
  return readSeriescalcCsv(text, fileName, options);
}

function readSeriescalcCsv(text: string, file: string, options: { kwp?: number }): PvgisSeries {
  const lines = splitLines(text);
  const headerAt = lines.findIndex((l) => l.startsWith('time,'));
  if (headerAt < 0) {
    if (lines.some((l) => l.startsWith('time(UTC),'))) {
      throw new Error(`${file}: this is a PVGIS TMY file (weather), not an hourly PV series; load it as weather`);
    }
    throw new Error(
      `${file}: no PVGIS data header (a line starting "time,") was found; is this a PVGIS hourly (seriescalc) CSV?`,
    );
  }
  const header = lines.slice(0, headerAt);
  const columns = lines[headerAt].split(',').map((c) => c.trim());
  const pCol = columns.indexOf('P');
  if (pCol < 0) {
    throw new Error(
      `${where(file, headerAt + 1)}: no "P" column (columns: ${columns.join(', ')}): this file has radiation only; ` +
        `in PVGIS tick "PV power" to get the PV system's output`,
    );
  }
  const hours: number[] = [];
  const power: number[] = [];
  for (let i = headerAt + 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') break;
    const cells = line.split(',');
    if (cells.length !== columns.length) {
      throw new Error(`${where(file, i + 1)}: ${cells.length} columns where the header has ${columns.length}`);
    }
    const t = parsePvgisTime(cells[0], file, i + 1, 1);
    const p = parseNumber(cells[pCol], file, i + 1, pCol + 1);
    if (p < 0) throw new Error(`${where(file, i + 1, pCol + 1)}: "${cells[pCol].trim()}" is negative; PV power cannot be`);
    if (hours.length > 0 && t <= hours[hours.length - 1]) {
      throw new Error(`${where(file, i + 1, 1)}: "${cells[0].trim()}" is not after the row before it`);
    }
    hours.push(t);
    power.push(p);
  }
  if (hours.length === 0) throw new Error(`${file}: the data section after line ${headerAt + 1} is empty`);
  const kwp = headerNumber(header, /^Nominal power of the PV system.*\(kWp\):\s*([-+\d.eE]+)/) ?? options.kwp;
  const aspect = headerNumber(header, /^Azimuth(?: angle)?[^:]*:\s*([-+\d.]+)/);
  return {
    hourUtcMs: Float64Array.from(hours),
    powerW: Float64Array.from(power),
    kwp: checkKwp(kwp, file),
    lat: headerNumber(header, /^Latitude[^:]*:\s*([-+\d.]+)/),
    lon: headerNumber(header, /^Longitude[^:]*:\s*([-+\d.]+)/),
    tilt: headerNumber(header, /^Slope[^:]*:\s*([-+\d.]+)/),
    azimuth: aspect === undefined ? undefined : azimuthFromPvgis(aspect),
    lossesPct: headerNumber(header, /^System losses[^:]*:\s*([-+\d.]+)/),
    source: file,
  };
}

function checkKwp(kwp: number | undefined, file: string): number {
  if (kwp === undefined) {
    throw new Error(`${file}: the file does not say the simulated peak power (kWp); give it to scale the profile`);
  }
  if (!(Number.isFinite(kwp) && kwp > 0)) throw new Error(`${file}: simulated peak power ${kwp} kWp must be a number > 0`);
  return kwp;
}

function readSeriescalcJson(text: string, file: string, options: { kwp?: number }): PvgisSeries {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const get = (o: unknown, key: string): unknown =>
    o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[key] : undefined;
  const inputs = get(doc, 'inputs');
  const rows = get(get(doc, 'outputs'), 'hourly');
  if (!Array.isArray(rows)) throw new Error(`${file}: no outputs.hourly array; is this a PVGIS hourly (seriescalc) JSON?`);
  const hours = new Float64Array(rows.length);
  const power = new Float64Array(rows.length);
  rows.forEach((row, i) => {
    const place = `outputs.hourly[${i}]`;
    const time = get(row, 'time');
    const p = get(row, 'P');
    if (typeof time !== 'string') throw new Error(`${file} ${place}.time: ${JSON.stringify(time)} is not a PVGIS time`);
    if (p === undefined) throw new Error(`${file} ${place}: no "P": this file has radiation only; in PVGIS tick "PV power"`);
    if (typeof p !== 'number' || !Number.isFinite(p) || p < 0)
      throw new Error(`${file} ${place}.P: ${JSON.stringify(p)} is not a power ≥ 0`);
    const m = /^(\d{4})(\d{2})(\d{2}):(\d{2})(\d{2})$/.exec(time);
    const [year, month, day, hour] = m ? m.slice(1).map(Number) : [0, 0, 0, 99];
    if (!m || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23) {
      throw new Error(`${file} ${place}.time: "${time}" is not a PVGIS time (YYYYMMDD:HHMM, UTC)`);
    }
    hours[i] = daysFromCivil(year, month, day) * DAY_MS + hour * HOUR_MS;
    if (i > 0 && hours[i] <= hours[i - 1]) throw new Error(`${file} ${place}.time: "${time}" is not after the row before it`);
    power[i] = p;
  });
  if (rows.length === 0) throw new Error(`${file}: outputs.hourly is empty`);
  const location = get(inputs, 'location');
  const pv = get(inputs, 'pv_module');
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const mounting = get(get(inputs, 'mounting_system'), 'fixed');
  const aspect = num(get(get(mounting, 'azimuth'), 'value'));
  return {
    hourUtcMs: hours,
    powerW: power,
    kwp: checkKwp(num(get(pv, 'peak_power')) ?? options.kwp, file),
    lat: num(get(location, 'latitude')),
    lon: num(get(location, 'longitude')),
    tilt: num(get(get(mounting, 'slope'), 'value')),
    azimuth: aspect === undefined ? undefined : azimuthFromPvgis(aspect),
    lossesPct: num(get(pv, 'system_loss')),
    source: file,
  };
}

/**
 * A PVGIS PV series placed on a grid for a system of `kwp`: kWh per interval. Each row's power
 * holds for its whole UTC hour; intervals take the overlapping part of each hour (a quarter-hour
 * gets a quarter of the hour's energy). Hours of the grid's years that the file covers are taken
 * as they are; other hours (PVGIS data end a few years back) take the same UTC month, day and
 * hour from the latest year of the file that has it, 29 February falling back to 28 February.
 */
export function pvgisProfileOnGrid(series: PvgisSeries, kwp: number, grid: Grid): Float64Array {
  checkGrid(grid);
  if (!(Number.isFinite(kwp) && kwp >= 0)) throw new Error(`PVGIS profile: kwp ${kwp} must be a number ≥ 0`);
  const n = grid.intervals;
  const out = new Float64Array(n);
  if (n === 0) return out;
  const byHour = new Map<number, number>();
  const years = new Set<number>();
  for (let i = 0; i < series.hourUtcMs.length; i++) {
    byHour.set(series.hourUtcMs[i], series.powerW[i]);
    years.add(civilFromDays(Math.floor(series.hourUtcMs[i] / DAY_MS))[0]);
  }
  const fileYears = [...years].sort((a, b) => b - a);
  const kwPerW = kwp / series.kwp / 1000;
  const lookup = (hour: number): number => {
    const exact = byHour.get(hour);
    if (exact !== undefined) return exact;
    const days = Math.floor(hour / DAY_MS);
    const [, month, day] = civilFromDays(days);
    const h = hour - days * DAY_MS;
    for (const y of fileYears) {
      const d = month === 2 && day === 29 && daysInMonth(y, 2) === 28 ? 28 : day;
      const v = byHour.get(daysFromCivil(y, month, d) * DAY_MS + h);
      if (v !== undefined) return v;
    }
    const first = new Date(series.hourUtcMs[0]).toISOString().slice(0, 13);
    const last = new Date(series.hourUtcMs[series.hourUtcMs.length - 1]).toISOString().slice(0, 13);
    throw new Error(
      `${series.source}: no value for ${new Date(hour).toISOString().slice(5, 13)}:00 UTC (the file covers ${first}:00 to ${last}:00 UTC); ` +
        `download whole years from PVGIS`,
    );
  };
  const step = stepMs(grid);
  for (let k = 0; k < n; k++) {
    const a = grid.startUtcMs + k * step;
    const b = a + step;
    let t = a;
    let kwh = 0;
    while (t < b) {
      const hour = Math.floor(t / HOUR_MS) * HOUR_MS;
      const end = Math.min(hour + HOUR_MS, b);
      kwh += lookup(hour) * kwPerW * ((end - t) / HOUR_MS);
      t = end;
    }
    out[k] = kwh;
  }
  return out;
}

/** A TMY weather year and what the file says about itself. */
export interface PvgisTmy extends WeatherYear {
  /** Which year each month was taken from (from the header, when present). */
  monthsSelected?: { month: number; year: number }[];
}

const TMY_COLUMNS = ['T2m', 'G(h)', 'Gb(n)', 'Gd(h)', 'WS10m'] as const;

/**
 * Reads a PVGIS TMY CSV (`time(UTC),T2m,RH,G(h),Gb(n),Gd(h),IR(h),WS10m,WD10m,SP`), with or
 * without the header block (latitude, longitude, elevation, the month/year table) and footer of
 * site downloads. Every hour of the 365-day year must appear exactly once.
 */
export function readPvgisTmy(text: string, fileName = 'PVGIS TMY'): PvgisTmy {
  const file = fileName;
  const lines = splitLines(text);
  const headerAt = lines.findIndex((l) => l.startsWith('time(UTC),'));
  if (headerAt < 0) {
    if (lines.some((l) => l.startsWith('time,'))) {
      throw new Error(`${file}: this is a PVGIS hourly series (seriescalc), not a TMY; load it as a PV profile`);
    }
    throw new Error(`${file}: no PVGIS TMY header (a line starting "time(UTC),") was found`);
  }
  const columns = lines[headerAt].split(',').map((c) => c.trim());
  const col: Record<(typeof TMY_COLUMNS)[number], number> = { T2m: -1, 'G(h)': -1, 'Gb(n)': -1, 'Gd(h)': -1, WS10m: -1 };
  for (const name of TMY_COLUMNS) {
    col[name] = columns.indexOf(name);
    if (col[name] < 0) throw new Error(`${where(file, headerAt + 1)}: no "${name}" column (columns: ${columns.join(', ')})`);
  }
  const w: PvgisTmy = emptyWeatherYear(file);
  const seenOn = new Int32Array(WEATHER_HOURS);
  for (let i = headerAt + 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') break;
    const lineNo = i + 1;
    const cells = line.split(',');
    if (cells.length !== columns.length)
      throw new Error(`${where(file, lineNo)}: ${cells.length} columns where the header has ${columns.length}`);
    const t = parsePvgisTime(cells[0], file, lineNo, 1);
    const days = Math.floor(t / DAY_MS);
    const [, month, day] = civilFromDays(days);
    if (month === 2 && day === 29) continue;
    const row = weatherRow(month, day, (t - days * DAY_MS) / HOUR_MS);
    if (seenOn[row]) {
      throw new Error(
        `${where(file, lineNo, 1)}: "${cells[0].trim()}" is the same hour of the year as line ${seenOn[row]}; a TMY has each hour once`,
      );
    }
    seenOn[row] = lineNo;
    const value = (name: (typeof TMY_COLUMNS)[number]) => parseNumber(cells[col[name]], file, lineNo, col[name] + 1);
    w.airC[row] = value('T2m');
    w.ghi[row] = value('G(h)');
    w.dni[row] = value('Gb(n)');
    w.dhi[row] = value('Gd(h)');
    w.wind10[row] = value('WS10m');
    if (w.wind10[row] < 0)
      throw new Error(`${where(file, lineNo, col.WS10m + 1)}: "${cells[col.WS10m].trim()}" is negative; a wind speed cannot be`);
  }
  const missing = seenOn.indexOf(0);
  if (missing >= 0) {
    const days = daysFromCivil(2001, 1, 1) + Math.floor(missing / 24);
    const [, month, day] = civilFromDays(days);
    const count = seenOn.reduce((c, v) => c + (v === 0 ? 1 : 0), 0);
    throw new Error(
      `${file}: ${count} of the year's 8,760 hours are missing, the first ${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')} ` +
        `${String(missing % 24).padStart(2, '0')}:00 UTC; a TMY needs them all`,
    );
  }
  const header = lines.slice(0, headerAt);
  w.lat = headerNumber(header, /^Latitude[^:]*:\s*([-+\d.]+)/);
  w.lon = headerNumber(header, /^Longitude[^:]*:\s*([-+\d.]+)/);
  const table = header.findIndex((l) => l.trim() === 'month,year');
  if (table >= 0) {
    const months: { month: number; year: number }[] = [];
    for (let i = table + 1; i < header.length && /^\d+,\d+\s*$/.test(header[i]); i++) {
      const [month, year] = header[i].split(',').map(Number);
      months.push({ month, year });
    }
    if (months.length === 12) w.monthsSelected = months;
  }
  return w;
}
