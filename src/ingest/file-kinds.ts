/**
 * What a file can be, in the importer's words: its container, its layout, what its time labels
 * mean, what its values are and what said so. Shared by the layouts, the overrides a user gives
 * and the detection parseFile reports; imports nothing.
 */

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
