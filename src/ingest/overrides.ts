/**
 * What a user can say about a file when the importer guessed wrong: its layout, encoding, CSV
 * dialect, unit, what its time labels mean, the meter's id, and what its values are. Every
 * override given is either honoured or refused with a ParseError that says why it cannot apply;
 * none is silently ignored.
 */

import type { DecimalMark, Separator } from './csv';
import { finish, type DecodedText, type TextEncodingName } from './decode';
import { ParseError } from './errors';
import type { ValueUnit } from './names';
import type { Layout, TimeConvention } from './file-kinds';

/** Corrections to parseFile's guesses. Every field is optional: absent means "guess". */
export interface ParseOverrides {
  /** The layout; the header row is then looked for with this layout's rules only. */
  layout?: Layout;
  /** The text encoding (text files only). */
  encoding?: TextEncodingName;
  /** The field separator (text files only). */
  separator?: Separator;
  /** The decimal mark of the numbers (text files only). */
  decimalMark?: DecimalMark;
  /** The unit of the values; kW and MW are average power over the interval. */
  unit?: ValueUnit;
  /** What the time labels mean ('local-elapsed-hours' only for the daily wide layout). */
  timeConvention?: TimeConvention;
  /** The meter id of a file that holds a single meter (replaces the one found). */
  meterId?: string;
  /** What the values are: separate registers, net values split by sign, or counters. */
  values?: 'import-export' | 'net' | 'counter';
}

const LAYOUTS: readonly Layout[] = ['tauron', 'enea', 'daily-wide', 'long', 'wide-net', 'register'];
const ENCODINGS: readonly TextEncodingName[] = [
  'ascii',
  'utf-8',
  'utf-8-bom',
  'utf-16le',
  'utf-16be',
  'windows-1250',
  'iso-8859-2',
];
const SEPARATORS: readonly Separator[] = [';', ',', '\t'];
const DECIMAL_MARKS: readonly DecimalMark[] = [',', '.'];
const UNITS: readonly ValueUnit[] = ['kWh', 'Wh', 'MWh', 'kW', 'MW'];
const CONVENTIONS: readonly TimeConvention[] = [
  'utc',
  'offset',
  'local-start',
  'local-interval-end',
  'local-last-minute',
  'local-elapsed-hours',
  'none',
];
const VALUES = ['import-export', 'net', 'counter'] as const;

/**
 * Checks overrides that may come from a form or a saved JSON (so not trusted to match the type)
 * and returns a copy without the absent ones. ParseError for an unknown field or value.
 */
export function checkOverrides(file: string, overrides: ParseOverrides | undefined): ParseOverrides {
  const out: ParseOverrides = {};
  if (overrides === undefined || overrides === null) return out;
  const given = overrides as Record<string, unknown>;
  const allowed: Record<keyof ParseOverrides, readonly unknown[] | 'text'> = {
    layout: LAYOUTS,
    encoding: ENCODINGS,
    separator: SEPARATORS,
    decimalMark: DECIMAL_MARKS,
    unit: UNITS,
    timeConvention: CONVENTIONS,
    meterId: 'text',
    values: VALUES,
  };
  for (const key of Object.keys(given)) {
    const value = given[key];
    if (value === undefined) continue;
    if (!Object.hasOwn(allowed, key)) {
      throw new ParseError(file, undefined, undefined, `there is no setting "${key}" to override`);
    }
    const k = key as keyof ParseOverrides;
    const options = allowed[k];
    if (options === 'text') {
      if (typeof value !== 'string' || value.trim() === '') {
        throw new ParseError(file, undefined, undefined, 'the meter id given is empty');
      }
      out.meterId = value.trim();
      continue;
    }
    if (!options.includes(value)) {
      throw new ParseError(
        file,
        undefined,
        undefined,
        `${k} cannot be ${JSON.stringify(value)}; it is one of ${options.map((o) => JSON.stringify(o)).join(', ')}`,
      );
    }
    (out as Record<string, unknown>)[k] = value;
  }
  return out;
}

/** The overrides that do not apply to a columnar file (which has no text), refused. */
export function refuseTextOverrides(file: string, o: ParseOverrides, format: string): void {
  for (const k of ['encoding', 'separator', 'decimalMark'] as const) {
    if (o[k] !== undefined) {
      throw new ParseError(file, undefined, undefined, `${k} cannot be set for a ${format} file: it is not text`);
    }
  }
}

/**
 * Decodes bytes in the encoding the user chose, as decodeBytes would have had it guessed that:
 * BOM and NUL bytes dropped, `\n` line ends. ParseError, with the line, when the bytes cannot be
 * in that encoding (not UTF-8, not ASCII).
 */
export function decodeAs(file: string, bytes: Uint8Array, encoding: TextEncodingName): DecodedText {
  let body = bytes;
  let nulBytesRemoved = 0;
  const utf16 = encoding === 'utf-16le' || encoding === 'utf-16be';
  if (utf16) {
    const bom = encoding === 'utf-16le' ? [0xff, 0xfe] : [0xfe, 0xff];
    if (body[0] === bom[0] && body[1] === bom[1]) body = body.subarray(2);
  } else {
    if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) body = body.subarray(3);
    const kept = body.filter((b) => b !== 0);
    nulBytesRemoved = body.length - kept.length;
    body = kept;
  }
  let text: string;
  if (encoding === 'ascii') {
    const at = body.findIndex((b) => b > 0x7f);
    if (at >= 0) {
      throw new ParseError(file, lineOfByte(body, at), undefined, `byte 0x${body[at]!.toString(16)} is not ASCII`);
    }
    text = new TextDecoder('utf-8').decode(body);
  } else if (encoding === 'utf-8' || encoding === 'utf-8-bom') {
    text = new TextDecoder('utf-8').decode(body);
    const bad = text.indexOf('\ufffd');
    if (bad >= 0) {
      // Re-decoding is only paid for on the error path: find the first byte that breaks UTF-8.
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(body);
      } catch {
        throw new ParseError(file, lineOfText(text, bad), undefined, 'the bytes are not valid UTF-8 here');
      }
    }
  } else {
    text = new TextDecoder(encoding).decode(body);
  }
  return finish(text, encoding, nulBytesRemoved);
}

function lineOfByte(bytes: Uint8Array, at: number): number {
  let line = 1;
  for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function lineOfText(text: string, at: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
