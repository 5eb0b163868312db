/**
 * The local calendar of netting windows, for tariffs (CLUSTERS.md §5.2: a window's zone and
 * working-day status are those of its start in Europe/Warsaw local time; windows start on the
 * hour). Built once per grid; a tariff's zones become a 576-entry table (month × day type ×
 * hour), so the zone of every window of a year is one table look-up, precomputed once per
 * (grid, tariff).
 *
 * DST days follow the wall clock: on 30 Mar 2025 hourly windows have local hours 0, 1, 3, …, 23
 * (23 windows), on 26 Oct 2025 hour 2 comes twice (25 windows).
 */
import { DAY_MS, HOUR_MS, MINUTE_MS, civilFromDays, daysFromCivil, dstEndUtcMs, dstStartUtcMs } from '../ingest/time';
import { isPolishHoliday } from '../models/holidays';
import type { DayType, HourRange, PerKwhCapacity, Tariff } from './tariffs';

export interface WindowCalendar {
  startUtcMs: number;
  windowMinutes: number;
  count: number;
  /** Local hour 0–23 of each window's start. */
  hour: Uint8Array;
  /** Local month 1–12 of each window's start. */
  month: Uint8Array;
  /** 1 on working days (Monday–Friday except Polish public holidays), else 0. */
  working: Uint8Array;
  /** Each window's calendar month as an index into `monthKeys`. */
  monthIndex: Uint16Array;
  /** year × 12 + month − 1 of every calendar month present, in order. */
  monthKeys: number[];
  /** hour + 24 × working + 48 × (month − 1): the index into a zone table. */
  key: Uint16Array;
}

/** Entries of a zone table: 12 months × 2 day types × 24 hours. */
export const TABLE_SIZE = 12 * 2 * 24;

/** A zone table's value for an hour no zone covers. */
export const NO_ZONE = 255;

/** The calendar of `count` windows of `windowMinutes` from `startUtcMs`. */
export function windowCalendar(startUtcMs: number, windowMinutes: number, count: number): WindowCalendar {
  const hour = new Uint8Array(count);
  const month = new Uint8Array(count);
  const working = new Uint8Array(count);
  const monthIndex = new Uint16Array(count);
  const key = new Uint16Array(count);
  const monthKeys: number[] = [];
  const step = windowMinutes * MINUTE_MS;
  // Summer time of the current UTC year, recomputed when a window passes into the next year.
  let yearEnd = -Infinity;
  let dstStart = 0;
  let dstEnd = 0;
  let day = NaN;
  let m = 0;
  let work = 0;
  let mk = -1;
  for (let w = 0; w < count; w++) {
    const utc = startUtcMs + w * step;
    if (utc >= yearEnd || utc < yearEnd - 366 * DAY_MS) {
      const y = civilFromDays(Math.floor(utc / DAY_MS))[0];
      yearEnd = daysFromCivil(y + 1, 1, 1) * DAY_MS;
      dstStart = dstStartUtcMs(y);
      dstEnd = dstEndUtcMs(y);
    }
    const local = utc + (utc >= dstStart && utc < dstEnd ? 120 : 60) * MINUTE_MS;
    const d = Math.floor(local / DAY_MS);
    if (d !== day) {
      day = d;
      const [y, mo] = civilFromDays(d);
      m = mo;
      // 1970-01-01 was a Thursday: (days + 4) mod 7 is 0 on Sundays.
      const weekday = (((d + 4) % 7) + 7) % 7;
      work = weekday >= 1 && weekday <= 5 && !isPolishHoliday(d) ? 1 : 0;
      const k = y * 12 + mo - 1;
      if (k !== mk) {
        mk = k;
        monthKeys.push(k);
      }
    }
    const h = Math.floor((local - day * DAY_MS) / HOUR_MS);
    hour[w] = h;
    month[w] = m;
    working[w] = work;
    monthIndex[w] = monthKeys.length - 1;
    key[w] = h + 24 * work + 48 * (m - 1);
  }
  return { startUtcMs, windowMinutes, count, hour, month, working, monthIndex, monthKeys, key };
}

