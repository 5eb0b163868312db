/**
 * Importing members' files: `parseFile` reads one file (meter readings in any of the supported
 * export layouts, or the member register), `assembleCluster` puts the readings of all files on
 * one grid for the engine. Text files (CSV in every dialect the DSOs write) and Arrow IPC are read
 * synchronously; Parquet, whose reader is asynchronous, through `parseFileAsync`. Pure TypeScript:
 * runs in a browser, a Web Worker and Node.
 */

import { isArrowIpc, readArrowTable } from './arrow';
import { readDailyWide } from './daily-wide';
import { type TextEncodingName, decodeBytes } from './decode';
import { CsvReader, SNIFF_LINES, type Separator, sniffDecimalMark, sniffSeparator } from './csv';
import { LAYOUT_NEEDS, findHeader } from './detect';
import { readEnea } from './enea';
import { ParseError, type ParseWarning } from './errors';
import { checkFileSize } from './file-size';
import { type ColumnarTable, TableReader } from './generic-table';
import { type LayoutContext, type ReadingsOutcome, type RowReader, quote } from './layout';
import { LONG_OPTIONS, readLong } from './long';
import type { PlainBytes } from './text-pieces';
import { type LongPart, NotSplittable, PartRead, type RowPlan } from './long-parts';
import { type ByteSource, FileReadError, blobSource, canReadBlobsInPlace, memorySource } from './byte-source';
import { isPowerUnit } from './names';
import { type ParseOverrides, checkOverrides, decodeAs, refuseTextOverrides } from './overrides';
import { isParquet, readParquetTable } from './parquet';
import type { FileFormat } from './file-kinds';
import {
  type Detection,
  PREVIEW_ROWS,
  type ParsedFile,
  type ParsedInput,
  type ParsedPrices,
  type ParsedPvgis,
} from './parsed-file';
import { RceParseError, parseRceCsv } from '../money/export-price';
import { readPvgisSeriescalc, readPvgisTmy } from '../models/pvgis';
import { powerToEnergy, rescaleUnit } from './power';
import { readRegister } from './register';
import { readTauron } from './tauron';
import { NotUtf8, TextPieces } from './text-pieces';
import { readWideNet } from './wide-net';

export { assembleCluster } from './assemble';
export type { AssembleOptions, AssemblyReport, MemberReport } from './assemble';
export type { ClusterData, Member, MeterSeries } from './cluster-data';
export type { DecimalMark, Separator } from './csv';
export type { TextEncodingName } from './decode';
export { ParseError } from './errors';
export { MAX_FILE_BYTES, checkFileSize } from './file-size';
export type { ParseWarning, WarningCode } from './errors';
export type { EnergyUnit, PowerUnit, ValueUnit } from './names';
export type { ParseOverrides } from './overrides';
export { formatWarsaw, warsawOffsetMinutes, warsawUtcToLocal } from './time';
export { PREVIEW_ROWS } from './parsed-file';
export type { Detection, ParsedFile, ParsedReadings, ParsedRegister } from './parsed-file';
export type { FileFormat, Layout, TimeConvention, ValuesFrom, ValuesKind } from './file-kinds';

/** How many data rows the decimal mark is guessed from. */
const DECIMAL_SAMPLE_ROWS = 50;

/**
 * Reads one file: recognises its format (CSV text or Arrow IPC), encoding, CSV dialect and
 * layout, and returns either meter readings (one MeterSeries per meter, in kWh, UTC interval
 * starts) or the member register. Single-meter exports (Tauron, Enea) take the meter id from a
 * PPE code in the file name, else the file name without its extension. `overrides` correct any
 * guess; each one given is honoured or refused with a ParseError saying why. Throws ParseError,
 * and nothing else, for a file it cannot read — also for a Parquet file, which needs
 * parseFileAsync.
 */
export function parseFile(name: string, bytes: Uint8Array, overrides?: ParseOverrides): ParsedFile {
  return guarded(name, () => {
    checkFileSize(name, bytes.length);
    const o = checkOverrides(name, overrides);
    if (isParquet(bytes)) {
      throw new ParseError(name, undefined, undefined, 'this is a Parquet file, which is read asynchronously (parseFileAsync)');
    }
    if (isArrowIpc(bytes)) return parseTable(name, readArrowTable(name, bytes), o);
    return parseText(name, memorySource(bytes), o);
  });
}

