/**
 * DuckDB-WASM's Node build (the same engine the browser runs), for the CLI, tests and benchmarks.
 * Arrow goes in as IPC bytes: the CJS build rejects Arrow objects made by our ESM Arrow copy.
 */
import { createRequire } from 'node:module';
import { createDuckDB, NODE_RUNTIME, VoidLogger, type DuckDBConnection } from '@duckdb/duckdb-wasm/blocking';
import { OFFLINE_SETTINGS } from './sql';

const require = createRequire(import.meta.url);

export interface NodeSql {
  /** Runs SQL, returning rows as plain objects. */
  rows(sql: string): Record<string, unknown>[];
  insertIpc(table: string, ipc: Uint8Array): void;
  connection: DuckDBConnection;
}

export async function openNodeDuckDB(): Promise<NodeSql> {
  const bundles = {
    mvp: {
      mainModule: require.resolve('@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm'),
      mainWorker: require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-mvp.worker.cjs'),
    },
    eh: {
      mainModule: require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'),
      mainWorker: require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-eh.worker.cjs'),
    },
  };
  const db = await createDuckDB(bundles, new VoidLogger(), NODE_RUNTIME);
  await db.instantiate();
  db.open({ query: { castBigIntToDouble: true } });
  const connection = db.connect();
  connection.query(OFFLINE_SETTINGS);
  return {
    connection,
    rows: (sql) =>
      connection
        .query(sql)
        .toArray()
        .map((r: { toJSON(): Record<string, unknown> }) => r.toJSON()),
    insertIpc: (table, ipc) => connection.insertArrowFromIPCStream(ipc, { name: table, create: true }),
  };
}
