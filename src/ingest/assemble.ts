/**
 * From the series of many files to the one grid the engine balances: a common start, the
 * coarsest resolution present (15-minute data summed to hours when any meter is hourly, since
 * hourly data cannot be split — unless quarter-hours are asked for, when hours are split into
 * four equal quarters and reported as derived), series of the same meter summed, gross
 * generation carried where metered, holes filled with 0, and a report of everything that had to
 * be filled, summed, split or matched.
 */

import type { ClusterData, Member, MeterSeries } from './cluster-data';
import { meterKey } from './names';
import { MINUTE_MS, formatUtc } from './time';
import { capacityProblem } from './capacity';
import { onTheHour, spanOf, type Period } from './period';

/** What happened to one member's data. */
export interface MemberReport {
  /** The id as in the data. */
  id: string;
  /** Whether the register lists the member. */
  inRegister: boolean;
  /** How many series (files or file parts) were summed for it. */
  series: number;
  /** Resolutions its series came in, minutes. */
  sourceStepMinutes: number[];
  importKwh: number;
  exportKwh: number;
  /** Gross generation metered behind the meter (0 when none). */
  generationKwh: number;
  /** Grid intervals without any value, filled with 0. */
  missingIntervals: number;
  /** Hourly intervals with only some of their quarter-hours (the rest counted as 0). */
  partialIntervals: number;
  /** Grid intervals with values from more than one series (the later series' values kept). */
  overlappingIntervals: number;
  /** The first stretches of missing intervals, UTC ms, end exclusive. */
  gaps: { startUtcMs: number; endUtcMs: number }[];
}

/** What assembleCluster did, for the data report. */
export interface AssemblyReport {
  stepMinutes: number;
  startUtcMs: number;
  /** End of the last interval (exclusive). */
  endUtcMs: number;
  intervals: number;
  /** One entry per member of the result, in the same order. */
  members: MemberReport[];
  /** Register entries (ids) with no data: not part of the result. */
  registerWithoutData: string[];
  /** Data ids missing from the register: included with a default member of type 'other'. */
  dataWithoutRegister: string[];
  /** Ids whose 15-minute data were summed to hours. */
  aggregatedTo60: string[];
  /**
   * Ids whose hourly data were split into four equal quarter-hours (assembling at 15 minutes on
   * request): their quarter-hour profile is derived, not measured.
   */
  derived: string[];
  /** Readings of one meter and register found in more than one series (the later one kept). */
  overlaps: Overlap[];
  /** The report in sentences. */
  messages: string[];
}

/** Two files holding readings of the same meter and register for the same intervals. */
export interface Overlap {
  id: string;
  /** The source whose values are used (the later one in precedence order). */
  kept: string;
  /** The source whose values were replaced. */
  replaced: string;
  /** Intervals both hold. */
  intervals: number;
  /** Of those, intervals whose values differ (0: the same data read twice, counted once). */
  differing: number;
}

/** How to assemble. */
export interface AssembleOptions {
  /**
   * The grid's resolution. 15 splits hourly data into equal quarters (reported in `derived`); 60
   * sums quarter-hours to hours. Default: 60 when any series is hourly, else 15.
   */
  stepMinutes?: 15 | 60;
  /** Only this period (whole hours); default: everything the series cover, widened to whole hours. */
  period?: Period;
  /** 'nan' leaves intervals without any value NaN, for gap filling; default 'zero'. */
  missing?: 'zero' | 'nan';
  /** A name per series (its file), for the overlap report. */
  sources?: readonly string[];
}

/** How many gap stretches a member report lists. */
const MAX_GAPS = 20;
const QUARTER_MS = 15 * MINUTE_MS;
/** Longest period assembled (about 11 years); more means files from unrelated periods. */
const MAX_SPAN_DAYS = 4000;
/** Values closer than this (relative) are the same reading. */
const SAME = 1e-9;

