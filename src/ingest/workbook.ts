/**
 * Spreadsheets (.xlsx, .xlsm, .xls, .ods) as the text the importer reads: each sheet that holds
 * data becomes `;`-separated text with one line per sheet row, so that every layout, check and
 * message of the CSV path applies unchanged and a line number is the sheet's row number. Read
 * with SheetJS (@e965/xlsx, the maintained Apache-2.0 build), loaded only when a workbook
 * arrives. Formulas are never evaluated: a cell gives its cached value or nothing.
 */
import { CsvReader } from './csv';
import { findHeader } from './detect';
import { ParseError } from './errors';
import { MAX_FILE_BYTES } from './file-size';
import { readZip, type ZipLimits } from './zip';

/**
 * What a workbook may unpack to before SheetJS sees it (an .xlsx is a zip: a bomb is stopped by
 * the capped inflation of readZip), and how many cells its sheets may hold together: SheetJS
 * keeps every cell as an object (~100 bytes), so 10 million cells is about a gigabyte of memory —
 * more than a year of quarter-hours of 250 members side by side.
 */
export const WORKBOOK_LIMITS: ZipLimits & { cells: number } = {
  entryBytes: MAX_FILE_BYTES / 2,
  totalBytes: MAX_FILE_BYTES,
  entries: 10_000,
  cells: 10_000_000,
};

/** One sheet as text. */
export interface SheetText {
  /** The name of the input: `book.xlsx`, or `book.xlsx › Sheet` when several sheets hold data. */
  name: string;
  sheet: string;
  text: string;
}

/** A workbook's sheets that hold data, and what the user should know about the others. */
export interface WorkbookText {
  sheets: SheetText[];
  /** Plain English, each naming the workbook and the sheet. */
  notes: string[];
}

/** The separator of the text a sheet becomes. */
const SEP = ';';

type Cell = { t?: string; v?: unknown; f?: string; z?: string | number; w?: string };

/** The sheets of `bytes` (a workbook named `file`) as text; throws ParseError. */
export async function readWorkbook(file: string, bytes: Uint8Array, limits = WORKBOOK_LIMITS): Promise<WorkbookText> {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    // Inflated with a running count first: SheetJS trusts the sizes the archive declares.
    const { files, skipped } = readZip(file, bytes, limits);
    if (skipped.some((s) => s.code === 'encrypted')) throw passwordProtected(file);
    // Cells counted in the sheets' XML before SheetJS builds an object for each one.
    let declared = 0;
    for (const f of files) if (/^xl\/worksheets\/[^/]+\.xml$/.test(f.path)) declared += countCellTags(f.bytes);
    if (declared > limits.cells) throw tooManyCells(file, limits.cells);
  }
  const XLSX = await import('@e965/xlsx');
  let wb: import('@e965/xlsx').WorkBook;
  try {
    wb = XLSX.read(bytes, {
      type: 'array',
      dense: true,
      cellDates: false,
      cellNF: true,
      cellFormula: true,
      cellHTML: false,
      cellText: false,
      cellStyles: false,
      bookVBA: false,
      sheetStubs: false,
      WTF: false,
    });
  } catch (e) {
    const what = e instanceof Error ? e.message : String(e);
    if (/password/i.test(what)) throw passwordProtected(file);
    throw new ParseError(
      file,
      undefined,
      undefined,
      `the workbook is broken, incomplete or not a workbook (the spreadsheet reader says: ${what})`,
      { cause: e },
    );
  }
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const notes: string[] = [];
  let cells = 0;
  const withData: { sheet: string; text: string }[] = [];
  for (const sheet of wb.SheetNames) {
    const ws = wb.Sheets[sheet];
    if (!ws) continue;
    const rows = (ws['!data'] ?? []) as (Cell[] | undefined)[];
    for (const row of rows) if (row) for (const c of row) if (c) cells++;
    if (cells > limits.cells) throw tooManyCells(file, limits.cells);
    const r = sheetText(rows, ws['!merges'] ?? [], date1904);
    if (r.noValue > 0) {
      notes.push(
        `${file}: sheet "${sheet}": read as empty: ${r.noValue} cell(s) with a formula saved without its value, or with an error ` +
          '(formulas are never calculated here: open the workbook in a spreadsheet, save it, and load it again)',
      );
    }
    if (r.text !== '') withData.push({ sheet, text: r.text });
  }
  if (withData.length === 0) throw new ParseError(file, undefined, undefined, 'the workbook holds no data on any sheet');
  // Sheets of notes or charts next to the data are left out, but only when a sheet is recognised:
  // otherwise the first one goes on and the user gets the usual "layout not recognised".
  const known = withData.filter((s) => findHeader(new CsvReader(file, s.text, SEP, 1)).found !== undefined);
  let kept = withData;
  if (known.length > 0 && known.length < withData.length) {
    kept = known;
    const left = withData.filter((s) => !known.includes(s)).map((s) => `"${s.sheet}"`);
    notes.push(`${file}: sheet(s) ${left.join(', ')} left out: no meter data or member register header was found on them`);
  } else if (known.length === 0) kept = withData.slice(0, 1);
  const named = kept.map((s) => ({ ...s, name: kept.length === 1 ? file : `${file} › ${s.sheet}` }));
  return { sheets: named, notes };
}

