/**
 * Time for meter data: Europe/Warsaw local time ↔ UTC without a time-zone library, and a
 * hand-written timestamp parser. Both run once per row of files with hundreds of thousands of
 * rows, so they use integer arithmetic on milliseconds and never create Date objects.
 *
 * "Naive" milliseconds are a wall-clock reading counted as if it were UTC
 * (2025-03-30 03:00 local → Date.UTC(2025, 2, 30, 3)); subtracting the offset gives the instant.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The calendar date of a day number (inverse of daysFromCivil): [year, month 1–12, day]. */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** Number of days in a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** 00:00 UTC of the last Sunday of a month (1–12). */
export function lastSundayUtcMs(year: number, month: number): number {
  const last = daysFromCivil(year, month, daysInMonth(year, month));
  // 1970-01-01 was a Thursday: weekday 0 = Sunday is (days + 4) mod 7.
  const weekday = (((last + 4) % 7) + 7) % 7;
  return (last - weekday) * DAY_MS;
}

/** Start of summer time (CEST) in the EU: last Sunday of March, 01:00 UTC. */
export function dstStartUtcMs(year: number): number {
  return lastSundayUtcMs(year, 3) + HOUR_MS;
}

/** End of summer time in the EU: last Sunday of October, 01:00 UTC. */
export function dstEndUtcMs(year: number): number {
  return lastSundayUtcMs(year, 10) + HOUR_MS;
}

/** The year a UTC or naive millisecond value falls in. */
function yearOf(ms: number): number {
  return civilFromDays(Math.floor(ms / DAY_MS))[0];
}

/** Europe/Warsaw's offset from UTC at an instant, in minutes: 60 (CET) or 120 (CEST). */
export function warsawOffsetMinutes(utcMs: number): 60 | 120 {
  const t = transitions(yearOf(utcMs));
  return utcMs >= t.dstStart && utcMs < t.dstEnd ? 120 : 60;
}

/** The Warsaw wall-clock reading (naive ms) of an instant. */
export function warsawUtcToLocal(utcMs: number): number {
  return utcMs + warsawOffsetMinutes(utcMs) * MINUTE_MS;
}

/** warsawLocalOffset: a local time in the autumn hour that happens twice. */
export const AMBIGUOUS = 1;
/** warsawLocalOffset: a local time in the spring hour that never happens. */
export const NONEXISTENT = 2;

/**
 * The offset in minutes (60 or 120) that applies to a Warsaw wall-clock reading, or AMBIGUOUS
 * (02:00–02:59 on the last Sunday of October) or NONEXISTENT (02:00–02:59 on the last Sunday of
 * March).
 */
export function warsawLocalOffset(naiveMs: number): number {
  let t = cache;
  if (naiveMs < t.yearStart || naiveMs >= t.yearEnd) t = transitions(yearOf(naiveMs));
  // In wall-clock terms the spring gap is [dstStart + 1 h, dstStart + 2 h) and the autumn
  // repetition is [dstEnd + 1 h, dstEnd + 2 h).
  if (naiveMs < t.dstStart + HOUR_MS) return 60;
  if (naiveMs < t.dstStart + 2 * HOUR_MS) return NONEXISTENT;
  if (naiveMs < t.dstEnd + HOUR_MS) return 120;
  if (naiveMs < t.dstEnd + 2 * HOUR_MS) return AMBIGUOUS;
  return 60;
}

/**
 * The instant of a Warsaw wall-clock reading. An ambiguous reading is taken as summer time
 * (its first occurrence) unless `second` is set; a non-existent one is read as winter time, which
 * is what a clock that was not moved forward would have meant.
 */
export function warsawLocalToUtc(naiveMs: number, second = false): number {
  const offset = warsawLocalOffset(naiveMs);
  if (offset === AMBIGUOUS) return naiveMs - (second ? 60 : 120) * MINUTE_MS;
  if (offset === NONEXISTENT) return naiveMs - 60 * MINUTE_MS;
  return naiveMs - offset * MINUTE_MS;
}

/** The instant of local midnight starting a day (days since 1970-01-01); never ambiguous. */
export function warsawMidnightUtc(days: number): number {
  return warsawLocalToUtc(days * DAY_MS);
}

interface Transitions {
  yearStart: number;
  yearEnd: number;
  dstStart: number;
  dstEnd: number;
}

let cache: Transitions = makeTransitions(2025);

function transitions(year: number): Transitions {
  if (cache.yearStart !== daysFromCivil(year, 1, 1) * DAY_MS) cache = makeTransitions(year);
  return cache;
}

function makeTransitions(year: number): Transitions {
  return {
    yearStart: daysFromCivil(year, 1, 1) * DAY_MS,
    yearEnd: daysFromCivil(year + 1, 1, 1) * DAY_MS,
    dstStart: dstStartUtcMs(year),
    dstEnd: dstEndUtcMs(year),
  };
}

