/**
 * Every layout of the format fixtures, saved as a workbook the way a DSO or a colleague would (real
 * date cells, serial numbers with a date format, a merged title row above the header, a notes
 * sheet, the old .xls format, numbers as numbers), reads to exactly the readings of the CSV; the
 * long file as an .xlsx gives the reference KPIs of expected.json through the engine.
 */
import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { BalanceEngine } from '../../../src/engine/balance';
import { assembleCluster } from '../../../src/ingest/assemble';
import { CsvReader } from '../../../src/ingest/csv';
import { decodeBytes } from '../../../src/ingest/decode';
import { parseFile, type ParsedFile } from '../../../src/ingest/index';
import { unpackFile } from '../../../src/ingest/unpack';
import { serialText } from '../../../src/ingest/workbook';
import { EXPECTED_KPIS } from '../../kpi-keys';
import { loadKernelsForTest } from '../kernel-loader';
import { fixtureBytes } from './fixtures';

type Cell = XLSX.CellObject | string | number | Date | null;

/** A fixture's rows (fields as text). */
function rowsOf(name: string): string[][] {
  const text = decodeBytes(fixtureBytes(name)).text;
  const sep = name.startsWith('long') ? ',' : ';';
  const reader = new CsvReader(name, text, sep, 1);
  const rows: string[][] = [];
  while (reader.next()) rows.push(reader.fields.slice());
  return rows;
}

const num = (s: string): number | string => (/^-?\d+([.,]\d+)?$/.test(s) ? Number(s.replace(',', '.')) : s);

/** The serial of a UTC wall clock (1900 system). */
const serialOf = (ms: number): number => ms / 86_400_000 + 25_569;

function book(sheets: { name: string; rows: Cell[][]; merges?: XLSX.Range[] }[], bookType: XLSX.BookType = 'xlsx'): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const s of sheets) {
    const ws = XLSX.utils.aoa_to_sheet(s.rows, { cellDates: true, UTC: true } as XLSX.AOA2SheetOpts);
    if (s.merges) ws['!merges'] = s.merges;
    XLSX.utils.book_append_sheet(wb, ws, s.name);
  }
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType, cellDates: true }) as ArrayBuffer);
}

async function readBook(name: string, bytes: Uint8Array): Promise<{ name: string; parsed: ParsedFile; notes: string[] }[]> {
  const inputs = await unpackFile(name, bytes);
  return inputs.map((f) => ({ name: f.name, parsed: parseFile(f.name, f.bytes), notes: f.notes }));
}

/** What the engine and the user see of a parse: meters (or members) and the detection's essentials. */
function essentials(p: ParsedFile): unknown {
  if (p.kind === 'register') return { members: p.members };
  return {
    meters: p.meters,
    netted: p.netted,
    layout: p.detection.layout,
    period: p.detection.period,
    step: p.detection.stepMinutes,
    time: p.detection.timeConvention,
  };
}

function csv(name: string): ParsedFile {
  return parseFile(name, fixtureBytes(name));
}

