/**
 * Where a problem is in a sheet, said as a spreadsheet user reads it. A sheet becomes text with one
 * line per row and every field from column A (workbook.ts), so a ParseError's line is the row and
 * its field number the column. No dependencies: the engine worker uses it too.
 */

/** A 1-based column number as the spreadsheet's letters: 1 → A, 27 → AA. */
export function columnLetters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * A ParseError of a sheet's text located as a spreadsheet user reads it: a line is a row (one
 * text line per row) and a field a column letter (fields start at column A).
 */
export function sheetErrorMessage(e: { file: string; line?: number; column?: number; reason: string }): string {
  if (e.line === undefined) return `${e.file}: ${e.reason}`;
  return `${e.file}, row ${e.line}${e.column !== undefined ? `, column ${columnLetters(e.column)}` : ''}: ${e.reason}`;
}