/**
 * Turns Warsaw wall-clock readings into instants row after row, resolving the autumn hour by
 * order of appearance: the first time a reading of 02:xx is seen for a series it is summer time,
 * the next time winter time. Keys separate series that interleave (import and export rows,
 * several meters).
 */
export class LocalClock {
  /** Ambiguous readings met so far. */
  ambiguous = 0;
  /** Readings in the spring gap met so far. */
  nonexistent = 0;
  /** Whether the last reading converted fell in the spring gap. */
  lastNonexistent = false;
  private readonly seen = new Map<number, Set<number>>();

  /** The instant of a wall-clock reading in the series `key`. */
  toUtc(naiveMs: number, key: number): number {
    const offset = warsawLocalOffset(naiveMs);
    this.lastNonexistent = false;
    if (offset === 60 || offset === 120) return naiveMs - offset * MINUTE_MS;
    if (offset === NONEXISTENT) {
      this.nonexistent++;
      this.lastNonexistent = true;
      return naiveMs - 60 * MINUTE_MS;
    }
    this.ambiguous++;
    let seen = this.seen.get(key);
    if (seen === undefined) {
      seen = new Set();
      this.seen.set(key, seen);
    }
    if (seen.has(naiveMs)) return naiveMs - 60 * MINUTE_MS;
    seen.add(naiveMs);
    return naiveMs - 120 * MINUTE_MS;
  }
}

/** A parsed timestamp; reused between rows to avoid allocations. */
export interface Timestamp {
  /** The wall-clock reading as naive ms (UTC readings too). */
  naiveMs: number;
  /** Offset from UTC in minutes when the text carries one (`Z` is 0), else NaN. */
  offsetMinutes: number;
  /** False for a bare date. */
  hasTime: boolean;
  /** The label was `24:00` (hour-ending): naiveMs is then the next day's midnight. */
  hour24: boolean;
  /** The text was an Excel serial day number (days since 1899-12-30). */
  excelSerial: boolean;
}

/** A fresh Timestamp to pass to parseTimestamp. */
export function newTimestamp(): Timestamp {
  return { naiveMs: NaN, offsetMinutes: NaN, hasTime: false, hour24: false, excelSerial: false };
}

// The date text last parsed and its day number (see parseTimestamp).
let lastDate = '';
let lastDays = 0;

/** Dates outside these years are typing errors, not meter data. */
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

/**
 * Parses the timestamps of meter exports into `out`; false when the text is not one.
 * Dates: YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, DD.MM.YYYY, DD-MM-YYYY, DD/MM/YYYY. Then optionally
 * `T` or spaces and H:MM, HH:MM, HH:MM:SS (a fraction is ignored), hour 24 only as 24:00; then
 * optionally Z, ±HH, ±HHMM or ±HH:MM. Also an Excel serial day number such as 45658.5.
 */
