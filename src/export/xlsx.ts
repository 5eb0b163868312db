/**
 * One XLSX workbook of the analysis (sheets: summary, members, intervals, assumptions), written
 * with SheetJS (@e965/xlsx, the maintained Apache-2.0 build), which is loaded only when a workbook
 * is asked for: the first paint does not carry it. Every cell goes through the one cell writer
 * (cells.ts): numbers stay numbers, text that would start a formula is neutralised.
 */
import { sheetRows } from './cells';
import type { Table } from './tables';

export interface WorkbookSheets {
  summary: Table;
  members: Table;
  intervals: Table;
  assumptions: Table;
}

/** The workbook's bytes (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet). */
export async function workbookBytes(sheets: WorkbookSheets): Promise<Uint8Array> {
  const XLSX = await import('@e965/xlsx');
  const book = XLSX.utils.book_new();
  for (const [name, table] of Object.entries(sheets) as [string, Table][]) {
    const sheet = XLSX.utils.aoa_to_sheet(sheetRows(table.header, table.rows));
    // Wide enough for the header and the first rows.
    sheet['!cols'] = table.header.map((h, i) => ({
      wch: Math.min(60, Math.max(h.length, ...table.rows.slice(0, 50).map((r) => String(r[i] ?? '').length)) + 2),
    }));
    XLSX.utils.book_append_sheet(book, sheet, name);
  }
  const out = XLSX.write(book, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer;
  return new Uint8Array(out);
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
