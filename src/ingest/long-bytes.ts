/**
 * The rows of a long layout read straight from a plain file's bytes: no text decoded, no string
 * per field, numbers and the usual timestamp shapes parsed from the bytes. A cluster's import is
 * mostly this loop (a year of hourly Tauron rows is 17,520 rows a member), and strings per field,
 * their parsing and their garbage were most of its time.
 *
 * It reads only what it is sure of and gives up (returns undefined, having changed nothing the
 * caller keeps) on anything else — a quote, a NUL, a lone CR, a letter beyond ASCII outside the
 * register and meter columns, a value that is not a plain decimal number, a bad or unusual cell,
 * a row too short —, and the caller then reads the file with the CsvReader from its header on.
 * So every message, warning and error position is the reader's own; this path only has to give
 * the same readings when it finishes, which the property tests check.
 */

import { registerOfLabel } from './layout';
import type { ValueUnit } from './names';
import type { Readings } from './reading-store';
import type { PlainBytes } from './text-pieces';
import type { TimeColumn } from './time-column';
import { DAY_MS, HOUR_MS, MINUTE_MS, type Timestamp, daysFromCivil, daysInMonth, newTimestamp } from './time';

/** Where a long file keeps what, for the byte reader. */
export interface LongByteColumns {
  id?: number;
  time: number;
  registers: readonly { column: number; channel: number }[];
  value?: number;
  kind?: number;
  /** The last column a row must have. */
  lastColumn: number;
}

/** What the row loop found besides the readings. */
export interface LongRows {
  rows: number;
  /** A part's lines (blank and ignored ones too) and whether one held a letter beyond ASCII. */
  lines?: number;
  nonAscii?: boolean;
  ignored: number;
  firstIgnoredLine: number;
  ignoredKinds: Set<string>;
}

/**
 * Whether the byte reader is tried at all (the tests read files both ways and compare), and how
 * many files it has read to the end (the tests check that it is not always giving up).
 */
export const byteReader = { enabled: true, files: 0 };

/** Fields a row may have here (wider rows go to the CsvReader). */
const MAX_FIELDS = 31;

/** Labels of the register column remembered by their bytes. */
const MAX_LABELS = 16;

// Sentinel of parseValue for a cell this reader does not read (no number parses to it).
const GIVE_UP = Infinity;

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** Same bound as numberCell's (layout.ts). */
const MAX_KWH = 1e9;

/**
 * Reads the data rows below the header (on `headerLine`) into `r` as readLong's loop would, or
 * returns undefined when the file needs the CsvReader (then `r` and `times` are spoilt: the
 * caller makes new ones).
 */
export function readLongBytes(...args: Parameters<typeof readRows>): LongRows | undefined {
  try {
    return readRows(...args);
  } catch {
    // A cell the checks refuse: the CsvReader reads the file again and says where and why.
    return undefined;
  }
}

