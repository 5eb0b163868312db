/**
 * A whole cluster's exports: N members' hourly Tauron eLicznik files of one year (seeded, see
 * bench/tauron-files.mjs; bench/run.mjs writes them to disk and gives them to the page's file
 * input, so that they are files on disk as a user's drop, not bytes in the tab) put into the product's path — parse workers, engine, assembly,
 * first KPIs, then the DuckDB tables — against DuckDB-WASM's own read_csv over the same files in
 * the same run. Results go to window.__bench.
 */
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

  // DuckDB's own CSV reader over the same files (each registered as a buffer, as a drop would).
  const names: string[] = [];
  for (const f of files) {
    await conn.bindings.registerFileBuffer(f.name, new Uint8Array(await f.arrayBuffer()));
    names.push(f.name);
  }
  const list = names.map((n) => `'${n}'`).join(',');
  const d0 = performance.now();
  // Into DuckDB's own uncompressed in-memory database (the product's tables are compressed): its fastest.
  await conn.query(
    `CREATE TABLE memory.main.tauron_csv AS SELECT * FROM read_csv([${list}], header = true, delim = ';', decimal_separator = ',', filename = true)`,
  );
  const d1 = performance.now();
  const rows = Number((await conn.query('SELECT count(*) AS n FROM memory.main.tauron_csv')).get(0)?.n);
  if (rows < count * 17_000) throw new Error(`DuckDB read ${rows} rows`);

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
