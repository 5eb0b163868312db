/**
 * Filling the holes of a meter series (NaN values) so that balancing does not read a missing
 * interval as zero consumption: with zeros, by linear interpolation between the neighbouring
 * measured values, or from the meter's own profile (mean of the same local hour and day type).
 * Filled intervals are marked so that the UI can show them. Measured values are never changed.
 */

import { DAY_MS, HOUR_MS, MINUTE_MS, civilFromDays, dstEndUtcMs, dstStartUtcMs, warsawOffsetMinutes } from './time';
// One calendar of public holidays for gap filling, load profiles and (later) tariffs.
import { isPolishHoliday } from '../models/holidays';

/** How missing values are filled. */
export type GapFillMethod = 'zero' | 'linear' | 'profile';

/** A period whose total energy is known, e.g. the difference of two counter readings. */
export interface CounterSpan {
  startUtcMs: number;
  /** Exclusive. */
  endUtcMs: number;
  /** Energy of the whole span (measured and missing intervals together), kWh. */
  totalKwh: number;
}

export interface GapFillOptions {
  /**
   * Known totals (linear and profile only): the filled values inside a span are scaled so that
   * the span's measured and filled values add up to its total. When the measured values alone
   * reach the total, the gap gets 0. Spans with no gap or a non-finite total are ignored.
   */
  counterSpans?: readonly CounterSpan[];
}

export interface GapFillResult {
  /** The series with every NaN replaced by a finite, non-negative value. */
  values: Float64Array;
  /** 1 where the value was filled, 0 where it was measured. */
  filled: Uint8Array;
}

/** Day types of the profile: working day, Saturday, Sunday or public holiday. */
export const WORKDAY = 0;
export const SATURDAY = 1;
export const SUNDAY = 2;

/**
 * Fills the NaN values of a series with interval starts at startUtcMs + i · stepMinutes.
 * - `zero`: 0.
 * - `linear`: on the straight line between the measured values on both sides of the gap; the
 *   nearest measured value before the first or after the last one; 0 when nothing is measured.
 * - `profile`: the mean of the measured values of the same Europe/Warsaw hour of day and day
 *   type (working day / Saturday / Sunday and public holiday); the same hour on any day when
 *   that is empty; the mean of all measured values when that is empty too.
 * Filled values are finite and non-negative (negative or non-finite results become 0).
 */
export function fillGaps(
  values: Float64Array,
  stepMinutes: number,
  startUtcMs: number,
  method: GapFillMethod,
  options: GapFillOptions = {},
): GapFillResult {
  const n = values.length;
  const out = new Float64Array(values);
  const filled = new Uint8Array(n);
  let missing = 0;
  for (let i = 0; i < n; i++) {
    if (values[i] !== values[i]) {
      filled[i] = 1;
      missing++;
    }
  }
  if (missing === 0) return { values: out, filled };

  if (method === 'zero') {
    for (let i = 0; i < n; i++) if (filled[i]) out[i] = 0;
    return { values: out, filled };
  }
  if (method === 'linear') fillLinear(values, out, filled);
  else fillProfile(values, out, filled, stepMinutes, startUtcMs);
  for (const span of options.counterSpans ?? []) scaleSpan(out, filled, stepMinutes, startUtcMs, span);
  return { values: out, filled };
}

/** A finite, non-negative fill value. */
function clean(v: number): number {
  return v > 0 && v !== Infinity ? v : 0;
}

function fillLinear(values: Float64Array, out: Float64Array, filled: Uint8Array): void {
  const n = values.length;
  let i = 0;
  while (i < n) {
    if (!filled[i]) {
      i++;
      continue;
    }
    let end = i;
    while (end < n && filled[end]) end++;
    const left = i > 0 ? values[i - 1]! : NaN;
    const right = end < n ? values[end]! : NaN;
    if (left === left && right === right) {
      // Positions i-1 (left) … end (right): the value at i + j lies (j + 1) / (end - i + 1) of the way.
      const span = end - i + 1;
      const slope = (right - left) / span;
      for (let j = i; j < end; j++) out[j] = clean(left + slope * (j - i + 1));
    } else {
      const v = clean(left === left ? left : right === right ? right : 0);
      for (let j = i; j < end; j++) out[j] = v;
    }
    i = end;
  }
}

