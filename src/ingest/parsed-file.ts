/**
 * What parseFile answers: the readings or the member register found in one file, and how the
 * file was understood (the "detection" a data report shows so that a wrong guess is visible).
 */

import type { Member, MeterSeries } from './cluster-data';
import type { DecimalMark, Separator } from './csv';
import type { TextEncodingName } from './decode';
import type { ParseWarning } from './errors';
import type { ValueUnit } from './names';
import type { ParseOverrides } from './overrides';

/** The layouts the importer recognises. */
export type Layout =
  /** Tauron eLicznik: Data;Strefa;Wartość kWh;Rodzaj — one meter, hour-ending labels. */
  | 'tauron'
  /** Enea eBOK: Data;Wolumen … przed bilansowaniem …; `="…HH:59"` labels — one meter. */
  | 'enea'
  /** DSO daily wide: PPE;Typ;Data;H1…H25 — CP import, CO export, hours elapsed from midnight. */
  | 'daily-wide'
  /** One row per meter and interval: ppe, timestamp, import, export (or value + register). */
  | 'long'
  /** One row per interval, one column per meter, net values (import − export). */
  | 'wide-net'
  /** The member register: ppe;nazwa;typ;taryfa;gmina;pv_kwp;wiatr_kw;biogaz_kw. */
  | 'register';

/** What a file's time labels mean. */
export type TimeConvention =
  /** UTC interval starts (`Z`, or a column named …utc). */
  | 'utc'
  /** Local interval starts with their UTC offset (`2025-01-01T00:00:00+01:00`). */
  | 'offset'
  /** Europe/Warsaw wall-clock interval starts; the autumn hour resolved by order. */
  | 'local-start'
  /** Wall-clock interval ends: hour-ending `1:00` … `24:00`. */
  | 'local-interval-end'
  /** Wall-clock last minute of the interval: `00:59` for 00:00–01:00. */
  | 'local-last-minute'
  /** A date plus hour columns counted in elapsed hours from local midnight (H1…H25). */
  | 'local-elapsed-hours'
  /** No time (the member register). */
  | 'none';

/** What the values of a readings file are. */
export type ValuesKind =
  /** Energy per interval, import and export (and generation) in their own columns or rows. */
  | 'import-export'
  /** Energy per interval, import − export in one value, split by sign. */
  | 'net'
  /** Cumulative counter readings (kWh that only grow): energy is their growth between readings. */
  | 'counter';

/** What decided the values' kind. */
export type ValuesFrom =
  /** The layout's own kind; nothing suggested counters. */
  | 'layout'
  /** A column name (`licznik`, `stan licznika`, `counter`, `cumulative`, `odczyt`…). */
  | 'header'
  /** The data: the values only grow and are large next to their growth (a guess). */
  | 'data'
  /** The user's override. */
  | 'override';

/** The container a file came in. */
export type FileFormat = 'csv' | 'parquet' | 'arrow';

/** How a file was understood. */
export interface Detection {
  /** Text (CSV) or a columnar file (Parquet, Arrow IPC). */
  format: FileFormat;
  layout: Layout;
  /** The layout in words, for the data report. */
  description: string;
  /** The text encoding; absent for columnar files (their text is UTF-8 by definition). */
  encoding?: TextEncodingName;
  /** Absent for columnar files. */
  separator?: Separator;
  /** Absent for columnar files, whose numbers are binary. */
  decimalMark?: DecimalMark;
  /** 1-based line of the header row (1 for columnar files: their column names). */
  headerLine: number;
  /** Data rows read (blank lines not counted). */
  dataRows: number;
  nulBytesRemoved: number;
  timeConvention: TimeConvention;
  /**
   * Unit of the values in the file (they are returned in kWh). kW and MW are average power over
   * the interval, multiplied by the interval's length in hours.
   */
  unit?: ValueUnit;
  /** True when the file does not write the unit: kWh assumed (kW for a bare `moc`/`power`). */
  unitAssumed?: boolean;
  /** Resolution of the file's data (the coarsest if meters differ). */
  stepMinutes?: 15 | 60;
  /** First interval start and last interval end (exclusive), UTC ms. */
  period?: { startUtcMs: number; endUtcMs: number };
  /**
   * Where the meter ids came from: a column, the header (a wide file's column names, or the
   * common prefix of a single meter's column names such as `DE_KN_residential4_grid_import`), the
   * file name, or the user's override.
   */
  meterIdSource?: 'column' | 'header' | 'file-name' | 'override';
  /** Meter ids in order of appearance. */
  meterIds?: string[];
  /** 'net' when the file held import − export and was split by sign; 'counter' for cumulative readings. */
  values?: ValuesKind;
  /** What decided `values` ('data' means the counters were guessed from the numbers). */
  valuesFrom?: ValuesFrom;
  /** The overrides that were applied (each one given was honoured, or parseFile threw). */
  overridden?: (keyof ParseOverrides)[];
}

/** How many data rows a preview holds below the header. */
export const PREVIEW_ROWS = 8;

/** Meter readings read from one file. */
export interface ParsedReadings {
  kind: 'readings';
  file: string;
  /**
   * One series per meter, in kWh, on the meter's own grid. Intervals missing from the file are
   * NaN: assembleCluster fills them with 0 and reports them.
   */
  meters: MeterSeries[];
  /** The DSO's after-netting values (po bilansowaniu) when the file has them: for comparison only. */
  netted: MeterSeries[];
  detection: Detection;
  warnings: ParseWarning[];
  /** The header row and the first PREVIEW_ROWS data rows, split into fields, for a preview table. */
  preview: string[][];
}

/** A member register read from one file. */
export interface ParsedRegister {
  kind: 'register';
  file: string;
  members: Member[];
  detection: Detection;
  warnings: ParseWarning[];
  /** The header row and the first PREVIEW_ROWS data rows, split into fields, for a preview table. */
  preview: string[][];
}

/** The result of parseFile. */
export type ParsedFile = ParsedReadings | ParsedRegister;
