/**
 * The export price r_w (CLUSTERS.md §5.1): 12 monthly values (RCEm, PSE's monthly market price)
 * or a loaded RCE series (PSE's market price per hour, per 15 minutes since October 2025) as users
 * download it from PSE's reports site (raporty.pse.pl, "Rynkowa cena energii elektrycznej (RCE)",
 * export to CSV), turned into one price per netting window.
 *
 * The RCE export is read by its header, not by position: a date column (`Doba`, `Doba handlowa`,
 * `Data`), a period column (`OREB [Jednostka czasu od-do]` = "00:00 - 00:15", or the older
 * `Godzina` = 1…24 of pse.pl's CSVs until June 2024, `2A` for the repeated autumn hour) and a price
 * column (`RCE [zł/MWh]`); any other column (`Data publikacji`) is ignored. Separator `;` (or `,`,
 * tab), decimal comma or point, quoted or not. Times are Europe/Warsaw local; on the autumn DST
 * day a period label seen a second time is the second (winter-time) occurrence.
 */
import {
  AMBIGUOUS,
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  NONEXISTENT,
  civilFromDays,
  daysFromCivil,
  warsawLocalOffset,
  warsawLocalToUtc,
  warsawMidnightUtc,
} from '../ingest/time';
import type { WindowCalendar } from './calendar';
import type { Provenance } from './tariffs';

/** One month's RCEm, PLN/MWh, with where the value comes from. */
export interface MonthlyPrice extends Provenance {
  month: number;
  plnPerMwh: number;
}

const PRESS = (where: string): Provenance => ({ source: `PSE RCEm as reported by ${where}`, date: '2025', status: 'published' });
const TABLE: Provenance = {
  source:
    'PSE RCEm from a public code repository\'s table (app/api/rcem/route.ts, "updated to 2025-07", citing pse.pl/oire/rcem); not found in the press — verify',
  date: '2025',
  status: 'published',
};
const INTERPOLATED: Provenance = {
  source: "estimated: linear between July (284.83) and November (382.88); not found published — replace with PSE's value",
  date: '2025',
  status: 'estimated',
};

/** RCEm 2025 (PLN/MWh); January, February, June, November and December from CLUSTERS.md §5.1. */
export const RCEM_2025: readonly MonthlyPrice[] = Object.freeze(
  [
    { month: 1, plnPerMwh: 480.01, ...PRESS('gramwzielone.pl (CLUSTERS.md §5.1)') },
    { month: 2, plnPerMwh: 442.02, ...PRESS('gramwzielone.pl (CLUSTERS.md §5.1)') },
    { month: 3, plnPerMwh: 182.96, ...PRESS('globenergia.pl ("Kolejny rekord RCEm", April 2025)') },
    { month: 4, plnPerMwh: 163.19, ...PRESS('globenergia.pl ("Kolejny rekord RCEm", May 2025)') },
    { month: 5, plnPerMwh: 216.97, ...TABLE },
    { month: 6, plnPerMwh: 136.3, ...PRESS('gramwzielone.pl (CLUSTERS.md §5.1)') },
    { month: 7, plnPerMwh: 284.83, ...TABLE },
    { month: 8, plnPerMwh: 309.34, ...INTERPOLATED },
    { month: 9, plnPerMwh: 333.86, ...INTERPOLATED },
    { month: 10, plnPerMwh: 358.37, ...INTERPOLATED },
    { month: 11, plnPerMwh: 382.88, ...PRESS('gramwzielone.pl (CLUSTERS.md §5.1)') },
    { month: 12, plnPerMwh: 466.08, ...PRESS('gramwzielone.pl, europesays.com (CLUSTERS.md §5.1)') },
  ].map((x) => Object.freeze(x)),
);

/** The default monthly export prices, PLN/kWh, January first. */
export const DEFAULT_MONTHLY_EXPORT_PRICES: readonly number[] = Object.freeze(
  RCEM_2025.map((x) => Number((x.plnPerMwh / 1000).toFixed(5))),
);

/** r_w from 12 monthly prices (PLN/kWh, January first) by each window's local month. */
export function monthlyExportPrices(cal: WindowCalendar, monthly: readonly number[]): Float64Array {
  if (monthly.length !== 12) throw new Error(`12 monthly prices are needed, not ${monthly.length}`);
  const out = new Float64Array(cal.count);
  for (let w = 0; w < cal.count; w++) out[w] = monthly[cal.month[w] - 1];
  return out;
}

// ---------------------------------------------------------------------------------------------
// PSE's RCE CSV.