/**
 * Places every series on one grid. Members come in register order, then data-only meters in
 * order of appearance. Series ids and register ids match ignoring spaces and case. NaN values
 * (missing in the file) count as missing. Where several series of one meter hold the same
 * register for the same interval, the later series wins (never a sum: the same data loaded twice
 * must not double), and the report lists each such overlap. Windows start on the hour: the grid
 * starts on a whole hour (UTC offsets in Poland are whole hours). Gross generation
 * (MeterSeries.generation) becomes ClusterData.grossGeneration when any series has it. Throws
 * Error when there is no series, a resolution other than 15 or 60 minutes, or more data than the
 * engine can hold.
 */
export function assembleCluster(
  series: readonly MeterSeries[],
  members: readonly Member[],
  options: AssembleOptions = {},
): { data: ClusterData; report: AssemblyReport } {
  if (series.length === 0) throw new Error('assembleCluster: there is no meter data to assemble');
  if (options.stepMinutes !== undefined && options.stepMinutes !== 15 && options.stepMinutes !== 60) {
    throw new Error(`assembleCluster: a ${String(options.stepMinutes)}-minute grid was asked for; only 15 and 60 are supported`);
  }
  let stepMinutes = 15;
  let anyGeneration = false;
  for (const s of series) {
    if (s.stepMinutes !== 15 && s.stepMinutes !== 60) {
      throw new Error(`assembleCluster: ${s.id} has ${s.stepMinutes}-minute data; only 15 and 60 are supported`);
    }
    if (s.import.length !== s.export.length || (s.generation && s.generation.length !== s.import.length)) {
      throw new Error(`assembleCluster: ${s.id} has import, export (or generation) series of different lengths`);
    }
    if (s.stepMinutes === 60) stepMinutes = 60;
    if (s.generation) anyGeneration = true;
  }
  if (options.stepMinutes !== undefined) stepMinutes = options.stepMinutes;
  const stepMs = stepMinutes * MINUTE_MS;
  const span = options.period ?? spanOf(series);
  if (!span) throw new Error('assembleCluster: every meter series is empty');
  const start = onTheHour(span).fromUtcMs;
  const end = start + Math.ceil((span.toUtcMs - start) / stepMs) * stepMs;
  if (end - start > MAX_SPAN_DAYS * 24 * 60 * MINUTE_MS) {
    throw new Error(
      `assembleCluster: the data run from ${formatUtc(start)} to ${formatUtc(end)}, more than ` +
        `${MAX_SPAN_DAYS} days: check that the files belong to the same period`,
    );
  }
  const intervals = Math.round((end - start) / stepMs);

  // Group series by meter, keeping the first spelling of the id.
  const groups = new Map<string, { id: string; series: { s: MeterSeries; source: string }[] }>();
  series.forEach((s, k) => {
    const key = meterKey(s.id);
    let g = groups.get(key);
    if (!g) {
      g = { id: s.id, series: [] };
      groups.set(key, g);
    }
    g.series.push({ s, source: options.sources?.[k] ?? `series ${k + 1}` });
  });
  const registerByKey = new Map<string, Member>();
  for (const m of members) if (!registerByKey.has(meterKey(m.id))) registerByKey.set(meterKey(m.id), m);

  const order: string[] = [];
  const registerWithoutData: string[] = [];
  for (const [key, m] of registerByKey) {
    if (groups.has(key)) order.push(key);
    else registerWithoutData.push(m.id);
  }
  const dataWithoutRegister: string[] = [];
  for (const [key, g] of groups) {
    if (!registerByKey.has(key)) {
      order.push(key);
      dataWithoutRegister.push(g.id);
    }
  }
  const capacity = capacityProblem(order.length, intervals);
  if (capacity) throw new Error(capacity);

  const imports = new Float64Array(order.length * intervals);
  const exports = new Float64Array(order.length * intervals);
  const generation = anyGeneration ? new Float64Array(order.length * intervals) : undefined;
  const grossMetered: boolean[] = [];
  const resultMembers: Member[] = [];
  const reports: MemberReport[] = [];
  const overlaps: Overlap[] = [];
  const aggregatedTo60: string[] = [];
  const derived: string[] = [];
  // Quarter-hours of data present per grid interval (the meter's and one series'), to tell
  // missing and partial intervals; per-series cells before they are merged into the meter's row.
  const units = new Uint16Array(intervals);
  const cell = { imp: new Float64Array(intervals), exp: new Float64Array(intervals), gen: new Float64Array(intervals) };
  const cellUnits = new Uint16Array(intervals);
  const needed = stepMs / QUARTER_MS;

  order.forEach((key, row) => {
    const g = groups.get(key)!;
    const registered = registerByKey.get(key);
    resultMembers.push(
      registered
        ? { ...registered, id: g.id }
        : { id: g.id, name: g.id, type: 'other', tariff: '', gmina: '', pvKwp: 0, windKw: 0, biogasKw: 0, registered: false },
    );
    const imp = imports.subarray(row * intervals, (row + 1) * intervals).fill(NaN);
    const exp = exports.subarray(row * intervals, (row + 1) * intervals).fill(NaN);
    const gen = generation?.subarray(row * intervals, (row + 1) * intervals).fill(NaN);
    units.fill(0);
    let metered = false;
    const steps = new Set<number>();
    // Which series last wrote each interval, to name the sources of an overlap.
    const writer = new Int16Array(intervals).fill(-1);
    g.series.forEach(({ s, source }, k) => {
      steps.add(s.stepMinutes);
      const sg = gen ? s.generation : undefined;
      if (sg) metered = true;
      // A register the series does not carry (all zero or missing: an export with import only)
      // is no reading, and must not replace another file's values of that register.
      const carries = { imp: carriesValues(s.import), exp: carriesValues(s.export), gen: sg !== undefined };
      if (g.series.length === 1 && placeAlone(s, start, stepMs, carries, imp, exp, gen, units)) return;
      cellsOf(s, start, stepMs, cell, cellUnits);
      const hits = new Map<number, { intervals: number; differing: number }>();
      for (let c = 0; c < intervals; c++) {
        if (cellUnits[c] === 0) continue;
        const put =
          putCell(imp, cell.imp, carries.imp, c) |
          putCell(exp, cell.exp, carries.exp, c) |
          (gen ? putCell(gen, cell.gen, carries.gen, c) : 0);
        const overlap = (put & OVERLAP) !== 0;
        const differ = (put & DIFFER) !== 0;
        const wrote = (put & WROTE) !== 0;
        if (overlap) {
          const h = hits.get(writer[c]!) ?? { intervals: 0, differing: 0 };
          h.intervals++;
          if (differ) h.differing++;
          hits.set(writer[c]!, h);
        }
        if (wrote) writer[c] = k;
        units[c] = Math.max(units[c]!, cellUnits[c]!);
      }
      for (const [w, h] of hits) overlaps.push({ id: g.id, kept: source, replaced: g.series[w]!.source, ...h });
    });
    if (stepMinutes === 60 && steps.has(15)) aggregatedTo60.push(g.id);
    if (stepMinutes === 15 && steps.has(60)) derived.push(g.id);
    grossMetered.push(metered);

    let missing = 0;
    let partial = 0;
    const gaps: { startUtcMs: number; endUtcMs: number }[] = [];
    let gapStart = -1;
    for (let k = 0; k <= intervals; k++) {
      const u = k < intervals ? units[k]! : needed;
      if (u === 0) {
        missing++;
        if (gapStart < 0) gapStart = k;
        continue;
      }
      if (gapStart >= 0) {
        if (gaps.length < MAX_GAPS) {
          gaps.push({ startUtcMs: start + gapStart * stepMs, endUtcMs: start + k * stepMs });
        }
        gapStart = -1;
      }
      if (k === intervals) break;
      if (u < needed) partial++;
    }
    // A register missing in a measured interval is 0; an interval nobody measured is a gap.
    let importKwh = 0;
    let exportKwh = 0;
    let generationKwh = 0;
    const keepMissing = options.missing === 'nan';
    for (let c = 0; c < intervals; c++) {
      const gap = units[c] === 0 && keepMissing;
      if (imp[c] !== imp[c]) imp[c] = gap ? NaN : 0;
      if (exp[c] !== exp[c]) exp[c] = gap ? NaN : 0;
      if (gen && gen[c] !== gen[c]) gen[c] = 0;
      if (!gap) {
        importKwh += imp[c]!;
        exportKwh += exp[c]!;
        if (gen) generationKwh += gen[c]!;
      }
    }
    reports.push({
      id: g.id,
      inRegister: registered !== undefined,
      series: g.series.length,
      sourceStepMinutes: [...steps].sort((x, y) => x - y),
      importKwh,
      exportKwh,
      generationKwh,
      missingIntervals: missing,
      partialIntervals: partial,
      overlappingIntervals: overlaps.filter((o) => o.id === g.id).reduce((a, o) => a + o.intervals, 0),
      gaps,
    });
  });

  const messages: string[] = [];
  messages.push(
    `${order.length} member(s), ${intervals} intervals of ${stepMinutes} minutes from ` +
      `${formatUtc(start)} to ${formatUtc(end)}`,
  );
  if (aggregatedTo60.length > 0) {
    messages.push(
      options.stepMinutes === 60
        ? `15-minute data of ${aggregatedTo60.length} member(s) summed to hours, as asked`
        : `15-minute data of ${aggregatedTo60.length} member(s) summed to hours, because other data are hourly`,
    );
  }
  if (derived.length > 0) {
    messages.push(
      `hourly data of ${derived.length} member(s) split into four equal quarter-hours, as asked: ` +
        `their quarter-hour profile is derived, not measured (${derived.join(', ')})`,
    );
  }
  if (generation) {
    const meteredCount = grossMetered.filter(Boolean).length;
    messages.push(`gross generation metered behind the meter for ${meteredCount} member(s)`);
  }
  for (const r of reports) {
    if (r.missingIntervals > 0) {
      const first = r.gaps[0];
      messages.push(
        `${r.id}: ${r.missingIntervals} interval(s) without data filled with 0` +
          (first ? ` (first from ${formatUtc(first.startUtcMs)})` : ''),
      );
    }
    if (r.partialIntervals > 0) {
      messages.push(`${r.id}: ${r.partialIntervals} hour(s) with only some quarter-hours of data`);
    }
  }
  for (const o of overlaps) {
    messages.push(
      o.differing > 0
        ? `${o.id}: ${o.intervals} interval(s) in both ${o.replaced} and ${o.kept}, ${o.differing} with different ` +
            `values: the values of ${o.kept} are used`
        : `${o.id}: ${o.intervals} interval(s) in both ${o.replaced} and ${o.kept} with the same values: counted once`,
    );
  }
  if (registerWithoutData.length > 0) {
    messages.push(`register members without data (left out): ${registerWithoutData.join(', ')}`);
  }
  if (dataWithoutRegister.length > 0) {
    messages.push(`meters not in the register (added as type 'other'): ${dataWithoutRegister.join(', ')}`);
  }

  const data: ClusterData = { members: resultMembers, stepMinutes, startUtcMs: start, intervals, imports, exports };
  if (generation) {
    data.grossGeneration = generation;
    data.grossMetered = grossMetered;
  }
  return {
    data,
    report: {
      stepMinutes,
      startUtcMs: start,
      endUtcMs: end,
      intervals,
      members: reports,
      registerWithoutData,
      dataWithoutRegister,
      aggregatedTo60,
      derived,
      overlaps,
      messages,
    },
  };
}