function tooManyCells(file: string, limit: number): ParseError {
  return new ParseError(
    file,
    undefined,
    undefined,
    `the workbook holds more than ${limit.toLocaleString('en')} cells, more than can be read here; ` +
      'save each sheet as CSV and load the files',
  );
}

/** `<c ` and `<c>` tags (the cells) in an .xlsx sheet's XML. */
function countCellTags(xml: Uint8Array): number {
  let n = 0;
  for (let i = xml.indexOf(0x3c); i >= 0 && i + 2 < xml.length; i = xml.indexOf(0x3c, i + 1)) {
    if (xml[i + 1] === 0x63 && (xml[i + 2] === 0x20 || xml[i + 2] === 0x3e)) n++;
  }
  return n;
}

function passwordProtected(file: string): ParseError {
  return new ParseError(
    file,
    undefined,
    undefined,
    'the workbook is password-protected; open it in a spreadsheet, remove the password and save it again',
  );
}

/**
 * A sheet's rows as text, one line per row from the first (empty rows stay as empty lines, so a
 * line number is a row number), each line as long as its last non-empty cell.
 */
export function sheetText(
  rows: (Cell[] | undefined)[],
  merges: { s: { r: number; c: number }; e: { r: number; c: number } }[],
  date1904: boolean,
): { text: string; noValue: number } {
  const mark = decimalMarkOf(rows);
  const timed = timedColumns(rows);
  // A merged range shows its value in every cell it covers (merged header rows, titles).
  const mergedAt = new Map<number, Map<number, Cell>>();
  for (const m of merges) {
    const top = rows[m.s.r]?.[m.s.c];
    if (!top) continue;
    // A merge over the whole sheet's width is a title: no need to repeat it 16,384 times.
    const lastCol = Math.min(m.e.c, m.s.c + 1000);
    const lastRow = Math.min(m.e.r, m.s.r + 1000);
    for (let r = m.s.r; r <= lastRow; r++) {
      let row = mergedAt.get(r);
      if (!row) mergedAt.set(r, (row = new Map()));
      for (let c = m.s.c; c <= lastCol; c++) if (r !== m.s.r || c !== m.s.c) row.set(c, top);
    }
  }
  let noValue = 0;
  const lines: string[] = [];
  let lastWithData = -1;
  const height = Math.max(rows.length, mergedAt.size > 0 ? Math.max(...mergedAt.keys()) + 1 : 0);
  for (let r = 0; r < height; r++) {
    const row = rows[r] ?? [];
    const extra = mergedAt.get(r);
    const width = Math.max(row.length, extra ? Math.max(...extra.keys()) + 1 : 0);
    const fields: string[] = [];
    let last = -1;
    for (let c = 0; c < width; c++) {
      const cell = row[c] ?? extra?.get(c);
      let text = '';
      if (cell) {
        const v = cellText(cell, mark, date1904, timed.has(c));
        if (v === null) noValue++;
        else text = v;
      }
      fields.push(text);
      if (text !== '') last = c;
    }
    const line = fields
      .slice(0, last + 1)
      .map(quoteField)
      .join(SEP);
    lines.push(line);
    if (line !== '') lastWithData = r;
  }
  return { text: lastWithData < 0 ? '' : lines.slice(0, lastWithData + 1).join('\n') + '\n', noValue };
}

