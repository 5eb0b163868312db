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
  /** Grid intervals with values from more than one series (summed: check for a file loaded twice). */
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
  /** The report in sentences. */
  messages: string[];
}

/** How to assemble. */
export interface AssembleOptions {
  /**
   * The grid's resolution. 15 splits hourly data into equal quarters (reported in `derived`); 60
   * sums quarter-hours to hours. Default: 60 when any series is hourly, else 15.
   */
  stepMinutes?: 15 | 60;
}

/** How many gap stretches a member report lists. */
const MAX_GAPS = 20;
const QUARTER_MS = 15 * MINUTE_MS;
/** Longest period assembled (about 11 years); more means files from unrelated periods. */
const MAX_SPAN_DAYS = 4000;

/**
 * Places every series on one grid. Members come in register order, then data-only meters in
 * order of appearance. Series ids and register ids match ignoring spaces and case. NaN values
 * (missing in the file) count as missing. Gross generation (MeterSeries.generation) becomes
 * ClusterData.grossGeneration when any series has it. Throws Error when there is no series or a
 * resolution other than 15 or 60 minutes.
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
  let start = Infinity;
  let end = -Infinity;
  for (const s of series) {
    if (s.import.length === 0) continue;
    start = Math.min(start, Math.floor(s.startUtcMs / stepMs) * stepMs);
    const last = s.startUtcMs + s.import.length * s.stepMinutes * MINUTE_MS;
    end = Math.max(end, Math.ceil(last / stepMs) * stepMs);
  }
  if (start === Infinity) throw new Error('assembleCluster: every meter series is empty');
  if (end - start > MAX_SPAN_DAYS * 24 * 60 * MINUTE_MS) {
    throw new Error(
      `assembleCluster: the data run from ${formatUtc(start)} to ${formatUtc(end)}, more than ` +
        `${MAX_SPAN_DAYS} days: check that the files belong to the same period`,
    );
  }
  const intervals = Math.round((end - start) / stepMs);

  // Group series by meter, keeping the first spelling of the id.
  const groups = new Map<string, { id: string; series: MeterSeries[] }>();
  for (const s of series) {
    const key = meterKey(s.id);
    let g = groups.get(key);
    if (!g) {
      g = { id: s.id, series: [] };
      groups.set(key, g);
    }
    g.series.push(s);
  }
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

  const imports = new Float64Array(order.length * intervals);
  const exports = new Float64Array(order.length * intervals);
  const generation = anyGeneration ? new Float64Array(order.length * intervals) : undefined;
  const grossMetered: boolean[] = [];
  const resultMembers: Member[] = [];
  const reports: MemberReport[] = [];
  const aggregatedTo60: string[] = [];
  const derived: string[] = [];
  // Quarter-hours of data present per grid interval, to tell missing, partial and overlapping.
  const units = new Uint16Array(intervals);
  const needed = stepMs / QUARTER_MS;

  order.forEach((key, row) => {
    const g = groups.get(key)!;
    const registered = registerByKey.get(key);
    resultMembers.push(
      registered
        ? { ...registered, id: g.id }
        : { id: g.id, name: g.id, type: 'other', tariff: '', gmina: '', pvKwp: 0, windKw: 0, biogasKw: 0, registered: false },
    );
    const imp = imports.subarray(row * intervals, (row + 1) * intervals);
    const exp = exports.subarray(row * intervals, (row + 1) * intervals);
    const gen = generation?.subarray(row * intervals, (row + 1) * intervals);
    units.fill(0);
    let importKwh = 0;
    let exportKwh = 0;
    let generationKwh = 0;
    let metered = false;
    const steps = new Set<number>();
    for (const s of g.series) {
      steps.add(s.stepMinutes);
      const srcStep = s.stepMinutes * MINUTE_MS;
      // A source interval covers `parts` grid cells (4 when hours are split into quarters), each
      // getting an equal share; or it is one of several summed into a cell (`weight` quarters).
      const parts = Math.max(1, srcStep / stepMs);
      const weight = Math.min(srcStep, stepMs) / QUARTER_MS;
      const sg = s.generation;
      if (sg && gen) metered = true;
      for (let i = 0; i < s.import.length; i++) {
        const a = s.import[i]!;
        const b = s.export[i]!;
        if (a !== a && b !== b) continue;
        const first = Math.floor((s.startUtcMs + i * srcStep - start) / stepMs);
        const c = sg ? sg[i]! : NaN;
        if (a === a) importKwh += a;
        if (b === b) exportKwh += b;
        if (c === c) generationKwh += c;
        for (let p = 0; p < parts; p++) {
          const cell = first + p;
          if (a === a) imp[cell] = imp[cell]! + a / parts;
          if (b === b) exp[cell] = exp[cell]! + b / parts;
          if (c === c) gen![cell] = gen![cell]! + c / parts;
          units[cell] = units[cell]! + weight;
        }
      }
    }
    if (stepMinutes === 60 && steps.has(15)) aggregatedTo60.push(g.id);
    if (stepMinutes === 15 && steps.has(60)) derived.push(g.id);
    grossMetered.push(metered);

    let missing = 0;
    let partial = 0;
    let overlapping = 0;
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
      else if (u > needed) overlapping++;
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
      overlappingIntervals: overlapping,
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
    if (r.overlappingIntervals > 0) {
      messages.push(
        `${r.id}: ${r.overlappingIntervals} interval(s) have data from more than one file, summed — ` +
          'check that the same data were not loaded twice',
      );
    }
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
      messages,
    },
  };
}