/**
 * parseFile for every format, Parquet included (its reader, hyparquet, is asynchronous). Rejects
 * with ParseError and nothing else.
 */
export async function parseFileAsync(name: string, bytes: Uint8Array, overrides?: ParseOverrides): Promise<ParsedFile> {
  if (!isParquet(bytes)) return parseFile(name, bytes, overrides);
  const o = guarded(name, () => {
    checkFileSize(name, bytes.length);
    return checkOverrides(name, overrides);
  });
  let table: ColumnarTable;
  try {
    table = await readParquetTable(name, bytes);
  } catch (e) {
    throw asParseError(name, e);
  }
  return guarded(name, () => parseTable(name, table, o));
}

/**
 * parseFileAsync for a Blob (a File in the browser): a file larger than MAX_FILE_BYTES is refused
 * before its bytes are read. Rejects with ParseError and nothing else.
 */
export async function parseBlob(
  name: string,
  blob: Pick<Blob, 'size' | 'arrayBuffer'>,
  overrides?: ParseOverrides,
): Promise<ParsedInput> {
  guarded(name, () => checkFileSize(name, blob.size));
  if (blob instanceof Blob && blob.size > STREAM_FROM_BYTES && canReadBlobsInPlace()) {
    const head = new Uint8Array(await blob.slice(0, 4096).arrayBuffer());
    if (isPlainTextHead(head)) return parseTextSource(name, blobSource(blob), overrides);
  }
  let buffer: ArrayBuffer;
  try {
    buffer = await blob.arrayBuffer();
  } catch (e) {
    const what = e instanceof Error ? e.message : String(e);
    throw new ParseError(name, undefined, undefined, `the file could not be read (${what})`, { cause: e });
  }
  const bytes = new Uint8Array(buffer);
  return parsePvgis(name, bytes) ?? parsePrices(name, bytes) ?? parseFileAsync(name, bytes, overrides);
}

/** Files larger than this are read a window at a time where that can be done (a parse worker). */
export const STREAM_FROM_BYTES = 8 * 2 ** 20;

/**
 * Whether a file's first bytes (a few kB) are neither a columnar file, an archive or workbook, nor
 * PVGIS or prices: a meter export's text (or nothing readable), which parseTextSource reads.
 */
export function isPlainTextHead(head: Uint8Array): boolean {
  const magic = (...m: number[]) => m.every((x, i) => head[i] === x);
  if (magic(0x50, 0x41, 0x52, 0x31) || isArrowIpc(head) || magic(0x50, 0x4b) || magic(0xd0, 0xcf) || magic(0x1f, 0x8b))
    return false;
  const text = new TextDecoder().decode(head);
  return pvgisKind(text) === undefined && !isPriceFile(text);
}

/** Runs a parse, turning anything but a ParseError into one. */
function guarded<T>(file: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    throw asParseError(file, e);
  }
}

function asParseError(file: string, e: unknown): ParseError {
  if (e instanceof ParseError) return e;
  if (e instanceof FileReadError) {
    return new ParseError(file, undefined, undefined, `the file could not be read (${e.message})`, { cause: e });
  }
  // A safety net, not a code path: a bug must not surface as a TypeError in the UI.
  const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return new ParseError(file, undefined, undefined, `could not be read (internal error: ${what})`, { cause: e });
}

/** A file's records, whatever the container, and what is known about it before its header. */
interface RowSource {
  file: string;
  format: FileFormat;
  encoding?: TextEncodingName;
  separator?: Separator;
  nulBytesRemoved: number;
  /** A fresh reader starting on a 1-based line. */
  reader(startLine: number): RowReader;
  /** The line records start on (2 after an Excel `sep=` hint). */
  firstLine: number;
  lineEstimate: number;
  warnings: ParseWarning[];
  /** The bytes of a plain UTF-8 or ASCII text, for layouts that read rows from them. */
  plain?: PlainBytes;
  /** Reading the rows in parts (long-parts.ts). */
  plan?: RowPlan;
}

/**
 * parseFile for a text file read a window at a time (a large File in a parse worker): the same
 * result, without holding the file's bytes whole when the byte reader takes its rows.
 */
