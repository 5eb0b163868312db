/**
 * Cumulative counters: kWh readings that only grow (a meter's register as read off its display,
 * research data sets such as Open Power System Data's households). The energy of an interval is
 * the counter's growth across it.
 *
 * Conventions, chosen once for every layout:
 * - A reading is the counter's state at its timestamp; the interval that starts at a reading gets
 *   the growth until the next one, so n readings give n − 1 intervals.
 * - A gap (readings missing in between) is bridged: the growth across it is spread evenly over
 *   the intervals it covers, which keeps the period's total exact (what a settlement needs) at
 *   the price of a flat profile inside the gap; a warning says how many intervals were estimated
 *   and where the longest gap is. Intervals before the first and after the last reading stay
 *   missing.
 * - A drop to less than half the previous reading is a reset (meter replaced, register rolled
 *   over): the new reading counts from 0. A smaller drop is a glitch (a re-read, rounding): the
 *   interval gets 0 and counting goes on from the lower value. Both are warned about with the line.
 *
 * Whether a layout's values are counters (by the user's word or a column's name) is decided in
 * counter-mode.ts; here the data's own vote, and the conversion of a file's grids with its warnings.
 */

import { CHANNELS, IMPORT } from './channels';
import { ParseError, type ParseWarning } from './errors';
import type { Readings } from './reading-store';
import { formatUtc } from './time';

/** How buildSeries treats the values it places on the grid. */
export type CounterMode = 'interval' | 'counter' | 'guess';

/** Fewer steps than this between readings give no guess: short files are said to be counters by name. */
const MIN_GUESS_STEPS = 12;
/** Share of steps that may go down in a counter (noise, a reset). */
const MAX_DOWN_SHARE = 0.05;
/** A counter's readings are at least this many times its mean growth per step. */
const MIN_LEVEL_RATIO = 10;

/**
 * One series' vote on whether a file holds counters: 1 when its values never go down over at
 * least 95 % of the steps between readings and are large next to their steps (a counter at
 * 5,000 kWh growing by 0.5 kWh an hour), −1 when they are not, 0 when it cannot tell (too few
 * readings, or a constant series such as an export register that stays 0).
 */
export function counterVote(values: Float64Array): -1 | 0 | 1 {
  let prev = NaN;
  let steps = 0;
  let up = 0;
  let down = 0;
  let sumLevel = 0;
  let sumStep = 0;
  let present = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v) continue;
    present++;
    sumLevel += Math.abs(v);
    if (prev === prev) {
      steps++;
      const d = v - prev;
      if (d > 0) up++;
      else if (d < 0) down++;
      sumStep += Math.abs(d);
    }
    prev = v;
  }
  if (steps < MIN_GUESS_STEPS || up === 0) return 0;
  if (down > steps * MAX_DOWN_SHARE) return -1;
  const meanLevel = sumLevel / present;
  const meanStep = sumStep / steps;
  return meanLevel >= MIN_LEVEL_RATIO * meanStep ? 1 : -1;
}

/** What cumulativeToIntervals met, added up over every series of a file for one set of warnings. */
export class CounterReport {
  resets = 0;
  firstResetLine = 0;
  glitches = 0;
  firstGlitchLine = 0;
  gaps = 0;
  /** Intervals whose energy was spread over a gap. */
  spreadIntervals = 0;
  /** Intervals of the longest gap, and the start of its first one. */
  longestGap = 0;
  longestGapStartMs = NaN;
}

/**
 * The energy of each interval from a grid of counter readings (NaN where missing): n readings
 * give n − 1 intervals, following the conventions at the top of this file. `lines` holds each
 * reading's line, for the warnings; `startMs` and `stepMs` place gaps in time.
 */
export function cumulativeToIntervals(
  readings: Float64Array,
  lines: Int32Array,
  startMs: number,
  stepMs: number,
  report: CounterReport,
): Float64Array {
  const n = readings.length;
  const out = new Float64Array(Math.max(0, n - 1)).fill(NaN);
  let prev = -1;
  for (let i = 0; i < n; i++) {
    const v = readings[i]!;
    if (v !== v) continue;
    if (prev >= 0) {
      const before = readings[prev]!;
      let growth = v - before;
      if (growth < 0) {
        if (v < before / 2) {
          growth = v;
          report.resets++;
          if (report.firstResetLine === 0) report.firstResetLine = lines[i]!;
        } else {
          growth = 0;
          report.glitches++;
          if (report.firstGlitchLine === 0) report.firstGlitchLine = lines[i]!;
        }
      }
      const span = i - prev;
      if (span === 1) {
        out[prev] = growth;
      } else {
        const share = growth / span;
        for (let k = prev; k < i; k++) out[k] = share;
        report.gaps++;
        report.spreadIntervals += span;
        if (span > report.longestGap) {
          report.longestGap = span;
          report.longestGapStartMs = startMs + prev * stepMs;
        }
      }
    }
    prev = i;
  }
  return out;
}

/** The file-wide guess: some series look like counters and none clearly does not. */
export function looksCumulative(grids: readonly (Float64Array | null)[], present: Uint8Array): boolean {
  let counter = false;
  for (let key = 0; key < grids.length; key++) {
    const grid = grids[key];
    if (!grid || !present[key]) continue;
    const vote = counterVote(grid);
    if (vote < 0) return false;
    if (vote > 0) counter = true;
  }
  return counter;
}

/** Replaces every grid of counter readings by the energy between readings, and warns. */
export function gridsToIntervals(
  r: Readings,
  steps: readonly number[],
  min: Float64Array,
  minLine: Int32Array,
  grids: (Float64Array | null)[],
  lineGrids: readonly (Int32Array | null)[],
  present: Uint8Array,
  file: string,
  timeColumn: number | undefined,
  warnings: ParseWarning[],
): void {
  const report = new CounterReport();
  for (let m = 0; m < r.ids.length; m++) {
    if (min[m] === Infinity) continue;
    const n = grids[m * CHANNELS + IMPORT]!.length;
    if (n < 2) {
      throw new ParseError(
        file,
        minLine[m],
        timeColumn,
        `${r.ids[m]} has a single counter reading: energy is the growth between two readings`,
      );
    }
    for (let c = 0; c < CHANNELS; c++) {
      const key = m * CHANNELS + c;
      const grid = grids[key];
      if (!grid) continue;
      grids[key] = present[key]
        ? cumulativeToIntervals(grid, lineGrids[key]!, min[m]!, steps[m]!, report)
        : new Float64Array(n - 1);
    }
  }
  if (report.resets > 0) {
    warnings.push({
      code: 'negative-values',
      message:
        `${file}: ${report.resets} counter reset(s): a reading fell below half the one before ` +
        `(first on line ${report.firstResetLine}); counted from 0 after each`,
      line: report.firstResetLine,
      count: report.resets,
    });
  }
  if (report.glitches > 0) {
    warnings.push({
      code: 'negative-values',
      message:
        `${file}: ${report.glitches} counter reading(s) a little lower than the one before (first on ` +
        `line ${report.firstGlitchLine}); those intervals were given 0`,
      line: report.firstGlitchLine,
      count: report.glitches,
    });
  }
  if (report.gaps > 0) {
    warnings.push({
      code: 'missing-intervals',
      message:
        `${file}: ${report.gaps} gap(s) between counter readings; the growth across each was spread ` +
        `evenly over its ${report.spreadIntervals} interval(s) in all (longest ${report.longestGap} ` +
        `intervals from ${formatUtc(report.longestGapStartMs)})`,
      count: report.spreadIntervals,
    });
  }
}