/** Whether a whole local hour lies in `[from, to)` (wrapping past midnight when from > to). */
export function inHours(h: number, [from, to]: HourRange): boolean {
  return from < to ? h >= from && h < to : h >= from || h < to;
}

/** The index of the zone of a tariff that applies, or -1 when none does (the first match wins). */
export function zoneAt(tariff: Tariff, hour: number, month: number, working: boolean): number {
  const day: DayType = working ? 'workdays' : 'free';
  return tariff.zones.findIndex(
    (z) =>
      (z.days === undefined || z.days === day) &&
      (z.months === undefined || z.months.includes(month)) &&
      z.hours.some((r) => inHours(hour, r)),
  );
}

/** A tariff's zone for every (month, day type, hour): index by `WindowCalendar.key`; NO_ZONE where none. */
export function zoneTable(tariff: Tariff): Uint8Array {
  const table = new Uint8Array(TABLE_SIZE);
  for (let m = 1; m <= 12; m++) {
    for (let work = 0; work <= 1; work++) {
      for (let h = 0; h < 24; h++) {
        const z = zoneAt(tariff, h, m, work === 1);
        table[h + 24 * work + 48 * (m - 1)] = z < 0 ? NO_ZONE : z;
      }
    }
  }
  return table;
}

/** Hours of a tariff no zone covers, as {month, days, hour}; empty for a valid tariff. */
export function uncoveredHours(tariff: Pick<Tariff, 'zones'>): { month: number; days: DayType; hour: number }[] {
  const out: { month: number; days: DayType; hour: number }[] = [];
  for (let m = 1; m <= 12; m++) {
    for (const days of ['workdays', 'free'] as const) {
      for (let h = 0; h < 24; h++) {
        if (zoneAt(tariff as Tariff, h, m, days === 'workdays') < 0) out.push({ month: m, days, hour: h });
      }
    }
  }
  return out;
}

const zoneCache = new WeakMap<WindowCalendar, WeakMap<Tariff, Uint8Array>>();

/**
 * The zone index of every window under a tariff, computed once per (calendar, tariff object) and
 * kept while both live. Throws when an hour is in no zone (the schema refuses such tariffs).
 */
export function zoneIndices(cal: WindowCalendar, tariff: Tariff): Uint8Array {
  let byTariff = zoneCache.get(cal);
  if (!byTariff) {
    byTariff = new WeakMap();
    zoneCache.set(cal, byTariff);
  }
  let out = byTariff.get(tariff);
  if (!out) {
    const table = zoneTable(tariff);
    out = new Uint8Array(cal.count);
    for (let w = 0; w < cal.count; w++) {
      const z = table[cal.key[w]];
      if (z === NO_ZONE) {
        throw new Error(`local hour ${cal.hour[w]} of month ${cal.month[w]} (window ${w}) is in no zone of the tariff`);
      }
      out[w] = z;
    }
    byTariff.set(tariff, out);
  }
  return out;
}

/** 1 for the windows in a per-kWh capacity fee's hours on a working day, else 0. */
export function capacityWindows(cal: WindowCalendar, capacity: Pick<PerKwhCapacity, 'hours'>): Uint8Array {
  const byHour = new Uint8Array(24);
  for (let h = 0; h < 24; h++) byHour[h] = inHours(h, capacity.hours) ? 1 : 0;
  const out = new Uint8Array(cal.count);
  for (let w = 0; w < cal.count; w++) out[w] = cal.working[w] & byHour[cal.hour[w]];
  return out;
}

let lastCalendar: WindowCalendar | undefined;

/** windowCalendar, reusing the last one built for the same grid. */
export function calendarFor(startUtcMs: number, windowMinutes: number, count: number): WindowCalendar {
  const c = lastCalendar;
  if (c && c.startUtcMs === startUtcMs && c.windowMinutes === windowMinutes && c.count === count) return c;
  lastCalendar = windowCalendar(startUtcMs, windowMinutes, count);
  return lastCalendar;
}
