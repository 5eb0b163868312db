/**
 * What every layout parser receives and gives back, and the cell readers they share, so that
 * every layout reports a bad cell the same way (file, line, column, what is wrong).
 */

import type { DecimalMark, Separator } from './csv';
import { parseNumber } from './csv';
import { ParseError, type ParseWarning } from './errors';
import { foldPolish, unitOf, type ValueUnit } from './names';
import type { ParseOverrides } from './overrides';
import { EXPORT, IMPORT, NETTED_EXPORT, NETTED_IMPORT } from './channels';
import type { Layout, TimeConvention, ValuesFrom, ValuesKind } from './file-kinds';
import type { BuiltSeries } from './meter-grid';
import type { Readings } from './reading-store';
import type { PlainBytes } from './text-pieces';
import type { RowPlan } from './long-part';
import { parseTimestamp, type Timestamp } from './time';

/**
 * Records of a file, one at a time: the CSV reader for text files, a table reader for Parquet and
 * Arrow (whose line 1 is the header and line n + 1 the n-th row, as a spreadsheet shows them).
 */
export interface RowReader {
  /** Fields of the current record; reused, copy what you keep. */
  readonly fields: string[];
  /** 1-based line on which the current record starts. */
  readonly line: number;
  /** Moves to the next non-blank record; false at the end. */
  next(): boolean;
  /** The field separator of a text file (absent for columnar files). */
  readonly separator?: Separator;
}

/** A file positioned just after its header row. */
export interface LayoutContext {
  file: string;
  reader: RowReader;
  /** Header fields as written. */
  header: string[];
  /** Header fields normalised with normaliseName. */
  names: string[];
  headerLine: number;
  decimalMark: DecimalMark;
  /** Rough number of data lines, to size buffers. */
  lineEstimate: number;
  warnings: ParseWarning[];
  /** What the user said about the file; the layouts honour what concerns them. */
  overrides: ParseOverrides;
  /** A plain UTF-8 or ASCII text file's bytes, which a layout may read rows from directly. */
  plain?: PlainBytes;
  /** This parse reads one part of the rows, or takes in the parts other threads read (long-parts.ts). */
  rowPlan?: RowPlan;
}

/** What a readings layout gives back to parseFile. */
export interface ReadingsOutcome {
  layout: Layout;
  description: string;
  built: BuiltSeries;
  dataRows: number;
  timeConvention: TimeConvention;
  /** The unit the values were read in (numberCell's conversion already applied). */
  unit: ValueUnit;
  unitAssumed: boolean;
  meterIdSource: 'column' | 'header' | 'file-name';
  values: ValuesKind;
  /** What said the values are counters (or not); 'layout' when nothing did. */
  valuesFrom?: ValuesFrom;
}

/**
 * The unit of a layout's value columns: the user's override, else a unit written in (or a power
 * word implied by) the value columns' names, else a unit written anywhere in the header, else kWh
 * assumed.
 */
export function valueUnit(ctx: LayoutContext, valueColumns: readonly number[]): { unit: ValueUnit; assumed: boolean } {
  if (ctx.overrides.unit !== undefined) return { unit: ctx.overrides.unit, assumed: false };
  const own = unitOf(valueColumns.map((c) => ctx.header[c] ?? ''));
  if (own !== undefined) return { unit: own.unit, assumed: !own.written };
  const anywhere = unitOf(ctx.header);
  if (anywhere?.written) return { unit: anywhere.unit, assumed: false };
  return { unit: 'kWh', assumed: true };
}

/** Throws when a file has a header but no data rows, or rows without a single value. */
export function requireRows(ctx: LayoutContext, rows: number, r: Readings): void {
  if (rows === 0) {
    throw new ParseError(ctx.file, ctx.headerLine + 1, undefined, `no data rows below the header on line ${ctx.headerLine}`);
  }
  if (r.count === 0) {
    throw new ParseError(ctx.file, undefined, undefined, 'no import or export values were found');
  }
}

/** Throws when the current row is too short to hold `column` (0-based). */
export function requireColumn(ctx: LayoutContext, column: number): void {
  const fields = ctx.reader.fields;
  if (fields.length <= column) {
    const name = ctx.header[column]?.trim();
    throw new ParseError(
      ctx.file,
      ctx.reader.line,
      fields.length + 1,
      `the row has ${fields.length} field(s) but needs at least ${column + 1}` +
        (name ? ` (no "${name}")` : '') +
        ' — is it cut short?',
    );
  }
}