/** An RCE file that cannot be read: 1-based line and column (fields), as the user sees them in a spreadsheet. */
export class RceParseError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly reason: string;
  constructor(file: string, line: number | undefined, column: number | undefined, reason: string) {
    const where =
      line === undefined ? file : column === undefined ? `${file} line ${line}` : `${file} line ${line}, column ${column}`;
    super(`${where}: ${reason}`);
    this.name = 'RceParseError';
    this.file = file;
    this.line = line;
    this.column = column;
    this.reason = reason;
  }
}

export interface RceSeries {
  /** Start of each price interval, UTC ms, ascending. */
  startUtcMs: Float64Array;
  /** PLN/MWh per interval (negative prices kept). */
  plnPerMwh: Float64Array;
  /** Interval length: 15 or 60 minutes. */
  minutes: number;
  /** Local dates (inclusive), YYYY-MM-DD. */
  from: string;
  to: string;
}

/** Splits one line into fields, honouring double quotes ("" inside quotes is a quote). */
function splitLine(line: string, sep: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out.map((f) => f.trim());
}

const norm = (s: string) =>
  s
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');

const DATE_HEADERS = ['doba', 'data', 'date', 'doba handlowa', 'business_date', 'business date', 'dzień', 'dzien'];
const isPeriodHeader = (h: string) =>
  /oreb|jednostka czasu|^godzina|^hour|^okres|^period|udtczas|^czas|^time/.test(h) && !/publikac|publication/.test(h);
const isPriceHeader = (h: string) => /^rce\b|rce_pln|^rce\s*\[|rynkowa cena energii/.test(h) && !/rcem/.test(h);

interface Row {
  line: number;
  days: number;
  /** Wall-clock minute of day of the start, or, for `hourNumber`, the 1-based hour label. */
  minute: number;
  hourNumber: boolean;
  /** Marked as the second occurrence (`2A`, `02a:00`). */
  second: boolean;
  /** Minutes of the period when the label says (OREB "from - to"). */
  span?: number;
  price: number;
  /** Column of the period, for messages. */
  periodColumn: number;
  dateColumn: number;
}

function parseDate(s: string): number | undefined {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return validDate(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})(?: .*)?$/.exec(s);
  if (m) return validDate(+m[3], +m[2], +m[1]);
  return undefined;
}

function validDate(y: number, mo: number, d: number): number | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  const days = daysFromCivil(y, mo, d);
  // 31 February and the like roll over: refuse them.
  return civilFromDays(days)[2] === d ? days : undefined;
}

/** "HH:MM" (with an optional `a` after the hour for the repeated autumn hour) → [minute, second?]. */
function parseClock(s: string): [number, boolean] | undefined {
  const m = /^(\d{1,2})(a?):(\d{2})(?::\d{2})?$/i.exec(s.trim());
  if (!m) return undefined;
  const h = +m[1];
  const min = +m[3];
  if (h > 24 || min > 59 || (h === 24 && min !== 0)) return undefined;
  return [h * 60 + min, m[2] !== ''];
}

function parseNumber(s: string): number | undefined {
  const t = s.replace(/[\s\u00a0]/g, '');
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(t)) return undefined;
  return Number(t.replace(',', '.'));
}

/**
 * Reads PSE's RCE CSV export. Throws RceParseError naming the line and column of the first thing
 * it cannot read.
 */
