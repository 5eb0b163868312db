/**
 * Parquet files as a columnar table, read with hyparquet (pure JavaScript: browser, Web Worker
 * and Node). hyparquet only reads asynchronously, hence parseFileAsync. It decodes uncompressed
 * and snappy-compressed files (the default of pyarrow, pandas and DuckDB); other codecs are
 * refused with a ParseError saying how to re-save the file.
 */

import { checkPageHeaders } from './parquet-pages';
import { type FileMetaData, parquetMetadata, parquetRead, parquetSchema, snappyUncompress } from 'hyparquet';
import { ParseError } from './errors';
import type { CellKind, ColumnarTable } from './generic-table';

/** More rows than this is not one cluster's meter data (and would not fit in memory as cells). */
const MAX_ROWS = 20_000_000;

/**
 * Snappy expands a byte to at most about 22 (a 3-byte copy of 64): a page header claiming more
 * is damaged, and believing it would allocate up to gigabytes.
 */
const MAX_SNAPPY_RATIO = 32;

/**
 * hyparquet's snappy decoder behind a size check: the page header's uncompressed size must match
 * the length the compressed data announce and be one they can expand to.
 */
function checkedSnappy(input: Uint8Array, outputLength: number): Uint8Array {
  let announced = 0;
  let shift = 0;
  for (let i = 0; i < input.length && i < 5; i++) {
    const b = input[i]!;
    announced += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) break;
  }
  if (announced !== outputLength || outputLength > input.length * MAX_SNAPPY_RATIO + 64) {
    throw new Error(`a page claims ${outputLength} bytes once decompressed, which its ${input.length} bytes cannot hold`);
  }
  const output = new Uint8Array(outputLength);
  snappyUncompress(input, output);
  return output;
}

/** Whether bytes are a Parquet file: `PAR1` at the start and at the end. */
export function isParquet(bytes: Uint8Array): boolean {
  const n = bytes.length;
  if (n < 12) return false;
  const par1 = (at: number) => bytes[at] === 0x50 && bytes[at + 1] === 0x41 && bytes[at + 2] === 0x52 && bytes[at + 3] === 0x31;
  return par1(0) && par1(n - 4);
}

/** Reads a Parquet file; ParseError when it cannot be. */
export async function readParquetTable(file: string, bytes: Uint8Array): Promise<ColumnarTable> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let metadata: FileMetaData;
  try {
    metadata = parquetMetadata(buffer);
  } catch (e) {
    throw unreadable(file, e);
  }
  const rows = Number(metadata.num_rows);
  if (!(rows >= 0) || rows > MAX_ROWS) {
    throw new ParseError(
      file,
      undefined,
      undefined,
      `the Parquet file says it holds ${String(metadata.num_rows)} rows; at most ${MAX_ROWS} can be read`,
    );
  }
  let top;
  try {
    top = parquetSchema(metadata).children;
  } catch (e) {
    throw unreadable(file, e);
  }
  if (top.length === 0) throw new ParseError(file, undefined, undefined, 'the Parquet file holds no columns');
  checkColumnChunks(file, metadata, top);
  try {
    checkPageHeaders(bytes, metadata);
  } catch (e) {
    throw unreadable(file, e);
  }
  const data = new Map<string, unknown[]>();
  const columns = top.map((child) => {
    const name = child.element.name;
    const values: unknown[] = new Array<unknown>(rows);
    if (!data.has(name)) data.set(name, values);
    return { name, kind: kindOf(child.element), get: (row: number): unknown => values[row] };
  });
  try {
    await parquetRead({
      file: buffer,
      metadata,
      compressors: { SNAPPY: checkedSnappy },
      // hyparquet calls this from a promise it does not watch: it must not throw.
      onChunk(chunk) {
        const target = data.get(chunk.columnName);
        const values = chunk.columnData as ArrayLike<unknown> | undefined;
        if (!target || !values) return;
        const end = Math.min(chunk.rowEnd, rows, chunk.rowStart + values.length);
        for (let row = Math.max(0, chunk.rowStart); row < end; row++) target[row] = values[row - chunk.rowStart];
      },
    });
  } catch (e) {
    throw unreadable(file, e);
  }
  return { format: 'parquet', columns, rows };
}

/**
 * Refuses metadata whose column chunks do not match the schema one to one. hyparquet reads every
 * chunk but only watches the ones it can assign to a top-level column: the failure of any other
 * (in a damaged file) would surface as an unhandled promise rejection, outside parseFileAsync.
 */
function checkColumnChunks(
  file: string,
  metadata: FileMetaData,
  top: readonly { element: { name: string }; children: unknown[] }[],
): void {
  const flat = new Map(top.map((c) => [c.element.name, c.children.length === 0]));
  for (const group of metadata.row_groups) {
    const seen = new Set<string>();
    for (const chunk of group.columns) {
      const name = chunk.meta_data?.path_in_schema?.[0];
      const known = name !== undefined && flat.has(name);
      if (!known || (flat.get(name) && seen.has(name))) {
        throw new ParseError(
          file,
          undefined,
          undefined,
          'is not a readable Parquet file (its column chunks do not match its schema)',
        );
      }
      seen.add(name);
    }
  }
}

/** How a Parquet column's values are rendered: its logical (or older converted) type. */
function kindOf(element: { logical_type?: { type: string }; converted_type?: string }): CellKind {
  const logical = element.logical_type;
  if (logical?.type === 'TIMESTAMP') {
    return (logical as { isAdjustedToUTC?: boolean }).isAdjustedToUTC === false ? 'naive' : 'utc';
  }
  if (logical?.type === 'DATE' || element.converted_type === 'DATE') return 'date';
  if (element.converted_type === 'TIMESTAMP_MILLIS' || element.converted_type === 'TIMESTAMP_MICROS') return 'utc';
  return 'value';
}

function unreadable(file: string, e: unknown): ParseError {
  const why = e instanceof Error ? e.message : String(e);
  const codec = /compression|codec|ZSTD|GZIP|BROTLI|LZ4|LZO/i.exec(why);
  const reason = codec
    ? `the Parquet file uses a compression this reader does not decode (${why}); save it with snappy or no compression`
    : `is not a readable Parquet file (${why})`;
  return new ParseError(file, undefined, undefined, reason, { cause: e });
}
