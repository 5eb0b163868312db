/**
 * What parseFile answers: the readings or the member register found in one file, and how the
 * file was understood (the "detection" a data report shows so that a wrong guess is visible).
 */

import type { Member, MeterSeries } from './cluster-data';
import type { DecimalMark, Separator } from './csv';
import type { TextEncodingName } from './decode';
import type { ParseWarning } from './errors';
import type { FileFormat, Layout, TimeConvention, ValuesFrom, ValuesKind } from './file-kinds';
import type { ValueUnit } from './names';
import type { ParseOverrides } from './overrides';

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

/**
 * A PVGIS file (the EU's PV tool, CLUSTERS.md §8): an hourly seriescalc export (a PV profile for a
 * scenario's `profile` generator) or a typical meteorological year (weather for the PV and wind
 * models). Not meter data: it adds no member.
 */
export interface ParsedPvgis {
  kind: 'pvgis';
  file: string;
  what: 'seriescalc' | 'tmy';
  /** The file's text, read again by the models' PVGIS readers where it is used. */
  text: string;
  /** Simulated peak power (seriescalc), kWp; site when the file says. */
  kwp?: number;
  lat?: number;
  lon?: number;
  hours: number;
  warnings: ParseWarning[];
}

/** The result of parseFile. */
export type ParsedFile = ParsedReadings | ParsedRegister;

/** PSE's RCE export (market prices per hour or quarter-hour): the cluster's export price r. */
export interface ParsedPrices {
  kind: 'prices';
  file: string;
  /** The file's text, read again by the money module's RCE reader where it is used. */
  text: string;
  minutes: number;
  /** Local dates covered (inclusive). */
  from: string;
  to: string;
  warnings: ParseWarning[];
}

/** What a file dropped on the page can be: meter data, a register, a PVGIS file or RCE prices (parseBlob). */
export type ParsedInput = ParsedFile | ParsedPvgis | ParsedPrices;
