/**
 * A whole cluster's exports: N members' hourly Tauron eLicznik files of one year (seeded, see
 * bench/tauron-files.mjs; bench/run.mjs writes them to disk and gives them to the page's file
 * input, so that they are files on disk as a user's drop, not bytes in the tab) put into the product's path — parse workers, engine, assembly,
 * first KPIs, then the DuckDB tables — against DuckDB-WASM's own read_csv over the same files in
 * the same run. Results go to window.__bench.
 */
import { DuckDBDataProtocol } from '@duckdb/duckdb-wasm';
import { report } from './report';
import { openBrowserDuckDB } from '../../src/engine/duckdb-browser';
import { insertClusterTables } from '../../src/engine/duckdb-tables';
import { EngineClient } from '../../src/engine/client';
import { parseWorkerCount } from '../../src/engine/parser';
import { newScenario } from '../../src/scenario/model';
import { tauronFile, tauronFileName } from '../tauron-files.mjs';

const round = (x: number) => Math.round(x * 10) / 10;

async function run(): Promise<string[]> {
  const count = Number(new URLSearchParams(location.search).get('files') ?? 300);
  const files = await chosenFiles(count);
  const bytes = files.reduce((a, f) => a + f.size, 0);
  const mb = bytes / 2 ** 20;
  const mark = (name: string) => (window as unknown as { __mark?: (n: string) => void }).__mark?.(name);

  const settings = newScenario();
  const engine = new EngineClient();
  const conn = await openBrowserDuckDB();
  mark('product-start');
  const t0 = performance.now();
  const result = await engine.addFiles(files, settings);
  const tKpis = performance.now();
  mark('kpis');
  await insertClusterTables(conn, await engine.tables());
  const tEnd = performance.now();
  mark('product-end');
  const members = result.cluster.members.length;
  if (members !== count) throw new Error(`${members} members loaded of ${count} files`);
  const failed = result.workspace.files.filter((f) => f.error);
  if (failed.length > 0) throw new Error(`${failed.length} files failed: ${failed[0]!.error!.message}`);

  // DuckDB's own CSV reader over the same files: as a DuckDB-WASM page takes a drop (the files
  // registered as handles, DuckDB reading them itself), and, as before, from their bytes read
  // beforehand (the reading from disk left out of its clock, not out of the product's).
  const sqlList = (prefix: string) => files.map((f) => `'${prefix}${f.name}'`).join(',');
  const readCsv = (table: string, prefix: string) =>
    conn.query(
      `CREATE TABLE memory.main.${table} AS SELECT * FROM read_csv([${sqlList(prefix)}], header = true, delim = ';', decimal_separator = ',', filename = true)`,
    );
  const d0 = performance.now();
  for (const f of files) await conn.bindings.registerFileHandle(`file-${f.name}`, f, DuckDBDataProtocol.BROWSER_FILEREADER, true);
  await readCsv('tauron_csv', 'file-');
  const d1 = performance.now();
  const rows = Number((await conn.query('SELECT count(*) AS n FROM memory.main.tauron_csv')).get(0)?.n);
  if (rows < count * 17_000) throw new Error(`DuckDB read ${rows} rows`);
  await conn.query('DROP TABLE memory.main.tauron_csv');
  for (const f of files) await conn.bindings.registerFileBuffer(`mem-${f.name}`, new Uint8Array(await f.arrayBuffer()));
  const m0 = performance.now();
  await readCsv('tauron_csv_mem', 'mem-');
  const m1 = performance.now();

  const kpisMs = tKpis - t0;
  // The engine's parse worker pool has this many workers on this machine.
  const workers = parseWorkerCount();
  return [
    JSON.stringify({
      bench: `ingest-tauron-${count}-files`,
      files: count,
      mb: round(mb),
      ms: Math.round(kpisMs),
      mb_per_s: round(mb / (kpisMs / 1000)),
      workers,
      tables_to_duckdb_ms: Math.round(tEnd - tKpis),
      ms_with_tables: Math.round(tEnd - t0),
      duckdb_read_csv_ms: Math.round(d1 - d0),
      vs_duckdb_read_csv: Math.round(((d1 - d0) / kpisMs) * 100) / 100,
      vs_duckdb_read_csv_with_tables: Math.round(((d1 - d0) / (tEnd - t0)) * 100) / 100,
      duckdb_read_csv_in_memory_ms: Math.round(m1 - m0),
      vs_duckdb_read_csv_in_memory: Math.round(((m1 - m0) / kpisMs) * 100) / 100,
    }),
  ];
}

/**
 * The files given to the page's input (by bench/run.mjs), or, opened by hand without them, the
 * same files made in the tab.
 */
async function chosenFiles(count: number): Promise<File[]> {
  const input = document.getElementById('files') as HTMLInputElement;
  if (new URLSearchParams(location.search).get('from') === 'input') {
    await new Promise((resolve) => input.addEventListener('change', resolve, { once: true }));
    const files = [...(input.files ?? [])];
    if (files.length !== count) throw new Error(`${files.length} files given, ${count} expected`);
    return files;
  }
  return Array.from({ length: count }, (_, i) => new File([tauronFile(i)], tauronFileName(i), { type: 'text/csv' }));
}

report(run);
