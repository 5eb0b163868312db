/**
 * Readings as the layouts find them — one value per meter, register and interval, in file
 * order — and their conversion to MeterSeries: resolution measured, values placed on each
 * meter's grid, duplicates, gaps and negative values counted for the data report. (Wall-clock
 * labels are turned into UTC before that, in labels.ts.)
 */

import type { MeterSeries } from './cluster-data';
import { type CounterMode, CounterReport, counterVote, cumulativeToIntervals } from './counters';
import { ParseError, type ParseWarning } from './errors';
import { DAY_MS, HOUR_MS, MINUTE_MS, formatUtc } from './time';

/** Energy drawn from the grid before any netting (pobór, A+). */
export const IMPORT = 0;
/** Energy injected into the grid before any netting (oddanie, A−). */
export const EXPORT = 1;
/** Import after the DSO's hourly netting (po bilansowaniu): kept apart, never added. */
export const NETTED_IMPORT = 2;
/** Export after the DSO's hourly netting. */
export const NETTED_EXPORT = 3;
/** Gross generation behind the meter (a PV inverter's own meter). */
export const GENERATION = 4;
/** Number of channels: per-meter-and-channel keys are meter * CHANNELS + channel. */
export const CHANNELS = 5;

const QUARTER_MS = 15 * MINUTE_MS;

/** Longest period a file may span; more is a typing error in a date, not a meter. */
const MAX_SPAN_DAYS = 4000;

/** Growable column store of readings; typed arrays keep 300k-row files cheap. */
export class Readings {
  /** Meter ids in order of first appearance. */
  readonly ids: string[] = [];
  count = 0;
  meter: Int32Array;
  channel: Uint8Array;
  /** Naive local ms or UTC ms, depending on the layout; UTC interval starts after toUtc(). */
  time: Float64Array;
  value: Float64Array;
  line: Int32Array;
  private readonly index = new Map<string, number>();
  private lastId = '';
  private lastMeter = -1;

  constructor(capacity = 1024) {
    capacity = Math.max(16, capacity);
    this.meter = new Int32Array(capacity);
    this.channel = new Uint8Array(capacity);
    this.time = new Float64Array(capacity);
    this.value = new Float64Array(capacity);
    this.line = new Int32Array(capacity);
  }

  /** The index of a meter id, registering it on first sight. */
  meterIndex(id: string): number {
    // Long files repeat the same id row after row: skip the Map for the common case.
    if (id === this.lastId && this.lastMeter >= 0) return this.lastMeter;
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.ids.length;
      this.ids.push(id);
      this.index.set(id, i);
    }
    this.lastId = id;
    this.lastMeter = i;
    return i;
  }

  /** Appends one reading. */
  add(meter: number, channel: number, time: number, value: number, line: number): void {
    if (this.count === this.time.length) this.grow();
    const k = this.count++;
    this.meter[k] = meter;
    this.channel[k] = channel;
    this.time[k] = time;
    this.value[k] = value;
    this.line[k] = line;
  }

  private grow(): void {
    const size = this.time.length * 2;
    const meter = new Int32Array(size);
    meter.set(this.meter);
    this.meter = meter;
    const channel = new Uint8Array(size);
    channel.set(this.channel);
    this.channel = channel;
    const time = new Float64Array(size);
    time.set(this.time);
    this.time = time;
    const value = new Float64Array(size);
    value.set(this.value);
    this.value = value;
    const line = new Int32Array(size);
    line.set(this.line);
    this.line = line;
  }
}

/**
 * Each meter's resolution in ms: the most common positive gap between consecutive readings of
 * the same meter and register (DST days and gaps are outvoted). `fallbackMs` for a meter with a
 * single interval.
 */
