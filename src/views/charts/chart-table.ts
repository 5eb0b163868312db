/**
 * The data behind each chart as a table, for those who cannot see the chart (and for anyone who
 * wants the numbers): a year's days summed by month, a duration curve at chosen shares of time,
 * a heatmap as its matrix. Pure functions of the data, the words and the language, so the page
 * (Plot.svelte's table toggle) and the unit tests build the same thing.
 */
import type { DailySeries, Insights } from '../../engine/protocol';
import { formatLocalIso, formatNumber, localeOf, percentSign } from '../../i18n/formats';
import type { Lang } from '../../i18n/plural';

export interface TableCell {
  /** The number as the chart has it (null: no data), in the unit of its column. */
  value: number | null;
  /** The number as the table shows it, in the page's language. */
  text: string;
}

export interface ChartTable {
  caption: string;
  /** The header above the row labels. */
  corner: string;
  columns: string[];
  rows: { label: string; cells: TableCell[] }[];
}

const DASH = '–';

export function cell(value: number | null, lang: Lang, digits = 0): TableCell {
  return value === null || !Number.isFinite(value)
    ? { value: null, text: DASH }
    : { value, text: formatNumber(value, lang, digits) };
}

/** 'YYYY-MM' of a local (Europe/Warsaw) day. */
const monthKey = (utcMs: number) => formatLocalIso(utcMs).slice(0, 7);

/** "styczeń 2025" / "January 2025" for 'YYYY-MM'. */
function monthLabel(key: string, lang: Lang): string {
  const [y, m] = key.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, 15)).toLocaleString(localeOf(lang), {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** Each local month's sum of a daily series, by 'YYYY-MM'. */
export function monthlySums(dayStartUtcMs: ArrayLike<number>, values: ArrayLike<number>): Map<string, number> {
  const sums = new Map<string, number>();
  for (let d = 0; d < dayStartUtcMs.length; d++) {
    const v = values[d]!;
    if (!Number.isFinite(v)) continue;
    const k = monthKey(dayStartUtcMs[d]!);
    sums.set(k, (sums.get(k) ?? 0) + v);
  }
  return sums;
}

export interface YearWords {
  caption: string;
  corner: string;
  consumption: string;
  generation: string;
  shared: string;
  /** A baseline series' column ("Zużycie (bazowy)"). */
  baselineOf: (series: string) => string;
  filled: string;
}

/** The year chart by month: kWh of each series (and of the baseline's), and days with filled data. */
export function yearTable(
  daily: DailySeries,
  baseline: DailySeries | null,
  filledDays: readonly number[],
  words: YearWords,
  lang: Lang,
): ChartTable {
  type Key = 'consumption' | 'generation' | 'shared';
  const keys: Key[] = ['consumption', 'generation', 'shared'];
  const own = keys.map((k) => monthlySums(daily.dayStartUtcMs, daily[k]));
  const base = baseline ? keys.map((k) => monthlySums(baseline.dayStartUtcMs, baseline[k])) : [];
  const filled = new Map<string, number>();
  for (const d of filledDays) filled.set(monthKey(d), (filled.get(monthKey(d)) ?? 0) + 1);
  const months = [...new Set([...own[0]!.keys(), ...(base[0]?.keys() ?? [])])].sort();
  const columns = [
    ...keys.map((k) => `${words[k]} [kWh]`),
    ...(baseline ? keys.map((k) => `${words.baselineOf(words[k])} [kWh]`) : []),
    ...(filledDays.length > 0 ? [words.filled] : []),
  ];
  return {
    caption: words.caption,
    corner: words.corner,
    columns,
    rows: months.map((m) => ({
      label: monthLabel(m, lang),
      cells: [
        ...own.map((s) => cell(s.get(m) ?? null, lang)),
        ...base.map((s) => cell(s.get(m) ?? null, lang)),
        ...(filledDays.length > 0 ? [cell(filled.get(m) ?? 0, lang)] : []),
      ],
    })),
  };
}

/** Shares of time (in %) at which a duration curve is read: the peak, the tails, the deciles. */
export const CURVE_SHARES = [0, 1, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 99, 100];

/** The curve's kW at a share of time (0..1), interpolated between its points. */
export function curveAt(curve: Insights['curve'], share: number): number | null {
  const { timeShare: x, kw: y } = curve;
  if (x.length === 0) return null;
  if (share <= x[0]!) return y[0]!;
  for (let i = 1; i < x.length; i++) {
    if (share <= x[i]!) {
      const f = x[i]! > x[i - 1]! ? (share - x[i - 1]!) / (x[i]! - x[i - 1]!) : 0;
      return y[i - 1]! + (y[i]! - y[i - 1]!) * f;
    }
  }
  return y[y.length - 1]!;
}

export interface CurveWords {
  caption: string;
  corner: string;
  /** The column of the scenario's (or the only) curve, and of the baseline's. */
  value: string;
  baseline: string;
}

/** The duration curve read at CURVE_SHARES: the net demand met or exceeded that share of the time. */
export function curveTable(
  curve: Insights['curve'],
  baseline: Insights['curve'] | null,
  words: CurveWords,
  lang: Lang,
): ChartTable {
  return {
    caption: words.caption,
    corner: words.corner,
    columns: baseline ? [words.value, words.baseline] : [words.value],
    rows: CURVE_SHARES.map((s) => ({
      label: `${formatNumber(s, lang)}${percentSign(lang)}`,
      cells: [curve, ...(baseline ? [baseline] : [])].map((c) => cell(curveAt(c, s / 100), lang)),
    })),
  };
}

export interface MatrixWords {
  caption: string;
  corner: string;
}

/** A heatmap as its matrix: one row per y, one column per x, values as the chart colours them. */
export function matrixTable(
  rows: readonly string[],
  columns: readonly string[],
  z: readonly (readonly (number | null)[])[],
  words: MatrixWords,
  lang: Lang,
  digits = 0,
): ChartTable {
  return {
    caption: words.caption,
    corner: words.corner,
    columns: [...columns],
    rows: rows.map((label, i) => ({ label, cells: columns.map((_, j) => cell(z[i]?.[j] ?? null, lang, digits)) })),
  };
}
