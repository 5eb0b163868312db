/**
 * The one cell writer every export uses (the page's CSV and XLSX, the CLI's `--out`, the SQL
 * console): RFC 4180 quoting, the separator and decimal mark of a dialect, and text that a
 * spreadsheet would run as a formula neutralised. A text cell starting with `=`, `+`, `-`, `@`, a
 * tab or a carriage return gets a leading `'` (OWASP "CSV injection"), so a member named
 * `=HYPERLINK(…)` stays text; numbers are written as numbers (`-5` stays `-5`).
 */

/** A cell's value: numbers stay numbers, null/undefined is an empty cell, the rest is text. */
export type Cell = string | number | bigint | boolean | null | undefined;

export interface CsvDialect {
  separator: ',' | ';' | '\t';
  decimal: '.' | ',';
  /** UTF-8 byte-order mark first (Excel then reads Polish letters). */
  bom: boolean;
  newline: '\r\n' | '\n';
}

/** Polish Excel: `;`, decimal comma, BOM, CRLF (RFC 4180). */
export const POLISH_CSV: CsvDialect = { separator: ';', decimal: ',', bom: true, newline: '\r\n' };
/** English: `,` and `.`, BOM, CRLF. */
export const ENGLISH_CSV: CsvDialect = { separator: ',', decimal: '.', bom: true, newline: '\r\n' };
/** Machine files (the CLI's `--out`): `,`, `.`, no BOM, LF, as they always were. */
export const PLAIN_CSV: CsvDialect = { separator: ',', decimal: '.', bom: false, newline: '\n' };

export function csvDialectOf(lang: 'pl' | 'en'): CsvDialect {
  return lang === 'pl' ? POLISH_CSV : ENGLISH_CSV;
}

/** Characters that make a spreadsheet read a text cell as a formula (or a DDE command). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text as a spreadsheet must show it, never run it: a formula-like start gets a leading `'`. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** True when a text cell would start a formula (after neutralising, never). */
export function startsFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/** A number as the dialect writes it: full precision, its decimal mark, no grouping. */
export function numberText(x: number, decimal: '.' | ','): string {
  if (!Number.isFinite(x)) return '';
  const s = String(x);
  return decimal === ',' ? s.replace('.', ',') : s;
}

/** Quotes a field (RFC 4180) where it holds the separator, a quote or a line break. */
export function quoteField(s: string, separator: string): string {
  return s.includes(separator) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * One CSV field. Numbers are written in the dialect's decimal mark and never neutralised; text is
 * neutralised, then quoted. A `raw` string is trusted text (e.g. an ISO time the writer made) and
 * is only quoted — still neutralised if it starts like a formula, since it may come from data.
 */
export function csvField(v: Cell, dialect: CsvDialect): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return numberText(v, dialect.decimal);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return quoteField(neutralise(v), dialect.separator);
}

/** One CSV line (no line break). */
export function csvLine(cells: readonly Cell[], dialect: CsvDialect): string {
  return cells.map((c) => csvField(c, dialect)).join(dialect.separator);
}

/** A whole CSV document: header, rows, each line ended, BOM first when the dialect has one. */
export function toCsv(header: readonly string[], rows: Iterable<readonly Cell[]>, dialect: CsvDialect): string {
  const lines = [csvLine(header, dialect)];
  for (const row of rows) lines.push(csvLine(row, dialect));
  return `${dialect.bom ? '\uFEFF' : ''}${lines.join(dialect.newline)}${dialect.newline}`;
}

/**
 * A cell for a worksheet (SheetJS `aoa_to_sheet`): numbers as numbers, text neutralised (a cell
 * that starts with `=` is text anyway in an array of arrays, but a user's paste or a later CSV
 * save from Excel would make it a formula), non-finite numbers empty.
 */
export function sheetCell(v: Cell): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v;
  return neutralise(v);
}

/** Rows for a worksheet: every cell through sheetCell. */
export function sheetRows(header: readonly string[], rows: Iterable<readonly Cell[]>): (string | number | boolean | null)[][] {
  const out: (string | number | boolean | null)[][] = [header.map((h) => sheetCell(h))];
  for (const row of rows) out.push(row.map(sheetCell));
  return out;
}