export function measureSteps(
  r: Readings,
  fallbackMs: number,
): { steps: number[]; assumed: string[]; firstLines: (number | undefined)[] } {
  const meters = r.ids.length;
  const last = new Float64Array(meters * CHANNELS).fill(NaN);
  const votes: Map<number, number>[] = [];
  // Line on which each unusual gap first shows, to point at it when it wins the vote.
  const gapLines: Map<number, number>[] = [];
  for (let m = 0; m < meters; m++) {
    votes.push(new Map());
    gapLines.push(new Map());
  }
  // The two usual resolutions are counted in arrays; only odd gaps go through the Maps.
  const quarter = new Int32Array(meters);
  const hour = new Int32Array(meters);
  for (let k = 0; k < r.count; k++) {
    const m = r.meter[k]!;
    const key = m * CHANNELS + r.channel[k]!;
    const t = r.time[k]!;
    const d = t - last[key]!;
    last[key] = t;
    if (d === QUARTER_MS) quarter[m] = quarter[m]! + 1;
    else if (d === HOUR_MS) hour[m] = hour[m]! + 1;
    else if (d > 0) {
      const v = votes[m]!;
      const n = v.get(d);
      if (n === undefined) gapLines[m]!.set(d, r.line[k]!);
      v.set(d, (n ?? 0) + 1);
    }
  }
  for (let m = 0; m < meters; m++) {
    if (quarter[m]! > 0) votes[m]!.set(QUARTER_MS, quarter[m]!);
    if (hour[m]! > 0) votes[m]!.set(HOUR_MS, hour[m]!);
  }
  const steps: number[] = [];
  const assumed: string[] = [];
  const firstLines: (number | undefined)[] = [];
  for (let m = 0; m < meters; m++) {
    let best = 0;
    let bestVotes = 0;
    for (const [d, n] of votes[m]!) {
      if (n > bestVotes || (n === bestVotes && d < best)) {
        best = d;
        bestVotes = n;
      }
    }
    if (bestVotes === 0) {
      best = fallbackMs;
      assumed.push(r.ids[m]!);
    }
    steps.push(best);
    firstLines.push(gapLines[m]!.get(best));
  }
  return { steps, assumed, firstLines };
}

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
  for (let k = 0; k < r.count; k++) {
    const m = r.meter[k]!;
    if (m < 0) continue;
    const t = r.time[k]!;
    const step = steps[m]!;
    if (t % step !== 0) {
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
  // Each value's line, kept only when the values may be counters (for the reset warnings).
  const lineGrids: (Int32Array | null)[] = new Array<Int32Array | null>(meters * CHANNELS).fill(null);
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
        if (mode !== 'interval') lineGrids[key] = new Int32Array(n);
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
    const i = (r.time[k]! - min[m]!) / steps[m]!;
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
    const lines = lineGrids[key];
    if (lines) lines[i] = r.line[k]!;
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
  if (counters) toIntervals(r, steps, min, minLine, grids, lineGrids, present, file, timeColumn, warnings);
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

/**
 * Meters with generation and consumption but no export register at all (CLUSTERS.md §4 step 1):
 * their import channel holds gross consumption c, which is netted against the generation g
 * interval by interval, in place: I = max(0, c − g), E = max(0, g − c); g stays as it is, so gross
 * consumption I + g − E = c remains for the gross KPIs. A missing g counts as no generation (as the
 * assembler counts it: I + 0 − 0 = c); a missing c leaves I and E missing. Returns, per meter,
 * whether it was netted, and warns once for the file.
 */
function netGross(
  r: Readings,
  min: Float64Array,
  grids: readonly (Float64Array | null)[],
  present: Uint8Array,
  file: string,
  warnings: ParseWarning[],
): Uint8Array {
  const netted = new Uint8Array(r.ids.length);
  const ids: string[] = [];
  let noGeneration = 0;
  for (let m = 0; m < r.ids.length; m++) {
    const base = m * CHANNELS;
    if (min[m] === Infinity || !present[base + GENERATION] || !present[base + IMPORT]) continue;
    if (present[base + EXPORT] || present[base + NETTED_EXPORT]) continue;
    const c = grids[base + IMPORT]!;
    const g = grids[base + GENERATION]!;
    const e = grids[base + EXPORT]!;
    for (let i = 0; i < c.length; i++) {
      const ci = c[i]!;
      const gi = g[i]!;
      if (ci !== ci) {
        e[i] = NaN;
      } else if (gi !== gi) {
        noGeneration++;
      } else {
        const d = ci - gi;
        c[i] = d > 0 ? d : 0;
        e[i] = d < 0 ? -d : 0;
      }
    }
    netted[m] = 1;
    ids.push(r.ids[m]!);
  }
  if (ids.length > 0) {
    const named = ids.length > 5 ? `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more` : ids.join(', ');
    warnings.push({
      code: 'gross-netted',
      message:
        `${file}: ${ids.length === 1 ? `meter ${named} has` : `meters ${named} have`} gross consumption and ` +
        'generation, not import and export registers: they were netted interval by interval (import = ' +
        'consumption − generation, export = generation − consumption, whichever is positive); gross ' +
        'consumption and generation are kept' +
        (noGeneration > 0 ? `; ${noGeneration} interval(s) without a generation value were taken as no generation` : ''),
      count: ids.length,
    });
  }
  return netted;
}

/** The file-wide guess: some series look like counters and none clearly does not. */
function looksCumulative(grids: readonly (Float64Array | null)[], present: Uint8Array): boolean {
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
function toIntervals(
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

function reportGaps(
  file: string,
  id: string,
  start: number,
  step: number,
  imp: Float64Array,
  exp: Float64Array,
  warnings: ParseWarning[],
): void {
  let missing = 0;
  let first = -1;
  for (let i = 0; i < imp.length; i++) {
    if (imp[i] !== imp[i] || exp[i] !== exp[i]) {
      missing++;
      if (first < 0) first = i;
    }
  }
  if (missing > 0) {
    warnings.push({
      code: 'missing-intervals',
      message:
        `${file}: ${id} has no value for ${missing} interval(s) within its period (first ` +
        `${formatUtc(start + first * step)})`,
      count: missing,
    });
  }
}

function formatStep(ms: number): string {
  if (ms % DAY_MS === 0) return `${ms / DAY_MS} day(s)`;
  if (ms % MINUTE_MS === 0) return `${ms / MINUTE_MS} minutes`;
  return `${ms / 1000} seconds`;
}