describe('workbooks read like the CSVs they were saved from', () => {
  it('Tauron, numbers as numbers, .xlsx', async () => {
    const name = 'tauron-elicznik-PL0037910000001001';
    const rows = rowsOf(`${name}.csv`).map((r, i) => (i === 0 ? r : r.map(num)));
    const [got, ...more] = await readBook(`${name}.xlsx`, book([{ name: 'Arkusz1', rows }]));
    expect(more).toEqual([]);
    expect(got!.name).toBe(`${name}.xlsx`);
    expect(essentials(got!.parsed)).toEqual(essentials(csv(`${name}.csv`)));
  });

  it('Tauron as an old .xls (BIFF8)', async () => {
    const name = 'tauron-elicznik-PL0037910000001001';
    const rows = rowsOf(`${name}.csv`).map((r, i) => (i === 0 ? r : r.map(num)));
    const [got] = await readBook(`${name}.xls`, book([{ name: 'Arkusz1', rows }], 'biff8'));
    expect(essentials(got!.parsed)).toEqual(essentials(csv(`${name}.csv`)));
  });

  it('Enea, a merged title row above the header', async () => {
    const name = 'enea-ebok-PL0037910000001004';
    const rows: Cell[][] = [
      ['Zestawienie zużycia — Enea eBOK'],
      ...rowsOf(`${name}.csv`).map((r, i) => (i === 0 ? r : r.map((f, j) => (j === 0 ? f.replace(/^="|"$/g, '') : num(f))))),
    ];
    const merges = [{ s: { r: 0, c: 0 }, e: { r: 0, c: 4 } }];
    const [got] = await readBook(`${name}.xlsx`, book([{ name: 'Zużycie', rows, merges }]));
    const want = csv(`${name}.csv`);
    expect(essentials(got!.parsed)).toEqual(essentials(want));
    // One text line per sheet row: the header is on row 2.
    expect(got!.parsed.detection.headerLine).toBe(2);
  });

  it('daily wide: dates as serial numbers with a date format, numbers as text with a decimal comma', async () => {
    const name = 'osd-daily-wide-cp1250.csv';
    const rows = rowsOf(name).map((r, i) =>
      i === 0 ? r : r.map((f, j): Cell => (j === 2 ? { t: 'n', v: serialOf(Date.parse(`${f}T00:00:00Z`)), z: 'yyyy-mm-dd' } : f)),
    );
    const [got] = await readBook('osd-daily-wide.xlsx', book([{ name: 'Dane', rows }]));
    expect(essentials(got!.parsed)).toEqual(essentials(csv(name)));
  });

  it('wide net: numbers as numbers, local times with offset as text', async () => {
    const name = 'wide-local-net-15min.csv';
    const rows = rowsOf(name).map((r, i) => (i === 0 ? r : r.map((f, j) => (j === 0 ? f : num(f)))));
    const [got] = await readBook('wide-net.xlsx', book([{ name: 'net', rows }]));
    expect(essentials(got!.parsed)).toEqual(essentials(csv(name)));
  });

  it('the register beside a notes sheet, and two data sheets named by sheet', async () => {
    const rows = rowsOf('members.csv').map((r, i) => (i === 0 ? r : r.map((f, j) => (j >= 5 ? num(f) : f))));
    const notes = [['Uwagi'], ['Dane przesłane przez koordynatora, stan na 2025-01-31']];
    const one = await readBook(
      'klaster.xlsx',
      book([
        { name: 'Uwagi', rows: notes },
        { name: 'Członkowie', rows },
      ]),
    );
    expect(one.map((r) => r.name)).toEqual(['klaster.xlsx']);
    expect(essentials(one[0]!.parsed)).toEqual(essentials(csv('members.csv')));
    expect(one[0]!.notes.join('\n')).toMatch(/klaster\.xlsx: sheet\(s\) "Uwagi" left out/);

    const tauron = rowsOf('tauron-elicznik-PL0037910000001001.csv').map((r, i) => (i === 0 ? r : r.map(num)));
    const two = await readBook(
      'PL0037910000001001.xlsx',
      book([
        { name: 'Członkowie', rows },
        { name: 'Uwagi', rows: notes },
        { name: 'Licznik', rows: tauron },
      ]),
    );
    expect(two.map((r) => r.name)).toEqual(['PL0037910000001001.xlsx › Członkowie', 'PL0037910000001001.xlsx › Licznik']);
    expect(essentials(two[1]!.parsed)).toEqual(essentials(csv('tauron-elicznik-PL0037910000001001.csv')));
  });

  it('the register as an OpenDocument spreadsheet (.ods)', async () => {
    const rows = rowsOf('members.csv').map((r, i) => (i === 0 ? r : r.map((f, j) => (j >= 5 ? num(f) : f))));
    const [got] = await readBook('czlonkowie.ods', book([{ name: 'Arkusz1', rows }], 'ods'));
    expect(got!.name).toBe('czlonkowie.ods');
    expect(essentials(got!.parsed)).toEqual(essentials(csv('members.csv')));
  });

  it('a workbook whose sheets are all unknown goes on with its first sheet, to "layout not recognised"', async () => {
    const got = await unpackFile(
      'x.xlsx',
      book([
        { name: 'A', rows: [['Faktura'], ['nr 1/2025']] },
        { name: 'B', rows: [['b']] },
      ]),
    );
    expect(got.map((f) => f.name)).toEqual(['x.xlsx']);
    expect(() => parseFile(got[0]!.name, got[0]!.bytes)).toThrow(
      /x\.xlsx line 1: the layout is not recognised; the first line reads "Faktura"/,
    );
  });

  it('long UTC file with real date cells gives the reference KPIs', async () => {
    const name = 'long-utc-15min.csv';
    const rows = rowsOf(name).map((r, i) => (i === 0 ? r : [r[0]!, new Date(r[1]!), num(r[2]!), num(r[3]!)]));
    const [got] = await readBook('long.xlsx', book([{ name: 'long', rows }]));
    const want = csv(name);
    expect(essentials(got!.parsed)).toEqual(essentials(want));
    if (got!.parsed.kind !== 'readings') throw new Error('readings expected');
    const expected = JSON.parse(readFileSync(new URL('../../fixtures/formats/expected.json', import.meta.url), 'utf8'));
    const engine = new BalanceEngine(await loadKernelsForTest());
    engine.load(assembleCluster(got!.parsed.meters, []).data);
    const r = engine.compute({ windowMinutes: 60, key: 'dynamic' });
    for (const key of EXPECTED_KPIS) {
      const w = expected.window_60_dynamic[key] as number;
      expect(Math.abs(r.kpis[key] - w) / Math.max(1e-12, Math.abs(w)), key).toBeLessThanOrEqual(1e-9);
    }
  }, 180_000);
});

