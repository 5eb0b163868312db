/**
 * The CSV dialects of meter exports: `;`, `,` or tab separated, quoted or not, Excel `="…"`
 * wrappers around text that must not be turned into a number, decimal comma or point, and
 * thousands separators. Written for speed: a year of 15-minute data for a cluster is hundreds of
 * thousands of rows, so the reader avoids regular expressions and per-row allocations.
 */

import { ParseError } from './errors';

/** A field separator the reader understands. */
export type Separator = ';' | ',' | '\t';

/** The decimal mark of the numbers in a file. */
export type DecimalMark = ',' | '.';

/** The separator of a text and whether its first line is Excel's `sep=;` hint. */
export interface SeparatorGuess {
  separator: Separator;
  /** True when line 1 is `sep=X`: the reader must start on line 2. */
  hintLine: boolean;
}

const CANDIDATES: readonly Separator[] = [';', '\t', ','];

/** How many non-blank lines the separator is guessed from. */
export const SNIFF_LINES = 20;

/**
 * Most fields a record may have. The widest real files (a column per meter) have hundreds; a
 * line with millions of separators is not a table, and matching millions of header names
 * against the layouts would stall the import for seconds.
 */
export const MAX_FIELDS = 10_000;

/**
 * Guesses the separator from the first lines: the candidate found outside quotes on the most
 * lines wins, then the one with more fields, then `;` before tab before `,` (Polish exports use
 * `;` because `,` is their decimal mark, so a tie with `,` means `,` is inside numbers).
 */
export function sniffSeparator(text: string): SeparatorGuess {
  const firstEnd = text.indexOf('\n');
  // Only spaces are trimmed: `sep=<tab>` must keep its tab.
  const first = (firstEnd < 0 ? text : text.slice(0, firstEnd)).replace(/^ +| +$/g, '').toLowerCase();
  if (first.length === 5 && first.startsWith('sep=')) {
    const c = first[4];
    if (c === ';' || c === ',' || c === '\t') return { separator: c, hintLine: true };
  }
  const lines: string[] = [];
  let pos = 0;
  while (pos < text.length && lines.length < SNIFF_LINES) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    // Long lines are cut: the first 4 kB are plenty to count separators.
    const line = text.slice(pos, Math.min(end, pos + 4096));
    if (line.trim() !== '') lines.push(line);
    pos = end + 1;
  }
  let best: Separator = ';';
  let bestLines = -1;
  let bestCount = -1;
  for (const sep of CANDIDATES) {
    const code = sep.charCodeAt(0);
    let linesWith = 0;
    let maxCount = 0;
    for (const line of lines) {
      let count = 0;
      let quoted = false;
      for (let i = 0; i < line.length; i++) {
        const c = line.charCodeAt(i);
        if (c === 34) quoted = !quoted;
        else if (c === code && !quoted) count++;
      }
      if (count > 0) linesWith++;
      if (count > maxCount) maxCount = count;
    }
    if (linesWith > bestLines || (linesWith === bestLines && maxCount > bestCount)) {
      best = sep;
      bestLines = linesWith;
      bestCount = maxCount;
    }
  }
  return { separator: best, hintLine: false };
}

/**
 * Reads a CSV text record by record. `fields` is reused: copy what you keep. A quote opens a
 * quoted field only at the start of a field; quoted fields may hold separators, doubled quotes
 * and line breaks. Blank lines and lines of empty fields are skipped.
 */
export class CsvReader {
  /** Fields of the current record, Excel `="…"` wrappers removed. */
  readonly fields: string[] = [];
  /** 1-based line on which the current record starts. */
  line = 0;

  private readonly sep: number;
  private pos = 0;
  private nextLine = 1;
  // Cached positions of the next separator and quote: each indexOf then scans every character at
  // most once, which keeps a file without separators (or a hostile one) linear, not quadratic.
  private sepPos = -1;
  private quotePos = -1;

  constructor(
    readonly file: string,
    private text: string,
    readonly separator: Separator,
    /** 1-based line to start on (2 skips a `sep=;` hint line). */
    startLine = 1,
    /**
     * The text that follows, a piece at a time (undefined at the end): a file read in pieces
     * never holds its whole text. Each piece must end where a line ends, outside quotes.
     */
    private readonly more?: () => string | undefined,
  ) {
    this.sep = separator.charCodeAt(0);
    while (this.nextLine < startLine && (this.pos < this.text.length || this.advance())) {
      const end = this.text.indexOf('\n', this.pos);
      this.pos = end < 0 ? this.text.length : end + 1;
      this.nextLine++;
    }
  }

  /** Moves to the next non-blank record; false at the end of the text. */
  next(): boolean {
    do {
      if (this.nextInPiece()) return true;
    } while (this.advance());
    return false;
  }

  /** Moves on to the next piece of text; false when there is none. */
  private advance(): boolean {
    const text = this.more?.();
    if (text === undefined) return false;
    this.text = text;
    this.pos = 0;
    this.sepPos = -1;
    this.quotePos = -1;
    return true;
  }

