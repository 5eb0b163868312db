/**
 * One large long or Tauron file read by several threads: each reads the rows of one part of the
 * file (long-bytes.ts, cut at line starts) into readings of its own, and the first then takes
 * them in, in file order, before anything that needs the whole file (resolution, DST labels,
 * duplicates, grids) runs. The result is the one reading the whole file in one thread gives:
 * meters numbered in order of first appearance, lines counted from the top, the time column's
 * findings merged, and any part the byte reader gave up on sending the whole file to the
 * CsvReader.
 */
import type { LongRows } from './long-bytes';
import type { Readings } from './reading-store';
import { releaseMemory } from './release-memory';
import type { TimeColumn } from './time-column';
import type { LongPart, TimeFlags } from './long-part';

export type { LongPart, RowPlan } from './long-part';

/** A part's readings as the thread that read them hands them over. */
export function takePart(r: Readings, rows: LongRows, times: TimeColumn): LongPart {
  return {
    ids: [...r.ids],
    count: r.count,
    meter: r.meter,
    channel: r.channel,
    time: r.time,
    value: r.value,
    line: r.line,
    lines: rows.lines ?? 0,
    rows: rows.rows,
    ignored: rows.ignored,
    firstIgnoredLine: rows.firstIgnoredLine,
    ignoredKinds: [...rows.ignoredKinds],
    nonAscii: rows.nonAscii ?? false,
    times: times.flags(),
  };
}

/** The buffers of a part, to transfer. */
export function partBuffers(p: LongPart): ArrayBuffer[] {
  return [p.meter, p.channel, p.time, p.value, p.line].map((a) => a.buffer as ArrayBuffer);
}

/** What a part holds, without its readings: enough to plan joining it to the parts above it. */
export type PartInfo = Omit<LongPart, 'meter' | 'channel' | 'time' | 'value' | 'line'>;

export function partInfo(p: LongPart): PartInfo {
  const { ids, count, lines, rows, ignored, firstIgnoredLine, ignoredKinds, nonAscii, times } = p;
  return { ids, count, lines, rows, ignored, firstIgnoredLine, ignoredKinds, nonAscii, times };
}

/** How part `b` joins the parts above it (`a`): its meters' numbers there, its lines' offset, and the joined part's info. */
export interface JoinPlan {
  meters: Int32Array;
  lineOffset: number;
  joined: PartInfo;
}

/**
 * The plan to join `b` below `a` as one reader of both would have read them; undefined when the
 * file must be read whole by the CsvReader (b's labels disagree with a's about UTC offsets,
 * which that reader refuses on the row).
 */
export function joinPlan(a: PartInfo, b: PartInfo): JoinPlan | undefined {
  const times = joinFlags(a.times, b.times);
  if (!times) return undefined;
  const ids = [...a.ids];
  const index = new Map(ids.map((id, i) => [id, i]));
  const meters = Int32Array.from(b.ids, (id) => {
    let i = index.get(id);
    if (i === undefined) {
      i = ids.push(id) - 1;
      index.set(id, i);
    }
    return i;
  });
  const ignoredKinds = [...a.ignoredKinds];
  for (const k of b.ignoredKinds) if (ignoredKinds.length < 5 && !ignoredKinds.includes(k)) ignoredKinds.push(k);
  return {
    meters,
    lineOffset: a.lines,
    joined: {
      ids,
      count: a.count + b.count,
      lines: a.lines + b.lines,
      rows: a.rows + b.rows,
      ignored: a.ignored + b.ignored,
      firstIgnoredLine:
        a.firstIgnoredLine !== 0 ? a.firstIgnoredLine : b.firstIgnoredLine !== 0 ? b.firstIgnoredLine + a.lines : 0,
      ignoredKinds,
      nonAscii: a.nonAscii || b.nonAscii,
      times,
    },
  };
}

/**
 * What a time column's rows above (`a`) and below (`b`) said together; undefined when one part's
 * labels carry a UTC offset and the other's do not, which a reader of the whole file refuses on
 * the row.
 */