describe('cells', () => {
  it('serial dates in both date systems, times of day, no time-zone shift', () => {
    expect(serialText(45658.5, 'yyyy-mm-dd hh:mm', false)).toBe('2025-01-01 12:00:00');
    expect(serialText(45658, 'yyyy-mm-dd', false)).toBe('2025-01-01');
    expect(serialText(45658.25, 'm/d/yy', false)).toBe('2025-01-01 06:00:00');
    // Midnight in a column that holds times elsewhere keeps its time.
    expect(serialText(45658, 'm/d/yy', false, true)).toBe('2025-01-01 00:00:00');
    expect(serialText(0.75, 'hh:mm', false)).toBe('18:00:00');
    // The same day in the 1904 system is 1462 days less.
    expect(serialText(45658 - 1462, 'yyyy-mm-dd', true)).toBe('2025-01-01');
    // Around the fictitious 1900-02-29 (serial 60).
    expect(serialText(59, 'yyyy-mm-dd', false)).toBe('1900-02-28');
    expect(serialText(61, 'yyyy-mm-dd', false)).toBe('1900-03-01');
    expect(serialText(1, 'yyyy-mm-dd', false)).toBe('1900-01-01');
    // A float a hair below the hour rounds to it.
    expect(serialText(45658.041666666664, 'yyyy-mm-dd hh:mm:ss', false)).toBe('2025-01-01 01:00:00');
    // Spring DST night: wall clock as typed, never shifted.
    expect(serialText(45746 + 2.5 / 24, 'yyyy-mm-dd hh:mm', false)).toBe('2025-03-30 02:30:00');
  });

  it('numbers exactly, with the decimal mark of the text numbers; formulas by their cached value', async () => {
    const ws: XLSX.WorkSheet = XLSX.utils.aoa_to_sheet([
      ['ppe', 'timestamp_utc', 'import_kwh', 'export_kwh'],
      ['PL1', '2025-01-01T00:00:00Z', 0.1 + 0.2, '0,5'],
      ['PL1', '2025-01-01T00:15:00Z', { t: 'n', v: 7, f: 'HYPERLINK("http://x","7")' }, { t: 's', v: '0,25' }],
    ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'S');
    const [f] = await unpackFile('n.xlsx', new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer));
    const text = new TextDecoder().decode(f!.bytes);
    expect(text).toBe(
      'ppe;timestamp_utc;import_kwh;export_kwh\nPL1;2025-01-01T00:00:00Z;0,30000000000000004;0,5\nPL1;2025-01-01T00:15:00Z;7;0,25\n',
    );
  });
});
