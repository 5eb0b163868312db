/**
 * Import speed: a generic long CSV (M meters × a year of quarter-hours, bench/long-csv.mjs; the
 * runner writes it to disk and gives it to the page's file input, as a user's drop) put into the
 * product's path — parse workers, engine, assembly, first KPIs, then the DuckDB tables — against
 * DuckDB's own read_csv on the same bytes in the same run. Results go to window.__bench.
 */
import { DuckDBDataProtocol } from '@duckdb/duckdb-wasm';
import { report } from './report';
import { openBrowserDuckDB } from '../../src/engine/duckdb-browser';
import { insertClusterTables } from '../../src/engine/duckdb-tables';
import { EngineClient } from '../../src/engine/client';
import { newScenario } from '../../src/scenario/model';
import { INTERVALS, longCsvPieces } from '../long-csv.mjs';

const round = (x: number) => Math.round(x * 10) / 10;

async function run(): Promise<string[]> {
  const meters = Number(new URLSearchParams(location.search).get('meters') ?? 100);
  const file = await chosenFile(meters);
  const mb = file.size / 2 ** 20;
  const mark = (name: string) => (window as unknown as { __mark?: (n: string) => void }).__mark?.(name);

  // The product's path.
  const settings = newScenario();
  const engine = new EngineClient();
  const conn = await openBrowserDuckDB();
  mark('product-start');
  const t0 = performance.now();
  // 'parsed': the file read (the parse worker's share done): where the memory peaks, before or after.
  let tParsed = NaN;
  const result = await engine.addFiles([file], settings, (done, total) => {
    if (done === total && tParsed !== tParsed) {
      tParsed = performance.now();
      mark('parsed');
    }
  });
  const tKpis = performance.now();
  mark('kpis');
  await insertClusterTables(conn, await engine.tables());
  const tEnd = performance.now();
  mark('product-end');
  const rows = Number((await conn.query('SELECT count(*) AS n FROM readings')).get(0)?.n);
  if (rows !== meters * INTERVALS || result.cluster.members.length !== meters) throw new Error(`loaded ${rows} rows`);

  // DuckDB's own CSV reader on the same file: as a DuckDB-WASM page takes a drop (the file
  // registered as a handle, DuckDB reading it itself), and, as before, from its bytes read
  // beforehand (the reading from disk left out of its clock, not out of the product's). Into
  // DuckDB's own uncompressed in-memory database (the product's tables are compressed): its fastest.
  const d0 = performance.now();
  await conn.bindings.registerFileHandle('generic-long.csv', file, DuckDBDataProtocol.BROWSER_FILEREADER, true);
  await conn.query("CREATE TABLE memory.main.readings_csv AS SELECT * FROM read_csv('generic-long.csv', header = true)");
  const d1 = performance.now();
  await conn.query('DROP TABLE memory.main.readings_csv');
  await conn.bindings.registerFileBuffer('generic-long-bytes.csv', new Uint8Array(await file.arrayBuffer()));
  const m0 = performance.now();
  await conn.query("CREATE TABLE memory.main.readings_mem AS SELECT * FROM read_csv('generic-long-bytes.csv', header = true)");
  const m1 = performance.now();

  // What the user waits for is the KPIs (as in ingest-tauron-300-files); the SQL tables fill after
  // them, without blocking anything, and are reported beside.
  const kpisMs = tKpis - t0;
  const withTablesMs = tEnd - t0;
  const ratio = (ms: number) => Math.round(((d1 - d0) / ms) * 100) / 100;
  return [
    JSON.stringify({
      bench: `ingest-long-csv-${meters}x${INTERVALS}`,
      file_mb: round(mb),
      ms: Math.round(kpisMs),
      mb_per_s: round(mb / (kpisMs / 1000)),
      // The file read and parsed (its line on screen); the rest of \`ms\` is assembly and the KPIs.
      parsed_ms: Math.round(tParsed - t0),
      tables_to_duckdb_ms: Math.round(tEnd - tKpis),
      ms_with_tables: Math.round(withTablesMs),
      duckdb_read_csv_ms: Math.round(d1 - d0),
      duckdb_read_csv_mb_per_s: round(mb / ((d1 - d0) / 1000)),
      vs_duckdb_read_csv: ratio(kpisMs),
      vs_duckdb_read_csv_with_tables: ratio(withTablesMs),
      duckdb_read_csv_in_memory_ms: Math.round(m1 - m0),
      vs_duckdb_read_csv_in_memory: Math.round(((m1 - m0) / kpisMs) * 100) / 100,
    }),
  ];
}

/** The file given to the page's input (by bench/run.mjs), or, opened by hand without it, made in the tab. */
async function chosenFile(meters: number): Promise<File> {
  const input = document.getElementById('file') as HTMLInputElement;
  if (new URLSearchParams(location.search).get('from') === 'input') {
    await new Promise((resolve) => input.addEventListener('change', resolve, { once: true }));
    const file = input.files?.[0];
    if (!file) throw new Error('no file given');
    return file;
  }
  return new File([...longCsvPieces(meters)], 'generic-long.csv', { type: 'text/csv' });
}

report(run);
