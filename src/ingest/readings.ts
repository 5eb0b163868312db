/**
 * Readings as the layouts find them — one value per meter, register and interval, in file
 * order — and their conversion to MeterSeries: resolution measured, values placed on each
 * meter's grid, duplicates, gaps and negative values counted for the data report. (Wall-clock
 * labels are turned into UTC before that, in labels.ts.)
 */

import type { MeterSeries } from './cluster-data';
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
  const last = new Float64Array(meters * 4).fill(NaN);
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
    const key = m * 4 + r.channel[k]!;
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
}

/**
 * Places UTC-stamped readings on one grid per meter. Missing intervals stay NaN, for the
 * assembler to fill and report; duplicates keep the later value; negative values become 0.
 * Throws ParseError for a resolution other than 15 or 60 minutes, a timestamp off the grid and a
 * span of more than MAX_SPAN_DAYS.
 */
export function buildSeries(
  r: Readings,
  steps: readonly number[],
  file: string,
  timeColumn: number | undefined,
  warnings: ParseWarning[],
  /** Where each meter's measured resolution first shows (from measureSteps), for errors. */
  stepLines: readonly (number | undefined)[] = [],
): BuiltSeries {
  const meters = r.ids.length;
  const min = new Float64Array(meters).fill(Infinity);
  const max = new Float64Array(meters).fill(-Infinity);
  const minLine = new Int32Array(meters);
  const maxLine = new Int32Array(meters);
  const present = new Uint8Array(meters * 4);
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
    present[m * 4 + r.channel[k]!] = 1;
  }

  let coarsest = 0;
  const imports: Float64Array[] = [];
  const exports: Float64Array[] = [];
  const nettedImports: (Float64Array | null)[] = [];
  const nettedExports: (Float64Array | null)[] = [];
  for (let m = 0; m < meters; m++) {
    const step = steps[m]!;
    coarsest = Math.max(coarsest, step);
    if (min[m] === Infinity) {
      imports.push(new Float64Array(0));
      exports.push(new Float64Array(0));
      nettedImports.push(null);
      nettedExports.push(null);
      continue;
    }
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
    const grid = (channel: number) => (present[m * 4 + channel] ? new Float64Array(n).fill(NaN) : null);
    imports.push(grid(0) ?? new Float64Array(n));
    exports.push(grid(1) ?? new Float64Array(n));
    nettedImports.push(grid(2));
    nettedExports.push(grid(3));
  }

  let duplicates = 0;
  let conflicting = 0;
  let firstDuplicateLine = 0;
  let negatives = 0;
  let firstNegativeLine = 0;
  for (let k = 0; k < r.count; k++) {
    const m = r.meter[k]!;
    if (m < 0) continue;
    const c = r.channel[k]!;
    const target = c === 0 ? imports[m]! : c === 1 ? exports[m]! : c === 2 ? nettedImports[m]! : nettedExports[m]!;
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

  const series: MeterSeries[] = [];
  const netted: MeterSeries[] = [];
  let start = Infinity;
  let end = -Infinity;
  for (let m = 0; m < meters; m++) {
    if (min[m] === Infinity) continue;
    const step = steps[m]!;
    start = Math.min(start, min[m]!);
    end = Math.max(end, max[m]! + step);
    const stepMinutes = step / MINUTE_MS;
    const id = r.ids[m]!;
    series.push({ id, stepMinutes, startUtcMs: min[m]!, import: imports[m]!, export: exports[m]! });
    for (const [channel, name] of [
      [0, 'import'],
      [1, 'export'],
    ] as const) {
      if (!present[m * 4 + channel]) {
        warnings.push({
          code: 'register-absent',
          message: `${file}: no ${name} values for ${id}; ${name} taken as 0`,
        });
      }
    }
    reportGaps(file, id, min[m]!, step, imports[m]!, exports[m]!, warnings);
    const ni = nettedImports[m] ?? null;
    const ne = nettedExports[m] ?? null;
    if (ni !== null || ne !== null) {
      const n = imports[m]!.length;
      netted.push({
        id,
        stepMinutes,
        startUtcMs: min[m]!,
        import: ni ?? new Float64Array(n),
        export: ne ?? new Float64Array(n),
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
  };
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