export function parseTextSource(name: string, source: ByteSource, overrides?: ParseOverrides): ParsedFile {
  return guarded(name, () => {
    checkFileSize(name, source.size);
    return parseText(name, source, checkOverrides(name, overrides));
  });
}

/**
 * Another thread's share of parseTextSource: the rows of part `index` of `of` of a large long or
 * Tauron file (cut at line starts), for parseTextSourceWithParts. Null when the byte reader gave
 * up on them; undefined when the file is not read in parts (another layout, not plain UTF-8, an
 * error before the rows): then it is parsed whole, which says why if it cannot be read.
 */
export function readTextPart(
  name: string,
  source: ByteSource,
  overrides: ParseOverrides | undefined,
  index: number,
  of: number,
): LongPart | null | undefined {
  const plan: Extract<RowPlan, { part: unknown }> = { part: { index, of } };
  try {
    parseText(name, source, checkOverrides(name, overrides), plan);
  } catch (e) {
    if (e instanceof PartRead) return plan.read ?? null;
  }
  return undefined;
}

/**
 * parseTextSource with the rows every part's thread read (readTextPart, in file order): the same
 * result, or the same error, as one thread reading the whole file.
 */
export function parseTextSourceWithParts(
  name: string,
  source: ByteSource,
  overrides: ParseOverrides | undefined,
  parts: LongPart[],
): ParsedFile {
  try {
    return guarded(name, () => {
      checkFileSize(name, source.size);
      return parseText(name, source, checkOverrides(name, overrides), { parts });
    });
  } catch (e) {
    // Unreachable after parts were read, but never an internal error for it: read it whole.
    if (e instanceof ParseError && e.cause instanceof NotSplittable) return parseTextSource(name, source, overrides);
    throw e;
  }
}

/** parseTextSource in `of` parts read one after another (what the threads do side by side); for the tests. */
export function parseTextSourceInParts(
  name: string,
  source: ByteSource,
  overrides: ParseOverrides | undefined,
  of: number,
): ParsedFile {
  const parts: LongPart[] = [];
  for (let k = 0; k < of; k++) {
    const part = readTextPart(name, source, overrides, k, of);
    if (!part) return parseTextSource(name, source, overrides);
    parts.push(part);
  }
  return parseTextSourceWithParts(name, source, overrides, parts);
}

function parseText(file: string, source: ByteSource, o: ParseOverrides, plan?: RowPlan): ParsedFile {
  rejectSpreadsheet(file, source.read(0, 4));
  const pieces = o.encoding === undefined ? TextPieces.of(source) : undefined;
  if (pieces !== undefined) {
    try {
      return parsePieces(file, pieces, o, plan);
    } catch (e) {
      // Not plain UTF-8 after all: the whole text, with the code pages, is read below.
      if (!(e instanceof NotUtf8)) throw e;
    }
  }
  // Only plain text is read in parts.
  if (plan) throw new NotSplittable();
  // Code pages, UTF-16, quotes: the whole text.
  const bytes = source.read(0, source.size);
  const decoded = o.encoding !== undefined ? decodeAs(file, bytes, o.encoding) : decodeBytes(bytes);
  const text = decoded.text;
  if (text.trim() === '') throw new ParseError(file, 1, undefined, 'the file is empty');
  const warnings: ParseWarning[] = [];
  if (decoded.nulBytesRemoved > 0) {
    warnings.push({
      code: 'nul-bytes',
      message: `${file}: ${decoded.nulBytesRemoved} NUL byte(s) were removed`,
      count: decoded.nulBytesRemoved,
    });
  }
  if (decoded.mixed !== undefined) {
    const m = decoded.mixed;
    warnings.push({
      code: 'mixed-encoding',
      message:
        `${file}: ${m.utf8Lines} line(s) are UTF-8 and ${m.codePageLines} ${m.codePage}, as after editing ` +
        'with two programs; each line was read in its own encoding',
      count: m.codePageLines,
    });
  }
  const sniffed = sniffSeparator(text);
  const separator = o.separator ?? sniffed.separator;
  return parseRows(
    {
      file,
      format: 'csv',
      encoding: decoded.encoding,
      separator,
      nulBytesRemoved: decoded.nulBytesRemoved,
      reader: (line) => new CsvReader(file, text, separator, line),
      firstLine: sniffed.hintLine ? 2 : 1,
      lineEstimate: countLines(text),
      warnings,
    },
    o,
  );
}