/**
 * One series on the grid: its values per grid interval (NaN where it has none) and how many
 * quarter-hours of data each interval got. Values outside the grid are left out.
 */
const WROTE = 1;
const OVERLAP = 2;
const DIFFER = 4;

/**
 * Writes one series' value of a register into the member's row at cell `c` (unless it has none
 * there, or the series does not carry the register: its zeros are set later where no file has
 * it); says whether it wrote, replaced a value, and whether that value differed.
 */
function putCell(row: Float64Array, values: Float64Array, carries: boolean, c: number): number {
  const v = values[c]!;
  if (v !== v || !carries) return 0;
  const before = row[c]!;
  row[c] = v;
  if (before !== before) return WROTE;
  return Math.abs(before - v) > SAME * Math.max(1, Math.abs(v)) ? WROTE | OVERLAP | DIFFER : WROTE | OVERLAP;
}

function cellsOf(
  s: MeterSeries,
  start: number,
  stepMs: number,
  out: { imp: Float64Array; exp: Float64Array; gen: Float64Array },
  outUnits: Uint16Array,
): void {
  out.imp.fill(NaN);
  out.exp.fill(NaN);
  out.gen.fill(NaN);
  outUnits.fill(0);
  const n = outUnits.length;
  const srcStep = s.stepMinutes * MINUTE_MS;
  // A source interval covers `parts` grid cells (4 when hours are split into quarters), each
  // getting an equal share; or it is one of several summed into a cell (`weight` quarters).
  const parts = Math.max(1, srcStep / stepMs);
  const weight = Math.min(srcStep, stepMs) / QUARTER_MS;
  const sg = s.generation;
  const add = (a: Float64Array, cell: number, v: number) => {
    if (v === v) a[cell] = a[cell] === a[cell] ? a[cell]! + v : v;
  };
  for (let i = 0; i < s.import.length; i++) {
    const a = s.import[i]!;
    const b = s.export[i]!;
    if (a !== a && b !== b) continue;
    const first = Math.floor((s.startUtcMs + i * srcStep - start) / stepMs);
    const c = sg ? sg[i]! : NaN;
    for (let p = 0; p < parts; p++) {
      const cell = first + p;
      if (cell < 0 || cell >= n) continue;
      add(out.imp, cell, a / parts);
      add(out.exp, cell, b / parts);
      add(out.gen, cell, c / parts);
      outUnits[cell] = outUnits[cell]! + weight;
    }
  }
}