  private nextInPiece(): boolean {
    const text = this.text;
    const n = text.length;
    const fields = this.fields;
    while (this.pos < n) {
      const start = this.pos;
      this.line = this.nextLine;
      let eol = text.indexOf('\n', start);
      if (eol < 0) eol = n;
      if (this.quotePos < start) {
        this.quotePos = text.indexOf('"', start);
        if (this.quotePos < 0) this.quotePos = Infinity;
      }
      let count: number;
      if (this.quotePos < eol) {
        count = this.readQuoted();
      } else {
        count = 0;
        let s = start;
        for (;;) {
          if (this.sepPos < s) {
            this.sepPos = text.indexOf(this.separator, s);
            if (this.sepPos < 0) this.sepPos = Infinity;
          }
          if (this.sepPos < eol) {
            if (count === MAX_FIELDS - 1) this.tooManyFields(this.line);
            fields[count++] = unwrapExcel(text.slice(s, this.sepPos));
            s = this.sepPos + 1;
          } else {
            fields[count++] = unwrapExcel(text.slice(s, eol));
            break;
          }
        }
        this.pos = eol + 1;
        this.nextLine++;
      }
      // Setting length costs even when unchanged, and most files have a constant field count.
      if (fields.length !== count) fields.length = count;
      if (fields[0]!.trim() === '' && isBlank(fields)) continue;
      return true;
    }
    return false;
  }

  /** The slow path for a record with quotes; returns the number of fields. */
  private readQuoted(): number {
    const text = this.text;
    const n = text.length;
    const fields = this.fields;
    const sep = this.sep;
    let i = this.pos;
    let lineNo = this.nextLine;
    let count = 0;
    for (;;) {
      let value: string;
      if (i < n && text.charCodeAt(i) === 34) {
        const openLine = lineNo;
        i++;
        value = '';
        let chunk = i;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) {
            throw new ParseError(this.file, openLine, count + 1, 'a quoted field is never closed (a `"` is missing)');
          }
          for (let k = i; k < q; k++) if (text.charCodeAt(k) === 10) lineNo++;
          if (text.charCodeAt(q + 1) === 34) {
            value += text.slice(chunk, q + 1);
            i = q + 2;
            chunk = i;
            continue;
          }
          value += text.slice(chunk, q);
          i = q + 1;
          break;
        }
        // Anything between the closing quote and the separator is kept, as spreadsheets do.
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === sep || c === 10) break;
          j++;
        }
        if (j > i) value += text.slice(i, j);
        i = j;
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === sep || c === 10) break;
          j++;
        }
        value = text.slice(i, j);
        i = j;
      }
      fields[count++] = unwrapExcel(value);
      if (i >= n) {
        i = n;
        break;
      }
      if (text.charCodeAt(i) === 10) {
        i++;
        lineNo++;
        break;
      }
      if (count === MAX_FIELDS) this.tooManyFields(this.line);
      i++;
    }
    this.pos = i;
    this.nextLine = lineNo;
    return count;
  }

  private tooManyFields(line: number): never {
    const sep = this.separator === '\t' ? 'tab' : `"${this.separator}"`;
    throw new ParseError(
      this.file,
      line,
      MAX_FIELDS + 1,
      `the line has more than ${MAX_FIELDS} fields separated by ${sep}; no meter export or register is that wide`,
    );
  }
}

function isBlank(fields: string[]): boolean {
  for (const f of fields) if (f.trim() !== '') return false;
  return true;
}

/**
 * Removes Excel's `="…"` wrapper (written so that Excel shows a date or a long number as text).
 * Inside a quoted CSV field it arrives as `="…"` after unquoting.
 */
export function unwrapExcel(field: string): string {
  if (field.charCodeAt(0) !== 61) return field;
  const n = field.length;
  if (n >= 3 && field.charCodeAt(1) === 34 && field.charCodeAt(n - 1) === 34) {
    return field.slice(2, n - 1).replaceAll('""', '"');
  }
  return field;
}

const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 0x202f || c === 0x2009;
}

/**
 * Parses a number written with the given decimal mark; the other mark, spaces (also no-break
 * and thin spaces) and apostrophes are accepted as thousands separators between groups of three
 * digits (the other mark only when unambiguous: with a decimal mark or more than one group). Accepts a sign (also the minus sign U+2212) and an exponent. Returns NaN for anything
 * else, including an empty field, so the caller can say where the garbage is.
 *
 * The result equals `parseFloat` of the normalised text: an integer mantissa below 2^53 divided
 * by an exact power of ten is correctly rounded.
 */