/** parseText for plain UTF-8 or ASCII, decoded a piece at a time (see text-pieces.ts). */
function parsePieces(file: string, pieces: TextPieces, o: ParseOverrides, plan?: RowPlan): ParsedFile {
  const blank = pieces.blank();
  if (blank === undefined) throw new NotUtf8();
  if (blank) throw new ParseError(file, 1, undefined, 'the file is empty');
  const sniffed = sniffSeparator(pieces.head(SNIFF_LINES));
  const separator = o.separator ?? sniffed.separator;
  return parseRows(
    {
      file,
      format: 'csv',
      get encoding() {
        return pieces.encoding();
      },
      separator,
      nulBytesRemoved: 0,
      reader: (line) => {
        const text = pieces.open();
        return new CsvReader(file, text.first, separator, line, text.more);
      },
      firstLine: sniffed.hintLine ? 2 : 1,
      lineEstimate: pieces.lineEstimate(),
      warnings: [],
      plain: pieces,
      ...(plan ? { plan } : {}),
    },
    o,
  );
}

function parseTable(file: string, table: ColumnarTable, o: ParseOverrides): ParsedFile {
  refuseTextOverrides(file, o, table.format === 'parquet' ? 'Parquet' : 'Arrow');
  return parseRows(
    {
      file,
      format: table.format,
      nulBytesRemoved: 0,
      reader: (line) => new TableReader(table, line),
      firstLine: 1,
      lineEstimate: table.rows + 1,
      warnings: [],
    },
    o,
  );
}

