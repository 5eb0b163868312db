/**
 * How importing a file reports what is wrong (ParseError, fatal) and what is merely worth knowing
 * (ParseWarning). Every location is for a person holding the file in a spreadsheet: line and
 * column are 1-based, the column counts fields, not characters.
 */

/** A file that cannot be read as meter data or as a member register. */
export class ParseError extends Error {
  /** File name as the user gave it. */
  readonly file: string;
  /** 1-based line of the text, or undefined when the problem is the file as a whole. */
  readonly line: number | undefined;
  /** 1-based field number on that line, or undefined when the whole line is at fault. */
  readonly column: number | undefined;
  /** The problem without the location, e.g. `"abc" is not a number`. */
  readonly reason: string;

  constructor(file: string, line: number | undefined, column: number | undefined, reason: string, options?: { cause?: unknown }) {
    super(`${locate(file, line, column)}: ${reason}`, options);
    this.name = 'ParseError';
    this.file = file;
    this.line = line;
    this.column = column;
    this.reason = reason;
  }
}

function locate(file: string, line: number | undefined, column: number | undefined): string {
  let where = file;
  if (line !== undefined) where += ` line ${line}`;
  if (column !== undefined) where += line !== undefined ? `, column ${column}` : ` column ${column}`;
  return where;
}

/** What kind of thing a warning is about, so a data report can group and translate them. */
export type WarningCode =
  /** NUL bytes were removed (some Enea exports carry them). */
  | 'nul-bytes'
  /** Some lines are UTF-8 and others windows-1250 / ISO-8859-2; each was read in its own. */
  | 'mixed-encoding'
  /** After-netting registers (po bilansowaniu) were found and kept apart, not added. */
  | 'netted-values'
  /** The file holds net values (import − export); they were split by sign. */
  | 'net-values'
  /** Intervals with no value inside a meter's period; the assembler fills them with 0. */
  | 'missing-intervals'
  /** The same meter, register and interval appeared more than once. */
  | 'duplicate-intervals'
  /** Negative import or export values, set to 0. */
  | 'negative-values'
  /** A local time that does not exist (the spring DST gap). */
  | 'dst-gap'
  /** Rows the importer does not use (reactive energy, unknown register types…). */
  | 'ignored-rows'
  /** Values in hour columns beyond the length of the day. */
  | 'extra-hours'
  /** A register (import or export) absent from the whole file; taken as 0. */
  | 'register-absent'
  /** A single interval per meter: the resolution was not measurable and was assumed. */
  | 'step-assumed'
  /**
   * Gross consumption and generation (no export register) were netted per interval into import
   * and export (CLUSTERS.md §4 step 1); gross consumption and generation are kept.
   */
  | 'gross-netted'
  /** Register rows: unknown member types, duplicates, empty numbers. */
  | 'register'
  /** The file came out of an archive or a workbook, of which entries or sheets were left out. */
  | 'container';

/** Something the user should know about a file that was nevertheless read. */
export interface ParseWarning {
  code: WarningCode;
  /** Plain English, with the location and counts already in it. */
  message: string;
  /** First line concerned, when there is one. */
  line?: number;
  /** How many rows, values or intervals are concerned. */
  count?: number;
}
