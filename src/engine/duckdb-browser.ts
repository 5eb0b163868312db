/**
 * DuckDB-WASM in the browser, served from the site itself (no CDN): the single-thread `eh` bundle
 * in its own Web Worker. Started after the first KPIs are on screen, since it takes ~2 s.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import wasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import workerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { OFFLINE_SETTINGS } from './sql';

export async function openBrowserDuckDB(): Promise<duckdb.AsyncDuckDBConnection> {
  const worker = new Worker(workerUrl);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(wasmUrl);
  await db.open({ query: { castBigIntToDouble: true } });
  const conn = await db.connect();
  await conn.query(OFFLINE_SETTINGS);
  return conn;
}