function parseRows(src: RowSource, o: ParseOverrides): ParsedFile {
  const { file, warnings } = src;
  const reader = src.reader(src.firstLine);
  const header = findHeader(reader, o.layout);
  if (header.found === undefined) {
    const firstLine = header.firstLine || src.firstLine;
    if (o.layout !== undefined) {
      throw new ParseError(
        file,
        firstLine,
        undefined,
        `no header of the ${o.layout} layout was found (it needs ${LAYOUT_NEEDS[o.layout]}); the first line reads ` +
          quote(header.firstText),
      );
    }
    throw new ParseError(
      file,
      firstLine,
      undefined,
      `the layout is not recognised; the first line reads ${quote(header.firstText)}. Expected a ` +
        'header such as "ppe,timestamp_utc,import_kwh,export_kwh", "Data;Strefa;Wartość kWh;Rodzaj", ' +
        '"PPE;Typ;Data;H1;…;H24", "czas;<PPE>;…" or "ppe;nazwa;typ;taryfa;gmina;…"',
    );
  }
  const found = header.found;

  const sampler = src.reader(found.line + 1);
  const samples: string[] = [];
  for (let i = 0; i < DECIMAL_SAMPLE_ROWS && sampler.next(); i++) {
    for (const field of sampler.fields) if (samples.length < 5000) samples.push(field);
  }
  // Columnar numbers are rendered with a point; a text file's mark is the user's or guessed.
  const decimalMark = src.format !== 'csv' ? '.' : (o.decimalMark ?? sniffDecimalMark(samples, src.separator ?? ';'));
  const preview = readPreview(src.reader(found.line));

  const ctx: LayoutContext = {
    file,
    reader,
    header: found.header,
    names: found.names,
    headerLine: found.line,
    decimalMark,
    lineEstimate: src.lineEstimate,
    warnings,
    overrides: o,
    ...(src.plain !== undefined ? { plain: src.plain } : {}),
    ...(src.plan !== undefined ? { rowPlan: src.plan } : {}),
  };
  // A function: a text read in pieces knows its encoding only once every piece is decoded.
  const base = () => ({
    format: src.format,
    ...(src.format === 'csv' ? { encoding: src.encoding, separator: src.separator, decimalMark } : {}),
    headerLine: found.line,
    nulBytesRemoved: src.nulBytesRemoved,
    ...(overriddenKeys(o).length > 0 ? { overridden: overriddenKeys(o) } : {}),
  });

  const match = found.match;
  // Only the rows of the long layouts are read in parts.
  if (src.plan && match.layout !== 'long' && match.layout !== 'tauron') throw new NotSplittable();
  if (match.layout === 'register') {
    refuseForRegister(file, found.line, o);
    const { members, dataRows } = readRegister(ctx, match.columns);
    const detection: Detection = {
      ...base(),
      layout: 'register',
      description: 'member register',
      dataRows,
      timeConvention: 'none',
    };
    return { kind: 'register', file, members, detection, warnings, preview };
  }

  let outcome: ReadingsOutcome;
  switch (match.layout) {
    case 'tauron':
      outcome = readTauron(ctx, match.columns);
      break;
    case 'enea':
      outcome = readEnea(ctx, match.columns);
      break;
    case 'daily-wide':
      refuseForDailyWide(file, found.line, o);
      outcome = readDailyWide(ctx, match.columns);
      break;
    case 'long':
      outcome = readLong(ctx, match.columns, LONG_OPTIONS);
      break;
    case 'wide-net':
      outcome = readWideNet(ctx, match.columns);
      break;
  }
  const built = outcome.built;
  // A layout that read another unit than the one set by hand (the daily wide one reads its own).
  let unit = outcome.unit;
  if (o.unit !== undefined && o.unit !== unit) {
    if (built.values === 'counter' && isPowerUnit(o.unit)) {
      throw new ParseError(file, found.line, undefined, `the values are counters, so their unit cannot be ${o.unit}`);
    }
    rescaleUnit(built, unit, o.unit);
    unit = o.unit;
  }
  if (isPowerUnit(unit)) powerToEnergy(built);
  let meterIdSource = outcome.meterIdSource as NonNullable<Detection['meterIdSource']>;
  if (o.meterId !== undefined) {
    applyMeterId(file, o.meterId, built.series, built.netted);
    meterIdSource = 'override';
  }
  if (built.netted.length > 0) {
    warnings.push({
      code: 'netted-values',
      message:
        `${file}: the values after the DSO's hourly netting (po bilansowaniu) were kept apart for ` +
        'comparison; import and export are the registers before netting',
    });
  }
  const detection: Detection = {
    ...base(),
    layout: outcome.layout,
    description: isPowerUnit(unit) ? `${outcome.description}; average power × interval length` : outcome.description,
    dataRows: outcome.dataRows,
    timeConvention: outcome.timeConvention,
    unit,
    unitAssumed: o.unit !== undefined ? false : outcome.unitAssumed,
    stepMinutes: built.stepMinutes,
    period: { startUtcMs: built.startUtcMs, endUtcMs: built.endUtcMs },
    meterIdSource,
    meterIds: built.series.map((s) => s.id),
    values: outcome.values,
    valuesFrom: outcome.valuesFrom ?? (o.values !== undefined ? 'override' : 'layout'),
  };
  return { kind: 'readings', file, meters: built.series, netted: built.netted, detection, warnings, preview };
}

function overriddenKeys(o: ParseOverrides): (keyof ParseOverrides)[] {
  return (Object.keys(o) as (keyof ParseOverrides)[]).filter((k) => o[k] !== undefined);
}

/** The header and the first PREVIEW_ROWS records, copied. */
function readPreview(reader: RowReader): string[][] {
  const rows: string[][] = [];
  while (rows.length <= PREVIEW_ROWS && reader.next()) rows.push(reader.fields.slice());
  return rows;
}

/** The member register has no time, unit, values or single meter to override. */
function refuseForRegister(file: string, line: number, o: ParseOverrides): void {
  for (const k of ['unit', 'timeConvention', 'meterId', 'values'] as const) {
    if (o[k] !== undefined) {
      throw new ParseError(file, line, undefined, `${k} cannot be set for a member register: it holds no meter readings`);
    }
  }
}

/** The daily wide layout has fixed conventions: hours elapsed from midnight, CP/CO registers. */
function refuseForDailyWide(file: string, line: number, o: ParseOverrides): void {
  if (o.timeConvention !== undefined && o.timeConvention !== 'local-elapsed-hours') {
    throw new ParseError(
      file,
      line,
      undefined,
      `the daily wide layout counts hours H1…H25 from local midnight; its time convention cannot be ${o.timeConvention}`,
    );
  }
  if (o.values === 'net' || o.values === 'counter') {
    throw new ParseError(
      file,
      line,
      undefined,
      `the daily wide layout holds CP (import) and CO (export) rows; its values cannot be ${o.values}`,
    );
  }
}