export function joinFlags(a: TimeFlags, b: TimeFlags): TimeFlags | undefined {
  if (a.withOffset !== undefined && b.withOffset !== undefined && a.withOffset !== b.withOffset) return undefined;
  return {
    withOffset: a.withOffset ?? b.withOffset,
    nonZeroOffset: a.nonZeroOffset || b.nonZeroOffset,
    sawHour24: a.sawHour24 || b.sawHour24,
    sawMidnight: a.sawMidnight || b.sawMidnight,
  };
}

/**
 * `b`'s readings written after `a`'s, in `a`'s buffers when they have room (the first part's are
 * sized for the whole file; room not written costs no memory), its meters and lines as planned.
 * Run where `b` lives (a helper thread, which ends after it): `b`'s copy never outlives the join,
 * and `b`'s columns are empty (detached) after it.
 */
export function joinParts(a: LongPart, b: LongPart, plan: JoinPlan): LongPart {
  const n = a.count + b.count;
  const out =
    n <= a.time.length
      ? a
      : {
          ...a,
          meter: grown(a.meter, n),
          channel: grown(a.channel, n),
          time: grown(a.time, n),
          value: grown(a.value, n),
          line: grown(a.line, n),
        };
  const at = a.count;
  // Column by column, each of b's let go once copied: the join then holds the joined readings and
  // one column of b at most, not all of b beside them (a third of the file's size, measured).
  for (let k = 0; k < b.count; k++) out.meter[at + k] = plan.meters[b.meter[k]!]!;
  releaseMemory(b.meter);
  for (let k = 0; k < b.count; k++) out.line[at + k] = b.line[k]! + plan.lineOffset;
  releaseMemory(b.line);
  out.channel.set(b.channel.subarray(0, b.count), at);
  releaseMemory(b.channel);
  out.time.set(b.time.subarray(0, b.count), at);
  releaseMemory(b.time);
  out.value.set(b.value.subarray(0, b.count), at);
  releaseMemory(b.value);
  return { ...out, ...plan.joined };
}

function grown<T extends Int32Array | Uint8Array | Float64Array>(a: T, n: number): T {
  const out = new (a.constructor as { new (n: number): T })(n + 1);
  out.set(a.subarray(0, Math.min(a.length, n)));
  return out;
}

/**
 * Puts the parts, in file order, into `r` (empty but for a file's single meter) and `times`, as
 * if one reader had read all the rows below the header on `headerLine`; undefined when the whole
 * file must be read by the CsvReader (a part's labels disagree with the rows above about UTC
 * offsets).
 */
export function mergeParts(parts: LongPart[], r: Readings, times: TimeColumn, headerLine: number): LongRows | undefined {
  let whole = parts[0]!;
  for (const p of parts.slice(1)) {
    const plan = joinPlan(whole, p);
    if (!plan) return undefined;
    whole = joinParts(whole, p, plan);
  }
  const flags = joinFlags(times.flags(), whole.times);
  if (!flags) return undefined;
  times.useFlags(flags);
  r.adopt(
    whole,
    Int32Array.from(whole.ids, (id) => r.meterIndex(id)),
  );
  for (let i = 0; i < r.count; i++) r.line[i] += headerLine;
  return {
    rows: whole.rows,
    ignored: whole.ignored,
    firstIgnoredLine: whole.firstIgnoredLine !== 0 ? whole.firstIgnoredLine + headerLine : 0,
    ignoredKinds: new Set(whole.ignoredKinds),
    nonAscii: whole.nonAscii,
  };
}

/** A part's rows are read: the rest of the parse is the first thread's, with every part. */
export class PartRead extends Error {
  constructor() {
    super('part read');
    this.name = 'PartRead';
  }
}

/** The file is not one whose rows the byte reader takes (another layout, not plain UTF-8, net values): read it whole. */
export class NotSplittable extends Error {
  constructor() {
    super('not splittable');
    this.name = 'NotSplittable';
  }
}
