/**
 * Long layouts: one row per interval (and per meter, when there is a meter column), with either
 * one column per register (`ppe,timestamp_utc,import_kwh,export_kwh`, Enea's four "Wolumen"
 * columns) or a value column plus a column naming the register (`Data;Wartość;Rodzaj`, as in
 * Tauron's and other DSOs' exports). The Tauron and Enea layouts are read by this module too,
 * with their own defaults.
 *
 * A file without a meter column holds one meter. Its register columns may carry the meter's name
 * as a common prefix (Open Power System Data: `DE_KN_residential4_grid_import`,
 * `…_grid_export`, `…_pv`, and sub-metered appliances beside them): the prefix is then the id,
 * a PV or generation column is the meter's gross generation, and the other columns are reported
 * as not used.
 */

import { EXPORT, GENERATION, IMPORT } from './channels';
import { counterMode } from './counter-mode';
import { ParseError } from './errors';
import {
  type LayoutContext,
  type ReadingsOutcome,
  numberCell,
  quote,
  registerOfLabel,
  requireColumn,
  requireRows,
  valueUnit,
} from './layout';
import { findPpe, meterIdFromFileName } from './names';
import type { Layout } from './file-kinds';
import { type LabelRule, START_LABELS } from './labels';
import { timeReader } from './overrides-time';
import { buildSeries } from './meter-grid';
import { Readings } from './reading-store';
import { type LongRows, byteReader, readLongBytes } from './long-bytes';
import { NotSplittable, PartRead, mergeParts, takePart } from './long-parts';
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

/**
 * Whether a normalised column name names a timestamp (`utc_timestamp` and `cet_cest_timestamp`
 * included: files may carry the time twice, UTC and local).
 */
export function isTimeName(name: string): boolean {
  return /^((utc|gmt|local|lokalny|lokalna|cet|cest|cet cest) )?(timestamp|datetime|date|data|czas|time|okres|godzina|interval|poczatek|start)/.test(
    name,
  );
}

const VALUE_NAME =
  /^(wartosc|value|wolumen|energia|ilosc|kwh|zuzycie|energy|odczyt|stan licznika|wskazanie|counter|cumulative|meter reading|reading|moc|power)/;

// Gross generation metered behind the meter: a PV inverter's or a generator's own meter.
const GENERATION_NAME =
  /(^|\s)(pv|solar|photovoltaic|fotowoltaika|fotowoltaiczna|generation|generacja|produkcja|production|wytwarzanie|wytworzona|wytworzenie)(\s|$)/;

/** Whether a normalised column name names gross generation (PV, a generator). */
export function isGenerationName(name: string): boolean {
  return GENERATION_NAME.test(name);
}