export function parseRceCsv(text: string, file = 'RCE file'): RceSeries {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  // The header: the first of the first ten non-empty lines naming a date, a period and a price.
  let headerAt = -1;
  let sep = ';';
  let cols = { date: -1, period: -1, price: -1 };
  let priceUnitKwh = false;
  for (let i = 0, seen = 0; i < lines.length && seen < 10; i++) {
    if (!lines[i].trim()) continue;
    seen++;
    const candidate = [';', '\t', ','].find((s) => lines[i].includes(s)) ?? ';';
    const names = splitLine(lines[i], candidate).map(norm);
    let date = -1;
    for (const h of DATE_HEADERS) {
      date = names.indexOf(h);
      if (date >= 0) break;
    }
    const period = names.findIndex(isPeriodHeader);
    const price = names.findIndex(isPriceHeader);
    if (price >= 0 && (period >= 0 || date >= 0)) {
      headerAt = i;
      sep = candidate;
      cols = { date, period, price };
      priceUnitKwh = /kwh/.test(names[price]);
      break;
    }
  }
  if (headerAt < 0) {
    const first = lines.findIndex((l) => l.trim());
    throw new RceParseError(
      file,
      first < 0 ? undefined : first + 1,
      undefined,
      first < 0
        ? 'the file is empty'
        : 'not a PSE RCE export: no header with a date (Doba), a period (OREB [Jednostka czasu od-do] or Godzina) and a price (RCE [zł/MWh])',
    );
  }

  const rows: Row[] = [];
  for (let i = headerAt + 1; i < lines.length; i++) {
    if (!lines[i].trim()) continue;
    const line = i + 1;
    const f = splitLine(lines[i], sep);
    const need = Math.max(cols.date, cols.period, cols.price);
    if (f.length <= need) {
      throw new RceParseError(file, line, f.length + 1, `the line has ${f.length} fields; the header has at least ${need + 1}`);
    }
    const priceText = f[cols.price];
    const value = parseNumber(priceText);
    if (value === undefined) {
      throw new RceParseError(file, line, cols.price + 1, `${JSON.stringify(priceText)} is not a price (a number, PLN/MWh)`);
    }
    const price = priceUnitKwh ? value * 1000 : value;

    // The date: its own column, or the date part of a "YYYY-MM-DD HH:MM" period.
    const periodText = cols.period >= 0 ? f[cols.period] : '';
    const dateColumn = cols.date >= 0 ? cols.date : cols.period;
    const dateText = cols.date >= 0 ? f[cols.date] : periodText;
    const days = parseDate(dateText);
    if (days === undefined) {
      throw new RceParseError(file, line, dateColumn + 1, `${JSON.stringify(dateText)} is not a date (YYYY-MM-DD)`);
    }
    const at = cols.period >= 0 ? cols.period + 1 : dateColumn + 1;
    const bad = () =>
      new RceParseError(
        file,
        line,
        at,
        `${JSON.stringify(periodText)} is not a period ("00:00 - 00:15", an hour 1–25 or "2A", or "YYYY-MM-DD HH:MM")`,
      );
    const base = { line, days, price, periodColumn: at, dateColumn: dateColumn + 1 };
    const range = /^(.+?)\s*-\s*(\d{1,2}a?:\d{2})$/i.exec(periodText);
    const stamp = /^\d{4}-\d{2}-\d{2}[ T](\d{1,2}a?:\d{2}(?::\d{2})?)$/i.exec(periodText);
    if (range) {
      const a = parseClock(range[1]);
      const b = parseClock(range[2]);
      if (!a || !b || a[0] >= 1440) throw bad();
      let span = b[0] - a[0];
      if (span <= 0) span += 1440;
      if (span !== 15 && span !== 60) {
        throw new RceParseError(
          file,
          line,
          at,
          `${JSON.stringify(periodText)} spans ${span} minutes; RCE periods are 15 or 60 minutes`,
        );
      }
      rows.push({ ...base, minute: a[0], hourNumber: false, second: a[1], span });
    } else if (stamp || /^\d{1,2}a?:\d{2}$/i.test(periodText)) {
      const a = parseClock(stamp ? stamp[1] : periodText);
      if (!a || a[0] >= 1440) throw bad();
      rows.push({ ...base, minute: a[0], hourNumber: false, second: a[1] });
    } else if (/^\d{1,2}a?$/i.test(periodText)) {
      const h = parseInt(periodText, 10);
      if (h < 1 || h > 25) throw bad();
      rows.push({ ...base, minute: h, hourNumber: true, second: /a$/i.test(periodText) });
    } else if (cols.period < 0 && /^\d{4}-\d{2}-\d{2}[ T]/.test(dateText)) {
      const a = parseClock(dateText.slice(11));
      if (!a || a[0] >= 1440) throw bad();
      rows.push({ ...base, minute: a[0], hourNumber: false, second: a[1] });
    } else {
      throw bad();
    }
  }
  if (rows.length === 0) throw new RceParseError(file, headerAt + 1, undefined, 'the file has a header but no prices');

  // Hour numbers: counted from local midnight (elapsed hours) on a DST day numbered 1…23 or 1…25,
  // else wall-clock hours (hour h starts at h − 1:00, "2A" the repeated one).
  const elapsedDays = new Set<number>();
  const byDay = new Map<number, Row[]>();
  for (const r of rows) {
    if (!r.hourNumber) continue;
    const list = byDay.get(r.days);
    if (list) list.push(r);
    else byDay.set(r.days, [r]);
  }
  for (const [days, list] of byDay) {
    const hoursInDay = (warsawMidnightUtc(days + 1) - warsawMidnightUtc(days)) / HOUR_MS;
    const labels = list.filter((r) => !r.second).map((r) => r.minute);
    if (hoursInDay !== 24 && labels.length === hoursInDay && labels.every((h, k) => h === k + 1)) elapsedDays.add(days);
    if (labels.includes(25)) elapsedDays.add(days);
  }

  const seen = new Map<number, number>(); // wall-clock label → line, to spot the repeated autumn hour
  const starts: { utc: number; row: Row }[] = [];
  for (const r of rows) {
    let utc: number;
    if (r.hourNumber && elapsedDays.has(r.days)) {
      utc = warsawMidnightUtc(r.days) + (r.minute - 1) * HOUR_MS;
    } else {
      // An "A" hour (2A, 3A: numbering varies) is the repeated 02:00–03:00 of the autumn DST day.
      const minute = r.hourNumber ? (r.second ? 120 : (r.minute - 1) * 60) : r.minute;
      const naive = r.days * DAY_MS + minute * MINUTE_MS;
      const label = naive;
      const offset = warsawLocalOffset(naive);
      if (offset === NONEXISTENT) {
        throw new RceParseError(
          file,
          r.line,
          r.periodColumn,
          'this local time does not exist (the clocks go forward that night)',
        );
      }
      if (r.second && offset !== AMBIGUOUS) {
        throw new RceParseError(file, r.line, r.periodColumn, 'a repeated hour ("A") on a day the clocks do not go back');
      }
      const second = r.second || (offset === AMBIGUOUS && seen.has(label));
      if (!r.second) seen.set(label, r.line);
      utc = warsawLocalToUtc(naive, second);
    }
    starts.push({ utc, row: r });
  }
  starts.sort((a, b) => a.utc - b.utc || a.row.line - b.row.line);

  // The period length: stated by the labels, else the most common step between starts.
  let minutes = rows.find((r) => r.span !== undefined)?.span;
  if (minutes === undefined) {
    if (rows.every((r) => r.hourNumber)) minutes = 60;
    else {
      let q = 0;
      let h = 0;
      for (let k = 1; k < starts.length; k++) {
        const d = starts[k].utc - starts[k - 1].utc;
        if (d === 15 * MINUTE_MS) q++;
        else if (d === HOUR_MS) h++;
      }
      minutes = q >= h && q > 0 ? 15 : 60;
    }
  }
  const mixed = rows.find((r) => r.span !== undefined && r.span !== minutes);
  if (mixed) {
    throw new RceParseError(file, mixed.line, mixed.periodColumn, `a ${mixed.span}-minute period among ${minutes}-minute ones`);
  }
  for (let k = 1; k < starts.length; k++) {
    if (starts[k].utc === starts[k - 1].utc) {
      const r = starts[k].row;
      throw new RceParseError(file, r.line, r.periodColumn, `the same period as line ${starts[k - 1].row.line}`);
    }
    if ((starts[k].utc - starts[0].utc) % (minutes * MINUTE_MS) !== 0) {
      const r = starts[k].row;
      throw new RceParseError(file, r.line, r.periodColumn, `does not start on the ${minutes}-minute grid of the file`);
    }
  }
  const iso = (days: number) => new Date(days * DAY_MS).toISOString().slice(0, 10);
  const dayList = rows.map((r) => r.days);
  return {
    startUtcMs: Float64Array.from(starts, (s) => s.utc),
    plnPerMwh: Float64Array.from(starts, (s) => s.row.price),
    minutes,
    from: iso(Math.min(...dayList)),
    to: iso(Math.max(...dayList)),
  };
}

