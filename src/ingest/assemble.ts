/**
 * From the series of many files to the one grid the engine balances: a common start, the
 * coarsest resolution present (15-minute data summed to hours when any meter is hourly, since
 * hourly data cannot be split), series of the same meter summed, holes filled with 0, and a
 * report of everything that had to be filled, summed or matched.
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
  /** The report in sentences. */
  messages: string[];
}

/** How many gap stretches a member report lists. */
const MAX_GAPS = 20;
const QUARTER_MS = 15 * MINUTE_MS;
/** Longest period assembled (about 11 years); more means files from unrelated periods. */
const MAX_SPAN_DAYS = 4000;

/**
 * Places every series on one grid. Members come in register order, then data-only meters in
 * order of appearance. Series ids and register ids match ignoring spaces and case. NaN values
 * (missing in the file) count as missing. Throws Error when there is no series or a resolution
 * other than 15 or 60 minutes.
 */
export function assembleCluster(
  series: readonly MeterSeries[],
  members: readonly Member[],
): { data: ClusterData; report: AssemblyReport } {
  if (series.length === 0) throw new Error('assembleCluster: there is no meter data to assemble');
  let stepMinutes = 15;
  for (const s of series) {
    if (s.stepMinutes !== 15 && s.stepMinutes !== 60) {
      throw new Error(`assembleCluster: ${s.id} has ${s.stepMinutes}-minute data; only 15 and 60 are supported`);
    }
    if (s.import.length !== s.export.length) {
      throw new Error(`assembleCluster: ${s.id} has import and export series of different lengths`);
    }
    if (s.stepMinutes === 60) stepMinutes = 60;
  }
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
  const resultMembers: Member[] = [];
  const reports: MemberReport[] = [];
  const aggregatedTo60: string[] = [];
  // Quarter-hours of data present per grid interval, to tell missing, partial and overlapping.
  const units = new Uint16Array(intervals);
  const needed = stepMs / QUARTER_MS;

  order.forEach((key, row) => {
    const g = groups.get(key)!;
    const registered = registerByKey.get(key);
    resultMembers.push(
      registered
        ? { ...registered, id: g.id }
        : { id: g.id, name: g.id, type: 'other', tariff: '', gmina: '', pvKwp: 0, windKw: 0, biogasKw: 0 },
    );
    const imp = imports.subarray(row * intervals, (row + 1) * intervals);
    const exp = exports.subarray(row * intervals, (row + 1) * intervals);
    units.fill(0);
    let importKwh = 0;
    let exportKwh = 0;
    const steps = new Set<number>();
    for (const s of g.series) {
      steps.add(s.stepMinutes);
      const srcStep = s.stepMinutes * MINUTE_MS;
      const weight = srcStep / QUARTER_MS;
      for (let i = 0; i < s.import.length; i++) {
        const a = s.import[i]!;
        const b = s.export[i]!;
        if (a !== a && b !== b) continue;
        const cell = Math.floor((s.startUtcMs + i * srcStep - start) / stepMs);
        if (a === a) {
          imp[cell] = imp[cell]! + a;
          importKwh += a;
        }
        if (b === b) {
          exp[cell] = exp[cell]! + b;
          exportKwh += b;
        }
        units[cell] = units[cell]! + weight;
      }
    }
    if (stepMinutes === 60 && steps.has(15)) aggregatedTo60.push(g.id);

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
    messages.push(`15-minute data of ${aggregatedTo60.length} member(s) summed to hours, because other data are hourly`);
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

  return {
    data: { members: resultMembers, stepMinutes, startUtcMs: start, intervals, imports, exports },
    report: {
      stepMinutes,
      startUtcMs: start,
      endUtcMs: end,
      intervals,
      members: reports,
      registerWithoutData,
      dataWithoutRegister,
      aggregatedTo60,
      messages,
    },
  };
}
