/**
 * Readings placed on one grid per meter and turned into MeterSeries: values checked against the
 * resolution, the span checked, duplicates and negative values counted for the data report,
 * counter readings turned into energy per interval (counters.ts), gross consumption netted against
 * generation (gross-netting.ts), and missing intervals reported (gap-report.ts).
 */

import { CHANNELS, EXPORT, GENERATION, IMPORT, NETTED_EXPORT, NETTED_IMPORT } from './channels';
import type { MeterSeries } from './cluster-data';
import { type CounterMode, gridsToIntervals, looksCumulative } from './counters';
import { ParseError, type ParseWarning } from './errors';
import { reportGaps } from './gap-report';
import { netGross } from './gross-netting';
import type { Readings } from './reading-store';
import { DAY_MS, HOUR_MS, MINUTE_MS, formatUtc } from './time';

/** Longest period a file may span; more is a typing error in a date, not a meter. */
const MAX_SPAN_DAYS = 4000;

/** The outcome of placing readings on per-meter grids. */
export interface BuiltSeries {
  series: MeterSeries[];
  /** After-netting series, for comparison only; empty when the file has none. */
  netted: MeterSeries[];
  /** The file's resolution (the coarsest if meters differ). */
  stepMinutes: 15 | 60;
  startUtcMs: number;
  /** End of the last interval (exclusive). */
  endUtcMs: number;
  /** 'counter' when the values were counter readings, turned into energy per interval. */
  values: 'interval' | 'counter';
}

/** How buildSeries treats the values. */
export interface BuildOptions {
  /** Energy per interval (the default), counter readings, or guess from the data. */
  values?: CounterMode;
}

/**
 * Places UTC-stamped readings on one grid per meter. Missing intervals stay NaN, for the
 * assembler to fill and report; duplicates keep the later value; negative values become 0.
 * Counter readings (options.values, see counters.ts) become the energy between readings.
 * Throws ParseError for a resolution other than 15 or 60 minutes, a timestamp off the grid, a
 * span of more than MAX_SPAN_DAYS and a counter with a single reading.
 */
