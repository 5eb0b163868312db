/**
 * Long layouts: one row per interval (and per meter, when there is a meter column), with either
 * one column per register (`ppe,timestamp_utc,import_kwh,export_kwh`, Enea's four "Wolumen"
 * columns) or a value column plus a column naming the register (`Data;Wartość;Rodzaj`, as in
 * Tauron's and other DSOs' exports). The Tauron and Enea layouts are read by this module too,
 * with their own defaults.
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
import { meterIdFromFileName, unitInHeader } from './names';
import type { Layout } from './parsed-file';
import { type LabelRule, START_LABELS } from './labels';
import { IMPORT, Readings, buildSeries } from './readings';
import { TimeColumn } from './time-column';

/** Where a long file keeps what (0-based columns). */
export interface LongColumns {
  /** Meter id (PPE) column; absent in single-meter exports. */
  id?: number;
  time: number;
  /** The time column's name says UTC. */
  timeIsUtc: boolean;
  /** Columns that each hold one register (IMPORT, EXPORT, NETTED_…). */
  registers: { column: number; channel: number }[];
  /** A value column whose register the `kind` column names on each row. */
  value?: number;
  kind?: number;
}

const ID_NAMES = new Set([
  'ppe',
  'kod ppe',
  'numer ppe',
  'nr ppe',
  'id ppe',
  'ppe id',
  'punkt poboru',
  'punkt poboru energii',
  'meter',
  'meter id',
  'meterid',
  'licznik',
  'numer licznika',
  'nr licznika',
  'id',
  'point',
  'point id',
  'metering point',
  'ean',
  'mpan',
]);

/** Whether a normalised column name names the meter id. */
export function isIdName(name: string): boolean {
  return ID_NAMES.has(name) || name.startsWith('ppe ') || name.startsWith('kod ppe');
}

/** Whether a normalised column name names a timestamp. */
export function isTimeName(name: string): boolean {
  return /^(timestamp|datetime|date|data|czas|time|okres|godzina|interval|poczatek|start)/.test(name);
}

const VALUE_NAME = /^(wartosc|value|wolumen|energia|ilosc|kwh|zuzycie|energy)/;
const KIND_NAME = /^(rodzaj|rejestr|register|kierunek|direction|obis|kanal|channel|typ|type)/;

/**
 * Recognises a long layout from normalised column names: a timestamp column and either register
 * columns or a value column (with or without a register-kind column).
 */
export function matchLong(names: readonly string[]): LongColumns | undefined {
  let id: number | undefined;
  let time: number | undefined;
  let value: number | undefined;
  let kind: number | undefined;
  const registers: { column: number; channel: number }[] = [];
  names.forEach((name, column) => {
    if (name === '') return;
    if (id === undefined && isIdName(name)) id = column;
    else if (time === undefined && isTimeName(name)) time = column;
    else if (kind === undefined && KIND_NAME.test(name)) kind = column;
    else {
      const channel = registerOfLabel(name);
      if (channel >= 0 && !registers.some((r) => r.channel === channel)) {
        registers.push({ column, channel });
      } else if (value === undefined && VALUE_NAME.test(name)) {
        value = column;
      }
    }
  });
  if (time === undefined) return undefined;
  if (registers.length === 0 && value === undefined) return undefined;
  const timeIsUtc = /(^|\s)(utc|gmt|z)(\s|$)/.test(names[time]!);
  if (registers.length > 0) return { id, time, timeIsUtc, registers };
  if (kind !== undefined) return { id, time, timeIsUtc, registers, value, kind };
  // A lone value column: a single register, taken as import (consumption exports look so).
  return { id, time, timeIsUtc, registers: [{ column: value!, channel: IMPORT }] };
}

/** Layout-specific defaults for readLong. */
export interface LongOptions {
  layout: Layout;
  description: string;
  /** What labels mean when they do not tell (see guessLabelRule). */
  fallbackRule: LabelRule;
}

/** Reads a long layout into per-meter series. */
export function readLong(ctx: LayoutContext, cols: LongColumns, options: LongOptions): ReadingsOutcome {
  const { reader, file } = ctx;
  const fields = reader.fields;
  const perRow = cols.kind !== undefined ? 1 : cols.registers.length;
  const r = new Readings(ctx.lineEstimate * perRow + 16);
  const unitWritten = unitInHeader(ctx.header);
  const unit = unitWritten ?? 'kWh';
  const times = new TimeColumn(ctx, cols.time, cols.timeIsUtc);
  const fixedMeter = cols.id === undefined ? r.meterIndex(meterIdFromFileName(file)) : -1;
  const lastColumn = Math.max(cols.time, cols.id ?? 0, cols.kind ?? 0, cols.value ?? 0, ...cols.registers.map((x) => x.column));

  let rows = 0;
  let ignored = 0;
  let firstIgnoredLine = 0;
  const ignoredKinds = new Set<string>();
  while (reader.next()) {
    rows++;
    const line = reader.line;
    requireColumn(ctx, lastColumn);
    const t = times.read();
    let meter = fixedMeter;
    if (cols.id !== undefined) {
      const id = fields[cols.id]!.trim();
      if (id === '') throw new ParseError(file, line, cols.id + 1, 'the meter id (PPE) is empty');
      meter = r.meterIndex(id);
    }
    if (cols.kind !== undefined) {
      const channel = registerOfLabel(fields[cols.kind]!);
      if (channel < 0) {
        ignored++;
        if (firstIgnoredLine === 0) firstIgnoredLine = line;
        if (ignoredKinds.size < 5) ignoredKinds.add(fields[cols.kind]!.trim());
        continue;
      }
      const v = numberCell(ctx, cols.value!, unit);
      if (v === v) r.add(meter, channel, t, v, line);
    } else {
      for (const reg of cols.registers) {
        const v = numberCell(ctx, reg.column, unit);
        if (v === v) r.add(meter, reg.channel, t, v, line);
      }
    }
  }
  requireRows(ctx, rows, r);
  const { steps, stepLines, timeConvention } = times.finish(r, options.fallbackRule);
  if (ignored > 0) {
    ctx.warnings.push({
      code: 'ignored-rows',
      message: `${file}: ${ignored} row(s) of other registers were ignored (${[...ignoredKinds]
        .map((k) => quote(k))
        .join(', ')}; first on line ${firstIgnoredLine})`,
      line: firstIgnoredLine,
      count: ignored,
    });
  }
  const built = buildSeries(r, steps, file, cols.time + 1, ctx.warnings, stepLines);
  return {
    layout: options.layout,
    description: options.description,
    built,
    dataRows: rows,
    timeConvention,
    unit,
    unitAssumed: unitWritten === undefined,
    meterIdSource: cols.id === undefined ? 'file-name' : 'column',
    values: 'import-export',
  };
}

/** The defaults for a generic long file. */
export const LONG_OPTIONS: LongOptions = {
  layout: 'long',
  description: 'long table: one row per meter and interval',
  fallbackRule: START_LABELS,
};
