/**
 * The data of one part of a large long or Tauron file's rows, as threads reading it side by side
 * hand it over (long-parts.ts): types only, so that the layouts can name them without importing
 * the readers.
 */

/** What a time column's rows said: whether they carry UTC offsets, and which labels were seen. */
export interface TimeFlags {
  withOffset: boolean | undefined;
  nonZeroOffset: boolean;
  sawHour24: boolean;
  sawMidnight: boolean;
}

/** What a thread read of its part: its readings (buffers to transfer) and what the rows said. */
export interface LongPart {
  ids: string[];
  count: number;
  meter: Int32Array;
  channel: Uint8Array;
  time: Float64Array;
  value: Float64Array;
  line: Int32Array;
  lines: number;
  rows: number;
  ignored: number;
  firstIgnoredLine: number;
  ignoredKinds: string[];
  nonAscii: boolean;
  times: TimeFlags;
}

/**
 * How a parse takes part in reading a file with other threads: read only the rows of one part
 * (then PartRead ends the parse, `read` holding them, or null when the byte reader gave up), or
 * take in every part's rows instead of reading any.
 */
export type RowPlan = { part: { index: number; of: number }; read?: LongPart | null } | { parts: LongPart[] };