/**
 * What the loop of cellsOf and putCell writes for a meter's only series on a grid of its own
 * step (each member with one file: nearly always), without the per-series cells: its values
 * where it has them and carries the register, and a full interval's units where it has any
 * value. False, having written nothing, for another step or a start off the grid.
 */
export const placeAlone = Object.assign(
  (
    s: MeterSeries,
    start: number,
    stepMs: number,
    carries: { imp: boolean; exp: boolean; gen: boolean },
    imp: Float64Array,
    exp: Float64Array,
    gen: Float64Array | undefined,
    units: Uint16Array,
  ): boolean => {
    if (!placeAlone.enabled || s.stepMinutes * MINUTE_MS !== stepMs || (s.startUtcMs - start) % stepMs !== 0) return false;
    const offset = (s.startUtcMs - start) / stepMs;
    const n = units.length;
    const full = stepMs / QUARTER_MS;
    const sg = gen ? s.generation : undefined;
    const from = Math.max(0, -offset);
    const to = Math.min(s.import.length, n - offset);
    for (let i = from; i < to; i++) {
      const a = s.import[i]!;
      const b = s.export[i]!;
      if (a !== a && b !== b) continue;
      const c = offset + i;
      if (carries.imp && a === a) imp[c] = a;
      if (carries.exp && b === b) exp[c] = b;
      if (sg && carries.gen) {
        const v = sg[i]!;
        if (v === v) gen![c] = v;
      }
      units[c] = full;
    }
    placeAlone.placed++;
    return true;
  },
  /** Off in the tests that compare it with the general path; `placed` counts the series it placed. */
  { enabled: true, placed: 0 },
);

/** Whether a register holds any reading other than zero (a file without it reports zeros). */
function carriesValues(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (values[i]! !== 0 && values[i] === values[i]) return true;
  return false;
}