/** The user's id for the single meter of a file. */
function applyMeterId(file: string, id: string, series: { id: string }[], netted: { id: string }[]): void {
  if (series.length !== 1) {
    throw new ParseError(
      file,
      undefined,
      undefined,
      `the file holds ${series.length} meters (${series
        .slice(0, 5)
        .map((s) => s.id)
        .join(', ')}${series.length > 5 ? ', …' : ''}); a meter id can only be set for a file with one meter`,
    );
  }
  series[0]!.id = id;
  for (const s of netted) s.id = id;
}

/** Workbooks are zip (xlsx) or OLE (xls) containers: say so instead of "not recognised". */
function rejectSpreadsheet(file: string, bytes: Uint8Array): void {
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  if (zip || ole) {
    throw new ParseError(
      file,
      undefined,
      undefined,
      `this is ${zip ? 'a zip archive or an .xlsx workbook' : 'an .xls workbook'}, not a CSV text; ` +
        'open it in a spreadsheet and save it as CSV',
    );
  }
}

function countLines(text: string): number {
  let n = 1;
  let i = text.indexOf('\n');
  while (i >= 0) {
    n++;
    i = text.indexOf('\n', i + 1);
  }
  return n;
}

/** What PVGIS file a head of text is, if any. */
function pvgisKind(head: string): 'tmy' | 'seriescalc' | undefined {
  if (/^time\(UTC\),T2m,RH,G\(h\)/m.test(head)) return 'tmy';
  if (/^time,P,/m.test(head) || /"outputs"\s*:\s*\{\s*"hourly"/.test(head)) return 'seriescalc';
  return undefined;
}

/** Whether a head of text is PSE's RCE price export. */
function isPriceFile(head: string): boolean {
  return /^[^\n]*\bRCE\b[^\n]*z[lł]\s*\/\s*MWh/im.test(head);
}

/**
 * A PVGIS file (hourly seriescalc or typical year), read by the models' readers — or null when the
 * bytes are not one (then they are meter data or a register: parseFile). Errors name line and
 * column.
 */
export function parsePvgis(file: string, bytes: Uint8Array): ParsedPvgis | null {
  const kind = pvgisKind(new TextDecoder().decode(bytes.subarray(0, 4000)));
  if (kind === undefined) return null;
  const tmy = kind === 'tmy';
  const text = decodeBytes(bytes).text;
  try {
    if (tmy) {
      const w = readPvgisTmy(text, file);
      return { kind: 'pvgis', file, what: 'tmy', text, lat: w.lat, lon: w.lon, hours: w.ghi.length, warnings: [] };
    }
    const p = readPvgisSeriescalc(text, file);
    return {
      kind: 'pvgis',
      file,
      what: 'seriescalc',
      text,
      kwp: p.kwp,
      lat: p.lat,
      lon: p.lon,
      hours: p.powerW.length,
      warnings: [],
    };
  } catch (e) {
    const m = /line (\d+)(?:, column (\d+))?: (.*)$/s.exec(e instanceof Error ? e.message : String(e));
    throw new ParseError(file, m ? Number(m[1]) : undefined, m?.[2] ? Number(m[2]) : undefined, m ? m[3]! : String(e));
  }
}

/**
 * PSE's RCE price export (a date, an hour or period, and an `RCE [zł/MWh]` column), read by the
 * money module's reader — or null when the bytes are not one. Errors name line and column.
 */
export function parsePrices(file: string, bytes: Uint8Array): ParsedPrices | null {
  if (!isPriceFile(new TextDecoder().decode(bytes.subarray(0, 2000)))) return null;
  const text = decodeBytes(bytes).text;
  try {
    const r = parseRceCsv(text, file);
    return { kind: 'prices', file, text, minutes: r.minutes, from: r.from, to: r.to, warnings: [] };
  } catch (e) {
    if (e instanceof RceParseError) throw new ParseError(file, e.line, e.column, e.reason);
    throw asParseError(file, e);
  }
}