export function parseTimestamp(s: string, out: Timestamp): boolean {
  const n = s.length;
  let i = 0;
  while (i < n && s.charCodeAt(i) === 32) i++;
  let end = n;
  while (end > i && s.charCodeAt(end - 1) === 32) end--;
  out.offsetMinutes = NaN;
  out.hasTime = false;
  out.hour24 = false;
  out.excelSerial = false;

  let j: number;
  let days: number;
  const cachedLen = lastDate.length;
  if (cachedLen > 0 && s.startsWith(lastDate, i) && (i + cachedLen >= end || !isDigit(s.charCodeAt(i + cachedLen)))) {
    // Rows of one day repeat the same date: skip re-parsing and re-validating it.
    days = lastDays;
    j = i + cachedLen;
  } else {
    j = i;
    while (j < end && isDigit(s.charCodeAt(j))) j++;
    const firstLen = j - i;
    let year: number;
    let month: number;
    let day: number;
    const dateStart = i;
    if (firstLen === 4) {
      year = num(s, i, j);
      const sep = s.charCodeAt(j);
      if (sep !== 45 && sep !== 47 && sep !== 46) return false;
      i = j + 1;
      j = skipDigits(s, i, end, 2);
      if (j === i || s.charCodeAt(j) !== sep) return false;
      month = num(s, i, j);
      i = j + 1;
      j = skipDigits(s, i, end, 2);
      if (j === i) return false;
      day = num(s, i, j);
    } else if (firstLen === 1 || firstLen === 2) {
      day = num(s, i, j);
      const sep = s.charCodeAt(j);
      if (sep !== 45 && sep !== 47 && sep !== 46) return false;
      i = j + 1;
      j = skipDigits(s, i, end, 2);
      if (j === i || s.charCodeAt(j) !== sep) return false;
      month = num(s, i, j);
      i = j + 1;
      j = skipDigits(s, i, end, 4);
      if (j - i !== 4) return false;
      year = num(s, i, j);
    } else if (firstLen === 5) {
      return parseExcelSerial(s, i, j, end, out);
    } else {
      return false;
    }
    if (j < end && isDigit(s.charCodeAt(j))) return false;
    if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12) return false;
    if (day < 1 || day > daysInMonth(year, month)) return false;
    days = daysFromCivil(year, month, day);
    lastDate = s.slice(dateStart, j);
    lastDays = days;
  }
  i = j;
  if (i === end) {
    out.naiveMs = days * DAY_MS;
    return true;
  }

  const c = s.charCodeAt(i);
  if (c === 84 || c === 116) i++;
  else if (c === 32) while (i < end && s.charCodeAt(i) === 32) i++;
  else return false;
  j = skipDigits(s, i, end, 2);
  if (j === i || s.charCodeAt(j) !== 58) return false;
  const hour = num(s, i, j);
  i = j + 1;
  j = skipDigits(s, i, end, 2);
  if (j - i !== 2) return false;
  const minute = num(s, i, j);
  i = j;
  let second = 0;
  if (i < end && s.charCodeAt(i) === 58) {
    j = skipDigits(s, i + 1, end, 2);
    if (j - i !== 3) return false;
    second = num(s, i + 1, j);
    i = j;
    if (i < end && (s.charCodeAt(i) === 46 || s.charCodeAt(i) === 44)) {
      j = skipDigits(s, i + 1, end, 9);
      if (j === i + 1) return false;
      i = j;
    }
  }
  if (minute > 59 || second > 59) return false;
  if (hour > 24 || (hour === 24 && (minute !== 0 || second !== 0))) return false;
  out.hasTime = true;
  out.hour24 = hour === 24;
  out.naiveMs = days * DAY_MS + hour * HOUR_MS + minute * MINUTE_MS + second * 1000;

  while (i < end && s.charCodeAt(i) === 32) i++;
  if (i === end) return true;
  const z = s.charCodeAt(i);
  if ((z === 90 || z === 122) && i + 1 === end) {
    out.offsetMinutes = 0;
    return true;
  }
  if (z !== 43 && z !== 45) return false;
  j = skipDigits(s, i + 1, end, 2);
  if (j - i !== 3) return false;
  const offHours = num(s, i + 1, j);
  let offMinutes = 0;
  i = j;
  if (i < end) {
    if (s.charCodeAt(i) === 58) i++;
    j = skipDigits(s, i, end, 2);
    if (j - i !== 2 || j !== end) return false;
    offMinutes = num(s, i, j);
  }
  if (offHours > 14 || offMinutes > 59) return false;
  out.offsetMinutes = (z === 45 ? -1 : 1) * (offHours * 60 + offMinutes);
  return true;
}

function parseExcelSerial(s: string, i: number, j: number, end: number, out: Timestamp): boolean {
  let value = num(s, i, j);
  if (j < end) {
    const c = s.charCodeAt(j);
    if (c !== 46 && c !== 44) return false;
    const k = skipDigits(s, j + 1, end, 12);
    if (k !== end || k === j + 1) return false;
    value += num(s, j + 1, k) / 10 ** (k - j - 1);
  }
  // Serial 32874 is 1990-01-01 and 73051 is 2100-01-01; 25569 is 1970-01-01.
  if (value < 32874 || value >= 73051) return false;
  // Excel stores times as binary fractions of a day: round to the minute.
  out.naiveMs = Math.round(((value - 25569) * DAY_MS) / MINUTE_MS) * MINUTE_MS;
  // A serial number always stands for a date and time: a whole number is midnight.
  out.hasTime = true;
  out.excelSerial = true;
  return true;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Index after at most `max` digits starting at i. */
function skipDigits(s: string, i: number, end: number, max: number): number {
  const stop = Math.min(end, i + max);
  while (i < stop && isDigit(s.charCodeAt(i))) i++;
  return i;
}

function num(s: string, from: number, to: number): number {
  let v = 0;
  for (let k = from; k < to; k++) v = v * 10 + (s.charCodeAt(k) - 48);
  return v;
}

/** An instant for messages: `2025-03-30 01:00 UTC`. */
export function formatUtc(utcMs: number): string {
  if (!Number.isFinite(utcMs)) return String(utcMs);
  const iso = new Date(utcMs).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** An instant in Warsaw time for messages: `2025-03-30 03:00 (UTC+02:00)`. */
export function formatWarsaw(utcMs: number): string {
  if (!Number.isFinite(utcMs)) return String(utcMs);
  const offset = warsawOffsetMinutes(utcMs);
  const iso = new Date(utcMs + offset * MINUTE_MS).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} (UTC+0${offset / 60}:00)`;
}
