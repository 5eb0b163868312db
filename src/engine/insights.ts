/**
 * The views' statistics of one result, on the statistics kernels: the residual load duration
 * curve (CLUSTERS.md §4 step 4) and how much of the demand the cluster covers by month and hour.
 */
import { localMonthHour } from './calendar';
import type { Insights } from './protocol';
import type { SeriesStats } from './stats';
import type { WindowSeries } from './types';

/** Points the duration curve is drawn with: about the width of a chart in pixels. */
const CURVE_BUCKETS = 800;

let calendar: { key: string; month: Uint8Array; hour: Uint8Array } | null = null;

export function insights(stats: SeriesStats, w: WindowSeries): Insights {
  const n = w.consumption.length;
  const residual = new Float64Array(n);
  for (let t = 0; t < n; t++) residual[t] = w.consumption[t] - w.generation[t];
  const sorted = stats.loadDurationCurve(residual);
  const { index, value } = stats.m4(sorted, Math.min(CURVE_BUCKETS, n));
  const toKw = 60 / w.minutes;

  // The local calendar depends only on the grid: computed once per grid.
  const key = `${w.startUtcMs}|${w.minutes}|${n}`;
  if (calendar?.key !== key) calendar = { key, ...localMonthHour(w.startUtcMs, w.minutes, n) };
  const shared = stats.monthHour(w.shared, calendar.month, calendar.hour).sums;
  const demand = stats.monthHour(w.consumption, calendar.month, calendar.hour).sums;
  const coverage = new Float64Array(shared.length);
  for (let c = 0; c < coverage.length; c++) coverage[c] = demand[c] > 0 ? shared[c] / demand[c] : NaN;

  return {
    curve: {
      timeShare: index.map((i) => (n > 1 ? i / (n - 1) : 0)),
      kw: value.map((v) => v * toKw),
    },
    coverage,
  };
}