/**
 * The number in a cell (0-based column) converted from `unit` to kWh (power units to kW, which
 * parseFile turns into kWh once the interval length is known); NaN for an empty cell (a missing
 * value); ParseError for anything else that is not a number.
 */
export function numberCell(ctx: LayoutContext, column: number, unit: ValueUnit = 'kWh'): number {
  const text = ctx.reader.fields[column];
  if (text === undefined) return NaN;
  const v = parseNumber(text, ctx.decimalMark);
  // Wh are divided, not multiplied by 0.001: 2669 / 1000 is exactly the double "2.669" gives.
  if (v === v) {
    const kwh = unit === 'kWh' || unit === 'kW' ? v : unit === 'Wh' ? v / 1000 : v * 1000;
    if (kwh > MAX_KWH || kwh < -MAX_KWH) {
      throw new ParseError(
        ctx.file,
        ctx.reader.line,
        column + 1,
        `${quote(text)} is out of range: more than ${MAX_KWH.toLocaleString('en')} kWh in one value — is a meter id or a date in a value column?`,
      );
    }
    return kwh;
  }
  if (text.trim() === '' || isMissingMark(text)) return NaN;
  throw new ParseError(ctx.file, ctx.reader.line, column + 1, `${quote(text)} is not a number`);
}

/**
 * Largest value (kWh, or kW) a cell may hold: a year of the largest power plant is about 1e7 MWh;
 * beyond 1e9 kWh a value is a misplaced meter id or a garbled number, and would swamp every sum.
 */
const MAX_KWH = 1e9;

/** Marks that some exports put where a value is missing. */
function isMissingMark(text: string): boolean {
  const t = text.trim().toLowerCase();
  return t === '-' || t === '--' || t === 'n/a' || t === 'na' || t === 'brak' || t === 'null';
}

/** Parses a date-and-time cell into `out`; ParseError when it is empty or not a timestamp. */
export function timeCell(ctx: LayoutContext, column: number, out: Timestamp): void {
  requireColumn(ctx, column);
  const text = ctx.reader.fields[column]!;
  if (!parseTimestamp(text, out)) {
    const what = text.trim() === '' ? 'the date is empty' : `${quote(text)} is not a date and time`;
    throw new ParseError(ctx.file, ctx.reader.line, column + 1, what);
  }
}

/** A cell's text for messages: quoted, cut to 40 characters. */
export function quote(text: string): string {
  const t = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return `"${t}"`;
}

/**
 * The register a row's kind label names (Tauron's Rodzaj, a generic "register" column):
 * IMPORT, EXPORT, NETTED_IMPORT, NETTED_EXPORT, or -1 for rows to ignore (reactive energy,
 * anything unknown).
 */
export function registerOfLabel(label: string): number {
  // A file repeats the same few labels on every row: the folding and matching below cost more than
  // the rest of a row's parsing together, so each label is classified once.
  let channel = labelChannels.get(label);
  if (channel === undefined) {
    channel = classifyLabel(label);
    if (labelChannels.size >= 256) labelChannels.clear();
    labelChannels.set(label, channel);
  }
  return channel;
}

const labelChannels = new Map<string, number>();

function classifyLabel(label: string): number {
  const t = foldPolish(label.trim().toLowerCase());
  if (t === '') return -1;
  // Reactive energy (kvar) is never balanced.
  if (t.includes('biern') || t.includes('kvar') || t.startsWith('r+') || t.startsWith('r-')) return -1;
  // "przed bilansowaniem" (before netting) is the raw register; only "po (z)bilansowaniu" is netted.
  const netted = /(^|\s)po (z)?bilans|saldo/.test(t);
  if (/pobor|pobran|import|^a\+|^cp$|^1\.8|^consumption|^delivered/.test(t)) {
    return netted ? NETTED_IMPORT : IMPORT;
  }
  if (/oddan|export|^a-|^a−|^co$|^2\.8|^injected|^feed/.test(t)) {
    return netted ? NETTED_EXPORT : EXPORT;
  }
  return -1;
}