function readRows(
  plain: PlainBytes,
  cols: LongByteColumns,
  separator: string,
  decimalMark: string,
  unit: ValueUnit,
  headerLine: number,
  times: TimeColumn,
  r: Readings,
  fixedMeter: number,
  /** Only part `index` of `of` (partBounds); its lines counted from 0, and the file not marked verified. */
  part?: { index: number; of: number },
): LongRows | undefined {
  const start = plain.lineStart(headerLine + 1);
  if (start < 0) return undefined;
  const bounds = part ? partBounds(plain, start, part.of) : [start, Infinity];
  const rowsFrom = bounds[part ? part.index : 0]!;
  const rowsTo = bounds[part ? part.index + 1 : 1]!;
  const sep = separator.charCodeAt(0);
  const dec = decimalMark.charCodeAt(0);
  const scale = unit === 'kWh' || unit === 'kW' ? 0 : unit === 'Wh' ? 1 : 2;
  const { time: timeCol, kind: kindCol, id: idCol, value: valueCol, lastColumn, registers } = cols;
  if (lastColumn >= MAX_FIELDS) return undefined;
  // Letters beyond ASCII are read (and checked as UTF-8) only in the register and meter columns.
  const textMask = (kindCol !== undefined ? 1 << kindCol : 0) | (idCol !== undefined ? 1 << idCol : 0);
  const regColumns = Int32Array.from(registers, (x) => x.column);
  const regChannels = Int32Array.from(registers, (x) => x.channel);
  const fs = new Int32Array(MAX_FIELDS);
  const fe = new Int32Array(MAX_FIELDS);
  const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const ts = newTimestamp();
  const dates = { start: -1, days: 0 };

  const labelStart: number[] = [];
  const labelEnd: number[] = [];
  const labelChannel: number[] = [];
  const labelText: string[] = [];

  let nonAscii = false;
  let rows = 0;
  let ignored = 0;
  let firstIgnoredLine = 0;
  const ignoredKinds = new Set<string>();
  // A length of -1 matches no cell.
  let prevTimeStart = 1;
  let prevTimeEnd = 0;
  let t = NaN;
  let prevIdStart = 1;
  let prevIdEnd = 0;
  let meter = fixedMeter;

  // A time cell as long as the row above's and followed by a separator is read where it stands,
  // not tokenized first: equal to the row above's, or parsed by parseTime, its bytes are all
  // ordinary characters (digits, '-', ':', ' ', 'T', 'Z'), so the tokenizer would have ended it
  // there too — unless the separator is one of them. The tokenizer was a quarter of the loop,
  // the time most of its bytes.
  const timeInPlace = !(sep === 32 || sep === 45 || sep === 58 || sep === 84 || sep === 90 || (sep >= 48 && sep <= 57));

  // What each byte is to the tokenizer: 0 an ordinary character, else the branch below.
  const kinds = new Uint8Array(256);
  kinds[sep] = SEP;
  kinds[10] = LF;
  kinds[13] = CR;
  kinds[34] = kinds[0] = REFUSE;
  kinds.fill(HIGH, 0x80);

  // The row above's first field, where the tokenizer may skip it (-1: none yet in this chunk).
  let headStart = 0;
  let headLen = -1;
  let headHigh = 0;
  let line = part ? 0 : headerLine;
  for (const b of plain.chunks(rowsFrom, rowsTo)) {
    // What the row above left in the caches points into the last chunk: forgotten.
    prevTimeStart = prevIdStart = 1;
    prevTimeEnd = prevIdEnd = 0;
    dates.start = -1;
    labelStart.length = labelEnd.length = labelChannel.length = labelText.length = 0;
    headLen = -1;
    const n = b.length;
    const words = new DataView(b.buffer, b.byteOffset, b.byteLength);
    let i = 0;
    while (i < n) {
      line++;
      const lineFrom = i;
      let nf = 0;
      let from = i;
      let highMask = 0;
      // The first field mostly repeats the row above's (a meter's id, row after row): compared
      // whole instead of tokenized, and then, when it is the meter column, the same meter.
      let sameHead = false;
      if (headLen >= 0 && b[i + headLen] === sep && sameWords(words, i, headStart, headLen)) {
        fs[0] = i;
        fe[0] = i + headLen;
        nf = 1;
        highMask = headHigh;
        i += headLen + 1;
        from = i;
        sameHead = true;
      }
      let timeRead = false;
      for (;;) {
        // The time cell as long as the row above's, read in place (see timeInPlace).
        if (nf === timeCol && timeInPlace) {
          const len = prevTimeEnd - prevTimeStart;
          const e = from + len;
          if (len > 0 && b[e] === sep) {
            if (sameFromEnd(words, from, prevTimeStart, len)) timeRead = true;
            else if (parseTime(b, words, from, e, ts, dates)) {
              t = times.accept(ts, '');
              prevTimeStart = from;
              prevTimeEnd = e;
              timeRead = true;
            }
            if (timeRead) {
              fs[nf] = from;
              fe[nf++] = e;
              i = from = e + 1;
              continue;
            }
          }
        }
        while (i < n && kinds[b[i]!] === 0) i++;
        if (i >= n) {
          fs[nf] = from;
          fe[nf++] = i;
          break;
        }
        const k = kinds[b[i]!];
        if (k === SEP) {
          if (nf === MAX_FIELDS - 1) return undefined;
          fs[nf] = from;
          fe[nf++] = i;
          from = ++i;
        } else if (k === LF) {
          fs[nf] = from;
          fe[nf++] = i;
          i++;
          break;
        } else if (k === CR) {
          // CRLF ends a line as LF does; a lone CR is a line break to the decoder too.
          if (b[i + 1] !== 10) return undefined;
          fs[nf] = from;
          fe[nf++] = i;
          i += 2;
          break;
        } else if (k === REFUSE) {
          return undefined;
        } else {
          highMask |= 1 << nf;
          i++;
        }
      }
      // A line of empty fields is skipped. It has too few fields or no timestamp, so it is looked
      // for only then (one with other space than ASCII's is left to the CsvReader).
      if (nf <= lastColumn) {
        if (blankLine(b, lineFrom, i, sep)) continue;
        return undefined;
      }
      if ((highMask & ~textMask) !== 0) return undefined;
      if (highMask !== 0) nonAscii = true;

      const ts0 = fs[timeCol]!;
      const te0 = fe[timeCol]!;
      if (!timeRead && (te0 - ts0 !== prevTimeEnd - prevTimeStart || !sameFromEnd(words, ts0, prevTimeStart, te0 - ts0))) {
        if (parseTime(b, words, ts0, te0, ts, dates)) t = times.accept(ts, '');
        else if (blankLine(b, lineFrom, i, sep)) continue;
        else t = times.readText(latin1(b, ts0, te0));
        prevTimeStart = ts0;
        prevTimeEnd = te0;
      }
      rows++;

      if (idCol !== undefined && !(sameHead && idCol === 0)) {
        const s = fs[idCol]!;
        const e = fe[idCol]!;
        if (e - s !== prevIdEnd - prevIdStart || !sameBytes(b, s, prevIdStart, e - s)) {
          const id = utf8.decode(b.subarray(s, e)).trim();
          if (id === '') return undefined;
          meter = r.meterIndex(id);
          prevIdStart = s;
          prevIdEnd = e;
        }
      }
      // Only a row whose meter was taken sets the first field to compare with (see above).
      headStart = fs[0]!;
      headLen = fe[0]! - headStart;
      headHigh = highMask & 1;

      if (kindCol !== undefined) {
        const s = fs[kindCol]!;
        const len = fe[kindCol]! - s;
        let k = 0;
        while (k < labelStart.length && (labelEnd[k]! - labelStart[k]! !== len || !sameBytes(b, s, labelStart[k]!, len))) k++;
        if (k === labelStart.length) {
          if (k === MAX_LABELS) {
            labelStart.length = labelEnd.length = labelChannel.length = labelText.length = 0;
            k = 0;
          }
          const text = utf8.decode(b.subarray(s, s + len));
          labelStart.push(s);
          labelEnd.push(s + len);
          labelChannel.push(registerOfLabel(text));
          labelText.push(text);
        }
        const channel = labelChannel[k]!;
        if (channel < 0) {
          ignored++;
          if (firstIgnoredLine === 0) firstIgnoredLine = line;
          if (ignoredKinds.size < 5) ignoredKinds.add(labelText[k]!.trim());
          continue;
        }
        const v = parseValue(b, fs[valueCol!]!, fe[valueCol!]!, dec, scale);
        if (v === GIVE_UP) return undefined;
        if (v === v) r.add(meter, channel, t, v, line);
      } else {
        for (let k = 0; k < regColumns.length; k++) {
          const col = regColumns[k]!;
          const v = parseValue(b, fs[col]!, fe[col]!, dec, scale);
          if (v === GIVE_UP) return undefined;
          if (v === v) r.add(meter, regChannels[k]!, t, v, line);
        }
      }
    }
  }
  if (part) return { rows, ignored, firstIgnoredLine, ignoredKinds, lines: line, nonAscii };
  plain.verified(start, nonAscii);
  byteReader.files++;
  return { rows, ignored, firstIgnoredLine, ignoredKinds };
}

