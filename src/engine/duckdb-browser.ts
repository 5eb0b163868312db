/**
 * DuckDB-WASM in the browser, served from the site itself (no CDN): the single-thread `eh` bundle
 * in its own Web Worker (duckdb-worker.ts). Started after the first KPIs are on screen, since it
 * takes ~2 s.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import wasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import { COMPRESSED_DATABASE, LOCKED_SETTINGS, OFFLINE_SETTINGS, type SqlInspector } from './sql';

/**
 * `locked`: no file, URL or extension, settings locked (LOCKED_SETTINGS) — what the user's SQL
 * runs under. Without it DuckDB can still read files registered with it (the benchmarks do).
 */
export async function openBrowserDuckDB(options: { locked?: boolean } = {}): Promise<duckdb.AsyncDuckDBConnection> {
  const worker = new Worker(new URL('./duckdb-worker.ts', import.meta.url), { type: 'module' });
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  // DuckDB-WASM only logs a failed worker and keeps waiting for it.
  const failed = new Promise<never>((_, reject) =>
    worker.addEventListener('error', (e) => reject(new Error(`DuckDB did not start: ${e.message || 'its worker failed'}`))),
  );
  failed.catch(() => undefined); // a failure after the start is not this function's
  await Promise.race([db.instantiate(wasmUrl), failed]);
  await db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
  const conn = await db.connect();
  await conn.query(OFFLINE_SETTINGS);
  await conn.query(COMPRESSED_DATABASE);
  if (options.locked) await conn.query(LOCKED_SETTINGS);
  return conn;
}

/** DuckDB's tokenizer and planner, for the read-only check (sql.ts readOnlyStatement). */
export function browserInspector(conn: duckdb.AsyncDuckDBConnection): SqlInspector {
  return {
    tokenize: (text) => conn.bindings.tokenize(text),
    explain: async (statement) => {
      const plan = await conn.query(`EXPLAIN ${statement}`);
      return plan
        .toArray()
        .map((r: { explain_value: string }) => r.explain_value)
        .join('\n');
    },
  };
}
