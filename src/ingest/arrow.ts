/**
 * Arrow IPC files and streams (what pandas' `to_feather`, polars' `write_ipc`, DuckDB and
 * apache-arrow write) as a columnar table. Timestamps with a time zone are instants; without one
 * they are wall-clock readings (Europe/Warsaw local time to the layouts).
 */

import { type Table, Type, tableFromIPC } from 'apache-arrow';
import { BadArrow, checkArrowFile, checkArrowStream } from './arrow-verify';
import { ParseError } from './errors';
import type { CellKind, ColumnarTable } from './generic-table';

/** More rows than this is not one cluster's meter data. */
const MAX_ROWS = 20_000_000;

/**
 * Whether bytes are Arrow IPC: the file format starts with `ARROW1`, a stream with the
 * continuation marker 0xFFFFFFFF before its first message.
 */
export function isArrowIpc(bytes: Uint8Array): boolean {
  if (bytes.length < 8) return false;
  const file = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31].every((b, i) => bytes[i] === b);
  const stream = bytes[0] === 0xff && bytes[1] === 0xff && bytes[2] === 0xff && bytes[3] === 0xff;
  return file || stream;
}

/**
 * Reads Arrow IPC bytes; ParseError when they are not a readable table. The metadata are checked
 * by arrow-verify.ts before apache-arrow builds the table.
 */
export function readArrowTable(file: string, bytes: Uint8Array): ColumnarTable {
  let table: Table;
  try {
    const isFile = bytes[0] === 0x41;
    if (isFile && ![0x41, 0x52, 0x52, 0x4f, 0x57, 0x31].every((b, i) => bytes[bytes.length - 6 + i] === b)) {
      throw new BadArrow('it does not end with ARROW1: cut short?');
    }
    const { rows } = isFile ? checkArrowFile(bytes) : checkArrowStream(bytes);
    if (rows > MAX_ROWS) {
      throw new ParseError(file, undefined, undefined, `the Arrow file holds ${rows} rows; at most ${MAX_ROWS} can be read`);
    }
    table = tableFromIPC(bytes);
  } catch (e) {
    if (e instanceof ParseError) throw e;
    const why = e instanceof Error ? e.message : String(e);
    throw new ParseError(file, undefined, undefined, `is not a readable Arrow IPC file (${why})`, { cause: e });
  }
  if (table.numCols === 0) throw new ParseError(file, undefined, undefined, 'the Arrow file holds no columns');
  const columns = table.schema.fields.map((field, i) => {
    const vector = table.getChildAt(i)!;
    let kind: CellKind = 'value';
    if (field.type.typeId === Type.Timestamp) kind = (field.type as { timezone?: string | null }).timezone ? 'utc' : 'naive';
    else if (field.type.typeId === Type.Date) kind = 'date';
    // apache-arrow throws on a 64-bit value beyond 2^53 (a damaged timestamp): the layout then
    // reports the cell as not a date or not a number, with its line and column.
    const get = (row: number): unknown => {
      try {
        return vector.get(row);
      } catch {
        return '[unreadable value]';
      }
    };
    return { name: field.name, kind, get };
  });
  return { format: 'arrow', columns, rows: table.numRows };
}