/**
 * r_w (PLN/kWh) from an RCE series: the time-weighted mean of the prices within each window (an
 * hourly price applies to each of its quarter-hours). Windows the series does not cover take the
 * fallback monthly price (PLN/kWh, January first) and are counted in `missing`.
 */
export function rceExportPrices(
  series: RceSeries,
  cal: WindowCalendar,
  fallbackMonthly: readonly number[] = DEFAULT_MONTHLY_EXPORT_PRICES,
): { prices: Float64Array; missing: number } {
  const n = cal.count;
  const W = cal.windowMinutes * MINUTE_MS;
  const step = series.minutes * MINUTE_MS;
  const sum = new Float64Array(n);
  const dur = new Float64Array(n);
  for (let k = 0; k < series.startUtcMs.length; k++) {
    const s = series.startUtcMs[k];
    const e = s + step;
    const w0 = Math.max(0, Math.floor((s - cal.startUtcMs) / W));
    const w1 = Math.min(n - 1, Math.floor((e - 1 - cal.startUtcMs) / W));
    for (let w = w0; w <= w1; w++) {
      const ws = cal.startUtcMs + w * W;
      const overlap = Math.min(e, ws + W) - Math.max(s, ws);
      if (overlap > 0) {
        sum[w] += series.plnPerMwh[k] * overlap;
        dur[w] += overlap;
      }
    }
  }
  const prices = new Float64Array(n);
  let missing = 0;
  for (let w = 0; w < n; w++) {
    if (dur[w] > 0) prices[w] = sum[w] / dur[w] / 1000;
    else {
      prices[w] = fallbackMonthly[cal.month[w] - 1];
      missing++;
    }
  }
  return { prices, missing };
}