/**
 * Where each of `parts` parts of the rows starts (and, last, where the rows end): the rows from
 * `start` cut at the line starts nearest after equal shares of the bytes. The same file gives the
 * same cuts in every thread.
 */
export function partBounds(plain: PlainBytes, start: number, parts: number): number[] {
  const end = plain.nextLineStart(Number.MAX_SAFE_INTEGER);
  const bounds = [start];
  for (let k = 1; k < parts; k++) {
    const at = start + Math.floor(((end - start) * k) / parts);
    bounds.push(Math.max(bounds[k - 1]!, at <= start ? start : plain.nextLineStart(at - 1)));
  }
  bounds.push(end);
  return bounds;
}

// The tokenizer's kinds of byte (0: any other).
const SEP = 1;
const LF = 2;
const CR = 3;
const REFUSE = 4;
const HIGH = 5;

/** Whether a line (its end of line included) holds only separators and ASCII space. */
function blankLine(b: Uint8Array, s: number, e: number, sep: number): boolean {
  for (let k = s; k < e; k++) {
    const c = b[k]!;
    if (c !== 32 && c !== 9 && c !== 11 && c !== 12 && c !== 13 && c !== 10 && c !== sep) return false;
  }
  return true;
}

function sameBytes(b: Uint8Array, x: number, y: number, len: number): boolean {
  for (let k = 0; k < len; k++) if (b[x + k] !== b[y + k]) return false;
  return true;
}

/**
 * sameBytes four bytes at a time: a meter's id or a date is compared on every row, and byte by
 * byte that was a fifth of the loop.
 */
function sameWords(w: DataView, x: number, y: number, len: number): boolean {
  let k = 0;
  for (; k + 4 <= len; k += 4) if (w.getUint32(x + k) !== w.getUint32(y + k)) return false;
  for (; k < len; k++) if (w.getUint8(x + k) !== w.getUint8(y + k)) return false;
  return true;
}

/**
 * sameWords from the last bytes back: timestamps one row apart differ in their minutes, near the
 * end, so a differing one is told in a word or two.
 */
