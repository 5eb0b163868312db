/**
 * Importing members' files: `parseFile` reads one file (meter readings in any of the supported
 * export layouts, or the member register), `assembleCluster` puts the readings of all files on
 * one grid for the engine. Pure TypeScript: runs in a browser, a Web Worker and Node.
 */

import { readDailyWide } from './daily-wide';
import { decodeBytes } from './decode';
import { CsvReader, sniffDecimalMark, sniffSeparator } from './csv';
import { findHeader } from './detect';
import { readEnea } from './enea';
import { ParseError, type ParseWarning } from './errors';
import { type LayoutContext, type ReadingsOutcome, quote } from './layout';
import { LONG_OPTIONS, readLong } from './long';
import type { Detection, ParsedFile } from './parsed-file';
import { readRegister } from './register';
import { readTauron } from './tauron';
import { readWideNet } from './wide-net';

export { assembleCluster } from './assemble';
export type { AssemblyReport, MemberReport } from './assemble';
export type { ClusterData, Member, MeterSeries } from './cluster-data';
export type { DecimalMark, Separator } from './csv';
export type { TextEncodingName } from './decode';
export { ParseError } from './errors';
export type { ParseWarning, WarningCode } from './errors';
export type { EnergyUnit } from './names';
export { formatWarsaw, warsawOffsetMinutes, warsawUtcToLocal } from './time';
export type { Detection, Layout, ParsedFile, ParsedReadings, ParsedRegister, TimeConvention } from './parsed-file';

/** How many data rows the decimal mark is guessed from. */
const DECIMAL_SAMPLE_ROWS = 50;

/**
 * Reads one file: recognises its encoding, CSV dialect and layout, and returns either meter
 * readings (one MeterSeries per meter, in kWh, UTC interval starts) or the member register.
 * Single-meter exports (Tauron, Enea) take the meter id from a PPE code in the file name, else
 * the file name without its extension. Throws ParseError, and nothing else, for a file it cannot
 * read.
 */
export function parseFile(name: string, bytes: Uint8Array): ParsedFile {
  try {
    return parse(name, bytes);
  } catch (e) {
    if (e instanceof ParseError) throw e;
    // A safety net, not a code path: a bug must not surface as a TypeError in the UI.
    const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    throw new ParseError(name, undefined, undefined, `could not be read (internal error: ${what})`, {
      cause: e,
    });
  }
}

function parse(file: string, bytes: Uint8Array): ParsedFile {
  rejectSpreadsheet(file, bytes);
  const decoded = decodeBytes(bytes);
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

  const { separator, hintLine } = sniffSeparator(text);
  const startLine = hintLine ? 2 : 1;
  const reader = new CsvReader(file, text, separator, startLine);
  const header = findHeader(reader);
  if (header.found === undefined) {
    throw new ParseError(
      file,
      header.firstLine || startLine,
      undefined,
      `the layout is not recognised; the first line reads ${quote(header.firstText)}. Expected a ` +
        'header such as "ppe,timestamp_utc,import_kwh,export_kwh", "Data;Strefa;Wartość kWh;Rodzaj", ' +
        '"PPE;Typ;Data;H1;…;H24", "czas;<PPE>;…" or "ppe;nazwa;typ;taryfa;gmina;…"',
    );
  }
  const found = header.found;

  const sampler = new CsvReader(file, text, separator, found.line + 1);
  const samples: string[] = [];
  for (let i = 0; i < DECIMAL_SAMPLE_ROWS && sampler.next(); i++) {
    for (const field of sampler.fields) if (samples.length < 5000) samples.push(field);
  }
  const decimalMark = sniffDecimalMark(samples, separator);

  const ctx: LayoutContext = {
    file,
    reader,
    header: found.header,
    names: found.names,
    headerLine: found.line,
    separator,
    decimalMark,
    lineEstimate: countLines(text),
    warnings,
  };
  const base = {
    encoding: decoded.encoding,
    separator,
    decimalMark,
    headerLine: found.line,
    nulBytesRemoved: decoded.nulBytesRemoved,
  };

  const match = found.match;
  if (match.layout === 'register') {
    const { members, dataRows } = readRegister(ctx, match.columns);
    const detection: Detection = {
      ...base,
      layout: 'register',
      description: 'member register',
      dataRows,
      timeConvention: 'none',
    };
    return { kind: 'register', file, members, detection, warnings };
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
  if (built.netted.length > 0) {
    warnings.push({
      code: 'netted-values',
      message:
        `${file}: the values after the DSO's hourly netting (po bilansowaniu) were kept apart for ` +
        'comparison; import and export are the registers before netting',
    });
  }
  const detection: Detection = {
    ...base,
    layout: outcome.layout,
    description: outcome.description,
    dataRows: outcome.dataRows,
    timeConvention: outcome.timeConvention,
    unit: outcome.unit,
    unitAssumed: outcome.unitAssumed,
    stepMinutes: built.stepMinutes,
    period: { startUtcMs: built.startUtcMs, endUtcMs: built.endUtcMs },
    meterIdSource: outcome.meterIdSource,
    meterIds: built.series.map((s) => s.id),
    values: outcome.values,
  };
  return { kind: 'readings', file, meters: built.series, netted: built.netted, detection, warnings };
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
