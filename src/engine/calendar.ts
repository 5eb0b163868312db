/**
 * Local calendar indices of a time grid, for month × hour-of-day profiles. They depend only on the
 * grid (start, step, length), so they are computed once per cluster and reused for every series.
 */
import { DAY_MS, HOUR_MS, MINUTE_MS, civilFromDays, warsawOffsetMinutes } from '../ingest/time';

/**
 * Europe/Warsaw month (0–11) and hour of day (0–23) of the start of each of `n` intervals of
 * `stepMinutes` from `startUtcMs`. Around the DST changes the hours follow the wall clock: on the
 * last Sunday of March no interval has hour 2, on the last Sunday of October hour 2 comes twice.
 */
export function localMonthHour(startUtcMs: number, stepMinutes: number, n: number): { month: Uint8Array; hour: Uint8Array } {
  const month = new Uint8Array(n);
  const hour = new Uint8Array(n);
  const step = stepMinutes * MINUTE_MS;
  let day = NaN;
  let m = 0;
  for (let i = 0; i < n; i++) {
    const utc = startUtcMs + i * step;
    const local = utc + warsawOffsetMinutes(utc) * MINUTE_MS;
    const d = Math.floor(local / DAY_MS);
    // The calendar date changes once a day: convert only then.
    if (d !== day) {
      day = d;
      m = civilFromDays(d)[1] - 1;
    }
    month[i] = m;
    hour[i] = Math.floor((local - d * DAY_MS) / HOUR_MS);
  }
  return { month, hour };
}