export function parseNumber(s: string, decimalMark: DecimalMark = '.'): number {
  let i = 0;
  let end = s.length;
  while (i < end && isSpace(s.charCodeAt(i))) i++;
  while (end > i && isSpace(s.charCodeAt(end - 1))) end--;
  if (i === end) return NaN;
  let c = s.charCodeAt(i);
  let negative = false;
  if (c === 45 || c === 0x2212) {
    negative = true;
    i++;
  } else if (c === 43) {
    i++;
  }
  const dec = decimalMark === ',' ? 44 : 46;
  const other = decimalMark === ',' ? 46 : 44;
  let mantissa = 0;
  let digits = 0;
  let intDigits = 0;
  let fracDigits = 0;
  let leadingZero = false;
  let seenDecimal = false;
  // Digits since the last thousands separator; -1 while none has been seen.
  let group = -1;
  // Thousands separators written with the other mark (`.` in a decimal-comma file).
  let otherMarks = 0;
  let hasExponent = false;
  for (; i < end; i++) {
    c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits === 0 && c === 48) leadingZero = true;
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (seenDecimal) fracDigits++;
      else {
        intDigits++;
        if (group >= 0) group++;
      }
    } else if (c === dec && !seenDecimal) {
      if (group >= 0 && group !== 3) return NaN;
      seenDecimal = true;
    } else if (!seenDecimal && (c === other || c === 32 || c === 0xa0 || c === 0x202f || c === 0x2009 || c === 39)) {
      if (intDigits === 0 || (group < 0 && intDigits > 3) || (group >= 0 && group !== 3)) {
        return NaN;
      }
      // "0.123" with a decimal comma is a wrong decimal mark, not thousands.
      if (c === other && leadingZero) return NaN;
      if (c === other) otherMarks++;
      group = 0;
    } else if ((c === 101 || c === 69) && digits > 0) {
      if (!validExponent(s, i + 1, end)) return NaN;
      hasExponent = true;
      break;
    } else {
      return NaN;
    }
  }
  if (digits === 0) return NaN;
  if (group >= 0 && !seenDecimal && group !== 3) return NaN;
  // "4.125" in a decimal-comma file is far more often a decimal point than 4125 with a thousands
  // separator (a 1000-fold error if guessed wrong): only "1.234,5" or "1.234.567" are thousands.
  if (otherMarks === 1 && !seenDecimal) return NaN;
  let value: number;
  if (digits <= 15 && !hasExponent) {
    value = mantissa / POW10[fracDigits]!;
  } else {
    value = Number(normalised(s, decimalMark));
    // Infinity ("1e309") is not a reading either.
    if (!Number.isFinite(value)) return NaN;
    if (value < 0) value = -value;
  }
  return negative && value !== 0 ? -value : value;
}

function validExponent(s: string, i: number, end: number): boolean {
  const c = s.charCodeAt(i);
  if (c === 45 || c === 43) i++;
  if (i >= end) return false;
  for (; i < end; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
  }
  return true;
}

/** The slow path: rewrite to JavaScript's number syntax and let Number() do the rounding. */
function normalised(s: string, decimalMark: DecimalMark): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === decimalMark) out += '.';
    else if (ch === '\u2212') out += '-';
    else if ((ch >= '0' && ch <= '9') || ch === 'e' || ch === 'E' || ch === '-' || ch === '+') {
      out += ch;
    }
  }
  return out;
}

/**
 * Guesses the decimal mark from sample value fields. A single `,` or `.` followed by digits
 * votes for itself; repeated marks with groups of three digits vote for the other one (they are
 * thousands separators); with both present the last one is the decimal mark. With `,` as the
 * field separator only `.` is possible outside quotes, so ties go to `.` there and to `,`
 * (the Polish convention) otherwise.
 */
export function sniffDecimalMark(samples: Iterable<string>, separator: Separator): DecimalMark {
  let comma = 0;
  let point = 0;
  for (const raw of samples) {
    const s = raw.trim();
    if (s === '' || s.length > 40) continue;
    let commas = 0;
    let points = 0;
    let lastMark = 0;
    let numeric = true;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 44) {
        commas++;
        lastMark = 44;
      } else if (c === 46) {
        points++;
        lastMark = 46;
      } else if (!((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 32 || c === 0xa0)) {
        numeric = false;
        break;
      }
    }
    if (!numeric || (commas === 0 && points === 0)) continue;
    if (s.indexOf('-', 1) > 0) continue; // a date such as 2025-01-01
    if (commas > 0 && points > 0) {
      if (lastMark === 44) comma++;
      else point++;
    } else if (commas === 1) comma++;
    else if (points === 1) point++;
    else if (commas > 1 && thousandsGroups(s, ',')) point++;
    else if (points > 1 && thousandsGroups(s, '.')) comma++;
  }
  if (comma > point) return ',';
  if (point > comma) return '.';
  return separator === ',' ? '.' : ',';
}

function thousandsGroups(s: string, mark: string): boolean {
  const parts = s.split(mark);
  for (let i = 1; i < parts.length; i++) if (parts[i]!.length !== 3) return false;
  return true;
}
