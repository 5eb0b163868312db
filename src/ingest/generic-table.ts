/**
 * Columnar files (Parquet, Arrow IPC) seen as the rows of a CSV file, so that every layout, the
 * header detection and the error messages work on them unchanged: line 1 is the column names,
 * line n + 1 the n-th row (as a spreadsheet shows it), and each cell is rendered as the text a
 * CSV export would hold — numbers with a decimal point, instants as ISO 8601 with `Z`, wall-clock
 * timestamps without a zone (read as Europe/Warsaw local time), dates as YYYY-MM-DD.
 */

import type { RowReader } from './layout';
import { isTimeName } from './long';
import { normaliseName } from './names';

/** How a column's cells become text. */
export type CellKind =
  /** Numbers and text as they are. */
  | 'value'
  /** Instants (Date, or epoch milliseconds): ISO 8601 with `Z`. */
  | 'utc'
  /** Wall-clock timestamps stored as if they were UTC: ISO 8601 without a zone. */
  | 'naive'
  /** Calendar dates: YYYY-MM-DD. */
  | 'date';

/** One column of a columnar file. */
export interface TableColumn {
  name: string;
  kind: CellKind;
  /** The value of a row (0-based): number, bigint, string, boolean, Date, null or undefined. */
  get(row: number): unknown;
}

/** A columnar file's columns, whatever the container. */
export interface ColumnarTable {
  format: 'parquet' | 'arrow';
  columns: TableColumn[];
  rows: number;
}

const DAY_MS = 86_400_000;
/** Epoch values of 1990-01-01 and 2100-01-01 in ms: what meter data can hold. */
const EPOCH_MIN_MS = 631_152_000_000;
const EPOCH_MAX_MS = 4_102_444_800_000;
/** Epoch units, as ms per unit, tried on a time column of plain numbers. */
const EPOCH_UNITS = [1000, 1, 1e-3, 1e-6];

/**
 * Reads a columnar table as records. A column named like a timestamp that holds plain numbers is
 * read as epoch time, its unit (s, ms, µs, ns) taken from the size of its first value; numbers
 * outside 1990–2100 in that unit are left as numbers, for the time parser to refuse with their line.
 */
export class TableReader implements RowReader {
  readonly fields: string[] = [];
  line = 0;
  private nextLine: number;
  /** Per column: ms per unit when its numbers are epoch time, else 0. */
  private readonly epoch: number[];

  constructor(
    private readonly table: ColumnarTable,
    /** 1-based line to start on: 1 is the column names. */
    startLine = 1,
  ) {
    this.nextLine = Math.max(1, startLine);
    this.epoch = table.columns.map((c) =>
      c.kind === 'value' && isTimeName(normaliseName(c.name)) ? epochUnit(c, table.rows) : 0,
    );
  }

  next(): boolean {
    const { table, fields, epoch } = this;
    const columns = table.columns;
    if (fields.length !== columns.length) fields.length = columns.length;
    while (this.nextLine - 2 < table.rows) {
      const line = this.nextLine++;
      const row = line - 2;
      if (row < 0) {
        for (let c = 0; c < columns.length; c++) fields[c] = columns[c]!.name;
      } else {
        let blank = true;
        for (let c = 0; c < columns.length; c++) {
          const column = columns[c]!;
          const text = cellText(column.get(row), column.kind, epoch[c]!);
          fields[c] = text;
          if (text !== '') blank = false;
        }
        // As in a CSV file, a row without any value is skipped.
        if (blank) continue;
      }
      this.line = line;
      return true;
    }
    return false;
  }
}

/** ms per unit of a numeric time column, from its first value; 0 when it is not epoch time. */
function epochUnit(column: TableColumn, rows: number): number {
  for (let row = 0; row < rows; row++) {
    const v = column.get(row);
    if (v === null || v === undefined) continue;
    if (typeof v !== 'number' && typeof v !== 'bigint') return 0;
    const n = Number(v);
    for (const unit of EPOCH_UNITS) {
      const ms = n * unit;
      if (ms >= EPOCH_MIN_MS && ms < EPOCH_MAX_MS) return unit;
    }
    return 0;
  }
  return 0;
}

/** A cell as the text a CSV export would hold; '' for a missing value. */
export function cellText(v: unknown, kind: CellKind, epochMsPerUnit = 0): string {
  if (v === null || v === undefined) return '';
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
    case 'bigint': {
      if (kind !== 'value') return timeText(Number(v), kind) ?? String(v);
      if (epochMsPerUnit > 0) {
        const ms = Number(v) * epochMsPerUnit;
        if (ms >= EPOCH_MIN_MS && ms < EPOCH_MAX_MS) return timeText(ms, 'utc')!;
      }
      // NaN is how some writers mark a missing float.
      return typeof v === 'number' && v !== v ? '' : String(v);
    }
    case 'boolean':
      return String(v);
    default:
      if (v instanceof Date) return timeText(v.getTime(), kind === 'value' ? 'utc' : kind) ?? '';
      // Lists, structs, binary: nothing a layout reads; a short mark for the error message.
      return Array.isArray(v) || ArrayBuffer.isView(v) ? '[list]' : '[object]';
  }
}

/** Milliseconds as ISO text of the given kind; undefined when out of Date's range. */
function timeText(ms: number, kind: Exclude<CellKind, 'value'>): string | undefined {
  if (!Number.isFinite(ms) || Math.abs(ms) > 1e5 * DAY_MS * 365) return undefined;
  const iso = new Date(ms).toISOString();
  if (kind === 'date') return iso.slice(0, 10);
  return kind === 'utc' ? iso : iso.slice(0, 23);
}