function sameFromEnd(w: DataView, x: number, y: number, len: number): boolean {
  let k = len;
  for (; k >= 4; k -= 4) if (w.getUint32(x + k - 4) !== w.getUint32(y + k - 4)) return false;
  for (; k > 0; k--) if (w.getUint8(x + k - 1) !== w.getUint8(y + k - 1)) return false;
  return true;
}

/** An ASCII cell as a string (latin1 keeps each byte one character). */
function latin1(b: Uint8Array, s: number, e: number): string {
  return String.fromCharCode.apply(null, b.subarray(s, e) as unknown as number[]);
}

/**
 * numberCell (layout.ts) for the plain shapes: `[sign]digits[mark digits]` with at most 15
 * digits and spaces around, in kWh; NaN for a blank cell; GIVE_UP for anything else (thousands
 * separators, exponents, missing-value marks, too many digits, out of range), which parseNumber
 * and numberCell then read or refuse.
 */
function parseValue(b: Uint8Array, s: number, e: number, dec: number, scale: number): number {
  while (s < e && (b[s] === 32 || b[s] === 9)) s++;
  while (e > s && (b[e - 1] === 32 || b[e - 1] === 9)) e--;
  if (s === e) return NaN;
  let c = b[s]!;
  let negative = false;
  if (c === 45) {
    negative = true;
    s++;
  } else if (c === 43) {
    s++;
  }
  let mantissa = 0;
  let digits = 0;
  let frac = 0;
  let seenDecimal = false;
  for (; s < e; s++) {
    c = b[s]!;
    const d = c - 48;
    if (d >= 0 && d <= 9) {
      mantissa = mantissa * 10 + d;
      digits++;
      if (seenDecimal) frac++;
    } else if (c === dec && !seenDecimal) {
      seenDecimal = true;
    } else {
      return GIVE_UP;
    }
  }
  if (digits === 0 || digits > 15) return GIVE_UP;
  // The same operations as parseNumber and numberCell, so the same doubles.
  let v = mantissa / POW10[frac]!;
  if (negative && v !== 0) v = -v;
  const kwh = scale === 0 ? v : scale === 1 ? v / 1000 : v * 1000;
  if (kwh > MAX_KWH || kwh < -MAX_KWH) return GIVE_UP;
  return kwh;
}

/** Dates outside these years are refused by parseTimestamp: left to it. */
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

/**
 * parseTimestamp (time.ts) for the shapes meter exports write — `YYYY-MM-DD H:MM`,
 * `YYYY-MM-DD HH:MM[:SS]`, `YYYY-MM-DDTHH:MM[:SS][Z]` with nothing around them — into `out`;
 * false for anything else, which parseTimestamp then reads. `dates` remembers the last date's
 * bytes and day number.
 */
function parseTime(
  b: Uint8Array,
  words: DataView,
  s: number,
  e: number,
  out: Timestamp,
  dates: { start: number; days: number },
): boolean {
  if (e - s < 15) return false;
  let days: number;
  if (dates.start >= 0 && sameWords(words, s, dates.start, 10)) {
    days = dates.days;
  } else {
    if (b[s + 4] !== 45 || b[s + 7] !== 45) return false;
    const year = digits(b, s, 4);
    const month = digits(b, s + 5, 2);
    const day = digits(b, s + 8, 2);
    if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return false;
    if (day > daysInMonth(year, month)) return false;
    days = daysFromCivil(year, month, day);
    dates.start = s;
    dates.days = days;
  }
  const c = b[s + 10];
  if (c !== 32 && c !== 84) return false;
  let i = s + 11;
  let hour: number;
  if (b[i + 1] === 58) {
    hour = digits(b, i, 1);
    i += 2;
  } else if (b[i + 2] === 58) {
    hour = digits(b, i, 2);
    i += 3;
  } else return false;
  if (i + 2 > e) return false;
  const minute = digits(b, i, 2);
  i += 2;
  let second = 0;
  if (i < e && b[i] === 58) {
    if (i + 3 > e) return false;
    second = digits(b, i + 1, 2);
    i += 3;
  }
  if (hour < 0 || minute < 0 || second < 0) return false;
  let offset = NaN;
  if (i < e) {
    if (b[i] !== 90 || i + 1 !== e) return false;
    offset = 0;
  }
  if (minute > 59 || second > 59) return false;
  if (hour > 24 || (hour === 24 && (minute !== 0 || second !== 0))) return false;
  out.offsetMinutes = offset;
  out.hasTime = true;
  out.hour24 = hour === 24;
  out.excelSerial = false;
  out.naiveMs = days * DAY_MS + hour * HOUR_MS + minute * MINUTE_MS + second * 1000;
  return true;
}

/** The number `count` ASCII digits at `s` write; -1 when one is not a digit. */
function digits(b: Uint8Array, s: number, count: number): number {
  let v = 0;
  for (let k = 0; k < count; k++) {
    const d = b[s + k]! - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}
