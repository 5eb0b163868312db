/**
 * The SQL console's CSV export and grid cells: Polish spreadsheets get `;`, a decimal comma and a
 * UTF-8 BOM; English ones `,` and `.`; times are Warsaw local time. Checked on plain values and
 * on a real DuckDB-WASM result.
 */
import { describe, expect, it } from 'vitest';
import { cellText, columnDigits, columnKinds, csvDialect, toCsv, type ColumnInfo } from '../../src/views/sql-format';
import { openNodeDuckDB } from '../../src/engine/duckdb-node';
import { membersIpc, readingsIpc } from '../../src/engine/sql-tables';
import { syntheticCluster } from '../../bench/pages/synthetic';

const jan1 = Date.UTC(2024, 11, 31, 23, 15); // 2025-01-01 00:15 in Warsaw

describe('CSV for a spreadsheet in the user’s language', () => {
  const columns = ['name', 'ts', 'import_kwh'];
  const kinds = columnKinds(
    [
      { name: 'name', typeId: 5 },
      { name: 'ts', typeId: 3 },
      { name: 'import_kwh', typeId: 3 },
    ],
    [['x', jan1, 1]],
  );
  const rows = [
    ['Zakład „Kłos”; piekarnia', jan1, 1234.5],
    ['Hotel', jan1 + 900_000, 0.125],
  ];

  it('Polish: BOM, semicolons, decimal comma, local times, quotes where the separator appears', () => {
    const csv = toCsv(columns, kinds, rows, 'pl');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'name;ts;import_kwh',
      '"Zakład „Kłos”; piekarnia";2025-01-01 00:15:00;1234,5',
      'Hotel;2025-01-01 00:30:00;0,125',
      '',
    ]);
  });

  it('English: commas and points, no grouping', () => {
    const csv = toCsv(columns, kinds, rows, 'en');
    expect(csv.slice(1).split('\r\n')).toEqual([
      'name,ts,import_kwh',
      'Zakład „Kłos”; piekarnia,2025-01-01 00:15:00,1234.5',
      'Hotel,2025-01-01 00:30:00,0.125',
      '',
    ]);
    expect(csvDialect('en')).toEqual({ separator: ',', decimal: '.' });
  });

  it('a field with a quote or a line break is quoted, its quotes doubled', () => {
    const csv = toCsv(['a'], ['text'], [['say "hi"\nthere']], 'pl');
    expect(csv.slice(1)).toBe('a\r\n"say ""hi""\nthere"\r\n');
  });
});

describe('grid cells', () => {
  it('a column of numbers shares its decimals, at most three', () => {
    expect(columnDigits([1, 2, 3])).toBe(0);
    expect(columnDigits([1, 2.5, 3])).toBe(1);
    expect(columnDigits([0.125, 2.5])).toBe(3);
    expect(columnDigits([1 / 3])).toBe(3);
    expect(cellText(2.5, 'number', 'pl', 3).replace(/\u00a0/g, ' ')).toBe('2,500');
    expect(cellText(12_345.5, 'number', 'en', 1)).toBe('12,345.5');
  });

  it('times: instants local, wall clocks and dates as they are', () => {
    expect(cellText(jan1, 'instant', 'pl')).toBe('1 sty 2025, 00:15');
    expect(cellText(jan1, 'instant', 'en')).toBe('1 Jan 2025, 00:15');
    expect(cellText(jan1, 'wall-clock', 'pl')).toBe('2024-12-31 23:15:00');
    expect(cellText(Date.UTC(2025, 0, 1), 'date', 'pl')).toBe('2025-01-01');
    expect(cellText(null, 'number', 'pl')).toBe('');
  });

  it('a ts column is a time only when its values are epoch milliseconds', () => {
    const cols: ColumnInfo[] = [
      { name: 'ts', typeId: 3 },
      { name: 'min(ts)', typeId: 3 },
      { name: 'sum(ts)', typeId: 3 },
      { name: 'tsx', typeId: 3 },
      { name: 'first', typeId: 3 },
      { name: 'kwh', typeId: 3 },
    ];
    expect(columnKinds(cols, [[jan1 + 1, jan1 + 1, jan1 * 1000, jan1 + 1, jan1, 12.5]])).toEqual([
      'instant',
      'instant',
      'number',
      'number',
      'instant',
      'number',
    ]);
  });
});

describe('a real DuckDB result', () => {
  it('types its columns from Arrow: ts and TIMESTAMPTZ local, TIMESTAMP as written', async () => {
    const db = await openNodeDuckDB({ locked: true });
    const data = syntheticCluster(2, 8);
    db.insertIpc('readings', readingsIpc(data));
    db.insertIpc('members', membersIpc(data.members));
    const table = db.connection.query(
      "SELECT ppe, ts, import_kwh, to_timestamp(ts / 1000) AS t, TIMESTAMP '2025-01-01 00:15' AS wall, 1.25::DECIMAL(5, 2) AS d FROM readings ORDER BY ppe, ts LIMIT 2",
    );
    const fields: ColumnInfo[] = table.schema.fields.map((f) => ({
      name: f.name,
      typeId: f.type.typeId as number,
      timezone: (f.type as { timezone?: string | null }).timezone,
    }));
    const rows = table.toArray().map((r: { toArray(): unknown[] }) => r.toArray());
    const kinds = columnKinds(fields, rows);
    expect(kinds).toEqual(['text', 'instant', 'number', 'instant', 'wall-clock', 'number']);
    const csv = toCsv(
      fields.map((f) => f.name),
      kinds,
      rows,
      'pl',
    );
    const [header, first] = csv.slice(1).split('\r\n');
    expect(header).toBe('ppe;ts;import_kwh;t;wall;d');
    const cells = first.split(';');
    expect(cells[1]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:00$/);
    expect(cells[3]).toBe(cells[1]);
    expect(cells[4]).toBe('2025-01-01 00:15:00');
    expect(cells[5]).toBe('1,25');
  });
});
