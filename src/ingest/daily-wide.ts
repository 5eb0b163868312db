/**
 * The DSOs' daily wide layout: `PPE;Typ;Data;H1;…;H24;H25;Uwagi`, one row per meter, register
 * and day. Typ CP = energy drawn (import), CO = injected (export), CB = balanced (netted, not
 * used). Hour columns count elapsed hours from local midnight: 23 on the spring day, 25 on the
 * autumn day. Often windows-1250 (handled by decodeBytes).
 */

import { ParseError } from './errors';
import {
  type LayoutContext,
  type ReadingsOutcome,
  numberCell,
  quote,
  registerOfLabel,
  requireColumn,
  requireRows,
} from './layout';
import { isIdName } from './long';
import { unitInHeader } from './names';
import { EXPORT, IMPORT } from './channels';
import { buildSeries } from './meter-grid';
import { Readings } from './reading-store';
import { DAY_MS, HOUR_MS, newTimestamp, parseTimestamp, warsawMidnightUtc } from './time';

/** Where a daily wide file keeps what (0-based columns). */
export interface DailyWideColumns {
  id: number;
  kind: number;
  date: number;
  /**
   * hours[k] is the column of H(k+1). Columns beyond H25 (H26…, which no day has) are kept so
   * that values in them are reported, not silently dropped.
   */
  hours: number[];
}

/** Recognises the layout: a PPE, a type and a date column and hour columns H1…H24 (H25, H26…). */
export function matchDailyWide(names: readonly string[]): DailyWideColumns | undefined {
  const id = names.findIndex(isIdName);
  const kind = names.findIndex((n) => n === 'typ' || n === 'rodzaj' || n === 'kierunek' || n === 'type');
  const date = names.findIndex((n) => n === 'data' || n === 'date' || n === 'dzien' || n === 'doba');
  const hours: number[] = [];
  names.forEach((n, column) => {
    const m = /^(h|godz|godzina) ?(\d{1,2})$/.exec(n);
    if (m) {
      const h = Number(m[2]);
      if (h >= 1 && hours[h - 1] === undefined) hours[h - 1] = column;
    }
  });
  if (id < 0 || kind < 0 || date < 0) return undefined;
  for (let h = 0; h < 24; h++) if (hours[h] === undefined) return undefined;
  return { id, kind, date, hours };
}

/** Reads a daily wide file. */
export function readDailyWide(ctx: LayoutContext, cols: DailyWideColumns): ReadingsOutcome {
  const { reader, file } = ctx;
  const fields = reader.fields;
  const r = new Readings(ctx.lineEstimate * 24 + 16);
  const unitWritten = unitInHeader(ctx.header);
  const unit = unitWritten ?? 'kWh';
  const ts = newTimestamp();
  let rows = 0;
  let ignored = 0;
  let firstIgnoredLine = 0;
  const ignoredKinds = new Set<string>();
  let extra = 0;
  let firstExtraLine = 0;
  let clockLabelled = 0;
  const needed = Math.max(cols.id, cols.kind, cols.date);

  while (reader.next()) {
    rows++;
    const line = reader.line;
    requireColumn(ctx, needed);
    const kindText = fields[cols.kind]!.trim().toUpperCase();
    let channel = kindText === 'CP' ? IMPORT : kindText === 'CO' ? EXPORT : registerOfLabel(kindText);
    if (channel !== IMPORT && channel !== EXPORT) channel = -1;
    if (channel < 0) {
      ignored++;
      if (firstIgnoredLine === 0) firstIgnoredLine = line;
      if (ignoredKinds.size < 5) ignoredKinds.add(kindText);
      continue;
    }
    const id = fields[cols.id]!.trim();
    if (id === '') throw new ParseError(file, line, cols.id + 1, 'the meter id (PPE) is empty');
    const meter = r.meterIndex(id);
    const dateText = fields[cols.date]!;
    if (!parseTimestamp(dateText, ts)) {
      const what = dateText.trim() === '' ? 'the date is empty' : `${quote(dateText)} is not a date`;
      throw new ParseError(file, line, cols.date + 1, what);
    }
    const day = Math.floor(ts.naiveMs / DAY_MS);
    const midnight = warsawMidnightUtc(day);
    const dayHours = Math.round((warsawMidnightUtc(day + 1) - midnight) / HOUR_MS);
    requireColumn(ctx, cols.hours[dayHours - 1] ?? cols.hours[23]!);

    // Some exports label a 23-hour day by clock hour and leave H3 (02:00–03:00) empty instead of
    // H24: then H4…H24 are the hours after the gap.
    const skipH3 = dayHours === 23 && filled(fields[cols.hours[23]!]) && !filled(fields[cols.hours[2]!]);
    if (skipH3) clockLabelled++;
    let hour = 0;
    for (let k = 0; k < cols.hours.length; k++) {
      const column = cols.hours[k];
      if (column === undefined || (skipH3 && k === 2)) continue;
      const v = numberCell(ctx, column, unit);
      if (hour < dayHours) {
        if (v === v) r.add(meter, channel, midnight + hour * HOUR_MS, v, line);
        hour++;
      } else if (v === v && v !== 0) {
        extra++;
        if (firstExtraLine === 0) firstExtraLine = line;
      }
    }
  }
  requireRows(ctx, rows, r);
  if (ignored > 0) {
    ctx.warnings.push({
      code: 'ignored-rows',
      message:
        `${file}: ${ignored} row(s) with a type other than CP (import) or CO (export) were ignored ` +
        `(${[...ignoredKinds].map(quote).join(', ')}; first on line ${firstIgnoredLine})`,
      line: firstIgnoredLine,
      count: ignored,
    });
  }
  if (extra > 0) {
    ctx.warnings.push({
      code: 'extra-hours',
      message:
        `${file}: ${extra} non-zero value(s) in hour columns beyond the length of their day were ` +
        `ignored (first on line ${firstExtraLine})`,
      line: firstExtraLine,
      count: extra,
    });
  }
  if (clockLabelled > 0) {
    ctx.warnings.push({
      code: 'dst-gap',
      message: `${file}: ${clockLabelled} spring-day row(s) leave H3 empty: read as clock hours`,
      count: clockLabelled,
    });
  }
  const steps = r.ids.map(() => HOUR_MS);
  const built = buildSeries(r, steps, file, cols.date + 1, ctx.warnings);
  return {
    layout: 'daily-wide',
    description: 'daily wide table: one row per meter, register and day, hours H1…H25',
    built,
    dataRows: rows,
    timeConvention: 'local-elapsed-hours',
    unit,
    unitAssumed: unitWritten === undefined,
    meterIdSource: 'column',
    values: 'import-export',
  };
}

function filled(text: string | undefined): boolean {
  return text !== undefined && text.trim() !== '';
}