function fillProfile(values: Float64Array, out: Float64Array, filled: Uint8Array, stepMinutes: number, startUtcMs: number): void {
  const n = values.length;
  // Bin of each interval: day type × 24 + local hour.
  const bins = localHourBins(n, stepMinutes, startUtcMs);
  const sum = new Float64Array(72);
  const count = new Float64Array(72);
  let total = 0;
  let totalCount = 0;
  for (let i = 0; i < n; i++) {
    if (filled[i]) continue;
    const v = values[i]!;
    if (v !== Infinity && v !== -Infinity) {
      sum[bins[i]!] += v;
      count[bins[i]!]++;
      total += v;
      totalCount++;
    }
  }
  const overall = totalCount > 0 ? total / totalCount : 0;
  const mean = new Float64Array(72);
  for (let hour = 0; hour < 24; hour++) {
    let hourSum = 0;
    let hourCount = 0;
    for (let type = 0; type < 3; type++) {
      hourSum += sum[type * 24 + hour]!;
      hourCount += count[type * 24 + hour]!;
    }
    const anyDay = hourCount > 0 ? hourSum / hourCount : overall;
    for (let type = 0; type < 3; type++) {
      const b = type * 24 + hour;
      mean[b] = clean(count[b]! > 0 ? sum[b]! / count[b]! : anyDay);
    }
  }
  for (let i = 0; i < n; i++) if (filled[i]) out[i] = mean[bins[i]!]!;
}

/**
 * The profile bin (day type × 24 + Europe/Warsaw hour of day) of each interval start. The UTC
 * offset only changes twice a year, so it is looked up again only at the next change.
 */
export function localHourBins(n: number, stepMinutes: number, startUtcMs: number): Uint8Array {
  const bins = new Uint8Array(n);
  const stepMs = stepMinutes * MINUTE_MS;
  let dayKey = NaN;
  let dayType = WORKDAY;
  let offsetMs = 0;
  let offsetUntil = -Infinity;
  for (let i = 0; i < n; i++) {
    const utc = startUtcMs + i * stepMs;
    if (utc >= offsetUntil) {
      const offset = warsawOffsetMinutes(utc);
      offsetMs = offset * MINUTE_MS;
      const year = civilFromDays(Math.floor(utc / DAY_MS))[0];
      offsetUntil =
        offset === 120 ? dstEndUtcMs(year) : utc < dstStartUtcMs(year) ? dstStartUtcMs(year) : dstStartUtcMs(year + 1);
    }
    const local = utc + offsetMs;
    const day = Math.floor(local / DAY_MS);
    if (day !== dayKey) {
      dayKey = day;
      dayType = dayTypeOf(day);
    }
    const hour = Math.floor((local - day * DAY_MS) / HOUR_MS);
    bins[i] = dayType * 24 + hour;
  }
  return bins;
}

/** WORKDAY, SATURDAY or SUNDAY (Sundays and Polish public holidays) of a day (days since 1970-01-01). */
export function dayTypeOf(days: number): number {
  // 1970-01-01 was a Thursday: weekday 0 = Sunday is (days + 4) mod 7.
  const weekday = (((days + 4) % 7) + 7) % 7;
  if (weekday === 0 || isPolishHoliday(days)) return SUNDAY;
  return weekday === 6 ? SATURDAY : WORKDAY;
}

/** Scales the filled values inside a span so that the span adds up to its known total. */
function scaleSpan(out: Float64Array, filled: Uint8Array, stepMinutes: number, startUtcMs: number, span: CounterSpan): void {
  if (!Number.isFinite(span.totalKwh) || !Number.isFinite(span.startUtcMs) || !Number.isFinite(span.endUtcMs)) return;
  const stepMs = stepMinutes * MINUTE_MS;
  const from = Math.max(0, Math.ceil((span.startUtcMs - startUtcMs) / stepMs));
  const to = Math.min(out.length, Math.floor((span.endUtcMs - startUtcMs) / stepMs));
  let measured = 0;
  let fill = 0;
  let gaps = 0;
  for (let i = from; i < to; i++) {
    if (filled[i]) {
      fill += out[i]!;
      gaps++;
    } else if (out[i] === out[i]) {
      measured += out[i]!;
    }
  }
  if (gaps === 0) return;
  const remainder = span.totalKwh - measured;
  if (!(remainder > 0)) {
    for (let i = from; i < to; i++) if (filled[i]) out[i] = 0;
    return;
  }
  const factor = fill > 0 ? remainder / fill : 0;
  const even = remainder / gaps;
  for (let i = from; i < to; i++) {
    if (filled[i]) out[i] = clean(fill > 0 ? out[i]! * factor : even);
  }
}
