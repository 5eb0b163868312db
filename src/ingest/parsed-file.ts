/**
 * What parseFile answers: the readings or the member register found in one file, and how the
 * file was understood (the "detection" a data report shows so that a wrong guess is visible).
 */

import type { Member, MeterSeries } from './cluster-data';
import type { DecimalMark, Separator } from './csv';
import type { TextEncodingName } from './decode';
import type { ParseWarning } from './errors';
import type { EnergyUnit } from './names';

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

/** How a file was understood. */
export interface Detection {
  layout: Layout;
  /** The layout in words, for the data report. */
  description: string;
  encoding: TextEncodingName;
  separator: Separator;
  decimalMark: DecimalMark;
  /** 1-based line of the header row. */
  headerLine: number;
  /** Data rows read (blank lines not counted). */
  dataRows: number;
  nulBytesRemoved: number;
  timeConvention: TimeConvention;
  /** Unit of the values in the file (they are returned in kWh). */
  unit?: EnergyUnit;
  /** Whether the unit was written in the file or assumed (kWh). */
  unitAssumed?: boolean;
  /** Resolution of the file's data (the coarsest if meters differ). */
  stepMinutes?: 15 | 60;
  /** First interval start and last interval end (exclusive), UTC ms. */
  period?: { startUtcMs: number; endUtcMs: number };
  /** Where the meter ids came from. */
  meterIdSource?: 'column' | 'header' | 'file-name';
  /** Meter ids in order of appearance. */
  meterIds?: string[];
  /** 'net' when the file held import − export and was split by sign. */
  values?: 'import-export' | 'net';
}

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
}

/** A member register read from one file. */
export interface ParsedRegister {
  kind: 'register';
  file: string;
  members: Member[];
  detection: Detection;
  warnings: ParseWarning[];
}

/** The result of parseFile. */
export type ParsedFile = ParsedReadings | ParsedRegister;
