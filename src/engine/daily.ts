/** Sums per-window cluster flows into local (Europe/Warsaw) calendar days for the year chart. */
import { warsawOffsetMinutes } from '../ingest/time';
import type { DailySeries } from './protocol';
import type { WindowSeries } from './types';

const DAY = 86_400_000;

export function dailySeries(w: WindowSeries): DailySeries {
  const n = w.consumption.length;
  const step = w.minutes * 60_000;
  const localDay = (utc: number) => Math.floor((utc + warsawOffsetMinutes(utc) * 60_000) / DAY);
  const first = localDay(w.startUtcMs);
  const days = n > 0 ? localDay(w.startUtcMs + (n - 1) * step) - first + 1 : 0;
  const out: DailySeries = {
    dayStartUtcMs: new Float64Array(days),
    consumption: new Float64Array(days),
    generation: new Float64Array(days),
    shared: new Float64Array(days),
    gridImport: new Float64Array(days),
    gridExport: new Float64Array(days),
  };
  for (let d = 0; d < days; d++) {
    const localMidnight = (first + d) * DAY;
    // Local midnight is never inside a DST jump in Poland (the clocks change at 02:00/03:00).
    out.dayStartUtcMs[d] = localMidnight - warsawOffsetMinutes(localMidnight - 60 * 60_000) * 60_000;
  }
  for (let t = 0; t < n; t++) {
    const d = localDay(w.startUtcMs + t * step) - first;
    out.consumption[d] += w.consumption[t];
    out.generation[d] += w.generation[t];
    out.shared[d] += w.shared[t];
    out.gridImport[d] += w.gridImport[t];
    out.gridExport[d] += w.gridExport[t];
  }
  return out;
}