/** A cell's text; null for a formula without a cached value, or an error. */
function cellText(cell: Cell, mark: ',' | '.', date1904: boolean, timed: boolean): string | null {
  switch (cell.t) {
    case 'n': {
      const v = cell.v as number;
      if (typeof v !== 'number' || !Number.isFinite(v)) return null;
      const format = typeof cell.z === 'string' ? cell.z : '';
      if (isDateFormat(format)) return serialText(v, format, date1904, timed);
      const s = String(v);
      return mark === ',' ? s.replace('.', ',') : s;
    }
    case 'd':
      return cell.v instanceof Date ? isoWallClock(cell.v.getTime()) : String(cell.v ?? '');
    case 'b':
      return cell.v ? 'TRUE' : 'FALSE';
    case 's':
      // One line per row: a line break inside a cell becomes a space.
      return String(cell.v ?? '').replace(/\r\n|[\r\n]/g, ' ');
    case 'e':
      return null;
    default:
      return cell.f !== undefined && cell.v === undefined ? null : String(cell.v ?? '');
  }
}

/**
 * Columns of date cells of which some hold a time of day: their dates keep `00:00:00` at midnight
 * even under a date-only format (a Date written by a program gets `m/d/yy`), while a column of
 * plain dates stays `YYYY-MM-DD`.
 */
function timedColumns(rows: (Cell[] | undefined)[]): Set<number> {
  const timed = new Set<number>();
  for (const row of rows) {
    if (!row) continue;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (!cell || cell.t !== 'n' || typeof cell.v !== 'number' || timed.has(c)) continue;
      if (Math.round((cell.v % 1) * 86_400) % 86_400 !== 0 && isDateFormat(typeof cell.z === 'string' ? cell.z : ''))
        timed.add(c);
    }
  }
  return timed;
}

/** Numbers keep the decimal mark the sheet's own text numbers use (`0,25` typed as text). */
function decimalMarkOf(rows: (Cell[] | undefined)[]): ',' | '.' {
  let comma = 0;
  let point = 0;
  let seen = 0;
  for (const row of rows) {
    if (!row) continue;
    for (const c of row) {
      if (!c || c.t !== 's' || typeof c.v !== 'string') continue;
      if (/^\s*[-+]?\d+,\d+\s*$/.test(c.v)) comma++;
      else if (/^\s*[-+]?\d+\.\d+\s*$/.test(c.v)) point++;
      if (++seen > 5000) break;
    }
    if (seen > 5000) break;
  }
  return comma > point ? ',' : '.';
}

/** A number format shows a date or a time (letters outside quotes, brackets and escapes). */
function isDateFormat(format: string): boolean {
  if (format === '' || format === 'General') return false;
  const bare = format.replace(/"[^"]*"|\\.|\[(?!h\]|m\]|s\])[^\]]*\]/gi, '');
  return /[dmyhs]/i.test(bare) && !/^[#0.,%\s]*$/.test(bare);
}

const DAY_MS = 86_400_000;

/**
 * An Excel serial as wall-clock text, computed from the number (never through a local-time
 * Date): days since 1899-12-30 (the 1900 system, whose serial 60 is the fictitious 1900-02-29)
 * or since 1904-01-01; the fraction is the time of day, rounded to the second.
 */
export function serialText(serial: number, format: string, date1904: boolean, timedColumn = false): string {
  const bare = format.replace(/"[^"]*"|\\./g, '');
  const hasDate = /[dy]/i.test(bare) || (/m/i.test(bare) && !/[hs]/i.test(bare));
  const hasTime = /[hs]/i.test(bare);
  let days = Math.floor(serial);
  const seconds = Math.round((serial - days) * 86_400);
  if (!date1904 && days < 61) days += 1; // before the fictitious 29 February 1900
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const ms = epoch + days * DAY_MS + seconds * 1000;
  const iso = isoWallClock(ms);
  if (!hasDate && hasTime && serial < 1) return iso.slice(11);
  if (hasDate && !hasTime && seconds === 0 && !timedColumn) return iso.slice(0, 10);
  return iso;
}

/** `YYYY-MM-DD HH:MM:SS` of a UTC instant read as a wall clock. */
function isoWallClock(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

function quoteField(s: string): string {
  return /[;"\n\r]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Whether the names of a zip's entries are those of a workbook (.xlsx/.xlsm, .ods). */
export function isWorkbookZip(paths: string[]): boolean {
  const set = new Set(paths);
  return (
    (set.has('[Content_Types].xml') && (set.has('xl/workbook.xml') || set.has('xl/workbook.bin'))) ||
    (set.has('content.xml') && set.has('mimetype'))
  );
}