// Columns that annotate the data (flags, zones, comments) or hold reactive energy, which is never
// balanced: not reported as unused, since nothing the cluster needs is lost with them.
const ANNOTATION_NAME =
  /^(interpolat|flag|status|quality|jakosc|uwag|komentarz|comment|note|strefa|zone|taryfa|tariff|source|zrodlo|unit|jednostka)|(\s)(flag|flags|status)$|kvar|biern|reactive/;
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
      let channel = registerOfLabel(name);
      if (channel < 0 && isGenerationName(name)) channel = GENERATION;
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
  // A value column beside generation alone (`czas;zużycie;produkcja PV`): the meter's gross
  // consumption, read as its import (buildSeries nets it against the generation).
  if (kind === undefined && value !== undefined && registers.length > 0 && registers.every((r) => r.channel === GENERATION)) {
    registers.push({ column: value, channel: IMPORT });
  }
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
  const valueColumns = cols.kind !== undefined ? [cols.value!] : cols.registers.map((x) => x.column);
  const { unit, assumed } = valueUnit(ctx, valueColumns);
  const { mode, from } = counterMode(ctx, valueColumns, unit);
  // Net values split by sign: only where a single column holds them.
  const net = ctx.overrides.values === 'net';
  if (net && (cols.kind !== undefined || cols.registers.length !== 1)) {
    throw new ParseError(
      file,
      ctx.headerLine,
      undefined,
      'the values cannot be net (import − export) here: the file has ' +
        (cols.kind !== undefined ? 'a column naming the register of each row' : 'separate import and export columns'),
    );
  }
  const perRow = cols.kind !== undefined ? 1 : net ? 2 : cols.registers.length;
  const plan = ctx.rowPlan;
  // Sized for what this parse reads: all the rows, one part of them (the first part's store takes
  // the others in: sized for the whole file, its unwritten room costs no memory), or none (the
  // parts come in joined).
  const capacity = !plan
    ? ctx.lineEstimate * perRow
    : 'part' in plan
      ? (ctx.lineEstimate * perRow * 1.1) / (plan.part.index === 0 ? 1 : plan.part.of)
      : 0;
  let r = new Readings(Math.ceil(capacity) + 16);
  let times = timeReader(ctx, cols.time, cols.timeIsUtc);
  const used = new Set([
    cols.time,
    ...valueColumns,
    ...(cols.id !== undefined ? [cols.id] : []),
    ...(cols.kind !== undefined ? [cols.kind] : []),
  ]);
  const unused = unusedColumns(ctx, used);
  let meterIdSource: ReadingsOutcome['meterIdSource'] = 'column';
  let fixedMeter = -1;
  let singleId: string | undefined;
  if (cols.id === undefined) {
    const single = singleMeterId(
      file,
      [...valueColumns, ...unused].map((c) => ctx.header[c]!),
    );
    meterIdSource = single.source;
    singleId = single.id;
    fixedMeter = r.meterIndex(single.id);
  }
  if (unused.length > 0) {
    ctx.warnings.push({
      code: 'ignored-rows',
      message:
        `${file}: ${unused.length} column(s) not used (sub-metering or other data; only import, ` +
        `export and generation are read): ${unused.map((c) => quote(ctx.header[c]!.trim())).join(', ')}`,
      line: ctx.headerLine,
      count: unused.length,
    });
  }
  const lastColumn = Math.max(cols.time, cols.id ?? 0, cols.kind ?? 0, cols.value ?? 0, ...cols.registers.map((x) => x.column));

  let rows = 0;
  let ignored = 0;
  let firstIgnoredLine = 0;
  let ignoredKinds = new Set<string>();
  let fast: LongRows | undefined;
  const byBytes =
    ctx.plain !== undefined && byteReader.enabled && !net && times instanceof TimeColumn && reader.separator !== undefined;
  if (plan && !byBytes) throw new NotSplittable();
  if (byBytes) {
    const byteColumns = { ...cols, lastColumn };
    const args = [
      ctx.plain!,
      byteColumns,
      reader.separator!,
      ctx.decimalMark,
      unit,
      ctx.headerLine,
      times as TimeColumn,
      r,
      fixedMeter,
    ] as const;
    if (plan && 'part' in plan) {
      const part = readLongBytes(...args, plan.part);
      plan.read = part ? takePart(r, part, times as TimeColumn) : null;
      throw new PartRead();
    }
    fast = plan ? mergeParts(plan.parts, r, times as TimeColumn, ctx.headerLine) : readLongBytes(...args);
    if (plan && fast) {
      ctx.plain!.verified(ctx.plain!.lineStart(ctx.headerLine + 1), fast.nonAscii ?? false);
      byteReader.files++;
    }
    if (fast === undefined) {
      // The CsvReader reads the rows instead, from a clean start.
      r = new Readings(ctx.lineEstimate * perRow + 16);
      times = timeReader(ctx, cols.time, cols.timeIsUtc);
      if (singleId !== undefined) fixedMeter = r.meterIndex(singleId);
    } else {
      ({ rows, ignored, firstIgnoredLine, ignoredKinds } = fast);
    }
  }
  while (fast === undefined && reader.next()) {
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
    } else if (net) {
      const v = numberCell(ctx, cols.registers[0]!.column, unit);
      if (v === v) {
        r.add(meter, IMPORT, t, v > 0 ? v : 0, line);
        r.add(meter, EXPORT, t, v < 0 ? -v : 0, line);
      }
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
  const built = buildSeries(r, steps, file, cols.time + 1, ctx.warnings, stepLines, { values: mode });
  if (net) {
    ctx.warnings.push({
      code: 'net-values',
      message: `${file}: values are net (import − export) per interval and were split by sign, as set by hand`,
    });
  }
  const counter = built.values === 'counter';
  const description =
    options.layout === 'long' && cols.id === undefined
      ? "one meter's table: one row per interval, a column per register"
      : options.description;
  return {
    layout: options.layout,
    description: counter ? `${description}; cumulative counter readings` : description,
    built,
    dataRows: rows,
    timeConvention,
    unit,
    unitAssumed: assumed,
    meterIdSource,
    values: counter ? 'counter' : net ? 'net' : 'import-export',
    valuesFrom: counter && from === 'layout' ? 'data' : from,
  };
}

/**
 * Columns a long file does not read that look like data (not a second timestamp, not a flag,
 * zone or comment column): sub-metered appliances and the like, reported so that nobody wonders
 * where they went.
 */
function unusedColumns(ctx: LayoutContext, used: ReadonlySet<number>): number[] {
  const out: number[] = [];
  ctx.names.forEach((name, column) => {
    if (used.has(column) || name === '' || isTimeName(name) || isIdName(name) || ANNOTATION_NAME.test(name)) return;
    out.push(column);
  });
  return out;
}

/**
 * The id of the one meter of a file without a meter column: a PPE code in the file name, else the
 * common prefix of the data columns' names when it looks like an id (no spaces, a digit in it:
 * `DE_KN_residential4`), else the file name.
 */
export function singleMeterId(file: string, columnNames: readonly string[]): { id: string; source: 'header' | 'file-name' } {
  const base = file.replace(/^.*[\\/]/, '');
  if (findPpe(base) !== undefined) return { id: meterIdFromFileName(file), source: 'file-name' };
  const prefix = commonPrefixId(columnNames);
  if (prefix !== undefined) return { id: prefix, source: 'header' };
  return { id: meterIdFromFileName(file), source: 'file-name' };
}

function commonPrefixId(names: readonly string[]): string | undefined {
  if (names.length < 2) return undefined;
  let prefix = names[0]!.trim();
  for (const raw of names) {
    const name = raw.trim();
    let i = 0;
    while (i < prefix.length && i < name.length && prefix[i] === name[i]) i++;
    prefix = prefix.slice(0, i);
  }
  // Cut back to a whole token: "DE_KN_residential4_grid_" of import and export is not the meter.
  const cut = Math.max(prefix.lastIndexOf('_'), prefix.lastIndexOf('-'), prefix.lastIndexOf('.'), prefix.lastIndexOf(':'));
  if (cut < 0) return undefined;
  prefix = prefix.slice(0, cut).replace(/[_\-.:]+$/, '');
  if (prefix.length < 3 || !/^[\w.:-]+$/.test(prefix) || !/\d/.test(prefix)) return undefined;
  return prefix;
}

/** The defaults for a generic long file. */
export const LONG_OPTIONS: LongOptions = {
  layout: 'long',
  description: 'long table: one row per meter and interval',
  fallbackRule: START_LABELS,
};
