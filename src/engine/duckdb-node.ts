/**
 * DuckDB-WASM's Node build (the same engine the browser runs), for the CLI, tests and benchmarks.
 * Arrow goes in as IPC bytes: the CJS build rejects Arrow objects made by our ESM Arrow copy.
 */
import { createRequire } from 'node:module';
import { createDuckDB, NODE_RUNTIME, VoidLogger, type DuckDBConnection } from '@duckdb/duckdb-wasm/blocking';
import { COMPRESSED_DATABASE, LOCKED_SETTINGS, OFFLINE_SETTINGS, readOnlyStatement, sqlError, type SqlInspector } from './sql';

const require = createRequire(import.meta.url);

export interface NodeSql {
  /** Runs SQL, returning rows as plain objects. */
  rows(sql: string): Record<string, unknown>[];
  /**
   * Runs the user's SQL as the page's console does: one statement that only reads (else a
   * SqlRefusal), DuckDB's errors about files, URLs and extensions turned into a SqlRefusal.
   */
  userRows(sql: string): Promise<Record<string, unknown>[]>;
  insertIpc(table: string, ipc: Uint8Array): void;
  inspector: SqlInspector;
  connection: DuckDBConnection;
}

/**
 * `locked`: no file, URL or extension, settings locked (LOCKED_SETTINGS) — what the user's SQL
 * runs under, as in the page.
 */
export async function openNodeDuckDB(options: { locked?: boolean } = {}): Promise<NodeSql> {
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
  db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
  const connection = db.connect();
  connection.query(OFFLINE_SETTINGS);
  connection.query(COMPRESSED_DATABASE);
  if (options.locked) connection.query(LOCKED_SETTINGS);
  const rows = (sql: string) =>
    connection
      .query(sql)
      .toArray()
      .map((r: { toJSON(): Record<string, unknown> }) => r.toJSON());
  const inspector: SqlInspector = {
    tokenize: (text) => connection.useUnsafe((bindings) => bindings.tokenize(text)),
    explain: (statement) =>
      rows(`EXPLAIN ${statement}`)
        .map((r) => String(r.explain_value))
        .join('\n'),
  };
  return {
    connection,
    inspector,
    rows,
    userRows: async (sql) => {
      const statement = await readOnlyStatement(sql, inspector);
      try {
        return rows(statement);
      } catch (e) {
        throw sqlError(e);
      }
    },
    insertIpc: (table, ipc) => connection.insertArrowFromIPCStream(ipc, { name: table, create: true }),
  };
}
