/**
 * The one cell writer (src/export/cells.ts): RFC 4180 quoting, the locale's separator and decimal
 * mark, formula-like text neutralised, numbers kept numbers. A property test writes random rows
 * and reads them back with a strict RFC 4180 parser (written here, independent of the writer).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  csvField,
  csvLine,
  ENGLISH_CSV,
  neutralise,
  PLAIN_CSV,
  POLISH_CSV,
  sheetCell,
  startsFormula,
  toCsv,
  type CsvDialect,
} from '../../src/export/cells';
import { toCsv as sqlCsv } from '../../src/views/sql-format';
import { writeOutputs } from '../../src/cli/outputs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BalanceResult } from '../../src/engine/types';

/** A strict RFC 4180 reader: fields, quotes doubled inside quoted fields, CRLF or LF records. */
function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let fieldStarted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        if (i < text.length && text[i] !== separator && text[i] !== '\r' && text[i] !== '\n')
          throw new Error(`text after a closing quote at ${i}`);
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      if (fieldStarted) throw new Error(`a quote inside an unquoted field at ${i}`);
      quoted = true;
      fieldStarted = true;
      i++;
    } else if (c === separator) {
      row.push(field);
      field = '';
      fieldStarted = false;
      i++;
    } else if (c === '\r' || c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      fieldStarted = false;
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      fieldStarted = true;
      i++;
    }
  }
  if (quoted) throw new Error('unterminated quote');
  if (fieldStarted || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

describe('the cell writer', () => {
  it('neutralises text that starts a formula, and only that', () => {
    expect(neutralise('=HYPERLINK("http://x","y")')).toBe(`'=HYPERLINK("http://x","y")`);
    for (const s of ['+48 123', '-5', '@SUM(A1)', '\tx', '\rx']) expect(neutralise(s)).toBe(`'${s}`);
    for (const s of ['Szkoła', 'PL0037910000001001', '', "'already", '5', 'a=b']) expect(neutralise(s)).toBe(s);
  });

  it('keeps numbers numbers: -5 stays -5, the decimal mark follows the dialect', () => {
    expect(csvField(-5, POLISH_CSV)).toBe('-5');
    expect(csvField(-1234.5, POLISH_CSV)).toBe('-1234,5');
    expect(csvField(-1234.5, ENGLISH_CSV)).toBe('-1234.5');
    expect(csvField(Number.NaN, ENGLISH_CSV)).toBe('');
    expect(csvField('-5', ENGLISH_CSV)).toBe("'-5");
    expect(sheetCell(-5)).toBe(-5);
    expect(sheetCell('=1+1')).toBe("'=1+1");
  });

  it('quotes per RFC 4180: the separator, quotes and line breaks', () => {
    expect(csvLine(['a;b', 'c,d', 'say "hi"', 'x\ny', 1.5], POLISH_CSV)).toBe('"a;b";c,d;"say ""hi""";"x\ny";1,5');
    expect(csvLine(['a;b', 'c,d', 1.5], ENGLISH_CSV)).toBe('a;b,"c,d",1.5');
    // A neutralised formula with the separator in it is quoted after the prefix.
    expect(csvField('=HYPERLINK("x";"y")', POLISH_CSV)).toBe(`"'=HYPERLINK(""x"";""y"")"`);
  });

  it('writes a whole document: BOM and CRLF for people, none of that for the CLI', () => {
    expect(toCsv(['id', 'kwh'], [['=A1', 2.5]], POLISH_CSV)).toBe("\uFEFFid;kwh\r\n'=A1;2,5\r\n");
    expect(toCsv(['id', 'kwh'], [['=A1', 2.5]], PLAIN_CSV)).toBe("id,kwh\n'=A1,2.5\n");
  });

  const dialects: CsvDialect[] = [POLISH_CSV, ENGLISH_CSV, PLAIN_CSV];
  const text = fc.string({
    unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ';', ',', "'", 'a', 'ż', ' ', '1', '.'),
  });
  const cell = fc.oneof(text, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer());

  it('every text cell round-trips through a CSV parser and never starts a formula; numbers read back as numbers', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...dialects),
        fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 6 }),
        (d, rows) => {
          const width = Math.max(...rows.map((r) => r.length));
          const full = rows.map((r) => [...r, ...Array<string>(width - r.length).fill('x')]);
          const header = Array.from({ length: width }, (_, i) => `c${i}`);
          const csv = toCsv(header, full, d);
          const body = d.bom ? csv.slice(1) : csv;
          const back = parseCsv(body, d.separator);
          expect(back.length).toBe(full.length + 1);
          for (let r = 0; r < full.length; r++) {
            for (let c = 0; c < width; c++) {
              const written = full[r][c];
              const read = back[r + 1][c];
              if (typeof written === 'number') {
                expect(Number(read.replace(',', '.'))).toBe(written === 0 ? 0 : written);
              } else {
                expect(startsFormula(read)).toBe(false);
                expect(read).toBe(startsFormula(written) ? `'${written}` : written);
              }
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('the SQL console and the CLI write through it', async () => {
    const csv = sqlCsv(['name', 'kwh'], ['text', 'number'], [['=HYPERLINK("x")', -5]], 'pl');
    expect(csv).toBe('\uFEFFname;kwh\r\n"\'=HYPERLINK(""x"")";-5\r\n');
    const dir = await mkdtemp(join(tmpdir(), 'klaster-out-'));
    const w = {
      minutes: 60,
      startUtcMs: 0,
      consumption: [1],
      generation: [0],
      shared: [0],
      gridImport: [1],
      gridExport: [0],
      charge: [0],
      discharge: [0],
      soc: [0],
    };
    const r = {
      windows: w,
      members: [{ id: '=cmd|x', import_kwh: 1.5, export_kwh: -0, allocated_kwh: 0, shared_export_kwh: 0 }],
      kpis: {},
    } as unknown as BalanceResult;
    await writeOutputs(dir, r);
    expect(await readFile(join(dir, 'members.csv'), 'utf8')).toBe(
      "id,import_kwh,export_kwh,allocated_kwh,shared_export_kwh\n'=cmd|x,1.5,0,0,0\n",
    );
  });
});
