/**
 * Import speed: a generic long CSV (M meters × a year of quarter-hours) dropped into the product's
 * path — read and parsed in the engine worker, assembled, handed to DuckDB-WASM as Arrow — against
 * DuckDB's own read_csv on the same bytes in the same run. Results go to window.__bench.
 */
import { report } from './report';
import { openBrowserDuckDB } from '../../src/engine/duckdb-browser';
import { insertClusterTables } from '../../src/engine/duckdb-tables';
import { EngineClient } from '../../src/engine/client';
import { newScenario } from '../../src/scenario/model';

const INTERVALS = 35_040;
const START = Date.UTC(2024, 11, 31, 23);

/** The CSV as a user would have it: ppe,timestamp,import_kwh,export_kwh with ISO UTC times. */
function generateCsv(meters: number): Blob {
  const parts: string[] = ['ppe,timestamp,import_kwh,export_kwh\n'];
  let s = 12345;
  const rnd = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const stamps = Array.from({ length: INTERVALS }, (_, k) => new Date(START + k * 900_000).toISOString().replace('.000', ''));
  for (let m = 0; m < meters; m++) {
    const id = `PL${String(m).padStart(16, '0')}`;
    const rows: string[] = [];
    for (let k = 0; k < INTERVALS; k++) {
      const v = rnd() * 4 - 1;
      rows.push(`${id},${stamps[k]},${v > 0 ? v.toFixed(3) : '0.000'},${v < 0 ? (-v).toFixed(3) : '0.000'}\n`);
    }
    parts.push(rows.join(''));
  }
  return new Blob(parts, { type: 'text/csv' });
}

const round = (x: number) => Math.round(x * 10) / 10;

async function run(): Promise<string[]> {
  const meters = Number(new URLSearchParams(location.search).get('meters') ?? 100);
  const blob = generateCsv(meters);
  const file = new File([blob], 'generic-long.csv');
  const mb = file.size / 2 ** 20;
  const mark = (name: string) => (window as unknown as { __mark?: (n: string) => void }).__mark?.(name);

  // The product's path.
  const settings = newScenario();
  const engine = new EngineClient();
  const conn = await openBrowserDuckDB();
  mark('product-start');
  const t0 = performance.now();
  // The file read (the parse worker's share done): where the memory peaks, before or after.
  const result = await engine.addFiles([file], settings, (done, total) => {
    if (done === total) mark('parsed');
  });
  const tParsed = performance.now();
  mark('kpis');
  await insertClusterTables(conn, await engine.tables());
  const tEnd = performance.now();
  mark('product-end');
  const rows = Number((await conn.query('SELECT count(*) AS n FROM readings')).get(0)?.n);
  if (rows !== meters * INTERVALS || result.cluster.members.length !== meters) throw new Error(`loaded ${rows} rows`);

  // DuckDB's own CSV reader on the same bytes.
  await conn.bindings.registerFileBuffer('generic-long.csv', new Uint8Array(await file.arrayBuffer()));
  const d0 = performance.now();
  await conn.query("CREATE TABLE readings_csv AS SELECT * FROM read_csv('generic-long.csv', header = true)");
  const d1 = performance.now();

  const productMs = tEnd - t0;
  return [
    JSON.stringify({
      bench: `ingest-long-csv-${meters}x${INTERVALS}`,
      file_mb: round(mb),
      ms: Math.round(productMs),
      mb_per_s: round(mb / (productMs / 1000)),
      parse_assemble_compute_ms: Math.round(tParsed - t0),
      arrow_to_duckdb_ms: Math.round(tEnd - tParsed),
      duckdb_read_csv_ms: Math.round(d1 - d0),
      duckdb_read_csv_mb_per_s: round(mb / ((d1 - d0) / 1000)),
      vs_duckdb_read_csv: Math.round(((d1 - d0) / productMs) * 100) / 100,
    }),
  ];
}

report(run);
