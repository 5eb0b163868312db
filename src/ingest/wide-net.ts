/**
 * Wide net layout: `czas;<PPE>;<PPE>…`, one row per interval, one column per meter, each value
 * the meter's NET energy (import − export) in the interval, local time with UTC offsets
 * (`2025-01-01T00:00:00+01:00`) or without. Positive values are import, negative ones export:
 * exact only when no meter both drew and injected within one interval, which the file cannot
 * show — hence a warning. Columns of counter readings (cumulative kWh per meter) are recognised
 * from their names or guessed from the data, and the user may say the values are import only.
 */

import { EXPORT, IMPORT } from './channels';
import { counterMode } from './counter-mode';
import { type LayoutContext, type ReadingsOutcome, numberCell, requireColumn, requireRows, valueUnit } from './layout';
import { isIdName, isTimeName, matchLong } from './long';
import { findPpe } from './names';
import { START_LABELS } from './labels';
import { timeReader } from './overrides-time';
import { buildSeries } from './meter-grid';
import { Readings } from './reading-store';
import { parseNumber } from './csv';
import { newTimestamp, parseTimestamp } from './time';

/** Where a wide net file keeps what (0-based columns). */
export interface WideNetColumns {
  time: number;
  timeIsUtc: boolean;
  /** One column per meter; the id is the column's name as written. */
  meters: { column: number; id: string }[];
}

/**
 * Recognises the layout: a timestamp column and at least one other column, none of which is a
 * long layout's id, register or value column (unless `forced`: the user said the file is wide).
 * Further timestamp columns (the same time in UTC and local) are skipped.
 */
export function matchWideNet(names: readonly string[], header: readonly string[], forced = false): WideNetColumns | undefined {
  const time = names.findIndex(isTimeName);
  if (time < 0 || (!forced && matchLong(names) !== undefined)) return undefined;
  const meters: { column: number; id: string }[] = [];
  const seen = new Set<string>();
  for (let column = 0; column < names.length; column++) {
    if (column === time) continue;
    const id = header[column]!.trim();
    if (id === '') continue;
    if (isTimeName(names[column]!)) continue;
    if (isIdName(names[column]!)) return undefined;
    // A number or a date where a meter id should be: a data row or a title line, not a header.
    if (findPpe(id) === undefined) {
      if (!Number.isNaN(parseNumber(id, '.')) || !Number.isNaN(parseNumber(id, ','))) return undefined;
      if (parseTimestamp(id, newTimestamp())) return undefined;
    }
    if (seen.has(id)) return undefined;
    seen.add(id);
    meters.push({ column, id });
  }
  if (meters.length === 0) return undefined;
  return { time, timeIsUtc: /(^|\s)(utc|gmt)(\s|$)/.test(names[time]!), meters };
}

/** Reads a wide net file. */
export function readWideNet(ctx: LayoutContext, cols: WideNetColumns): ReadingsOutcome {
  const { reader, file } = ctx;
  const r = new Readings(ctx.lineEstimate * cols.meters.length * 2 + 16);
  const valueColumns = cols.meters.map((m) => m.column);
  const { unit, assumed } = valueUnit(ctx, valueColumns);
  const { mode, from } = counterMode(ctx, valueColumns, unit);
  // Set by hand: each column is the meter's import (consumption), nothing is split by sign.
  const importOnly = ctx.overrides.values === 'import-export';
  const times = timeReader(ctx, cols.time, cols.timeIsUtc);
  const meters = cols.meters.map((m) => r.meterIndex(m.id));
  const lastColumn = Math.max(cols.time, ...valueColumns);
  let rows = 0;
  while (reader.next()) {
    rows++;
    const line = reader.line;
    requireColumn(ctx, lastColumn);
    const t = times.read();
    for (let i = 0; i < meters.length; i++) {
      const v = numberCell(ctx, cols.meters[i]!.column, unit);
      if (v !== v) continue;
      if (importOnly) {
        r.add(meters[i]!, IMPORT, t, v, line);
        r.add(meters[i]!, EXPORT, t, 0, line);
      } else {
        r.add(meters[i]!, IMPORT, t, v > 0 ? v : 0, line);
        r.add(meters[i]!, EXPORT, t, v < 0 ? -v : 0, line);
      }
    }
  }
  requireRows(ctx, rows, r);
  const { steps, stepLines, timeConvention } = times.finish(r, START_LABELS);
  const built = buildSeries(r, steps, file, cols.time + 1, ctx.warnings, stepLines, { values: mode });
  const counter = built.values === 'counter';
  if (!counter && !importOnly) {
    ctx.warnings.push({
      code: 'net-values',
      message:
        `${file}: values are net (import − export) per interval and were split by sign; energy a ` +
        'meter both drew and injected within one interval cannot be recovered',
    });
  }
  return {
    layout: 'wide-net',
    description: counter
      ? 'wide table of counter readings: one row per reading, one column per meter'
      : importOnly
        ? 'wide table of import values: one row per interval, one column per meter'
        : 'wide table of net values: one row per interval, one column per meter',
    built,
    dataRows: rows,
    timeConvention,
    unit,
    unitAssumed: assumed,
    meterIdSource: 'header',
    values: counter ? 'counter' : importOnly ? 'import-export' : 'net',
    valuesFrom: counter && from === 'layout' ? 'data' : from,
  };
}