export function buildSeries(
  r: Readings,
  steps: readonly number[],
  file: string,
  timeColumn: number | undefined,
  warnings: ParseWarning[],
  /** Where each meter's measured resolution first shows (from measureSteps), for errors. */
  stepLines: readonly (number | undefined)[] = [],
  options: BuildOptions = {},
): BuiltSeries {
  const mode = options.values ?? 'interval';
  const meters = r.ids.length;
  const min = new Float64Array(meters).fill(Infinity);
  const max = new Float64Array(meters).fill(-Infinity);
  const minLine = new Int32Array(meters);
  const maxLine = new Int32Array(meters);
  const present = new Uint8Array(meters * CHANNELS);
  for (let m = 0; m < meters; m++) {
    const step = steps[m]!;
    if (step !== 15 * MINUTE_MS && step !== HOUR_MS) {
      const line = stepLines[m];
      throw new ParseError(
        file,
        line,
        line === undefined ? undefined : timeColumn,
        `the readings of ${r.ids[m]} are ${formatStep(step)} apart; ` + 'only 15- and 60-minute data are supported',
      );
    }
  }
  // Each meter's 1/step: a product and an exact check instead of a division (or a remainder, a
  // library call) once a reading, the most of these loops' time.
  const perStep = Float64Array.from(steps, (step) => 1 / step);
  for (let k = 0; k < r.count; k++) {
    const m = r.meter[k]!;
    if (m < 0) continue;
    const t = r.time[k]!;
    const step = steps[m]!;
    // t on the grid is q steps, q the nearest integer to t/step: t·(1/step) is off t/step by far
    // less than ½ for any time below 2^53 ms, and q·step is exact there, so it equals t exactly
    // when t is on the grid, and never when it is not (NaN included).
    const q = Math.floor(t * perStep[m]! + 0.5);
    if (q * step !== t) {
      throw new ParseError(
        file,
        r.line[k],
        timeColumn,
        `${formatUtc(t)} is not the start of a ${step / MINUTE_MS}-minute interval ` +
          `(the other readings of ${r.ids[m]} are ${step / MINUTE_MS} minutes apart)`,
      );
    }
    if (t < min[m]!) {
      min[m] = t;
      minLine[m] = r.line[k]!;
    }
    if (t > max[m]!) {
      max[m] = t;
      maxLine[m] = r.line[k]!;
    }
    present[m * CHANNELS + r.channel[k]!] = 1;
  }

  // grids[m * CHANNELS + c]: import and export always (zeros when the file has none), the other
  // channels only when present.
  const grids: (Float64Array | null)[] = new Array<Float64Array | null>(meters * CHANNELS).fill(null);
  let coarsest = 0;
  for (let m = 0; m < meters; m++) {
    const step = steps[m]!;
    coarsest = Math.max(coarsest, step);
    if (min[m] === Infinity) continue;
    if (max[m]! - min[m]! > MAX_SPAN_DAYS * 24 * HOUR_MS) {
      throw new ParseError(
        file,
        maxLine[m],
        timeColumn,
        `the readings of ${r.ids[m]} run from ${formatUtc(min[m]!)} (line ${minLine[m]}) to ` +
          `${formatUtc(max[m]!)} (line ${maxLine[m]}), more than ${MAX_SPAN_DAYS} days: ` +
          'check the dates',
      );
    }
    const n = (max[m]! - min[m]!) / step + 1;
    for (let c = 0; c < CHANNELS; c++) {
      const key = m * CHANNELS + c;
      if (present[key]) {
        grids[key] = new Float64Array(n).fill(NaN);
      } else if (c === IMPORT || c === EXPORT) {
        grids[key] = new Float64Array(n);
      }
    }
  }

  let duplicates = 0;
  let conflicting = 0;
  let firstDuplicateLine = 0;
  let negatives = 0;
  let firstNegativeLine = 0;
  for (let k = 0; k < r.count; k++) {
    const m = r.meter[k]!;
    if (m < 0) continue;
    const key = m * CHANNELS + r.channel[k]!;
    const target = grids[key]!;
    // On the grid (checked above): the nearest integer is the exact index.
    const i = Math.floor((r.time[k]! - min[m]!) * perStep[m]! + 0.5);
    let v = r.value[k]!;
    if (v < 0) {
      negatives++;
      if (firstNegativeLine === 0) firstNegativeLine = r.line[k]!;
      v = 0;
    }
    const old = target[i]!;
    if (old === old) {
      duplicates++;
      if (old !== v) conflicting++;
      if (firstDuplicateLine === 0) firstDuplicateLine = r.line[k]!;
    }
    target[i] = v;
  }
  if (duplicates > 0) {
    warnings.push({
      code: 'duplicate-intervals',
      message:
        `${file}: ${duplicates} value(s) repeat an interval already read (first on line ` +
        `${firstDuplicateLine}); ${conflicting} of them differ; the later value was kept`,
      line: firstDuplicateLine,
      count: duplicates,
    });
  }
  if (negatives > 0) {
    warnings.push({
      code: 'negative-values',
      message: `${file}: ${negatives} negative import or export value(s) were set to 0 (first on line ` + `${firstNegativeLine})`,
      line: firstNegativeLine,
      count: negatives,
    });
  }

  const counters = mode === 'counter' || (mode === 'guess' && looksCumulative(grids, present));
  if (counters) {
    const lineGrids = linesOnGrids(r, steps, min, grids);
    gridsToIntervals(r, steps, min, minLine, grids, lineGrids, present, file, timeColumn, warnings);
  }
  // On energies per interval, so after counters were differenced.
  const grossNetted = netGross(r, min, grids, present, file, warnings);

  const series: MeterSeries[] = [];
  const netted: MeterSeries[] = [];
  let start = Infinity;
  let end = -Infinity;
  for (let m = 0; m < meters; m++) {
    if (min[m] === Infinity) continue;
    const step = steps[m]!;
    const grid = (c: number) => grids[m * CHANNELS + c] ?? null;
    const imp = grid(IMPORT)!;
    const exp = grid(EXPORT)!;
    start = Math.min(start, min[m]!);
    end = Math.max(end, min[m]! + imp.length * step);
    const stepMinutes = step / MINUTE_MS;
    const id = r.ids[m]!;
    const s: MeterSeries = { id, stepMinutes, startUtcMs: min[m]!, import: imp, export: exp };
    const generation = grid(GENERATION);
    if (generation) s.generation = generation;
    series.push(s);
    for (const [channel, name] of [
      [IMPORT, 'import'],
      [EXPORT, 'export'],
    ] as const) {
      // A netted meter's export was worked out from its consumption and generation.
      if (!present[m * CHANNELS + channel] && !(channel === EXPORT && grossNetted[m])) {
        warnings.push({
          code: 'register-absent',
          message: `${file}: no ${name} values for ${id}; ${name} taken as 0`,
        });
      }
    }
    reportGaps(file, id, min[m]!, step, imp, exp, warnings);
    const ni = grid(NETTED_IMPORT);
    const ne = grid(NETTED_EXPORT);
    if (ni !== null || ne !== null) {
      netted.push({
        id,
        stepMinutes,
        startUtcMs: min[m]!,
        import: ni ?? new Float64Array(imp.length),
        export: ne ?? new Float64Array(imp.length),
      });
    }
  }
  if (series.length === 0) {
    throw new ParseError(file, undefined, undefined, 'no meter readings were found');
  }
  return {
    series,
    netted,
    stepMinutes: coarsest === HOUR_MS ? 60 : 15,
    startUtcMs: start,
    endUtcMs: end,
    values: counters ? 'counter' : 'interval',
  };
}

function formatStep(ms: number): string {
  if (ms % DAY_MS === 0) return `${ms / DAY_MS} day(s)`;
  if (ms % MINUTE_MS === 0) return `${ms / MINUTE_MS} minutes`;
  return `${ms / 1000} seconds`;
}

/**
 * Each grid value's line (the last reading placed there, as the values), for the counters' reset
 * warnings. Made only once the values are known to be counters: beside every file's grids it was
 * half their size again, for files that mostly hold interval values.
 */
function linesOnGrids(
  r: Readings,
  steps: readonly number[],
  min: Float64Array,
  grids: readonly (Float64Array | null)[],
): (Int32Array | null)[] {
  const lineGrids = grids.map((g) => (g ? new Int32Array(g.length) : null));
  for (let k = 0; k < r.count; k++) {
    const m = r.meter[k]!;
    if (m < 0) continue;
    const lines = lineGrids[m * CHANNELS + r.channel[k]!]!;
    lines[(r.time[k]! - min[m]!) / steps[m]!] = r.line[k]!;
  }
  return lineGrids;
}
